"""Seating's part of the undo protocol (rdplanner.undo): a seat plan's assignments and layout as plain
data, the plan row lock, and putting a snapshot back (skipping what no longer exists, and counting it).
"""

from dataclasses import dataclass
from itertools import starmap

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from rdplanner.errors import InvalidInput
from rdplanner.models import Layout, Participation, Seat, SeatAssignment, SeatPlan
from rdplanner.seating.plan_store import locked_plan, plan_changes
from rdplanner.store import get_or_raise
from rdplanner.undo import Restored


@dataclass(frozen=True, slots=True)
class Placement:
    seat_id: int
    participation_id: int
    locked: bool
    source: str


@dataclass(frozen=True)
class Snapshot:
    """Every assignment of one seat plan at one moment, sorted by seat, and the layout it was in."""

    seat_plan_id: int
    placements: tuple[Placement, ...]
    layout_id: int | None = None  # None: whatever layout the plan has (nothing to switch back)


def snapshot(session: Session, *, seat_plan_id: int) -> Snapshot:
    """Return the plan's assignments and layout as plain data."""
    plan = get_or_raise(session, SeatPlan, seat_plan_id, "座次图")
    a = SeatAssignment.__table__.c
    rows = session.execute(
        select(a.seat_id, a.participation_id, a.locked, a.source)
        .where(a.seat_plan_id == seat_plan_id)
        .order_by(a.seat_id)
    ).all()
    return Snapshot(seat_plan_id, tuple(starmap(Placement, rows)), plan.layout_id)


def put_back(session: Session, *, seat_plan_id: int, state: Snapshot) -> Restored:
    """Make the plan's assignments (and layout) exactly those of ``state``; the caller commits.

    Placements whose seat has left the layout or been disabled, or whose participant has left the
    event, are skipped (and counted); so is a second placement of the same person or seat.

    Raises:
        NotFound: no such plan. InvalidInput: the snapshot belongs to another plan, or its layout is gone.
    """
    plan = locked_plan(session, seat_plan_id)
    if state.seat_plan_id != seat_plan_id:
        raise InvalidInput("撤销记录与当前座次图不符，无法恢复。", field="seat_plan_id")
    if state.layout_id is not None and state.layout_id != plan.layout_id:
        _switch_layout(session, plan, state.layout_id)
    seats = set(
        session.scalars(select(Seat.id).where(Seat.layout_id == plan.layout_id, Seat.disabled.is_(False)))
    )
    people = set(session.scalars(select(Participation.id).where(Participation.event_id == plan.event_id)))
    rows, used_seats, used_people = [], set(), set()
    for p in state.placements:
        if (p.seat_id in seats and p.participation_id in people
                and p.seat_id not in used_seats and p.participation_id not in used_people):
            used_seats.add(p.seat_id)
            used_people.add(p.participation_id)
            rows.append({"seat_plan_id": seat_plan_id, "seat_id": p.seat_id,
                         "participation_id": p.participation_id, "locked": p.locked, "source": p.source})
    table = SeatAssignment.__table__
    session.execute(delete(table).where(table.c.seat_plan_id == seat_plan_id))
    if rows:
        session.execute(insert(table), rows)
    session.flush()
    return Restored(plan_changes(plan.event_id).changes, len(state.placements) - len(rows))


def _switch_layout(session: Session, plan: SeatPlan, layout_id: int) -> None:
    halls = dict(session.execute(select(Layout.id, Layout.hall_id)
                                 .where(Layout.id.in_([layout_id, plan.layout_id]))).all())
    if halls.get(layout_id) is None or halls[layout_id] != halls.get(plan.layout_id):
        raise InvalidInput("撤销记录中的座位布局已不存在或不属于本会场，无法恢复。", field="layout_id")
    plan.layout_id = layout_id
    plan.version += 1
    session.flush()


class SeatingSnapshots:
    """The undo protocol for one seat plan (key: its id)."""

    domain = "seating"

    def take(self, session: Session, key: int) -> Snapshot:
        return snapshot(session, seat_plan_id=key)

    def lock(self, session: Session, key: int) -> None:
        locked_plan(session, key)

    def restore(self, session: Session, key: int, state: Snapshot) -> Restored:
        return put_back(session, seat_plan_id=key, state=state)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(SeatPlan.name).where(SeatPlan.id == key))
        return f"座次图“{name}”" if name else "座次图"


SEATING = SeatingSnapshots()
