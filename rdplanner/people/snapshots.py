"""The roster's part of the undo protocol (rdplanner.undo), keyed by event: its participations, their
directory entries, the plans hanging on them (seats, rooms, rides, meals, sign-ins) and its import
records, compared and restored exactly (only the version and update-time bookkeeping moves on).
"""

from dataclasses import dataclass, field

from sqlalchemy import Table, delete, exists, func, insert, or_, select, update
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.clock import utc_now
from rdplanner.errors import StaleEdit
from rdplanner.models import (
    Attendance,
    BodyMembership,
    Event,
    ImportBatch,
    MealDiner,
    Participation,
    Person,
    ProgrammeAttendee,
    SeatAssignment,
    SeatPlan,
    Stay,
    TripPassenger,
)
from rdplanner.store import lock_roster
from rdplanner.undo import Restored

BOOKKEEPING = frozenset({"version", "updated_at"})
# The rows hanging on a participation, which its removal deletes with it.
DEPENDENTS = (SeatAssignment, Stay, TripPassenger, MealDiner, Attendance, ProgrammeAttendee)
CHUNK = 500


@dataclass(frozen=True)
class TableRows:
    """The rows of one table that belong to the state: its compared columns (id first), sorted by id."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class RosterState:
    """An event's roster at one moment. ``person_floor`` (the highest person id then, not compared)
    tells the people an action created, which undoing it removes from the directory again."""

    event_id: int
    tables: tuple[TableRows, ...]
    person_floor: int = field(default=0, compare=False)


def _columns(table: Table) -> list:
    return [c for c in table.c if c.name not in BOOKKEEPING]


def _scopes(event_id: int) -> list[tuple[Table, object]]:
    """Each table of the state in the order rows are written, with the condition that picks its rows."""
    parts = select(Participation.id).where(Participation.event_id == event_id)
    people = select(Participation.person_id).where(Participation.event_id == event_id)
    person, part = Person.__table__, Participation.__table__
    scopes = [(person, person.c.id.in_(people)), (part, part.c.event_id == event_id)]
    scopes += [(m.__table__, m.__table__.c.participation_id.in_(parts)) for m in DEPENDENTS]
    batch = ImportBatch.__table__
    return scopes + [(batch, batch.c.event_id == event_id)]


def take(session: Session, event_id: int) -> RosterState:
    """Return the event's roster state as plain data."""
    tables = []
    for table, condition in _scopes(event_id):
        columns = _columns(table)
        rows = session.execute(select(*columns).where(condition).order_by(table.c.id)).all()
        tables.append(TableRows(table.name, tuple(c.name for c in columns), tuple(tuple(r) for r in rows)))
    floor = session.scalar(select(func.max(Person.id))) or 0
    return RosterState(event_id, tuple(tables), floor)


def put_back(session: Session, event_id: int, state: RosterState) -> Restored:
    """Make the event's roster exactly ``state``; the caller commits.

    Rows whose other parents have gone since (a sitting, a trip, a meal, a room, a seat) are skipped
    and counted. People the state does not hold and who joined the directory after it was taken are
    deleted unless something else now refers to them.
    """
    current = {t.table: t for t in take(session, event_id).tables}
    wanted = {t.table: t for t in state.tables}
    scopes = _scopes(event_id)
    _refuse_reused_ids(session, scopes, current, wanted)
    for table, _condition in reversed(scopes):  # children first: a participation's plans before it
        gone = {r[0] for r in current[table.name].rows} - {r[0] for r in wanted[table.name].rows}
        if table is not Person.__table__:
            _delete(session, table, gone)
    skipped = 0
    for table, _condition in scopes:
        skipped += _write(session, table, current[table.name], wanted[table.name])
    extra = {r[0] for r in current["person"].rows} - {r[0] for r in wanted["person"].rows}
    _delete_new_people(session, [i for i in extra if i > state.person_floor])
    session.flush()
    domains = frozenset((key, event_id) for key in ("people", "attendance", "seating"))
    return Restored(Changes(domains=domains, events_list=True), skipped)


