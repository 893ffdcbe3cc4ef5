"""The lodging documents: the rooming list (住宿安排表, .xlsx or .pdf, every hotel or one) for the front
desks, the room-night summary per hotel and room type (住宿用房汇总表, .xlsx), and ``room_nights``, the
room-nights and rates the budget multiplies. Reads the lodging read model; writes nothing to the database.
"""

from collections import defaultdict
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlmodel import Session

from rdplanner.errors import InvalidInput
from rdplanner.exports.errors import ExportCancelled
from rdplanner.exports.rooming_xlsx import HotelSection, RoomingLine, RoomingSheet, SummaryLine, SummarySheet
from rdplanner.lodging.nights import day_text, nights_of
from rdplanner.lodging.read import LodgingView, load_lodging
from rdplanner.office_settings import office_identity
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled


def _dates(view: LodgingView) -> str:
    start, end = view.start_date, view.end_date
    if start == end:
        return f"会期：{start.year}年{day_text(start)}"
    return f"会期：{start.year}年{day_text(start)}至{day_text(end)}"


def hotel_choice(view: LodgingView, hotel: int | str | None) -> int | None:
    """The hotel id ``hotel`` names (an id, or a name); None for every hotel.

    Raises:
        InvalidInput (field ``hotel``): no such hotel.
    """
    if hotel is None or hotel == "":
        return None
    for row in view.directory.hotels:
        if row.id == hotel or row.name == str(hotel).strip() or str(row.id) == str(hotel).strip():
            return row.id
    raise InvalidInput(f"没有名为“{str(hotel)[:40]}”的饭店。", field="hotel")


def rooming_sheet(view: LodgingView, hotel_id: int | None = None) -> RoomingSheet:
    """The rooming list's rows: per hotel with stays, one line per room and dates, by floor and number."""
    by_room: dict[int, dict[tuple[date, date], list]] = defaultdict(lambda: defaultdict(list))
    for stay in view.stays:
        by_room[stay.room_id][(stay.check_in, stay.check_out)].append(stay)
    sections = []
    for hotel in view.directory.hotels:
        if hotel_id is not None and hotel.id != hotel_id:
            continue
        lines = []
        guests = nights = 0
        rooms = [r for r in view.directory.rooms if r.hotel_id == hotel.id and r.id in by_room]
        for room in rooms:
            kind = view.room_type(room.room_type_id)
            for (check_in, check_out), stays in sorted(by_room[room.id].items()):
                names = "、".join(view.guest(s.participation_id).name for s in stays)
                notes = "；".join(s.notes for s in stays if s.notes)
                lines.append(RoomingLine(room.number, kind.name, names, (check_out - check_in).days,
                                         day_text(check_in), day_text(check_out), notes))
                guests += len(stays)
            nights += len({n for span in by_room[room.id] for n in nights_of(*span)})
        if not lines:
            continue
        info = "　".join(t for t in (f"地址：{hotel.address}" if hotel.address else "",
                                    f"联系人：{hotel.contact} {hotel.phone}".strip() if hotel.contact or hotel.phone
                                    else "") if t)
        sections.append(HotelSection(hotel.name, info, tuple(lines),
                                     f"共 {len(rooms)} 间，入住 {guests} 人，{nights} 间·夜。"))
    return RoomingSheet(f"{view.event_name}住宿安排表", _dates(view), tuple(sections))


def signature_line(session: Session) -> str:
    """"制表单位：…　经办人：…　联系电话：…　制表日期：____年__月__日": who answers the front desk's questions."""
    office = office_identity(session)
    parts = [f"制表单位：{office.name}", f"经办人：{office.officer or '________'}"]
    if office.phone:
        parts.append(f"联系电话：{office.phone}")
    return "　".join(parts + ["制表日期：____年__月__日"])


