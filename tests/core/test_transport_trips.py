"""Trip services (rdplanner.transport.trips): defaults from the programme, passengers in protocol order,
car and driver, status steps, copies to other days and the way back; every refusal names its field."""

from datetime import date, datetime

import pytest
from sqlalchemy import select
from transport_data import add_driver, add_hall, add_person, add_sitting, add_vehicle, make_event

from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.models import Trip, TripPassenger
from rdplanner.transport.trips import (
    advance_status,
    assign,
    copy_trip_to_days,
    create_trip,
    remove_trip,
    return_trip,
    set_passengers,
    set_status,
    update_trip,
)

NINE, NOON = datetime(2026, 6, 2, 9, 0), datetime(2026, 6, 2, 12, 0)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def event_id(session) -> int:
    return make_event(session)


@pytest.fixture
def people(session, event_id) -> dict[str, int]:
    cast = [("赵明", "member", 1), ("钱亮", "member", 2), ("孙强", "member", 3), ("李工", "staff", 0),
            ("周到", "staff", 0)]
    return {name: add_person(session, event_id, name, role, rank) for name, role, rank in cast}


def trip_row(session, trip_id: int) -> Trip:
    query = select(Trip).where(Trip.id == trip_id).execution_options(populate_existing=True)
    return session.scalars(query).one()


def seats_of(session, trip_id: int) -> list[tuple[int, int]]:
    p = TripPassenger
    query = select(p.seat_position, p.participation_id).where(p.trip_id == trip_id)
    return sorted(tuple(r) for r in session.execute(query))


def refusal(call, **kwargs) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call(**kwargs)
    return caught.value


def test_create_trip_takes_time_place_and_name_from_the_programme_item(session, event_id):
    sitting = add_sitting(session, event_id, "第一次全体会议", NINE, NOON, place="市民中心三楼")

    outcome = create_trip(session, event_id=event_id, sitting_id=sitting, origin="驻地宾馆")

    trip = trip_row(session, outcome.value)
    assert (trip.depart_at, trip.return_at, trip.destination, trip.purpose, trip.origin, trip.kind) == (
        NINE, NOON, "市民中心三楼", "第一次全体会议", "驻地宾馆", "meeting")
    assert (trip.sitting_id, trip.status) == (sitting, "requested")
    assert outcome.changes.touches("transport", event_id) and outcome.changes.row_ids("trip") == {trip.id}


def test_create_trip_to_an_item_without_a_place_goes_to_its_venue_and_hall(session, event_id):
    hall = add_hall(session, "市人大常委会", "第一会议室")
    sitting = add_sitting(session, event_id, "报到", NINE, NOON, hall_id=hall, kind="arrival")

    trip = trip_row(session, create_trip(session, event_id=event_id, sitting_id=sitting).value)

    assert (trip.destination, trip.kind) == ("市人大常委会 第一会议室", "pickup")


def test_create_trip_fields_given_win_over_the_programme_item(session, event_id):
    sitting = add_sitting(session, event_id, "视察某园区", NINE, NOON, place="园区", kind="visit")
    early = datetime(2026, 6, 2, 8, 15)

    trip = trip_row(session, create_trip(session, event_id=event_id, sitting_id=sitting, depart_at=early,
                                         purpose="视察接送").value)

    assert (trip.depart_at, trip.return_at, trip.purpose, trip.kind) == (early, NOON, "视察接送", "visit")


def test_create_trip_refuses_a_programme_item_of_another_event(session, event_id):
    other = make_event(session, "另一个活动")
    sitting = add_sitting(session, other, "别的会议", NINE, NOON)

    assert refusal(create_trip, session=session, event_id=event_id, sitting_id=sitting).field == "sitting_id"


def test_create_trip_refuses_a_return_at_the_departure_and_takes_one_a_minute_later(session, event_id):
    error = refusal(create_trip, session=session, event_id=event_id, depart_at=NINE, return_at=NINE)

    assert error.field == "return_at" and "6月2日 09:00" in str(error)
    minute_later = datetime(2026, 6, 2, 9, 1)
    later = create_trip(session, event_id=event_id, depart_at=NINE, return_at=minute_later).value
    assert trip_row(session, later).return_at == datetime(2026, 6, 2, 9, 1)


def test_create_trip_takes_a_purpose_of_200_characters_and_refuses_201(session, event_id):
    assert create_trip(session, event_id=event_id, purpose="会" * 200).value
    assert refusal(create_trip, session=session, event_id=event_id, purpose="会" * 201).field == "purpose"


@pytest.mark.parametrize(("fields", "field"), [
    ({"kind": "taxi"}, "kind"), ({"odometer_out": -1}, "odometer_out"),
    ({"depart_at": date(2026, 6, 2)}, "depart_at"), ({"colour": "红"}, "colour")])
def test_create_trip_refuses_a_bad_field(session, event_id, fields, field):
    assert refusal(create_trip, session=session, event_id=event_id, **fields).field == field


