"""Factories for the transport planner's tests: riders with their needs, cars with drivers, another
event's trips, and the proposal read back as plain tuples."""

from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session
from transport_data import add_driver, add_sitting, add_vehicle, make_event

from rdplanner.models import Driver, DriverAbsence, Participation, Person, Trip

NINE, NOON = datetime(2026, 6, 2, 9, 0), datetime(2026, 6, 2, 12, 0)
LEAVES = datetime(2026, 6, 2, 8, 30)  # the ride to the 09:00 plenary leaves 30 minutes before (MEETING_LEAD)


def rider(session: Session, event_id: int, name: str, *, role: str = "member", rank: int = 0,
          **fields) -> int:
    """A participant who needs transport (unless ``fields`` say otherwise); return the participation id."""
    person = Person(name=name)
    session.add(person)
    session.flush()
    values = {"needs_transport": True} | fields
    part = Participation(event_id=event_id, person_id=person.id, role=role, rank_order=rank, **values)
    session.add(part)
    session.commit()
    return part.id


def riders(session: Session, event_id: int, names: str, **fields) -> list[int]:
    return [rider(session, event_id, name, **fields) for name in names.split()]


def car(session: Session, plate: str, kind: str = "sedan", seats: int = 5, *, driver: str | None = None,
        licence: str = "C1", **fields) -> int:
    """A car with its default driver (named ``driver``, holding ``licence``), unless ``driver`` is ""."""
    driver_id = add_driver(session, driver or f"{plate}师傅", licence_class=licence) if driver != "" else None
    return add_vehicle(session, plate, kind, seats, default_driver_id=driver_id, **fields)


def driver_id(session: Session, name: str) -> int:
    return session.scalar(select(Driver.id).where(Driver.name == name))


def plenary(session: Session, event_id: int, **fields) -> int:
    values = {"kind": "plenary", "place": "市民中心三楼"} | fields
    return add_sitting(session, event_id, "第一次全体会议", NINE, NOON, **values)


def other_event_trip(session: Session, *, vehicle_id: int | None = None, driver_id: int | None = None,
                     depart_at: datetime = NINE, return_at: datetime | None = NOON) -> int:
    other = make_event(session, "代表视察")
    trip = Trip(event_id=other, vehicle_id=vehicle_id, driver_id=driver_id, purpose="视察",
                depart_at=depart_at,
                return_at=return_at)
    session.add(trip)
    session.commit()
    return trip.id


def absence(session: Session, driver_id: int, starts_at: datetime, ends_at: datetime,
            reason: str = "休假") -> None:
    session.add(DriverAbsence(driver_id=driver_id, starts_at=starts_at, ends_at=ends_at, reason=reason))
    session.commit()


def loads(proposal) -> list[tuple[str, int]]:
    """(plate, passengers) of each proposed car, in proposal order."""
    return [(t.plate, len(t.passengers)) for t in proposal.trips]


def names_by_car(proposal) -> dict[str, list[str]]:
    return {t.plate: [p.name for p in t.passengers] for t in proposal.trips}


def unplaced(proposal) -> list[tuple[str, str]]:
    return [(u.name, u.reason) for u in proposal.unplaced]
