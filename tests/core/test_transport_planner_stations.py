"""The transport planner's 接站 and 送站 (rdplanner.transport.planner.propose_transport for arrival and
departure items): riders grouped by station and time window, the car's times, who cannot be met."""

from datetime import date, datetime

import pytest
from planner_data import car, rider
from planner_data import unplaced as unplaced_of
from transport_data import add_sitting, make_event

from rdplanner.transport.planner import propose_transport

DAY1 = date(2026, 6, 1)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def event_id(session) -> int:
    return make_event(session)


def at(hour: int, minute: int = 0, day: int = 1) -> datetime:
    return datetime(2026, 6, day, hour, minute)


def arrival_item(session, event_id) -> int:
    return add_sitting(session, event_id, "代表报到", at(8, 30), at(11, 30), kind="arrival",
                       place="驻地饭店大堂")


def test_propose_meets_arrivals_by_station_within_the_time_window(session, event_id):
    item = arrival_item(session, event_id)
    for name, station, clock in (("赵明", "杭州东站", at(8)), ("钱亮", "杭州东站", at(9)),
                                 ("孙强", "杭州东站", at(9, 1)), ("李工", "萧山国际机场", at(8, 30))):
        rider(session, event_id, name, needs_transport=False, needs_pickup=True, arrival_station=station,
              arrival_date=DAY1, arrival_time=clock.time())
    for plate in ("浙A10001", "浙A10002", "浙A10003"):
        car(session, plate)

    proposal = propose_transport(session, event_id=event_id, item_id=item, leader_rank=0)

    assert [(t.origin, t.destination, t.depart_at, t.return_at, t.kind, [p.name for p in t.passengers])
            for t in proposal.trips] == [
        ("杭州东站", "驻地饭店大堂", at(8), at(10), "pickup", ["赵明", "钱亮"]),
        ("萧山国际机场", "驻地饭店大堂", at(8, 30), at(9, 30), "pickup", ["李工"]),
        ("杭州东站", "驻地饭店大堂", at(9, 1), at(10, 1), "pickup", ["孙强"])]


def test_propose_meets_arrivals_apart_when_the_window_is_shorter(session, event_id):
    item = arrival_item(session, event_id)
    for name, hour in (("赵明", 8), ("钱亮", 9)):
        rider(session, event_id, name, needs_pickup=True, arrival_station="杭州东站",
              arrival_time=at(hour).time())
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item, window_minutes=30)

    assert [(t.plate, t.depart_at, t.return_at, [p.name for p in t.passengers]) for t in proposal.trips] == [
        ("浙A10001", at(8), at(9), ["赵明"]), ("浙A10001", at(9), at(10), ["钱亮"])]


def test_propose_reports_arrivals_without_a_station_or_time_and_ignores_those_not_met(session, event_id):
    item = arrival_item(session, event_id)
    rider(session, event_id, "周到", needs_pickup=True, arrival_time=at(8).time())
    rider(session, event_id, "吴用", needs_pickup=True, arrival_station="杭州东站")
    rider(session, event_id, "郑和")  # needs a car during the meeting, comes by their own means
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert proposal.trips == ()
    assert unplaced_of(proposal) == [("周到", "回执未填到达的车站或机场"), ("吴用", "回执未填到达时间")]


def test_propose_sees_departures_off_two_hours_before_the_earliest_train(session, event_id):
    item = add_sitting(session, event_id, "返程", at(14, day=3), at(17, day=3), kind="departure",
                       place="驻地饭店")
    rider(session, event_id, "赵明", needs_dropoff=True, departure_station="杭州东站",
          departure_date=date(2026, 6, 3), departure_time=at(16).time())
    rider(session, event_id, "钱亮", needs_dropoff=True, departure_station="杭州东站",
          departure_time=at(17).time())
    car(session, "浙A10001")

    proposal = propose_transport(session, event_id=event_id, item_id=item)

    assert [(t.origin, t.destination, t.depart_at, t.return_at, t.kind, len(t.passengers))
            for t in proposal.trips] == [("驻地饭店", "杭州东站", at(14, day=3), at(16, day=3), "dropoff", 2)]
