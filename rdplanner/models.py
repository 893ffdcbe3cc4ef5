"""The whole schema of rdplanner in one place: SQLModel tables for every planning domain.

Codes (event types, roles, phases, statuses) are stored as stable English identifiers; their
Chinese labels live in rdplanner/labels.py. Money is stored in whole fen (分) to avoid rounding.
Rows two people could edit carry ``version``; services update them with ``store.versioned_update``
so a stale save is refused instead of silently overwriting another person's edit.
"""

from datetime import date, datetime, time
from typing import Optional

from sqlalchemy import DateTime, Index, Time, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from rdplanner.clock import utc_now


EMPTY = text("''")  # the server default of a text column added to a table that has rows


def _version() -> int:
    return Field(default=1, sa_column_kwargs={"server_default": "1"})


def _created() -> datetime:
    return Field(default_factory=utc_now, sa_type=DateTime)


def _moment() -> Optional[datetime]:
    """A naive-UTC timestamp column (SQLModel's own datetime type insists on time zones)."""
    return Field(default=None, sa_type=DateTime)


def _event_fk() -> int:
    return Field(foreign_key="event.id", ondelete="CASCADE", index=True)


class Venue(SQLModel, table=True):
    """A place the office uses (the congress building, a hotel, a site to inspect)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    address: str = Field(default="", max_length=300)
    contact: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=50)
    notes: str = ""
    version: int = _version()


class Hall(SQLModel, table=True):
    """A room of a venue where people sit: a plenary hall, a boardroom, a dining room."""

    __table_args__ = (UniqueConstraint("venue_id", "name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venue.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    capacity: int = 0
    notes: str = ""
    version: int = _version()


class Event(SQLModel, table=True):
    """A meeting or activity of the office, the root every plan hangs on."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    event_type: str = Field(max_length=40, index=True)
    start_date: date
    end_date: date
    venue_id: Optional[int] = Field(default=None, foreign_key="venue.id", ondelete="SET NULL")
    hall_id: Optional[int] = Field(default=None, foreign_key="hall.id", ondelete="SET NULL")
    expense_category: int = 2
    organiser: str = Field(default="", max_length=200)
    status: str = Field(default="planning", max_length=20)
    notes: str = ""
    previous_event_id: Optional[int] = Field(
        default=None, foreign_key="event.id", ondelete="SET NULL"
    )
    is_demo: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = _version()


class Sitting(SQLModel, table=True):
    """An item of the event's programme (会议日程). Its ``kind`` says what it is: 报到 ``arrival``,
    全体会议 ``plenary``, 分组会议 ``group``, 视察点 ``visit``, 座谈会 ``forum``, 用餐 ``meal``, 返程
    ``departure``, ``other``; the plenary and group items are the sittings people sign in to.

    ``audience`` says who attends: ``all``, ``role`` (``audience_value`` a role code), ``delegation``
    or ``group`` (``audience_value`` its name), ``people`` (the ProgrammeAttendee rows).
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    name: str = Field(max_length=200)
    kind: str = Field(default="plenary", max_length=20)
    starts_at: Optional[datetime] = _moment()
    ends_at: Optional[datetime] = _moment()
    hall_id: Optional[int] = Field(default=None, foreign_key="hall.id", ondelete="SET NULL")
    place: str = Field(default="", max_length=200)
    sort_order: int = 0
    audience: str = Field(default="all", max_length=20, sa_column_kwargs={"server_default": "all"})
    audience_value: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": EMPTY})
    notes: str = Field(default="", sa_column_kwargs={"server_default": EMPTY})
    version: int = _version()


class ProgrammeAttendee(SQLModel, table=True):
    """A participant named as attending a programme item whose audience is ``people``."""

    __table_args__ = (UniqueConstraint("sitting_id", "participation_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    sitting_id: int = Field(foreign_key="sitting.id", ondelete="CASCADE", index=True)
    participation_id: int = Field(foreign_key="participation.id", ondelete="CASCADE", index=True)


class Person(SQLModel, table=True):
    """Someone in the office's directory; persists across events. ID number and phone are sensitive."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=60, index=True)
    name_note: str = Field(default="", max_length=60)
    gender: str = Field(default="", max_length=4)
    ethnicity: str = Field(default="", max_length=20)
    unit: str = Field(default="", max_length=200)
    post: str = Field(default="", max_length=200)
    delegation: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=30)
    id_card_no: Optional[str] = Field(default=None, max_length=18, unique=True)
    notes: str = ""
    # 本地: lives in the city, so a participation defaults to not needing lodging or breakfast.
    is_local: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = _version()


