"""Services of one event's lodging: stays (add, change nights, move, swap, lock, remove), room blocks
(房源预留) per night and room type, and the allocation rules (LodgingPolicy).

Every service first takes the event's lock (store.lock_roster, which the lodging undo takes too),
validates (InvalidInput naming the field), writes, commits, and returns an Outcome naming the event's
lodging and the stays or blocks it touched. A room holds no more guests on a night than it has beds.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, select, update
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.lodging.allocation import PAIR_BY
from rdplanner.lodging.beds import (
    bounded_int,
    check_room,
    check_span,
    clean_note,
    lock_rooms,
    plain_date,
)
from rdplanner.lodging.nights import ONE_DAY, default_nights, nights_of
from rdplanner.lodging.read import split_list
from rdplanner.models import (
    Event,
    Hotel,
    LodgingPolicy,
    Participation,
    Person,
    RoomBlock,
    RoomType,
    Stay,
)
from rdplanner.store import get_or_raise, lock_roster, versioned_update
from rdplanner.text import clean_text

MAX_NIGHTS = 60


def stay_changes(event_id: int, kind: str = "stay", ids: Iterable[int] = ()) -> Changes:
    return Changes.of("lodging", event_id, rows=tuple((kind, i) for i in ids))


def _event(session: Session, event_id: int) -> Event:
    lock_roster(session, event_id)
    return get_or_raise(session, Event, event_id, "活动")


def _stay(session: Session, stay_id: int) -> Stay:
    event_id = session.scalar(select(Stay.event_id).where(Stay.id == stay_id))
    if event_id is None:
        raise NotFound(f"找不到该住宿安排（编号 {stay_id}），可能已被删除。")
    lock_roster(session, event_id)
    stay = session.get(Stay, stay_id, populate_existing=True)
    if stay is None:
        raise NotFound(f"找不到该住宿安排（编号 {stay_id}），可能已被删除。")
    return stay


def _check_nights(event: Event, check_in: object, check_out: object) -> tuple[date, date]:
    check_in = plain_date(check_in, "check_in", "入住日期")
    check_out = plain_date(check_out, "check_out", "退房日期")
    if check_out <= check_in:
        raise InvalidInput("退房日期应晚于入住日期（至少住一晚）。", field="check_out")
    if (check_out - check_in).days > MAX_NIGHTS:
        raise InvalidInput(f"一次住宿最多 {MAX_NIGHTS} 晚。", field="check_out")
    check_span(event, check_in, check_out - ONE_DAY, "check_in")
    return check_in, check_out


def _check_person(session: Session, event_id: int, participation_id: int, check_in: date, check_out: date,
                  leaving: Iterable[int] = ()) -> str:
    """The person's name; refuses a stay overlapping another of theirs (field check_in)."""
    name = session.scalar(select(Person.name).join(Participation, Participation.person_id == Person.id)
                          .where(Participation.id == participation_id, Participation.event_id == event_id))
    if name is None:
        raise InvalidInput("所选人员不在本活动名单中。", field="participation_id")
    own = session.execute(select(Stay.check_in, Stay.check_out).where(
        Stay.event_id == event_id, Stay.participation_id == participation_id, Stay.id.not_in(list(leaving)))).all()
    if any(start < check_out and check_in < end for start, end in own):
        raise InvalidInput(f"{name}在这几晚已有住宿安排。", field="check_in")
    return name


def add_stay(session: Session, *, event_id: int, participation_id: int, room_id: int,
             check_in: date | None = None, check_out: date | None = None, notes: str = "") -> Outcome:
    """Lodge a participant in a room; the nights default from their arrival and departure (nights.py).
    Value: the stay's id.

    Raises:
        InvalidInput: a person not of the event, already lodged those nights, a room gone or full, nights
        backwards or over 60. NotFound: no such event.
    """
    event = _event(session, event_id)
    lock_rooms(session, [room_id])
    part = session.get(Participation, participation_id)
    if part is None or part.event_id != event_id:
        raise InvalidInput("所选人员不在本活动名单中。", field="participation_id")
    first, last = default_nights(part.arrival_date, part.departure_date, event.start_date, event.end_date)
    check_in, check_out = _check_nights(event, check_in or first, check_out or last)
    _check_person(session, event_id, participation_id, check_in, check_out)
    check_room(session, event_id, room_id, check_in, check_out)
    stay = Stay(event_id=event_id, room_id=room_id, participation_id=participation_id, check_in=check_in,
                check_out=check_out, notes=clean_note(notes))
    session.add(stay)
    session.flush()
    stay_id = stay.id
    session.commit()
    return Outcome(stay_changes(event_id, ids=[stay_id]), stay_id)


