"""Sign-in per sitting (plenary or group meeting), the live quorum, attendance history across events and
the 代表法 art. 62 flag (two unapproved absences from congress sessions). Services return an Outcome; a
status is the sitting's sign-in mark, else the event's leave record (quorum.effective_status).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.clock import utc_now
from rdplanner.errors import InvalidInput
from rdplanner.labels import ROLES, unit_and_post
from rdplanner.models import (
    Attendance,
    BodyMembership,
    Event,
    Hall,
    Participation,
    Person,
    Seat,
    SeatAssignment,
    SeatPlan,
    Sitting,
)
from rdplanner.people import quorum
from rdplanner.people.ordering import sort_people
from rdplanner.readmodels import load_rows
from rdplanner.store import get_or_raise, lock_roster

SITTING_KINDS: dict[str, str] = {"plenary": "全体会议", "group": "分组会议"}  # the programme items signed in to
SIGN_IN = Sitting.kind.in_(tuple(SITTING_KINDS))
NOT_SIGNING_ROLES = frozenset({"staff", "media"})  # 工作人员 and 媒体 do not sign the sheet
MAX_REASON = 200
_ROLE_ORDER = {role: n for n, role in enumerate(ROLES)}


@dataclass(frozen=True, slots=True)
class SittingRow:
    """A sitting of an event (plain data)."""

    id: int
    event_id: int
    name: str
    kind: str
    starts_at: Optional[datetime]
    ends_at: Optional[datetime]
    place: str
    sort_order: int

    kind_label = property(lambda self: SITTING_KINDS.get(self.kind, self.kind))


@dataclass(frozen=True, slots=True)
class SignInRow:
    """A participant at one sitting with the status to show; ``from_leave_record`` says it is not a mark."""

    participation_id: int
    person_id: int
    role: str
    name: str
    name_note: str
    unit: str
    post: str
    delegation: str
    group_name: str
    rank_order: int
    seat_label: str
    status: str
    leave_approved: bool
    reason: str
    from_leave_record: bool

    role_label = property(lambda self: ROLES.get(self.role, self.role))

    @property
    def status_label(self) -> str:
        return self.status_text(closed=False)

    def shown_status(self, closed: bool) -> str:
        """Return the status as counted: once the sitting has closed, 未签到 (unmarked) is 缺席 (absent)."""
        return "absent" if closed and self.status == "unmarked" else self.status

    def status_text(self, closed: bool) -> str:
        """Return the status word for the table: 已签到, 请假, 缺席, or 未签到 until the sitting closes."""
        if self.status == "leave" and not self.leave_approved:
            return "请假（未获批准）"
        status = self.shown_status(closed)
        return quorum.STATUSES.get(status, status)

    unit_post = property(lambda self: unit_and_post(self.unit, self.post, self.role))


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """A person's status at one sitting of one event (``sitting_id`` None: the event has no sittings)."""

    event_id: int
    event_name: str
    event_type: str
    event_date: date
    sitting_id: Optional[int]
    sitting_name: str
    sitting_kind: str
    role: str
    status: str
    leave_approved: bool
    reason: str
    from_leave_record: bool

    @property
    def is_unapproved_absence(self) -> bool:
        return self.status == "absent" or (self.status == "leave" and not self.leave_approved)


def list_sittings(session: Session, *, event_id: int) -> tuple[SittingRow, ...]:
    """Return the sittings of an event in programme order. Raises NotFound if the event is gone."""
    get_or_raise(session, Event, event_id, "活动")
    s = Sitting
    query = (select(s.id, s.event_id, s.name, s.kind, s.starts_at, s.ends_at,
                    func.coalesce(func.nullif(s.place, ""), Hall.name, ""), s.sort_order)
             .outerjoin(Hall, Hall.id == s.hall_id).where(s.event_id == event_id, SIGN_IN)
             .order_by(s.sort_order, s.starts_at, s.id))
    return load_rows(session, SittingRow, query)


