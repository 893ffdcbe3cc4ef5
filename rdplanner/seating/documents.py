"""The seating documents: the seat map (座次图) and the table name cards (席卡) of an event.

Reads the event's seat plan (the automatic seating is run first if nothing is seated yet) and hands
plain data to the PDF writers, which are imported only when a document is made.
"""

from pathlib import Path
from typing import Callable

from sqlmodel import Session

from rdplanner.events.service import get_event
from rdplanner.labels import ZONES
from rdplanner.seating.assign import rostrum_seat_ranks
from rdplanner.seating.service import ensure_seat_plan, load_seating, run_auto_seating


def _seating(session: Session, event_id: int):
    plan_id, _ = ensure_seat_plan(session, event_id=event_id)
    view = load_seating(session, seat_plan_id=plan_id)
    if not view.assignments:
        run_auto_seating(session, seat_plan_id=plan_id)
        view = load_seating(session, seat_plan_id=plan_id)
    return view


def export_seatmap(session: Session, *, event_id: int, path: Path, viewpoint: str = "audience",
                   page: str = "A3", progress: Callable[[float], None] = lambda _f: None) -> Path:
    """Write the event's seat map PDF, every seat with its label and the name of who sits there."""
    from rdplanner.exports.seatmap_pdf import SeatBox, write_seatmap_pdf

    event = get_event(session, event_id)
    view = _seating(session, event_id)
    labels = view.labels
    names = {a.seat_id: a.name for a in view.assignments}
    boxes = [SeatBox(label=labels[s.id], zone=s.zone, x=s.x, y=s.y, name=names.get(s.id, ""))
             for s in view.seats if not s.disabled]
    return write_seatmap_pdf(path, title=f"{event.name}座次图", date_text=event.dates_text(),
                             venue=event.venue_name, seats=boxes, viewpoint=viewpoint, page=page,
                             zone_labels=ZONES, progress=progress)


def rostrum_names(session: Session, *, event_id: int) -> list[str]:
    """Return the names seated on the rostrum in protocol rank order (No.1 first)."""
    view = _seating(session, event_id)
    ranks = rostrum_seat_ranks(view.seats, even=view.even_convention)
    seated = [(ranks[a.seat_id], a.name) for a in view.assignments if a.seat_id in ranks]
    return [name for _, name in sorted(seated)]


def export_cards(session: Session, *, event_id: int, path: Path, family: str = "serif",
                 per_sheet: bool = False, progress: Callable[[float], None] = lambda _f: None) -> Path:
    """Write the table name cards of everyone on the rostrum, in rank order."""
    from rdplanner.exports.cards_pdf import write_cards_pdf

    return write_cards_pdf(path, names=rostrum_names(session, event_id=event_id), family=family,
                           per_sheet=per_sheet, progress=progress)
