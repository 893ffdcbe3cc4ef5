"""Read models of the venue set-up (会场布置): the event's hall bookings with the other events' bookings
that overlap them, and each hall's set-up with its checks and its materials' derived quantities.

A material's quantity is ceil(base × per_unit × (1 + spare/100)); its base is the name cards of the hall
(people seated on the rostrum or at a boardroom or banquet table of the hall, in any of the event's
seat plans, each person once) or the participants not on leave. A ``fixed`` material is ``per_unit``.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlmodel import Session

from rdplanner.models import (
    Event,
    Hall,
    HallBooking,
    Layout,
    Participation,
    Seat,
    SeatAssignment,
    SeatPlan,
    Venue,
    VenueCheck,
    VenueMaterial,
    VenueSetup,
)
from rdplanner.readmodels import load_rows
from rdplanner.store import get_or_raise
from rdplanner.venue.defaults import CANCELLED, ON_LEAVE

ROSTRUM = "rostrum"
TABLE_KINDS = ("boardroom", "banquet")  # layouts whose every seat is at a table (seating.documents)
BASE_NOUNS = {"card": "张席卡", "participant": "人"}


@dataclass(frozen=True, slots=True)
class ClashRow:
    """Another event's booking of the same hall whose times overlap."""

    booking_id: int
    event_id: int
    event_name: str
    starts_at: datetime
    ends_at: datetime
    status: str


@dataclass(frozen=True, slots=True)
class BookingRow:
    id: int
    event_id: int
    hall_id: int
    hall_name: str
    venue_name: str
    starts_at: datetime
    ends_at: datetime
    status: str
    contact: str
    phone: str
    notes: str
    version: int
    clashes: tuple[ClashRow, ...] = ()

    @property
    def place(self) -> str:
        return place_name(self.venue_name, self.hall_name)


@dataclass(frozen=True, slots=True)
class CheckRow:
    id: int
    setup_id: int
    name: str
    sort_order: int
    checked_by: str
    checked_at: datetime | None
    notes: str
    version: int

    @property
    def is_done(self) -> bool:
        return bool(self.checked_by) and self.checked_at is not None


@dataclass(frozen=True, slots=True)
class MaterialRow:
    id: int
    setup_id: int
    name: str
    unit: str
    basis: str
    per_unit: int
    prepared: int | None
    sort_order: int
    notes: str
    version: int
    base: int = 0
    quantity: int = 0
    formula: str = ""


@dataclass(frozen=True, slots=True)
class SetupRow:
    id: int
    event_id: int
    hall_id: int
    hall_name: str
    venue_name: str
    banner_text: str
    banner_approved_by: str
    banner_approved_at: datetime | None
    spare_percent: int
    notes: str
    version: int
    card_seats: int = 0
    checks: tuple[CheckRow, ...] = ()
    materials: tuple[MaterialRow, ...] = ()

    @property
    def place(self) -> str:
        return place_name(self.venue_name, self.hall_name)

    @property
    def is_banner_approved(self) -> bool:
        approved = bool(self.banner_approved_by) and self.banner_approved_at is not None
        return approved and bool(self.banner_text.strip())


@dataclass(frozen=True)
class VenueView:
    """Everything of an event's venue set-up, as plain data."""

    event_id: int
    event_name: str
    start_date: date
    end_date: date
    main_hall_id: int | None
    main_hall: str
    participants: int
    bookings: tuple[BookingRow, ...]
    setups: tuple[SetupRow, ...]


def place_name(venue: str, hall: str) -> str:
    """"市人大常委会机关 第一会议室" — the venue before the hall, when it has one."""
    return f"{venue} {hall}" if venue else hall


