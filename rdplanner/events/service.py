"""Event services: read, create, edit (optimistic locking) and delete events, and copy an event's record.

A leaf every domain may import; it knows no domain (duplicating the plans is rdplanner.planning's)."""

from dataclasses import dataclass, replace
from datetime import date
from typing import Optional

from sqlalchemy import delete, func, or_, select
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.clock import utc_now
from rdplanner.errors import InvalidInput
from rdplanner.labels import EVENT_STATUSES, EVENT_TYPES, EXPENSE_CATEGORIES
from rdplanner.models import (
    Event,
    Participation,
    Venue,
)
from rdplanner.store import column_values, get_or_raise, versioned_update
from rdplanner.text import INVISIBLE

MAX_NAME = 200


@dataclass(frozen=True)
class EventDraft:
    """What the user fills in for an event; validated by ``validate_draft``."""

    name: str
    event_type: str
    start_date: date
    end_date: date
    venue_name: str = ""
    expense_category: int = 2
    organiser: str = ""
    status: str = "planning"
    notes: str = ""


@dataclass(frozen=True)
class EventRow:
    """An event as the UI shows it (plain data, safe after the session closes)."""

    id: int
    name: str
    event_type: str
    start_date: date
    end_date: date
    venue_name: str
    expense_category: int
    organiser: str
    status: str
    notes: str
    is_demo: bool
    version: int
    participant_count: int = 0

    @property
    def type_label(self) -> str:
        return EVENT_TYPES.get(self.event_type, self.event_type)

    @property
    def status_label(self) -> str:
        return EVENT_STATUSES.get(self.status, self.status)

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def dates_text(self) -> str:
        """Return the dates as the office writes them, e.g. 2026年12月3日—4日."""
        start, end = self.start_date, self.end_date
        first = f"{start.year}年{start.month}月{start.day}日"
        if start == end:
            return first
        if start.year != end.year:
            return f"{first}—{end.year}年{end.month}月{end.day}日"
        if start.month != end.month:
            return f"{first}—{end.month}月{end.day}日"
        return f"{first}—{end.day}日"

    def to_draft(self) -> EventDraft:
        return EventDraft(
            name=self.name,
            event_type=self.event_type,
            start_date=self.start_date,
            end_date=self.end_date,
            venue_name=self.venue_name,
            expense_category=self.expense_category,
            organiser=self.organiser,
            status=self.status,
            notes=self.notes,
        )


def validate_draft(draft: EventDraft) -> EventDraft:
    """Return the draft with trimmed text (invisible and control characters removed), or raise
    InvalidInput naming the field."""
    draft = replace(draft, **{f: getattr(draft, f).translate(INVISIBLE)
                              for f in ("name", "venue_name", "organiser", "notes")})
    name = " ".join(draft.name.split())
    if not name:
        raise InvalidInput("请填写活动名称。", field="name")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"活动名称过长（{len(name)} 字），最多 {MAX_NAME} 字。", field="name")
    for field, label, value in (("venue_name", "会议地点", draft.venue_name), ("organiser", "主办单位", draft.organiser)):
        if len(value.strip()) > MAX_NAME:
            raise InvalidInput(f"{label}过长（{len(value.strip())} 字），最多 {MAX_NAME} 字。", field=field)
    if draft.event_type not in EVENT_TYPES:
        raise InvalidInput(f"未知的活动类型：{draft.event_type}", field="event_type")
    if draft.end_date < draft.start_date:
        raise InvalidInput("结束日期早于开始日期，请检查。", field="end_date")
    if draft.expense_category not in EXPENSE_CATEGORIES:
        raise InvalidInput("会议费类别应为一类至四类之一。", field="expense_category")
    if draft.status not in EVENT_STATUSES:
        raise InvalidInput(f"未知的活动状态：{draft.status}", field="status")
    return replace(
        draft,
        name=name,
        venue_name=" ".join(draft.venue_name.split()),
        organiser=draft.organiser.strip(),
        notes=draft.notes.strip(),
    )


def list_events(session: Session, *, search: str = "") -> list[EventRow]:
    """Return the events, newest first, whose name, venue or organiser contains ``search``."""
    query = _row_query()
    words = search.split()
    for word in words:
        needle = word.lower()
        query = query.where(or_(*(
            func.lower(column).contains(needle, autoescape=True)
            for column in (Event.name, Venue.name, Event.organiser)
        )))
    query = query.order_by(Event.start_date.desc(), Event.id.desc())
    return [_to_row(r) for r in session.execute(query)]


