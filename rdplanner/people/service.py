"""Roster services: the participants of an event and the person directory they come from.

Every mutating service returns an Outcome naming the event's people; edits use optimistic locking.
"""

from dataclasses import dataclass, replace
from datetime import date, time
from typing import Iterable, Optional, Sequence

from sqlalchemy import delete, func, or_, select, update
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.clock import utc_now
from rdplanner.errors import InvalidInput
from rdplanner.labels import LEAVE_STATUSES, ROLES
from rdplanner.models import BodyMembership, Event, Participation, Person
from rdplanner.people.idcard import check_id_number
from rdplanner.people.replies import REPLY_FIELDS, normalise_number, reply_problems
from rdplanner.people.validation import INVISIBLE, check_name, check_phone, normalise_name, normalise_phone
from rdplanner.readmodels import load_rows
from rdplanner.store import get_or_raise, lock_roster, versioned_update

TEXT_LIMITS = {"name_note": 60, "gender": 4, "ethnicity": 20, "unit": 200, "post": 200, "delegation": 100,
               "dietary": 200, "leave_reason": 200}
FIELD_LABELS = {"name": "姓名", "name_note": "区分备注", "gender": "性别", "ethnicity": "民族", "unit": "单位",
                "post": "职务", "delegation": "代表团", "phone": "手机", "id_card_no": "身份证号",
                "dietary": "饮食要求", "leave_reason": "请假原因", "role": "身份", "leave_status": "请假状态"}


@dataclass(frozen=True)
class PersonDraft:
    """Directory fields of a person as the user enters them."""

    name: str
    name_note: str = ""
    gender: str = ""
    ethnicity: str = ""
    unit: str = ""
    post: str = ""
    delegation: str = ""
    phone: str = ""
    id_card_no: str = ""
    notes: str = ""
    # 本地: the directory's default for this person's mark at a new event.
    is_local: bool = False


@dataclass(frozen=True)
class ParticipationDraft:
    """What a person does at one event and needs from the office."""

    role: str
    rank_order: int = 0
    delegation: str = ""
    needs_lodging: bool = False
    needs_meals: bool = True
    needs_transport: bool = False
    dietary: str = ""
    leave_status: str = "none"
    leave_reason: str = ""
    notes: str = ""
    # The 回执 (reply slip); codes of rdplanner.people.replies.MODES, "" = not replied.
    arrival_date: Optional[date] = None
    arrival_time: Optional[time] = None
    arrival_mode: str = ""
    arrival_number: str = ""
    arrival_station: str = ""
    needs_pickup: bool = False
    departure_date: Optional[date] = None
    departure_time: Optional[time] = None
    departure_mode: str = ""
    departure_number: str = ""
    departure_station: str = ""
    needs_dropoff: bool = False
    pickup_point: str = ""
    # 本地 at this event (locals are not lodged unless they need lodging, not at breakfast unless
    # lodged); None = as the person's directory entry says.
    is_local: Optional[bool] = None


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One participant of an event with the directory fields (sensitive ones unmasked: mask on display)."""

    participation_id: int
    person_id: int
    name: str
    name_note: str
    gender: str
    ethnicity: str
    unit: str
    post: str
    phone: str
    id_card_no: Optional[str]
    person_notes: str
    person_version: int
    role: str
    rank_order: int
    delegation: str
    needs_lodging: bool
    needs_meals: bool
    needs_transport: bool
    dietary: str
    leave_status: str
    leave_reason: str
    notes: str
    participation_version: int
    arrival_date: Optional[date] = None
    arrival_time: Optional[time] = None
    arrival_mode: str = ""
    arrival_number: str = ""
    arrival_station: str = ""
    needs_pickup: bool = False
    departure_date: Optional[date] = None
    departure_time: Optional[time] = None
    departure_mode: str = ""
    departure_number: str = ""
    departure_station: str = ""
    needs_dropoff: bool = False
    pickup_point: str = ""
    is_local: bool = False  # this event's 本地 mark
    person_is_local: bool = False  # the directory entry's default

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def leave_label(self) -> str:
        return LEAVE_STATUSES.get(self.leave_status, self.leave_status)

    def person_draft(self) -> PersonDraft:
        return PersonDraft(self.name, self.name_note, self.gender, self.ethnicity, self.unit, self.post,
                           self.delegation, self.phone, self.id_card_no or "", self.person_notes,
                           self.person_is_local)

    def participation_draft(self) -> ParticipationDraft:
        return ParticipationDraft(self.role, self.rank_order, self.delegation, self.needs_lodging,
                                  self.needs_meals, self.needs_transport, self.dietary, self.leave_status,
                                  self.leave_reason, self.notes, **self.reply(),
                                  is_local=self.is_local)

    def reply(self) -> dict:
        """Return the reply slip fields (rdplanner.people.replies.REPLY_FIELDS) by name."""
        return {field: getattr(self, field) for field in REPLY_FIELDS}


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    """A person of the directory, for adding to an event."""

    id: int
    name: str
    gender: str
    unit: str
    post: str
    delegation: str
    in_event: bool


def load_roster(session: Session, *, event_id: int) -> tuple[RosterRow, ...]:
    """Return the event's participants (unordered: callers apply the official order)."""
    pe, pa = Person, Participation
    query = (
        select(pa.id, pe.id, pe.name, pe.name_note, pe.gender, pe.ethnicity, pe.unit, pe.post, pe.phone,
               pe.id_card_no, pe.notes, pe.version, pa.role, pa.rank_order, pa.delegation, pa.needs_lodging,
               pa.needs_meals, pa.needs_transport, pa.dietary, pa.leave_status, pa.leave_reason, pa.notes,
               pa.version, *(getattr(pa, field) for field in REPLY_FIELDS), pa.is_local, pe.is_local)
        .join(pe, pe.id == pa.person_id)
        .where(pa.event_id == event_id)
        .order_by(pa.id)
    )
    return load_rows(session, RosterRow, query)


