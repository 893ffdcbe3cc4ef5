"""Catering services (用餐): one function per user action on an event's meals and their menus, and the
meals made from the programme's meal items or as a standard day of three meals.

Every service first takes the event's lock (store.lock_roster, which the catering undo takes too),
validates (InvalidInput naming the field), writes, commits, and returns an Outcome naming the event's
catering and the meals or dishes it touched.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session

from rdplanner.catering.kinds import MEAL_KINDS
from rdplanner.catering.read import day_text
from rdplanner.catering.rules import check_adjustment, clean_dish, clean_meal
from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.models import Event, Hall, Meal, MenuItem, Sitting, Venue
from rdplanner.store import get_or_raise, lock_roster, versioned_update

DAY_MARGIN = timedelta(days=1)  # a meal the day before (arrival) or after (departure) the event


def catering_changes(event_id: int, meal_ids: Iterable[int] = (), dish_ids: Iterable[int] = ()) -> Changes:
    """The change set of an action on the event's catering."""
    return Changes.of("catering", event_id, rows=tuple(("meal", i) for i in meal_ids)
                      + tuple(("dish", i) for i in dish_ids))


def kind_at(moment: datetime | None) -> str:
    """The meal a programme item at ``moment`` is: breakfast before 10:00, lunch before 15:00, else dinner."""
    if moment is None or moment.hour < 10:
        return "breakfast" if moment is not None else "lunch"
    return "lunch" if moment.hour < 15 else "dinner"


def _event(session: Session, event_id: int) -> Event:
    lock_roster(session, event_id)
    return get_or_raise(session, Event, event_id, "活动")


def _check_date(event: Event, day: date) -> None:
    if not event.start_date - DAY_MARGIN <= day <= event.end_date + DAY_MARGIN:
        raise InvalidInput(f"用餐日期{day_text(day)}不在会期（{day_text(event.start_date)}至"
                           f"{day_text(event.end_date)}，可早一天或晚一天）之内。", field="meal_date")


def _check_sitting(session: Session, event_id: int, sitting_id: int | None) -> None:
    if sitting_id is None:
        return
    owner = session.scalar(select(Sitting.event_id).where(Sitting.id == sitting_id))
    if owner != event_id:
        raise InvalidInput("所选日程不属于本活动，或已被删除。", field="sitting_id")


def _locked_meal(session: Session, meal_id: int) -> Meal:
    """The meal, read after its event's lock is taken."""
    event_id = session.scalar(select(Meal.event_id).where(Meal.id == meal_id))
    if event_id is None:
        raise NotFound(f"找不到该用餐安排（编号 {meal_id}），可能已被删除。")
    lock_roster(session, event_id)
    return get_or_raise(session, Meal, meal_id, "用餐安排")


def create_meal(session: Session, *, event_id: int, meal_date: date, kind: str, **fields: Any) -> Outcome:
    """Create a meal of the event (style 工作餐 unless given); value: its id.

    Raises:
        NotFound: no such event. InvalidInput: see rules.clean_meal; a date more than a day outside the
        event; a programme item of another event; an adjustment without its reason.
    """
    event = _event(session, event_id)
    values = clean_meal({"meal_date": meal_date, "kind": kind, "style": "working", **fields})
    _check_date(event, values["meal_date"])
    _check_sitting(session, event_id, values.get("sitting_id"))
    check_adjustment(values.get("adjustment", 0), values.get("adjustment_reason", ""))
    meal = Meal(event_id=event_id, **values)
    session.add(meal)
    session.flush()
    meal_id = meal.id
    session.commit()
    return Outcome(catering_changes(event_id, [meal_id]), meal_id)


