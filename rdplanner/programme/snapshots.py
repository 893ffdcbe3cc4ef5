"""The programme's part of the undo protocol (rdplanner.undo), keyed by event: its items, the people
named for them, and which trips are attached to which item."""

from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from rdplanner.errors import StaleEdit
from rdplanner.models import Attendance, Event, Hall, Participation, ProgrammeAttendee, Sitting, Trip
from rdplanner.programme.service import changes
from rdplanner.store import lock_roster
from rdplanner.undo import Restored

COLUMNS = ("id", "name", "kind", "starts_at", "ends_at", "hall_id", "place", "sort_order", "audience",
           "audience_value", "notes")


@dataclass(frozen=True)
class ProgrammeState:
    """An event's programme at one moment, as plain sorted tuples."""

    event_id: int
    items: tuple[tuple, ...]  # COLUMNS, by id
    named: tuple[tuple[int, int], ...]  # (sitting id, participation id)
    trips: tuple[tuple[int, int | None], ...]  # (trip id, sitting id) of the event's trips


def take(session: Session, event_id: int) -> ProgrammeState:
    columns = [getattr(Sitting, c) for c in COLUMNS]
    items = session.execute(select(*columns).where(Sitting.event_id == event_id).order_by(Sitting.id)).all()
    named = session.execute(select(ProgrammeAttendee.sitting_id, ProgrammeAttendee.participation_id)
                            .join(Sitting, Sitting.id == ProgrammeAttendee.sitting_id)
                            .where(Sitting.event_id == event_id)
                            .order_by(ProgrammeAttendee.sitting_id, ProgrammeAttendee.participation_id)).all()
    trips = session.execute(select(Trip.id, Trip.sitting_id).where(Trip.event_id == event_id).order_by(Trip.id)).all()
    return ProgrammeState(event_id, tuple(map(tuple, items)), tuple(map(tuple, named)), tuple(map(tuple, trips)))


def put_back(session: Session, event_id: int, state: ProgrammeState) -> Restored:
    """Make the event's programme ``state``; the caller commits.

    Refuses (StaleEdit) to remove an item that has sign-in records since, or to re-create an item whose
    id another row now holds (SQLite gives a removed row's id to the next new one). Named people who
    have left the event, and trips since deleted, are skipped and counted; a hall since deleted is left
    empty.
    """
    now = take(session, event_id)
    wanted = {row[0]: row for row in state.items}
    current = {row[0]: row for row in now.items}
    gone = sorted(set(current) - set(wanted))
    if gone and session.scalar(select(Attendance.id).where(Attendance.sitting_id.in_(gone)).limit(1)):
        raise StaleEdit("要撤销的日程已有签到记录，无法撤销；请刷新后再操作。")
    new = sorted(set(wanted) - set(current))
    if new and session.scalar(select(Sitting.id).where(Sitting.id.in_(new)).limit(1)):
        raise StaleEdit("日程的记录编号已被其他活动新建的日程使用，无法撤销或重做；请刷新后再操作。")
    if gone:
        session.execute(delete(Sitting).where(Sitting.id.in_(gone)))
    halls = set(session.scalars(select(Hall.id)))
    rows = [dict(zip(COLUMNS, row, strict=True)) | {"event_id": event_id} for i, row in wanted.items()
            if i not in current or current[i] != row]
    for row in rows:
        if row["hall_id"] not in halls:
            row["hall_id"] = None
        if row["id"] in current:
            session.execute(update(Sitting).where(Sitting.id == row["id"]).values(**row, version=Sitting.version + 1))
        else:
            session.execute(insert(Sitting), [row])
    skipped = _put_named(session, event_id, now, state) + _put_trips(session, now, state)
    session.flush()
    return Restored(changes(event_id, sorted(set(gone) | {r["id"] for r in rows})), skipped)


def _put_named(session: Session, event_id: int, now: ProgrammeState, state: ProgrammeState) -> int:
    if now.named == state.named:
        return 0
    items = {row[0] for row in state.items}
    present = set(session.scalars(select(Participation.id).where(Participation.event_id == event_id)))
    session.execute(delete(ProgrammeAttendee).where(ProgrammeAttendee.sitting_id.in_(items)))
    rows = [{"sitting_id": s, "participation_id": p} for s, p in state.named if p in present and s in items]
    if rows:
        session.execute(insert(ProgrammeAttendee), rows)
    return len(state.named) - len(rows)


def _put_trips(session: Session, now: ProgrammeState, state: ProgrammeState) -> int:
    existing = dict(now.trips)
    skipped = 0
    for trip_id, sitting_id in state.trips:
        if trip_id not in existing:
            skipped += 1
        elif existing[trip_id] != sitting_id:
            session.execute(update(Trip).where(Trip.id == trip_id).values(sitting_id=sitting_id,
                                                                            version=Trip.version + 1))
    return skipped


class ProgrammeSnapshots:
    """The undo protocol for one event's programme (key: the event id)."""

    domain = "programme"

    def take(self, session: Session, key: int) -> ProgrammeState:
        return take(session, key)

    def lock(self, session: Session, key: int) -> None:
        lock_roster(session, key)  # every programme service takes it, and so do the trips' writers

    def restore(self, session: Session, key: int, state: ProgrammeState) -> Restored:
        return put_back(session, key, state)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(Event.name).where(Event.id == key))
        return f"“{name}”的日程" if name else "日程"


PROGRAMME = ProgrammeSnapshots()
