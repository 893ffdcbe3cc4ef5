"""The arrival desk's actions (报到): mark a participant arrived (at the time given, else now), take the
arrival back, tick or untick what was handed over, and correct the time or the notes.

Every action takes the event's lock (store.lock_roster) first, so two desks marking at once on a server
are served one after the other: a person marked by the other desk in between is reported as already
arrived (``Marked.already``), never marked twice, and a tick is read and written under the lock, so
neither desk's tick is lost. Times are the desk's local wall-clock time, like the trips' times.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from rdplanner.arrival.handover import HANDOVER, handed_text, labels_of, parse_handed
from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.models import ArrivalCheckIn, Event, Participation, Person
from rdplanner.store import get_or_raise, lock_roster, versioned_update
from rdplanner.text import clean_text

MAX_NOTES = 200
EARLIEST_DAYS = 30  # a check-in may be dated at most this many days before the event's first day
FUTURE_SLACK = timedelta(minutes=10)  # a desk clock a few minutes ahead is no error


@dataclass(frozen=True)
class Marked:
    """A participant marked arrived: the check-in, its time, and whether they had been marked already
    (by another desk) so that nothing was written."""

    check_in_id: int
    arrived_at: datetime
    already: bool = False


def arrival_changes(event_id: int, participation_ids: Iterable[int]) -> Changes:
    return Changes.of("arrival", event_id, rows=tuple(("participation", p) for p in participation_ids))


def desk_now() -> datetime:
    """The desk's local time to the minute: what a check-in is stamped with by default."""
    return datetime.now().replace(second=0, microsecond=0)


def mark_arrived(session: Session, *, event_id: int, participation_id: int,
                 arrived_at: datetime | None = None, handed: Iterable[str] = (), notes: str = "",
                 now: datetime | None = None) -> Outcome:
    """Mark a participant arrived at ``arrived_at`` (None: now) with what was handed over (item codes).

    Returns Outcome(value=Marked); someone already marked keeps their check-in (``already``).

    Raises:
        InvalidInput: an unknown item, notes too long, a time that is not a local date and time (a
            date alone, a text, a time with a time zone), in the future or long before the event
            (field named), or a participant of another event. NotFound: the event is gone.
    """
    now = now or desk_now()
    codes = _check_codes(handed)
    notes = _check_notes(notes)
    event = get_or_raise(session, Event, event_id, "活动")
    when = _check_time(now if arrived_at is None else arrived_at, event, now)
    lock_roster(session, event_id)
    _participant(session, event_id, participation_id)
    found = _check_in(session, participation_id)
    if found is not None:
        return Outcome(arrival_changes(event_id, [participation_id]),
                       Marked(found.id, found.arrived_at, True))
    row = ArrivalCheckIn(event_id=event_id, participation_id=participation_id, arrived_at=when,
                         handed=handed_text(codes), notes=notes)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # marked by another desk between our check and our write
        session.rollback()
        found = _check_in(session, participation_id)
        if found is None:
            raise
        return Outcome(arrival_changes(event_id, [participation_id]),
                       Marked(found.id, found.arrived_at, True))
    session.commit()
    return Outcome(arrival_changes(event_id, [participation_id]), Marked(row.id, when))


def clear_arrival(session: Session, *, event_id: int, participation_id: int) -> Outcome:
    """Take a participant's arrival back (marked by mistake): their check-in is deleted.

    Raises:
        InvalidInput: they have not been marked arrived. NotFound: the event is gone.
    """
    lock_roster(session, event_id)
    name = _participant(session, event_id, participation_id)
    if _check_in(session, participation_id) is None:
        raise InvalidInput(f"{name}尚未报到，无需取消。", field="participation_id")
    session.execute(delete(ArrivalCheckIn).where(ArrivalCheckIn.participation_id == participation_id))
    session.commit()
    return Outcome(arrival_changes(event_id, [participation_id]))


