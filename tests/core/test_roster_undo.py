"""Roster actions recorded for undo (rdplanner.people.snapshots): undo puts back every row the action
changed, seats and sign-ins that a removal deleted included, and redo the action's result, exactly;
checked against a dump of the whole tables, on each supported engine."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from rdplanner.demo import build_demo
from rdplanner.errors import NotFound, StaleEdit
from rdplanner.events.service import delete_event
from rdplanner.models import Attendance, ImportBatch, Participation, Person, ProgrammeAttendee, SeatAssignment, Sitting
from rdplanner.people.attendance import ensure_default_sitting, mark
from rdplanner.people.importing import apply_import, build_preview, detect_columns, read_table
from rdplanner.people.service import (
    ParticipationDraft,
    PersonDraft,
    add_new_person,
    add_people,
    bulk_update,
    load_roster,
    remove_participants,
    update_participant,
)
from rdplanner.people.snapshots import ROSTER
from rdplanner.seating.service import ensure_seat_plan, run_auto_seating
from rdplanner.undo import record, restore_recorded

DATA = Path(__file__).parents[1] / "data" / "import"
MOVING = {"version", "updated_at"}


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def event_id(session) -> int:
    event = build_demo(session, size="small", today=date(2026, 6, 1))
    plan_id, _ = ensure_seat_plan(session, event_id=event)
    run_auto_seating(session, seat_plan_id=plan_id)
    sitting, _ = ensure_default_sitting(session, event_id=event)
    ids = session.scalars(select(Participation.id).where(Participation.event_id == event)).all()
    mark(session, sitting_id=sitting, participation_ids=ids[:20], status="present")
    return event


def dump(session) -> dict[str, set]:
    """Every row of the tables a roster action touches, without the columns that only count edits."""
    tables = {}
    for model in (Person, Participation, SeatAssignment, Attendance, ImportBatch):
        columns = [c for c in model.__table__.c if c.name not in MOVING]
        tables[model.__tablename__] = {tuple(r) for r in session.execute(select(*columns))}
    return tables


def round_trip(session, key, action, /, **kwargs):
    """Record the action, undo it, redo it; return the dumps before, after, undone and redone."""
    before = dump(session)
    done = record(session, snapshotter=ROSTER, key=key, action=action, **kwargs)
    after = dump(session)
    restore_recorded(session, snapshotter=ROSTER, key=key, state=done.before, expected=done.after)
    undone = dump(session)
    restore_recorded(session, snapshotter=ROSTER, key=key, state=done.after, expected=done.before)
    return before, after, undone, dump(session)


def test_undo_of_an_edit_restores_the_person_and_participation_fields(session, event_id):
    row = load_roster(session, event_id=event_id)[0]
    person = replace(row.person_draft(), unit="新单位", phone="13800138000")
    participation = replace(row.participation_draft(), leave_status="approved", leave_reason="出差")
    before, after, undone, redone = round_trip(
        session, event_id, update_participant, participation_id=row.participation_id,
        person_version=row.person_version, participation_version=row.participation_version,
        person=person, participation=participation)
    assert after != before and undone == before and redone == after


def test_undo_of_a_removal_brings_back_the_seats_and_sign_ins_it_deleted(session, event_id):
    signed = session.scalars(select(Attendance.participation_id)).all()[:3]
    before, after, undone, redone = round_trip(session, event_id, remove_participants,
                                               participation_ids=signed)
    assert len(after["attendance"]) == len(before["attendance"]) - 3
    assert len(after["seatassignment"]) < len(before["seatassignment"])
    assert undone == before and redone == after


def test_undo_of_adding_a_new_person_removes_them_from_the_directory_too(session, event_id):
    before, after, undone, redone = round_trip(
        session, event_id, add_new_person, event_id=event_id, person=PersonDraft(name="新来的"),
        participation=ParticipationDraft(role="attendee"))
    assert len(after["person"]) == len(before["person"]) + 1
    assert undone == before and redone == after


def test_undo_of_adding_from_the_directory_keeps_the_directory(session, event_id):
    stranger = Person(name="名录中人")
    session.add(stranger)
    session.commit()
    before, after, undone, redone = round_trip(session, event_id, add_people, event_id=event_id,
                                               person_ids=[stranger.id], role="attendee")
    assert len(after["participation"]) == len(before["participation"]) + 1
    assert undone == before and redone == after


def test_undo_of_a_bulk_change(session, event_id):
    ids = session.scalars(select(Participation.id).where(Participation.event_id == event_id)).all()[:10]
    before, after, undone, redone = round_trip(session, event_id, bulk_update, participation_ids=ids,
                                               delegation="第九组", leave_status="approved")
    assert after != before and undone == before and redone == after


def test_an_import_is_one_recorded_action(session, event_id):
    table = read_table(DATA / "roster.xlsx")
    preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                            default_role="member")
    before, after, undone, redone = round_trip(
        session, event_id, apply_import, event_id=event_id, preview=preview,
        accepted_row_numbers=preview.accepted_row_numbers, file_name="roster.xlsx")
    assert len(after["importbatch"]) == 1 and len(after["person"]) > len(before["person"])
    assert undone == before and redone == after


def test_a_roster_undo_after_someone_else_edited_the_roster_is_refused(session, event_id):
    first, second = session.scalars(select(Participation.id).where(Participation.event_id == event_id)
                                    .order_by(Participation.id)).all()[:2]
    done = record(session, snapshotter=ROSTER, key=event_id, action=bulk_update,
                  participation_ids=[first], delegation="第九组")
    bulk_update(session, participation_ids=[second], delegation="第八组")
    meanwhile = dump(session)
    with pytest.raises(StaleEdit, match="的参会人员名单已被他人或其他窗口修改，无法撤销"):
        restore_recorded(session, snapshotter=ROSTER, key=event_id, state=done.before, expected=done.after)
    assert dump(session) == meanwhile


def test_a_redo_onto_an_id_someone_else_took_meanwhile_is_refused_and_leaves_their_person(session, event_id):
    # SQLite gives a deleted row's id to the next new row: after the undo removes the new person, a
    # colleague adding someone to another event gets that person id (and participation id) back.
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("PostgreSQL sequences never hand out an id twice")
    done = record(session, snapshotter=ROSTER, key=event_id, action=add_new_person, event_id=event_id,
                  person=PersonDraft(name="新来的"), participation=ParticipationDraft(role="attendee"))
    restore_recorded(session, snapshotter=ROSTER, key=event_id, state=done.before, expected=done.after)
    other = build_demo(session, size="small", today=date(2026, 7, 1))
    taken, _ = add_new_person(session, event_id=other, person=PersonDraft(name="别的会的人"),
                              participation=ParticipationDraft(role="attendee"))
    theirs = session.get(Participation, taken).person_id
    meanwhile = dump(session)
    with pytest.raises(StaleEdit, match="已被新建的其他记录使用"):
        restore_recorded(session, snapshotter=ROSTER, key=event_id, state=done.after, expected=done.before)
    session.expire_all()
    assert dump(session) == meanwhile and session.get(Person, theirs).name == "别的会的人"


def test_undo_after_the_event_was_deleted_is_refused(session, event_id):
    ids = session.scalars(select(Participation.id).where(Participation.event_id == event_id)).all()
    done = record(session, snapshotter=ROSTER, key=event_id, action=remove_participants, participation_ids=ids)
    delete_event(session, event_id=event_id)
    with pytest.raises(NotFound, match="找不到该活动"):
        restore_recorded(session, snapshotter=ROSTER, key=event_id, state=done.before, expected=done.after)


def test_undo_of_a_removal_brings_back_the_programme_items_they_were_named_for(session, event_id):
    first = session.scalars(select(Participation.id).where(Participation.event_id == event_id)
                            .order_by(Participation.id)).first()
    visit = Sitting(event_id=event_id, name="视察市民中心", kind="visit", audience="people")
    session.add(visit)
    session.flush()
    session.add(ProgrammeAttendee(sitting_id=visit.id, participation_id=first))
    session.commit()
    done = record(session, snapshotter=ROSTER, key=event_id, action=remove_participants, participation_ids=[first])
    assert session.scalars(select(ProgrammeAttendee.id)).all() == []
    restore_recorded(session, snapshotter=ROSTER, key=event_id, state=done.before, expected=done.after)
    assert session.scalars(select(ProgrammeAttendee.participation_id)).all() == [first]
