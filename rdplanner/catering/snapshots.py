"""Catering's part of the undo protocol (rdplanner.undo), keyed by event: its meals with their menus
(rdplanner.table_state), compared and restored exactly (only the version moves on), under the event's
lock (store.lock_roster) that every catering service takes. A meal's programme item deleted since is
left empty."""

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.catering.service import catering_changes
from rdplanner.models import Event, Meal, MenuItem, Sitting
from rdplanner.store import lock_roster
from rdplanner.table_state import Scope, TableState, put_back, take
from rdplanner.undo import Restored

MEALS, DISHES, SITTINGS = Meal.__table__, MenuItem.__table__, Sitting.__table__

SCOPES = (
    Scope(MEALS, lambda key: MEALS.c.event_id == key, {"sitting_id": SITTINGS}),
    Scope(DISHES, lambda key: DISHES.c.meal_id.in_(select(MEALS.c.id).where(MEALS.c.event_id == key)),
          {"meal_id": MEALS}),
)


class CateringSnapshots:
    """The undo protocol for one event's catering (key: the event id)."""

    domain = "catering"

    def take(self, session: Session, key: int) -> TableState:
        return take(session, SCOPES, key)

    def lock(self, session: Session, key: int) -> None:
        lock_roster(session, key)

    def restore(self, session: Session, key: int, state: TableState) -> Restored:
        done = put_back(session, SCOPES, state, what="用餐安排")
        return Restored(catering_changes(key, done.touched.get("meal", ()), done.touched.get("menuitem", ())),
                        done.skipped)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(Event.name).where(Event.id == key))
        return f"活动“{name}”的用餐安排" if name else "用餐安排"


CATERING = CateringSnapshots()
