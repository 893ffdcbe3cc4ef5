"""The demo's lodging: agreement hotels with room types, rooms and room blocks, the 本地 marks of the
participants, the allocation rules, and the rooms given by the automatic allocation itself.

small (常委会会议, one night): the 会议中心宾馆's standard and single rooms, one night held; most members
live in the city (本地) and go home. large (人民代表大会会议): three agreement hotels, 450 rooms, blocks over
five nights (the night before the opening for the staff who set up, its release date already past with
rooms unused), 600+ people lodged, and the first delegation's head booked by hand into a suite (locked),
so the checks show a suite and an unused block.
"""

from datetime import date, timedelta

from sqlalchemy import insert, select, update
from sqlmodel import Session

from rdplanner.lodging.allocate import propose_from_view, save_placements
from rdplanner.lodging.hotels import floor_of
from rdplanner.lodging.read import load_lodging
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

HOTEL = "市人大会议中心宾馆"  # where the lodged are picked up (demo.transport.HOTEL)
# name → (address, contact, phone, [(type, beds, suite, rate 元, room numbers)])
HOTELS = {
    HOTEL: ("湖滨路 18 号", "销售部 周敏", "0571-80000000", [
        ("标准间", 2, False, 380, [f"{f}{n:02d}" for f in range(3, 8) for n in range(1, 41)]),
        ("单人间", 1, False, 400, [f"8{n:02d}" for n in range(1, 21)]),
        ("套房", 1, True, 880, ["901", "902"])]),
    "湖滨饭店": ("南山路 66 号", "前台 吴晓", "0571-80001111", [
        ("标准间", 2, False, 360, [f"{f}{n:02d}" for f in range(2, 7) for n in range(1, 31)]),
        ("单人间", 1, False, 390, [f"7{n:02d}" for n in range(1, 11)])]),
    "钱江大酒店": ("江锦路 9 号", "会议部 郑洁", "0571-80002222", [
        ("标准间", 2, False, 460, [f"{f}{n:02d}" for f in range(10, 14) for n in range(1, 18)])]),
}
SMALL_ROOMS = {"标准间": 30, "单人间": 4}  # the small demo's share of the 会议中心宾馆
REPORTERS_FROM_AWAY = 6  # media from outside the city, lodged


def lodging(session: Session, event: Event, cast_rows: list[dict], participation_ids: list[int], *, size: str,
            today: date) -> None:
    """Lodge the demo event's people: directory, 本地 marks, blocks, rules, then the allocation."""
    types = _directory(session, small=size == "small")
    _mark_locals(session, event, cast_rows, participation_ids, large=size == "large")
    if size == "small":
        _blocks(session, event, types, HOTEL, {"标准间": 20, "单人间": 4}, event.start_date, event.end_date,
                release=event.start_date - timedelta(days=3))
        session.add(LodgingPolicy(event_id=event.id, single_posts="主任,秘书长", pair_by="unit"))
    else:
        _large_blocks(session, event, types, today)
        order = ",".join(str(_hotel_id(session, name)) for name in HOTELS)
        session.add(LodgingPolicy(event_id=event.id, single_posts="团长", pair_by="delegation", hotel_order=order))
        _suite(session, event, types, participation_ids[0])
    session.flush()
    save_placements(session, event_id=event.id, proposal=propose_from_view(
        load_lodging(session, event.id), load_lodging(session, event.id).policy))


def _hotel_id(session: Session, name: str) -> int:
    return session.scalar(select(Hotel.id).where(Hotel.name == name))


