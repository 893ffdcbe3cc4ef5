"""The undo record of an import (ImportBatch.undo_json): what it created and what it overwrote.

Format 1, JSON::

    {"format": 1,
     "persons_created": [{"id": 7, "values": {...every column as written...}}],
     "participations_created": [{"id": 9, "values": {...}}],
     "persons_updated": [{"id": 3, "version": 4, "before": {"phone": "…"}, "after": {"phone": "…"}}],
     "participations_updated": [{"id": 5, "version": 2, "before": {...}, "after": {...}}]}

``version`` is the row's version right after the import. Undo decides on values, not versions:
a version also moves when a later import changes a row and is itself undone, which leaves the
row exactly as this import wrote it, and that must not block undoing this one.
"""

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

UNDO_FORMAT = 1
NOT_COMPARED = frozenset({"id", "version", "created_at", "updated_at"})
CHUNK = 500


def new_record() -> dict:
    """Return an empty undo record."""
    return {"format": UNDO_FORMAT, "persons_created": [], "participations_created": [],
            "persons_updated": [], "participations_updated": []}


def jsonable(value: Any) -> Any:
    """Return a column value as stored in JSON (dates and times as ISO text)."""
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def column_values(model: type, values: dict) -> dict:
    """Return recorded values as the columns of ``model`` take them (ISO text back to dates and times)."""
    table = model.__table__  # type: ignore[attr-defined]
    found = {}
    for key, value in values.items():
        kind = table.c[key].type.python_type if key in table.c else None
        if isinstance(value, str) and kind in (date, datetime, time):
            value = kind.fromisoformat(value)
        found[key] = value
    return found


def current_rows(session: Session, model: type, ids: list[int]) -> dict[int, dict]:
    """Return id → {column: JSON-able value} for the rows of ``ids`` that still exist."""
    table = model.__table__  # type: ignore[attr-defined]
    found: dict[int, dict] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(table).where(table.c.id.in_(ids[start:start + CHUNK]))
        for row in session.execute(query).mappings():
            found[row["id"]] = {key: jsonable(value) for key, value in row.items()}
    return found


def created_entries(session: Session, model: type, ids: list[int]) -> list[dict]:
    """Return undo entries for freshly inserted rows: their id and every compared column."""
    rows = current_rows(session, model, ids)
    return [{"id": i, "values": {k: v for k, v in rows[i].items() if k not in NOT_COMPARED}} for i in ids]


def differs(row: dict, expected: dict) -> bool:
    """Return True if any recorded column of ``row`` no longer has its recorded value."""
    return any(row.get(key) != jsonable(value) for key, value in expected.items())
