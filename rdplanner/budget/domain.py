"""The budget domain (经费) as the registry sees it: the budget line of the overview (against the
standard's ceiling), what duplicating an event copies (the budget lines without actuals), its 俭 problems
(rdplanner.budget.frugality) and its read model."""

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.domain import CopyContext, Domain, OverviewLine
from rdplanner.labels import BUDGET_CATEGORIES


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.budget.frugality import budget_text, load_meeting
    from rdplanner.models import BudgetLine

    meeting = load_meeting(session, event_id)
    actual = session.scalar(select(func.coalesce(func.sum(BudgetLine.actual_fen), 0))
                            .where(BudgetLine.event_id == event_id))
    shown = budget_text(meeting.category, meeting.days, meeting.people, meeting.planned_fen, int(actual or 0))
    return (OverviewLine("经费", shown.text, alert=shown.is_over),)


def _problems(session: Session, event_id: int):
    from rdplanner.budget.frugality import frugality_problems

    return frugality_problems(session, event_id)


def _copy(session: Session, context: CopyContext) -> None:
    from rdplanner.models import BudgetLine
    from rdplanner.store import copy_event_rows

    context.ids["budget_line"] = copy_event_rows(session, BudgetLine, context.source_id, context.target_id,
                                                 {"actual_fen": None})


def _read(session: Session, event_id: int):
    from rdplanner.budget.read import load_budget

    return load_budget(session, event_id)


DOMAIN = Domain(key="budget", title="经费", overview=_overview, copy=_copy, copies="经费预算（不含决算）",
                problems=_problems, read=_read, labels={"budget_categories": BUDGET_CATEGORIES})
