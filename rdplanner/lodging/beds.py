"""The beds of the directory's rooms, shared by every event: a room (a directory row) holds on a night
no more guests, of all events together, than its room type has beds.

Writers of stays lock the rooms they fill (``lock_rooms``, ``FOR UPDATE`` on a server, in id order) after
the event's lock, so two events moving guests into one last bed wait for each other; the checks then
count every event's stays. Also the nights an event's stays and blocks may take (``check_span``) and the
cleaning of the texts lodging stores.
"""

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.errors import InvalidInput
from rdplanner.lodging.nights import day_text, nights_of
from rdplanner.models import Event, Hotel, Participation, Person, Room, RoomType, Stay
from rdplanner.text import INVISIBLE, clean_text

MARGIN_DAYS = 7  # nights further than this before the opening or after the closing day are a typing slip
MARGIN = timedelta(days=MARGIN_DAYS)
NOTE_LIMIT = 500


def lock_rooms(session: Session, room_ids: Iterable[int]) -> None:
    """Take the rooms' rows ``FOR UPDATE`` (in id order, so writers never deadlock); nothing on SQLite,
    whose write transaction serialises already."""
    ids = sorted({int(i) for i in room_ids if i is not None})
    if ids:
        session.execute(select(Room.id).where(Room.id.in_(ids)).order_by(Room.id).with_for_update()).all()


def room_label(session: Session, room_id: int) -> tuple[str, int]:
    """("饭店 301 房间", beds) of a room. Raises InvalidInput (field room_id) if it is gone."""
    found = session.execute(select(Hotel.name, Room.number, RoomType.beds).join(Room, Room.hotel_id == Hotel.id)
                            .join(RoomType, RoomType.id == Room.room_type_id).where(Room.id == room_id)).first()
    if found is None:
        raise InvalidInput("所选房间不存在或已被删除。", field="room_id")
    return f"{found[0]} {found[1]} 房间", found[2]