def validate_person(draft: PersonDraft) -> PersonDraft:
    """Return the cleaned draft or raise InvalidInput naming the first bad field."""
    draft = replace(draft, name=normalise_name(draft.name), phone=normalise_phone(draft.phone),
                    id_card_no=draft.id_card_no.strip().upper(),
                    **{f: getattr(draft, f).translate(INVISIBLE).strip()
                       for f in ("name_note", "gender", "ethnicity", "unit", "post", "delegation", "notes")})
    problem = check_name(draft.name)
    if problem:
        raise InvalidInput(problem, field="name")
    for field, limit in TEXT_LIMITS.items():
        value = getattr(draft, field, "")
        if len(value) > limit:
            raise InvalidInput(f"{FIELD_LABELS[field]}过长（{len(value)} 字，最多 {limit} 字）", field=field)
    for field, check in (("phone", check_phone), ("id_card_no", check_id_number)):
        problem = check(getattr(draft, field)) if getattr(draft, field) else None
        if problem:
            raise InvalidInput(problem, field=field)
    return draft


def validate_participation(draft: ParticipationDraft) -> ParticipationDraft:
    """Return the cleaned draft or raise InvalidInput naming the first bad field (the reply slip included)."""
    if draft.role not in ROLES:
        raise InvalidInput(f"未知的身份：{draft.role}", field="role")
    if draft.leave_status not in LEAVE_STATUSES:
        raise InvalidInput(f"未知的请假状态：{draft.leave_status}", field="leave_status")
    for field in ("delegation", "dietary", "leave_reason"):
        if len(getattr(draft, field)) > TEXT_LIMITS[field]:
            raise InvalidInput(f"{FIELD_LABELS[field]}过长", field=field)
    draft = replace(draft, delegation=draft.delegation.strip(), dietary=draft.dietary.strip(),
                    leave_reason=draft.leave_reason.strip(), notes=draft.notes.strip(),
                    arrival_number=normalise_number(draft.arrival_number),
                    departure_number=normalise_number(draft.departure_number),
                    **{f: getattr(draft, f).translate(INVISIBLE).strip()
                       for f in ("arrival_mode", "departure_mode", "arrival_station", "departure_station",
                                 "pickup_point")})
    problems = reply_problems({field: getattr(draft, field) for field in REPLY_FIELDS})
    if problems:
        field, message = problems[0]
        raise InvalidInput(message, field=field)
    return draft


