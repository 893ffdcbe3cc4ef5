"""Everything planned for one event, loaded at once into read models, and its overview figures."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.budget.read import BudgetRow, load_budget
from rdplanner.catering.read import MealRow, load_meals
from rdplanner.events.service import EventRow, get_event
from rdplanner.lodging.read import StayRow, load_stays
from rdplanner.errors import NotFound
from rdplanner.labels import PHASES
from rdplanner.models import (
    BudgetLine,
    ContingencyPlan,
    Event,
    Layout,
    Meal,
    Participation,
    ReviewNote,
    Seat,
    SeatAssignment,
    SeatPlan,
    Stay,
    Task,
    Trip,
)
from rdplanner.people.service import RosterRow, load_roster
from rdplanner.readiness.read import (
    ContingencyRow,
    ReviewRow,
    TaskRow,
    load_contingencies,
    load_review_notes,
    load_tasks,
)
from rdplanner.seating.read import AssignmentRow, SeatRow, load_assignments, load_hall_seats
from rdplanner.transport.read import TripRow, VehicleRow, load_trips, load_vehicles


@dataclass(frozen=True)
class EventPlans:
    """Every plan of one event as plain data."""

    event: EventRow
    participants: tuple[RosterRow, ...]
    seats: tuple[SeatRow, ...]
    assignments: tuple[AssignmentRow, ...]
    vehicles: tuple[VehicleRow, ...]
    trips: tuple[TripRow, ...]
    stays: tuple[StayRow, ...]
    meals: tuple[MealRow, ...]
    budget: tuple[BudgetRow, ...]
    tasks: tuple[TaskRow, ...]
    contingencies: tuple[ContingencyRow, ...]
    reviews: tuple[ReviewRow, ...]


def load_event_plans(session: Session, event_id: int) -> EventPlans:
    """Load the event and all its plans. Raises NotFound if the event is gone."""
    event = get_event(session, event_id)
    previous = session.get(Event, event_id).previous_event_id
    return EventPlans(
        event=event,
        participants=load_roster(session, event_id=event_id),
        seats=load_hall_seats(session, event_id),
        assignments=load_assignments(session, event_id),
        vehicles=load_vehicles(session),
        trips=load_trips(session, event_id),
        stays=load_stays(session, event_id),
        meals=load_meals(session, event_id),
        budget=load_budget(session, event_id),
        tasks=load_tasks(session, event_id),
        contingencies=load_contingencies(session, event_id),
        reviews=load_review_notes(session, tuple(i for i in (event_id, previous) if i)),
    )


@dataclass(frozen=True)
class EventOverview:
    """The figures shown on an event's first page."""

    roles: tuple[tuple[str, int], ...]
    on_leave: int
    seats: int
    assigned_seats: int
    vehicles_used: int
    trips: int
    rooms: int
    room_nights: int
    lodged: int
    meals: int
    planned_fen: int
    actual_fen: int
    tasks_by_phase: tuple[tuple[str, int, int], ...]
    contingencies: int
    carried_reviews: int


def load_overview(session: Session, event_id: int) -> EventOverview:
    """Count what is planned for the event with aggregate queries (no rows are loaded)."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"找不到该活动（编号 {event_id}），可能已被删除。")
    p, t = Participation, Task
    roles = session.execute(select(p.role, func.count()).where(p.event_id == event_id).group_by(p.role)).all()
    phases = {phase: [0, 0] for phase in PHASES}
    for phase, status, count in session.execute(
        select(t.phase, t.status, func.count()).where(t.event_id == event_id).group_by(t.phase, t.status)
    ):
        phases.setdefault(phase, [0, 0])[1] += count
        phases[phase][0] += count if status == "done" else 0
    occupancy = set(session.execute(
        select(Stay.room_id, Stay.check_in, Stay.check_out).where(Stay.event_id == event_id).distinct()))
    planned, actual = session.execute(select(
        func.coalesce(func.sum(BudgetLine.planned_fen), 0), func.coalesce(func.sum(BudgetLine.actual_fen), 0)
    ).where(BudgetLine.event_id == event_id)).one()
    return EventOverview(
        roles=tuple((role, count) for role, count in roles),
        on_leave=_count(session, p, p.event_id == event_id, p.leave_status.in_(("approved", "requested"))),
        seats=_count(session, Seat, Seat.layout_id.in_(
            select(Layout.id).where(Layout.hall_id == event.hall_id)), Seat.disabled.is_(False)),
        assigned_seats=_count(session, SeatAssignment, SeatAssignment.seat_plan_id.in_(
            select(SeatPlan.id).where(SeatPlan.event_id == event_id))),
        vehicles_used=session.scalar(select(func.count(func.distinct(Trip.vehicle_id))).where(
            Trip.event_id == event_id)) or 0,
        trips=_count(session, Trip, Trip.event_id == event_id),
        rooms=len({room for room, _, _ in occupancy}),
        room_nights=sum((check_out - check_in).days for _, check_in, check_out in occupancy),
        lodged=_count(session, Stay, Stay.event_id == event_id),
        meals=_count(session, Meal, Meal.event_id == event_id),
        planned_fen=int(planned),
        actual_fen=int(actual),
        tasks_by_phase=tuple((phase, done, total) for phase, (done, total) in phases.items()),
        contingencies=_count(session, ContingencyPlan, ContingencyPlan.event_id == event_id),
        carried_reviews=_count(session, ReviewNote, ReviewNote.event_id == event.previous_event_id,
                               ReviewNote.kind == "improve") if event.previous_event_id else 0,
    )


def _count(session: Session, model: type, *conditions) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0
