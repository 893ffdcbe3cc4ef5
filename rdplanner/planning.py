"""An event's plans across every registered domain: the overview, duplicating an event, the problems,
all read models at once, and writing any domain's document. Iterates rdplanner.registry and names no domain.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.domain import CopyContext, OverviewLine
from rdplanner.errors import InvalidInput
from rdplanner.events.service import EventDraft, EventRow, copy_event_record, get_event, write_event
from rdplanner.models import Event
from rdplanner.store import get_or_raise, lock_roster
from rdplanner.readmodels import shared_reads
from rdplanner.problems import Problem
from rdplanner.registry import DOMAINS, documents


@dataclass(frozen=True)
class EventPlans:
    """Every plan of one event as plain data: the event and each domain's read model by domain key."""

    event: EventRow
    by_domain: dict[str, Any]


def load_event_plans(session: Session, event_id: int) -> EventPlans:
    """Load the event and every domain's read model of it. Raises NotFound if the event is gone."""
    event = get_event(session, event_id)
    return EventPlans(event, {d.key: d.read(session, event_id) for d in DOMAINS if d.read is not None})


def load_overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    """The overview lines of every domain, in registry order. Raises NotFound if the event is gone."""
    get_event(session, event_id)
    return tuple(line for d in DOMAINS if d.overview is not None for line in d.overview(session, event_id))


def event_problems(session: Session, event_id: int) -> tuple[Problem, ...]:
    """Every domain's problems with the event, in registry order. Raises NotFound if the event is gone."""
    get_event(session, event_id)
    with shared_reads(session):
        return tuple(p for d in DOMAINS if d.problems is not None for p in d.problems(session, event_id))


def save_event(session: Session, *, event_id: int, expected_version: int, draft: EventDraft) -> Outcome:
    """Save an edit of the event; when its opening day moves, every domain's dated plans (the programme,
    trips …) move with it by the same number of days, in the same transaction. ``value`` is the number
    of days moved (0 when the opening day stayed).

    Raises:
        InvalidInput, StaleEdit or NotFound; nothing is saved then.
    """
    lock_roster(session, event_id)
    before = get_or_raise(session, Event, event_id, "活动").start_date
    outcome = write_event(session, event_id=event_id, expected_version=expected_version, draft=draft)
    delta = draft.start_date - before
    changes = outcome.changes
    if delta:
        for entry in DOMAINS:
            if entry.shift is not None:
                changes = changes | entry.shift(session, event_id, delta)
    session.commit()
    return Outcome(changes, delta.days)


def shifted_plans() -> str:
    """What moving an event's opening day moves with it, as the editor says it."""
    return "、".join(d.shifts for d in DOMAINS if d.shift is not None and d.shifts)


def copied_plans() -> str:
    """What duplicating an event copies, as the status bar says it."""
    return "、".join(d.copies for d in DOMAINS if d.copy is not None and d.copies)


def duplicate_event(session: Session, *, event_id: int, name: Optional[str] = None) -> Outcome:
    """Copy an event as the starting point of the next one: the event, then each domain's plans (see
    ``copied_plans``); ``value`` is the new event's id. The copy points back to the original
    (``previous_event_id``) so its review notes carry over.
    """
    target = copy_event_record(session, event_id=event_id, name=name)
    context = CopyContext(event_id, target)
    for entry in DOMAINS:
        if entry.copy is not None:
            entry.copy(session, context)
    session.commit()
    return Outcome(Changes(event_ids=frozenset({target}), events_list=True), target)


def write_document(session: Session, *, kind: str, event_id: int, path: Path,
                   progress: Callable[[float], None] | None = None, cancelled: Callable[[], bool] | None = None,
                   **options: Any) -> Path:
    """Write the document ``kind`` of the event to ``path``; the writer takes only what it declares.

    Raises:
        InvalidInput: an unknown kind, or a file type the kind cannot write.
    """
    document = documents().get(kind)
    if document is None:
        raise InvalidInput(f"没有“{kind}”这种文档。", field="kind")
    if Path(path).suffix.lower() not in document.suffixes:
        raise InvalidInput(f"{document.title}只能导出为 {' 或 '.join(document.suffixes)} 文件，"
                           f"不能导出为“{Path(path).name}”。", field="path", path=str(path))
    writer = document.writer()
    accepted = inspect.signature(writer).parameters
    extra = {k: v for k, v in (("progress", progress), ("cancelled", cancelled)) if v is not None and k in accepted}
    return writer(session, event_id=event_id, path=Path(path), **options, **extra)
