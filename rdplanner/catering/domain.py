"""The catering domain (用餐) as the registry sees it: its overview line, what duplicating an event
copies (the meals with their menus) and its read model."""

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.domain import CopyContext, Domain, OverviewLine
from rdplanner.labels import MEAL_KINDS, MEAL_STYLES


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.models import Meal

    meals = session.scalar(select(func.count()).select_from(Meal).where(Meal.event_id == event_id)) or 0
    return (OverviewLine("用餐", f"{meals} 餐"),)


def _copy(session: Session, context: CopyContext) -> None:
    from rdplanner.models import Meal, MenuItem
    from rdplanner.store import column_values, copy_event_rows

    meals = copy_event_rows(session, Meal, context.source_id, context.target_id)
    context.ids["meal"] = meals
    items = session.scalars(select(MenuItem).where(MenuItem.meal_id.in_(meals)).order_by(MenuItem.id)).all()
    session.add_all(MenuItem(**column_values(item, exclude={"id"}) | {"meal_id": meals[item.meal_id]})
                    for item in items)


def _read(session: Session, event_id: int):
    from rdplanner.catering.read import load_meals

    return load_meals(session, event_id)


DOMAIN = Domain(key="catering", title="用餐", overview=_overview, copy=_copy, copies="用餐安排及菜单",
                read=_read, labels={"meal_kinds": MEAL_KINDS, "meal_styles": MEAL_STYLES})
