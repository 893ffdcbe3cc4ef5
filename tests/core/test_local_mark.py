"""The 本地 (local participant) mark in the people domain: the directory entry's default and this event's
mark, saved and read back, taken from the directory when a person joins an event, bulk-changed and undone."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import Participation, Person
from rdplanner.people.service import (
    ParticipationDraft,
    PersonDraft,
    add_new_person,
    add_people,
    bulk_update,
    load_roster,
    update_participant,
)
from rdplanner.people.snapshots import ROSTER
from rdplanner.undo import record, restore_recorded


@pytest.fixture
def event_id(session) -> int:
    return create_event(session, draft=EventDraft(
        name="市第十七届人大常委会第二十四次会议", event_type="standing_committee",
        start_date=date(2027, 2, 24), end_date=date(2027, 2, 25))).value


def row_of(session, event_id, part_id):
    return next(r for r in load_roster(session, event_id=event_id) if r.participation_id == part_id)


def directory_person(session, name, *, is_local) -> int:
    person = Person(name=name, unit="市财政局", is_local=is_local)
    session.add(person)
    session.commit()
    return person.id


def test_a_new_local_person_is_local_in_the_directory_and_at_the_event(session, event_id):
    part_id, _ = add_new_person(session, event_id=event_id, person=PersonDraft(name="张三", is_local=True),
                                participation=ParticipationDraft(role="member"))
    row = row_of(session, event_id, part_id)

    assert (row.is_local, row.person_is_local) == (True, True)
    assert row.person_draft().is_local is True and row.participation_draft().is_local is True


def test_the_event_mark_can_differ_from_the_directory_default(session, event_id):
    part_id, _ = add_new_person(session, event_id=event_id, person=PersonDraft(name="张三", is_local=True),
                                participation=ParticipationDraft(role="member", is_local=False))

    assert session.get(Participation, part_id).is_local is False
    assert session.get(Person, session.get(Participation, part_id).person_id).is_local is True


def test_saving_an_edit_writes_both_marks_and_reads_them_back(session, event_id):
    part_id, _ = add_new_person(session, event_id=event_id, person=PersonDraft(name="张三"),
                                participation=ParticipationDraft(role="member"))
    row = row_of(session, event_id, part_id)
    assert (row.is_local, row.person_is_local) == (False, False)

    update_participant(session, participation_id=part_id, person_version=row.person_version,
                       participation_version=row.participation_version,
                       person=replace(row.person_draft(), is_local=True),
                       participation=replace(row.participation_draft(), is_local=True))
    row = row_of(session, event_id, part_id)

    assert (row.is_local, row.person_is_local) == (True, True)


def test_adding_from_the_directory_takes_each_persons_default(session, event_id):
    local = directory_person(session, "本地甲", is_local=True)
    away = directory_person(session, "外地乙", is_local=False)

    add_people(session, event_id=event_id, person_ids=[local, away], role="member")
    marks = dict(session.execute(select(Participation.person_id, Participation.is_local)
                                 .where(Participation.event_id == event_id)).all())

    assert marks == {local: True, away: False}


def test_adding_from_the_directory_with_a_given_mark_uses_it(session, event_id):
    local = directory_person(session, "本地甲", is_local=True)

    add_people(session, event_id=event_id, person_ids=[local], role="member", is_local=False)

    assert session.scalar(select(Participation.is_local).where(Participation.person_id == local)) is False


def test_bulk_change_sets_and_clears_the_event_mark_only(session, event_id):
    ids = [add_new_person(session, event_id=event_id, person=PersonDraft(name=name),
                          participation=ParticipationDraft(role="member")).value
           for name in ("甲", "乙", "丙")]

    bulk_update(session, participation_ids=ids[:2], is_local=True)
    assert [session.get(Participation, i).is_local for i in ids] == [True, True, False]
    bulk_update(session, participation_ids=ids[:1], is_local=False)
    session.expire_all()

    assert [session.get(Participation, i).is_local for i in ids] == [False, True, False]
    assert not any(session.scalars(select(Person.is_local)))


def test_undo_of_an_edit_of_the_mark_puts_both_back(session, event_id):
    part_id, _ = add_new_person(session, event_id=event_id, person=PersonDraft(name="张三"),
                                participation=ParticipationDraft(role="member"))
    row = row_of(session, event_id, part_id)
    done = record(session, snapshotter=ROSTER, key=event_id, action=update_participant,
                  participation_id=part_id, person_version=row.person_version,
                  participation_version=row.participation_version,
                  person=replace(row.person_draft(), is_local=True),
                  participation=replace(row.participation_draft(), is_local=True))
    assert row_of(session, event_id, part_id).is_local is True

    restore_recorded(session, snapshotter=ROSTER, key=event_id, state=done.before, expected=done.after)
    session.expire_all()
    row = row_of(session, event_id, part_id)

    assert (row.is_local, row.person_is_local) == (False, False)


def test_undo_of_a_bulk_change_of_the_mark(session, event_id):
    part_id, _ = add_new_person(session, event_id=event_id, person=PersonDraft(name="张三"),
                                participation=ParticipationDraft(role="member"))
    done = record(session, snapshotter=ROSTER, key=event_id, action=bulk_update,
                  participation_ids=[part_id], is_local=True)
    restore_recorded(session, snapshotter=ROSTER, key=event_id, state=done.before, expected=done.after)
    session.expire_all()

    assert session.get(Participation, part_id).is_local is False
