"""Transport's part of the undo protocol (rdplanner.undo), keyed by event: the event's trips and their
passengers as plain rows (only the version moves on), the event's lock, and putting a snapshot back
with the same ids, skipping (and counting) what no longer exists.
"""

from dataclasses import dataclass

from sqlalchemy import Table, delete, insert, select, update
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.errors import StaleEdit
from rdplanner.models import Driver, Event, Participation, Sitting, Trip, TripPassenger, Vehicle
from rdplanner.store import lock_roster
from rdplanner.undo import Restored

TRIPS: Table = Trip.__table__  # type: ignore[attr-defined]
RIDERS: Table = TripPassenger.__table__  # type: ignore[attr-defined]
TRIP_COLUMNS = tuple(c.name for c in TRIPS.c if c.name != "version")
RIDER_COLUMNS = tuple(c.name for c in RIDERS.c)
# A trip's references that may have gone since (SET NULL on delete): put back empty, counted as skipped.
PARENTS = {"vehicle_id": Vehicle, "driver_id": Driver, "sitting_id": Sitting}


@dataclass(frozen=True)
class TransportState:
    """An event's trips and passengers at one moment, each a tuple in TRIP_COLUMNS / RIDER_COLUMNS order,
    sorted by id."""

    event_id: int
    trips: tuple[tuple, ...]
    passengers: tuple[tuple, ...]


def take(session: Session, event_id: int) -> TransportState:
    """Return the event's trips and passengers as plain data."""
    trips = session.execute(select(*(TRIPS.c[n] for n in TRIP_COLUMNS)).where(TRIPS.c.event_id == event_id)
                            .order_by(TRIPS.c.id)).all()
    riders = session.execute(select(*(RIDERS.c[n] for n in RIDER_COLUMNS))
                             .join(TRIPS, TRIPS.c.id == RIDERS.c.trip_id)
                             .where(TRIPS.c.event_id == event_id).order_by(RIDERS.c.id)).all()
    return TransportState(event_id, tuple(tuple(r) for r in trips), tuple(tuple(r) for r in riders))


def put_back(session: Session, event_id: int, state: TransportState) -> Restored:
    """Make the event's trips and passengers exactly ``state``, with the same ids; the caller commits.

    A car, driver or programme item deleted since is left empty on its trip, and a passenger who has left
    the event is left off; each counts as one item not put back.

    Raises:
        StaleEdit: an id to put back now belongs to another event's trip or passenger (SQLite hands a
        deleted row's id to the next new row); nothing is changed.
    """
    now = take(session, event_id)
    trips_now = {r[0]: r for r in now.trips}
    riders_wanted = set(state.passengers)
    _refuse_reused(session, TRIPS, {r[0] for r in state.trips} - set(trips_now))
    _refuse_reused(session, RIDERS, {r[0] for r in state.passengers} - {r[0] for r in now.passengers})
    stale = [r[0] for r in now.passengers if r not in riders_wanted]
    if stale:
        session.execute(delete(RIDERS).where(RIDERS.c.id.in_(stale)))
    gone = sorted(set(trips_now) - {r[0] for r in state.trips})
    if gone:
        session.execute(delete(RIDERS).where(RIDERS.c.trip_id.in_(gone)))
        session.execute(delete(TRIPS).where(TRIPS.c.id.in_(gone)))
    skipped, written = _write_trips(session, trips_now, state.trips)
    skipped += _write_riders(session, event_id, set(now.passengers) & riders_wanted, state.passengers)
    session.flush()
    touched = sorted(set(written) | set(gone) | {r[1] for r in set(now.passengers) ^ riders_wanted})
    return Restored(Changes.of("transport", event_id, rows=tuple(("trip", i) for i in touched)), skipped)


def _refuse_reused(session: Session, table: Table, ids: set[int]) -> None:
    if ids and session.scalar(select(table.c.id).where(table.c.id.in_(sorted(ids))).limit(1)) is not None:
        session.rollback()
        raise StaleEdit("行程的记录编号已被新建的其他记录使用（他人或其他窗口在此期间新增了行程），"
                        "无法撤销或重做；请刷新后再操作。")


def _present(session: Session, model: type, ids: set[int]) -> set[int]:
    return set(session.scalars(select(model.id).where(model.id.in_(sorted(ids))))) if ids else set()


def _write_trips(session: Session, now: dict[int, tuple], wanted: tuple[tuple, ...]) -> tuple[int, list[int]]:
    """Insert the wanted trips missing and update those that differ; return (skipped, trip ids written)."""
    rows = [dict(zip(TRIP_COLUMNS, r, strict=True)) for r in wanted if now.get(r[0]) != r]
    skipped = 0
    for column, model in PARENTS.items():
        present = _present(session, model, {r[column] for r in rows if r[column] is not None})
        for row in rows:
            if row[column] is not None and row[column] not in present:
                row[column] = None
                skipped += 1
    fresh = [r for r in rows if r["id"] not in now]
    if fresh:
        session.execute(insert(TRIPS), fresh)
    for row in rows:
        if row["id"] in now:
            statement = update(TRIPS).where(TRIPS.c.id == row["id"])
            session.execute(statement.values(**row, version=TRIPS.c.version + 1))
    return skipped, [r["id"] for r in rows]


def _write_riders(session: Session, event_id: int, kept: set[tuple], wanted: tuple[tuple, ...]) -> int:
    """Insert the wanted passengers missing (``kept`` are in place); return how many could not be."""
    missing = [dict(zip(RIDER_COLUMNS, r, strict=True)) for r in wanted if r not in kept]
    asked = sorted({r["participation_id"] for r in missing})
    if not asked:
        return 0
    p = Participation
    people = set(session.scalars(select(p.id).where(p.event_id == event_id, p.id.in_(asked))))
    insertable = [r for r in missing if r["participation_id"] in people]
    if insertable:
        session.execute(insert(RIDERS), insertable)
    return len(missing) - len(insertable)


class TransportSnapshots:
    """The undo protocol for one event's trips (key: the event id)."""

    domain = "transport"

    def take(self, session: Session, key: int) -> TransportState:
        return take(session, key)

    def lock(self, session: Session, key: int) -> None:
        lock_roster(session, key)

    def restore(self, session: Session, key: int, state: TransportState) -> Restored:
        return put_back(session, key, state)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(Event.name).where(Event.id == key))
        return f"“{name}”的行程" if name else "行程"


TRANSPORT = TransportSnapshots()
