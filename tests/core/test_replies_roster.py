"""The reply slip through the roster services: saved, kept by an edit of other fields, undone, exported."""

import subprocess
import sys
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rdplanner.errors import InvalidInput
from rdplanner.events.service import EventDraft, create_event
from rdplanner.people.service import (
    ParticipationDraft,
    PersonDraft,
    add_new_person,
    bulk_update,
    load_roster,
    update_participant,
)
from rdplanner.people.snapshots import ROSTER
from rdplanner.undo import record, restore_recorded

SLIP = dict(arrival_date=date(2027, 1, 3), arrival_time=time(9, 30), arrival_mode="flight",
            arrival_number="CA1234", arrival_station="萧山机场", needs_pickup=True,
            departure_date=date(2027, 1, 4), departure_time=time(16, 45), departure_mode="train",
            departure_number="G7512", departure_station="杭州东站", needs_dropoff=True,
            pickup_point="西湖宾馆")


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def event_id(session) -> int:
    draft = EventDraft(name="市十七届人大常委会第二十五次会议", event_type="standing_committee",
                       start_date=date(2027, 1, 3), end_date=date(2027, 1, 4))
    new_id = create_event(session, draft=draft).value
    add_new_person(session, event_id=new_id, person=PersonDraft(name="张三", unit="市财政局"),
                   participation=ParticipationDraft(role="member", **SLIP))
    return new_id


def only_row(session, event_id):
    return load_roster(session, event_id=event_id)[0]


def test_a_new_person_keeps_the_slip_as_given(session, event_id):
    assert only_row(session, event_id).reply() == SLIP


def test_editing_other_fields_keeps_the_slip(session, event_id):
    row = only_row(session, event_id)
    update_participant(session, participation_id=row.participation_id, person_version=row.person_version,
                       participation_version=row.participation_version, person=row.person_draft(),
                       participation=replace(row.participation_draft(), dietary="清真"))
    bulk_update(session, participation_ids=[row.participation_id], delegation="第一组")
    row = only_row(session, event_id)
    assert (row.dietary, row.delegation, row.reply()) == ("清真", "第一组", SLIP)


def test_an_edit_with_a_bad_slip_saves_nothing(session, event_id):
    row = only_row(session, event_id)
    with pytest.raises(InvalidInput) as caught:
        update_participant(session, participation_id=row.participation_id, person_version=row.person_version,
                           participation_version=row.participation_version, person=row.person_draft(),
                           participation=replace(row.participation_draft(), departure_date=date(2027, 1, 2)))
    assert caught.value.field == "departure_date"
    session.rollback()
    assert only_row(session, event_id).reply() == SLIP


def test_undo_of_a_slip_edit_restores_dates_and_times(session, event_id):
    row = only_row(session, event_id)
    edited = replace(row.participation_draft(), arrival_time=time(11, 0), departure_date=date(2027, 1, 5),
                     needs_pickup=False)
    done = record(session, snapshotter=ROSTER, key=event_id, action=update_participant,
                  participation_id=row.participation_id, person_version=row.person_version,
                  participation_version=row.participation_version, person=row.person_draft(),
                  participation=edited)
    changed = only_row(session, event_id)
    assert (changed.arrival_time, changed.departure_date, changed.needs_pickup) == (
        time(11, 0), date(2027, 1, 5), False)
    restore_recorded(session, snapshotter=ROSTER, key=event_id, state=done.before, expected=done.after)
    assert only_row(session, event_id).reply() == SLIP


def test_the_command_line_exports_the_reply_slips(tmp_path):
    from rdplanner.db import open_database, sqlite_url

    path = tmp_path / "rd.sqlite"
    db = open_database(sqlite_url(path))
    with db.session() as session:
        draft = EventDraft(name="回执会议", event_type="standing_committee", start_date=date(2027, 1, 3),
                           end_date=date(2027, 1, 4))
        new_id = create_event(session, draft=draft).value
        add_new_person(session, event_id=new_id, person=PersonDraft(name="张三"),
                       participation=ParticipationDraft(role="member", **SLIP))
    db.close()
    target = tmp_path / "回执表.xlsx"
    done = subprocess.run([sys.executable, "-m", "rdplanner", "export", "replies", "--db", str(path),
                           "--event", str(new_id), "-o", str(target)], capture_output=True, text=True,
                          cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    ws = load_workbook(target).active
    assert ws["A1"].value == "回执会议回执表" and ws["A4"].value == "张三" and ws["N4"].value == "高铁"
