"""Put the demo database into the known state a UI test describes, instead of relying on what the demo
happens to plan: the fleet's trips replaced by one known trip, the venue emptied of bookings and set-ups,
and look-ups of the demo's rows by their natural keys (plate, event) rather than by guessed ids."""

from datetime import date, datetime

from sqlalchemy import delete, select

from rdplanner.models import Driver, Event, HallBooking, Trip, Vehicle, VenueCheck, VenueMaterial, VenueSetup


def event_start(database, event_id: int) -> date:
    with database.session() as session:
        return session.get(Event, event_id).start_date


def event_name(database, event_id: int) -> str:
    with database.session() as session:
        return session.get(Event, event_id).name


def vehicle_id(database, plate: str) -> int:
    with database.session() as session:
        return session.scalar(select(Vehicle.id).where(Vehicle.plate == plate))


def default_driver(database, plate: str) -> Driver:
    """The default driver of the car ``plate`` (detached: id, name, licence_class)."""
    with database.session() as session:
        driver = session.get(Driver, session.scalar(select(Vehicle.default_driver_id)
                                                    .where(Vehicle.plate == plate)))
        session.expunge(driver)
        return driver


def only_trip(database, event_id: int, plate: str, *, depart_at: datetime, return_at: datetime) -> int:
    """Every trip (of any event: the fleet is shared) removed, then one trip of ``event_id`` on the car
    ``plate`` with its default driver; returns the trip's id."""
    with database.session() as session:
        session.execute(delete(Trip))
        car = session.scalar(select(Vehicle).where(Vehicle.plate == plate))
        trip = Trip(event_id=event_id, vehicle_id=car.id, driver_id=car.default_driver_id,
                    purpose="接送参会人员",
                    origin="驻地宾馆", destination="会场", depart_at=depart_at, return_at=return_at,
                    status="approved", requested_by="车辆组", approved_by="办公室主任")
        session.add(trip)
        session.commit()
        return trip.id


def empty_venue(database) -> None:
    """No hall booked and no set-up, for any event (another event's booking would be a clash)."""
    with database.session() as session:
        session.execute(delete(VenueCheck))
        session.execute(delete(VenueMaterial))
        session.execute(delete(VenueSetup))
        session.execute(delete(HallBooking))
        session.commit()