def get_event(session: Session, event_id: int) -> EventRow:
    """Return one event. Raises NotFound if it was deleted."""
    get_or_raise(session, Event, event_id, "活动")
    return _to_row(session.execute(_row_query().where(Event.id == event_id)).one())


def list_venue_names(session: Session) -> list[str]:
    return list(session.scalars(select(Venue.name).order_by(Venue.name)))


def create_event(session: Session, *, draft: EventDraft) -> Outcome:
    """Create an event from a validated draft; ``value`` is its id."""
    draft = validate_draft(draft)
    event = Event(**_event_values(session, draft))
    session.add(event)
    session.commit()
    return Outcome(Changes(event_ids=frozenset({event.id}), events_list=True), event.id)


def update_event(
    session: Session, *, event_id: int, expected_version: int, draft: EventDraft
) -> Outcome:
    """Save the user's edit unless someone else saved the event since it was opened.

    Raises:
        InvalidInput, StaleEdit or NotFound; nothing is saved then.
    """
    outcome = write_event(session, event_id=event_id, expected_version=expected_version, draft=draft)
    session.commit()
    return outcome


def write_event(session: Session, *, event_id: int, expected_version: int, draft: EventDraft) -> Outcome:
    """``update_event`` without the commit (rdplanner.planning.save_event moves the plans with it).

    Raises:
        InvalidInput, StaleEdit or NotFound.
    """
    draft = validate_draft(draft)
    values = _event_values(session, draft)
    values["updated_at"] = utc_now()
    versioned_update(
        session, Event, event_id, expected_version=expected_version, values=values, what="活动"
    )
    return Outcome(Changes(event_ids=frozenset({event_id}), events_list=True))


def delete_event(session: Session, *, event_id: int) -> Outcome:
    """Delete an event and every plan that belongs to it (people stay in the directory)."""
    get_or_raise(session, Event, event_id, "活动")
    session.execute(delete(Event).where(Event.id == event_id))
    session.commit()
    return Outcome(Changes(deleted_event_ids=frozenset({event_id}), events_list=True))


def copy_event_record(session: Session, *, event_id: int, name: Optional[str] = None) -> int:
    """Add a copy of the event record (not its plans: rdplanner.planning.duplicate_event copies those) as a
    new planning event that points back to its source; return its id. Does not commit.

    Raises:
        NotFound: the source is gone. InvalidInput: a ``name`` validate_draft would refuse.
    """
    source = get_or_raise(session, Event, event_id, "活动")
    if name is not None:
        name = validate_draft(replace(_draft_of(source), name=name)).name
    copy = Event(**column_values(source, exclude={"id", "created_at", "updated_at", "version", "is_demo"}))
    copy.name = name or _copy_name(source.name)
    copy.status = "planning"
    copy.previous_event_id = source.id
    session.add(copy)
    session.flush()
    return copy.id


def _draft_of(event: Event) -> EventDraft:
    return EventDraft(name=event.name, event_type=event.event_type, start_date=event.start_date,
                      end_date=event.end_date, expense_category=event.expense_category, status=event.status)


def _copy_name(name: str) -> str:
    suffix = "（副本）"
    return (name[: MAX_NAME - len(suffix)] + suffix) if not name.endswith(suffix) else name


def _event_values(session: Session, draft: EventDraft) -> dict:
    return {
        "name": draft.name,
        "event_type": draft.event_type,
        "start_date": draft.start_date,
        "end_date": draft.end_date,
        "venue_id": venue_id_for(session, draft.venue_name),
        "expense_category": draft.expense_category,
        "organiser": draft.organiser,
        "status": draft.status,
        "notes": draft.notes,
    }


def venue_id_for(session: Session, venue_name: str) -> Optional[int]:
    if not venue_name:
        return None
    venue_id = session.scalar(select(Venue.id).where(Venue.name == venue_name))
    if venue_id is None:
        venue = Venue(name=venue_name)
        session.add(venue)
        session.flush()
        venue_id = venue.id
    return venue_id


def _row_query():
    participants = (
        select(func.count(Participation.id))
        .where(Participation.event_id == Event.id)
        .correlate(Event)
        .scalar_subquery()
    )
    return select(
        Event.id,
        Event.name,
        Event.event_type,
        Event.start_date,
        Event.end_date,
        func.coalesce(Venue.name, ""),
        Event.expense_category,
        Event.organiser,
        Event.status,
        Event.notes,
        Event.is_demo,
        Event.version,
        participants,
    ).outerjoin(Venue, Venue.id == Event.venue_id)


def _to_row(r) -> EventRow:
    return EventRow(*r)
