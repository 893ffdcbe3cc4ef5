"""Read models of trips (派车单) as the pages, the dispatch slips and the problem checks use them: each trip
with its car, driver, programme item and passengers in seat order, for one event or for a period across
every event (to find a car or driver booked twice by two events).
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from rdplanner.labels import TRIP_STATUSES
from rdplanner.models import Driver, Event, Participation, Person, Sitting, Trip, TripPassenger, Vehicle
from rdplanner.readmodels import load_rows
from rdplanner.transport.seat_order import passenger_seats, seat_label

TRIP_KINDS: dict[str, str] = {"meeting": "会议用车", "pickup": "接站", "dropoff": "送站", "visit": "视察用车"}
ASSUMED_DURATION = timedelta(hours=1)
"""How long a trip without a return time is taken to last, for overlaps and the event's dates."""


@dataclass(frozen=True, slots=True)
class PassengerRow:
    participation_id: int
    name: str
    seat_position: int | None
    seat_label: str


@dataclass(frozen=True, slots=True)
class TripRow:
    """One trip with what a dispatch slip prints; ``passengers`` in seat order."""

    id: int
    event_id: int
    event_name: str
    kind: str
    status: str
    sitting_id: int | None
    sitting_name: str
    purpose: str
    origin: str
    destination: str
    route: str
    depart_at: datetime | None
    return_at: datetime | None
    vehicle_id: int | None
    plate: str
    vehicle_kind: str
    seats: int | None
    hired: bool
    day_rate_fen: int | None
    driver_id: int | None
    driver_name: str
    driver_phone: str
    requested_by: str
    approved_by: str
    odometer_out: int | None
    odometer_in: int | None
    notes: str
    version: int
    passengers: tuple[PassengerRow, ...] = ()

    @property
    def status_label(self) -> str:
        return TRIP_STATUSES.get(self.status, self.status)

    @property
    def kind_label(self) -> str:
        return TRIP_KINDS.get(self.kind, self.kind)

    @property
    def passenger_ids(self) -> tuple[int, ...]:
        return tuple(p.participation_id for p in self.passengers)

    @property
    def passenger_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.passengers)

    @property
    def capacity(self) -> int | None:
        """How many passengers the car carries (its seats less the driver's), None without a car."""
        return passenger_seats(self.seats) if self.seats is not None else None

    @property
    def distance(self) -> int | None:
        """Kilometres driven by the odometer, None until both readings are in or when they contradict."""
        if self.odometer_out is None or self.odometer_in is None or self.odometer_in < self.odometer_out:
            return None
        return self.odometer_in - self.odometer_out

    @property
    def ends_at(self) -> datetime | None:
        """When the trip ends: its return time, else one hour after it departs (ASSUMED_DURATION)."""
        if self.depart_at is None:
            return self.return_at
        return self.return_at or self.depart_at + ASSUMED_DURATION

    @property
    def title(self) -> str:
        """The trip's name in a sentence: its purpose, else its route, else its number."""
        if self.purpose:
            return self.purpose
        if self.origin or self.destination:
            return f"{self.origin or '？'}至{self.destination or '？'}"
        return f"第 {self.id} 号行程"

    @property
    def when(self) -> str:
        return when_text(self.depart_at, self.return_at)


def day_text(day: date) -> str:
    return f"{day.month}月{day.day}日"


def when_text(depart_at: datetime | None, return_at: datetime | None) -> str:
    """A trip's time as the office writes it: "6月1日 08:00—11:30", the day repeated if it changes."""
    if depart_at is None:
        return "未定出发时间"
    start = f"{day_text(depart_at)} {depart_at:%H:%M}"
    if return_at is None:
        return f"{start} 出发（未填返回时间）"
    same_day = return_at.date() == depart_at.date()
    return f"{start}—{return_at:%H:%M}" if same_day else f"{start}—{day_text(return_at)} {return_at:%H:%M}"


def _query() -> Any:
    t = Trip
    return (
        select(t.id, t.event_id, Event.name, t.kind, t.status, t.sitting_id, Sitting.name, t.purpose,
               t.origin, t.destination, t.route, t.depart_at, t.return_at, t.vehicle_id, Vehicle.plate,
               Vehicle.kind, Vehicle.seats, Vehicle.hired, Vehicle.day_rate_fen, t.driver_id, Driver.name,
               Driver.phone, t.requested_by, t.approved_by, t.odometer_out, t.odometer_in, t.notes, t.version)
        .join(Event, Event.id == t.event_id)
        .outerjoin(Vehicle, Vehicle.id == t.vehicle_id)
        .outerjoin(Driver, Driver.id == t.driver_id)
        .outerjoin(Sitting, Sitting.id == t.sitting_id)
    )


def _load(session: Session, condition: Any) -> tuple[TripRow, ...]:
    rows = list(load_rows(session, TripRow, _query().where(condition)))
    riders: dict[int, list[PassengerRow]] = defaultdict(list)
    kinds = {r.id: r.vehicle_kind for r in rows}
    p = TripPassenger
    for trip_id, pid, name, position in session.execute(
        select(p.trip_id, p.participation_id, Person.name, p.seat_position)
        .join(Participation, Participation.id == p.participation_id)
        .join(Person, Person.id == Participation.person_id)
        .join(Trip, Trip.id == p.trip_id)
        .where(condition)
    ):
        if trip_id not in kinds:  # a trip committed by another writer between the two reads: not listed
            continue
        label = seat_label(kinds[trip_id], position) if position is not None else ""
        riders[trip_id].append(PassengerRow(pid, name, position, label))
    for seated in riders.values():
        seated.sort(key=lambda r: (r.seat_position is None, r.seat_position or 0, r.participation_id))
    rows.sort(key=lambda r: (r.depart_at is None, r.depart_at or datetime.min, r.id))
    return tuple(replace(r, sitting_name=r.sitting_name or "", plate=r.plate or "", hired=bool(r.hired),
                         vehicle_kind=r.vehicle_kind or "", driver_name=r.driver_name or "",
                         driver_phone=r.driver_phone or "", passengers=tuple(riders[r.id])) for r in rows)


def load_event_trips(session: Session, event_id: int) -> tuple[TripRow, ...]:
    """Return the event's trips by departure (those without a time last), passengers in seat order."""
    return _load(session, Trip.event_id == event_id)


def load_trips_around(session: Session, start: datetime, end: datetime, *,
                      exclude_event: int | None = None) -> tuple[TripRow, ...]:
    """Return the trips of every event (but ``exclude_event``) that overlap ``start``–``end`` (touching
    is not overlapping).

    A trip without a return time counts as lasting ASSUMED_DURATION; trips without a departure time
    overlap nothing and are left out. Each row names its event (``event_name``).
    """
    t = Trip
    ends_after_start = or_(t.return_at > start,
                           and_(t.return_at.is_(None), t.depart_at > start - ASSUMED_DURATION))
    condition = and_(t.depart_at.is_not(None), t.depart_at < end, ends_after_start)
    if exclude_event is not None:
        condition = and_(condition, t.event_id != exclude_event)
    return _load(session, condition)
