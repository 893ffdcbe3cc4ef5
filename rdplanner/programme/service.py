"""The programme's services: one function per action of the officer, each validating first, then
writing under the event's lock (store.lock_roster, the lock the undo takes), then committing."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.labels import ROLES
from rdplanner.models import Attendance, Hall, Participation, ProgrammeAttendee, Sitting
from rdplanner.programme.kinds import AUDIENCES, ITEM_KINDS, SITTING_KINDS
from rdplanner.store import lock_roster, versioned_update
from rdplanner.text import INVISIBLE

MAX_NAME, MAX_PLACE, MAX_VALUE = 200, 200, 100
ITEM = "日程"


@dataclass(frozen=True)
class ItemDraft:
    """What the officer fills in for a programme item."""

    name: str
    kind: str
    starts_at: datetime | None
    ends_at: datetime | None = None
    hall_id: int | None = None
    place: str = ""
    audience: str = "all"
    audience_value: str = ""
    notes: str = ""
    attendees: tuple[int, ...] = ()  # participations, for the audience "people"


def validate_item(session: Session, event_id: int, draft: ItemDraft) -> ItemDraft:
    """Return the draft with its text cleaned, or raise InvalidInput naming the field."""
    clean = {f: " ".join(getattr(draft, f).translate(INVISIBLE).split())
             for f in ("name", "place", "audience_value")}
    draft = replace(draft, notes=draft.notes.translate(INVISIBLE).strip(), **clean)
    if not draft.name:
        raise InvalidInput("请填写日程名称。", field="name")
    for field, label, limit in (("name", "日程名称", MAX_NAME), ("place", "地点", MAX_PLACE),
                                ("audience_value", "参加范围", MAX_VALUE)):
        if len(getattr(draft, field)) > limit:
            raise InvalidInput(f"{label}过长（{len(getattr(draft, field))} 字），最多 {limit} 字。", field=field)
    if draft.kind not in ITEM_KINDS:
        raise InvalidInput(f"未知的日程类型：{draft.kind}", field="kind")
    if draft.starts_at is None:
        raise InvalidInput(f"请填写“{draft.name}”的开始时间。", field="starts_at")
    if draft.ends_at is not None:
        if draft.ends_at <= draft.starts_at:
            raise InvalidInput(f"“{draft.name}”的结束时间应晚于开始时间。", field="ends_at")
        if draft.ends_at.date() != draft.starts_at.date():
            raise InvalidInput(f"“{draft.name}”的结束时间应与开始时间在同一天；跨天的安排请分日填写。",
                               field="ends_at")
    _check_near_event(session, event_id, draft.starts_at.date(), draft.name)
    if draft.hall_id is not None and session.get(Hall, draft.hall_id) is None:
        raise InvalidInput("所选会场已不存在，请重新选择。", field="hall_id")
    _check_audience(session, event_id, draft)
    return replace(draft, audience_value="" if draft.audience in ("all", "people") else draft.audience_value,
                   attendees=tuple(dict.fromkeys(draft.attendees)) if draft.audience == "people" else ())


MAX_DAYS_AWAY = 366


def _check_near_event(session: Session, event_id: int, day: date, name: str) -> None:
    """An item belongs within a year of its event's dates (an item a few days outside them is only a
    finding, programme_outside_dates); a day years away is a typing error."""
    from rdplanner.models import Event

    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"找不到该活动（编号 {event_id}），可能已被删除。")
    if not (event.start_date - timedelta(days=MAX_DAYS_AWAY) <= day <= event.end_date + timedelta(days=MAX_DAYS_AWAY)):
        raise InvalidInput(f"“{name}”的日期 {day.year}年{day.month}月{day.day}日 与活动日期相差一年以上，请检查。",
                           field="starts_at")


def _check_audience(session: Session, event_id: int, draft: ItemDraft) -> None:
    if draft.audience not in AUDIENCES:
        raise InvalidInput(f"未知的参加范围：{draft.audience}", field="audience")
    if draft.audience == "role" and draft.audience_value not in ROLES:
        raise InvalidInput("请选择参加的人员身份。", field="audience_value")
    if draft.audience in ("delegation", "group") and not draft.audience_value:
        raise InvalidInput(f"请填写参加的{AUDIENCES[draft.audience]}名称。", field="audience_value")
    if draft.audience == "people":
        if not draft.attendees:
            raise InvalidInput(f"请选择参加“{draft.name}”的人员。", field="attendees")
        known = set(session.scalars(select(Participation.id).where(
            Participation.event_id == event_id, Participation.id.in_(set(draft.attendees)))))
        if len(known) != len(set(draft.attendees)):
            raise InvalidInput("所选人员中有人不在本活动的参会人员名单中，请刷新后重新选择。", field="attendees")


def _values(draft: ItemDraft) -> dict:
    return {"name": draft.name, "kind": draft.kind, "starts_at": draft.starts_at, "ends_at": draft.ends_at,
            "hall_id": draft.hall_id, "place": draft.place, "audience": draft.audience,
            "audience_value": draft.audience_value, "notes": draft.notes}


def changes(event_id: int, item_ids=(), *, sittings: bool = True) -> Changes:
    """The programme changed (and the sign-in's list of sittings, if a plenary or group item did)."""
    done = Changes.of("programme", event_id, rows=(("item", i) for i in item_ids))
    return done | Changes.of("attendance", event_id) if sittings else done


def add_item(session: Session, *, event_id: int, draft: ItemDraft) -> Outcome:
    """Add an item at the end of its day's order; the value is its id.

    Raises:
        NotFound: the event is gone. InvalidInput naming the field; nothing is saved then.
    """
    lock_roster(session, event_id)
    draft = validate_item(session, event_id, draft)
    last = session.scalar(select(func.max(Sitting.sort_order)).where(Sitting.event_id == event_id)) or 0
    item = Sitting(event_id=event_id, sort_order=last + 1, **_values(draft))
    session.add(item)
    session.flush()
    _set_named(session, item.id, draft.attendees)
    session.commit()
    return Outcome(changes(event_id, (item.id,), sittings=draft.kind in SITTING_KINDS), item.id)


def update_item(session: Session, *, item_id: int, expected_version: int, draft: ItemDraft) -> Outcome:
    """Save an edited item if nobody changed it since ``expected_version``.

    Raises:
        StaleEdit, NotFound, InvalidInput; nothing is saved then.
    """
    event_id = _event_of(session, item_id)
    lock_roster(session, event_id)
    draft = validate_item(session, event_id, draft)
    old_kind = session.scalar(select(Sitting.kind).where(Sitting.id == item_id))
    if old_kind in SITTING_KINDS and draft.kind not in SITTING_KINDS and _marks(session, item_id):
        raise InvalidInput(f"“{draft.name}”已有签到记录，不能改为不签到的日程类型。", field="kind")
    versioned_update(session, Sitting, item_id, expected_version=expected_version, values=_values(draft),
                     what=ITEM)
    _set_named(session, item_id, draft.attendees)
    session.commit()
    return Outcome(changes(event_id, (item_id,), sittings=bool({old_kind, draft.kind} & SITTING_KINDS)))


def remove_items(session: Session, *, item_ids: list[int]) -> Outcome:
    """Remove items of one event (trips planned for them stay, no longer attached to an item).

    Raises:
        InvalidInput: an item has sign-in records (they would be lost), or the items span events.
        NotFound; nothing is removed then.
    """
    if not item_ids:
        raise InvalidInput("请先选择要删除的日程。", field="item_ids")
    events = set(session.scalars(select(Sitting.event_id).where(Sitting.id.in_(item_ids))))
    if len(events) != 1:
        raise NotFound("所选日程已被删除或不属于同一活动，请刷新后再试。")
    event_id = events.pop()
    lock_roster(session, event_id)
    rows = session.execute(select(Sitting.id, Sitting.name, Sitting.kind).where(Sitting.id.in_(item_ids))).all()
    if len(rows) != len(set(item_ids)):
        raise NotFound("所选日程已被删除，请刷新后再试。")
    for item_id, name, _kind in rows:
        if count := _marks(session, item_id):
            raise InvalidInput(f"“{name}”已有 {count} 条签到记录，不能删除；如不再举行，请在备注中说明。",
                               field="item_ids")
    session.execute(delete(Sitting).where(Sitting.id.in_(item_ids)))
    session.commit()
    return Outcome(changes(event_id, item_ids, sittings=any(k in SITTING_KINDS for _, _, k in rows)))


def move_item(session: Session, *, item_id: int, step: int) -> Outcome:
    """Move an item one place earlier (``step`` −1) or later (+1) within its day.

    Two items at the same time (parallel group meetings) swap their order; otherwise they swap their
    time slots, each keeping its length: the earlier one's start becomes the start of the pair.

    Raises:
        InvalidInput: nothing to swap with (the first or last of its day). NotFound.
    """
    from rdplanner.programme.read import item_order, load_programme

    event_id = _event_of(session, item_id)
    lock_roster(session, event_id)
    programme = load_programme(session, event_id)
    item = programme.item(item_id)
    day = programme.items_on(item.day)
    at = day.index(item)
    if step not in (-1, 1) or not 0 <= at + step < len(day):
        raise InvalidInput(f"“{item.name}”已是当天{'第一' if step < 0 else '最后一'}项。", field="step")
    first, second = sorted((item, day[at + step]), key=item_order)
    rows = {i.id: session.get(Sitting, i.id) for i in (first, second)}
    if first.starts_at == second.starts_at or first.starts_at is None or second.starts_at is None:
        rows[first.id].sort_order, rows[second.id].sort_order = second.sort_order, first.sort_order
        if rows[first.id].sort_order == rows[second.id].sort_order:
            rows[second.id].sort_order -= 1
    else:
        start = first.starts_at
        gap = second.starts_at - (first.ends_at or second.starts_at)
        _place(rows[second.id], second, start)
        _place(rows[first.id], first, start + _length(second) + max(gap, timedelta(0)))
    for row in rows.values():
        row.version += 1
    session.commit()
    return Outcome(changes(event_id, rows, sittings=bool({first.kind, second.kind} & SITTING_KINDS)))


def _length(item) -> timedelta:
    return (item.ends_at - item.starts_at) if item.ends_at else timedelta(0)


def _place(row: Sitting, item, start: datetime) -> None:
    length = _length(item)
    row.starts_at = start
    row.ends_at = start + length if item.ends_at else None


def copy_items_to_day(session: Session, *, item_ids: list[int], day: date) -> Outcome:
    """Copy items (with their audience) to another day at the same times; the value is the new ids.

    Raises:
        InvalidInput: an item has no time, or the items span events. NotFound.
    """
    rows = session.scalars(select(Sitting).where(Sitting.id.in_(item_ids)).order_by(Sitting.id)).all()
    if not rows or len(rows) != len(set(item_ids)) or len({r.event_id for r in rows}) != 1:
        raise NotFound("所选日程已被删除或不属于同一活动，请刷新后再试。")
    event_id = rows[0].event_id
    lock_roster(session, event_id)
    if not isinstance(day, date) or isinstance(day, datetime):
        raise InvalidInput("请选择要复制到的日期。", field="day")
    _check_near_event(session, event_id, day, rows[0].name)
    last = session.scalar(select(func.max(Sitting.sort_order)).where(Sitting.event_id == event_id)) or 0
    made = []
    for n, row in enumerate(rows, 1):
        if row.starts_at is None:
            raise InvalidInput(f"“{row.name}”没有时间，无法复制到其他日期。", field="item_ids")
        shift = datetime.combine(day, row.starts_at.time()) - row.starts_at
        copy = Sitting(event_id=event_id, name=row.name, kind=row.kind, starts_at=row.starts_at + shift,
                       ends_at=row.ends_at + shift if row.ends_at else None, hall_id=row.hall_id,
                       place=row.place, sort_order=last + n, audience=row.audience,
                       audience_value=row.audience_value, notes=row.notes)
        session.add(copy)
        session.flush()
        _set_named(session, copy.id, _named(session, row.id))
        made.append(copy.id)
    session.commit()
    return Outcome(changes(event_id, made, sittings=any(r.kind in SITTING_KINDS for r in rows)), tuple(made))


def _event_of(session: Session, item_id: int) -> int:
    event_id = session.scalar(select(Sitting.event_id).where(Sitting.id == item_id))
    if event_id is None:
        raise NotFound(f"找不到该日程（编号 {item_id}），可能已被删除。")
    return event_id


def _marks(session: Session, item_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Attendance).where(Attendance.sitting_id == item_id)) or 0


def _named(session: Session, item_id: int) -> tuple[int, ...]:
    return tuple(session.scalars(select(ProgrammeAttendee.participation_id)
                                 .where(ProgrammeAttendee.sitting_id == item_id).order_by(ProgrammeAttendee.id)))


def _set_named(session: Session, item_id: int, participation_ids: tuple[int, ...]) -> None:
    if _named(session, item_id) == tuple(participation_ids):
        return
    session.execute(delete(ProgrammeAttendee).where(ProgrammeAttendee.sitting_id == item_id))
    if participation_ids:
        session.execute(insert(ProgrammeAttendee), [{"sitting_id": item_id, "participation_id": p}
                                                    for p in participation_ids])

