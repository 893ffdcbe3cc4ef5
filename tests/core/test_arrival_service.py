"""The arrival desk's services (报到): marking arrived at a given time or now, a second mark keeping the
first, taking an arrival back, ticking what was handed over, correcting the time; refusals name the field."""

from datetime import datetime

import pytest
from arrival_world import EVE, START, at, make_world

from rdplanner.arrival.read import load_arrivals
from rdplanner.arrival.service import clear_arrival, edit_check_in, mark_arrived, set_handed
from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.models import Event, Participation, Person

NOW = at(EVE, 15, 30)


@pytest.fixture
def world(session):
    return make_world(session)


def row(session, world, pid):
    return next(r for r in load_arrivals(session, world.event_id).rows if r.participation_id == pid)


def test_marking_arrived_stamps_now_to_the_minute_and_the_items_handed(session, world):
    now = datetime(2027, 1, 3, 15, 30, 42)
    outcome = mark_arrived(session, event_id=world.event_id, participation_id=world.zhang,
                           handed=["room_card", "materials"], now=now)
    shown = row(session, world, world.zhang)
    assert shown.arrived_at == at(EVE, 15, 30)
    assert shown.handed == ("materials", "room_card")
    assert shown.still_due == ("pass", "meal_ticket")
    assert outcome.value.already is False
    assert outcome.changes.touches("arrival", world.event_id)
    assert outcome.changes.row_ids("participation") == {world.zhang}


def test_a_time_typed_at_the_desk_is_kept(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.li, arrived_at=at(EVE, 9, 5),
                 now=NOW)
    assert row(session, world, world.li).arrived_at == at(EVE, 9, 5)


def test_marking_someone_already_arrived_keeps_the_first_mark(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, arrived_at=at(EVE, 9),
                 now=NOW)
    again = mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW).value
    assert again.already is True
    assert again.arrived_at == at(EVE, 9)
    assert row(session, world, world.zhang).arrived_at == at(EVE, 9)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"handed": ["flowers"]}, "handed"),
    ({"notes": "备" * 201}, "notes"),
    ({"arrived_at": at(EVE, 15, 41)}, "arrived_at"),  # 11 minutes after the desk's clock
    ({"arrived_at": datetime(2026, 12, 4, 23, 59)}, "arrived_at"),  # 31 days before the opening
])
def test_refusals_name_the_field(session, world, kwargs, field):
    with pytest.raises(InvalidInput) as caught:
        mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW, **kwargs)
    assert caught.value.params["field"] == field
    assert row(session, world, world.zhang).arrived_at is None


@pytest.mark.parametrize("when", [at(EVE, 15, 40), datetime(2026, 12, 5, 0, 0)])
def test_the_time_limits_themselves_are_accepted(session, world, when):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, arrived_at=when, now=NOW)
    assert row(session, world, world.zhang).arrived_at == when


def test_a_participant_of_another_event_is_refused(session, world):
    other = Event(name="主任会议", event_type="directors_meeting", start_date=START, end_date=START)
    session.add(other)
    session.flush()
    person = Person(name="钱七")
    session.add(person)
    session.flush()
    stranger = Participation(event_id=other.id, person_id=person.id, role="member")
    session.add(stranger)
    session.commit()
    with pytest.raises(InvalidInput) as caught:
        mark_arrived(session, event_id=world.event_id, participation_id=stranger.id, now=NOW)
    assert caught.value.params["field"] == "participation_id"


def test_an_arrival_taken_back_is_gone_and_cannot_be_taken_back_twice(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW)
    clear_arrival(session, event_id=world.event_id, participation_id=world.zhang)
    assert row(session, world, world.zhang).arrived_at is None
    with pytest.raises(InvalidInput, match="张三尚未报到") as caught:
        clear_arrival(session, event_id=world.event_id, participation_id=world.zhang)
    assert caught.value.params["field"] == "participation_id"


def test_ticking_and_unticking_items(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, handed=["pass"], now=NOW)
    set_handed(session, event_id=world.event_id, participation_id=world.zhang, item="room_card", given=True)
    set_handed(session, event_id=world.event_id, participation_id=world.zhang, item="pass", given=False)
    assert row(session, world, world.zhang).handed == ("room_card",)


def test_ticking_before_arrival_is_refused(session, world):
    with pytest.raises(InvalidInput, match="李四尚未报到") as caught:
        set_handed(session, event_id=world.event_id, participation_id=world.li, item="pass", given=True)
    assert caught.value.params["field"] == "participation_id"


def test_correcting_the_time_and_notes_needs_the_version_read(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW)
    shown = row(session, world, world.zhang)
    edit_check_in(session, check_in_id=shown.check_in_id, expected_version=shown.version,
                  arrived_at=at(EVE, 14), notes="随团抵达", now=NOW)
    fixed = row(session, world, world.zhang)
    assert (fixed.arrived_at, fixed.notes) == (at(EVE, 14), "随团抵达")
    with pytest.raises(StaleEdit):
        edit_check_in(session, check_in_id=shown.check_in_id, expected_version=shown.version,
                      arrived_at=at(EVE, 13), notes="", now=NOW)
