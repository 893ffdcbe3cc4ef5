"""Small persistence helpers shared by the services: fetching by id and optimistic locking."""

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel

from rdplanner.db_errors import translate_db_error, where_of
from rdplanner.errors import NotFound, RdplannerError, StaleEdit
from rdplanner.models import Event

Row = TypeVar("Row", bound=SQLModel)


def get_or_raise(session: Session, model: type[Row], row_id: int, what: str) -> Row:
    """Return the row or raise NotFound naming ``what`` (a Chinese noun such as "活动")."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"找不到该{what}（编号 {row_id}），可能已被删除。")
    return row


def lock_roster(session: Session, event_id: int) -> None:
    """Take the lock every writer of an event's roster takes: the event row, ``FOR UPDATE`` on a server.

    The roster is the event's participations, their directory entries and the plans hanging on them
    (seats, rooms, rides, meals, sign-ins) and its import records: the state the roster's undo
    compares and restores (people.snapshots). A write taking this lock waits for an undo being recorded
    or restored, so it lands before or after it, never inside. On SQLite the write transaction
    already serialises; the existence check stays.

    Raises:
        NotFound: the event is gone.
    """
    found = session.scalar(select(Event.id).where(Event.id == event_id).with_for_update())
    if found is None:
        raise NotFound(f"找不到该活动（编号 {event_id}），可能已被删除。")


def versioned_update(
    session: Session,
    model: type[SQLModel],
    row_id: int,
    *,
    expected_version: int,
    values: Mapping[str, Any],
    what: str,
) -> int:
    """Update one row only if nobody saved it since ``expected_version``; return the new version.

    The check and the write are one UPDATE statement, so two clients cannot both win.

    Raises:
        StaleEdit if the row changed since it was read; NotFound if it is gone.
    """
    table = model.__table__  # type: ignore[attr-defined]
    statement = (
        update(table)
        .where(table.c.id == row_id, table.c.version == expected_version)
        .values(**values, version=expected_version + 1)
    )
    try:
        updated = session.execute(statement).rowcount == 1
    except OperationalError as exc:
        # SQLite refuses a write from a transaction whose snapshot another writer has since
        # overtaken (SQLITE_BUSY_SNAPSHOT); look again with a fresh snapshot to tell why.
        session.rollback()
        if _current_version(session, table, row_id, what) == expected_version:
            raise translate_db_error(exc, where=where_of(session)) from exc
        raise _stale(what) from exc
    if not updated:
        session.rollback()
        _current_version(session, table, row_id, what)
        raise _stale(what)
    return expected_version + 1


def _current_version(session: Session, table: Any, row_id: int, what: str) -> int:
    version = session.scalar(select(table.c.version).where(table.c.id == row_id))
    if version is None:
        raise NotFound(f"找不到该{what}（编号 {row_id}），可能已被删除。")
    return version


def _stale(what: str) -> RdplannerError:
    return StaleEdit(f"该{what}已被其他人修改并保存（您打开后发生了变化），本次修改未保存。"
                     "请重新打开后再修改。")


def column_values(row: object, *, exclude: set[str]) -> dict:
    """The values of a row's table columns, without ``exclude`` (to insert a copy of it)."""
    table = type(row).__table__  # type: ignore[attr-defined]
    return {c.name: getattr(row, c.name) for c in table.columns if c.name not in exclude}


def copy_event_rows(session, model: type, source_id: int, target_id: int, reset: dict | None = None) -> dict[int, int]:
    """Copy ``model``'s rows of one event to another (new ids, version 1, ``reset`` applied).

    Returns old id → new id, in the source's id order.
    """
    rows = session.scalars(select(model).where(model.event_id == source_id).order_by(model.id)).all()
    copies = [model(**column_values(row, exclude={"id", "version"}) | (reset or {}) | {"event_id": target_id})
              for row in rows]
    session.add_all(copies)
    session.flush()
    return {row.id: copy.id for row, copy in zip(rows, copies, strict=True)}
