"""The seating documents: the seat map (座次图), the table name cards (席卡) and the "find your seat" list
(对号入座名单) of an event.

Reads the event's seat plan (the automatic seating is run first if nothing is seated yet) and hands
plain data to the writers, which are imported only when a document is made.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.errors import InvalidInput
from rdplanner.events.service import get_event
from rdplanner.labels import EVENT_TYPE_BODY, ZONES, place_text, zone_label, zone_labels
from rdplanner.models import Event, Hall, Layout, Participation, Person, Seat, SeatPlan
from rdplanner.office_settings import name_convention
from rdplanner.people.ordering import CONVENTION_LABELS, sort_people
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled, sub_step
from rdplanner.seating.assign import ROSTRUM, rostrum_seat_ranks
from rdplanner.seating.layouts import centred_short_row
from rdplanner.seating.service import SeatingView, load_seating, saved_seat_plan
from rdplanner.store import get_or_raise

if TYPE_CHECKING:
    from rdplanner.exports.glyph_marks import GlyphMarks

VIEWPOINTS = {"audience": "面向主席台", "stage": "主席台视角"}
PAGES = ("A4", "A3")
FAMILIES = {"serif": "宋体风格（衬线）", "sans": "黑体风格（无衬线）"}
CARD_SCOPES = {"rostrum": "主席台人员（按位次）", "tables": "全部就座人员（按位次和座位）"}
TABLE_KINDS = frozenset({"boardroom", "banquet"})
MAX_TILES = 64
UNSEATED = "未安排座位"


def _seating(session: Session, event_id: int) -> tuple[int, SeatingView]:
    """The event's saved seating, as it is: a document prints what is saved and never writes.

    Raises:
        InvalidInput: the event has no seat plan yet, or nobody is seated in it.
    """
    plan_id = saved_seat_plan(session, event_id=event_id)
    view = load_seating(session, seat_plan_id=plan_id) if plan_id is not None else None
    if view is None or not view.assignments:
        name = get_or_raise(session, Event, event_id, "活动").name
        raise InvalidInput(f"活动“{name}”还没有排座（座次表中无人入座），无法导出座次文档。请先在“座次”页排座"
                           "（可点“自动排座”），保存后再导出。", field="seat_plan")
    # People whose leave was approved after they were seated keep their chair until the next automatic
    # seating; nothing printed may show them (no card, no name on the map or the list).
    away = {pid for p in view.problems if p.code == "on_leave_seated" for pid in p.ids("participation")}
    if away:
        view = replace(view, assignments=tuple(a for a in view.assignments if a.participation_id not in away))
    return plan_id, view


def _check_choice(value: str, allowed: Sequence[str], what: str, field: str) -> None:
    if value not in allowed:
        raise InvalidInput(f"{what}应为 {'、'.join(allowed)} 之一，而不是“{value}”。", field=field)


def export_seatmap(session: Session, *, event_id: int, path: Path, viewpoint: str = "audience",
                   page: str = "A3", landscape: bool = True, tiles: tuple[int, int] | None = None,
                   marks: "GlyphMarks | None" = None, progress: Progress = no_progress,
                   cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the event's seat map PDF, every seat with its label and the name of who sits there.

    Args:
        viewpoint: "audience" (面向主席台) or "stage" (主席台视角).
        page: "A4" or "A3"; landscape: across the sheet (default) or upright.
        tiles: (columns, rows) to print a large hall across several sheets after an overview; None: one.
        marks: print the characters the font lacks as 〓 and record the texts there; None refuses them.

    Raises:
        InvalidInput: a bad viewpoint, page or tiles. NotFound: no such event. ExportError and its kinds.
    """
    from rdplanner.exports.seatmap_pdf import SeatBox, write_seatmap_pdf
    from rdplanner.seating.editing import layout_tables

    _check_choice(viewpoint, tuple(VIEWPOINTS), "视角", "viewpoint")
    _check_choice(page, PAGES, "纸张", "page")
    if tiles is not None and (min(tiles) < 1 or tiles[0] * tiles[1] > MAX_TILES):
        raise InvalidInput(f"分图应为“列×行”，每项至少为 1，合计不超过 {MAX_TILES} 张，"
                           f"而不是 {tiles[0]}×{tiles[1]}。", field="tiles")
    event = get_event(session, event_id)
    _, view = _seating(session, event_id)
    labels = view.labels
    names = {a.seat_id: a.name for a in view.assignments}
    boxes = [SeatBox(label=labels[s.id], zone=s.zone, x=s.x, y=s.y, name=names.get(s.id, ""))
             for s in view.seats if not s.disabled]
    if view.layout_kind not in TABLE_KINDS:
        boxes = _close_up_short_rows(view, names, boxes)
    tables = layout_tables(session, layout_id=view.layout_id)
    extra: dict = {"zone_labels": zone_labels(event.event_type)}
    if view.layout_kind in TABLE_KINDS:
        # A table layout is drawn with the door at the bottom (the head seat faces it), whatever the view.
        head = "主桌" if view.layout_kind == "banquet" else "主位"
        extra = {"rostrum_label": head, "zone_labels": {**zone_labels(event.event_type), "rostrum": head},
                 "view_text": ("门口在下方", "（1 号位面向门口）") if viewpoint == "audience"
                 else ("门口在上方", "（图已旋转 180°）")}
    return write_seatmap_pdf(path, title=f"{event.name}座次图", date_text=event.dates_text(),
                             venue=_place(session, event.venue_name, view.layout_id), seats=boxes,
                             viewpoint=viewpoint, page=page,
                             landscape=landscape, tiles=tiles, tables=tables, marks=marks, progress=progress,
                             cancelled=cancelled, **extra)