def test_update_trip_saves_and_refuses_a_stale_version(session, event_id):
    trip_id = create_trip(session, event_id=event_id, destination="会场").value

    version = update_trip(session, trip_id=trip_id, expected_version=1,
                          values={"destination": "  新会场 "}).value

    assert (version, trip_row(session, trip_id).destination) == (2, "新会场")
    with pytest.raises(StaleEdit):
        update_trip(session, trip_id=trip_id, expected_version=1, values={"destination": "旧"})


def test_update_trip_refuses_a_return_before_the_departure_it_keeps(session, event_id):
    trip_id = create_trip(session, event_id=event_id, depart_at=NINE).value

    error = refusal(update_trip, session=session, trip_id=trip_id, expected_version=1,
                    values={"return_at": datetime(2026, 6, 2, 8, 0)})

    assert error.field == "return_at"


def test_remove_trip_deletes_it_with_its_passengers(session, event_id, people):
    trip_id = create_trip(session, event_id=event_id).value
    set_passengers(session, trip_id=trip_id, participation_ids=[people["赵明"]])

    remove_trip(session, trip_id=trip_id)

    assert session.scalars(select(Trip.id)).all() == [] and seats_of(session, trip_id) == []


def test_set_passengers_seats_a_sedan_in_protocol_order(session, event_id, people):
    car = add_vehicle(session, "浙A·J0001", "sedan", 5)
    trip_id = create_trip(session, event_id=event_id).value
    assign(session, trip_id=trip_id, vehicle_id=car, driver_id=None)

    outcome = set_passengers(session, trip_id=trip_id,
                             participation_ids=[people["李工"], people["钱亮"], people["赵明"]])

    assert seats_of(session, trip_id) == [(1, people["赵明"]), (2, people["钱亮"]), (3, people["李工"])]
    assert [p.label for p in outcome.value] == ["后排右", "后排左", "副驾驶"]


def test_set_passengers_respects_a_seat_given_by_hand(session, event_id, people):
    trip_id = create_trip(session, event_id=event_id).value

    set_passengers(session, trip_id=trip_id, participation_ids=[people["赵明"], people["李工"]],
                   overrides={people["李工"]: 1})

    assert seats_of(session, trip_id) == [(1, people["李工"]), (2, people["赵明"])]


def test_set_passengers_refuses_a_person_of_another_event_by_name(session, event_id, people):
    stranger = add_person(session, make_event(session, "另一个活动"), "吴外")
    trip_id = create_trip(session, event_id=event_id).value

    error = refusal(set_passengers, session=session, trip_id=trip_id,
                    participation_ids=[people["赵明"], stranger])

    assert error.field == "participation_ids" and "吴外" in str(error)
    assert seats_of(session, trip_id) == []


def test_set_passengers_fills_a_five_seat_car_with_four_and_refuses_five(session, event_id, people):
    car = add_vehicle(session, "浙A·J0002", "sedan", 5)
    trip_id = create_trip(session, event_id=event_id).value
    assign(session, trip_id=trip_id, vehicle_id=car, driver_id=None)
    everyone = list(people.values())

    set_passengers(session, trip_id=trip_id, participation_ids=everyone[:4])
    error = refusal(set_passengers, session=session, trip_id=trip_id, participation_ids=everyone)

    assert error.field == "participation_ids"
    assert str(error) == "车辆浙A·J0002共 5 座（含驾驶员座），最多乘坐 4 人，本行程安排了 5 人。"
    assert len(seats_of(session, trip_id)) == 4


def test_set_passengers_refuses_a_seat_by_hand_past_the_car(session, event_id, people):
    car = add_vehicle(session, "浙A·J0003", "sedan", 5)
    trip_id = create_trip(session, event_id=event_id).value
    assign(session, trip_id=trip_id, vehicle_id=car, driver_id=None)

    error = refusal(set_passengers, session=session, trip_id=trip_id, participation_ids=[people["赵明"]],
                    overrides={people["赵明"]: 5})

    assert error.field == "overrides"


def test_assign_refuses_a_car_too_small_for_the_passengers(session, event_id, people):
    trip_id = create_trip(session, event_id=event_id).value
    set_passengers(session, trip_id=trip_id, participation_ids=list(people.values()))
    small, big = add_vehicle(session, "浙A·J0004", "sedan", 5), add_vehicle(session, "浙A·S0001", "mpv", 6)

    error = refusal(assign, session=session, trip_id=trip_id, vehicle_id=small, driver_id=None)
    assign(session, trip_id=trip_id, vehicle_id=big, driver_id=None)

    assert error.field == "participation_ids" and "浙A·J0004" in str(error)
    assert trip_row(session, trip_id).vehicle_id == big


def test_assign_refuses_a_retired_car(session, event_id):
    retired = add_vehicle(session, "浙A·J0005", active=False)
    trip_id = create_trip(session, event_id=event_id).value

    error = refusal(assign, session=session, trip_id=trip_id, vehicle_id=retired, driver_id=None)

    assert error.field == "vehicle_id"


def dispatched_trip(session, event_id) -> int:
    trip_id = create_trip(session, event_id=event_id, depart_at=NINE).value
    assign(session, trip_id=trip_id, vehicle_id=add_vehicle(session, "浙A·J0006"),
           driver_id=add_driver(session, "张师傅"))
    advance_status(session, trip_id=trip_id)
    advance_status(session, trip_id=trip_id)
    return trip_id


