"""The readiness domain (工作任务、应急预案、复盘) as the registry sees it: its overview lines, what
duplicating an event copies (tasks reset to 未开始, contingency plans) and its read model."""

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.domain import CopyContext, Domain, OverviewLine
from rdplanner.labels import PHASES, RISKS, TASK_STATUSES


def tasks_by_phase(session: Session, event_id: int) -> tuple[tuple[str, int, int], ...]:
    """(phase, done, total) for 会前, 会中, 会后 (and any other phase stored), in that order."""
    from rdplanner.models import Task as t

    phases = {phase: [0, 0] for phase in PHASES}
    query = select(t.phase, t.status, func.count()).where(t.event_id == event_id).group_by(t.phase, t.status)
    for phase, status, count in session.execute(query):
        phases.setdefault(phase, [0, 0])[1] += count
        phases[phase][0] += count if status == "done" else 0
    return tuple((phase, done, total) for phase, (done, total) in phases.items())


def carried_reviews(session: Session, event_id: int) -> int:
    """How many improvement points the review of the meeting this one follows on from raised."""
    from rdplanner.models import Event, ReviewNote

    previous = session.scalar(select(Event.previous_event_id).where(Event.id == event_id))
    if previous is None:
        return 0
    return session.scalar(select(func.count()).select_from(ReviewNote).where(
        ReviewNote.event_id == previous, ReviewNote.kind == "improve")) or 0


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.models import ContingencyPlan

    tasks = "，".join(f"{PHASES.get(p, p)} {done}/{total}" for p, done, total in tasks_by_phase(session, event_id))
    plans = session.scalar(select(func.count()).select_from(ContingencyPlan).where(
        ContingencyPlan.event_id == event_id)) or 0
    carried = carried_reviews(session, event_id)
    return (OverviewLine("工作任务", f"已完成：{tasks}"), OverviewLine("应急预案", f"{plans} 项"),
            OverviewLine("复盘改进", f"上次活动复盘提出的改进事项 {carried} 条，请在本次落实" if carried
                         else "无上次活动的复盘改进事项"))


def _copy(session: Session, context: CopyContext) -> None:
    from rdplanner.models import ContingencyPlan, Task
    from rdplanner.store import copy_event_rows

    context.ids["task"] = copy_event_rows(session, Task, context.source_id, context.target_id,
                                          {"status": "todo", "done_at": None})
    context.ids["contingency"] = copy_event_rows(session, ContingencyPlan, context.source_id, context.target_id)


def _read(session: Session, event_id: int):
    from rdplanner.models import Event
    from rdplanner.readiness.read import load_contingencies, load_review_notes, load_tasks

    previous = session.scalar(select(Event.previous_event_id).where(Event.id == event_id))
    return (load_tasks(session, event_id), load_contingencies(session, event_id),
            load_review_notes(session, tuple(i for i in (event_id, previous) if i)))


DOMAIN = Domain(key="readiness", title="任务", overview=_overview, copy=_copy,
                copies="工作任务（状态重置为未开始）、应急预案", read=_read,
                labels={"phases": PHASES, "task_statuses": TASK_STATUSES, "risks": RISKS})