def _place(session: Session, venue: str, layout_id: int | None) -> str:
    """Return the place printed on a seating document: the venue, then the hall the layout belongs to."""
    hall = session.scalar(select(Hall.name).join(Layout, Layout.hall_id == Hall.id)
                          .where(Layout.id == layout_id))
    return place_text(venue, hall or "")


def _close_up_short_rows(view: SeatingView, names: dict[int, str], boxes: list) -> list:
    """Return the boxes with every short rostrum row closed up and centred (layouts.centred_short_row).

    A row is short when its people hold exactly its best-ranked chairs and some chairs are left over;
    an empty chair among seated people (someone taken off by hand) is drawn as it is.
    """
    from rdplanner.exports.seatmap_pdf import SeatBox

    ranks = rostrum_seat_ranks(view.seats, even=view.even_convention)
    rows: dict[int, list] = {}
    for seat in view.seats:
        if seat.zone == ROSTRUM and not seat.disabled and seat.rank is None and seat.id in ranks:
            rows.setdefault(seat.row_no, []).append(seat)
    dropped, added = set(), []
    for row in rows.values():
        by_rank = sorted(row, key=lambda seat: ranks[seat.id])
        seated = [seat for seat in by_rank if names.get(seat.id)]
        if not 0 < len(seated) < len(row) or seated != by_rank[:len(seated)]:
            continue
        dropped |= {view.labels[seat.id] for seat in row}
        added += [SeatBox(label=view.labels[seated[rank - 1].id], zone=ROSTRUM, x=x, y=row[0].y,
                          name=names[seated[rank - 1].id])
                  for x, rank in centred_short_row([seat.x for seat in row], len(seated),
                                                   even=view.even_convention)]
    return [box for box in boxes if box.label not in dropped] + added


def _zone_index(zone: str) -> int:
    return list(ZONES).index(zone) if zone in ZONES else len(ZONES)


def _seat_keys(session: Session, plan_id: int, view: SeatingView) -> dict[int, tuple]:
    """Return every seat's place in "rank/seat order": zone by zone (the rostrum first); within a zone
    the seats with a rank (explicit, else the rostrum protocol) by rank, then front row first, each row
    from the rostrum's left hand."""
    layout_id = session.scalar(select(SeatPlan.layout_id).where(SeatPlan.id == plan_id))
    explicit = dict(session.execute(select(Seat.id, Seat.rank).where(
        Seat.layout_id == layout_id, Seat.rank.is_not(None))).all())
    protocol = rostrum_seat_ranks(view.seats, even=view.even_convention)
    keys = {}
    for s in view.seats:
        rank = explicit.get(s.id, protocol.get(s.id) if s.zone == ROSTRUM else None)
        keys[s.id] = (_zone_index(s.zone), rank is None, rank or 0, s.row_no, -s.x, s.seat_no)
    return keys


