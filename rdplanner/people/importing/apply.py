"""Saving an import: every accepted row in one transaction, or nothing at all.

Before writing, the accepted rows are matched again against the database: if anyone changed the
people or the event's participants since the preview, the import is refused (and nothing is
written) rather than applied to data the user has not seen. The batch records how to undo it.
"""

import json
from typing import Iterable, Optional

from sqlalchemy import insert
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.clock import utc_now
from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.models import ImportBatch, Participation, Person
from rdplanner.people.importing import matching, record
from rdplanner.people.importing.errors import ImportFileError
from rdplanner.people.importing.rows import ImportPreview, ImportResult, PreviewRow, describe_problem
from rdplanner.people.importing.table import check_cancelled
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled
from rdplanner.people.importing.values import shown
from rdplanner.people.replies import EMPTY_REPLY
from rdplanner.store import lock_roster, versioned_update

CHUNK = 200
# Every inserted row carries every key: a bulk INSERT ... RETURNING needs uniform parameter sets
# to return the new ids in order.
NEW_PERSON = {"name_note": "", "gender": "", "ethnicity": "", "unit": "", "post": "", "delegation": "",
              "phone": "", "id_card_no": None, "is_local": False}
NEW_PARTICIPATION = {"rank_order": 0, "delegation": "", "dietary": "", "needs_lodging": False,
                     "needs_transport": False, "notes": "", **EMPTY_REPLY}


def apply_import(
    session: Session,
    *,
    event_id: int,
    preview: ImportPreview,
    accepted_row_numbers: Iterable[int],
    file_name: str,
    progress: Progress = no_progress,
    cancelled: IsCancelled = not_cancelled,
) -> ImportResult:
    """Save the accepted rows of ``preview`` into the event and record an undoable ImportBatch.

    All or nothing: on any error or cancellation the transaction is rolled back.

    Raises:
        InvalidInput (no rows, rows not in the preview), ImportFileError (an accepted row has an
        error), StaleEdit (data changed since the preview), NotFound, ImportCancelled, or a
        DatabaseError; nothing is written in every case.
    """
    try:
        result = _apply(session, event_id, preview, accepted_row_numbers, file_name, progress, cancelled)
        session.commit()
    except DBAPIError as exc:
        session.rollback()
        from rdplanner.db_errors import translate_db_error, where_of

        raise translate_db_error(exc, where=where_of(session)) from exc
    except BaseException:
        session.rollback()
        raise
    progress(1.0)
    return result


def _apply(session: Session, event_id: int, preview: ImportPreview, accepted: Iterable[int], file_name: str,
           progress: Progress, cancelled: IsCancelled) -> ImportResult:
    lock_roster(session, event_id)
    if preview.event_id != event_id:
        raise InvalidInput("该预览属于另一个活动，请重新预览后再导入。", field="event_id")
    rows = accepted_rows(preview, accepted)
    directory = _recheck(session, event_id, rows)
    undo = record.new_record()
    counts = {"add": 0, "update": 0, "unchanged": 0}
    for start in range(0, len(rows), CHUNK):
        check_cancelled(cancelled)
        progress(0.1 + 0.85 * start / len(rows))
        chunk = rows[start:start + CHUNK]
        new_ids = _insert_people(session, [r for r in chunk if r.person_id is None])
        undo["persons_created"].extend(record.created_entries(session, Person, list(new_ids.values())))
        new_parts = []
        for row in chunk:
            person_id = row.person_id or new_ids[row.row_number]
            action, part = _write_row(session, row, person_id, event_id, preview.default_role, directory,
                                      undo)
            counts[action] += 1
            if part is not None:
                new_parts.append(part)
        part_ids = _insert(session, Participation, new_parts)
        undo["participations_created"].extend(record.created_entries(session, Participation, part_ids))
    batch = ImportBatch(event_id=event_id, file_name=file_name[-260:], added=counts["add"],
                        updated=counts["update"], unchanged=counts["unchanged"],
                        undo_json=json.dumps(undo, ensure_ascii=False))
    session.add(batch)
    session.flush()
    changes = Changes.of("people", event_id, events_list=True)
    return ImportResult(batch.id, counts["add"], counts["update"], counts["unchanged"], changes)


