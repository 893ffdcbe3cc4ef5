"""Services of the hotel directory (定点饭店名录), kept across events: hotels, their room types with the
agreed rate and beds, and their rooms (one or a range such as "301-340" at once). Each returns an Outcome
naming the lodging of every event (``Changes.of("lodging", None, rows=…)``); a removal or an edit that
checks other rows first locks the row it changes (``FOR UPDATE`` on a server).
"""

import re
import unicodedata
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.lodging.beds import (
    bounded_int,
    clean_line,
    clean_name,
    clean_note,
    guests_by_night,
    lock_rooms,
    room_label,
)
from rdplanner.models import Hotel, Room, RoomBlock, RoomType, Stay
from rdplanner.store import versioned_update
from rdplanner.text import INVISIBLE

LIMITS = {"name": 200, "address": 300, "contact": 100, "phone": 50}
MAX_BEDS = 4
MAX_RATE_FEN = 10_000_00  # 10,000 元 a night: beyond is a typing slip
MAX_RANGE = 500
DASHES = "-—~～至"
_RANGE = re.compile(r"^([A-Za-z]*)(\d+)\s*[-—~～至]\s*([A-Za-z]*)(\d+)$")
MAX_FLOOR = 200


def directory_changes(kind: str, ids) -> Changes:
    return Changes.of("lodging", None, rows=tuple((kind, i) for i in ids))


def _locked(session: Session, model: type, row_id: int, what: str) -> Any:
    row = session.scalar(select(model).where(model.id == row_id).with_for_update())
    if row is None:
        raise NotFound(f"找不到该{what}（编号 {row_id}），可能已被删除。")
    return row


def _text(value: str, field: str, label: str, *, required: bool = False, limit: int | None = None) -> str:
    """A cleaned line (invisible characters removed, full-width forms folded); refuses one empty after
    cleaning when ``required``, and one over its length."""
    limit = limit or LIMITS.get(field, 200)
    return (clean_name if required else clean_line)(value, field, label, limit)


def _hotel_values(session: Session, own_id: int | None, name: str, address: str, contact: str, phone: str,
                  is_agreement: bool, notes: str) -> dict:
    values = {"name": _text(name, "name", "饭店名称", required=True), "address": _text(address, "address", "地址"),
              "contact": _text(contact, "contact", "联系人"), "phone": _text(phone, "phone", "电话"),
              "is_agreement": bool(is_agreement), "notes": clean_note(notes)}
    clash = session.scalar(select(Hotel.id).where(Hotel.name == values["name"]))
    if clash is not None and clash != own_id:
        raise InvalidInput(f"饭店“{values['name']}”已在名录中。", field="name")
    return values


def add_hotel(session: Session, *, name: str, address: str = "", contact: str = "", phone: str = "",
              is_agreement: bool = True, notes: str = "") -> Outcome:
    """Add a hotel; value: its id. Raises InvalidInput: no name, a text too long, a name already listed."""
    row = Hotel(**_hotel_values(session, None, name, address, contact, phone, is_agreement, notes))
    session.add(row)
    session.commit()
    return Outcome(directory_changes("hotel", [row.id]), row.id)


def update_hotel(session: Session, *, hotel_id: int, expected_version: int, name: str, address: str = "",
                 contact: str = "", phone: str = "", is_agreement: bool = True, notes: str = "") -> Outcome:
    """Save an edit of a hotel. Raises InvalidInput as add_hotel; StaleEdit; NotFound."""
    values = _hotel_values(session, hotel_id, name, address, contact, phone, is_agreement, notes)
    versioned_update(session, Hotel, hotel_id, expected_version=expected_version, values=values, what="饭店")
    session.commit()
    return Outcome(directory_changes("hotel", [hotel_id]))