def ensure_default_sitting(session: Session, *, event_id: int) -> Outcome:
    """Return the event's first sitting, creating a plenary "全体会议" if it has none (so any event,
    an inspection or a reception too, can take sign-in)."""
    event = get_or_raise(session, Event, event_id, "活动")
    first = session.scalar(select(Sitting.id).where(Sitting.event_id == event_id, SIGN_IN)
                           .order_by(Sitting.sort_order, Sitting.starts_at, Sitting.id).limit(1))
    if first is not None:
        return Outcome(value=first)
    sitting = Sitting(event_id=event_id, name="全体会议", kind="plenary", hall_id=event.hall_id, sort_order=1)
    session.add(sitting)
    session.commit()
    return Outcome(Changes.of("attendance", event_id), sitting.id)


def sitting_rows(session: Session, *, sitting_id: int) -> tuple[SignInRow, ...]:
    """Return who signs in at a sitting, with status, in role then rank order.

    A group sitting lists the participants whose group (or delegation) its name or place names, plus
    anyone marked there; if it names no group, everyone. Staff and media are not listed.
    """
    sitting = get_or_raise(session, Sitting, sitting_id, "会次")
    raw = session.execute(_sign_in_query(session, sitting)).all()
    groups = _groups_of(sitting, {g for r in raw for g in (r.group_name, r.delegation)})
    rows = [_sign_in_row(r) for r in raw
            if not groups or r.group_name in groups or r.delegation in groups or r.mark_status]
    rows.sort(key=lambda r: (_ROLE_ORDER.get(r.role, 99), r.rank_order, r.participation_id))
    return tuple(rows)


def _sign_in_query(session: Session, sitting: Sitting):
    p, person, a = Participation, Person, Attendance
    plan_id = _seat_plan_id(session, sitting)
    return (
        select(p.id, p.person_id, p.role, person.name, person.name_note, person.unit, person.post,
               p.delegation, p.group_name, p.rank_order, func.coalesce(Seat.label, "").label("seat"),
               a.status.label("mark_status"), a.leave_approved, a.reason, p.leave_status, p.leave_reason)
        .join(person, person.id == p.person_id)
        .outerjoin(a, and_(a.participation_id == p.id, a.sitting_id == sitting.id))
        .outerjoin(SeatAssignment, and_(SeatAssignment.participation_id == p.id,
                                        SeatAssignment.seat_plan_id == plan_id))
        .outerjoin(Seat, Seat.id == SeatAssignment.seat_id)
        .where(p.event_id == sitting.event_id, p.role.not_in(NOT_SIGNING_ROLES))
    )


def _sign_in_row(r) -> SignInRow:
    mark = (r.mark_status, bool(r.leave_approved), r.reason or "") if r.mark_status else None
    status, approved, reason, from_record = quorum.effective_status(mark, r.leave_status, r.leave_reason)
    return SignInRow(r.id, r.person_id, r.role, r.name, r.name_note, r.unit, r.post, r.delegation,
                     r.group_name, r.rank_order, r.seat, status, approved, reason, from_record)


def _groups_of(sitting: Sitting, groups: Iterable[str]) -> set[str]:
    return quorum.groups_of_sitting(sitting.kind, f"{sitting.name} {sitting.place}", groups)


def _seat_plan_id(session: Session, sitting: Sitting) -> Optional[int]:
    """Return the seat plan of this sitting, else the event-wide one (for 座次号)."""
    return session.scalar(
        select(SeatPlan.id)
        .where(SeatPlan.event_id == sitting.event_id,
               or_(SeatPlan.sitting_id == sitting.id, SeatPlan.sitting_id.is_(None)))
        .order_by(SeatPlan.sitting_id.is_(None), SeatPlan.id).limit(1)
    )