def accepted_rows(preview: ImportPreview, accepted: Iterable[int]) -> list[PreviewRow]:
    """Return the preview rows the user kept, refusing unknown rows and rows with errors."""
    wanted = set(accepted)
    rows = [r for r in preview.rows if r.row_number in wanted]
    unknown = wanted - {r.row_number for r in rows}
    if unknown:
        raise InvalidInput(f"第 {min(unknown)} 行不在预览中，请重新预览后再导入。", field="rows")
    if not rows:
        raise InvalidInput("没有选中要导入的行。", field="rows")
    for row in rows:
        if row.has_errors:
            first = row.errors[0]
            raise ImportFileError(
                describe_problem(preview.file_name, row.row_number, first) + "。请修正或取消勾选该行。",
                file=preview.file_name, row=row.row_number, field=first.field,
            )
    return rows


def _recheck(session: Session, event_id: int, rows: list[PreviewRow]) -> matching.Directory:
    """Match the rows again; refuse if any would now go to another person or changed version."""
    directory = matching.load_directory(session, event_id=event_id, rows=[dict(r.values) for r in rows])
    for row in rows:
        person, problem = matching.match_person(dict(row.values), directory)
        part = directory.participations.get(person.id) if person else None
        now = (person and person.id, person and person.version, part and part.id, part and part.version)
        then = (row.person_id, row.person_version, row.participation_id, row.participation_version)
        if (problem and problem.is_error) or now != then:
            raise StaleEdit(
                f"自预览以来，第 {row.row_number} 行“{shown(str(row.values.get('name', '')))}”"
                "在人员库或本活动中的资料已被他人修改，本次导入未保存。请重新预览后再导入。"
            )
    return directory


def _write_row(session: Session, row: PreviewRow, person_id: int, event_id: int, default_role: str,
               directory: matching.Directory, undo: dict) -> tuple[str, Optional[dict]]:
    """Update one row's person and participation; return its action and a participation to insert."""
    values = dict(row.values)
    person_changed = False
    if row.person_id is not None:
        current = directory.people[person_id]
        person_changed = _update(session, Person, current, matching.person_values(values, current),
                                 undo["persons_updated"], extra={"updated_at": utc_now()})
    part = directory.participations.get(person_id)
    wanted = matching.participation_values(values)
    if part is None:
        # Without a 是否本地 column the new participation is as local as the directory entry says.
        local = directory.people[person_id].is_local if row.person_id is not None else False
        return "add", {**NEW_PARTICIPATION, "role": default_role, "is_local": local, **wanted,
                       "event_id": event_id, "person_id": person_id}
    part_changed = _update(session, Participation, part, wanted, undo["participations_updated"])
    return ("update" if person_changed or part_changed else "unchanged"), None


def _update(session: Session, model: type, current: object, wanted: dict, log: list, *,
            extra: Optional[dict] = None) -> bool:
    changes = matching.changed(current, wanted)
    if not changes:
        return False
    what = "人员" if model is Person else "参会记录"
    version = versioned_update(session, model, current.id, expected_version=current.version,
                               values={**changes, **(extra or {})}, what=what)
    log.append({"id": current.id, "version": version,
                "before": {f: record.jsonable(getattr(current, f)) for f in changes},
                "after": {f: record.jsonable(v) for f, v in changes.items()}})
    return True


def _insert_people(session: Session, rows: list[PreviewRow]) -> dict[int, int]:
    people = []
    for row in rows:
        values = matching.person_values(dict(row.values))
        people.append({**NEW_PERSON, **values, "name": row.values["name"]})
    ids = _insert(session, Person, people)
    return {row.row_number: person_id for row, person_id in zip(rows, ids, strict=True)}


def _insert(session: Session, model: type, values: list[dict]) -> list[int]:
    if not values:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, values))
