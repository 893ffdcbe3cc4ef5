"""Read models of lodging (住宿): the hotel directory (hotels, room types, rooms, kept across events) and
one event's stays with their guests, its room blocks with taken and remaining counted from the stays,
its participants' lodging needs and its allocation rules (LodgingPolicy)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.lodging.nights import nights_of
from rdplanner.models import (
    Event,
    Hotel,
    LodgingPolicy,
    Participation,
    Person,
    Room,
    RoomBlock,
    RoomType,
    Stay,
)
from rdplanner.readmodels import load_rows
from rdplanner.store import get_or_raise


@dataclass(frozen=True, slots=True)
class StayRow:
    id: int
    participation_id: int
    hotel: str
    room_number: str
    room_type: str
    is_suite: bool
    rate_fen: int
    check_in: date
    check_out: date

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


def load_stays(session: Session, event_id: int) -> tuple[StayRow, ...]:
    query = (
        select(Stay.id, Stay.participation_id, Hotel.name, Room.number, RoomType.name, RoomType.is_suite,
               RoomType.rate_fen, Stay.check_in, Stay.check_out)
        .join(Room, Room.id == Stay.room_id)
        .join(RoomType, RoomType.id == Room.room_type_id)
        .join(Hotel, Hotel.id == Room.hotel_id)
        .where(Stay.event_id == event_id)
        .order_by(Hotel.name, Room.number, Stay.id)
    )
    return load_rows(session, StayRow, query)


@dataclass(frozen=True, slots=True)
class HotelRow:
    id: int
    name: str
    address: str
    contact: str
    phone: str
    is_agreement: bool
    notes: str
    version: int


@dataclass(frozen=True, slots=True)
class RoomTypeRow:
    id: int
    hotel_id: int
    name: str
    beds: int
    is_suite: bool
    rate_fen: int
    version: int


@dataclass(frozen=True, slots=True)
class RoomRow:
    id: int
    hotel_id: int
    room_type_id: int
    number: str
    floor: int
    notes: str
    version: int


@dataclass(frozen=True, slots=True)
class GuestRow:
    """A participant of the event with what lodging needs to know of them."""

    participation_id: int
    name: str
    gender: str
    role: str
    post: str
    unit: str
    rank_order: int
    delegation: str
    needs_lodging: bool
    is_local: bool
    leave_status: str
    arrival_date: date | None
    departure_date: date | None


@dataclass(frozen=True, slots=True)
class StayItem:
    id: int
    participation_id: int
    room_id: int
    check_in: date
    check_out: date
    locked: bool
    notes: str
    version: int

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


@dataclass(frozen=True, slots=True)
class OtherStay:
    """A stay of another event in a room of the directory (rooms are shared by every event)."""

    id: int
    event_id: int
    event_name: str
    room_id: int
    check_in: date
    check_out: date
    name: str
    gender: str


@dataclass(frozen=True, slots=True)
class BlockRow:
    """A room block: ``held`` rooms of a type on one night; ``taken`` rooms of that type used that night."""

    id: int
    room_type_id: int
    night: date
    held: int
    release_date: date | None
    notes: str
    version: int
    taken: int = 0

    @property
    def remaining(self) -> int:
        return self.held - self.taken


DEFAULT_SINGLE_POSTS = ("主任", "秘书长")  # the 主任会议's posts (副主任 contains 主任)


@dataclass(frozen=True, slots=True)
class PolicyRow:
    """The allocation rules; an event without saved rules has these defaults (version 0)."""

    single_roles: tuple[str, ...] = ()
    single_posts: tuple[str, ...] = DEFAULT_SINGLE_POSTS
    single_rank_within: int = 0
    pair_by: str = "delegation"
    hotel_order: tuple[int, ...] = ()
    version: int = 0  # 0: not saved yet (the defaults)


@dataclass(frozen=True)
class Directory:
    """The hotels with their room types and rooms, by name, floor and number."""

    hotels: tuple[HotelRow, ...] = ()
    room_types: tuple[RoomTypeRow, ...] = ()
    rooms: tuple[RoomRow, ...] = ()

    def hotel(self, hotel_id: int) -> HotelRow:
        return next(h for h in self.hotels if h.id == hotel_id)


@dataclass(frozen=True)
class LodgingView:
    """One event's lodging and the directory it draws on."""

    event_id: int
    event_name: str
    start_date: date
    end_date: date
    expense_category: int
    directory: Directory
    stays: tuple[StayItem, ...]
    blocks: tuple[BlockRow, ...]
    guests: tuple[GuestRow, ...]
    policy: PolicyRow
    others: tuple[OtherStay, ...] = ()  # other events' stays in the directory's rooms, around these dates
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def _lookup(self, name: str, rows) -> dict:
        if name not in self._index:
            self._index[name] = {r.id if hasattr(r, "id") else r.participation_id: r for r in rows}
        return self._index[name]

    def room(self, room_id: int) -> RoomRow:
        return self._lookup("rooms", self.directory.rooms)[room_id]

    def room_type(self, type_id: int) -> RoomTypeRow:
        return self._lookup("types", self.directory.room_types)[type_id]

    def hotel_of_room(self, room_id: int) -> HotelRow:
        return self._lookup("hotels", self.directory.hotels)[self.room(room_id).hotel_id]

    def guest(self, participation_id: int) -> GuestRow | None:
        return self._lookup("guests", self.guests).get(participation_id)

    def room_label(self, room_id: int) -> str:
        """"市人大会议中心宾馆 301 房间"."""
        return f"{self.hotel_of_room(room_id).name} {self.room(room_id).number} 房间"