def _directory(session: Session, *, small: bool) -> dict[tuple[str, str], int]:
    """Create what is missing of the hotels (the small demo: part of the first); return their type ids."""
    found = {}
    for name, (address, contact, phone, kinds) in HOTELS.items():
        if small and name != HOTEL:
            continue
        hotel_id = _hotel_id(session, name)
        if hotel_id is None:
            hotel = Hotel(name=name, address=address, contact=contact, phone=phone, is_agreement=True)
            session.add(hotel)
            session.flush()
            hotel_id = hotel.id
        for kind, beds, suite, rate, numbers in kinds:
            if small:
                if kind not in SMALL_ROOMS:
                    continue
                numbers = numbers[:SMALL_ROOMS[kind]]
            type_id = session.scalar(select(RoomType.id).where(RoomType.hotel_id == hotel_id, RoomType.name == kind))
            if type_id is None:
                row = RoomType(hotel_id=hotel_id, name=kind, beds=beds, is_suite=suite, rate_fen=rate * 100)
                session.add(row)
                session.flush()
                type_id = row.id
            found[(name, kind)] = type_id
            have = set(session.scalars(select(Room.number).where(Room.hotel_id == hotel_id)))
            missing = [n for n in numbers if n not in have]
            if missing:
                session.execute(insert(Room), [{"hotel_id": hotel_id, "room_type_id": type_id, "number": n,
                                                "floor": floor_of(n), "notes": ""} for n in missing])
    return found


def _mark_locals(session: Session, event: Event, cast_rows: list[dict], participation_ids: list[int], *,
                 large: bool) -> None:
    """本地 for whoever lives in the city: everyone not lodged, and the office's staff (lodged on duty);
    the large demo's reporters from away need rooms too, and the lodged staff come the day before."""
    media = [pid for pid, row in zip(participation_ids, cast_rows, strict=True) if row["role"] == "media"]
    away = set(media[:REPORTERS_FROM_AWAY]) if large else set()
    local = [pid for pid, row in zip(participation_ids, cast_rows, strict=True)
             if pid not in away and (not row.get("needs_lodging") or row["role"] == "staff")]
    p = Participation
    if away:
        session.execute(update(p).where(p.id.in_(sorted(away))).values(needs_lodging=True, pickup_point=HOTEL))
    session.execute(update(p).where(p.id.in_(local)).values(is_local=True))
    people = select(p.person_id).where(p.id.in_(local))
    session.execute(update(Person).where(Person.id.in_(people)).values(is_local=True))
    if large:
        staff = [pid for pid, row in zip(participation_ids, cast_rows, strict=True)
                 if row["role"] == "staff" and row.get("needs_lodging")]
        session.execute(update(p).where(p.id.in_(staff)).values(arrival_date=event.start_date - timedelta(days=1)))


def _blocks(session: Session, event: Event, types: dict, hotel: str, held: dict[str, int], first: date,
            last: date, *, release: date) -> None:
    """Hold ``held`` rooms of each type of ``hotel`` every night from ``first`` to the night before ``last``."""
    rows = []
    night = first
    while night < last:
        rows += [{"event_id": event.id, "room_type_id": types[(hotel, kind)], "night": night, "held": count,
                  "release_date": release, "notes": ""} for kind, count in held.items()]
        night += timedelta(days=1)
    session.execute(insert(RoomBlock), rows)


def _large_blocks(session: Session, event: Event, types: dict, today: date) -> None:
    release = event.start_date - timedelta(days=7)
    held = {HOTEL: {"标准间": 200, "单人间": 20}, "湖滨饭店": {"标准间": 150, "单人间": 10}, "钱江大酒店": {"标准间": 50}}
    for hotel, kinds in held.items():
        _blocks(session, event, types, hotel, kinds, event.start_date, event.end_date, release=release)
    eve = event.start_date - timedelta(days=1)  # the staff's night before: confirmation date already past
    _blocks(session, event, types, HOTEL, {"标准间": 20}, eve, event.start_date, release=today - timedelta(days=2))


def _suite(session: Session, event: Event, types: dict, participation_id: int) -> None:
    """The first delegation's head, booked by hand into suite 901 (locked: the allocation keeps it)."""
    room = session.scalar(select(Room.id).where(Room.room_type_id == types[(HOTEL, "套房")], Room.number == "901"))
    session.add(Stay(event_id=event.id, room_id=room, participation_id=participation_id, check_in=event.start_date,
                     check_out=event.end_date, locked=True, notes="套房（手工安排）"))
