"""The catering domain (用餐) as the registry sees it: its overview line, what duplicating an event
copies (the meals with their menus, on the new dates), its problems, its documents, its read model and
moving its meals with the event's dates."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.catering.document_specs import DOCUMENTS
from rdplanner.catering.kinds import APPLIES_TO, MEAL_KINDS, MEAL_STYLES
from rdplanner.changes import Changes
from rdplanner.domain import CopyContext, Domain, OverviewLine


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.models import Meal

    meals = session.scalar(select(func.count()).select_from(Meal).where(Meal.event_id == event_id)) or 0
    return (OverviewLine("用餐", f"{meals} 餐"),)


def _copy(session: Session, context: CopyContext) -> None:
    """The meals moved by the days between the two events' opening days, attached to the copied
    programme items, with their menus; the headcount adjustments are not copied (their reasons were
    this event's)."""
    from rdplanner.models import Event, Meal, MenuItem
    from rdplanner.store import column_values

    source, target = session.get(Event, context.source_id), session.get(Event, context.target_id)
    delta = target.start_date - source.start_date
    sittings = context.ids.get("sitting", {})
    rows = session.scalars(select(Meal).where(Meal.event_id == source.id).order_by(Meal.id)).all()
    copies = [Meal(**column_values(r, exclude={"id", "version"}) | {
        "event_id": target.id, "meal_date": r.meal_date + delta, "sitting_id": sittings.get(r.sitting_id),
        "adjustment": 0, "adjustment_reason": ""}) for r in rows]
    session.add_all(copies)
    session.flush()
    meals = {row.id: copy.id for row, copy in zip(rows, copies, strict=True)}
    context.ids["meal"] = meals
    items = session.scalars(select(MenuItem).where(MenuItem.meal_id.in_(meals)).order_by(MenuItem.id)).all()
    session.add_all(MenuItem(**column_values(item, exclude={"id", "version"}) | {"meal_id": meals[item.meal_id]})
                    for item in items)


def _problems(session: Session, event_id: int):
    from rdplanner.catering.problems import catering_problems
    from rdplanner.catering.read import load_catering

    return catering_problems(load_catering(session, event_id))


def _read(session: Session, event_id: int):
    from rdplanner.catering.read import load_meals

    return load_meals(session, event_id)


def _shift(session: Session, event_id: int, delta: timedelta) -> Changes:
    from rdplanner.catering.service import catering_changes
    from rdplanner.models import Meal

    moved = []
    for meal in session.scalars(select(Meal).where(Meal.event_id == event_id)):
        meal.meal_date = meal.meal_date + delta
        meal.version += 1
        moved.append(meal.id)
    session.flush()
    return catering_changes(event_id, moved) if moved else Changes()


DOMAIN = Domain(key="catering", title="用餐", overview=_overview, copy=_copy, copies="用餐安排及菜单（按新日期顺延）",
                problems=_problems, read=_read, documents=DOCUMENTS, shift=_shift, shifts="用餐安排",
                labels={"meal_kinds": MEAL_KINDS, "meal_styles": MEAL_STYLES, "word_scopes": APPLIES_TO})