def _refuse_reused_ids(session: Session, scopes: list[tuple[Table, object]], current: dict[str, TableRows],
                       wanted: dict[str, TableRows]) -> None:
    """Refuse (StaleEdit) when a row to put back has an id another row holds now: SQLite hands a deleted
    row's id to the next new row, so after an undo someone else's new person or participant may carry
    it. A person who left the event but stayed in the directory is the same row (same creation time)."""
    for table, _condition in scopes:
        rows = {r[0]: r for r in wanted[table.name].rows}
        ids = sorted(set(rows) - {r[0] for r in current[table.name].rows})
        if not ids:
            continue
        same_person = table is Person.__table__
        at = wanted[table.name].columns.index("created_at") if same_person else 0
        for start in range(0, len(ids), CHUNK):
            for row_id, created_at in session.execute(select(table.c.id, table.c.get("created_at", table.c.id))
                                                      .where(table.c.id.in_(ids[start:start + CHUNK]))):
                if not (same_person and created_at == rows[row_id][at]):
                    session.rollback()
                    raise StaleEdit("参会人员名单的记录编号已被新建的其他记录使用（他人或其他窗口在此期间新增了人员），"
                                    "无法撤销或重做；请刷新后再操作。")


def _delete(session: Session, table: Table, ids: set[int]) -> None:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        session.execute(delete(table).where(table.c.id.in_(ordered[start:start + CHUNK])))


def _write(session: Session, table: Table, now: TableRows, wanted: TableRows) -> int:
    """Insert the wanted rows missing and update those that differ; return how many could not be put back."""
    existing = {r[0]: r for r in now.rows}
    if table is Person.__table__:  # a person left the state but not the directory: update, not insert
        ids = [r[0] for r in wanted.rows if r[0] not in existing]
        existing |= {r[0]: tuple(r) for r in session.execute(
            select(*_columns(table)).where(table.c.id.in_(ids))).all()} if ids else {}
    def values(row: tuple) -> dict:
        return dict(zip(wanted.columns, row, strict=True))

    missing = [values(r) for r in wanted.rows if r[0] not in existing]
    changed = [values(r) for r in wanted.rows if r[0] in existing and existing[r[0]] != r]
    insertable = _with_parents(session, table, missing)
    if insertable:
        session.execute(insert(table), insertable)
    for row in changed:
        session.execute(update(table).where(table.c.id == row["id"]).values(**row, **_bumped(table)))
    return len(missing) - len(insertable)


def _bumped(table: Table) -> dict:
    values = {}
    if "version" in table.c:
        values["version"] = table.c.version + 1
    if "updated_at" in table.c:
        values["updated_at"] = utc_now()
    return values


def _with_parents(session: Session, table: Table, rows: list[dict]) -> list[dict]:
    """The rows whose every foreign key still points at an existing row (participations and people are
    in the state and written first)."""
    for column in table.c:
        for key in column.foreign_keys:
            values = sorted({r[column.name] for r in rows if r[column.name] is not None})
            if not values:
                continue
            present = set(session.scalars(select(key.column).where(key.column.in_(values))))
            rows = [r for r in rows if r[column.name] is None or r[column.name] in present]
    return rows


def _delete_new_people(session: Session, ids: list[int]) -> None:
    person = Person.__table__
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        used = or_(exists().where(Participation.person_id == person.c.id),
                   exists().where(BodyMembership.person_id == person.c.id))
        session.execute(delete(person).where(person.c.id.in_(chunk), ~used))


class RosterSnapshots:
    """The undo protocol for one event's roster (key: the event id)."""

    domain = "people"

    def take(self, session: Session, key: int) -> RosterState:
        return take(session, key)

    def lock(self, session: Session, key: int) -> None:
        # The event row, which every writer of the roster takes (store.lock_roster), and its seat
        # plans: the state holds their seat assignments, which every seating action writes under its
        # plan's lock. A deleted event refuses (NotFound) rather than "restoring" into nothing.
        # Its people too: a person is shared with the other events they take part in, whose writers
        # lock only their own event; locking the rows makes such an edit wait for the undo (or land
        # before it, and be seen by the expected-state check).
        lock_roster(session, key)
        session.execute(select(SeatPlan.id).where(SeatPlan.event_id == key).with_for_update())
        people = select(Participation.person_id).where(Participation.event_id == key)
        session.execute(select(Person.id).where(Person.id.in_(people)).order_by(Person.id).with_for_update())

    def restore(self, session: Session, key: int, state: RosterState) -> Restored:
        return put_back(session, key, state)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(Event.name).where(Event.id == key))
        return f"活动“{name}”的参会人员名单" if name else "参会人员名单"


ROSTER = RosterSnapshots()