def _seated_in_order(session: Session, event_id: int, *, rostrum_only: bool) -> list[str]:
    plan_id, view = _seating(session, event_id)
    keys = _seat_keys(session, plan_id, view)
    zones = {s.id: s.zone for s in view.seats}
    seated = [a for a in view.assignments if not rostrum_only or zones.get(a.seat_id) == ROSTRUM]
    return [a.name for a in sorted(seated, key=lambda a: keys[a.seat_id])]


def rostrum_names(session: Session, *, event_id: int) -> list[str]:
    """Return the names seated on the rostrum in protocol rank order (No.1 first)."""
    return _seated_in_order(session, event_id, rostrum_only=True)


def default_card_scope(session: Session, event_id: int) -> str:
    """Return whose cards are made by default: "tables" (everyone seated) when the event's seating layout
    is a boardroom table or a banquet, else "rostrum".

    Raises:
        NotFound: no such event.
    """
    event = get_or_raise(session, Event, event_id, "活动")
    layout_id = session.scalar(select(SeatPlan.layout_id).where(
        SeatPlan.event_id == event_id, SeatPlan.sitting_id.is_(None)).order_by(SeatPlan.id))
    if layout_id is None and event.hall_id is not None:
        first = select(Layout.id).where(Layout.hall_id == event.hall_id).order_by(Layout.id)
        layout_id = session.scalar(first)
    kind = session.scalar(select(Layout.kind).where(Layout.id == layout_id)) if layout_id else None
    return "tables" if kind in TABLE_KINDS else "rostrum"


def card_names(session: Session, *, event_id: int, scope: str | None = None) -> list[str]:
    """Return the names to print cards for: "rostrum" in rank order, or "tables" (everyone seated) in
    rank/seat order; None takes default_card_scope."""
    scope = scope or default_card_scope(session, event_id)
    _check_choice(scope, tuple(CARD_SCOPES), "席卡范围", "scope")
    return _seated_in_order(session, event_id, rostrum_only=scope == "rostrum")


