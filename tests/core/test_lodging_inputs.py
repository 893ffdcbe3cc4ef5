"""What lodging refuses or cleans of what an officer types: nights far from the event, dates with a time,
room ranges with mixed letters or a missing end, look-alike room numbers, invisible characters and NUL,
huge floors, the rules' rank and hotel order; moving an event with a far stay; the rooming PDF naming a
missing character once."""

from datetime import date, datetime, timedelta

import pytest
from lodging_world import END, START, make_world

from rdplanner.cli import main
from rdplanner.db import open_database
from rdplanner.errors import InvalidInput
from rdplanner.events.service import EventDraft
from rdplanner.exports.rooming_pdf import _missing
from rdplanner.exports.rooming_xlsx import HotelSection, RoomingLine, RoomingSheet
from rdplanner.lodging import hotels, stays
from rdplanner.lodging.hotels import parse_numbers
from rdplanner.models import Event, Hotel, Stay
from rdplanner.planning import save_event

DAY = timedelta(days=1)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    return make_world(session)


def field_of(call, **kwargs) -> str:
    with pytest.raises(InvalidInput) as raised:
        call(**kwargs)
    return raised.value.params["field"]


def add(session, world, check_in, check_out, **extra):
    return stays.add_stay(session, event_id=world.a, participation_id=world.people["王一"],
                          room_id=world.rooms["301"], check_in=check_in, check_out=check_out, **extra)


def test_nights_seven_days_before_and_after_the_event_are_accepted(session, world):
    assert add(session, world, START - 7 * DAY, START).value
    assert add(session, world, END + 7 * DAY, END + 8 * DAY).value


@pytest.mark.parametrize("check_in, check_out", [(START - 8 * DAY, START), (END + 8 * DAY, END + 9 * DAY),
                                                 (date(9999, 12, 30), date(9999, 12, 31))])
def test_nights_further_from_the_event_are_refused_stating_the_limit(session, world, check_in, check_out):
    with pytest.raises(InvalidInput) as raised:
        add(session, world, check_in, check_out)
    assert raised.value.params["field"] == "check_in"
    assert str(raised.value).startswith("住宿日期应在会期前后 7 天之内（5月26日至6月10日晚")


def test_a_block_years_away_is_refused(session, world):
    assert field_of(stays.set_block, session=session, event_id=world.a, room_type_id=world.twin,
                    first_night=date(2040, 1, 1), last_night=date(2040, 1, 2), held=3) == "first_night"


def test_nights_given_as_date_and_time_are_refused(session, world):
    assert field_of(add, session=session, world=world, check_in=datetime(2026, 6, 2, 14),
                    check_out=END) == "check_in"


def test_moving_an_event_with_a_stay_at_the_end_of_the_calendar_is_refused_not_crashed(session, world):
    session.add(Stay(event_id=world.a, room_id=world.rooms["301"], participation_id=world.people["王一"],
                     check_in=date(9999, 12, 30), check_out=date(9999, 12, 31)))  # written past the checks
    session.commit()
    event = session.get(Event, world.a)
    draft = EventDraft(event.name, event.event_type, START + DAY, END + DAY)
    assert field_of(save_event, session=session, event_id=world.a, expected_version=event.version,
                    draft=draft) == "start_date"
    assert session.get(Event, world.a, populate_existing=True).start_date == START


@pytest.mark.parametrize("text", ["A1-B3", "B1-C3", "301-", "-5", "301—"])
def test_mixed_letters_and_a_missing_end_of_a_range_are_refused(text):
    with pytest.raises(InvalidInput) as raised:
        parse_numbers(text)
    assert raised.value.params["field"] == "numbers" and text[:3] in str(raised.value)


def test_a_range_with_one_letter_and_look_alike_numbers_are_read_plainly():
    assert parse_numbers("A1-A3, A5") == ["A1", "A2", "A3", "A5"]
    assert parse_numbers("3\u200b01") == ["301"]
    assert parse_numbers("3０1") == ["301"]


def test_a_full_width_number_clashes_with_the_room_the_hotel_has(session, world):
    assert field_of(hotels.add_rooms, session=session, hotel_id=world.hotel, room_type_id=world.twin,
                    numbers="3０1") == "numbers"


def test_a_name_of_invisible_characters_only_is_refused(session, world):
    assert field_of(hotels.add_hotel, session=session, name="\u200b\u202e\u2066") == "name"
    assert field_of(hotels.add_room_type, session=session, hotel_id=world.hotel, name="\u200b") == "name"


def test_nul_and_invisible_characters_are_stripped_from_names_and_notes(session, world):
    hotel_id = hotels.add_hotel(session, name="湖滨\x00宾\u200b馆", notes="靠\x00湖\n安静").value
    row = session.get(Hotel, hotel_id)
    assert (row.name, row.notes) == ("湖滨宾馆", "靠湖\n安静")
    stay_id = add(session, world, START, END, notes="晚到\x00\u202e").value
    assert session.get(Stay, stay_id).notes == "晚到"


def test_a_floor_beyond_any_building_is_refused(session, world):
    assert field_of(hotels.add_rooms, session=session, hotel_id=world.hotel, room_type_id=world.twin,
                    numbers="901", floor=10**12) == "floor"
    assert hotels.add_rooms(session, hotel_id=world.hotel, room_type_id=world.twin, numbers="B101", floor=-2).value


@pytest.mark.parametrize("rank", ["x", 1.9, True, 1000, -1])
def test_a_rank_not_a_whole_number_within_0_to_999_is_refused(session, world, rank):
    assert field_of(stays.save_policy, session=session, event_id=world.a, single_rank_within=rank) == \
        "single_rank_within"


def test_a_hotel_order_naming_no_hotel_is_refused_and_a_real_one_saved(session, world):
    assert field_of(stays.save_policy, session=session, event_id=world.a, hotel_order="999999") == "hotel_order"
    stays.save_policy(session, event_id=world.a, hotel_order=str(world.hotel), single_rank_within=999)


def test_the_rooming_pdf_names_a_missing_character_of_a_guest_once():
    lines = tuple(RoomingLine(str(301 + n), "标准间", "\U00020000=2+2", 1, "6月2日", "6月3日", "") for n in range(4))
    sheet = RoomingSheet("住宿安排表", "会期", (HotelSection("会议中心宾馆", "", lines, ""),))
    assert [t for t in _missing(sheet) if t.startswith("入住人员")] == ["入住人员“\U00020000=2+2”中的“\U00020000”（U+20000）"]


def test_allocate_rooms_without_apply_opens_the_database_read_only(tmp_path, monkeypatch, capsys):
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    opened = []
    real = open_database

    def spy(url, **kwargs):
        opened.append(kwargs.get("read_only", False))
        return real(url, **kwargs)

    monkeypatch.setattr("rdplanner.cli_database.open_database", spy)
    assert main(["allocate-rooms", "--db", str(path), "--event", "2"]) == 0
    assert main(["allocate-rooms", "--db", str(path), "--event", "2", "--apply"]) == 0
    assert opened == [True, False]
    assert capsys.readouterr().out.rstrip().endswith("条住宿安排（未锁定的原有安排已替换）。")