def derived_quantity(basis: str, base: int, per_unit: int, spare_percent: int) -> int:
    """Return ceil(base × per_unit × (1 + spare/100)) in integers; a ``fixed`` material is ``per_unit``."""
    if basis == "fixed":
        return per_unit
    return -(-base * per_unit * (100 + spare_percent) // 100)


def formula_text(basis: str, base: int, per_unit: int, spare_percent: int, unit: str = "") -> str:
    """"83 人 × 1 × (1+10%) = 92" — how the quantity was found, as printed."""
    quantity = derived_quantity(basis, base, per_unit, spare_percent)
    if basis == "fixed":
        return f"固定 {quantity}{(' ' + unit) if unit else ''}"
    return f"{base} {BASE_NOUNS.get(basis, '')} × {per_unit} × (1+{spare_percent}%) = {quantity}"


def load_venue(session: Session, event_id: int) -> VenueView:
    """Return the event's bookings (with the clashes) and set-ups (with checks and quantities).

    Raises:
        NotFound: no such event.
    """
    event = get_or_raise(session, Event, event_id, "活动")
    main_hall = _hall_place(session, event.hall_id) if event.hall_id is not None else ""
    participants = participant_count(session, event_id)
    bookings = tuple(replace(b, clashes=_clashes(session, b)) for b in _bookings(session, event_id))
    setups = tuple(_filled(session, s, participants) for s in _setups(session, event_id))
    return VenueView(event_id, event.name, event.start_date, event.end_date, event.hall_id, main_hall,
                     participants, bookings, setups)


def participant_count(session: Session, event_id: int) -> int:
    """The event's participants not on leave (leave requested or approved, as the roster counts it)."""
    p = Participation
    return session.scalar(select(func.count()).select_from(p).where(
        p.event_id == event_id, p.leave_status.not_in(ON_LEAVE))) or 0


def card_seat_count(session: Session, event_id: int, hall_id: int) -> int:
    """The people with a name card in the hall: seated on its rostrum or at a table (a boardroom or banquet
    layout) in any of the event's seat plans, each person counted once."""
    query = (select(func.count(func.distinct(SeatAssignment.participation_id)))
             .join(SeatPlan, SeatPlan.id == SeatAssignment.seat_plan_id)
             .join(Seat, Seat.id == SeatAssignment.seat_id)
             .join(Layout, Layout.id == Seat.layout_id)
             .where(SeatPlan.event_id == event_id, Layout.hall_id == hall_id,
                    or_(Seat.zone == ROSTRUM, Layout.kind.in_(TABLE_KINDS))))
    return session.scalar(query) or 0


def _hall_place(session: Session, hall_id: int) -> str:
    row = session.execute(select(Venue.name, Hall.name).join(Venue, Venue.id == Hall.venue_id)
                          .where(Hall.id == hall_id)).first()
    return place_name(row[0], row[1]) if row else ""


def _bookings(session: Session, event_id: int) -> tuple[BookingRow, ...]:
    b = HallBooking
    query = (select(b.id, b.event_id, b.hall_id, Hall.name, Venue.name, b.starts_at, b.ends_at, b.status,
                    b.contact, b.phone, b.notes, b.version)
             .join(Hall, Hall.id == b.hall_id).join(Venue, Venue.id == Hall.venue_id)
             .where(b.event_id == event_id).order_by(b.starts_at, b.id))
    return load_rows(session, BookingRow, query)


def _clashes(session: Session, booking: BookingRow) -> tuple[ClashRow, ...]:
    """Other events' live bookings of the hall overlapping this one (touching ends do not overlap)."""
    if booking.status == CANCELLED:
        return ()
    b = HallBooking
    query = (select(b.id, b.event_id, Event.name, b.starts_at, b.ends_at, b.status)
             .join(Event, Event.id == b.event_id)
             .where(b.hall_id == booking.hall_id, b.event_id != booking.event_id, b.status != CANCELLED,
                    b.starts_at < booking.ends_at, b.ends_at > booking.starts_at)
             .order_by(b.starts_at, b.id))
    return load_rows(session, ClashRow, query)


def _setups(session: Session, event_id: int) -> tuple[SetupRow, ...]:
    s = VenueSetup
    query = (select(s.id, s.event_id, s.hall_id, Hall.name, Venue.name, s.banner_text, s.banner_approved_by,
                    s.banner_approved_at, s.spare_percent, s.notes, s.version)
             .join(Hall, Hall.id == s.hall_id).join(Venue, Venue.id == Hall.venue_id)
             .where(s.event_id == event_id).order_by(s.id))
    return load_rows(session, SetupRow, query)


def _filled(session: Session, setup: SetupRow, participants: int) -> SetupRow:
    c, m = VenueCheck, VenueMaterial
    checks = load_rows(session, CheckRow, select(
        c.id, c.setup_id, c.name, c.sort_order, c.checked_by, c.checked_at, c.notes, c.version)
        .where(c.setup_id == setup.id).order_by(c.sort_order, c.id))
    cards = card_seat_count(session, setup.event_id, setup.hall_id)
    materials = load_rows(session, MaterialRow, select(
        m.id, m.setup_id, m.name, m.unit, m.basis, m.per_unit, m.prepared, m.sort_order, m.notes, m.version)
        .where(m.setup_id == setup.id).order_by(m.sort_order, m.id))
    bases = {"card": cards, "participant": participants}
    spare = setup.spare_percent
    materials = tuple(replace(row, base=(base := bases.get(row.basis, 0)),
                              quantity=derived_quantity(row.basis, base, row.per_unit, spare),
                              formula=formula_text(row.basis, base, row.per_unit, spare, row.unit))
                      for row in materials)
    return replace(setup, card_seats=cards, checks=checks, materials=materials)
