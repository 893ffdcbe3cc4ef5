"""Trip read models (rdplanner.transport.trips_read): a trip with its car, driver, programme item and
passengers in seat order; the trips of every event around a period, touching ones left out."""

from datetime import datetime

import pytest
from transport_data import add_driver, add_person, add_sitting, add_vehicle, make_event

from rdplanner.transport.trips import assign, create_trip, set_passengers, update_trip
from rdplanner.transport.trips_read import load_event_trips, load_trips_around, when_text


def at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 6, day, hour, minute)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


def test_load_event_trips_gives_car_driver_item_and_passengers_in_seat_order(session):
    event = make_event(session)
    sitting = add_sitting(session, event, "第一次全体会议", at(9), at(12), place="市民中心")
    trip = create_trip(session, event_id=event, sitting_id=sitting).value
    assign(session, trip_id=trip, vehicle_id=add_vehicle(session, "浙A·S0001", "mpv", 7),
           driver_id=add_driver(session, "张师傅", "13900001111"))
    staff = add_person(session, event, "李工", "staff")
    director = add_person(session, event, "赵明", "member", 1)
    set_passengers(session, trip_id=trip, participation_ids=[staff, director])
    update_trip(session, trip_id=trip, expected_version=2, values={"odometer_out": 1200, "odometer_in": 1235})

    (row,) = load_event_trips(session, event)

    assert (row.plate, row.vehicle_kind, row.seats, row.capacity) == ("浙A·S0001", "mpv", 7, 6)
    assert (row.driver_name, row.driver_phone) == ("张师傅", "13900001111")
    assert row.sitting_name == "第一次全体会议"
    assert row.passenger_names == ("赵明", "李工") and row.passenger_ids == (director, staff)
    assert [p.seat_label for p in row.passengers] == ["二排右", "二排左"]
    assert (row.status_label, row.kind_label, row.distance) == ("已申请", "会议用车", 35)
    assert row.when == "6月2日 09:00—12:00"


def test_load_event_trips_of_a_trip_without_car_or_times(session):
    event = make_event(session)
    create_trip(session, event_id=event, destination="会场")

    (row,) = load_event_trips(session, event)

    assert (row.plate, row.driver_name, row.capacity, row.distance) == ("", "", None, None)
    assert (row.title, row.when, row.ends_at) == ("？至会场", "未定出发时间", None)


def test_load_event_trips_lists_by_departure_untimed_last(session):
    event = make_event(session)
    late, untimed, early = (create_trip(session, event_id=event, depart_at=when).value
                            for when in (at(15), None, at(8)))

    assert [r.id for r in load_event_trips(session, event)] == [early, late, untimed]


def test_load_trips_around_finds_other_events_and_leaves_out_touching_trips(session):
    ours, theirs = make_event(session), make_event(session, "代表视察")
    overlapping = create_trip(session, event_id=theirs, depart_at=at(11, 59), return_at=at(14)).value
    create_trip(session, event_id=theirs, depart_at=at(12), return_at=at(14))
    create_trip(session, event_id=theirs, depart_at=at(7), return_at=at(9))
    open_ended = create_trip(session, event_id=ours, depart_at=at(8, 1)).value
    create_trip(session, event_id=ours, depart_at=at(8))

    rows = load_trips_around(session, at(9), at(12))

    assert sorted(r.id for r in rows) == sorted([overlapping, open_ended])
    assert {r.id: r.event_name for r in rows}[overlapping] == "代表视察"


def test_when_text_repeats_the_day_when_the_trip_ends_on_another():
    assert when_text(at(20), at(1, 30, day=3)) == "6月2日 20:00—6月3日 01:30"
    assert when_text(at(20), None) == "6月2日 20:00 出发（未填返回时间）"