def update_meal(session: Session, *, meal_id: int, expected_version: int, values: Mapping[str, Any]) -> Outcome:
    """Save edited fields of a meal (the keys of rules.MEAL_FIELDS); value: its new version.

    Raises:
        NotFound: the meal is gone. StaleEdit: saved by someone else since ``expected_version``.
        InvalidInput: as create_meal.
    """
    meal = _locked_meal(session, meal_id)
    cleaned = clean_meal(values)
    event = session.get(Event, meal.event_id)
    if "meal_date" in cleaned:
        _check_date(event, cleaned["meal_date"])
    _check_sitting(session, meal.event_id, cleaned.get("sitting_id"))
    check_adjustment(cleaned.get("adjustment", meal.adjustment),
                     cleaned.get("adjustment_reason", meal.adjustment_reason))
    if cleaned.get("adjustment", meal.adjustment) == 0:
        cleaned["adjustment_reason"] = ""
    event_id = meal.event_id
    version = versioned_update(session, Meal, meal_id, expected_version=expected_version, values=cleaned,
                               what="用餐安排")
    session.commit()
    return Outcome(catering_changes(event_id, [meal_id]), version)


def adjust_headcount(session: Session, *, meal_id: int, expected_version: int, adjustment: int,
                     reason: str) -> Outcome:
    """Add ``adjustment`` people (negative: fewer) to the meal's derived headcount, for ``reason``;
    0 takes the adjustment away. Value: the meal's new version.

    Raises:
        InvalidInput: an adjustment without a reason (field ``adjustment_reason``), beyond ±2000.
    """
    return update_meal(session, meal_id=meal_id, expected_version=expected_version,
                       values={"adjustment": adjustment, "adjustment_reason": reason})


def remove_meals(session: Session, *, meal_ids: Sequence[int]) -> Outcome:
    """Remove meals (with their menus) of one event.

    Raises:
        NotFound: none of them exists. InvalidInput: meals of more than one event.
    """
    events = set(session.scalars(select(Meal.event_id).where(Meal.id.in_(list(meal_ids)))))
    if not events:
        raise NotFound("找不到要删除的用餐安排，可能已被删除。")
    if len(events) > 1:
        raise InvalidInput("一次只能删除同一活动的用餐安排。", field="meal_ids")
    event_id = events.pop()
    lock_roster(session, event_id)
    ids = list(session.scalars(select(Meal.id).where(Meal.id.in_(list(meal_ids)), Meal.event_id == event_id)))
    session.execute(delete(MenuItem).where(MenuItem.meal_id.in_(ids)))
    session.execute(delete(Meal).where(Meal.id.in_(ids)))
    session.commit()
    return Outcome(catering_changes(event_id, ids), ids)


def _place_of(session: Session, sitting: Sitting) -> str:
    if sitting.place or sitting.hall_id is None:
        return sitting.place
    venue, hall = session.execute(select(Venue.name, Hall.name).join(Venue, Venue.id == Hall.venue_id)
                                  .where(Hall.id == sitting.hall_id)).one()
    return f"{venue} {hall}"[:200]


def meals_from_programme(session: Session, *, event_id: int) -> Outcome:
    """Make a meal for each programme item of kind 用餐 that has none: its day, the meal its time says
    (kind_at), its place, 工作餐; a meal already planned for that day and kind without an item is attached
    to the item instead. Value: the ids of the meals made or attached.

    Raises:
        NotFound: no such event.
    """
    _event(session, event_id)
    attached = set(session.scalars(select(Meal.sitting_id).where(Meal.event_id == event_id,
                                                                 Meal.sitting_id.is_not(None))))
    loose = {(m.meal_date, m.kind): m for m in session.scalars(
        select(Meal).where(Meal.event_id == event_id, Meal.sitting_id.is_(None)).order_by(Meal.id))}
    touched = []
    for sitting in session.scalars(select(Sitting).where(Sitting.event_id == event_id, Sitting.kind == "meal",
                                                         Sitting.starts_at.is_not(None)).order_by(Sitting.starts_at)):
        if sitting.id in attached:
            continue
        key = (sitting.starts_at.date(), kind_at(sitting.starts_at))
        meal = loose.pop(key, None)
        if meal is None:
            meal = Meal(event_id=event_id, meal_date=key[0], kind=key[1], style="working",
                        place=_place_of(session, sitting))
            session.add(meal)
        else:
            meal.version += 1
        meal.sitting_id = sitting.id
        session.flush()
        touched.append(meal.id)
    session.commit()
    return Outcome(catering_changes(event_id, touched), touched)


