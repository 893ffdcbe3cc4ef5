"""The venue read model (rdplanner.venue.read): derived quantities worked out by hand, the name-card count
from the seat plans, and the other events' bookings that overlap (touching ends do not)."""

import pytest
from venue_world import add_layout, add_people, at, make_world, seat

from rdplanner.models import Sitting
from rdplanner.venue import service
from rdplanner.venue.read import derived_quantity, formula_text, load_venue


@pytest.fixture
def world(session):
    return make_world(session)


def materials(session, world, hall_id=None):
    view = load_venue(session, world.event_id)
    setup = next(s for s in view.setups if s.hall_id == (hall_id or world.hall_id))
    return {m.name: m for m in setup.materials}


@pytest.mark.parametrize(("basis", "base", "per_unit", "spare", "expected"), [
    ("participant", 83, 1, 10, 92),  # 91.3 → 92
    ("participant", 80, 1, 10, 88),  # exactly 88 (80 × 1.1 in floats is 88.00000000000001)
    ("participant", 83, 2, 10, 183),  # 182.6 → 183
    ("participant", 83, 1, 0, 83),
    ("participant", 83, 1, 100, 166),
    ("card", 7, 1, 10, 8),  # 7.7 → 8
    ("card", 0, 1, 10, 0),
    ("participant", 83, 0, 10, 0),
    ("fixed", 83, 5, 10, 5),  # as entered, no spare
])
def test_derived_quantity(basis, base, per_unit, spare, expected):
    assert derived_quantity(basis, base, per_unit, spare) == expected


def test_formula_text():
    assert formula_text("participant", 83, 1, 10) == "83 人 × 1 × (1+10%) = 92"
    assert formula_text("card", 7, 2, 0) == "7 张席卡 × 2 × (1+0%) = 14"
    assert formula_text("fixed", 0, 3, 10, "条") == "固定 3 条"


def test_participant_materials_count_everyone_not_on_leave(session, world):
    add_people(session, world.event_id, 81)
    add_people(session, world.event_id, 2, leave_status="absent")  # 缺席 is not leave: still prepared for
    add_people(session, world.event_id, 3, leave_status="approved")
    add_people(session, world.event_id, 4, leave_status="requested")
    add_people(session, world.other_event_id, 5)
    service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id)
    papers = materials(session, world)["会议材料"]
    assert (papers.base, papers.quantity, papers.formula) == (83, 92, "83 人 × 1 × (1+10%) = 92")
    assert load_venue(session, world.event_id).participants == 83


def test_card_materials_count_rostrum_and_table_seats_that_are_taken(session, world):
    people = add_people(session, world.event_id, 12)
    hall_seats = add_layout(session, world.hall_id, "auditorium", ["rostrum"] * 5 + ["members"] * 6)
    seat(session, world.event_id, hall_seats[:4] + hall_seats[5:10], people[:9])  # 4 of 5 rostrum seats taken
    table_seats = add_layout(session, world.other_hall_id, "boardroom", ["rostrum", "attendee", "attendee"])
    sitting = Sitting(event_id=world.event_id, name="分组会议", kind="group")
    session.add(sitting)
    session.commit()
    seat(session, world.event_id, table_seats, people[9:12], sitting_id=sitting.id)
    for hall in (world.hall_id, world.other_hall_id):
        service.ensure_setup(session, event_id=world.event_id, hall_id=hall)
    main = materials(session, world)["席卡（桌签）"]
    boardroom = materials(session, world, world.other_hall_id)["席卡（桌签）"]
    assert (main.base, main.quantity) == (4, 5)  # 4 × 1.1 = 4.4 → 5
    assert (boardroom.base, boardroom.quantity) == (3, 4)  # every seat at a table has a card: 3.3 → 4