def remove_hotel(session: Session, *, hotel_id: int) -> Outcome:
    """Delete a hotel with its room types and rooms, if no stay or room block uses them.

    Raises:
        InvalidInput (field ``hotel_id``): stays or blocks use it (counted). NotFound.
    """
    hotel = _locked(session, Hotel, hotel_id, "饭店")
    rooms = select(Room.id).where(Room.hotel_id == hotel_id)
    types = select(RoomType.id).where(RoomType.hotel_id == hotel_id)
    stays = session.scalar(select(func.count()).select_from(Stay).where(Stay.room_id.in_(rooms))) or 0
    blocks = session.scalar(select(func.count()).select_from(RoomBlock).where(RoomBlock.room_type_id.in_(types))) or 0
    if stays or blocks:
        raise InvalidInput(f"饭店“{hotel.name}”已有住宿安排 {stays} 条、房源预留 {blocks} 条，不能删除；"
                           "请先移走这些安排。", field="hotel_id")
    session.execute(delete(Room).where(Room.hotel_id == hotel_id))
    session.execute(delete(RoomType).where(RoomType.hotel_id == hotel_id))
    session.execute(delete(Hotel).where(Hotel.id == hotel_id))
    session.commit()
    return Outcome(directory_changes("hotel", [hotel_id]))


def _type_values(session: Session, hotel_id: int, own_id: int | None, name: str, beds: int, is_suite: bool,
                 rate_fen: int) -> dict:
    name = _text(name, "name", "房型名称", required=True, limit=60)
    if isinstance(beds, bool) or not isinstance(beds, int) or not 1 <= beds <= MAX_BEDS:
        raise InvalidInput(f"床位数应为 1 至 {MAX_BEDS}。", field="beds")
    if isinstance(rate_fen, bool) or not isinstance(rate_fen, int) or not 0 <= rate_fen <= MAX_RATE_FEN:
        raise InvalidInput(f"协议价应为 0 至 {MAX_RATE_FEN // 100} 元。", field="rate_fen")
    clash = session.scalar(select(RoomType.id).where(RoomType.hotel_id == hotel_id, RoomType.name == name))
    if clash is not None and clash != own_id:
        raise InvalidInput(f"该饭店已有房型“{name}”。", field="name")
    return {"name": name, "beds": beds, "is_suite": bool(is_suite), "rate_fen": rate_fen}


def add_room_type(session: Session, *, hotel_id: int, name: str, beds: int = 2, is_suite: bool = False,
                  rate_fen: int = 0) -> Outcome:
    """Add a room type to a hotel; value: its id.

    Raises:
        NotFound: the hotel is gone. InvalidInput: no name, beds outside 1–4, a rate outside 0–10000 元,
        a name the hotel has already.
    """
    _locked(session, Hotel, hotel_id, "饭店")
    row = RoomType(hotel_id=hotel_id, **_type_values(session, hotel_id, None, name, beds, is_suite, rate_fen))
    session.add(row)
    session.commit()
    return Outcome(directory_changes("room_type", [row.id]), row.id)


def update_room_type(session: Session, *, room_type_id: int, expected_version: int, name: str, beds: int,
                     is_suite: bool, rate_fen: int) -> Outcome:
    """Save an edit of a room type. Raises InvalidInput as add_room_type; StaleEdit; NotFound."""
    kind = _locked(session, RoomType, room_type_id, "房型")
    hotel_id = kind.hotel_id
    values = _type_values(session, hotel_id, room_type_id, name, beds, is_suite, rate_fen)
    if values["beds"] < kind.beds:
        rooms = list(session.scalars(select(Room.id).where(Room.room_type_id == room_type_id)))
        _refuse_fewer_beds(session, rooms, values["beds"], "beds")
    versioned_update(session, RoomType, room_type_id, expected_version=expected_version, values=values,
                     what="房型")
    session.commit()
    return Outcome(directory_changes("room_type", [room_type_id]))


