"""The people documents the officer prints: the roster (名单) and the sign-in sheet (签到表).

Turns read models into the exporters' lines, in official order, and writes the files. The writers
(openpyxl, reportlab) are imported when a document is made, not when the pages are built.
"""

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence

from sqlmodel import Session

from rdplanner.events.service import get_event
from rdplanner.labels import EVENT_TYPE_BODY, place_text, unit_and_post
from rdplanner.models import Hall, Sitting
from rdplanner.office_settings import name_convention
from rdplanner.people.attendance import SignInRow, ensure_default_sitting, quorum_for_sitting, sitting_rows
from rdplanner.masking import mask_free_text
from rdplanner.people.quorum import voting_roles
from rdplanner.people.roster_order import official_order, order_roster
from rdplanner.people.service import RosterRow, load_roster
from rdplanner.progress import Progress, no_progress
from rdplanner.store import get_or_raise

if TYPE_CHECKING:
    from rdplanner.exports.glyph_marks import GlyphMarks

WEEKDAYS = "一二三四五六日"


def roster_groups(rows: Sequence[RosterRow], *, by: str, convention: str) -> list[tuple[str, list]]:
    """Group the roster by role (in the order of ROLES) or by delegation, each group in stroke order."""
    def key(row: RosterRow) -> str:
        return (row.delegation or "未分代表团") if by == "delegation" else row.role_label

    groups: dict[str, list[RosterRow]] = {}
    ordered = order_roster(rows, mode="delegation" if by == "delegation" else convention,
                           convention=convention).rows
    for row in ordered:
        groups.setdefault(key(row), []).append(row)
    return [(title, [_roster_line(r) for r in members]) for title, members in groups.items()]


def _roster_line(row: RosterRow):
    from rdplanner.exports.roster_xlsx import RosterLine

    name = row.name + (f"（{row.name_note}）" if row.name_note else "")
    return RosterLine(name=name, gender=row.gender, ethnicity=row.ethnicity,
                      unit_post=unit_and_post(row.unit, row.post, row.role), delegation=row.delegation,
                      phone=row.phone, id_card_no=row.id_card_no or "", notes=row.notes)


def export_roster(session: Session, *, event_id: int, path: Path, by: str = "role",
                  show_sensitive: bool = False) -> Path:
    """Write the event's roster workbook (sensitive fields masked unless ``show_sensitive``)."""
    from rdplanner.exports.roster_xlsx import write_roster_xlsx

    event = get_event(session, event_id)
    convention = name_convention(session, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
    groups = roster_groups(load_roster(session, event_id=event_id), by=by, convention=convention)
    return write_roster_xlsx(path, event_title=event.name, groups=groups,
                             show_sensitive=show_sensitive)


def signin_lines(rows: Sequence[SignInRow], *, voting: frozenset[str], convention: str,
                 closed: bool = False) -> list:
    """Voting members first, then 列席, 旁听 and the rest; in each the ranked by rank, the others by strokes.

    The sheet is posted at the door: a phone or ID number typed into a reason is printed masked. Once the
    sitting has ``closed``, whoever is neither signed in nor on leave is printed 缺席, as in the totals.
    """
    from rdplanner.exports.signin_xlsx import SignInLine

    ordered = official_order(rows, convention=convention, voting=voting)
    return [SignInLine(name=r.name + (f"（{r.name_note}）" if r.name_note else ""), post_unit=r.unit_post,
                       seat=r.seat_label,
                       status=r.shown_status(closed) if r.shown_status(closed) in ("leave", "absent") else "",
                       reason=mask_free_text(r.reason), notes="" if r.role in voting else r.role_label)
            for r in ordered]


def signin_document(session: Session, *, sitting_id: int, now: Optional[datetime] = None) -> dict:
    """Return the keyword arguments of the sign-in writers for one sitting.

    缺席 is filled in only once the sitting has closed (see quorum_for_sitting); before, it is a blank.
    """
    from rdplanner.exports.signin_xlsx import SignInTotals

    sitting = get_or_raise(session, Sitting, sitting_id, "会次")
    event = get_event(session, sitting.event_id)
    result = quorum_for_sitting(session, sitting_id=sitting_id, now=now)
    rows = sitting_rows(session, sitting_id=sitting_id)
    convention = name_convention(session, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
    signed = result.closed or any(r.status == "present" for r in rows)
    totals = SignInTotals(expected=result.expected, present=result.present if signed else None,
                          leave=result.leave, absent=result.away if result.closed else None,
                          unit=result.unit, notes=result.basis_notes())
    return {"meeting": f"{event.name}{sitting.name}",
            "time_text": _time_text(sitting.starts_at, event.start_date),
            "place": sitting.place or _hall_place(session, sitting.hall_id, event.venue_name),
            "lines": signin_lines(rows, voting=voting_roles_of(event.event_type), convention=convention,
                                  closed=result.closed),
            "totals": totals}


def _hall_place(session: Session, hall_id: Optional[int], venue: str) -> str:
    hall = session.get(Hall, hall_id) if hall_id else None
    return place_text(venue, hall.name if hall is not None else "")


def voting_roles_of(event_type: str) -> frozenset[str]:
    from rdplanner.people.quorum import body_for_event_type

    return voting_roles(body_for_event_type(event_type))


def export_signin(session: Session, *, event_id: int, path: Path, sitting_id: Optional[int] = None,
                  marks: "Optional[GlyphMarks]" = None,
                  progress: Progress = no_progress) -> Path:
    """Write the sign-in sheet of a sitting (the first one if none given) as .pdf or .xlsx by suffix.

    ``marks``: the PDF prints the characters its font lacks as 〓 and records the texts there; None
    refuses them (a workbook needs no marks).
    """
    if sitting_id is None:
        sitting_id, _ = ensure_default_sitting(session, event_id=event_id)
    document = signin_document(session, sitting_id=sitting_id)
    if Path(path).suffix.lower() == ".pdf":
        from rdplanner.exports.signin_pdf import write_signin_pdf

        return write_signin_pdf(path, marks=marks, progress=progress, **document)
    from rdplanner.exports.signin_xlsx import write_signin_xlsx

    return write_signin_xlsx(path, **document)


def _time_text(starts_at: Optional[datetime], day) -> str:
    if starts_at is None:
        return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"
    noon = "上午" if starts_at.hour < 12 else "下午"
    hour = starts_at.hour if starts_at.hour <= 12 else starts_at.hour - 12
    return (f"{starts_at.year}年{starts_at.month}月{starts_at.day}日（星期{WEEKDAYS[starts_at.weekday()]}）"
            f"{noon}{hour}:{starts_at.minute:02d}")