def set_handed(session: Session, *, event_id: int, participation_id: int, item: str, given: bool) -> Outcome:
    """Tick (``given``) or untick one item handed to an arrived participant.

    Raises:
        InvalidInput: an unknown item, or the participant has not been marked arrived. NotFound.
    """
    _check_codes([item])
    lock_roster(session, event_id)
    name = _participant(session, event_id, participation_id)
    found = _check_in(session, participation_id)
    if found is None:
        raise InvalidInput(f"{name}尚未报到：请先办理报到，再登记已发放的{HANDOVER[item]}。",
                           field="participation_id")
    codes = set(parse_handed(found.handed))
    codes = codes | {item} if given else codes - {item}
    versioned_update(session, ArrivalCheckIn, found.id, expected_version=found.version,
                     values={"handed": handed_text(codes)}, what="报到记录")
    session.commit()
    return Outcome(arrival_changes(event_id, [participation_id]))


def edit_check_in(session: Session, *, check_in_id: int, expected_version: int, arrived_at: datetime,
                  notes: str, now: datetime | None = None) -> Outcome:
    """Correct a check-in's time or notes (optimistic: refused if it changed since ``expected_version``).

    Raises:
        InvalidInput: a time that is not a local date and time, in the future or long before the
            event; notes too long. StaleEdit, NotFound.
    """
    notes = _check_notes(notes)
    check_in = get_or_raise(session, ArrivalCheckIn, check_in_id, "报到记录")
    event_id, participation_id = check_in.event_id, check_in.participation_id
    when = _check_time(arrived_at, get_or_raise(session, Event, event_id, "活动"), now or desk_now())
    lock_roster(session, event_id)
    versioned_update(session, ArrivalCheckIn, check_in_id, expected_version=expected_version,
                     values={"arrived_at": when, "notes": notes}, what="报到记录")
    session.commit()
    return Outcome(arrival_changes(event_id, [participation_id]))


def _check_codes(codes: Iterable[str]) -> tuple[str, ...]:
    codes = tuple(codes)
    unknown = [clean_text(str(c)) for c in codes if not isinstance(c, str) or c not in HANDOVER]
    if unknown:
        raise InvalidInput(f"未知的发放物品：{'、'.join(unknown)}（可选：{labels_of(HANDOVER)}）。", field="handed")
    return codes


def _check_notes(notes: str) -> str:
    """The notes as stored: one line without invisible or control characters (rdplanner.text)."""
    if notes is not None and not isinstance(notes, str):
        raise InvalidInput("备注须为一段文字。", field="notes")
    notes = clean_text(notes)
    if len(notes) > MAX_NOTES:
        raise InvalidInput(f"备注过长（{len(notes)} 字），最多 {MAX_NOTES} 字。", field="notes")
    return notes


def _check_time(when: datetime, event: Event, now: datetime) -> datetime:
    if not isinstance(when, datetime):
        raise InvalidInput("报到时间须为日期和时刻（如 6月2日 08:30）。", field="arrived_at")
    if when.tzinfo is not None:
        raise InvalidInput("报到时间须为报到台的本地时间，不带时区。", field="arrived_at")
    when = when.replace(second=0, microsecond=0)
    if when > now + FUTURE_SLACK:
        raise InvalidInput(f"报到时间 {_moment(when)} 晚于现在（{_moment(now)}），请核对。",
                           field="arrived_at")
    earliest = datetime.combine(event.start_date - timedelta(days=EARLIEST_DAYS), datetime.min.time())
    if when < earliest:
        raise InvalidInput(f"报到时间 {when.year}年{_moment(when)} 早于会议开始前 {EARLIEST_DAYS} 天，请核对。",
                           field="arrived_at")
    return when


def _moment(when: datetime) -> str:
    return f"{when.month}月{when.day}日 {when:%H:%M}"


def _participant(session: Session, event_id: int, participation_id: int) -> str:
    """The participant's name, after checking they take part in the event."""
    found = session.execute(select(Participation.event_id, Person.name)
                            .join(Person, Person.id == Participation.person_id)
                            .where(Participation.id == participation_id)).first()
    if found is None:
        raise NotFound(f"找不到该参会人员（编号 {participation_id}），可能已被移除。")
    if found.event_id != event_id:
        raise InvalidInput(f"{found.name}不是本次会议的参会人员。", field="participation_id")
    return found.name


def _check_in(session: Session, participation_id: int):
    """The participant's check-in as stored now (id, arrived_at, handed, version), or None."""
    c = ArrivalCheckIn
    return session.execute(select(c.id, c.arrived_at, c.handed, c.version)
                           .where(c.participation_id == participation_id)).first()