def standard_day(session: Session, *, event_id: int, day: date, style: str = "buffet", place: str = "") -> Outcome:
    """Plan 早餐, 午餐 and 晚餐 on ``day``, leaving a kind already planned that day as it is. Value: the
    ids of the meals made.

    Raises:
        NotFound: no such event. InvalidInput: a day more than a day outside the event; a style unknown.
    """
    event = _event(session, event_id)
    values = clean_meal({"meal_date": day, "style": style, "place": place})
    _check_date(event, values["meal_date"])
    planned = set(session.scalars(select(Meal.kind).where(Meal.event_id == event_id, Meal.meal_date == day)))
    made = [Meal(event_id=event_id, kind=kind, **values) for kind in MEAL_KINDS if kind not in planned]
    session.add_all(made)
    session.flush()
    ids = [m.id for m in made]
    session.commit()
    return Outcome(catering_changes(event_id, ids), ids)


def add_dish(session: Session, *, meal_id: int, name: str, price_fen: int = 0, category: str = "") -> Outcome:
    """Add a dish at the end of the meal's menu; value: its id.

    Raises:
        NotFound: the meal is gone. InvalidInput: see rules.clean_dish.
    """
    meal = _locked_meal(session, meal_id)
    values = clean_dish({"name": name, "price_fen": price_fen, "category": category})
    last = session.scalar(select(func.max(MenuItem.sort_order)).where(MenuItem.meal_id == meal_id))
    dish = MenuItem(meal_id=meal_id, sort_order=(last + 1) if last is not None else 0, **values)
    session.add(dish)
    session.flush()
    dish_id, event_id = dish.id, meal.event_id
    session.commit()
    return Outcome(catering_changes(event_id, [meal_id], [dish_id]), dish_id)


def update_dish(session: Session, *, dish_id: int, expected_version: int, values: Mapping[str, Any]) -> Outcome:
    """Save edited fields of a dish (name, category, price_fen, sort_order); value: its new version.

    Raises:
        NotFound: the dish is gone. StaleEdit: saved by someone else since. InvalidInput: see clean_dish.
    """
    meal_id = session.scalar(select(MenuItem.meal_id).where(MenuItem.id == dish_id))
    if meal_id is None:
        raise NotFound(f"找不到该菜品（编号 {dish_id}），可能已被删除。")
    meal = _locked_meal(session, meal_id)
    cleaned = clean_dish(values)
    event_id = meal.event_id
    version = versioned_update(session, MenuItem, dish_id, expected_version=expected_version, values=cleaned,
                               what="菜品")
    session.commit()
    return Outcome(catering_changes(event_id, [meal_id], [dish_id]), version)


def remove_dishes(session: Session, *, dish_ids: Sequence[int]) -> Outcome:
    """Remove dishes of one meal's menu (or several meals of one event).

    Raises:
        NotFound: none of them exists.
    """
    found = session.execute(select(MenuItem.id, MenuItem.meal_id, Meal.event_id).join(Meal, Meal.id == MenuItem.meal_id)
                            .where(MenuItem.id.in_(list(dish_ids)))).all()
    if not found:
        raise NotFound("找不到要删除的菜品，可能已被删除。")
    event_id = found[0][2]
    lock_roster(session, event_id)
    ids = [i for i, _, e in found if e == event_id]
    session.execute(delete(MenuItem).where(MenuItem.id.in_(ids)))
    session.commit()
    return Outcome(catering_changes(event_id, {m for _, m, _ in found}, ids), ids)