def update_stay(session: Session, *, stay_id: int, expected_version: int, check_in: date, check_out: date,
                notes: str = "") -> Outcome:
    """Change a stay's nights and note. Raises InvalidInput (as add_stay); StaleEdit; NotFound."""
    stay = _stay(session, stay_id)
    lock_rooms(session, [stay.room_id])
    event = get_or_raise(session, Event, stay.event_id, "活动")
    check_in, check_out = _check_nights(event, check_in, check_out)
    _check_person(session, stay.event_id, stay.participation_id, check_in, check_out, leaving=[stay_id])
    check_room(session, stay.event_id, stay.room_id, check_in, check_out, leaving=[stay_id])
    versioned_update(session, Stay, stay_id, expected_version=expected_version, what="住宿安排",
                     values={"check_in": check_in, "check_out": check_out, "notes": clean_note(notes)})
    event_id = stay.event_id
    session.commit()
    return Outcome(stay_changes(event_id, ids=[stay_id]))


def move_stay(session: Session, *, stay_id: int, room_id: int) -> Outcome:
    """Move a stay to another room (its nights kept). Raises InvalidInput: the room full those nights, the
    stay locked (field ``stay_id``); NotFound."""
    stay = _stay(session, stay_id)
    if stay.locked:
        raise InvalidInput("该住宿已锁定，请先解锁再调整。", field="stay_id")
    if stay.room_id == room_id:
        return Outcome(Changes())
    lock_rooms(session, [stay.room_id, room_id])
    check_room(session, stay.event_id, room_id, stay.check_in, stay.check_out, leaving=[stay_id])
    session.execute(update(Stay).where(Stay.id == stay_id).values(room_id=room_id, version=Stay.version + 1))
    event_id = stay.event_id
    session.commit()
    return Outcome(stay_changes(event_id, ids=[stay_id]))


def swap_stays(session: Session, *, first_id: int, second_id: int) -> Outcome:
    """Exchange the rooms of two stays of one event (e.g. two guests of different rooms).

    Raises:
        InvalidInput: the same stay twice, stays of two events, a locked stay, a room then over its beds.
    """
    if first_id == second_id:
        raise InvalidInput("请选择两条不同的住宿安排。", field="second_id")
    first = _stay(session, first_id)
    second = session.get(Stay, second_id, populate_existing=True)
    if second is None or second.event_id != first.event_id:
        raise InvalidInput("只能互换同一活动的两条住宿安排。", field="second_id")
    if first.locked or second.locked:
        raise InvalidInput("锁定的住宿不能互换，请先解锁。", field="first_id")
    if first.room_id == second.room_id:
        return Outcome(Changes())
    pair = [first_id, second_id]
    lock_rooms(session, [first.room_id, second.room_id])
    check_room(session, first.event_id, second.room_id, first.check_in, first.check_out, leaving=pair)
    check_room(session, first.event_id, first.room_id, second.check_in, second.check_out, leaving=pair)
    rooms = {first_id: second.room_id, second_id: first.room_id}
    for stay_id, room_id in rooms.items():
        session.execute(update(Stay).where(Stay.id == stay_id).values(room_id=room_id, version=Stay.version + 1))
    event_id = first.event_id
    session.commit()
    return Outcome(stay_changes(event_id, ids=pair))


def _event_stays(session: Session, stay_ids: Iterable[int]) -> tuple[int, list[int]]:
    ids = sorted(set(stay_ids))
    events = set(session.scalars(select(Stay.event_id).where(Stay.id.in_(ids))))
    if not ids or len(events) != 1:
        raise NotFound("所选住宿安排已被删除或不属于同一活动，请刷新后再操作。")
    event_id = events.pop()
    lock_roster(session, event_id)
    return event_id, ids


def set_locked(session: Session, *, stay_ids: Iterable[int], locked: bool) -> Outcome:
    """Lock stays (the allocation keeps them) or unlock them."""
    event_id, ids = _event_stays(session, stay_ids)
    session.execute(update(Stay).where(Stay.id.in_(ids)).values(locked=bool(locked), version=Stay.version + 1))
    session.commit()
    return Outcome(stay_changes(event_id, ids=ids))


def remove_stays(session: Session, *, stay_ids: Iterable[int]) -> Outcome:
    """Delete stays (locked ones too: the officer chose them)."""
    event_id, ids = _event_stays(session, stay_ids)
    session.execute(delete(Stay).where(Stay.id.in_(ids)))
    session.commit()
    return Outcome(stay_changes(event_id, ids=ids))


