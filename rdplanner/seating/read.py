"""Read models of seats and seat assignments."""

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.models import Event, Layout, Seat, SeatAssignment, SeatPlan
from rdplanner.readmodels import load_rows


@dataclass(frozen=True, slots=True)
class SeatRow:
    id: int
    layout_id: int
    label: str
    zone: str
    section: str
    row_no: int
    seat_no: int
    rank: Optional[int]
    x: float
    y: float
    disabled: bool


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    seat_plan_id: int
    seat_id: int
    participation_id: int
    locked: bool


def load_hall_seats(session: Session, event_id: int) -> tuple[SeatRow, ...]:
    """Return the seats of every layout of the event's hall."""
    s = Seat
    query = (
        select(s.id, s.layout_id, s.label, s.zone, s.section, s.row_no, s.seat_no, s.rank, s.x, s.y, s.disabled)
        .join(Layout, Layout.id == s.layout_id)
        .join(Event, Event.hall_id == Layout.hall_id)
        .where(Event.id == event_id)
        .order_by(s.layout_id, s.id)
    )
    return load_rows(session, SeatRow, query)


def load_assignments(session: Session, event_id: int) -> tuple[AssignmentRow, ...]:
    a = SeatAssignment
    query = (
        select(a.seat_plan_id, a.seat_id, a.participation_id, a.locked)
        .join(SeatPlan, SeatPlan.id == a.seat_plan_id)
        .where(SeatPlan.event_id == event_id)
    )
    return load_rows(session, AssignmentRow, query)
