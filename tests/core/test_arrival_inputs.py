"""What the arrival desk accepts as typed (rdplanner.arrival.service and search), on every engine:
notes and queries without invisible or control characters (rdplanner.text), and a check-in time that
is a local date and time — a time with a time zone, a date alone or a text is refused naming the field."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from arrival_world import EVE, at, make_world

from rdplanner.arrival.read import load_arrivals
from rdplanner.arrival.search import exact_matches, find_people
from rdplanner.arrival.service import edit_check_in, mark_arrived
from rdplanner.errors import InvalidInput

NOW = at(EVE, 15, 30)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    return make_world(session)


def row(session, world, pid):
    return next(r for r in load_arrivals(session, world.event_id).rows if r.participation_id == pid)


def test_notes_are_stored_without_invisible_or_control_characters(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW,
                 notes=" 随\u0000团\u200b抵达\u202e，\n行李 2 件\u2066 ")
    assert row(session, world, world.zhang).notes == "随团抵达， 行李 2 件"


def test_corrected_notes_are_cleaned_too(session, world):
    marked = mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW).value
    edit_check_in(session, check_in_id=marked.check_in_id, expected_version=1, arrived_at=at(EVE, 14),
                  notes="\ufeff改乘\u0000下午航班\u200d", now=NOW)
    assert row(session, world, world.zhang).notes == "改乘下午航班"


def test_notes_only_invisible_are_empty_and_the_limit_counts_what_is_kept(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW,
                 notes="\u200b" * 50 + "备" * 200)
    assert row(session, world, world.zhang).notes == "备" * 200
    mark_arrived(session, event_id=world.event_id, participation_id=world.li, now=NOW, notes="\u0000\u202e")
    assert row(session, world, world.li).notes == ""


@pytest.mark.parametrize("when", [
    datetime(2027, 1, 3, 9, 0, tzinfo=UTC),
    datetime(2027, 1, 3, 9, 0, tzinfo=timezone(timedelta(hours=8))),
    date(2027, 1, 3), "2027-01-03 09:00", 0])
def test_a_time_that_is_not_a_local_date_and_time_is_refused_naming_the_field(session, world, when):
    with pytest.raises(InvalidInput) as caught:
        mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, arrived_at=when, now=NOW)
    assert caught.value.params["field"] == "arrived_at"
    assert row(session, world, world.zhang).arrived_at is None


def test_a_correction_with_a_time_zone_is_refused_and_keeps_the_check_in(session, world):
    marked = mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW,
                          arrived_at=at(EVE, 9)).value
    with pytest.raises(InvalidInput) as caught:
        edit_check_in(session, check_in_id=marked.check_in_id, expected_version=1, notes="",
                      arrived_at=datetime(2027, 1, 3, 10, 0, tzinfo=UTC), now=NOW)
    assert caught.value.params["field"] == "arrived_at"
    assert row(session, world, world.zhang).arrived_at == at(EVE, 9)


@pytest.mark.parametrize("notes", [7, ["随团"]])
def test_notes_that_are_not_text_are_refused(session, world, notes):
    with pytest.raises(InvalidInput) as caught:
        mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW, notes=notes)
    assert caught.value.params["field"] == "notes"


def test_an_item_that_is_not_a_code_is_refused_naming_the_field(session, world):
    with pytest.raises(InvalidInput) as caught:
        mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=NOW,
                     handed=[["pass"]])
    assert caught.value.params["field"] == "handed"


class Named:
    def __init__(self, name: str) -> None:
        self.name = name


def test_a_query_pasted_with_invisible_characters_finds_the_name():
    rows = [Named("张三"), Named("张三丰")]
    assert [r.name for r in exact_matches(rows, "\u200b张\u202e三\u2066")] == ["张三"]
    assert [r.name for r in find_people(rows, "\ufeff三丰\u200d")] == ["张三丰"]
    assert [r.name for r in exact_matches(rows, "z\u200bs")] == ["张三"]
