"""Read models of the budget (预算) and its actuals (决算)."""

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.labels import BUDGET_CATEGORIES
from rdplanner.models import BudgetLine
from rdplanner.readmodels import load_rows


@dataclass(frozen=True, slots=True)
class BudgetRow:
    id: int
    category: str
    item: str
    unit_price_fen: int
    quantity: float
    days: float
    planned_fen: int
    actual_fen: Optional[int]
    version: int

    @property
    def category_label(self) -> str:
        return BUDGET_CATEGORIES.get(self.category, self.category)


def load_budget(session: Session, event_id: int) -> tuple[BudgetRow, ...]:
    b = BudgetLine
    query = select(
        b.id, b.category, b.item, b.unit_price_fen, b.quantity, b.days, b.planned_fen, b.actual_fen, b.version
    ).where(b.event_id == event_id).order_by(b.sort_order, b.id)
    return load_rows(session, BudgetRow, query)