def _refuse_fewer_beds(session: Session, room_ids: list[int], beds: int, field: str) -> None:
    """Refuse (``field``) if a room of ``room_ids`` holds, on a night, more guests of all events than
    ``beds``, naming the rooms (hotel and number). Locks the rooms first."""
    lock_rooms(session, room_ids)
    crowded = [r for r, nights in guests_by_night(session, room_ids).items()
               if any(len(here) > beds for here in nights.values())]
    if crowded:
        labels = [room_label(session, r)[0] for r in sorted(crowded)]
        raise InvalidInput(f"{'、'.join(labels[:5])}{'等' if len(labels) > 5 else ''}已有同一晚住 {beds + 1} 人及以上的"
                           f"住宿安排，床位不能改为 {beds} 个；请先调整这些房间的住宿。", field=field)


def remove_room_type(session: Session, *, room_type_id: int) -> Outcome:
    """Delete a room type no room has. Raises InvalidInput (field ``room_type_id``): rooms have it."""
    kind = _locked(session, RoomType, room_type_id, "房型")
    rooms = session.scalar(select(func.count()).select_from(Room).where(Room.room_type_id == room_type_id)) or 0
    if rooms:
        raise InvalidInput(f"房型“{kind.name}”还有 {rooms} 间房间，不能删除；请先把这些房间改为其他房型或删除。",
                           field="room_type_id")
    session.execute(delete(RoomBlock).where(RoomBlock.room_type_id == room_type_id))
    session.execute(delete(RoomType).where(RoomType.id == room_type_id))
    session.commit()
    return Outcome(directory_changes("room_type", [room_type_id]))


def parse_numbers(text: str) -> list[str]:
    """Room numbers from "301-340, 401, 405～408": each range expanded (keeping a letter prefix and the
    digits' width), in the order given.

    Raises:
        InvalidInput (field ``numbers``): empty, a range backwards, over 500 rooms, a number repeated.
    """
    numbers: list[str] = []
    text = unicodedata.normalize("NFKC", text or "").translate(INVISIBLE)
    for part in re.split(r"[,，、;；\s]+", text.strip()):
        if not part:
            continue
        found = _RANGE.match(part)
        if found is None:
            if part[0] in DASHES or part[-1] in DASHES:
                raise InvalidInput(f"房号范围“{part[:20]}”缺少起点或终点，应如“301-340”。", field="numbers")
            if len(part) > 20:
                raise InvalidInput(f"房号“{part[:20]}…”太长（最多 20 个字符）。", field="numbers")
            numbers.append(part)
            continue
        prefix, first, other_prefix, last = found.groups()
        if other_prefix and other_prefix != prefix:
            raise InvalidInput(f"房号范围“{part}”两端的字母不同，应如“A301-A340”或“A301-340”。", field="numbers")
        low, high = int(first), int(last)
        if high < low:
            raise InvalidInput(f"房号范围“{part}”的终点小于起点。", field="numbers")
        if high - low + 1 > MAX_RANGE:
            raise InvalidInput(f"一次最多添加 {MAX_RANGE} 间房间。", field="numbers")
        numbers += [f"{prefix}{n:0{len(first)}d}" for n in range(low, high + 1)]
    if not numbers:
        raise InvalidInput("请填写房号，如“301”或“301-340”。", field="numbers")
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise InvalidInput(f"房号{'、'.join(repeated[:5])}重复填写。", field="numbers")
    if len(numbers) > MAX_RANGE:
        raise InvalidInput(f"一次最多添加 {MAX_RANGE} 间房间。", field="numbers")
    return numbers


