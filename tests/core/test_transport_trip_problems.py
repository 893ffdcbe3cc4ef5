"""Trip problems (rdplanner.transport.trip_problems): each fires at its boundary and not just beside it;
the messages name the car, the driver, the people and the trips with their times."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from transport_data import add_driver, add_person, add_vehicle, make_event

from rdplanner.models import DriverAbsence
from rdplanner.problems import EARLY, FRUGAL, ItemRef
from rdplanner.transport.trip_problems import (
    double_booked_drivers,
    double_booked_passengers,
    double_booked_vehicles,
    hired_without_rate,
    overfull_vehicles,
    reversed_odometers,
    transport_problems,
    trips_outside_event,
    unassigned_trips,
    unavailable_drivers,
    untimed_trips,
)
from rdplanner.transport.trips import assign, create_trip, set_passengers
from rdplanner.transport.trips_read import PassengerRow, TripRow


def at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 6, day, hour, minute)


def trip(trip_id: int, depart: datetime | None, back: datetime | None, **fields) -> TripRow:
    row = TripRow(id=trip_id, event_id=1, event_name="常委会会议", kind="meeting", status="approved",
                  sitting_id=None, sitting_name="", purpose=f"行程{trip_id}", origin="", destination="",
                  route="", depart_at=depart, return_at=back, vehicle_id=7, plate="浙A·J0007",
                  vehicle_kind="sedan", seats=5, hired=False, day_rate_fen=None, driver_id=3,
                  driver_name="张师傅", driver_phone="", requested_by="", approved_by="", odometer_out=None,
                  odometer_in=None, notes="", version=1)
    return replace(row, **fields)


def riders(*names: str) -> tuple[PassengerRow, ...]:
    return tuple(PassengerRow(100 + i, name, i + 1, "") for i, name in enumerate(names))


def test_vehicle_on_two_overlapping_trips_is_named_with_both_times():
    problems = double_booked_vehicles([trip(1, at(9), at(11)), trip(2, at(10, 59), at(12), driver_id=4)])

    assert [p.code for p in problems] == ["vehicle_double_booked"]
    assert problems[0].message == ("车辆浙A·J0007同时安排了两趟行程：“行程1”（6月2日 09:00—11:00）"
                                   "与“行程2”（6月2日 10:59—12:00），时间重叠。")
    assert problems[0].items == (ItemRef("transport", "trip", 1), ItemRef("transport", "trip", 2))


def test_vehicle_on_touching_trips_or_two_vehicles_at_once_is_fine():
    assert double_booked_vehicles([trip(1, at(9), at(11)), trip(2, at(11), at(12))]) == []
    assert double_booked_vehicles([trip(1, at(9), at(11)), trip(2, at(10), at(12), vehicle_id=8)]) == []


def test_vehicle_taken_by_another_event_names_that_event():
    other = trip(50, at(10, 59), at(13), event_id=2, event_name="执法检查")

    problems = double_booked_vehicles([trip(1, at(9), at(11))], [other])

    assert problems[0].message == ("车辆浙A·J0007在“行程1”（6月2日 09:00—11:00）期间已被活动“执法检查”的行程"
                                   "“行程50”（6月2日 10:59—13:00）占用。")
    assert problems[0].ids("trip") == (1,)
    assert double_booked_vehicles([trip(1, at(9), at(11))], [replace(other, depart_at=at(11))]) == []


def test_trip_without_return_time_lasts_one_hour():
    open_ended = trip(1, at(9), None)

    assert double_booked_vehicles([open_ended, trip(2, at(10), at(12))]) == []
    problems = double_booked_vehicles([open_ended, trip(2, at(9, 59), at(12))])
    assert "6月2日 09:00 出发，未填返回时间，按 1 小时计" in problems[0].message


def test_driver_on_two_overlapping_trips_in_two_cars():
    second = trip(2, at(10, 59), at(12), vehicle_id=8)

    problems = double_booked_drivers([trip(1, at(9), at(11)), second])

    assert [p.code for p in problems] == ["driver_double_booked"]
    assert problems[0].message.startswith("驾驶员张师傅同时安排了两趟行程：“行程1”")
    assert double_booked_drivers([trip(1, at(9), at(11)), replace(second, depart_at=at(11))]) == []


def test_driver_taken_by_another_event_names_that_event():
    other = trip(50, at(8), at(9, 1), event_id=2, event_name="代表视察", vehicle_id=9)

    problems = double_booked_drivers([trip(1, at(9), at(11))], [other])

    assert "已被活动“代表视察”的行程“行程50”" in problems[0].message
    assert double_booked_drivers([trip(1, at(9), at(11))], [replace(other, return_at=at(9))]) == []


def test_driver_sent_out_during_leave():
    leave = (3, at(8), at(9, 1), "年休假")

    problems = unavailable_drivers([trip(1, at(9), at(11))], [leave])

    assert problems[0].code == "driver_unavailable"
    assert problems[0].message == ("驾驶员张师傅在6月2日 08:00—09:01不能出车（年休假），"
                                   "却安排了“行程1”（6月2日 09:00—11:00）。")
    assert unavailable_drivers([trip(1, at(9), at(11))], [(3, at(8), at(9), "年休假")]) == []
    assert unavailable_drivers([trip(1, at(9), at(11))], [(4, at(8), at(10), "年休假")]) == []


def test_car_with_more_passengers_than_seats_less_the_driver():
    full = trip(1, at(9), at(11), passengers=riders("甲", "乙", "丙", "丁"))
    over = trip(2, at(9), at(11), passengers=riders("甲", "乙", "丙", "丁", "戊"))

    assert overfull_vehicles([full]) == []
    assert overfull_vehicles([over])[0].message == ("车辆浙A·J0007共 5 座（含驾驶员座），最多乘坐 4 人，"
                                                    "“行程2”（6月2日 09:00—11:00）安排了 5 人。")


def test_person_on_two_overlapping_trips_is_named():
    first = trip(1, at(9), at(11), passengers=riders("王芳", "文静"))
    second = trip(2, at(10, 59), at(12), vehicle_id=8, driver_id=4, passengers=riders("王芳"))

    problems = double_booked_passengers([first, second])

    assert problems[0].code == "passenger_double_booked"
    assert problems[0].message.startswith("王芳同时安排在“行程1”")
    assert problems[0].ids("trip") == (1, 2) and problems[0].ids("participation") == (100,)
    assert double_booked_passengers([first, replace(second, depart_at=at(11))]) == []
    assert double_booked_passengers([first, replace(second, passengers=riders())]) == []


def test_trip_without_car_or_driver_says_what_is_missing():
    problems = unassigned_trips([trip(1, at(9), None, vehicle_id=None),
                                 trip(2, at(9), None, vehicle_id=None, driver_id=None), trip(3, at(9), None)])

    assert [p.ids("trip") for p in problems] == [(1,), (2,)]
    assert "尚未安排车辆。" in problems[0].message and "尚未安排车辆、驾驶员。" in problems[1].message
    assert problems[0].dimension == EARLY


def test_trip_without_departure_time():
    assert [p.ids("trip") for p in untimed_trips([trip(1, None, None), trip(2, at(9), None)])] == [(1,)]


@pytest.mark.parametrize(("depart", "back", "outside"), [
    (datetime(2026, 6, 1, 0, 0), datetime(2026, 6, 1, 1), False),
    (datetime(2026, 5, 31, 23, 59), datetime(2026, 6, 1, 1), True),
    (datetime(2026, 6, 3, 22, 0), datetime(2026, 6, 4, 0, 0), False),
    (datetime(2026, 6, 3, 22, 0), datetime(2026, 6, 4, 0, 1), True),
    (datetime(2026, 6, 3, 23, 0), None, False),
    (datetime(2026, 6, 3, 23, 1), None, True),
])
def test_trip_outside_the_event_dates(depart, back, outside):
    problems = trips_outside_event([trip(1, depart, back)], date(2026, 6, 1), date(2026, 6, 3))

    assert [p.code for p in problems] == (["trip_outside_event"] if outside else [])
    if outside:
        assert problems[0].message.endswith("不在活动日期（6月1日至6月3日）内。")


@pytest.mark.parametrize(("hired", "rate", "flagged"), [(True, None, True), (True, 0, True), (True, 1, False),
                                                         (False, None, False)])
def test_hired_car_without_a_day_rate(hired, rate, flagged):
    trips = [trip(1, at(9), None, hired=hired, day_rate_fen=rate), trip(2, at(14), None, hired=hired,
                                                                          day_rate_fen=rate)]

    problems = hired_without_rate(trips)

    assert [p.ids("trip") for p in problems] == ([(1, 2)] if flagged else [])
    if flagged:
        assert problems[0].message == "租用车辆浙A·J0007未填日租价，无法核算交通费（用于 2 趟行程）。"
        assert problems[0].dimension == FRUGAL


def test_odometer_in_below_out():
    assert reversed_odometers([trip(1, at(9), None, odometer_out=1000, odometer_in=1000)]) == []
    problems = reversed_odometers([trip(1, at(9), at(10), odometer_out=1000, odometer_in=999)])
    assert problems[0].message == ("行程“行程1”（6月2日 09:00—10:00）的回场里程（999 公里）小于出车里程"
                                   "（1000 公里），请核对里程表读数。")


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


def test_transport_problems_finds_a_car_of_another_event_and_a_driver_on_leave(session):
    ours, theirs = make_event(session), make_event(session, "代表视察")
    car, driver = add_vehicle(session, "浙A·K0001", "coach", 49), add_driver(session, "李师傅")
    session.add(DriverAbsence(driver_id=driver, starts_at=at(6), ends_at=at(9, 30), reason="体检"))
    session.commit()
    mine = create_trip(session, event_id=ours, purpose="会议接送", depart_at=at(9), return_at=at(11)).value
    other = create_trip(session, event_id=theirs, purpose="视察", depart_at=at(10), return_at=at(12)).value
    for trip_id in (mine, other):
        assign(session, trip_id=trip_id, vehicle_id=car, driver_id=driver)
    set_passengers(session, trip_id=mine, participation_ids=[add_person(session, ours, "赵明")])

    problems = transport_problems(session, ours)

    assert sorted(p.code for p in problems) == ["driver_double_booked", "driver_unavailable",
                                                "vehicle_double_booked"]
    assert all(p.ids("trip") == (mine,) for p in problems)
    assert any("活动“代表视察”" in p.message for p in problems if p.code == "vehicle_double_booked")
