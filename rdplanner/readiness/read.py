"""Read models of tasks, contingency plans, incidents and review notes."""

from dataclasses import dataclass
from datetime import date
from typing import Optional

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.models import ContingencyPlan, ReviewNote, Task
from rdplanner.readmodels import load_rows


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: int
    phase: str
    title: str
    standard: str
    owner: str
    due_date: Optional[date]
    status: str
    version: int


@dataclass(frozen=True, slots=True)
class ContingencyRow:
    id: int
    risk: str
    title: str
    trigger: str
    measures: str
    owner: str


@dataclass(frozen=True, slots=True)
class ReviewRow:
    id: int
    event_id: int
    kind: str
    topic: str
    cause: str
    action_next: str


def load_tasks(session: Session, event_id: int) -> tuple[TaskRow, ...]:
    t = Task
    query = select(t.id, t.phase, t.title, t.standard, t.owner, t.due_date, t.status, t.version).where(
        t.event_id == event_id).order_by(t.sort_order, t.id)
    return load_rows(session, TaskRow, query)


def load_contingencies(session: Session, event_id: int) -> tuple[ContingencyRow, ...]:
    c = ContingencyPlan
    query = select(c.id, c.risk, c.title, c.trigger, c.measures, c.owner).where(
        c.event_id == event_id).order_by(c.id)
    return load_rows(session, ContingencyRow, query)


def load_review_notes(session: Session, event_ids: tuple[int, ...]) -> tuple[ReviewRow, ...]:
    """Return the review notes of the given events (an event's own and its predecessor's)."""
    r = ReviewNote
    query = select(r.id, r.event_id, r.kind, r.topic, r.cause, r.action_next).where(
        r.event_id.in_(event_ids)).order_by(r.event_id, r.id)
    return load_rows(session, ReviewRow, query)