def default_role(session: Session, event_id: int) -> str:
    from rdplanner.people.importing.fields import default_role_for

    return default_role_for(get_or_raise(session, Event, event_id, "活动").event_type)


def add_new_person(session: Session, *, event_id: int, person: PersonDraft,
                   participation: ParticipationDraft) -> Outcome:
    """Create a person in the directory and add them to the event; return the participation id.

    Raises:
        InvalidInput if a field is wrong or the ID number already belongs to someone in the directory.
    """
    lock_roster(session, event_id)
    person, participation = validate_person(person), validate_participation(participation)
    _refuse_taken_id_number(session, person.id_card_no, own_person_id=None)
    row = Person(**_person_values(person))
    session.add(row)
    session.flush()
    part = Participation(event_id=event_id, person_id=row.id, **_participation_values(participation, person))
    session.add(part)
    session.commit()
    return Outcome(_changed(event_id), part.id)


def update_participant(session: Session, *, participation_id: int, person_version: int,
                       participation_version: int, person: PersonDraft,
                       participation: ParticipationDraft) -> Outcome:
    """Save an edit of a participant (directory fields and event fields) in one transaction."""
    part = get_or_raise(session, Participation, participation_id, "参会人员")
    event_id, person_id = part.event_id, part.person_id
    lock_roster(session, event_id)
    person, participation = validate_person(person), validate_participation(participation)
    _refuse_taken_id_number(session, person.id_card_no, own_person_id=person_id)
    values = _person_values(person) | {"updated_at": utc_now()}
    versioned_update(session, Person, person_id, expected_version=person_version, values=values, what="人员信息")
    versioned_update(session, Participation, participation_id, expected_version=participation_version,
                     values=_participation_values(participation, person), what="参会信息")
    session.commit()
    return Outcome(_changed(event_id))


def remove_participants(session: Session, *, participation_ids: Sequence[int]) -> Outcome:
    """Remove people from the event (their seats, rooms and rides go too; the directory keeps them)."""
    event_ids = _lock_rosters_of(session, participation_ids)
    session.execute(delete(Participation).where(Participation.id.in_(participation_ids)))
    session.commit()
    return Outcome(Changes(domains=frozenset((key, e) for e in event_ids for key in ("people", "attendance", "seating")), events_list=True))


def bulk_update(session: Session, *, participation_ids: Sequence[int], role: Optional[str] = None,
                delegation: Optional[str] = None, leave_status: Optional[str] = None,
                is_local: Optional[bool] = None) -> Outcome:
    """Set the role, delegation, leave status and/or 本地 mark (this event's) of many participants at once."""
    values: dict = {}
    if role is not None:
        values["role"] = role
    if delegation is not None:
        values["delegation"] = delegation
    if leave_status is not None:
        values["leave_status"] = leave_status
    if is_local is not None:
        values["is_local"] = bool(is_local)
    draft = validate_participation(ParticipationDraft(**({"role": "deputy"} | values)))
    values = {field: getattr(draft, field) for field in values}
    if not values or not participation_ids:
        return Outcome()
    event_ids = _lock_rosters_of(session, participation_ids)
    session.execute(update(Participation).where(Participation.id.in_(participation_ids))
                    .values(**values, version=Participation.version + 1))
    session.commit()
    return Outcome(Changes(domains=frozenset(("people", e) for e in event_ids)))


