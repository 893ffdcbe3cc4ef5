"""The desk's findings on a given day: someone overdue (only while the desk is in use and the event not
over), someone on leave marked arrived, someone arrived still lacking an item."""

from datetime import timedelta

import pytest
from arrival_world import END, EVE, START, at, make_world

from rdplanner.arrival.domain import arrival_findings
from rdplanner.arrival.service import mark_arrived
from rdplanner.problems import COMPLETE, INFO, WARNING, ItemRef

ALL = ["materials", "pass", "room_card", "meal_ticket"]


@pytest.fixture
def world(session):
    return make_world(session)


def codes(session, world, today):
    return [(p.code, p.items[0].id) for p in arrival_findings(session, world.event_id, today)]


def desk_in_use(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, handed=ALL, now=at(EVE, 10))


def test_someone_due_yesterday_and_not_arrived_is_overdue(session, world):
    desk_in_use(session, world)
    found = arrival_findings(session, world.event_id, START + timedelta(days=1))
    overdue = [p for p in found if p.code == "arrival_overdue"]
    assert [p.items[0] for p in overdue] == [ItemRef("arrival", "participation", i)
                                             for i in (world.li, world.wang, world.dong)]
    assert overdue[0].message == "李四（西湖区代表团）应于1月4日报到，至今尚未报到。"
    assert (overdue[0].severity, overdue[0].dimension) == (WARNING, COMPLETE)


def test_someone_due_today_is_not_yet_overdue(session, world):
    desk_in_use(session, world)
    assert codes(session, world, START) == []  # 李四, 王五, 董子思 are due today; 赵六 is on leave


def test_on_the_last_day_the_overdue_still_show_and_after_it_no_longer(session, world):
    desk_in_use(session, world)
    assert len(codes(session, world, END)) == 3
    assert codes(session, world, END + timedelta(days=1)) == []


def test_nobody_is_overdue_while_the_desk_is_not_used(session, world):
    assert codes(session, world, START + timedelta(days=1)) == []


def test_someone_on_approved_leave_marked_arrived(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhao,
                 handed=["materials", "pass", "meal_ticket"], now=at(EVE, 9, 15))
    found = [p for p in arrival_findings(session, world.event_id, EVE) if p.code == "arrived_on_leave"]
    assert [p.message for p in found] == ["赵六（上城区代表团）已于1月3日 09:15报到，名册上却是已准假：请核对请假记录。"]
    assert found[0].severity == WARNING


def test_someone_arrived_without_the_room_card(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang,
                 handed=["materials", "pass", "meal_ticket"], now=at(EVE, 10))
    found = [p for p in arrival_findings(session, world.event_id, EVE) if p.code == "items_not_handed"]
    assert [p.message for p in found] == ["张三（上城区代表团）已报到，尚未领取房卡。"]
    assert found[0].severity == INFO


def test_someone_handed_everything_due_has_no_finding(session, world):
    desk_in_use(session, world)
    assert codes(session, world, EVE) == []
