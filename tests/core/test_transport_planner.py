"""The transport planner's proposal (rdplanner.transport.planner.propose_transport): who rides, grouped by
pickup point (by station: test_transport_planner_stations), leaders alone, the fewest free cars each with
a free licensed driver, never more riders than passenger seats, and who could not be placed and why."""

from datetime import datetime

import pytest
from planner_data import (
    LEAVES,
    NOON,
    absence,
    car,
    driver_id,
    loads,
    names_by_car,
    other_event_trip,
    plenary,
    rider,
    riders,
)
from planner_data import unplaced as unplaced_of
from transport_data import add_driver, add_hall, add_sitting, make_event

from rdplanner.errors import InvalidInput
from rdplanner.transport.planner import PlanCancelled, propose_transport
from rdplanner.transport.trips import create_trip, set_passengers


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def event_id(session) -> int:
    return make_event(session)


def at(hour: int, minute: int = 0, day: int = 1) -> datetime:
    return datetime(2026, 6, day, hour, minute)


def test_propose_groups_riders_by_pickup_point_and_takes_the_items_place_and_times(session, event_id):
    item = plenary(session, event_id)
    rider(session, event_id, "赵明", pickup_point="市民中心")
    rider(session, event_id, "钱亮", pickup_point="市民中心")
    rider(session, event_id, "孙强")
    car(session, "浙A10001")
    car(session, "浙A10002")

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    rides = sorted((t.origin, t.destination, t.depart_at, t.return_at, t.kind,
                    sorted(p.name for p in t.passengers)) for t in proposal.trips)
    assert rides == [("市民中心", "市民中心三楼", LEAVES, NOON, "meeting", ["赵明", "钱亮"]),
                     ("驻地", "市民中心三楼", LEAVES, NOON, "meeting", ["孙强"])]
    assert "未填上车地点的人员按“驻地”上车。" in proposal.rules


def test_propose_goes_to_the_venue_and_hall_of_an_item_without_a_place(session, event_id):
    item = plenary(session, event_id, place="", hall_id=add_hall(session, "市人大常委会", "第一会议室"))
    rider(session, event_id, "赵明")
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert [t.destination for t in proposal.trips] == ["市人大常委会 第一会议室"]


def test_propose_carries_only_attendees_who_need_transport_and_are_not_on_leave(session, event_id):
    item = plenary(session, event_id, audience="role", audience_value="member")
    rider(session, event_id, "赵明")
    rider(session, event_id, "钱亮", leave_status="approved")
    rider(session, event_id, "孙强", leave_status="requested")
    rider(session, event_id, "李工", needs_transport=False)
    rider(session, event_id, "周到", role="attendee")
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert names_by_car(proposal) == {"浙A10001": ["赵明"]} and proposal.unplaced == ()


def test_propose_leaves_out_who_already_rides_on_a_trip_of_the_item(session, event_id):
    item = plenary(session, event_id)
    first, second = riders(session, event_id, "赵明 钱亮")
    trip_id = create_trip(session, event_id=event_id, sitting_id=item).value
    set_passengers(session, trip_id=trip_id, participation_ids=[first])
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert names_by_car(proposal) == {"浙A10001": ["钱亮"]} and proposal.already_riding == (first,)


@pytest.mark.parametrize(("back", "placed", "left"), [
    ((9, 30), ["钱亮"], [("赵明", "该时段已乘坐“调研”（6月2日 08:00—09:30）")]),
    ((8, 30), ["赵明", "钱亮"], []),  # back when the ride leaves
])
def test_propose_leaves_out_who_rides_another_trip_at_that_time(session, event_id, back, placed, left):
    item = plenary(session, event_id)
    first = rider(session, event_id, "赵明", rank=1)
    rider(session, event_id, "钱亮", rank=2)
    earlier = add_sitting(session, event_id, "调研", at(8, day=2), at(*back, day=2), kind="other")
    set_passengers(session, trip_id=create_trip(session, event_id=event_id, sitting_id=earlier).value,
                   participation_ids=[first])
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    assert names_by_car(proposal) == {"浙A10001": placed}
    assert unplaced_of(proposal) == left


@pytest.mark.parametrize(("count", "expected"), [(4, [("浙A10001", 4)]), (5, [("浙A20001", 5)])])
def test_propose_takes_the_smallest_car_that_carries_everyone(session, event_id, count, expected):
    item = plenary(session, event_id)
    riders(session, event_id, " ".join("赵钱孙李周"[:count]))
    car(session, "浙A10001", "sedan", 5)
    car(session, "浙A20001", "mpv", 7)
    car(session, "浙A30001", "minibus", 19, licence="B1")

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    assert loads(proposal) == expected