def search_directory(session: Session, *, event_id: int, search: str = "", limit: int = 500) -> tuple[DirectoryRow, ...]:
    """Return directory people whose name, unit, post or delegation contains every search word."""
    in_event = (select(Participation.id).where(Participation.event_id == event_id,
                                               Participation.person_id == Person.id).exists())
    query = select(Person.id, Person.name, Person.gender, Person.unit, Person.post, Person.delegation, in_event)
    for word in search.split():
        query = query.where(or_(*(column.contains(word, autoescape=True)
                                  for column in (Person.name, Person.unit, Person.post, Person.delegation))))
    return load_rows(session, DirectoryRow, query.order_by(Person.name, Person.id).limit(limit))


def add_people(session: Session, *, event_id: int, person_ids: Iterable[int], role: str,
               is_local: Optional[bool] = None) -> Outcome:
    """Add directory people to the event (those already in it are skipped); return how many were added.

    Their 本地 mark is ``is_local`` if given, else each directory entry's default.
    """
    lock_roster(session, event_id)
    role = validate_participation(ParticipationDraft(role=role)).role
    present = set(session.scalars(select(Participation.person_id).where(Participation.event_id == event_id)))
    people = session.execute(select(Person.id, Person.delegation, Person.is_local)
                             .where(Person.id.in_(list(person_ids)))).all()
    new = [row for row in people if row.id not in present]
    session.add_all(Participation(event_id=event_id, person_id=pid, role=role, delegation=delegation,
                                  is_local=local if is_local is None else is_local)
                    for pid, delegation, local in new)
    session.commit()
    return Outcome(_changed(event_id), len(new))


def add_body_members(session: Session, *, event_id: int, body: str, role: str,
                     on: Optional[date] = None) -> Outcome:
    """Add every current member of a body (vacancies excluded) with their rank order."""
    event = get_or_raise(session, Event, event_id, "活动")
    day = on or event.start_date
    members = session.execute(
        select(BodyMembership.person_id, func.min(BodyMembership.rank_order)).where(
            BodyMembership.body == body,
            or_(BodyMembership.start_date.is_(None), BodyMembership.start_date <= day),
            or_(BodyMembership.end_date.is_(None), BodyMembership.end_date > day),
        ).group_by(BodyMembership.person_id)).all()
    count, changes = add_people(session, event_id=event_id, person_ids=[pid for pid, _ in members], role=role)
    ranks = dict(members)
    for part in session.scalars(select(Participation).where(Participation.event_id == event_id,
                                                            Participation.person_id.in_(ranks))):
        if not part.rank_order:
            part.rank_order = ranks[part.person_id]
    session.commit()
    return Outcome(changes, count)


def _refuse_taken_id_number(session: Session, id_card_no: str, *, own_person_id: Optional[int]) -> None:
    if not id_card_no:
        return
    owner = session.execute(select(Person.id, Person.name, Person.unit).where(
        Person.id_card_no == id_card_no)).first()
    if owner and owner.id != own_person_id:
        raise InvalidInput(f"该身份证号已属于人员名录中的“{owner.name}”（{owner.unit or '单位未填'}），"
                           "请用“从名录添加”把此人加入活动，不要重复建立。", field="id_card_no")


def _lock_rosters_of(session: Session, participation_ids: Sequence[int]) -> set[int]:
    """Lock the rosters of the events these participations belong to (in id order); return the events."""
    event_ids = set(session.scalars(select(Participation.event_id).where(Participation.id.in_(participation_ids))))
    for event_id in sorted(event_ids):
        lock_roster(session, event_id)
    return event_ids


def _person_values(draft: PersonDraft) -> dict:
    return draft.__dict__ | {"id_card_no": draft.id_card_no or None}


def _participation_values(draft: ParticipationDraft, person: PersonDraft) -> dict:
    """The participation's columns; a 本地 mark not given is the directory entry's."""
    return draft.__dict__ | {"is_local": person.is_local if draft.is_local is None else draft.is_local}


def _changed(event_id: int) -> Changes:
    return Changes.of("people", event_id, events_list=True)
