"""The transport domain (车辆行程) as the registry sees it: its overview line and read model."""

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.domain import Domain, OverviewLine
from rdplanner.labels import TRIP_STATUSES, VEHICLE_KINDS


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.models import Trip

    trips = session.scalar(select(func.count()).select_from(Trip).where(Trip.event_id == event_id)) or 0
    cars = session.scalar(select(func.count(func.distinct(Trip.vehicle_id))).where(Trip.event_id == event_id)) or 0
    return (OverviewLine("车辆行程", f"行程 {trips} 趟，使用车辆 {cars} 辆"),)


def _read(session: Session, event_id: int):
    from rdplanner.transport.read import load_trips, load_vehicles

    return load_vehicles(session), load_trips(session, event_id)


DOMAIN = Domain(key="transport", title="车辆", overview=_overview, read=_read,
                labels={"vehicle_kinds": VEHICLE_KINDS, "trip_statuses": TRIP_STATUSES})
