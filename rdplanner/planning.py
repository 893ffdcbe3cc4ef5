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
from rdplanner.events.service import EventRow, copy_event_record, get_event
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
    return tuple(p for d in DOMAINS if d.problems is not None for p in d.problems(session, event_id))


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