def split_list(text: str) -> tuple[str, ...]:
    """Comma-separated words (，、, or spaces) as a tuple, blanks dropped."""
    for mark in "，、;；":
        text = text.replace(mark, ",")
    return tuple(w.strip() for w in text.replace(" ", ",").split(",") if w.strip())


def load_directory(session: Session) -> Directory:
    hotels = load_rows(session, HotelRow, select(Hotel.id, Hotel.name, Hotel.address, Hotel.contact, Hotel.phone,
                                                 Hotel.is_agreement, Hotel.notes, Hotel.version)
                       .order_by(Hotel.name, Hotel.id))
    types = load_rows(session, RoomTypeRow, select(RoomType.id, RoomType.hotel_id, RoomType.name, RoomType.beds,
                                                   RoomType.is_suite, RoomType.rate_fen, RoomType.version)
                      .order_by(RoomType.hotel_id, RoomType.id))
    rooms = load_rows(session, RoomRow, select(Room.id, Room.hotel_id, Room.room_type_id, Room.number, Room.floor,
                                               Room.notes, Room.version)
                      .order_by(Room.hotel_id, Room.floor, Room.number))
    return Directory(hotels, types, rooms)


def load_policy(session: Session, event_id: int) -> PolicyRow:
    row = session.scalar(select(LodgingPolicy).where(LodgingPolicy.event_id == event_id))
    if row is None:
        return PolicyRow()
    order = tuple(int(w) for w in split_list(row.hotel_order) if w.isdigit())
    return PolicyRow(split_list(row.single_roles), split_list(row.single_posts), row.single_rank_within,
                     row.pair_by, order, row.version)


def load_guests(session: Session, event_id: int) -> tuple[GuestRow, ...]:
    p = Participation
    return load_rows(session, GuestRow, select(
        p.id, Person.name, Person.gender, p.role, Person.post, Person.unit, p.rank_order, p.delegation,
        p.needs_lodging, p.is_local, p.leave_status, p.arrival_date, p.departure_date)
        .join(Person, Person.id == p.person_id).where(p.event_id == event_id).order_by(p.id))


def load_lodging(session: Session, event_id: int) -> LodgingView:
    """The event's lodging as plain rows. Raises NotFound: no such event."""
    event = get_or_raise(session, Event, event_id, "活动")
    directory = load_directory(session)
    stays = load_rows(session, StayItem, select(Stay.id, Stay.participation_id, Stay.room_id, Stay.check_in,
                                                Stay.check_out, Stay.locked, Stay.notes, Stay.version)
                      .where(Stay.event_id == event_id).order_by(Stay.id))
    blocks = load_rows(session, BlockRow, select(RoomBlock.id, RoomBlock.room_type_id, RoomBlock.night,
                                                 RoomBlock.held, RoomBlock.release_date, RoomBlock.notes,
                                                 RoomBlock.version)
                       .where(RoomBlock.event_id == event_id).order_by(RoomBlock.room_type_id, RoomBlock.night))
    taken = taken_rooms(stays, {r.id: r.room_type_id for r in directory.rooms})
    blocks = tuple(BlockRow(*(getattr(b, f) for f in ("id", "room_type_id", "night", "held", "release_date",
                                                      "notes", "version")), taken.get((b.room_type_id, b.night), 0))
                   for b in blocks)
    return LodgingView(event.id, event.name, event.start_date, event.end_date, event.expense_category, directory,
                       stays, blocks, load_guests(session, event_id), load_policy(session, event_id),
                       load_others(session, event_id, stays, event.start_date, event.end_date))


OTHERS_MARGIN = timedelta(days=8)  # beyond the nights stays.check_span lets a stay take


def load_others(session: Session, event_id: int, stays, start: date, end: date) -> tuple[OtherStay, ...]:
    """Other events' stays overlapping the nights this event's stays take or may take."""
    low = min([start - OTHERS_MARGIN, *(s.check_in for s in stays)])
    high = max([end + OTHERS_MARGIN, *(s.check_out for s in stays)])
    query = (select(Stay.id, Stay.event_id, Event.name, Stay.room_id, Stay.check_in, Stay.check_out, Person.name,
                    Person.gender)
             .join(Event, Event.id == Stay.event_id)
             .join(Participation, Participation.id == Stay.participation_id)
             .join(Person, Person.id == Participation.person_id)
             .where(Stay.event_id != event_id, Stay.check_out > low, Stay.check_in < high).order_by(Stay.id))
    return load_rows(session, OtherStay, query)


def taken_rooms(stays, type_of_room: dict[int, int]) -> dict[tuple[int, date], int]:
    """(room type id, night) → rooms of that type in use that night (a shared room counts once)."""
    used: dict[tuple[int, date], set[int]] = defaultdict(set)
    for stay in stays:
        for night in nights_of(stay.check_in, stay.check_out):
            used[(type_of_room[stay.room_id], night)].add(stay.room_id)
    return {key: len(rooms) for key, rooms in used.items()}