def mark(session: Session, *, sitting_id: int, participation_ids: Iterable[int], status: str,
         reason: str = "", leave_approved: Optional[bool] = None) -> Outcome:
    """Mark participants present, on leave or absent at a sitting, or clear their mark ("unmarked").

    Args:
        status: "present", "leave", "absent" or "unmarked" (clears the mark; the leave record shows again).
        reason: the reason of a leave or absence; blank for leave takes the reason on the leave record.
        leave_approved: for "leave": None or True for granted leave (the officer marks 请假 for granted
            leave, 缺席 otherwise); False for a refused request, counted as an unapproved absence.

    Raises:
        InvalidInput: unknown status, reason too long, an approved absence, or a participant of another
            event. NotFound: the sitting is gone.
    """
    _check_mark(status, reason, leave_approved)
    sitting = get_or_raise(session, Sitting, sitting_id, "会次")
    ids = set(participation_ids)
    if not ids:
        return Outcome()
    event_id = sitting.event_id
    lock_roster(session, event_id)  # sign-ins are part of the roster an undo restores
    leave_reasons = _check_participants(session, sitting.event_id, ids)
    if status == "unmarked":
        session.execute(delete(Attendance).where(Attendance.sitting_id == sitting_id,
                                                 Attendance.participation_id.in_(ids)))
    else:
        values = {"status": status, "leave_approved": status == "leave" and leave_approved is not False,
                  "signed_at": utc_now() if status == "present" else None}
        try:
            _upsert_marks(session, sitting_id, ids, values, reason.strip(), leave_reasons)
        except IntegrityError:  # another officer marked the same person at the same moment
            session.rollback()
            lock_roster(session, event_id)
            _upsert_marks(session, sitting_id, ids, values, reason.strip(), leave_reasons)
    session.commit()
    return Outcome(Changes.of("attendance", event_id, rows=(("sitting", sitting_id),)))


def _check_mark(status: str, reason: str, leave_approved: Optional[bool]) -> None:
    if status not in quorum.STATUSES:
        raise InvalidInput(f"未知的签到状态：{status}", field="status")
    if len(reason.strip()) > MAX_REASON:
        raise InvalidInput(f"原因过长（{len(reason.strip())} 字），最多 {MAX_REASON} 字。", field="reason")
    if status == "absent" and leave_approved:
        raise InvalidInput("已准假的请标记为“请假”；“缺席”指未经批准不出席。", field="leave_approved")


def _check_participants(session: Session, event_id: int, ids: set[int]) -> dict[int, str]:
    found = dict(session.execute(select(Participation.id, Participation.leave_reason)
                                 .where(Participation.id.in_(ids), Participation.event_id == event_id)).all())
    if len(found) != len(ids):
        missing = len(ids) - len(found)
        raise InvalidInput(f"有 {missing} 名所选人员不是本次会议的参会人员（可能已被移除），请刷新后重试。",
                           field="participation_ids")
    return found


