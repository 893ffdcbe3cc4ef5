"""A domain's undo state as plain table rows, taken and put back with the same ids.

Most domains' undo state (rdplanner.undo) is "these rows of these tables": an event's stays, its meals
with their menus, its check-ins. A domain declares its tables once as ``Scope``s, parents first, and
gets ``take`` and ``put_back`` from here instead of writing them again:

    SCOPES = (Scope(Meal.__table__, lambda key: Meal.__table__.c.event_id == key),
              Scope(MenuItem.__table__, lambda key: MenuItem.__table__.c.meal_id.in_(
                  select(Meal.id).where(Meal.event_id == key)), requires={"meal_id": Meal.__table__}))

Rows are compared without their ``version`` (bookkeeping): putting a row back that differs moves its
version on, so an editor holding the old version is told the row changed. A reference to a row deleted
since is set empty when the column is nullable, else the row is skipped; both are counted.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Table, delete, insert, select, update
from sqlmodel import Session

from rdplanner.errors import StaleEdit

BOOKKEEPING = frozenset({"version"})


@dataclass(frozen=True)
class Scope:
    """One table of a state: ``where(key)`` picks the key's rows; ``requires`` maps a column to the table
    its value must exist in (checked when putting back)."""

    table: Table
    where: Callable[[object], ColumnElement[bool]]
    requires: Mapping[str, Table] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.c if c.name not in BOOKKEEPING)


@dataclass(frozen=True)
class TableRows:
    """The rows of one table at one moment: its compared columns (id first), sorted by id."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class TableState:
    """Every table of a state for one key."""

    key: object
    tables: tuple[TableRows, ...]

    def rows(self, table: str) -> tuple[tuple, ...]:
        return next(t.rows for t in self.tables if t.table == table)


@dataclass(frozen=True)
class PutBack:
    """What putting a state back did: the ids written or deleted per table, and the rows not put back."""

    touched: Mapping[str, frozenset[int]]
    skipped: int


def take(session: Session, scopes: tuple[Scope, ...], key: object) -> TableState:
    """Return the key's rows of every scope as plain, comparable data."""
    tables = []
    for scope in scopes:
        columns = [scope.table.c[name] for name in scope.columns]
        rows = session.execute(select(*columns).where(scope.where(key)).order_by(scope.table.c.id)).all()
        tables.append(TableRows(scope.table.name, scope.columns, tuple(tuple(r) for r in rows)))
    return TableState(key, tuple(tables))


def put_back(session: Session, scopes: tuple[Scope, ...], state: TableState, *, what: str) -> PutBack:
    """Make the key's rows exactly ``state``, with the same ids; the caller commits.

    ``what`` names the plan in the refusal ("住宿安排").

    Raises:
        StaleEdit: a row to put back has an id another key's row holds now (SQLite hands a deleted row's
            id to the next new row); nothing is changed.
    """
    current = {t.table: t for t in take(session, scopes, state.key).tables}
    wanted = {t.table: t for t in state.tables}
    for scope in scopes:
        name = scope.table.name
        missing = {r[0] for r in wanted[name].rows} - {r[0] for r in current[name].rows}
        if missing and session.scalar(select(scope.table.c.id).where(scope.table.c.id.in_(sorted(missing)))
                                      .limit(1)) is not None:
            session.rollback()
            raise StaleEdit(f"{what}的记录编号已被新建的其他记录使用（他人或其他窗口在此期间新增了记录），"
                            "无法撤销或重做；请刷新后再操作。")
    touched: dict[str, set[int]] = {scope.table.name: set() for scope in scopes}
    for scope in reversed(scopes):  # children first
        name = scope.table.name
        gone = sorted({r[0] for r in current[name].rows} - {r[0] for r in wanted[name].rows})
        if gone:
            session.execute(delete(scope.table).where(scope.table.c.id.in_(gone)))
            touched[name].update(gone)
    skipped = 0
    for scope in scopes:  # parents first, so a child's check sees its parent put back
        name = scope.table.name
        now = {r[0]: r for r in current[name].rows}
        rows = [dict(zip(scope.columns, r, strict=True)) for r in wanted[name].rows if now.get(r[0]) != r]
        rows, dropped = _usable(session, scope, rows)
        skipped += dropped
        fresh = [r for r in rows if r["id"] not in now]
        if fresh:
            session.execute(insert(scope.table), fresh)
        for row in rows:
            if row["id"] in now:
                statement = update(scope.table).where(scope.table.c.id == row["id"])
                if "version" in scope.table.c:
                    statement = statement.values(version=scope.table.c.version + 1)
                session.execute(statement.values(**row))
        touched[name].update(r["id"] for r in rows)
    session.flush()
    return PutBack({name: frozenset(ids) for name, ids in touched.items()}, skipped)


def _usable(session: Session, scope: Scope, rows: list[dict]) -> tuple[list[dict], int]:
    """Rows whose references exist: a nullable reference gone is emptied, a required one drops the row."""
    skipped = 0
    for column, parent in scope.requires.items():
        asked = sorted({r[column] for r in rows if r[column] is not None})
        present = set(session.scalars(select(parent.c.id).where(parent.c.id.in_(asked)))) if asked else set()
        nullable = scope.table.c[column].nullable
        kept = []
        for row in rows:
            if row[column] is None or row[column] in present:
                kept.append(row)
            elif nullable:
                kept.append(row | {column: None})
                skipped += 1
            else:
                skipped += 1
        rows = kept
    return rows, skipped
