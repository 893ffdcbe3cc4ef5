"""The budget domain (经费) as the registry sees it: the budget line of the overview (against the
standard's ceiling), what duplicating an event copies (the budget lines without actuals), its read model."""

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.domain import CopyContext, Domain, OverviewLine
from rdplanner.labels import BUDGET_CATEGORIES


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.budget.money import ceiling_fen, yuan_text
    from rdplanner.budget.standards import load_standards
    from rdplanner.errors import RdplannerError
    from rdplanner.models import BudgetLine, Event, Participation

    event = session.get(Event, event_id)
    planned, actual = session.execute(select(
        func.coalesce(func.sum(BudgetLine.planned_fen), 0), func.coalesce(func.sum(BudgetLine.actual_fen), 0)
    ).where(BudgetLine.event_id == event_id)).one()
    people = session.scalar(select(func.count()).select_from(Participation).where(
        Participation.event_id == event_id)) or 0
    text = f"预算 {yuan_text(int(planned))}" + (f"，决算 {yuan_text(int(actual))}" if actual else "")
    try:
        _, standards = load_standards()
    except RdplannerError as exc:
        return (OverviewLine("经费", f"{text}（{exc}）"),)
    standard = standards.get(event.expense_category)
    if standard is None or not people:
        return (OverviewLine("经费", text),)
    days = (event.end_date - event.start_date).days + 1
    ceiling = ceiling_fen(standard.total, people, days)
    over = int(planned) > ceiling
    verdict = "超出标准，请压减" if over else "在标准以内"
    return (OverviewLine("经费", f"{text}；标准上限 {yuan_text(ceiling)}（{people} 人 × {days} 天 × "
                                 f"{standard.total} 元），{verdict}", alert=over),)


def _copy(session: Session, context: CopyContext) -> None:
    from rdplanner.models import BudgetLine
    from rdplanner.store import copy_event_rows

    context.ids["budget_line"] = copy_event_rows(session, BudgetLine, context.source_id, context.target_id,
                                                 {"actual_fen": None})


def _read(session: Session, event_id: int):
    from rdplanner.budget.read import load_budget

    return load_budget(session, event_id)


DOMAIN = Domain(key="budget", title="经费", overview=_overview, copy=_copy, copies="经费预算（不含决算）",
                read=_read, labels={"budget_categories": BUDGET_CATEGORIES})
