"""The arrival desk domain (报到) as the registry sees it: its overview line (arrived against expected), its
problems as of today, its read model, the passes document and its labels. Duplicating an event copies
nothing of it: check-ins record what happened at one event's desk and never carry over (``copy`` is None,
so the status bar does not list it)."""

from datetime import date

from sqlmodel import Session

from rdplanner.arrival.document_specs import DOCUMENTS
from rdplanner.arrival.handover import HANDOVER, PASS_KINDS
from rdplanner.domain import Domain, OverviewLine


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.arrival.read import arrival_figures, load_arrivals

    total = arrival_figures(load_arrivals(session, event_id).rows).total
    return (OverviewLine("报到", f"报到 {total.arrived}/{total.expected} 人"),)


def arrival_findings(session: Session, event_id: int, today: date | None = None):
    """The desk's problems of the event as of ``today`` (None: the computer's date)."""
    from rdplanner.arrival.problems import arrival_problems
    from rdplanner.arrival.read import load_arrivals

    return arrival_problems(load_arrivals(session, event_id), today or date.today())


def _read(session: Session, event_id: int):
    from rdplanner.arrival.read import load_arrivals

    return load_arrivals(session, event_id)


DOMAIN = Domain(key="arrival", title="报到", overview=_overview, problems=arrival_findings, read=_read,
                documents=DOCUMENTS, labels={"handover": HANDOVER, "pass_kinds": PASS_KINDS})