def _upsert_marks(session: Session, sitting_id: int, ids: set[int], values: dict, reason: str,
                  leave_reasons: dict[int, str]) -> None:
    existing = {a.participation_id: a for a in session.scalars(
        select(Attendance).where(Attendance.sitting_id == sitting_id, Attendance.participation_id.in_(ids)))}
    for pid in sorted(ids):
        text = reason or (leave_reasons.get(pid, "") if values["status"] == "leave" else "")
        row = existing.get(pid)
        if row is None:
            session.add(Attendance(sitting_id=sitting_id, participation_id=pid, reason=text, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
            row.reason, row.version = text, row.version + 1
    session.flush()


def quorum_for_sitting(session: Session, *, sitting_id: int, now: Optional[datetime] = None
                       ) -> quorum.QuorumResult:
    """Return the live count of a sitting and whether its quorum is met.

    应到 is the body's current membership on the sitting's day (vacancies excluded); if the body has no
    membership on record, the voting participants. A group sitting counts its own group, with no quorum.
    请假 counts approved leave only (a refused request is an absence). The sitting is closed (未签到 turns
    into 缺席) once its end time has passed by ``now`` (local time, default the clock) or the event is over.
    Listed members not on the body's record, and members on record not listed, are named in the result.
    """
    sitting = get_or_raise(session, Sitting, sitting_id, "会次")
    event = get_or_raise(session, Event, sitting.event_id, "活动")
    rule, body = quorum.rule_for(event.event_type, sitting.kind), quorum.body_for_event_type(event.event_type)
    rows = sitting_rows(session, sitting_id=sitting_id)
    voters = [r for r in rows if r.role in quorum.voting_roles(body)]
    day = sitting.starts_at.date() if sitting.starts_at else event.start_date
    members = current_members(session, body=body, on=day) if rule.applies else None
    not_on_record: list[str] = []
    not_listed: list[str] = []
    if members is not None:
        not_on_record = [r.name for r in voters if r.person_id not in members]
        not_listed = _names_of(session, members - {r.person_id for r in voters})
        voters = [r for r in voters if r.person_id in members]
    leave = sum(1 for r in voters if r.status == "leave" and r.leave_approved)
    return quorum.evaluate(
        rule, expected=len(members) if members is not None else len(voters),
        present=sum(1 for r in voters if r.status == "present"), leave=leave,
        absent=sum(1 for r in voters if r.status in ("absent", "leave")) - leave,
        attendees=_present_of(rows, quorum.ATTENDEE_ROLE), observers=_present_of(rows, quorum.OBSERVER_ROLE),
        base_from_roster=rule.applies and members is None,
        closed=quorum.sitting_closed(sitting.ends_at, event.status, now or datetime.now()),
        not_on_record=not_on_record, not_listed=not_listed, body=body,
    )


def _names_of(session: Session, person_ids: set[int]) -> list[str]:
    """Return the names of people, in stroke order (for the notes on 应到)."""
    if not person_ids:
        return []
    names = list(session.scalars(select(Person.name).where(Person.id.in_(person_ids))))
    return sort_people(names, key=lambda n: n)


def _present_of(rows: Iterable[SignInRow], role: str) -> tuple[int, int]:
    of_role = [r for r in rows if r.role == role]
    return sum(1 for r in of_role if r.status == "present"), len(of_role)


def current_members(session: Session, *, body: Optional[str], on: date) -> Optional[set[int]]:
    """Return the person ids of the body's current members (实有) on a day: started, seat not vacated.

    None when the body has no membership on record at all (the caller falls back to the roster).
    """
    m = BodyMembership
    if body is None or session.scalar(select(m.id).where(m.body == body).limit(1)) is None:
        return None
    return set(session.scalars(select(m.person_id).where(
        m.body == body, or_(m.start_date.is_(None), m.start_date <= on),
        or_(m.end_date.is_(None), m.end_date > on))))


def attendance_history(session: Session, *, person_id: int) -> tuple[HistoryRow, ...]:
    """Return a person's status at every sitting of every event they took part in, newest event first.

    Group sittings of other groups are left out; an event without sittings gives one row (sitting None).
    """
    get_or_raise(session, Person, person_id, "人员")
    parts = session.execute(
        select(Participation, Event).join(Event, Event.id == Participation.event_id)
        .where(Participation.person_id == person_id)
        .order_by(Event.start_date.desc(), Event.id.desc())).all()
    sittings, marks, groups = _event_context(session, [p.id for p, _ in parts], [e.id for _, e in parts])
    rows: list[HistoryRow] = []
    for part, event in parts:
        for sitting in _sittings_of(part, sittings[event.id], marks, groups[event.id]) or [None]:
            mark_ = marks.get((sitting.id, part.id)) if sitting else None
            status = quorum.effective_status(mark_, part.leave_status, part.leave_reason)
            name = sitting.name if sitting else "（未设会次）"
            rows.append(HistoryRow(event.id, event.name, event.event_type, event.start_date,
                                   sitting.id if sitting else None, name, sitting.kind if sitting else "",
                                   part.role, *status))
    return tuple(rows)


def _event_context(session: Session, participation_ids: list[int], event_ids: list[int]):
    """Return sittings by event, marks by (sitting, participation) and group names by event."""
    sittings: dict[int, list[Sitting]] = defaultdict(list)
    for s in session.scalars(select(Sitting).where(Sitting.event_id.in_(event_ids), SIGN_IN)
                             .order_by(Sitting.sort_order, Sitting.starts_at, Sitting.id)):
        sittings[s.event_id].append(s)
    found = session.scalars(select(Attendance).where(Attendance.participation_id.in_(participation_ids)))
    marks = {(a.sitting_id, a.participation_id): (a.status, a.leave_approved, a.reason) for a in found}
    groups: dict[int, set[str]] = defaultdict(set)
    for event_id, group, delegation in session.execute(
            select(Participation.event_id, Participation.group_name, Participation.delegation)
            .where(Participation.event_id.in_(event_ids)).distinct()):
        groups[event_id] |= {group, delegation}
    return sittings, marks, groups


def _sittings_of(part: Participation, sittings: list[Sitting], marks: dict, groups: set[str]
                 ) -> list[Sitting]:
    """Return the sittings a participant is expected at (all plenaries, their group's) or was marked at."""
    chosen = []
    for sitting in sittings:
        matched = _groups_of(sitting, groups)
        if (not matched or part.group_name in matched or part.delegation in matched
                or (sitting.id, part.id) in marks):
            chosen.append(sitting)
    return chosen


def count_unapproved_absences(session: Session, *, person_ids: Optional[Iterable[int]] = None
                              ) -> dict[int, int]:
    """Return, per deputy, how many congress sessions they missed without approval (only non-zero counts).

    A session (a 人民代表大会会议 event, not a sitting) counts when the deputy was present at none of its
    sittings and at least one sitting they were expected at is an absence or a refused leave; approved
    leave for every missed sitting does not count, nor does a session without any sign-in. Only sessions
    within the deputy's latest congress membership (the current term) count when one is on record.
    """
    candidates = _possible_absentees(session, person_ids)
    if not candidates:
        return {}
    query = (select(Participation, Event).join(Event, Event.id == Participation.event_id)
             .where(Event.event_type == "congress_session", Participation.role == "deputy",
                    Participation.person_id.in_(candidates)))
    parts = session.execute(query).all()
    sittings, marks, groups = _event_context(session, [p.id for p, _ in parts], [e.id for _, e in parts])
    terms = _latest_congress_terms(session, {p.person_id for p, _ in parts})
    counts: dict[int, int] = defaultdict(int)
    for part, event in parts:
        if quorum.within_term(terms.get(part.person_id), event.start_date) and _missed_without_approval(
                part, _sittings_of(part, sittings[event.id], marks, groups[event.id]), marks):
            counts[part.person_id] += 1
    return dict(counts)


def _possible_absentees(session: Session, person_ids: Optional[Iterable[int]]) -> set[int]:
    """Deputies with any absence or refused leave at a congress session: the only ones worth counting.

    A cheap pre-filter (two narrow queries) so that flagging 800 people costs milliseconds.
    """
    p, a = Participation, Attendance
    congress = (select(p.id, p.person_id).join(Event, Event.id == p.event_id)
                .where(Event.event_type == "congress_session", p.role == "deputy"))
    if person_ids is not None:
        congress = congress.where(p.person_id.in_(set(person_ids)))
    congress = congress.subquery()
    marked = select(congress.c.person_id).join(a, a.participation_id == congress.c.id).where(
        or_(a.status == "absent", and_(a.status == "leave", a.leave_approved.is_(False))))
    recorded = select(congress.c.person_id).join(p, p.id == congress.c.id).where(p.leave_status == "absent")
    return set(session.scalars(marked)) | set(session.scalars(recorded))


def flag_unapproved_absences(session: Session, *, person_ids: Optional[Iterable[int]] = None
                             ) -> dict[int, int]:
    """Return the deputies with two or more unapproved absences from congress sessions, with the count.

    代表法 art. 62: 未经批准两次不出席本级人民代表大会会议 ends the mandate; the office reports them.
    """
    counts = count_unapproved_absences(session, person_ids=person_ids)
    return {pid: n for pid, n in counts.items() if n >= quorum.FLAG_THRESHOLD}


def _missed_without_approval(part: Participation, sittings: list[Sitting], marks: dict) -> bool:
    found = [marks.get((s.id, part.id)) for s in sittings] or [None]
    return quorum.missed_session_without_approval(
        [quorum.effective_status(mark_, part.leave_status, part.leave_reason) for mark_ in found])


def _latest_congress_terms(session: Session, person_ids: set[int]) -> dict[int, quorum.Term]:
    m = BodyMembership
    terms: dict[int, quorum.Term] = {}
    for person_id, start, end in session.execute(
            select(m.person_id, m.start_date, m.end_date)
            .where(m.body == "congress", m.person_id.in_(person_ids))
            .order_by(m.person_id, func.coalesce(m.start_date, date.min), m.id)):
        terms[person_id] = (start, end)  # ordered by start: the last one seen is the latest term
    return terms
