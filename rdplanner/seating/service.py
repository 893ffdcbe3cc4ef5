"""Seating services, one per user action: create an event's seat plan, run the automatic seating,
place by hand (swapping), lock, clear, and read a plan with its problems. Each mutation returns Changes.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.labels import EVENT_TYPE_BODY
from rdplanner.models import Event, Layout, Participation, Person, Seat, SeatAssignment, SeatPlan
from rdplanner.office_settings import name_convention
from rdplanner.seating import assign
from rdplanner.seating.assign import EXPLANATION, SeatSpot, Sitter
from rdplanner.seating.problems import Problem, seating_problems, unprintable_names
from rdplanner.store import get_or_raise


@dataclass(frozen=True, slots=True)
class AssignmentView:
    """A participant in a seat, with what the seating screen shows."""

    seat_id: int
    participation_id: int
    name: str
    role: str
    locked: bool
    source: str


@dataclass(frozen=True)
class SeatingView:
    """A seat plan as plain data: its settings, seats, assignments and problems."""

    seat_plan_id: int
    event_id: int
    layout_id: int
    viewpoint: str
    even_convention: str
    ordering: str
    seats: tuple[SeatSpot, ...]
    assignments: tuple[AssignmentView, ...]
    problems: tuple[Problem, ...]
    explanation: str = EXPLANATION
    labels: Mapping[int, str] = field(default_factory=dict)  # seat id → printed label


def _changes(event_id: int) -> Changes:
    return Changes(event_ids=frozenset({event_id}), plans=True)


def ensure_seat_plan(session: Session, *, event_id: int) -> tuple[int, Changes]:
    """Return the event's seat plan, creating it on the first layout of the event's hall.

    Raises:
        NotFound: no such event. InvalidInput: the event has no hall, or the hall no layout.
    """
    event = get_or_raise(session, Event, event_id, "活动")
    existing = session.scalar(select(SeatPlan.id).where(SeatPlan.event_id == event_id,
                                                        SeatPlan.sitting_id.is_(None)).order_by(SeatPlan.id))
    if existing is not None:
        return existing, Changes()
    if event.hall_id is None:
        raise InvalidInput("该活动尚未指定会场（会议厅），无法排座。请先在活动信息中选择会场。",
                           field="hall_id")
    layout_id = session.scalar(select(Layout.id).where(Layout.hall_id == event.hall_id).order_by(Layout.id))
    if layout_id is None:
        raise InvalidInput("该会场还没有座位布局，无法排座。请先为会场建立座位布局。", field="layout_id")
    plan = SeatPlan(event_id=event_id, layout_id=layout_id, name=event.name)
    session.add(plan)
    session.commit()
    return plan.id, _changes(event_id)


def _seats(session: Session, layout_id: int) -> tuple[SeatSpot, ...]:
    s = Seat
    rows = session.execute(select(s.id, s.zone, s.row_no, s.seat_no, s.x, s.y, s.disabled)
                           .where(s.layout_id == layout_id).order_by(s.id))
    return tuple(SeatSpot(*row) for row in rows)


def _sitters(session: Session, event_id: int, rostrum_seats: int, kept: frozenset[int]) -> tuple[Sitter, ...]:
    p = Participation
    rows = session.execute(select(p.id, Person.name, p.role, p.rank_order, p.delegation)
                           .join(Person, Person.id == p.person_id).where(p.event_id == event_id)
                           .order_by(p.id)).all()
    # Default rostrum: whoever is locked there by hand (a manual override), then the body's leaders,
    # i.e. the voting members with the best ranks, for the seats left.
    voting = (r for r in rows if r.role in assign.VOTING_ROLES and r.rank_order > 0 and r.id not in kept)
    ranked = sorted(voting, key=lambda r: r.rank_order)
    chosen = set(kept) | {r.id for r in ranked[:max(rostrum_seats - len(kept), 0)]}
    return tuple(Sitter(r.id, r.name, r.role, r.rank_order, r.delegation, r.id in chosen) for r in rows)


def _plan(session: Session, seat_plan_id: int) -> SeatPlan:
    return get_or_raise(session, SeatPlan, seat_plan_id, "座次图")


def _inputs(session: Session, plan: SeatPlan, rows: list) -> tuple[tuple[SeatSpot, ...], tuple[Sitter, ...]]:
    seats = _seats(session, plan.layout_id)
    rostrum = {s.id for s in seats if s.zone == assign.ROSTRUM and not s.disabled}
    kept = frozenset(a.participation_id for a in rows if a.locked and a.seat_id in rostrum)
    return seats, _sitters(session, plan.event_id, len(rostrum), kept)


def _assignments(session: Session, seat_plan_id: int) -> list[SeatAssignment]:
    # populate_existing: bulk deletes and inserts bypass the identity map, and SQLite reuses row ids.
    query = select(SeatAssignment).where(SeatAssignment.seat_plan_id == seat_plan_id)
    return list(session.scalars(query.execution_options(populate_existing=True)))


def _assignment_rows(session: Session, seat_plan_id: int) -> list:
    # Plain rows, not ORM objects: loading 1,000 entities would cost more than the seating itself.
    a = SeatAssignment.__table__.c
    query = select(a.seat_id, a.participation_id, a.locked, a.source).where(a.seat_plan_id == seat_plan_id)
    return list(session.execute(query.order_by(a.seat_id)))


def _print_gaps(name: str) -> list[str]:
    """Characters of a name missing from the seat-map font (sans) or the card font (serif bold)."""
    from rdplanner.exports.fonts import missing_glyphs, printable_text

    text = printable_text(name)
    return list(dict.fromkeys(missing_glyphs(text, "sans") + missing_glyphs(text, "serif", bold=True)))


def load_seating(session: Session, *, seat_plan_id: int) -> SeatingView:
    """Return the seat plan as plain data, with the problems of its current seating."""
    plan = _plan(session, seat_plan_id)
    rows = _assignment_rows(session, seat_plan_id)
    seats, sitters = _inputs(session, plan, rows)
    by_pid = {s.participation_id: s for s in sitters}
    views = tuple(AssignmentView(a.seat_id, a.participation_id, by_pid[a.participation_id].name,
                                 by_pid[a.participation_id].role, a.locked, a.source)
                  for a in rows if a.participation_id in by_pid)
    placements = {a.seat_id: a.participation_id for a in rows}
    seated = set(placements.values())
    problems = tuple(sorted(
        seating_problems(seats, sitters, placements, even=plan.even_convention)
        + unprintable_names([s for s in sitters if s.participation_id in seated], _print_gaps),
        key=lambda problem: problem.severity != "error"))
    labels = dict(session.execute(select(Seat.id, Seat.label).where(Seat.layout_id == plan.layout_id)).all())
    return SeatingView(plan.id, plan.event_id, plan.layout_id, plan.viewpoint, plan.even_convention,
                       plan.ordering, seats, views, problems, labels=labels)


def run_auto_seating(session: Session, *, seat_plan_id: int,
                     progress: Callable[[float], None] = assign._ignore,
                     cancelled: Callable[[], bool] = assign._never) -> Changes:
    """Re-seat everyone except the locked seats (hand placements are locked), in one transaction.

    Raises:
        NotFound: no such plan. InvalidInput: a bad plan setting. SeatingCancelled: cancelled.
    """
    plan = _plan(session, seat_plan_id)
    event = get_or_raise(session, Event, plan.event_id, "活动")
    rows = _assignment_rows(session, seat_plan_id)
    seats, sitters = _inputs(session, plan, rows)
    locked = {a.seat_id: a.participation_id for a in rows if a.locked}
    convention = name_convention(session, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
    result = assign.auto_assign(seats, sitters, locked=locked, ordering=plan.ordering, convention=convention,
                                even=plan.even_convention, progress=progress, cancelled=cancelled)
    table = SeatAssignment.__table__
    # Core statements: the ORM's bulk paths would re-scan the identity map for every row.
    session.execute(delete(table).where(table.c.seat_plan_id == seat_plan_id, table.c.locked.is_(False)))
    new = [{"seat_plan_id": seat_plan_id, "seat_id": seat_id, "participation_id": pid, "locked": False,
            "source": "auto"} for seat_id, pid in result.placements.items() if seat_id not in locked]
    if new:
        session.execute(insert(table), new)
    session.commit()
    return _changes(plan.event_id)


def _check_place(session: Session, plan: SeatPlan, participation_id: int, seat_id: int) -> None:
    seat = get_or_raise(session, Seat, seat_id, "座位")
    participation = get_or_raise(session, Participation, participation_id, "参会人员")
    if seat.layout_id != plan.layout_id:
        raise InvalidInput("该座位不属于本座次图所用的座位布局。", field="seat_id")
    if seat.disabled:
        raise InvalidInput(f"座位“{seat.label}”已停用，不能安排人员。", field="seat_id")
    if participation.event_id != plan.event_id:
        raise InvalidInput("该人员不是本活动的参会人员。", field="participation_id")


def place(session: Session, *, seat_plan_id: int, participation_id: int, seat_id: int) -> Changes:
    """Seat a participant by hand (locked, source "manual"); whoever sat there takes their old seat.

    Raises:
        NotFound: plan, seat or participant missing. InvalidInput: seat of another layout, disabled,
        or locked for someone else; participant of another event.
    """
    plan = _plan(session, seat_plan_id)
    _check_place(session, plan, participation_id, seat_id)
    rows = _assignments(session, seat_plan_id)
    mine = next((a for a in rows if a.participation_id == participation_id), None)
    theirs = next((a for a in rows if a.seat_id == seat_id and a.participation_id != participation_id), None)
    if theirs is not None and theirs.locked:
        raise InvalidInput("该座位已锁定给其他人员，请先解除锁定。", field="seat_id")
    # Delete first and flush: swapping in place would break the unique (plan, seat) constraint midway.
    for row in (mine, theirs):
        if row is not None:
            session.delete(row)
    session.flush()
    session.add(SeatAssignment(seat_plan_id=seat_plan_id, seat_id=seat_id, participation_id=participation_id,
                               locked=True, source="manual"))
    if theirs is not None and mine is not None and mine.seat_id != seat_id:
        session.add(SeatAssignment(seat_plan_id=seat_plan_id, seat_id=mine.seat_id,
                                   participation_id=theirs.participation_id, locked=False, source="manual"))
    session.commit()
    return _changes(plan.event_id)


def set_locked(session: Session, *, seat_plan_id: int, seat_id: int, locked: bool) -> Changes:
    """Lock or unlock the assignment of a seat (locked seats survive automatic re-seating).

    Raises:
        NotFound: the plan is missing or nobody sits in that seat.
    """
    plan = _plan(session, seat_plan_id)
    row = session.scalar(select(SeatAssignment).where(SeatAssignment.seat_plan_id == seat_plan_id,
                                                      SeatAssignment.seat_id == seat_id))
    if row is None:
        raise NotFound("该座位目前没有安排人员，无法锁定或解锁。")
    row.locked = locked
    session.commit()
    return _changes(plan.event_id)


def clear(session: Session, *, seat_plan_id: int, keep_locked: bool = True) -> Changes:
    """Empty the seat plan; locked seats stay unless ``keep_locked`` is False."""
    plan = _plan(session, seat_plan_id)
    statement = delete(SeatAssignment).where(SeatAssignment.seat_plan_id == seat_plan_id)
    if keep_locked:
        statement = statement.where(SeatAssignment.locked.is_(False))
    session.execute(statement)
    session.commit()
    return _changes(plan.event_id)