def test_set_status_moves_one_step_forward_or_back_and_refuses_a_jump(session, event_id):
    trip_id = create_trip(session, event_id=event_id).value

    error = refusal(set_status, session=session, trip_id=trip_id, status="dispatched")
    set_status(session, trip_id=trip_id, status="approved")
    set_status(session, trip_id=trip_id, status="requested")

    assert error.field == "status" and "已批准" in str(error)
    assert trip_row(session, trip_id).status == "requested"


def test_set_status_refuses_dispatch_without_a_driver(session, event_id):
    trip_id = create_trip(session, event_id=event_id).value
    assign(session, trip_id=trip_id, vehicle_id=add_vehicle(session, "浙A·J0007"), driver_id=None)
    set_status(session, trip_id=trip_id, status="approved")

    assert refusal(set_status, session=session, trip_id=trip_id, status="dispatched").field == "driver_id"


def test_set_status_refuses_return_with_the_odometer_in_below_out_and_takes_it_equal(session, event_id):
    trip_id = dispatched_trip(session, event_id)
    version = trip_row(session, trip_id).version
    version = update_trip(session, trip_id=trip_id, expected_version=version,
                          values={"odometer_out": 1200, "odometer_in": 1199}).value

    error = refusal(set_status, session=session, trip_id=trip_id, status="done")
    update_trip(session, trip_id=trip_id, expected_version=version, values={"odometer_in": 1200})
    set_status(session, trip_id=trip_id, status="done")

    assert error.field == "odometer_in" and trip_row(session, trip_id).status == "done"


def test_set_status_refuses_return_without_the_odometer_out(session, event_id):
    trip_id = dispatched_trip(session, event_id)

    assert refusal(advance_status, session=session, trip_id=trip_id).field == "odometer_out"


def test_assign_refuses_to_take_the_driver_off_a_dispatched_trip(session, event_id):
    trip_id = dispatched_trip(session, event_id)
    car = trip_row(session, trip_id).vehicle_id

    error = refusal(assign, session=session, trip_id=trip_id, vehicle_id=car, driver_id=None)

    assert error.field == "driver_id"


def test_copy_trip_to_days_repeats_times_car_and_passengers(session, event_id, people):
    sitting = add_sitting(session, event_id, "分组审议", NINE, NOON)
    trip_id = create_trip(session, event_id=event_id, sitting_id=sitting).value
    assign(session, trip_id=trip_id, vehicle_id=add_vehicle(session, "浙A·J0008"), driver_id=None)
    set_passengers(session, trip_id=trip_id, participation_ids=[people["钱亮"], people["赵明"]])
    set_status(session, trip_id=trip_id, status="approved")

    outcome = copy_trip_to_days(session, trip_id=trip_id, dates=[date(2026, 6, 3), date(2026, 6, 1)])

    first, last = (trip_row(session, i) for i in outcome.value)
    assert (first.depart_at, first.return_at) == (datetime(2026, 6, 1, 9), datetime(2026, 6, 1, 12))
    assert (last.depart_at, last.return_at) == (datetime(2026, 6, 3, 9), datetime(2026, 6, 3, 12))
    car = trip_row(session, trip_id).vehicle_id
    assert (last.status, last.sitting_id, last.vehicle_id) == ("requested", None, car)
    assert seats_of(session, last.id) == [(1, people["赵明"]), (2, people["钱亮"])]
    assert outcome.changes.row_ids("trip") == set(outcome.value)


@pytest.mark.parametrize("day", [date(2026, 5, 31), date(2026, 6, 4), date(2026, 6, 2)])
def test_copy_trip_to_days_refuses_a_day_outside_the_event_or_its_own(session, event_id, day):
    trip_id = create_trip(session, event_id=event_id, depart_at=NINE).value

    assert refusal(copy_trip_to_days, session=session, trip_id=trip_id, dates=[day]).field == "dates"


def test_return_trip_swaps_the_ends_and_leaves_when_the_outbound_returns(session, event_id, people):
    sitting = add_sitting(session, event_id, "报到", NINE, NOON, place="驻地宾馆", kind="arrival")
    trip_id = create_trip(session, event_id=event_id, sitting_id=sitting, origin="火车东站").value
    set_passengers(session, trip_id=trip_id, participation_ids=[people["李工"], people["赵明"]])

    back = trip_row(session, return_trip(session, trip_id=trip_id).value)

    assert (back.origin, back.destination) == ("驻地宾馆", "火车东站")
    assert (back.depart_at, back.return_at) == (NOON, None)
    assert (back.sitting_id, back.kind, back.purpose) == (sitting, "dropoff", "报到（返程）")
    assert seats_of(session, back.id) == [(1, people["赵明"]), (2, people["李工"])]


def test_return_trip_refuses_an_outbound_trip_without_a_return_time(session, event_id):
    trip_id = create_trip(session, event_id=event_id, depart_at=NINE).value

    assert refusal(return_trip, session=session, trip_id=trip_id).field == "return_at"