def test_propose_fills_the_largest_cars_first_then_the_smallest_that_takes_the_rest(session, event_id):
    item = plenary(session, event_id)
    riders(session, event_id, "赵 钱 孙 李 周 吴 郑 王 冯 陈")
    for plate in ("浙A10001", "浙A10002", "浙A10003"):
        car(session, plate, "sedan", 5)
    car(session, "浙A20001", "mpv", 7)
    car(session, "浙A20002", "mpv", 7)

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    assert loads(proposal) == [("浙A20001", 6), ("浙A10001", 4)]


def test_propose_never_seats_more_than_the_seats_less_the_drivers(session, event_id):
    item = plenary(session, event_id)
    riders(session, event_id, "赵 钱 孙 李 周 吴 郑 王 冯")
    for plate in ("浙A10001", "浙A10002", "浙A10003"):
        car(session, plate, "sedan", 5)

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    assert loads(proposal) == [("浙A10001", 4), ("浙A10002", 4), ("浙A10003", 1)]


def test_propose_takes_an_own_car_before_a_hired_one_of_the_same_size(session, event_id):
    item = plenary(session, event_id)
    rider(session, event_id, "赵明")
    car(session, "浙A00001", hired=True, hire_company="市旅游汽车公司", day_rate_fen=80000)
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert loads(proposal) == [("浙A10001", 1)]


def test_propose_seats_each_car_in_protocol_order(session, event_id):
    item = plenary(session, event_id)
    rider(session, event_id, "周到", role="staff")
    rider(session, event_id, "钱亮", rank=2)
    rider(session, event_id, "赵明", rank=1)
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    assert [(p.name, p.seat_position, p.label) for p in proposal.trips[0].passengers] == [
        ("赵明", 1, "后排右"), ("钱亮", 2, "后排左"), ("周到", 3, "副驾驶")]


def test_propose_gives_each_leader_a_car_of_their_own_up_to_the_leader_rank(session, event_id):
    item = plenary(session, event_id)
    rider(session, event_id, "赵明", rank=1)
    rider(session, event_id, "钱亮", rank=2)
    rider(session, event_id, "孙强", rank=3)
    rider(session, event_id, "李工")
    rider(session, event_id, "周到", role="staff", rank=1)
    car(session, "浙A10001")
    car(session, "浙A10002")
    car(session, "浙A30001", "minibus", 19, licence="B1")

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=2)

    assert names_by_car(proposal) == {"浙A10001": ["赵明"], "浙A10002": ["钱亮"],
                                      "浙A30001": ["孙强", "李工", "周到"]}
    assert [t.leader for t in proposal.trips] == [True, True, False]


def test_propose_reports_a_leader_without_a_sedan_or_mpv_left(session, event_id):
    item = plenary(session, event_id)
    rider(session, event_id, "赵明", rank=1)
    rider(session, event_id, "钱亮")
    car(session, "浙A30001", "minibus", 19, licence="B1")

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=1)

    assert names_by_car(proposal) == {"浙A30001": ["钱亮"]}
    assert unplaced_of(proposal) == [("赵明", "领导单独乘车，该时段已无空闲的轿车或商务车供其单独乘坐")]


@pytest.mark.parametrize(("depart_at", "return_at", "plate"), [
    (at(10, day=2), at(11, day=2), "浙A10002"),  # busy during the meeting
    (at(11, 59, day=2), None, "浙A10002"),  # no return time: taken for an hour
    (at(7, day=2), LEAVES, "浙A10001"),  # back when the meeting's ride leaves: free
])
def test_propose_skips_a_car_on_another_events_trip_at_that_time(session, event_id, depart_at, return_at,
                                                                 plate):
    item = plenary(session, event_id)
    rider(session, event_id, "赵明")
    busy = car(session, "浙A10001")
    car(session, "浙A10002")
    other_event_trip(session, vehicle_id=busy, depart_at=depart_at, return_at=return_at)

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert loads(proposal) == [(plate, 1)]


def test_propose_gives_a_car_another_driver_when_its_own_is_on_another_events_trip(session, event_id):
    item = plenary(session, event_id)
    rider(session, event_id, "赵明")
    car(session, "浙A10001", driver="王师傅")
    add_driver(session, "陈师傅", licence_class="C1")
    other_event_trip(session, driver_id=driver_id(session, "王师傅"))

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert [(t.plate, t.driver_name) for t in proposal.trips] == [("浙A10001", "陈师傅")]