def set_block(session: Session, *, event_id: int, room_type_id: int, first_night: date, last_night: date,
              held: int, release_date: date | None = None, notes: str = "") -> Outcome:
    """Hold ``held`` rooms of a type on every night from ``first_night`` to ``last_night`` (a night's
    block already there is changed). Value: the blocks' ids.

    Raises:
        InvalidInput: the type gone (room_type_id), nights backwards or over 60 (last_night), held
        negative or over 999 (held), a release date after the first night (release_date).
    """
    event = _event(session, event_id)
    if session.get(RoomType, room_type_id) is None:
        raise InvalidInput("所选房型不存在或已被删除。", field="room_type_id")
    first_night = plain_date(first_night, "first_night", "预留的第一晚")
    last_night = plain_date(last_night, "last_night", "预留的最后一晚")
    if release_date is not None:
        release_date = plain_date(release_date, "release_date", "释放日期")
    if last_night < first_night or (last_night - first_night).days >= MAX_NIGHTS:
        raise InvalidInput("预留的最后一晚应不早于第一晚，且最多 60 晚。", field="last_night")
    if isinstance(held, bool) or not isinstance(held, int) or not 0 <= held <= 999:
        raise InvalidInput("预留房数应为 0 至 999。", field="held")
    if release_date is not None and release_date > first_night:
        raise InvalidInput("释放日期（过期未用归还饭店）应不晚于预留的第一晚。", field="release_date")
    check_span(event, first_night, last_night, "first_night")
    notes = clean_note(notes)
    ids = []
    for night in nights_of(first_night, last_night + ONE_DAY):
        row = session.scalar(select(RoomBlock).where(RoomBlock.event_id == event_id,
                                                     RoomBlock.room_type_id == room_type_id, RoomBlock.night == night))
        if row is None:
            row = RoomBlock(event_id=event_id, room_type_id=room_type_id, night=night)
            session.add(row)
        else:
            row.version += 1
        row.held, row.release_date, row.notes = held, release_date, notes
        session.flush()
        ids.append(row.id)
    session.commit()
    return Outcome(stay_changes(event_id, "block", ids), tuple(ids))


def remove_blocks(session: Session, *, block_ids: Iterable[int]) -> Outcome:
    """Delete room blocks of one event."""
    ids = sorted(set(block_ids))
    events = set(session.scalars(select(RoomBlock.event_id).where(RoomBlock.id.in_(ids))))
    if not ids or len(events) != 1:
        raise NotFound("所选房源预留已被删除，请刷新后再操作。")
    event_id = events.pop()
    lock_roster(session, event_id)
    session.execute(delete(RoomBlock).where(RoomBlock.id.in_(ids)))
    session.commit()
    return Outcome(stay_changes(event_id, "block", ids))


def save_policy(session: Session, *, event_id: int, single_roles: str = "", single_posts: str = "",
                single_rank_within: int = 0, pair_by: str = "delegation", hotel_order: str = "") -> Outcome:
    """Save the event's allocation rules (creating them on first save).

    Raises:
        InvalidInput: a rank not a whole number within 0–999 (single_rank_within), an unknown pairing
        (pair_by), a hotel order naming no hotel of the directory (hotel_order), a text over its length.
    """
    _event(session, event_id)
    write_policy(session, event_id=event_id, single_roles=single_roles, single_posts=single_posts,
                 single_rank_within=single_rank_within, pair_by=pair_by, hotel_order=hotel_order)
    session.commit()
    return Outcome(stay_changes(event_id, "policy", ()))


def write_policy(session: Session, *, event_id: int, single_roles: str, single_posts: str,
                 single_rank_within: object, pair_by: str, hotel_order: str) -> None:
    """save_policy's checks and write, without the commit (the caller holds the event's lock)."""
    rank = bounded_int(single_rank_within, "single_rank_within", "单独住宿的排序人数", 0, 999)
    if pair_by not in PAIR_BY:
        raise InvalidInput("同住分组方式应为代表团、单位或不分组。", field="pair_by")
    order = split_list(clean_text(hotel_order or ""))
    if any(not (w.isascii() and w.isdigit()) for w in order):
        raise InvalidInput("饭店顺序应为饭店编号，用逗号分隔。", field="hotel_order")
    known = set(session.scalars(select(Hotel.id).where(Hotel.id.in_(sorted({int(w) for w in order}))))) \
        if order else set()
    unknown = [w for w in order if int(w) not in known]
    if unknown:
        raise InvalidInput(f"饭店顺序中的编号 {'、'.join(unknown[:5])} 不是名录中的饭店。", field="hotel_order")
    values = {"single_roles": ",".join(split_list(clean_text(single_roles or ""))),
              "single_posts": ",".join(split_list(clean_text(single_posts or ""))),
              "single_rank_within": rank, "pair_by": pair_by, "hotel_order": ",".join(order)}
    for key, limit in (("single_roles", 200), ("single_posts", 300), ("hotel_order", 200)):
        if len(values[key]) > limit:
            raise InvalidInput(f"内容太长（最多 {limit} 个字符）。", field=key)
    row = session.scalar(select(LodgingPolicy).where(LodgingPolicy.event_id == event_id))
    if row is None:
        session.add(LodgingPolicy(event_id=event_id, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
        row.version += 1
    session.flush()
