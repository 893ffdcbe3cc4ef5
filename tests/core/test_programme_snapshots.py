"""The programme's undo (issue 10): a recorded action is undone and redone exactly, trips attached to a
removed item are attached again, and an undo that would lose sign-ins or others' edits is refused."""

import pytest
from programme_data import item, make_meeting
from sqlalchemy import select

from rdplanner.errors import StaleEdit
from rdplanner.models import Attendance, Participation, Trip
from rdplanner.programme.read import load_programme
from rdplanner.programme.service import add_item, remove_items, update_item
from rdplanner.programme.snapshots import PROGRAMME
from rdplanner.undo import record, restore_recorded


@pytest.fixture
def event_id(session) -> int:
    return make_meeting(session)


def listed(session, event_id):
    return [(i.name, i.time_text, i.named) for i in load_programme(session, event_id).items]


def test_undo_and_redo_of_an_added_item(session, event_id):
    done = record(session, snapshotter=PROGRAMME, key=event_id, action=add_item, event_id=event_id, draft=item())
    assert listed(session, event_id) == [("第一次全体会议", "09:00—11:30", ())]
    restore_recorded(session, snapshotter=PROGRAMME, key=event_id, state=done.before, expected=done.after)
    assert listed(session, event_id) == []
    restore_recorded(session, snapshotter=PROGRAMME, key=event_id, state=done.after, expected=done.before, redo=True)
    assert load_programme(session, event_id).items[0].id == done.result.value  # the same id again


def test_undoing_a_removal_brings_back_the_people_and_the_trips_attached(session, event_id):
    part = session.scalar(select(Participation.id).where(Participation.event_id == event_id))
    made = add_item(session, event_id=event_id, draft=item(audience="people", attendees=(part,))).value
    trip = Trip(event_id=event_id, sitting_id=made, purpose="接送")
    session.add(trip)
    session.commit()
    before = listed(session, event_id)
    done = record(session, snapshotter=PROGRAMME, key=event_id, action=remove_items, item_ids=[made])
    assert session.get(Trip, trip.id).sitting_id is None
    undone = restore_recorded(session, snapshotter=PROGRAMME, key=event_id, state=done.before, expected=done.after)
    session.expire_all()
    assert listed(session, event_id) == before and undone.skipped == 0
    assert session.get(Trip, trip.id).sitting_id == made


def test_an_edit_undone_restores_the_old_values(session, event_id):
    made = add_item(session, event_id=event_id, draft=item()).value
    version = load_programme(session, event_id).item(made).version
    done = record(session, snapshotter=PROGRAMME, key=event_id, action=update_item, item_id=made,
                  expected_version=version, draft=item(name="开幕会"))
    restore_recorded(session, snapshotter=PROGRAMME, key=event_id, state=done.before, expected=done.after)
    assert listed(session, event_id)[0][0] == "第一次全体会议"


def test_an_undo_after_someone_else_changed_the_programme_is_refused(session, event_id):
    done = record(session, snapshotter=PROGRAMME, key=event_id, action=add_item, event_id=event_id, draft=item())
    add_item(session, event_id=event_id, draft=item("分组审议", "group", place="2号会议室"))
    with pytest.raises(StaleEdit, match="的日程已被他人或其他窗口修改，无法撤销"):
        restore_recorded(session, snapshotter=PROGRAMME, key=event_id, state=done.before, expected=done.after)
    assert len(listed(session, event_id)) == 2


def test_undoing_an_added_sitting_that_people_signed_in_to_is_refused(session, event_id):
    done = record(session, snapshotter=PROGRAMME, key=event_id, action=add_item, event_id=event_id, draft=item())
    part = session.scalar(select(Participation.id).where(Participation.event_id == event_id))
    session.add(Attendance(sitting_id=done.result.value, participation_id=part))
    session.commit()
    with pytest.raises(StaleEdit, match="已有签到记录"):
        restore_recorded(session, snapshotter=PROGRAMME, key=event_id, state=done.before, expected=done.after)
    assert len(listed(session, event_id)) == 1
