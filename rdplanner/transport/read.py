"""Read models of vehicles, drivers and trips."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Optional

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.models import Driver, Trip, TripPassenger, Vehicle
from rdplanner.readmodels import load_rows


@dataclass(frozen=True, slots=True)
class VehicleRow:
    id: int
    plate: str
    model: str
    kind: str
    seats: int
    default_driver: str


@dataclass(frozen=True, slots=True)
class TripRow:
    id: int
    vehicle_id: Optional[int]
    driver_id: Optional[int]
    purpose: str
    origin: str
    destination: str
    depart_at: Optional[datetime]
    status: str
    passenger_ids: tuple[int, ...] = ()


def load_vehicles(session: Session) -> tuple[VehicleRow, ...]:
    query = (
        select(Vehicle.id, Vehicle.plate, Vehicle.model, Vehicle.kind, Vehicle.seats, Driver.name)
        .outerjoin(Driver, Driver.id == Vehicle.default_driver_id)
        .where(Vehicle.active)
        .order_by(Vehicle.plate)
    )
    return load_rows(session, VehicleRow, query)


def load_trips(session: Session, event_id: int) -> tuple[TripRow, ...]:
    """Return the event's trips, each with its passengers' participation ids."""
    t = Trip
    trips = load_rows(session, TripRow, select(
        t.id, t.vehicle_id, t.driver_id, t.purpose, t.origin, t.destination, t.depart_at, t.status
    ).where(t.event_id == event_id).order_by(t.depart_at, t.id))
    riders: dict[int, list[int]] = defaultdict(list)
    for trip_id, pid in session.execute(
        select(TripPassenger.trip_id, TripPassenger.participation_id)
        .join(Trip, Trip.id == TripPassenger.trip_id)
        .where(Trip.event_id == event_id)
        .order_by(TripPassenger.id)
    ):
        riders[trip_id].append(pid)
    return tuple(replace(trip, passenger_ids=tuple(riders[trip.id])) for trip in trips)
