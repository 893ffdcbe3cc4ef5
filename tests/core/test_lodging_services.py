"""Lodging services (lodging.hotels, lodging.stays, lodging.allocate) on each supported engine: the hotel
directory with a range of rooms, stays with their default nights, beds and overlaps refused, move, swap,
lock, room blocks with taken and remaining, the rules, and the allocation saved around locked stays."""

from datetime import date
from types import SimpleNamespace

import pytest

from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.lodging import hotels, stays
from rdplanner.lodging.allocate import apply_rooms, propose_rooms
from rdplanner.lodging.read import load_lodging
from rdplanner.models import Event, Participation, Person

START, END = date(2026, 6, 2), date(2026, 6, 3)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    """An event of two days; 王一, 李二 (men, 甲团), 张芳 (a woman), 赵四 (local, needs nothing); one hotel
    with 标准间 rooms 301–303 and a 单人间 801."""
    event = Event(name="常委会会议", event_type="standing_committee", start_date=START, end_date=END)
    session.add(event)
    session.flush()
    ids = {}
    for name, gender, needs, local in (("王一", "男", True, False), ("李二", "男", True, False),
                                       ("张芳", "女", True, False), ("赵四", "男", False, True)):
        person = Person(name=name, gender=gender)
        session.add(person)
        session.flush()
        part = Participation(event_id=event.id, person_id=person.id, role="member", delegation="甲团",
                             needs_lodging=needs, is_local=local)
        session.add(part)
        session.flush()
        ids[name] = part.id
    session.commit()
    hotel = hotels.add_hotel(session, name="会议中心宾馆", address="湖滨路 18 号").value
    twin = hotels.add_room_type(session, hotel_id=hotel, name="标准间", beds=2, rate_fen=38000).value
    single = hotels.add_room_type(session, hotel_id=hotel, name="单人间", beds=1, rate_fen=40000).value
    rooms = hotels.add_rooms(session, hotel_id=hotel, room_type_id=twin, numbers="301-303").value
    (room801,) = hotels.add_rooms(session, hotel_id=hotel, room_type_id=single, numbers="801").value
    return SimpleNamespace(event_id=event.id, people=ids, hotel=hotel, twin=twin, single=single,
                           rooms=dict(zip(("301", "302", "303"), rooms, strict=True)) | {"801": room801})


def refused(call, **kwargs) -> str:
    with pytest.raises(InvalidInput) as raised:
        call(**kwargs)
    return raised.value.params["field"]


def test_a_range_of_rooms_is_added_at_once_with_floors_from_the_numbers(session, world):
    rooms = {r.number: r.floor for r in load_lodging(session, world.event_id).directory.rooms}
    assert rooms == {"301": 3, "302": 3, "303": 3, "801": 8}
    assert hotels.parse_numbers("A01-A03, 1205") == ["A01", "A02", "A03", "1205"]


@pytest.mark.parametrize(("numbers", "field"), [("", "numbers"), ("340-301", "numbers"), ("301, 301", "numbers"),
                                                ("302-304", "numbers"), ("1-501", "numbers")])
def test_adding_rooms_refuses_bad_numbers_and_numbers_the_hotel_has(session, world, numbers, field):
    assert refused(hotels.add_rooms, session=session, hotel_id=world.hotel, room_type_id=world.twin,
                   numbers=numbers) == field


def test_directory_refusals_name_their_field(session, world):
    assert refused(hotels.add_hotel, session=session, name=" ") == "name"
    assert refused(hotels.add_hotel, session=session, name="会议中心宾馆") == "name"
    assert refused(hotels.add_room_type, session=session, hotel_id=world.hotel, name="三人间", beds=5) == "beds"
    assert refused(hotels.add_room_type, session=session, hotel_id=world.hotel, name="标准间") == "name"
    assert refused(hotels.remove_room_type, session=session, room_type_id=world.twin) == "room_type_id"


def test_a_stay_takes_its_nights_from_the_event_when_no_dates_are_given(session, world):
    stay_id = stays.add_stay(session, event_id=world.event_id, participation_id=world.people["王一"],
                             room_id=world.rooms["301"]).value
    [stay] = load_lodging(session, world.event_id).stays
    assert (stay.id, stay.check_in, stay.check_out) == (stay_id, START, date(2026, 6, 4))


def test_a_stay_takes_the_persons_arrival_and_departure(session, world):
    part = session.get(Participation, world.people["王一"])
    part.arrival_date, part.departure_date = date(2026, 6, 1), END
    session.commit()
    stays.add_stay(session, event_id=world.event_id, participation_id=part.id, room_id=world.rooms["301"])
    [stay] = load_lodging(session, world.event_id).stays
    assert (stay.check_in, stay.check_out) == (date(2026, 6, 1), END)


