"""Catering services (rdplanner.catering.service): what each action writes and returns, the helpers
that make meals from the programme or a standard day, and the refusals naming their field; on each
supported engine. ``make_world`` is shared with the other catering tests."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import select

from rdplanner.catering import service
from rdplanner.catering.read import load_catering
from rdplanner.changes import Changes
from rdplanner.errors import InvalidInput, NotFound, StaleEdit
from rdplanner.models import Event, Meal, MenuItem, Participation, Person, Sitting

DAY1, DAY2 = date(2026, 6, 10), date(2026, 6, 11)


@dataclass(frozen=True)
class World:
    event_id: int  # 常委会第十次会议, 2026-06-10 to 11, three members (one 清真), one staff
    lunch_item_id: int  # the programme's 工作餐 on the first day, 12:00 at 机关食堂
    other_event_id: int


def make_world(session) -> World:
    event = Event(name="常委会第十次会议", event_type="standing_committee", start_date=DAY1, end_date=DAY2)
    other = Event(name="主任会议", event_type="directors_meeting", start_date=DAY1, end_date=DAY1)
    session.add_all([event, other])
    session.flush()
    people = [Person(name=n) for n in ("马丽", "王强", "李明", "赵敏")]
    session.add_all(people)
    session.flush()
    roles, diets = ("member", "member", "member", "staff"), ("清真", "", "", "")
    session.add_all(Participation(event_id=event.id, person_id=p.id, role=r, dietary=d)
                    for p, r, d in zip(people, roles, diets, strict=True))
    item = Sitting(event_id=event.id, name="工作餐", kind="meal", place="机关食堂",
                   starts_at=datetime(2026, 6, 10, 12), ends_at=datetime(2026, 6, 10, 13))
    session.add(item)
    session.commit()
    return World(event.id, item.id, other.id)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    return make_world(session)


def meal_of(session, meal_id):
    return session.get(Meal, meal_id, populate_existing=True)


def test_create_meal_saves_it_and_names_it_in_the_changes(session, world):
    outcome = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch",
                                  place=" 机关食堂二楼 ", provisions="清真")
    meal = meal_of(session, outcome.value)
    assert (meal.meal_date, meal.kind, meal.style, meal.place, meal.table_size) == (
        DAY1, "lunch", "working", "机关食堂二楼", 10)
    assert outcome.changes == Changes.of("catering", world.event_id, rows=(("meal", outcome.value),))


@pytest.mark.parametrize(("fields", "field"), [
    ({"kind": "supper"}, "kind"),
    ({"style": "feast"}, "style"),
    ({"meal_date": date(2026, 6, 8)}, "meal_date"),  # two days before the opening
    ({"meal_date": date(2026, 6, 13)}, "meal_date"),
    ({"table_size": 0}, "table_size"),
    ({"table_size": 31}, "table_size"),
    ({"place": "楼" * 201}, "place"),
    ({"adjustment": 2}, "adjustment_reason"),
    ({"adjustment": 2001, "adjustment_reason": "多"}, "adjustment"),
    ({"host_count": -1}, "host_count"),
    ({"colour": "red"}, "colour"),
])
def test_create_meal_refuses_bad_input_naming_the_field(session, world, fields, field):
    values = {"meal_date": DAY1, "kind": "lunch"} | fields
    with pytest.raises(InvalidInput) as raised:
        service.create_meal(session, event_id=world.event_id, **values)
    assert raised.value.field == field


def test_create_meal_allows_the_day_before_and_after_the_event(session, world):
    for day in (date(2026, 6, 9), date(2026, 6, 12)):
        service.create_meal(session, event_id=world.event_id, meal_date=day, kind="dinner")
    assert len(load_catering(session, world.event_id).meals) == 2


def test_create_meal_refuses_a_programme_item_of_another_event(session, world):
    with pytest.raises(InvalidInput) as raised:
        service.create_meal(session, event_id=world.other_event_id, meal_date=DAY1, kind="lunch",
                            sitting_id=world.lunch_item_id)
    assert raised.value.field == "sitting_id"


def test_update_meal_saves_and_refuses_a_stale_version(session, world):
    meal_id = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch").value
    version = service.update_meal(session, meal_id=meal_id, expected_version=1,
                                  values={"style": "set", "include_staff": True}).value
    assert (version, meal_of(session, meal_id).style) == (2, "set")
    with pytest.raises(StaleEdit):
        service.update_meal(session, meal_id=meal_id, expected_version=1, values={"style": "boxed"})


def test_adjust_headcount_needs_a_reason_and_adds_to_the_derived_count(session, world):
    meal_id = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch").value
    with pytest.raises(InvalidInput) as raised:
        service.adjust_headcount(session, meal_id=meal_id, expected_version=1, adjustment=2, reason=" ")
    service.adjust_headcount(session, meal_id=meal_id, expected_version=1, adjustment=2, reason="随行记者")
    count = load_catering(session, world.event_id).counts[meal_id]
    assert raised.value.field == "adjustment_reason"
    assert (count.participants, count.staff, count.adjustment, count.total) == (3, 0, 2, 5)


def test_taking_the_adjustment_away_clears_its_reason(session, world):
    meal_id = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch",
                                  adjustment=1, adjustment_reason="临时增加").value
    service.adjust_headcount(session, meal_id=meal_id, expected_version=1, adjustment=0, reason="临时增加")
    assert (meal_of(session, meal_id).adjustment, meal_of(session, meal_id).adjustment_reason) == (0, "")


def test_remove_meals_removes_their_menus(session, world):
    meal_id = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch").value
    service.add_dish(session, meal_id=meal_id, name="米饭")
    outcome = service.remove_meals(session, meal_ids=[meal_id])
    assert outcome.value == [meal_id]
    assert session.scalars(select(MenuItem.id)).all() == [] and meal_of(session, meal_id) is None
    with pytest.raises(NotFound):
        service.remove_meals(session, meal_ids=[meal_id])


def test_meals_from_programme_makes_a_working_lunch_attached_to_the_item_once(session, world):
    made = service.meals_from_programme(session, event_id=world.event_id).value
    again = service.meals_from_programme(session, event_id=world.event_id).value
    meal = meal_of(session, made[0])
    assert (len(made), again) == (1, [])
    assert (meal.meal_date, meal.kind, meal.style, meal.place, meal.sitting_id) == (
        DAY1, "lunch", "working", "机关食堂", world.lunch_item_id)


def test_meals_from_programme_attaches_a_meal_already_planned_for_that_day_and_kind(session, world):
    planned = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch").value
    assert service.meals_from_programme(session, event_id=world.event_id).value == [planned]
    assert meal_of(session, planned).sitting_id == world.lunch_item_id


@pytest.mark.parametrize(("hour", "kind"), [(7, "breakfast"), (9, "breakfast"), (10, "lunch"), (14, "lunch"),
                                            (15, "dinner"), (18, "dinner")])
def test_kind_at_says_which_meal_a_time_is(hour, kind):
    assert service.kind_at(datetime(2026, 6, 10, hour, 30)) == kind


def test_standard_day_adds_the_missing_meals_of_the_day(session, world):
    service.create_meal(session, event_id=world.event_id, meal_date=DAY2, kind="lunch")
    made = service.standard_day(session, event_id=world.event_id, day=DAY2, place="机关食堂").value
    kinds = sorted(meal_of(session, i).kind for i in made)
    assert kinds == ["breakfast", "dinner"]


def test_dishes_are_added_in_order_edited_and_removed(session, world):
    meal_id = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch").value
    first = service.add_dish(session, meal_id=meal_id, name="番茄炒蛋", price_fen=800).value
    second = service.add_dish(session, meal_id=meal_id, name="米饭", price_fen=100).value
    service.update_dish(session, dish_id=first, expected_version=1, values={"price_fen": 900})
    plan = load_catering(session, world.event_id)
    assert [(d.name, d.price_fen) for d in plan.meal(meal_id).menu] == [("番茄炒蛋", 900), ("米饭", 100)]
    assert plan.meal(meal_id).price_fen == 1000
    service.remove_dishes(session, dish_ids=[second])
    assert [d.id for d in load_catering(session, world.event_id).meal(meal_id).menu] == [first]


@pytest.mark.parametrize(("fields", "field"), [({"name": " "}, "name"), ({"price_fen": -1}, "price_fen"),
                                               ({"price_fen": 100_001}, "price_fen"), ({"name": "菜" * 101}, "name")])
def test_add_dish_refuses_bad_input_naming_the_field(session, world, fields, field):
    meal_id = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch").value
    with pytest.raises(InvalidInput) as raised:
        service.add_dish(session, meal_id=meal_id, **({"name": "米饭"} | fields))
    assert raised.value.field == field


def test_load_catering_counts_the_staff_only_when_included(session, world):
    meal_id = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch").value
    before = load_catering(session, world.event_id).counts[meal_id]
    service.update_meal(session, meal_id=meal_id, expected_version=1, values={"include_staff": True})
    after = load_catering(session, world.event_id).counts[meal_id]
    assert (before.total, after.total, after.halal) == (3, 4, ("马丽",))
