"""Small factories for the transport tests: an event with people, cars, drivers and programme items."""

from datetime import date, datetime

from sqlmodel import Session

from rdplanner.models import Driver, Event, Hall, Participation, Person, Sitting, Vehicle, Venue


def _added(session: Session, row) -> int:
    session.add(row)
    session.commit()
    return row.id


def make_event(session: Session, name: str = "市人大常委会第十次会议", start: date = date(2026, 6, 1),
               end: date = date(2026, 6, 3)) -> int:
    return _added(session, Event(name=name, event_type="standing_committee", start_date=start, end_date=end))


def add_person(session: Session, event_id: int, name: str, role: str = "member", rank_order: int = 0) -> int:
    """Add a person to the directory and the event; return the participation id."""
    person_id = _added(session, Person(name=name))
    return _added(session, Participation(event_id=event_id, person_id=person_id, role=role,
                                         rank_order=rank_order))


def add_vehicle(session: Session, plate: str, kind: str = "sedan", seats: int = 5, **fields) -> int:
    return _added(session, Vehicle(plate=plate, kind=kind, seats=seats, **fields))


def add_driver(session: Session, name: str, phone: str = "13900000001", **fields) -> int:
    return _added(session, Driver(name=name, phone=phone, **fields))


def add_hall(session: Session, venue: str = "市人大常委会", hall: str = "第一会议室") -> int:
    venue_id = _added(session, Venue(name=venue))
    return _added(session, Hall(venue_id=venue_id, name=hall))


def add_sitting(session: Session, event_id: int, name: str, starts_at: datetime | None,
                ends_at: datetime | None, **fields) -> int:
    sitting = Sitting(event_id=event_id, name=name, starts_at=starts_at, ends_at=ends_at, **fields)
    return _added(session, sitting)
