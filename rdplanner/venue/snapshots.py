"""The venue set-up's part of the undo protocol (rdplanner.undo), keyed by event: its hall bookings and
set-ups with their checks and materials, compared and restored exactly (only the version moves on),
under the event's lock (store.lock_roster) that every venue service takes.
"""

from dataclasses import dataclass

from sqlalchemy import Table, delete, insert, select, update
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.errors import StaleEdit
from rdplanner.models import Event, Hall, HallBooking, VenueCheck, VenueMaterial, VenueSetup
from rdplanner.store import lock_roster
from rdplanner.undo import Restored

BOOKKEEPING = frozenset({"version"})


@dataclass(frozen=True)
class TableRows:
    """The rows of one table that belong to the state: its compared columns (id first), sorted by id."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class VenueState:
    """An event's venue set-up at one moment."""

    event_id: int
    tables: tuple[TableRows, ...]


def _scopes(event_id: int) -> list[tuple[Table, object]]:
    """Each table of the state, parents first, with the condition that picks the event's rows."""
    setups = select(VenueSetup.id).where(VenueSetup.event_id == event_id)
    booking, setup = HallBooking.__table__, VenueSetup.__table__
    check, material = VenueCheck.__table__, VenueMaterial.__table__
    return [(booking, booking.c.event_id == event_id), (setup, setup.c.event_id == event_id),
            (check, check.c.setup_id.in_(setups)), (material, material.c.setup_id.in_(setups))]


def take(session: Session, event_id: int) -> VenueState:
    """Return the event's venue set-up as plain data."""
    tables = []
    for table, condition in _scopes(event_id):
        columns = [c for c in table.c if c.name not in BOOKKEEPING]
        rows = session.execute(select(*columns).where(condition).order_by(table.c.id)).all()
        tables.append(TableRows(table.name, tuple(c.name for c in columns), tuple(tuple(r) for r in rows)))
    return VenueState(event_id, tuple(tables))


def put_back(session: Session, event_id: int, state: VenueState) -> Restored:
    """Make the event's venue set-up exactly ``state``; the caller commits.

    Bookings and set-ups of a hall deleted since are skipped and counted, with their checks and materials.

    Raises:
        StaleEdit: a row to put back has an id another event's row holds now (SQLite reuses a deleted
            row's id); nothing is changed.
    """
    current = {t.table: t for t in take(session, event_id).tables}
    wanted = {t.table: t for t in state.tables}
    scopes = _scopes(event_id)
    _refuse_reused_ids(session, scopes, current, wanted)
    for table, _condition in reversed(scopes):  # children first
        gone = sorted({r[0] for r in current[table.name].rows} - {r[0] for r in wanted[table.name].rows})
        if gone:
            session.execute(delete(table).where(table.c.id.in_(gone)))
    halls = set(session.scalars(select(Hall.id)))
    skipped, kept_setups = 0, set()
    for table, _condition in scopes:
        rows = [dict(zip(wanted[table.name].columns, r, strict=True)) for r in wanted[table.name].rows]
        if "hall_id" in table.c:
            usable = [r for r in rows if r["hall_id"] in halls]
        else:
            usable = [r for r in rows if r["setup_id"] in kept_setups]
        if table is VenueSetup.__table__:
            kept_setups = {r["id"] for r in usable}
        skipped += len(rows) - len(usable)
        _write(session, table, current[table.name], usable)
    session.flush()
    return Restored(Changes.of("venue", event_id), skipped)


def _refuse_reused_ids(session: Session, scopes: list[tuple[Table, object]], current: dict[str, TableRows],
                       wanted: dict[str, TableRows]) -> None:
    for table, _condition in scopes:
        missing = sorted({r[0] for r in wanted[table.name].rows} - {r[0] for r in current[table.name].rows})
        if missing and session.scalar(select(table.c.id).where(table.c.id.in_(missing)).limit(1)) is not None:
            session.rollback()
            raise StaleEdit("会场布置的记录编号已被新建的其他记录使用（他人或其他窗口在此期间"
                            "新增了预订或布置），无法撤销或重做；请刷新后再操作。")


def _write(session: Session, table: Table, now: TableRows, rows: list[dict]) -> None:
    """Insert the rows missing and update those that differ (moving their version on)."""
    existing = {r[0]: dict(zip(now.columns, r, strict=True)) for r in now.rows}
    missing = [r for r in rows if r["id"] not in existing]
    if missing:
        session.execute(insert(table), missing)
    for row in rows:
        if row["id"] in existing and existing[row["id"]] != row:
            bumped = update(table).where(table.c.id == row["id"]).values(**row, version=table.c.version + 1)
            session.execute(bumped)


class VenueSnapshots:
    """The undo protocol for one event's venue set-up (key: the event id)."""

    domain = "venue"

    def take(self, session: Session, key: int) -> VenueState:
        return take(session, key)

    def lock(self, session: Session, key: int) -> None:
        lock_roster(session, key)

    def restore(self, session: Session, key: int, state: VenueState) -> Restored:
        return put_back(session, key, state)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(Event.name).where(Event.id == key))
        return f"活动“{name}”的会场布置" if name else "会场布置"


VENUE = VenueSnapshots()
