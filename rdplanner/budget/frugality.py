"""The 俭 rules over the expense standards: the budget ceiling, the duration and the size limits.

Each rule reports Problems (dimension 俭); the texts the event page shows are built here too, from the
same checks, so the page does no arithmetic and knows no rule.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.budget.money import ceiling_fen, yuan_text
from rdplanner.budget.standards import STANDARDS_FILE, ExpenseStandard, load_standards
from rdplanner.errors import NotFound, RdplannerError
from rdplanner.labels import EXPENSE_CATEGORIES
from rdplanner.models import BudgetLine, Event, Participation
from rdplanner.problems import ERROR, FRUGAL, WARNING, ItemRef, Problem

DOMAIN = "budget"
OVER_CEILING = "over_budget_ceiling"
OVER_MAX_DAYS = "over_max_days"
OVER_MAX_PARTICIPANTS = "over_max_participants"
NO_STANDARD = "no_expense_standard"
CODES = (OVER_CEILING, OVER_MAX_DAYS, OVER_MAX_PARTICIPANTS, NO_STANDARD)
ASK_TO_CHECK = "请核对会议类别或报批"


@dataclass(frozen=True, slots=True)
class Meeting:
    """The figures the 俭 rules check, as plain values (the editor passes its unsaved form)."""

    event_id: int
    name: str
    category: int
    days: int
    people: int
    planned_fen: int = 0


@dataclass(frozen=True, slots=True)
class FormTexts:
    """What the event form shows under the category: the standard and any limit exceeded ("" if none)."""

    standard_hint: str
    limit_warning: str


@dataclass(frozen=True, slots=True)
class BudgetText:
    """The overview's money line and whether the plan is over the standard's ceiling."""

    text: str
    is_over: bool


def meeting_days(start: date, end: date) -> int:
    """Return the days a meeting lasts, both ends counted (16–17 December is 2 days)."""
    return (end - start).days + 1


def budget_ceiling(standard: ExpenseStandard, people: int, days: int) -> int | None:
    """Return the ceiling in fen (people × days × the category's total quota), or None for nobody."""
    return ceiling_fen(standard.total, people, days) if people > 0 else None


def _is_over(planned_fen: int, ceiling: int | None) -> bool:
    return ceiling is not None and planned_fen > ceiling  # exactly at the ceiling is within it


def _event_ref(meeting: Meeting) -> tuple[ItemRef, ...]:
    return (ItemRef("events", "event", meeting.event_id),)


def _problem(meeting: Meeting, code: str, message: str, severity: str) -> Problem:
    return Problem(code, message, _event_ref(meeting), severity, FRUGAL, DOMAIN)


def _ceiling_figures(standard: ExpenseStandard, people: int, days: int, ceiling: int) -> str:
    return f"{yuan_text(ceiling)}（{people} 人 × {days} 天 × {standard.total} 元）"


def ceiling_problems(meeting: Meeting, standard: ExpenseStandard) -> tuple[Problem, ...]:
    """Report a planned budget above the ceiling; one fen over is over, exactly at the ceiling is not."""
    ceiling = budget_ceiling(standard, meeting.people, meeting.days)
    if not _is_over(meeting.planned_fen, ceiling):
        return ()
    figures = _ceiling_figures(standard, meeting.people, meeting.days, ceiling)
    message = (f"“{meeting.name}”预算 {yuan_text(meeting.planned_fen)}，超出{standard.label}会议开支标准"
               f"上限 {figures}，请压减。")
    return (_problem(meeting, OVER_CEILING, message, ERROR),)


def _duration_clause(standard: ExpenseStandard, days: int) -> str | None:
    if standard.max_days and days > standard.max_days:
        return f"会期 {days} 天，超过{standard.label}会议不超过 {standard.max_days} 天的规定"
    return None


def _size_clause(standard: ExpenseStandard, people: int) -> str | None:
    if standard.max_participants and people > standard.max_participants:
        return f"参会 {people} 人，超过{standard.label}会议不超过 {standard.max_participants} 人的规定"
    return None


def _limit_problem(meeting: Meeting, code: str, clause: str | None) -> tuple[Problem, ...]:
    if clause is None:
        return ()
    return (_problem(meeting, code, f"“{meeting.name}”{clause}，{ASK_TO_CHECK}。", WARNING),)


def duration_problems(meeting: Meeting, standard: ExpenseStandard) -> tuple[Problem, ...]:
    """Report a meeting longer than its category allows (a limit of 0 means the standard sets none)."""
    return _limit_problem(meeting, OVER_MAX_DAYS, _duration_clause(standard, meeting.days))


def size_problems(meeting: Meeting, standard: ExpenseStandard) -> tuple[Problem, ...]:
    """Report more participants than the category allows (a limit of 0 means the standard sets none)."""
    return _limit_problem(meeting, OVER_MAX_PARTICIPANTS, _size_clause(standard, meeting.people))


def _category_label(category: int) -> str:
    return EXPENSE_CATEGORIES.get(category, f"第 {category} 类")


def check_meeting(meeting: Meeting, standards: Mapping[int, ExpenseStandard]) -> tuple[Problem, ...]:
    """Run every 俭 rule on the meeting; a category without a standard is one warning instead."""
    standard = standards.get(meeting.category)
    if standard is None:
        message = (f"开支标准文件中没有{_category_label(meeting.category)}会议的标准，"
                   f"无法核对“{meeting.name}”的经费上限、会期和人数。")
        return (_problem(meeting, NO_STANDARD, message, WARNING),)
    return (ceiling_problems(meeting, standard) + duration_problems(meeting, standard)
            + size_problems(meeting, standard))


def load_meeting(session: Session, event_id: int) -> Meeting:
    """Read the saved figures of one event. Raises NotFound if it was deleted."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"找不到该活动（编号 {event_id}），可能已被删除。")
    people = session.scalar(select(func.count(Participation.id)).where(Participation.event_id == event_id))
    planned = session.scalar(select(func.coalesce(func.sum(BudgetLine.planned_fen), 0))
                             .where(BudgetLine.event_id == event_id))
    days = meeting_days(event.start_date, event.end_date)
    return Meeting(event_id, event.name, event.expense_category, days, int(people or 0), int(planned or 0))


def frugality_problems(
    session: Session, event_id: int, *, path: Path = STANDARDS_FILE
) -> tuple[Problem, ...]:
    """Return the event's 俭 problems as saved.

    Raises:
        NotFound if the event was deleted; RdplannerError naming the file if the standards cannot be read.
    """
    _, standards = load_standards(path)
    return check_meeting(load_meeting(session, event_id), standards)


def form_texts(category: int, days: int, people: int, *, path: Path = STANDARDS_FILE) -> FormTexts:
    """Return the standard of ``category`` and the duration and size limits the given figures exceed."""
    try:
        source, standards = load_standards(path)
    except RdplannerError as exc:
        return FormTexts(str(exc), "")
    standard = standards.get(category)
    if standard is None:
        return FormTexts("开支标准文件中没有该类别。", "")
    hint = f"开支标准 {standard.summary()}。依据{source}；本地标准不同时，请技术人员修改程序的开支标准文件。"
    clauses = [c for c in (_duration_clause(standard, days), _size_clause(standard, people)) if c]
    return FormTexts(hint, "；".join(clauses) + f"。{ASK_TO_CHECK}。" if clauses else "")


def budget_text(category: int, days: int, people: int, planned_fen: int, actual_fen: int, *,
                path: Path = STANDARDS_FILE) -> BudgetText:
    """Return the overview's money line: budget, actuals, and the ceiling with its verdict when known."""
    text = f"预算 {yuan_text(planned_fen)}"
    if actual_fen:
        text += f"，决算 {yuan_text(actual_fen)}"
    try:
        _, standards = load_standards(path)
    except RdplannerError as exc:
        return BudgetText(f"{text}（{exc}）", False)
    standard = standards.get(category)
    ceiling = budget_ceiling(standard, people, days) if standard else None
    if ceiling is None:
        return BudgetText(text, False)
    over = _is_over(planned_fen, ceiling)
    verdict = "超出标准，请压减" if over else "在标准以内"
    figures = _ceiling_figures(standard, people, days, ceiling)
    return BudgetText(f"{text}；标准上限 {figures}，{verdict}", over)