class BodyMembership(SQLModel, table=True):
    """Membership of a body (congress deputies, standing committee, directors' meeting, presidium).

    ``end_date`` set means the seat is vacant from that day: quorum counts current members only.
    """

    __table_args__ = (Index("ix_membership_body_rank", "body", "rank_order"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    body: str = Field(max_length=40)
    post: str = Field(default="", max_length=100)
    rank_order: int = 0
    term: str = Field(default="", max_length=40)
    start_date: Optional[date] = None
    end_date: Optional[date] = None
    version: int = _version()


class Participation(SQLModel, table=True):
    """A person's part in one event: role, rank and what they need from the logistics office."""

    __table_args__ = (UniqueConstraint("event_id", "person_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    person_id: int = Field(foreign_key="person.id", ondelete="RESTRICT", index=True)
    role: str = Field(max_length=20)
    rank_order: int = 0
    delegation: str = Field(default="", max_length=100)
    group_name: str = Field(default="", max_length=100)
    needs_lodging: bool = False
    needs_meals: bool = True
    needs_transport: bool = False
    dietary: str = Field(default="", max_length=200)
    leave_status: str = Field(default="none", max_length=20)
    leave_reason: str = Field(default="", max_length=200)
    arrival_date: Optional[date] = None
    departure_date: Optional[date] = None
    notes: str = ""
    # The 回执 (reply slip): how and when they come and go, and whether they are met or seen off.
    arrival_time: Optional[time] = Field(default=None, sa_type=Time)
    arrival_mode: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": EMPTY})
    arrival_number: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": EMPTY})
    arrival_station: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": EMPTY})
    needs_pickup: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    departure_time: Optional[time] = Field(default=None, sa_type=Time)
    departure_mode: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": EMPTY})
    departure_number: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": EMPTY})
    departure_station: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": EMPTY})
    needs_dropoff: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    pickup_point: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": EMPTY})
    # 本地 for this event (defaults from the directory entry's mark).
    is_local: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    version: int = _version()


class Attendance(SQLModel, table=True):
    """Sign-in of a participant at one sitting."""

    __table_args__ = (UniqueConstraint("sitting_id", "participation_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    sitting_id: int = Field(foreign_key="sitting.id", ondelete="CASCADE", index=True)
    participation_id: int = Field(foreign_key="participation.id", ondelete="CASCADE", index=True)
    status: str = Field(default="present", max_length=20)
    leave_approved: bool = False
    reason: str = Field(default="", max_length=200)
    signed_at: Optional[datetime] = _moment()
    version: int = _version()


class Layout(SQLModel, table=True):
    """A seating layout of a hall (auditorium, boardroom table, classroom, banquet), reusable."""

    id: Optional[int] = Field(default=None, primary_key=True)
    hall_id: int = Field(foreign_key="hall.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    kind: str = Field(default="auditorium", max_length=20)
    spec_json: str = "{}"
    numbering: str = Field(default="sequential", max_length=20)
    notes: str = ""
    version: int = _version()


class Seat(SQLModel, table=True):
    """One seat of a layout; ``label`` is exactly what gets printed."""

    __table_args__ = (UniqueConstraint("layout_id", "label"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    layout_id: int = Field(foreign_key="layout.id", ondelete="CASCADE", index=True)
    label: str = Field(max_length=40)
    zone: str = Field(default="members", max_length=20)
    section: str = Field(default="", max_length=40)
    row_no: int = 0
    seat_no: int = 0
    rank: Optional[int] = None
    x: float = 0.0
    y: float = 0.0
    rotation: float = 0.0
    disabled: bool = False


class SeatPlan(SQLModel, table=True):
    """The seating of one event (optionally one sitting) in one layout, with its settings.

    An event has at most one whole-event plan (``sitting_id`` empty) and a sitting at most one plan.
    """

    __table_args__ = (
        Index("ux_seatplan_whole_event", "event_id", unique=True, sqlite_where=text("sitting_id IS NULL"),
              postgresql_where=text("sitting_id IS NULL")),
        Index("ux_seatplan_sitting", "sitting_id", unique=True),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    sitting_id: Optional[int] = Field(default=None, foreign_key="sitting.id", ondelete="CASCADE")
    layout_id: int = Field(foreign_key="layout.id", ondelete="RESTRICT")
    name: str = Field(default="", max_length=200)
    viewpoint: str = Field(default="stage", max_length=20)
    even_convention: str = Field(default="majority", max_length=20)
    ordering: str = Field(default="strokes", max_length=20)
    fill: str = Field(default="rows", max_length=20, sa_column_kwargs={"server_default": "rows"})
    rotate: bool = True
    rotation_offset: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    version: int = _version()


class SeatAssignment(SQLModel, table=True):
    """A participant in a seat of a seat plan; locked seats survive automatic re-seating."""

    __table_args__ = (
        UniqueConstraint("seat_plan_id", "seat_id"),
        UniqueConstraint("seat_plan_id", "participation_id"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    seat_plan_id: int = Field(foreign_key="seatplan.id", ondelete="CASCADE", index=True)
    seat_id: int = Field(foreign_key="seat.id", ondelete="CASCADE")
    participation_id: int = Field(foreign_key="participation.id", ondelete="CASCADE")
    locked: bool = False
    source: str = Field(default="auto", max_length=10)


class Driver(SQLModel, table=True):
    """A driver of the office's car pool or of a hired fleet."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=60)
    phone: str = Field(default="", max_length=30)
    unit: str = Field(default="", max_length=200)
    notes: str = ""
    licence_class: str = Field(default="", max_length=10, sa_column_kwargs={"server_default": EMPTY})
    active: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})
    version: int = _version()


class DriverAbsence(SQLModel, table=True):
    """A period a driver is not available (leave, other duty), from ``starts_at`` to ``ends_at``."""

    id: Optional[int] = Field(default=None, primary_key=True)
    driver_id: int = Field(foreign_key="driver.id", ondelete="CASCADE", index=True)
    starts_at: datetime = Field(sa_type=DateTime)
    ends_at: datetime = Field(sa_type=DateTime)
    reason: str = Field(default="", max_length=100)
    version: int = _version()


class Vehicle(SQLModel, table=True):
    """A car, van or coach available for dispatch."""

    id: Optional[int] = Field(default=None, primary_key=True)
    plate: str = Field(max_length=20, unique=True)
    model: str = Field(default="", max_length=100)
    kind: str = Field(default="sedan", max_length=20)
    seats: int = 5
    unit: str = Field(default="", max_length=200)
    default_driver_id: Optional[int] = Field(
        default=None, foreign_key="driver.id", ondelete="SET NULL"
    )
    active: bool = True
    notes: str = ""
    hired: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    hire_company: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": EMPTY})
    day_rate_fen: Optional[int] = None
    version: int = _version()


class Trip(SQLModel, table=True):
    """A dispatched journey (派车单): request, approval, car, driver, route and odometer."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    vehicle_id: Optional[int] = Field(default=None, foreign_key="vehicle.id", ondelete="SET NULL")
    driver_id: Optional[int] = Field(default=None, foreign_key="driver.id", ondelete="SET NULL")
    purpose: str = Field(default="", max_length=200)
    origin: str = Field(default="", max_length=200)
    destination: str = Field(default="", max_length=200)
    route: str = ""
    depart_at: Optional[datetime] = _moment()
    return_at: Optional[datetime] = _moment()
    status: str = Field(default="requested", max_length=20)
    requested_by: str = Field(default="", max_length=60)
    approved_by: str = Field(default="", max_length=60)
    odometer_out: Optional[int] = None
    odometer_in: Optional[int] = None
    notes: str = ""
    sitting_id: Optional[int] = Field(default=None, foreign_key="sitting.id", ondelete="SET NULL", index=True)
    kind: str = Field(default="meeting", max_length=20, sa_column_kwargs={"server_default": "meeting"})
    version: int = _version()


class TripPassenger(SQLModel, table=True):
    """A participant riding on a trip; ``seat_position`` 1 = rear right, 2 = rear left, 3 = front."""

    __table_args__ = (UniqueConstraint("trip_id", "participation_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    trip_id: int = Field(foreign_key="trip.id", ondelete="CASCADE", index=True)
    participation_id: int = Field(foreign_key="participation.id", ondelete="CASCADE", index=True)
    seat_position: Optional[int] = None


class Hotel(SQLModel, table=True):
    """A hotel (usually an agreement hotel, 协议酒店) providing rooms."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    address: str = Field(default="", max_length=300)
    contact: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=50)
    is_agreement: bool = True
    notes: str = ""
    version: int = _version()


class RoomType(SQLModel, table=True):
    """A room type with its nightly rate; suites are flagged because meetings may not use them."""

    __table_args__ = (UniqueConstraint("hotel_id", "name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    hotel_id: int = Field(foreign_key="hotel.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=60)
    beds: int = 2
    is_suite: bool = False
    rate_fen: int = 0
    version: int = _version()


class Room(SQLModel, table=True):
    """A physical room of a hotel."""

    __table_args__ = (UniqueConstraint("hotel_id", "number"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    hotel_id: int = Field(foreign_key="hotel.id", ondelete="CASCADE", index=True)
    room_type_id: int = Field(foreign_key="roomtype.id", ondelete="RESTRICT")
    number: str = Field(max_length=20)
    floor: int = 0
    notes: str = ""
    version: int = _version()


class Stay(SQLModel, table=True):
    """A participant lodged in a room from check-in to check-out (nights = difference)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    room_id: int = Field(foreign_key="room.id", ondelete="RESTRICT", index=True)
    participation_id: int = Field(foreign_key="participation.id", ondelete="CASCADE", index=True)
    check_in: date
    check_out: date
    notes: str = ""
    # A locked stay is kept as it is by the automatic allocation.
    locked: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    version: int = _version()


class RoomBlock(SQLModel, table=True):
    """Rooms of one type held for an event on one night (房源预留), released back to the hotel on
    ``release_date``; taken and remaining are counted from the stays."""

    __table_args__ = (UniqueConstraint("event_id", "room_type_id", "night"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    room_type_id: int = Field(foreign_key="roomtype.id", ondelete="CASCADE", index=True)
    night: date
    held: int = 0
    release_date: Optional[date] = None
    notes: str = ""
    version: int = _version()


class LodgingPolicy(SQLModel, table=True):
    """The rules the automatic room allocation follows for one event, as the officer set them.

    ``single_roles`` (comma-separated role codes) and ``single_posts`` (comma-separated words found in
    the post) get a room of their own, as do the first ``single_rank_within`` by rank; the others share
    twin rooms by gender, grouped by ``pair_by`` (``delegation``, ``unit`` or ``none``). ``hotel_order``
    (comma-separated hotel ids) is the order hotels are filled in; empty means by name.
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", unique=True)
    single_roles: str = Field(default="", max_length=200)
    single_posts: str = Field(default="", max_length=300)
    single_rank_within: int = 0
    pair_by: str = Field(default="delegation", max_length=20)
    hotel_order: str = Field(default="", max_length=200)
    version: int = _version()


class Meal(SQLModel, table=True):
    """One meal served during an event, with its per-person standard."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    meal_date: date
    kind: str = Field(max_length=20)
    style: str = Field(default="buffet", max_length=20)
    place: str = Field(default="", max_length=200)
    planned_count: int = 0
    standard_fen: int = 0
    notes: str = ""
    # The programme item this meal is (kind "meal"), if any.
    sitting_id: Optional[int] = Field(default=None, foreign_key="sitting.id", ondelete="SET NULL", index=True)
    include_staff: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    include_drivers: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # The derived headcount plus ``adjustment`` (which needs a reason).
    adjustment: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    adjustment_reason: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": EMPTY})
    table_size: int = Field(default=10, sa_column_kwargs={"server_default": "10"})
    # Dietary provisions the kitchen makes (comma-separated: 清真, 素食, 无花生 …).
    provisions: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": EMPTY})
    # A reception's table: hosts and guests (None: counted from the roster).
    host_count: Optional[int] = None
    guest_count: Optional[int] = None
    version: int = _version()


class MenuItem(SQLModel, table=True):
    """A dish on a meal's menu; reviewed against the frugality rules."""

    id: Optional[int] = Field(default=None, primary_key=True)
    meal_id: int = Field(foreign_key="meal.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    category: str = Field(default="", max_length=40)
    sort_order: int = 0
    # Price per person (人均), in fen.
    price_fen: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    version: int = _version()


class MealDiner(SQLModel, table=True):
    """A participant expected at a meal, with the table number when seated."""

    __table_args__ = (UniqueConstraint("meal_id", "participation_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    meal_id: int = Field(foreign_key="meal.id", ondelete="CASCADE", index=True)
    participation_id: int = Field(foreign_key="participation.id", ondelete="CASCADE", index=True)
    table_no: Optional[int] = None


class BudgetLine(SQLModel, table=True):
    """A line of the expense budget (预算) with its actual (决算) amount."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    category: str = Field(max_length=20)
    item: str = Field(max_length=200)
    unit_price_fen: int = 0
    quantity: float = 0.0
    days: float = 1.0
    planned_fen: int = 0
    actual_fen: Optional[int] = None
    payee: str = Field(default="", max_length=200)
    sort_order: int = 0
    notes: str = ""
    version: int = _version()


class Task(SQLModel, table=True):
    """A task of the work plan (工作方案): phase, standard, owner and deadline."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    phase: str = Field(max_length=10)
    title: str = Field(max_length=200)
    standard: str = ""
    owner: str = Field(default="", max_length=60)
    due_date: Optional[date] = None
    status: str = Field(default="todo", max_length=10)
    done_at: Optional[datetime] = _moment()
    sort_order: int = 0
    notes: str = ""
    version: int = _version()


class ContingencyPlan(SQLModel, table=True):
    """A contingency plan (应急预案) for one risk of the event."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    risk: str = Field(max_length=20)
    title: str = Field(max_length=200)
    trigger: str = ""
    measures: str = ""
    owner: str = Field(default="", max_length=60)
    contact: str = Field(default="", max_length=100)
    version: int = _version()


class Incident(SQLModel, table=True):
    """Something that went wrong during the event and what was done about it (会中)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    occurred_at: datetime = Field(sa_type=DateTime)
    description: str
    action_taken: str = ""
    owner: str = Field(default="", max_length=60)
    resolved: bool = False
    version: int = _version()


class ReviewNote(SQLModel, table=True):
    """An after-meeting review point (会后复盘): what to keep or improve, fed to the next event."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    kind: str = Field(default="improve", max_length=10)
    topic: str = Field(max_length=200)
    description: str = ""
    cause: str = ""
    action_next: str = ""
    carried_to_event_id: Optional[int] = Field(
        default=None, foreign_key="event.id", ondelete="SET NULL"
    )
    version: int = _version()


class OfficeSetting(SQLModel, table=True):
    """An office-wide setting kept in the database so that every user of a shared server sees it
    (for instance the name-ordering convention of a body)."""

    key: str = Field(primary_key=True, max_length=100)
    value: str = ""
    version: int = _version()


class ImportBatch(SQLModel, table=True):
    """One roster import: what it did (counts) and how to undo it (``undo_json``)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: Optional[int] = Field(default=None, foreign_key="event.id", ondelete="CASCADE", index=True)
    file_name: str = Field(max_length=260)
    created_at: datetime = _created()
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    undo_json: str = "{}"
    undone_at: Optional[datetime] = _moment()


class HallBooking(SQLModel, table=True):
    """A hall booked for an event from ``starts_at`` to ``ends_at`` (场地预订), with the venue's contact."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    hall_id: int = Field(foreign_key="hall.id", ondelete="CASCADE", index=True)
    starts_at: datetime = Field(sa_type=DateTime)
    ends_at: datetime = Field(sa_type=DateTime)
    status: str = Field(default="tentative", max_length=20)
    contact: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=50)
    notes: str = ""
    version: int = _version()


class VenueSetup(SQLModel, table=True):
    """An event's set-up of one hall (会场布置): the banner (会标) and the spare margin of materials."""

    __table_args__ = (UniqueConstraint("event_id", "hall_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    hall_id: int = Field(foreign_key="hall.id", ondelete="CASCADE", index=True)
    banner_text: str = Field(default="", max_length=200)
    banner_approved_by: str = Field(default="", max_length=60)
    banner_approved_at: Optional[datetime] = _moment()
    spare_percent: int = 10
    notes: str = ""
    version: int = _version()


class VenueCheck(SQLModel, table=True):
    """A set-up check (sound, projection, lighting …) with who checked it and when."""

    id: Optional[int] = Field(default=None, primary_key=True)
    setup_id: int = Field(foreign_key="venuesetup.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    sort_order: int = 0
    checked_by: str = Field(default="", max_length=60)
    checked_at: Optional[datetime] = _moment()
    notes: str = ""
    version: int = _version()


class VenueMaterial(SQLModel, table=True):
    """A material to prepare. ``basis`` says how its quantity is derived: ``card`` (per name card:
    rostrum and table seats), ``participant`` (per participant), ``fixed`` (``per_unit`` as is)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    setup_id: int = Field(foreign_key="venuesetup.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=100)
    unit: str = Field(default="", max_length=20)
    basis: str = Field(default="participant", max_length=20)
    per_unit: int = 1
    prepared: Optional[int] = None
    sort_order: int = 0
    notes: str = ""
    version: int = _version()


class FrugalityRule(SQLModel, table=True):
    """A word of the frugality list (高档菜肴, 鱼翅, 香烟, 酒 …) that a menu or a budget line may not
    contain, with the rule it comes from. Seeded from resources/standards/ and edited in the app."""

    id: Optional[int] = Field(default=None, primary_key=True)
    word: str = Field(max_length=40, unique=True)
    category: str = Field(default="", max_length=40)
    rule: str = Field(default="", max_length=300)
    applies_to: str = Field(default="all", max_length=20)
    version: int = _version()


class ArrivalCheckIn(SQLModel, table=True):
    """A participant's arrival at the desk (报到): when, and what was handed over (comma-separated codes
    of materials, room card, pass …)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    event_id: int = _event_fk()
    participation_id: int = Field(foreign_key="participation.id", ondelete="CASCADE", unique=True)
    arrived_at: datetime = Field(sa_type=DateTime)
    handed: str = Field(default="", max_length=200)
    notes: str = ""
    version: int = _version()
