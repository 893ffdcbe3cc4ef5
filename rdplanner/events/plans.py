"""Everything planned for one event, loaded at once into read models, and its overview figures."""

from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session

from rdplanner.budget.read import BudgetRow, load_budget
from rdplanner.catering.read import MealRow, load_meals
from rdplanner.events.service import EventRow, get_event
from rdplanner.lodging.read import StayRow, load_stays
from rdplanner.models import Event
from rdplanner.people.read import ParticipantRow, load_participants
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
    participants: tuple[ParticipantRow, ...]
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
        participants=load_participants(session, event_id),
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


def overview(plans: EventPlans) -> EventOverview:
    """Summarise the plans in the figures the officer checks first."""
    roles = Counter(p.role for p in plans.participants)
    phases = {phase: [0, 0] for phase in ("before", "during", "after")}
    for task in plans.tasks:
        phases.setdefault(task.phase, [0, 0])[0] += task.status == "done"
        phases[task.phase][1] += 1
    return EventOverview(
        roles=tuple(roles.items()),
        on_leave=sum(p.leave_status in ("approved", "requested") for p in plans.participants),
        seats=sum(not s.disabled for s in plans.seats),
        assigned_seats=len(plans.assignments),
        vehicles_used=len({t.vehicle_id for t in plans.trips if t.vehicle_id}),
        trips=len(plans.trips),
        rooms=len({(s.hotel, s.room_number) for s in plans.stays}),
        room_nights=sum(s.nights for s in {(s.hotel, s.room_number, s.check_in): s for s in plans.stays}.values()),
        lodged=len(plans.stays),
        meals=len(plans.meals),
        planned_fen=sum(b.planned_fen for b in plans.budget),
        actual_fen=sum(b.actual_fen or 0 for b in plans.budget),
        tasks_by_phase=tuple((phase, done, total) for phase, (done, total) in phases.items()),
        contingencies=len(plans.contingencies),
        carried_reviews=sum(r.event_id != plans.event.id and r.kind == "improve" for r in plans.reviews),
    )