def guests_by_night(session: Session, room_ids: Iterable[int], *, leaving: Iterable[int] = (),
                    leaving_event: int | None = None) -> dict[int, dict[date, list[tuple[int, str, str]]]]:
    """room id → night → [(event id, event name, guest name)] of every event's stays in the rooms, but the stays
    ``leaving`` and (if given) the unlocked stays of ``leaving_event`` (an allocation replaces them)."""
    ids = sorted(set(room_ids))
    query = (select(Stay.room_id, Stay.check_in, Stay.check_out, Event.id, Event.name, Person.name)
             .join(Event, Event.id == Stay.event_id)
             .join(Participation, Participation.id == Stay.participation_id)
             .join(Person, Person.id == Participation.person_id)
             .where(Stay.room_id.in_(ids), Stay.id.not_in(sorted(set(leaving)))).order_by(Stay.id))
    if leaving_event is not None:
        query = query.where((Stay.event_id != leaving_event) | Stay.locked.is_(True))
    found: dict[int, dict[date, list[tuple[int, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for room_id, start, end, event_id, event, person in session.execute(query):
        for night in nights_of(start, end):
            found[room_id][night].append((event_id, event, person))
    return found


def check_room(session: Session, event_id: int, room_id: int, check_in: date, check_out: date, *,
               guests: int = 1, leaving: Iterable[int] = ()) -> None:
    """Refuse if the room, counting every event's stays, would hold more guests than beds on a night of
    the stay (field room_id). The caller has locked the room (lock_rooms)."""
    label, beds = room_label(session, room_id)
    here = guests_by_night(session, [room_id], leaving=leaving).get(room_id, {})
    full = [n for n in nights_of(check_in, check_out) if len(here.get(n, ())) + guests > beds]
    if full:
        names = guest_names(event_id, here[full[0]])
        raise InvalidInput(f"{label}只有 {beds} 个床位，{day_text(full[0])}晚已住满（{names}）。", field="room_id")


def guest_names(event_id: int, guests: list[tuple[int, str, str]]) -> str:
    """"王一、另一活动“培训班”的陈五、刘芳": the event's own guests, then each other event's."""
    names = [person for ev, _, person in guests if ev == event_id]
    others: dict[str, list[str]] = defaultdict(list)
    for ev, event, person in guests:
        if ev != event_id:
            others[event].append(person)
    names += [f"另一活动“{event}”的{'、'.join(people)}" for event, people in others.items()]
    return "、".join(names)


def over_beds(session: Session, placed: dict[int, Counter], *, leaving_event: int | None = None) -> str | None:
    """The first room, in id order, over its beds on a night once ``placed`` (room id → night → guests
    added) joins every event's stays already there (but the unlocked stays of ``leaving_event``, which
    the placements replace): "饭店 301 房间6月2日晚将住 3 人…"; None if all fit."""
    rooms = sorted(placed)
    if not rooms:
        return None
    here = guests_by_night(session, rooms, leaving_event=leaving_event)
    beds = dict(session.execute(select(Room.id, RoomType.beds).join(RoomType, RoomType.id == Room.room_type_id)
                                .where(Room.id.in_(rooms))).all())
    for room_id in rooms:
        for night in sorted(placed[room_id]):
            count = len(here.get(room_id, {}).get(night, ())) + placed[room_id][night]
            if count > beds.get(room_id, 0):
                label, _ = room_label(session, room_id)
                return f"{label}{day_text(night)}晚将住 {count} 人，只有 {beds.get(room_id, 0)} 个床位"
    return None


def plain_date(value: object, field: str, label: str) -> date:
    """``value`` if it is a calendar date (not a date and time); else InvalidInput naming ``field``."""
    if type(value) is not date:
        if isinstance(value, datetime):
            raise InvalidInput(f"{label}应为日期（不含时刻）。", field=field)
        raise InvalidInput(f"{label}应为日期。", field=field)
    return value


def check_span(event: Event, first_night: date, last_night: date, field: str) -> None:
    """Refuse nights more than MARGIN_DAYS days before the event's first day or after its last."""
    low, high = event.start_date - MARGIN, event.end_date + MARGIN
    if first_night < low or last_night > high:
        raise InvalidInput(f"住宿日期应在会期前后 {MARGIN_DAYS} 天之内（{day_text(low)}至{day_text(high)}晚；"
                           f"会期{day_text(event.start_date)}至{day_text(event.end_date)}）。", field=field)


def clean_name(value: str, field: str, label: str, limit: int) -> str:
    """A name or a line: invisible characters removed, full-width forms folded (NFKC), spaces collapsed;
    refuses one empty after that or over ``limit`` characters."""
    text = clean_text(unicodedata.normalize("NFKC", value or ""))
    if not text:
        raise InvalidInput(f"请填写{label}。", field=field)
    if len(text) > limit:
        raise InvalidInput(f"{label}太长（最多 {limit} 个字）。", field=field)
    return text


def clean_line(value: str, field: str, label: str, limit: int) -> str:
    """As clean_name, but may be empty."""
    text = clean_text(unicodedata.normalize("NFKC", value or ""))
    if len(text) > limit:
        raise InvalidInput(f"{label}太长（最多 {limit} 个字）。", field=field)
    return text


def clean_note(value: str, field: str = "notes") -> str:
    """A note: invisible and control characters removed (line breaks kept), at most NOTE_LIMIT characters."""
    text = "\n".join(line.strip() for line in (value or "").translate(INVISIBLE).splitlines()).strip()
    if len(text) > NOTE_LIMIT:
        raise InvalidInput(f"备注太长（最多 {NOTE_LIMIT} 个字）。", field=field)
    return text


def bounded_int(value: object, field: str, label: str, low: int, high: int) -> int:
    """``value`` as an integer within low–high (a whole-number float or digits accepted); else InvalidInput."""
    if isinstance(value, bool):
        raise InvalidInput(f"{label}应为 {low} 至 {high} 的整数。", field=field)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{label}应为 {low} 至 {high} 的整数。", field=field)
    return value