def test_a_room_full_and_a_second_stay_on_the_same_nights_are_refused(session, world):
    add = stays.add_stay
    add(session, event_id=world.event_id, participation_id=world.people["王一"], room_id=world.rooms["801"])
    assert refused(add, session=session, event_id=world.event_id, participation_id=world.people["李二"],
                   room_id=world.rooms["801"]) == "room_id"
    assert refused(add, session=session, event_id=world.event_id, participation_id=world.people["王一"],
                   room_id=world.rooms["301"]) == "check_in"
    assert refused(add, session=session, event_id=world.event_id, participation_id=world.people["李二"],
                   room_id=world.rooms["301"], check_in=END, check_out=END) == "check_out"


def test_move_swap_and_lock(session, world):
    first = stays.add_stay(session, event_id=world.event_id, participation_id=world.people["王一"],
                           room_id=world.rooms["301"]).value
    second = stays.add_stay(session, event_id=world.event_id, participation_id=world.people["张芳"],
                            room_id=world.rooms["302"]).value
    stays.move_stay(session, stay_id=first, room_id=world.rooms["303"])
    stays.swap_stays(session, first_id=first, second_id=second)
    rooms = {s.id: s.room_id for s in load_lodging(session, world.event_id).stays}
    assert rooms == {first: world.rooms["302"], second: world.rooms["303"]}
    stays.set_locked(session, stay_ids=[first], locked=True)
    assert refused(stays.move_stay, session=session, stay_id=first, room_id=world.rooms["301"]) == "stay_id"
    assert refused(stays.swap_stays, session=session, first_id=first, second_id=second) == "first_id"


def test_a_block_counts_the_rooms_taken_each_night(session, world):
    stays.set_block(session, event_id=world.event_id, room_type_id=world.twin, first_night=date(2026, 6, 1),
                    last_night=END, held=2, release_date=date(2026, 5, 20))
    for name, room in (("王一", "301"), ("李二", "301"), ("张芳", "302")):
        stays.add_stay(session, event_id=world.event_id, participation_id=world.people[name],
                       room_id=world.rooms[room], check_in=START, check_out=date(2026, 6, 4))
    figures = [(b.night, b.held, b.taken, b.remaining) for b in load_lodging(session, world.event_id).blocks]
    assert figures == [(date(2026, 6, 1), 2, 0, 2), (START, 2, 2, 0), (END, 2, 2, 0)]
    assert refused(stays.set_block, session=session, event_id=world.event_id, room_type_id=world.twin,
                   first_night=START, last_night=START, held=2, release_date=END) == "release_date"


def test_the_rules_are_saved_and_read_back(session, world):
    stays.save_policy(session, event_id=world.event_id, single_roles="member", single_posts="主任、秘书长",
                      single_rank_within=3, pair_by="unit", hotel_order=str(world.hotel))
    policy = load_lodging(session, world.event_id).policy
    assert (policy.single_roles, policy.single_posts, policy.single_rank_within, policy.pair_by,
            policy.hotel_order) == (("member",), ("主任", "秘书长"), 3, "unit", (world.hotel,))
    assert refused(stays.save_policy, session=session, event_id=world.event_id, pair_by="floor") == "pair_by"


def test_the_allocation_lodges_who_needs_it_and_keeps_a_locked_stay(session, world):
    locked = stays.add_stay(session, event_id=world.event_id, participation_id=world.people["张芳"],
                            room_id=world.rooms["801"]).value
    stays.set_locked(session, stay_ids=[locked], locked=True)
    proposal = propose_rooms(session, event_id=world.event_id)
    assert {p.participation_id for p in proposal.placements} == {world.people["王一"], world.people["李二"]}
    assert proposal.kept == 1 and proposal.not_lodged_local == 1
    assert apply_rooms(session, event_id=world.event_id, proposal=proposal).value == 2
    rooms = {s.participation_id: s.room_id for s in load_lodging(session, world.event_id).stays}
    assert rooms == {world.people["张芳"]: world.rooms["801"], world.people["王一"]: world.rooms["301"],
                     world.people["李二"]: world.rooms["301"]}


def test_a_proposal_made_before_a_stay_was_locked_is_refused(session, world):
    proposal = propose_rooms(session, event_id=world.event_id)
    stay = stays.add_stay(session, event_id=world.event_id, participation_id=world.people["王一"],
                          room_id=world.rooms["303"]).value
    stays.set_locked(session, stay_ids=[stay], locked=True)
    with pytest.raises(StaleEdit) as raised:
        apply_rooms(session, event_id=world.event_id, proposal=proposal)
    assert raised.value.params["field"] == "proposal" and "王一" in str(raised.value)