def room_nights_of(view: LodgingView) -> list[tuple[str, str, int, dict[date, int]]]:
    """(hotel, room type, rate in fen, {night: rooms used}) per room type with stays or blocks."""
    used: dict[int, dict[date, set[int]]] = defaultdict(lambda: defaultdict(set))
    for stay in view.stays:
        kind = view.room(stay.room_id).room_type_id
        for night in nights_of(stay.check_in, stay.check_out):
            used[kind][night].add(stay.room_id)
    kinds = set(used) | {b.room_type_id for b in view.blocks}
    rows = []
    for hotel in view.directory.hotels:
        for kind in view.directory.room_types:
            if kind.hotel_id == hotel.id and kind.id in kinds:
                rows.append((hotel.name, kind.name, kind.rate_fen,
                             {n: len(r) for n, r in used[kind.id].items()}, kind.id))
    return rows


def room_nights(session: Session, event_id: int) -> list[tuple[str, str, int, int]]:
    """(hotel, room type, rate in fen, room-nights) of the event's stays, per hotel and room type (a shared
    room counts once a night): the budget's lodging cost is the sum of rate × room-nights."""
    return [(hotel, kind, rate, sum(per_night.values()))
            for hotel, kind, rate, per_night, _ in room_nights_of(load_lodging(session, event_id))
            if per_night]


def summary_sheet(view: LodgingView) -> SummarySheet:
    rows = room_nights_of(view)
    nights = sorted({n for *_, per_night, _ in rows for n in per_night} | {b.night for b in view.blocks})
    held: dict[int, int] = defaultdict(int)
    for block in view.blocks:
        held[block.room_type_id] += block.held
    lines = []
    total_nights = total_fen = 0
    for hotel, kind, rate, per_night, kind_id in rows:
        count = sum(per_night.values())
        total_nights += count
        total_fen += count * rate
        lines.append(SummaryLine(hotel, kind, rate / 100, tuple(per_night.get(n, 0) for n in nights), count,
                                 count * rate / 100, held[kind_id]))
    return SummarySheet(f"{view.event_name}住宿用房汇总表", _dates(view), tuple(day_text(n) for n in nights),
                        tuple(lines), total_nights, total_fen / 100, sum(held.values()))


def export_rooming(session: Session, *, event_id: int, path: Path, hotel: int | str | None = None,
                   marks=None, progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the rooming list of every hotel (or ``hotel``: an id or a name); the suffix (.xlsx or .pdf)
    decides the format.

    Raises:
        InvalidInput: another suffix (path), no such hotel (hotel). NotFound. ExportError, ExportCancelled,
        MissingGlyphsError (PDF), FontError.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InvalidInput(f"住宿安排表只能导出为 .pdf 或 .xlsx 文件，而不是“{suffix or '无扩展名'}”。", field="path")
    view = load_lodging(session, event_id)
    sheet = replace(rooming_sheet(view, hotel_choice(view, hotel)), signature=signature_line(session))
    if suffix == ".pdf":
        from rdplanner.exports.rooming_pdf import write_rooming_pdf

        return write_rooming_pdf(path, sheet=sheet, marks=marks, progress=progress, cancelled=cancelled)
    from rdplanner.exports.rooming_xlsx import write_rooming_xlsx

    if cancelled():
        raise ExportCancelled("已取消导出住宿安排表，未生成文件。")
    result = write_rooming_xlsx(path, sheet=sheet)
    progress(1.0)
    return result


def export_rooms_summary(session: Session, *, event_id: int, path: Path, progress: Progress = no_progress,
                         cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the room-night summary (.xlsx). Raises InvalidInput (another suffix); NotFound; ExportError."""
    if Path(path).suffix.lower() != ".xlsx":
        raise InvalidInput("住宿用房汇总表只能导出为 .xlsx 文件。", field="path")
    from rdplanner.exports.rooming_xlsx import write_summary_xlsx

    sheet = summary_sheet(load_lodging(session, event_id))
    if cancelled():
        raise ExportCancelled("已取消导出住宿用房汇总表，未生成文件。")
    result = write_summary_xlsx(path, sheet=sheet)
    progress(1.0)
    return result
