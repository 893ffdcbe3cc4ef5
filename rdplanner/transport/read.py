"""The active vehicles as the event plans list them (the trips' read model is trips_read.py)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.models import Driver, Vehicle
from rdplanner.readmodels import load_rows


@dataclass(frozen=True, slots=True)
class VehicleRow:
    id: int
    plate: str
    model: str
    kind: str
    seats: int
    default_driver: str


def load_vehicles(session: Session) -> tuple[VehicleRow, ...]:
    query = (
        select(Vehicle.id, Vehicle.plate, Vehicle.model, Vehicle.kind, Vehicle.seats, Driver.name)
        .outerjoin(Driver, Driver.id == Vehicle.default_driver_id)
        .where(Vehicle.active)
        .order_by(Vehicle.plate)
    )
    return load_rows(session, VehicleRow, query)

