"""Undoing a roster import from its ImportBatch record, in one transaction.

Policy: undo restores exactly what the import changed, or refuses whole. It refuses when a value
the import wrote has been changed since (by hand or by a later import still in force), when a
participation it created was edited, or when plans now hang on one (a seat, a room, a car, a
meal, a sign-in): undoing would silently throw that work away. Rows deleted since are skipped.
People the import created are removed too, unless they have since been edited or joined another
event or body; those stay in the directory and the result names them. Undoing twice is refused.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Optional

from sqlalchemy import delete, select
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.clock import utc_now
from rdplanner.errors import InvalidInput
from rdplanner.models import (
    Attendance,
    BodyMembership,
    ImportBatch,
    MealDiner,
    Participation,
    Person,
    ProgrammeAttendee,
    SeatAssignment,
    Stay,
    TripPassenger,
)
from rdplanner.people.importing.record import CHUNK, column_values, current_rows, differs
from rdplanner.people.importing.values import shown
from rdplanner.readmodels import load_rows
from rdplanner.store import get_or_raise, lock_roster, versioned_update

PLANS_ON_PARTICIPATION = ((SeatAssignment, "座位"), (Stay, "住宿"), (TripPassenger, "用车"),
                          (MealDiner, "用餐"), (Attendance, "签到"), (ProgrammeAttendee, "日程"))
UPDATED = ((Person, "persons_updated", "人员"), (Participation, "participations_updated", "参会记录"))


@dataclass(frozen=True)
class ImportUndone:
    """The outcome of an undo: its change set, and what it did for the message to the user."""

    changes: Changes
    restored: int = 0
    removed: int = 0
    kept_people: tuple[str, ...] = ()

    def summary(self) -> str:
        """Return what the undo did, in Chinese."""
        text = f"已撤销导入：移出 {self.removed} 人，恢复 {self.restored} 条原有资料"
        if self.kept_people:
            names = "、".join(self.kept_people[:5]) + ("等" if len(self.kept_people) > 5 else "")
            text += f"；{names}（共 {len(self.kept_people)} 人）导入后已在别处使用或被修改，保留在人员库中"
        return text + "。"


def undo_import(session: Session, *, batch_id: int) -> ImportUndone:
    """Undo an import (see the module docstring for when it refuses).

    Raises:
        NotFound, InvalidInput (already undone, or changed since), StaleEdit; nothing is
        written in every case.
    """
    try:
        result = _undo(session, batch_id)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return result


def _undo(session: Session, batch_id: int) -> ImportUndone:
    batch = get_or_raise(session, ImportBatch, batch_id, "导入记录")
    if batch.undone_at is not None:
        when = batch.undone_at.replace(tzinfo=UTC).astimezone()
        raise InvalidInput(f"导入“{batch.file_name}”已于 {when:%Y-%m-%d %H:%M} 撤销，不能重复撤销。", field="batch")
    if batch.event_id:
        lock_roster(session, batch.event_id)
    undo = json.loads(batch.undo_json or "{}")
    created = undo.get("participations_created", [])
    created_rows = current_rows(session, Participation, [e["id"] for e in created])
    _refuse_if_changed(session, undo, created, created_rows)
    restored = _restore_updated(session, undo)
    part_ids = sorted(created_rows)
    for start in range(0, len(part_ids), CHUNK):
        session.execute(delete(Participation).where(Participation.id.in_(part_ids[start:start + CHUNK])))
    kept = _remove_created_people(session, undo.get("persons_created", []))
    batch.undone_at = utc_now()
    session.add(batch)
    session.flush()
    events = frozenset({batch.event_id}) if batch.event_id else frozenset()
    changes = Changes(domains=frozenset((key, e) for e in events for key in ("people", "attendance", "seating")),
                      events_list=True)
    return ImportUndone(changes, restored=restored, removed=len(part_ids), kept_people=kept)


def _refuse_if_changed(
    session: Session, undo: dict, created: list[dict], created_rows: dict[int, dict]
) -> None:
    """Raise InvalidInput naming the first person whose data moved on since the import."""
    for model, key, _what in UPDATED:
        entries = undo.get(key, [])
        rows = current_rows(session, model, [e["id"] for e in entries])
        for entry in entries:
            if entry["id"] in rows and differs(rows[entry["id"]], entry["after"]):
                _refuse(session, model, entry["id"], "的资料在导入后又被修改过（手工修改或之后的导入）")
    for entry in created:
        if entry["id"] in created_rows and differs(created_rows[entry["id"]], entry["values"]):
            _refuse(session, Participation, entry["id"], "的参会信息在导入后又被修改过")
    part_ids = sorted(created_rows)
    for model, what in PLANS_ON_PARTICIPATION:
        for start in range(0, len(part_ids), CHUNK):
            chunk = part_ids[start:start + CHUNK]
            query = select(model.participation_id).where(model.participation_id.in_(chunk)).limit(1)
            used = session.scalar(query)
            if used is not None:
                _refuse(session, Participation, used, f"在导入后已有{what}安排")


def _restore_updated(session: Session, undo: dict) -> int:
    """Put back the values the import overwrote; return how many rows were restored."""
    restored = 0
    for model, key, what in UPDATED:
        entries = undo.get(key, [])
        rows = current_rows(session, model, [e["id"] for e in entries])
        for entry in (e for e in entries if e["id"] in rows):  # deleted since: nothing to restore
            extra = {"updated_at": utc_now()} if model is Person else {}
            versioned_update(session, model, entry["id"], expected_version=rows[entry["id"]]["version"],
                             values={**column_values(model, entry["before"]), **extra}, what=what)
            restored += 1
    return restored


def _refuse(session: Session, model: type, row_id: int, why: str) -> None:
    person_id = row_id if model is Person else session.scalar(
        select(Participation.person_id).where(Participation.id == row_id))
    name = session.scalar(select(Person.name).where(Person.id == person_id)) or "某人"
    raise InvalidInput(f"“{shown(name)}”{why}，撤销会丢失这些改动，因此本次导入未撤销。请手工调整名单。",
                       field="batch")


def _remove_created_people(session: Session, entries: list[dict]) -> tuple[str, ...]:
    """Delete the people the import created, keeping (and naming) those used or edited since."""
    rows = current_rows(session, Person, [e["id"] for e in entries])
    ids = sorted(rows)
    used = set()
    for model in (Participation, BodyMembership):
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            used.update(session.scalars(select(model.person_id).where(model.person_id.in_(chunk))))
    edited = {e["id"] for e in entries if e["id"] in rows and differs(rows[e["id"]], e["values"])}
    keep = sorted(used | edited)
    removable = [i for i in ids if i not in used and i not in edited]
    for start in range(0, len(removable), CHUNK):
        session.execute(delete(Person).where(Person.id.in_(removable[start:start + CHUNK])))
    return tuple(rows[i]["name"] for i in keep)


@dataclass(frozen=True, slots=True)
class ImportBatchRow:
    """One past import of an event's roster, for the undo list."""

    id: int
    file_name: str
    created_at: datetime
    added: int
    updated: int
    unchanged: int
    undone_at: Optional[datetime]


def list_import_batches(session: Session, *, event_id: int) -> tuple[ImportBatchRow, ...]:
    """Return the event's imports, newest first."""
    b = ImportBatch
    query = (select(b.id, b.file_name, b.created_at, b.added, b.updated, b.unchanged, b.undone_at)
             .where(b.event_id == event_id).order_by(b.id.desc()))
    return load_rows(session, ImportBatchRow, query)
