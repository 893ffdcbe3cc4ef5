"""The transport domain (车辆行程) as the registry sees it: its overview line, its problems (trips, and
people who need a ride and have none), its read model, and moving its trips with the event's dates."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.domain import Domain, OverviewLine
from rdplanner.labels import TRIP_STATUSES, VEHICLE_KINDS
from rdplanner.transport.command_specs import COMMANDS
from rdplanner.transport.document_specs import DOCUMENTS


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.models import Trip

    trips = session.scalar(select(func.count()).select_from(Trip).where(Trip.event_id == event_id)) or 0
    cars = session.scalar(select(func.count(func.distinct(Trip.vehicle_id))).where(Trip.event_id == event_id)) or 0
    return (OverviewLine("车辆行程", f"行程 {trips} 趟，使用车辆 {cars} 辆"),)


def needing_transport(session: Session, event_id: int, need: str = "needs_transport") -> dict[int, str]:
    """Participation id → name of the event's participants who need transport (or, with ``need``
    "needs_pickup" / "needs_dropoff", to be met or seen off) and are not on leave."""
    from rdplanner.models import Participation, Person

    p = Participation
    rows = session.execute(select(p.id, Person.name).join(Person, Person.id == p.person_id).where(
        p.event_id == event_id, getattr(p, need).is_(True), p.leave_status.not_in(("approved", "requested"))))
    return dict(rows.all())


def _riders_by_need(session: Session, event_id: int) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """``needing_transport`` for 用车, 接站 and 送站 at once (one query)."""
    from rdplanner.models import Participation, Person

    p = Participation
    found: tuple[dict[int, str], dict[int, str], dict[int, str]] = ({}, {}, {})
    rows = session.execute(select(p.id, Person.name, p.needs_transport, p.needs_pickup, p.needs_dropoff)
                           .join(Person, Person.id == p.person_id)
                           .where(p.event_id == event_id, p.leave_status.not_in(("approved", "requested"))))
    for pid, name, *flags in rows:
        for wanted, flag in zip(found, flags, strict=True):
            if flag:
                wanted[pid] = name
    return found


def _problems(session: Session, event_id: int):
    from rdplanner.programme.read import shared_programme
    from rdplanner.transport.coverage import unserved_passengers
    from rdplanner.transport.trip_problems import transport_problems
    from rdplanner.transport.trips_read import load_event_trips

    trips = load_event_trips(session, event_id)
    found = transport_problems(session, event_id, trips)
    needs, pickup, dropoff = _riders_by_need(session, event_id)
    found += unserved_passengers(shared_programme(session, event_id), trips, needs, pickup, dropoff)
    return tuple(found)


def _read(session: Session, event_id: int):
    from rdplanner.transport.fleet_read import load_fleet
    from rdplanner.transport.trips_read import load_event_trips

    return load_fleet(session), load_event_trips(session, event_id)


def _shift(session: Session, event_id: int, delta: timedelta) -> Changes:
    from rdplanner.models import Trip
    from rdplanner.transport.trips import trip_changes

    moved = []
    for trip in session.scalars(select(Trip).where(Trip.event_id == event_id)):
        trip.depart_at = trip.depart_at + delta if trip.depart_at else None
        trip.return_at = trip.return_at + delta if trip.return_at else None
        trip.version += 1
        moved.append(trip.id)
    session.flush()
    return trip_changes(event_id, moved) if moved else Changes()


DOMAIN = Domain(key="transport", title="车辆", overview=_overview, problems=_problems, read=_read,
                documents=DOCUMENTS, commands=COMMANDS,
                labels={"vehicle_kinds": VEHICLE_KINDS, "trip_statuses": TRIP_STATUSES},
                shift=_shift, shifts="车辆行程")