def export_cards(session: Session, *, event_id: int, path: Path, size: str = "210×140", family: str = "serif",
                 per_sheet: bool = False, scope: str | None = None, marks: "GlyphMarks | None" = None,
                 progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the table name cards, one tent card per name, in rank (and seat) order.

    Args:
        size: a key of cards_pdf.SIZES_MM, such as "210×140" ("210x140" is accepted too).
        family: "serif" or "sans"; per_sheet: pack several cards on A4 sheets with cut marks.
        scope: "rostrum", "tables" or None for default_card_scope.
        marks: print the characters the font lacks as 〓 and record the names there; None refuses them.

    Raises:
        InvalidInput: a bad size, family or scope. NotFound: no such event. ExportError and its kinds.
    """
    from rdplanner.exports.cards_pdf import SIZES_MM, write_cards_pdf

    size = size.replace("x", "×").replace("X", "×").replace("*", "×")
    _check_choice(size, tuple(SIZES_MM), "席卡尺寸（毫米）", "size")
    _check_choice(family, tuple(FAMILIES), "字体", "family")
    names = card_names(session, event_id=event_id, scope=scope)
    return write_cards_pdf(path, names=names, size_mm=SIZES_MM[size], family=family, per_sheet=per_sheet,
                           marks=marks, progress=progress, cancelled=cancelled)


@dataclass(frozen=True)
class _Listed:
    participation_id: int
    name: str
    unit: str
    on_leave: bool


def _people(session: Session, event_id: int) -> dict[int, _Listed]:
    p = Participation
    rows = session.execute(select(p.id, Person.name, Person.name_note, p.delegation, Person.delegation,
                                  Person.unit, p.leave_status).join(Person, Person.id == p.person_id)
                           .where(p.event_id == event_id).order_by(p.id))
    return {pid: _Listed(pid, name + (f"（{note}）" if note else ""), delegation or own or unit,
                         leave == "approved") for pid, name, note, delegation, own, unit, leave in rows}


def seatlist_groups(session: Session, *, event_id: int) -> tuple[list, str]:
    """Return the list's groups (rostrum by rank, each zone in official stroke order, then the people
    without a seat, leaving out those on approved leave) and the sentence saying how it is ordered.

    Raises:
        NotFound: no such event. InvalidInput: the event has no hall or layout to seat in.
    """
    from rdplanner.exports.seatlist_xlsx import SeatListGroup, SeatListLine

    event = get_event(session, event_id)
    convention = name_convention(session, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
    plan_id, view = _seating(session, event_id)
    keys = _seat_keys(session, plan_id, view)
    people = _people(session, event_id)
    zones = {s.id: s.zone for s in view.seats}
    by_zone: dict[str, list] = {}
    for a in sorted(view.assignments, key=lambda a: keys[a.seat_id]):
        if a.participation_id in people:
            entry = (people[a.participation_id], view.labels[a.seat_id])
            by_zone.setdefault(zones[a.seat_id], []).append(entry)
    seated = {a.participation_id for a in view.assignments}
    groups = []
    for zone, members in by_zone.items():  # zones come in print order: keys start with the zone's index
        if zone != ROSTRUM:
            members = sort_people(members, key=lambda m: m[0].name, convention=convention)
        lines = tuple(SeatListLine(person.name, person.unit, label) for person, label in members)
        groups.append(SeatListGroup(zone_label(zone, event.event_type), lines))
    unseated = sort_people([p for pid, p in people.items() if pid not in seated and not p.on_leave],
                           key=lambda p: p.name, convention=convention)
    if unseated:
        groups.append(SeatListGroup(UNSEATED, tuple(SeatListLine(p.name, p.unit, "") for p in unseated)))
    note = f"主席台按职务排序，其余各区按{CONVENTION_LABELS[convention]}排序"
    return groups, note


def export_seatlist(session: Session, *, event_id: int, path: Path, marks: "GlyphMarks | None" = None,
                    progress: Progress = no_progress,
                    cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the "find your seat" list (对号入座名单): a .pdf or an .xlsx, chosen by the file's suffix.

    ``marks``: the PDF prints the characters its font lacks as 〓 and records the texts there; None
    refuses them. A workbook is shown in the reader's own fonts and needs no marks.

    Raises:
        InvalidInput: the file is neither .pdf nor .xlsx, or the event cannot be seated. NotFound: no such
        event. ExportError and its kinds (MissingGlyphsError, ExportCancelled).
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InvalidInput(f"对号入座名单只能导出为 .pdf 或 .xlsx 文件，而不是“{Path(path).name}”。",
                           field="path")
    event = get_event(session, event_id)
    groups, note = seatlist_groups(session, event_id=event_id)
    venue = _place(session, event.venue_name, session.scalar(
        select(SeatPlan.layout_id).where(SeatPlan.id == saved_seat_plan(session, event_id=event_id))))
    progress(0.1)
    if suffix == ".xlsx":
        from rdplanner.exports.seatlist_xlsx import write_seatlist_xlsx

        made = write_seatlist_xlsx(path, meeting=event.name, date_text=event.dates_text(),
                                   venue=venue, groups=groups)
        progress(1.0)
        return made
    from rdplanner.exports.seatlist_pdf import write_seatlist_pdf

    return write_seatlist_pdf(path, meeting=event.name, date_text=event.dates_text(), venue=venue,
                              groups=groups, note=note, marks=marks,
                              progress=sub_step(progress, 0.1, 1.0), cancelled=cancelled)


def card_defaults(session: Session, event_id: int) -> dict:
    """The cards' options for this event: everyone at a boardroom or banquet table, else the rostrum."""
    return {"scope": default_card_scope(session, event_id)}