def test_a_person_seated_on_the_rostrum_in_two_plans_of_the_hall_has_one_card(session, world):
    people = add_people(session, world.event_id, 2)
    rostrum = add_layout(session, world.hall_id, "auditorium", ["rostrum", "rostrum"])
    seat(session, world.event_id, rostrum, people)
    sitting = Sitting(event_id=world.event_id, name="第二次全体会议", kind="plenary")
    session.add(sitting)
    session.commit()
    seat(session, world.event_id, rostrum[:1], people[:1], sitting_id=sitting.id)
    service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id)
    assert materials(session, world)["席卡（桌签）"].base == 2


def test_another_events_seat_plan_gives_no_cards(session, world):
    theirs = add_people(session, world.other_event_id, 2)
    rostrum = add_layout(session, world.hall_id, "auditorium", ["rostrum", "rostrum"])
    seat(session, world.other_event_id, rostrum, theirs)
    service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id)
    assert materials(session, world)["席卡（桌签）"].base == 0


def test_spare_percent_and_per_unit_change_the_quantity(session, world):
    add_people(session, world.event_id, 83)
    setup_id = service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id).value
    water = materials(session, world)["饮用水"]
    service.update_material(session, material_id=water.id, expected_version=1, name="饮用水", unit="瓶",
                            basis="participant", per_unit=2, prepared=None)
    service.set_spare_percent(session, setup_id=setup_id, spare_percent=5, expected_version=1)
    water = materials(session, world)["饮用水"]
    assert (water.quantity, water.formula) == (175, "83 人 × 2 × (1+5%) = 175")  # 174.3 → 175


def book(session, event_id, hall_id, start, end, status="confirmed"):
    return service.book_hall(session, event_id=event_id, hall_id=hall_id, starts_at=start, ends_at=end,
                             status=status).value


def test_overlapping_bookings_of_another_event_are_listed_with_its_name_and_times(session, world):
    ours = book(session, world.event_id, world.hall_id, at(10, 9), at(10, 12))
    theirs = book(session, world.other_event_id, world.hall_id, at(10, 11, 59), at(10, 14))
    booking = load_venue(session, world.event_id).bookings[0]
    assert booking.id == ours
    assert [(c.booking_id, c.event_name, c.starts_at, c.ends_at) for c in booking.clashes] == [
        (theirs, "主任会议", at(10, 11, 59), at(10, 14))]


@pytest.mark.parametrize(("start", "end"), [
    (at(10, 12), at(10, 14)),  # starts as ours ends
    (at(10, 7), at(10, 9)),  # ends as ours starts
])
def test_touching_bookings_do_not_overlap(session, world, start, end):
    book(session, world.event_id, world.hall_id, at(10, 9), at(10, 12))
    book(session, world.other_event_id, world.hall_id, start, end)
    assert load_venue(session, world.event_id).bookings[0].clashes == ()


def test_a_booking_inside_ours_overlaps(session, world):
    book(session, world.event_id, world.hall_id, at(10, 9), at(10, 12))
    book(session, world.other_event_id, world.hall_id, at(10, 10), at(10, 11))
    assert len(load_venue(session, world.event_id).bookings[0].clashes) == 1


def test_no_clash_with_another_hall_our_own_event_or_a_cancelled_booking(session, world):
    book(session, world.event_id, world.hall_id, at(10, 9), at(10, 12))
    book(session, world.event_id, world.hall_id, at(10, 10), at(10, 11))
    book(session, world.other_event_id, world.other_hall_id, at(10, 9), at(10, 12))
    book(session, world.other_event_id, world.hall_id, at(10, 9), at(10, 12), status="cancelled")
    assert [b.clashes for b in load_venue(session, world.event_id).bookings] == [(), ()]


def test_a_cancelled_booking_of_ours_clashes_with_nothing(session, world):
    book(session, world.event_id, world.hall_id, at(10, 9), at(10, 12), status="cancelled")
    book(session, world.other_event_id, world.hall_id, at(10, 9), at(10, 12))
    assert load_venue(session, world.event_id).bookings[0].clashes == ()


def test_the_main_hall_is_named_with_its_venue(session, world):
    view = load_venue(session, world.event_id)
    assert (view.main_hall_id, view.main_hall) == (world.hall_id, "市人大常委会机关 第一会议室")
