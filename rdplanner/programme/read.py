"""The programme's read model: an event's items in time order, with who attends them (plain data)."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.models import Attendance, Event, Hall, Participation, ProgrammeAttendee, Sitting, Trip
from rdplanner.programme.audience import AudienceIndex, Member, audience_text
from rdplanner.programme.kinds import ITEM_KINDS
from rdplanner.readmodels import load_rows, read_once
from rdplanner.store import get_or_raise

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class ProgrammeItem:
    """One item of the programme (a Sitting row) with what the pages and checks show of it."""

    id: int
    event_id: int
    name: str
    kind: str
    starts_at: datetime | None
    ends_at: datetime | None
    hall_id: int | None
    hall_name: str
    place: str
    sort_order: int
    audience: str
    audience_value: str
    notes: str
    version: int
    named: tuple[int, ...] = ()  # the ProgrammeAttendee participations (audience "people")
    attendee_ids: frozenset[int] = frozenset()
    trip_count: int = 0
    sign_in_count: int = 0

    @property
    def day(self) -> date | None:
        return self.starts_at.date() if self.starts_at else None

    @property
    def kind_label(self) -> str:
        return ITEM_KINDS.get(self.kind, self.kind)

    @property
    def place_text(self) -> str:
        return self.place or self.hall_name

    @property
    def audience_text(self) -> str:
        return audience_text(self.audience, self.audience_value, len(self.named))

    @property
    def time_text(self) -> str:
        """"09:00—11:30", "09:00", or "" when the item has no time yet."""
        if self.starts_at is None:
            return ""
        start = self.starts_at.strftime("%H:%M")
        return f"{start}—{self.ends_at.strftime('%H:%M')}" if self.ends_at else start

    @property
    def label(self) -> str:
        """The item as messages name it: "1月3日 09:00 第一次全体会议"."""
        when = f"{day_text(self.day, weekday=False)} {self.time_text}".strip() if self.day else "（未定时间）"
        return f"{when} {self.name}"


@dataclass(frozen=True)
class Programme:
    """An event's programme: its dates, its items in time order and the roster they draw on."""

    event_id: int
    event_name: str
    start_date: date
    end_date: date
    items: tuple[ProgrammeItem, ...]
    members: tuple[Member, ...] = field(default=())

    def days(self) -> tuple[date, ...]:
        """The event's days, and any day an item falls on outside them, in order."""
        span = {self.start_date + timedelta(days=n) for n in range((self.end_date - self.start_date).days + 1)}
        return tuple(sorted(span | {i.day for i in self.items if i.day is not None}))

    def items_on(self, day: date | None) -> tuple[ProgrammeItem, ...]:
        return tuple(i for i in self.items if i.day == day)

    def item(self, item_id: int) -> ProgrammeItem | None:
        return next((i for i in self.items if i.id == item_id), None)


def day_text(day: date, *, weekday: bool = True) -> str:
    """"1月3日（星期六）" or "1月3日"."""
    text = f"{day.month}月{day.day}日"
    return f"{text}（星期{WEEKDAYS[day.weekday()]}）" if weekday else text


def item_order(item: ProgrammeItem) -> tuple:
    """Items in time order; an item without a time after those with one; then the officer's order."""
    return (item.starts_at is None, item.starts_at or datetime.min, item.sort_order, item.id)


def load_programme(session: Session, event_id: int) -> Programme:
    """Return the event's programme. Raises NotFound if the event is gone."""
    event = get_or_raise(session, Event, event_id, "活动")
    s = Sitting
    query = (select(s.id, s.event_id, s.name, s.kind, s.starts_at, s.ends_at, s.hall_id,
                    func.coalesce(Hall.name, ""), s.place, s.sort_order, s.audience, s.audience_value,
                    s.notes, s.version)
             .outerjoin(Hall, Hall.id == s.hall_id).where(s.event_id == event_id))
    raw = load_rows(session, ProgrammeItem, query)
    members = load_members(session, event_id)
    named: dict[int, list[int]] = defaultdict(list)
    for sitting_id, participation_id in session.execute(
            select(ProgrammeAttendee.sitting_id, ProgrammeAttendee.participation_id)
            .join(Sitting, Sitting.id == ProgrammeAttendee.sitting_id).where(Sitting.event_id == event_id)
            .order_by(ProgrammeAttendee.id)):
        named[sitting_id].append(participation_id)
    trips = dict(session.execute(select(Trip.sitting_id, func.count()).where(
        Trip.event_id == event_id, Trip.sitting_id.is_not(None)).group_by(Trip.sitting_id)).all())
    marks = dict(session.execute(select(Attendance.sitting_id, func.count())
                                 .join(Sitting, Sitting.id == Attendance.sitting_id)
                                 .where(Sitting.event_id == event_id).group_by(Attendance.sitting_id)).all())
    index = AudienceIndex(members)
    items = []
    for row in raw:
        chosen = tuple(named.get(row.id, ()))
        items.append(replace(
            row, named=chosen, attendee_ids=index.attendees(row.audience, row.audience_value, chosen),
            trip_count=trips.get(row.id, 0), sign_in_count=marks.get(row.id, 0)))
    items.sort(key=item_order)
    return Programme(event.id, event.name, event.start_date, event.end_date, tuple(items), members)


def load_members(session: Session, event_id: int) -> tuple[Member, ...]:
    p = Participation
    rows = session.execute(select(p.id, p.role, p.delegation, p.group_name, p.leave_status)
                           .where(p.event_id == event_id).order_by(p.id)).all()
    return tuple(Member(i, role, delegation, group, leave == "approved") for i, role, delegation, group, leave in rows)


@dataclass(frozen=True)
class Choice:
    """A participant the officer can name for an item."""

    participation_id: int
    name: str
    role: str
    unit: str


@dataclass(frozen=True)
class ItemChoices:
    """What the item form offers: the halls (the event's venue first), the roles, delegations and groups
    of the roster, and its people."""

    halls: tuple[tuple[int, str], ...]
    roles: tuple[str, ...]
    delegations: tuple[str, ...]
    groups: tuple[str, ...]
    people: tuple[Choice, ...]


def load_choices(session: Session, event_id: int) -> ItemChoices:
    """Return what the item form offers for an event, the people in the roster's order.

    Raises:
        NotFound: the event is gone.
    """
    from rdplanner.models import Venue
    from rdplanner.people.service import load_roster

    event = get_or_raise(session, Event, event_id, "活动")
    halls = session.execute(select(Hall.id, Venue.name, Hall.name).join(Venue, Venue.id == Hall.venue_id)
                            .order_by(Hall.venue_id != (event.venue_id or -1), Venue.name, Hall.name)).all()
    roster = load_roster(session, event_id=event_id)
    groups = session.scalars(select(Participation.group_name).distinct().where(
        Participation.event_id == event_id, Participation.group_name != "").order_by(Participation.group_name))
    return ItemChoices(
        halls=tuple((i, f"{venue} {hall}") for i, venue, hall in halls),
        roles=tuple(dict.fromkeys(r.role for r in roster)),
        delegations=tuple(sorted({r.delegation for r in roster if r.delegation})),
        groups=tuple(groups),
        people=tuple(Choice(r.participation_id, r.name, r.role, r.unit) for r in roster))


def shared_programme(session: Session, event_id: int) -> Programme:
    """The event's programme, read once for every domain checking it together (readmodels.shared_reads)."""
    return read_once(session, ("programme", event_id), lambda: load_programme(session, event_id))
