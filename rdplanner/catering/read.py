"""Read models of meals and their menus."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.models import Meal, MenuItem
from rdplanner.readmodels import load_rows


@dataclass(frozen=True, slots=True)
class MealRow:
    id: int
    meal_date: date
    kind: str
    style: str
    place: str
    planned_count: int
    standard_fen: int
    menu: tuple[str, ...] = ()


def load_meals(session: Session, event_id: int) -> tuple[MealRow, ...]:
    meals = load_rows(session, MealRow, select(
        Meal.id, Meal.meal_date, Meal.kind, Meal.style, Meal.place, Meal.planned_count, Meal.standard_fen
    ).where(Meal.event_id == event_id).order_by(Meal.meal_date, Meal.id))
    dishes: dict[int, list[str]] = defaultdict(list)
    for meal_id, name in session.execute(
        select(MenuItem.meal_id, MenuItem.name)
        .join(Meal, Meal.id == MenuItem.meal_id)
        .where(Meal.event_id == event_id)
        .order_by(MenuItem.meal_id, MenuItem.sort_order)
    ):
        dishes[meal_id].append(name)
    return tuple(replace(meal, menu=tuple(dishes[meal.id])) for meal in meals)