def floor_of(number: str) -> int:
    """The floor a room number says: its digits but the last two ("1203" → 12, "85" → 0)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return int(digits[:-2]) if len(digits) > 2 else 0


def add_rooms(session: Session, *, hotel_id: int, room_type_id: int, numbers: str,
              floor: int | None = None) -> Outcome:
    """Add rooms of one type to a hotel: one number or ranges ("301-340, 401"); each room's floor is
    ``floor`` or what its number says. Value: the new rooms' ids.

    Raises:
        NotFound: the hotel is gone. InvalidInput: see parse_numbers; the type is another hotel's (field
        ``room_type_id``); numbers the hotel has already (named, field ``numbers``).
    """
    _locked(session, Hotel, hotel_id, "饭店")
    if session.scalar(select(RoomType.hotel_id).where(RoomType.id == room_type_id)) != hotel_id:
        raise InvalidInput("请选择该饭店的房型。", field="room_type_id")
    if floor is not None:
        floor = bounded_int(floor, "floor", "楼层", -MAX_FLOOR, MAX_FLOOR)
    wanted = parse_numbers(numbers)
    existing = set(session.scalars(select(Room.number).where(Room.hotel_id == hotel_id, Room.number.in_(wanted))))
    if existing:
        shown = "、".join(n for n in wanted if n in existing)
        raise InvalidInput(f"该饭店已有房间 {shown[:60]}，未添加。", field="numbers")
    statement = insert(Room).returning(Room.id, sort_by_parameter_order=True)
    ids = list(session.scalars(statement, [
        {"hotel_id": hotel_id, "room_type_id": room_type_id, "number": n,
         "floor": floor if floor is not None else floor_of(n), "notes": ""} for n in wanted]))
    session.commit()
    return Outcome(directory_changes("room", ids), tuple(ids))


def update_room(session: Session, *, room_id: int, expected_version: int, number: str, room_type_id: int,
                floor: int, notes: str = "") -> Outcome:
    """Save an edit of a room. Raises InvalidInput (a number the hotel has, a type of another hotel);
    StaleEdit; NotFound."""
    hotel_id = session.scalar(select(Room.hotel_id).where(Room.id == room_id))
    if hotel_id is None:
        raise NotFound(f"找不到该房间（编号 {room_id}），可能已被删除。")
    number = _text(unicodedata.normalize("NFKC", number or "").translate(INVISIBLE), "number", "房号",
                   required=True, limit=20)
    floor = bounded_int(floor, "floor", "楼层", -MAX_FLOOR, MAX_FLOOR)
    clash = session.scalar(select(Room.id).where(Room.hotel_id == hotel_id, Room.number == number))
    if clash is not None and clash != room_id:
        raise InvalidInput(f"该饭店已有房间 {number}。", field="number")
    if session.scalar(select(RoomType.hotel_id).where(RoomType.id == room_type_id)) != hotel_id:
        raise InvalidInput("请选择该饭店的房型。", field="room_type_id")
    new_beds = session.scalar(select(RoomType.beds).where(RoomType.id == room_type_id))
    _refuse_fewer_beds(session, [room_id], new_beds, "room_type_id")
    versioned_update(session, Room, room_id, expected_version=expected_version, what="房间",
                     values={"number": number, "room_type_id": room_type_id, "floor": floor,
                             "notes": clean_note(notes)})
    session.commit()
    return Outcome(directory_changes("room", [room_id]))


def remove_rooms(session: Session, *, room_ids: tuple[int, ...]) -> Outcome:
    """Delete rooms no stay uses. Raises InvalidInput (field ``room_ids``): stays use some (named)."""
    rows = session.scalars(select(Room).where(Room.id.in_(sorted(room_ids))).with_for_update()).all()
    if len(rows) != len(set(room_ids)):
        raise NotFound("所选房间中有的已被删除，请刷新后再操作。")
    used = sorted(set(session.scalars(select(Room.number).join(Stay, Stay.room_id == Room.id)
                                      .where(Room.id.in_(sorted(room_ids))))))
    if used:
        raise InvalidInput(f"房间 {'、'.join(used[:8])} 已有住宿安排，不能删除。", field="room_ids")
    session.execute(delete(Room).where(Room.id.in_(sorted(room_ids))))
    session.commit()
    return Outcome(directory_changes("room", room_ids))
