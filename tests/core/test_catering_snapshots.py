"""Catering's undo (rdplanner.catering.snapshots), the copy of an event's meals and moving them with
its dates (rdplanner.catering.domain); on each supported engine."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from test_catering_service import DAY1, make_world

from rdplanner.catering import service
from rdplanner.catering.domain import DOMAIN
from rdplanner.catering.snapshots import CATERING
from rdplanner.domain import CopyContext
from rdplanner.errors import StaleEdit
from rdplanner.models import Event, Meal, MenuItem, Sitting
from rdplanner.undo import record, restore_recorded


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    return make_world(session)


def dump(session) -> set:
    """Every meal and dish row (of every event), without the version."""
    def rows(model) -> set:
        return {tuple(r) for r in session.execute(select(*[c for c in model.__table__.c if c.name != "version"]))}

    return rows(Meal) | {("dish",) + d for d in rows(MenuItem)}


def round_trip(session, key, action, /, **kwargs):
    before = dump(session)
    done = record(session, snapshotter=CATERING, key=key, action=action, **kwargs)
    after = dump(session)
    restore_recorded(session, snapshotter=CATERING, key=key, state=done.before, expected=done.after)
    undone = dump(session)
    restore_recorded(session, snapshotter=CATERING, key=key, state=done.after, expected=done.before)
    return before, after, undone, dump(session)


def a_meal_with_menu(session, world) -> int:
    meal_id = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch").value
    service.add_dish(session, meal_id=meal_id, name="番茄炒蛋", price_fen=800)
    return meal_id


def test_undo_and_redo_of_meals_from_the_programme(session, world):
    before, after, undone, redone = round_trip(session, world.event_id, service.meals_from_programme,
                                               event_id=world.event_id)
    assert after != before and undone == before and redone == after


def test_undo_and_redo_of_removing_a_meal_with_its_menu(session, world):
    meal_id = a_meal_with_menu(session, world)
    before, after, undone, redone = round_trip(session, world.event_id, service.remove_meals, meal_ids=[meal_id])
    assert len(after) == len(before) - 2 and undone == before and redone == after


def test_undo_and_redo_of_an_adjustment(session, world):
    meal_id = a_meal_with_menu(session, world)
    before, after, undone, redone = round_trip(session, world.event_id, service.adjust_headcount, meal_id=meal_id,
                                               expected_version=1, adjustment=3, reason="随行人员")
    assert after != before and undone == before and redone == after


def test_undo_refuses_when_the_meals_changed_since(session, world):
    meal_id = a_meal_with_menu(session, world)
    done = record(session, snapshotter=CATERING, key=world.event_id, action=service.add_dish, meal_id=meal_id,
                  name="米饭")
    service.add_dish(session, meal_id=meal_id, name="馒头")
    with pytest.raises(StaleEdit):
        restore_recorded(session, snapshotter=CATERING, key=world.event_id, state=done.before,
                         expected=done.after)


def test_undo_leaves_a_meal_without_its_programme_item_deleted_since(session, world):
    done = record(session, snapshotter=CATERING, key=world.event_id, action=service.meals_from_programme,
                  event_id=world.event_id)
    restore_recorded(session, snapshotter=CATERING, key=world.event_id, state=done.before, expected=done.after)
    session.delete(session.get(Sitting, world.lunch_item_id))
    session.commit()
    restored = restore_recorded(session, snapshotter=CATERING, key=world.event_id, state=done.after,
                                expected=done.before)
    meal = session.scalars(select(Meal).where(Meal.event_id == world.event_id)).one()
    assert (meal.sitting_id, restored.skipped) == (None, 1)


def test_copy_moves_meals_to_the_new_dates_with_menus_and_programme_items(session, world):
    meal_id = a_meal_with_menu(session, world)
    service.meals_from_programme(session, event_id=world.event_id)
    service.adjust_headcount(session, meal_id=meal_id, expected_version=2, adjustment=2, reason="随行")
    target = Event(name="常委会第十一次会议", event_type="standing_committee", start_date=date(2026, 8, 20),
                   end_date=date(2026, 8, 21))
    new_item = Sitting(event_id=world.other_event_id, name="工作餐", kind="meal")
    session.add_all([target, new_item])
    session.flush()
    DOMAIN.copy(session, CopyContext(world.event_id, target.id, {"sitting": {world.lunch_item_id: new_item.id}}))
    session.commit()
    copied = session.scalars(select(Meal).where(Meal.event_id == target.id)).one()
    menu = session.scalars(select(MenuItem.name).where(MenuItem.meal_id == copied.id)).all()
    assert (copied.meal_date, copied.sitting_id, copied.adjustment, menu) == (
        date(2026, 8, 20), new_item.id, 0, ["番茄炒蛋"])


def test_shift_moves_the_meals_with_the_events_dates(session, world):
    meal_id = a_meal_with_menu(session, world)
    changes = DOMAIN.shift(session, world.event_id, timedelta(days=7))
    session.commit()
    assert session.get(Meal, meal_id).meal_date == DAY1 + timedelta(days=7)
    assert changes.row_ids("meal") == {meal_id}