@pytest.mark.parametrize(("starts_at", "ends_at", "driver"), [
    (at(8, day=2), at(10, day=2), "陈师傅"),
    (at(11, 59, day=2), at(18, day=2), "陈师傅"),
    (at(7, day=2), LEAVES, "王师傅"),  # back from leave when the ride leaves
    (NOON, at(18, day=2), "王师傅"),  # leave starting when the ride is back
])
def test_propose_skips_a_driver_away_during_the_ride(session, event_id, starts_at, ends_at, driver):
    item = plenary(session, event_id)
    rider(session, event_id, "赵明")
    car(session, "浙A10001", driver="王师傅")
    add_driver(session, "陈师傅", licence_class="C1")
    absence(session, driver_id(session, "王师傅"), starts_at, ends_at)

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert [t.driver_name for t in proposal.trips] == [driver]


def test_propose_gives_a_coach_a_driver_whose_licence_covers_it(session, event_id):
    item = plenary(session, event_id)
    riders(session, event_id, " ".join(f"代表{n:02d}" for n in range(30)))
    car(session, "浙A40001", "coach", 49, driver="吴师傅", licence="C1")
    add_driver(session, "冯师傅", licence_class="B1")
    add_driver(session, "郑师傅", licence_class="A1")

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    assert [(t.plate, t.driver_name, len(t.passengers)) for t in proposal.trips] == [
        ("浙A40001", "郑师傅", 30)]


def test_propose_keeps_the_widest_licence_for_the_cars_that_need_it(session, event_id):
    item = plenary(session, event_id)
    rider(session, event_id, "赵明")
    car(session, "浙A10001", driver="", licence="")
    add_driver(session, "郑师傅", licence_class="A1")
    add_driver(session, "陈师傅", licence_class="C1")

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert [t.driver_name for t in proposal.trips] == ["陈师傅"]


def test_propose_reports_who_has_no_car_left_last_in_protocol_order(session, event_id):
    item = plenary(session, event_id)
    for rank, name in enumerate("赵明 钱亮 孙强 李工 周到 吴用".split(), 1):
        rider(session, event_id, name, rank=rank)
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    assert names_by_car(proposal) == {"浙A10001": ["赵明", "钱亮", "孙强", "李工"]}
    assert unplaced_of(proposal) == [("周到", "该时段已无空闲车辆"), ("吴用", "该时段已无空闲车辆")]


def test_propose_reports_free_cars_without_a_driver_who_may_drive_them(session, event_id):
    item = plenary(session, event_id)
    riders(session, event_id, "赵明 钱亮")
    car(session, "浙A40001", "coach", 49, driver="吴师傅", licence="C1")

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert proposal.trips == ()
    assert {reason for _, reason in unplaced_of(proposal)} == {
        "该时段空闲的车辆都没有可派的驾驶员（均已出车、请假或准驾车型不符）"}


def test_propose_refuses_an_item_of_another_event(session, event_id):
    other_item = plenary(session, make_event(session, "代表视察"))

    with pytest.raises(InvalidInput) as caught:
        propose_transport(session, event_id=event_id, item_id=other_item)

    assert caught.value.field == "item_id"


def test_propose_refuses_an_item_without_a_time(session, event_id):
    item = add_sitting(session, event_id, "待定座谈会", None, None, kind="forum")

    with pytest.raises(InvalidInput) as caught:
        propose_transport(session, event_id=event_id, item_id=item)

    assert (caught.value.field, str(caught.value)) == (
        "item_id", "日程“待定座谈会”尚未确定时间，无法安排车辆。")


@pytest.mark.parametrize(("options", "field"), [({"leader_rank": -1}, "leader_rank"),
                                                 ({"window_minutes": -1}, "window_minutes")])
def test_propose_refuses_negative_options(session, event_id, options, field):
    item = plenary(session, event_id)

    with pytest.raises(InvalidInput) as caught:
        propose_transport(session, event_id=event_id, item_id=item, **options)

    assert caught.value.field == field


def test_propose_stops_when_cancelled(session, event_id):
    item = plenary(session, event_id)

    with pytest.raises(PlanCancelled):
        propose_transport(session, event_id=event_id, item_id=item, cancelled=lambda: True)
