"""The venue set-up document: the checklist (会场布置清单) of every hall of an event, as .pdf or .xlsx.

Reads the venue read model and hands plain rows to rdplanner/exports/venue_pdf.py or venue_xlsx.py;
writes nothing to the database.
"""

from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session

from rdplanner.errors import InvalidInput
from rdplanner.exports.errors import ExportCancelled
from rdplanner.exports.venue_xlsx import CheckLine, HallSection, MaterialLine, VenueSheet
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled
from rdplanner.venue.defaults import BASES, BOOKING_STATUSES
from rdplanner.venue.problems import day_text, span_text
from rdplanner.venue.read import BookingRow, SetupRow, VenueView, load_venue


def local_text(moment: datetime | None) -> str:
    """A stored naive-UTC moment as local wall-clock text, "2026-06-09 15:30" ("" for None)."""
    if moment is None:
        return ""
    return f"{moment.replace(tzinfo=UTC).astimezone():%Y-%m-%d %H:%M}"


def booking_line(booking: BookingRow) -> str:
    """"2026年6月10日 09:00–12:00；已确认；联系人：王五 0571-1234", and any clash after it."""
    status = BOOKING_STATUSES.get(booking.status, booking.status)
    parts = [span_text(booking.starts_at, booking.ends_at), status]
    contact = " ".join(p for p in (booking.contact, booking.phone) if p)
    if contact:
        parts.append(f"联系人：{contact}")
    parts += [f"与“{clash.event_name}”{span_text(clash.starts_at, clash.ends_at)}的预订时间重叠"
              for clash in booking.clashes]
    return "；".join(parts)


def _section(place: str, bookings: list[BookingRow], setup: SetupRow | None) -> HallSection:
    lines = tuple(booking_line(b) for b in bookings)
    if setup is None:
        return HallSection(place, lines)
    approval = (f"{setup.banner_approved_by}（{local_text(setup.banner_approved_at)}）"
                if setup.is_banner_approved else "")
    checks = tuple(CheckLine(c.name, c.checked_by, local_text(c.checked_at) if c.is_done else "", c.notes)
                   for c in setup.checks)
    materials = tuple(MaterialLine(m.name, m.unit, BASES.get(m.basis, m.basis), m.formula, m.quantity,
                                   m.prepared, m.notes) for m in setup.materials)
    return HallSection(place, lines, setup.banner_text, approval, checks, materials)


def venue_sheet(view: VenueView) -> VenueSheet:
    """The checklist's rows: one section per hall with a set-up or a booking, the main hall first."""
    halls: dict[int, str] = {}
    if view.main_hall_id is not None:
        halls[view.main_hall_id] = view.main_hall
    for row in (*view.setups, *view.bookings):
        halls.setdefault(row.hall_id, row.place)
    setups = {s.hall_id: s for s in view.setups}
    sections = tuple(_section(place, [b for b in view.bookings if b.hall_id == hall], setups.get(hall))
                     for hall, place in halls.items())
    if view.start_date == view.end_date:
        dates = day_text(view.start_date)
    else:
        end = view.end_date
        dates = f"{day_text(view.start_date)}至{end.month}月{end.day}日" if end.year == view.start_date.year \
            else f"{day_text(view.start_date)}至{day_text(end)}"
    return VenueSheet(f"{view.event_name}会场布置清单", f"会期：{dates}", sections)


def export_venue(session: Session, *, event_id: int, path: Path, progress: Progress = no_progress,
                 cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the event's venue set-up checklist; the suffix (.pdf or .xlsx) decides the format.

    Raises:
        InvalidInput: another suffix. NotFound: no such event. ExportError, ExportCancelled,
        MissingGlyphsError (PDF), FontError.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InvalidInput(f"会场布置清单只能导出为 .pdf 或 .xlsx 文件，而不是“{suffix or '无扩展名'}”。",
                           field="path")
    sheet = venue_sheet(load_venue(session, event_id))
    if suffix == ".pdf":
        from rdplanner.exports.venue_pdf import write_venue_pdf

        return write_venue_pdf(path, sheet=sheet, progress=progress, cancelled=cancelled)
    from rdplanner.exports.venue_xlsx import write_venue_xlsx

    if cancelled():
        raise ExportCancelled("已取消导出会场布置清单，未生成文件。")
    result = write_venue_xlsx(path, sheet=sheet)
    progress(1.0)
    return result
