"""The arrival desk's read model (报到): every participant of an event with when they are expected, whether
and when they arrived, their room, car and seat, what they are due and what was handed over; and the
figures (arrived against expected, per day and per delegation). Plain frozen data for the page."""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlmodel import Session

from rdplanner.arrival.handover import items_due, parse_handed, pass_kind
from rdplanner.labels import LEAVE_STATUSES, ROLES, zone_label
from rdplanner.models import (
    ArrivalCheckIn,
    Event,
    Hall,
    Hotel,
    Layout,
    Participation,
    Person,
    Room,
    Seat,
    SeatAssignment,
    SeatPlan,
    Stay,
    Trip,
    TripPassenger,
    Vehicle,
)
from rdplanner.readmodels import load_rows
from rdplanner.seating.assign import ROLE_ZONE
from rdplanner.transport.fleet_rules import plate_text
from rdplanner.transport.trips_read import TRIP_KINDS

NOT_EXPECTED = frozenset({"approved", "absent"})  # on approved leave or known absent: nobody waits for them


@dataclass(frozen=True, slots=True)
class ArrivalRow:
    """One participant at the desk. ``expected``: the day they are expected (their arrival date, else the
    event's first day); ``arrived_at``: the desk's local time of arrival, None if not arrived."""

    participation_id: int
    person_id: int
    name: str
    name_note: str
    role: str
    delegation: str
    unit: str
    post: str
    arrival_date: date | None
    leave_status: str
    needs_meals: bool
    check_in_id: int | None
    arrived_at: datetime | None
    handed_text: str
    notes: str
    version: int | None
    expected: date | None = None
    room: str = ""
    car: str = ""
    seat: str = ""
    due: tuple[str, ...] = ()

    @property
    def has_arrived(self) -> bool:
        return self.arrived_at is not None

    @property
    def is_expected(self) -> bool:
        """False for someone on approved leave or known absent."""
        return self.leave_status not in NOT_EXPECTED

    @property
    def handed(self) -> tuple[str, ...]:
        return parse_handed(self.handed_text)

    @property
    def still_due(self) -> tuple[str, ...]:
        """What is due and not yet handed over."""
        given = set(self.handed)
        return tuple(code for code in self.due if code not in given)

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def group(self) -> str:
        """The delegation, else the role (列席, 工作人员 …): how the figures group people."""
        return self.delegation or self.role_label

    @property
    def leave_label(self) -> str:
        return "" if self.leave_status == "none" else LEAVE_STATUSES.get(self.leave_status, self.leave_status)

    @property
    def pass_kind(self) -> str:
        return pass_kind(self.role)


@dataclass(frozen=True)
class Tally:
    """Arrived against expected for one day or one delegation."""

    label: str
    expected: int
    arrived: int


@dataclass(frozen=True)
class ArrivalFigures:
    total: Tally
    by_day: tuple[Tally, ...]
    by_group: tuple[Tally, ...]


@dataclass(frozen=True)
class ArrivalView:
    event_id: int
    event_name: str
    event_type: str
    start_date: date
    end_date: date
    rows: tuple[ArrivalRow, ...]


def load_arrivals(session: Session, event_id: int,
                  participation_ids: Collection[int] | None = None) -> ArrivalView:
    """The event's participants at the desk, in roster order (role, rank, id); only ``participation_ids``
    if given (to refresh a few rows).

    Raises:
        NotFound: the event is gone.
    """
    from rdplanner.store import get_or_raise

    event = get_or_raise(session, Event, event_id, "活动")
    p, c = Participation, ArrivalCheckIn
    query = (
        select(p.id, p.person_id, Person.name, Person.name_note, p.role, p.delegation, Person.unit,
               Person.post,
               p.arrival_date, p.leave_status, p.needs_meals, c.id, c.arrived_at, func.coalesce(c.handed, ""),
               func.coalesce(c.notes, ""), c.version)
        .join(Person, Person.id == p.person_id)
        .outerjoin(c, c.participation_id == p.id)
        .where(p.event_id == event_id)
        .order_by(p.rank_order, p.id)
    )
    if participation_ids is not None:
        query = query.where(p.id.in_(sorted(participation_ids)))
    raw = load_rows(session, ArrivalRow, query)
    ids = None if participation_ids is None else set(participation_ids)
    rooms = _rooms(session, event_id, ids)
    cars = _cars(session, event_id, ids)
    seats = _seats(session, event, ids)
    hall = session.scalar(select(Hall.name).where(Hall.id == event.hall_id)) if event.hall_id else None
    rows = []
    for row in raw:
        expected = row.arrival_date or event.start_date
        room = _room_on(rooms.get(row.participation_id, ()), expected)
        seat = seats.get(row.participation_id) or _zone_text(hall, row.role, event.event_type)
        rows.append(replace(row, expected=expected, room=room, car=cars.get(row.participation_id, ""),
                            seat=seat,
                            due=items_due(row.role, has_room=bool(room), needs_meals=row.needs_meals)))
    rows.sort(key=lambda r: _ROLE_ORDER.get(r.role, 99))  # stable: by rank within each role
    return ArrivalView(event.id, event.name, event.event_type, event.start_date, event.end_date, tuple(rows))


_ROLE_ORDER = {role: n for n, role in enumerate(ROLES)}


def _only(column, ids: set[int] | None):
    return True if ids is None else column.in_(sorted(ids))


def _rooms(session: Session, event_id: int, ids: set[int] | None) -> dict[int, list[tuple[date, date, str]]]:
    found: dict[int, list[tuple[date, date, str]]] = defaultdict(list)
    query = (select(Stay.participation_id, Stay.check_in, Stay.check_out, Hotel.name, Room.number)
             .join(Room, Room.id == Stay.room_id).join(Hotel, Hotel.id == Room.hotel_id)
             .where(Stay.event_id == event_id, _only(Stay.participation_id, ids))
             .order_by(Stay.check_in, Stay.id))
    for pid, check_in, check_out, hotel, number in session.execute(query):
        found[pid].append((check_in, check_out, f"{hotel} {number}"))
    return found


def _room_on(stays: Iterable[tuple[date, date, str]], day: date) -> str:
    """The room of the stay that holds the night of ``day``, else of the first stay."""
    stays = list(stays)
    for check_in, check_out, text in stays:
        if check_in <= day < check_out:
            return text
    return stays[0][2] if stays else ""


def _cars(session: Session, event_id: int, ids: set[int] | None) -> dict[int, str]:
    """The car meeting each participant (their pick-up), else their first trip: "浙A·12345 1月3日 07:40 接站"."""
    query = (select(TripPassenger.participation_id, Trip.kind, Trip.depart_at, Vehicle.plate)
             .join(Trip, Trip.id == TripPassenger.trip_id)
             .outerjoin(Vehicle, Vehicle.id == Trip.vehicle_id)
             .where(Trip.event_id == event_id, _only(TripPassenger.participation_id, ids)))
    best: dict[int, tuple] = {}
    for pid, kind, depart_at, plate in session.execute(query):
        key = (kind != "pickup", depart_at is None, depart_at or datetime.max)
        if pid not in best or key < best[pid][0]:
            best[pid] = (key, kind, depart_at, plate)
    found = {}
    for pid, (_key, kind, depart_at, plate) in best.items():
        when = f"{depart_at.month}月{depart_at.day}日 {depart_at:%H:%M}" if depart_at else "时间未定"
        found[pid] = f"{plate_text(plate) if plate else '未派车'}　{when} {TRIP_KINDS.get(kind, kind)}"
    return found


def _seats(session: Session, event: Event, ids: set[int] | None) -> dict[int, str]:
    """Each participant's seat in the event's seat plan (the event-wide one, else the first): "大会堂 3排12座"."""
    plan_id = session.scalar(select(SeatPlan.id).where(SeatPlan.event_id == event.id)
                             .order_by(SeatPlan.sitting_id.is_not(None), SeatPlan.id).limit(1))
    if plan_id is None:
        return {}
    query = (select(SeatAssignment.participation_id, Hall.name, Seat.label)
             .join(Seat, Seat.id == SeatAssignment.seat_id)
             .join(Layout, Layout.id == Seat.layout_id)
             .join(Hall, and_(Hall.id == Layout.hall_id))
             .where(SeatAssignment.seat_plan_id == plan_id, _only(SeatAssignment.participation_id, ids)))
    return {pid: f"{hall} {label}" for pid, hall, label in session.execute(query)}


def _zone_text(hall: str | None, role: str, event_type: str) -> str:
    """A participant without a seat: their zone, "大会堂 代表区"."""
    zone = f"{zone_label(ROLE_ZONE.get(role, 'attendee'), event_type)}区"
    return f"{hall} {zone}" if hall else zone


def arrival_figures(rows: Iterable[ArrivalRow]) -> ArrivalFigures:
    """Arrived against expected: in all, per expected day (in date order) and per delegation (or role, for
    people outside a delegation), in the order first met. People not expected (approved leave) count only
    if they arrived anyway."""
    days: dict[date | None, list[int]] = defaultdict(lambda: [0, 0])
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]
    for row in rows:
        if not row.is_expected and not row.has_arrived:
            continue
        for tally in (days[row.expected], groups[row.group], total):
            tally[0] += 1
            tally[1] += row.has_arrived
    by_day = tuple(Tally(f"{day.month}月{day.day}日" if day else "未定", *days[day])
                   for day in sorted(days, key=lambda d: (d is None, d or date.min)))
    by_group = tuple(Tally(name, *counts) for name, counts in groups.items())
    return ArrivalFigures(Tally("合计", *total), by_day, by_group)


def arrival_stamp(session: Session, event_id: int) -> tuple[int, int, int]:
    """A cheap fingerprint of the event's check-ins (count, highest id, sum of versions): a desk polls it to
    see another desk's marks, which reach it through the database only."""
    c = ArrivalCheckIn
    found = session.execute(select(func.count(c.id), func.coalesce(func.max(c.id), 0),
                                   func.coalesce(func.sum(c.version), 0)).where(c.event_id == event_id)).one()
    return int(found[0]), int(found[1]), int(found[2])
