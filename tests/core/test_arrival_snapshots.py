"""Undo of the desk's actions: one person's check-in recorded and restored with its id, while another
desk's marks of other people stay; a mark changed since is refused."""

import pytest
from arrival_world import EVE, at, make_world

from rdplanner.arrival.read import load_arrivals
from rdplanner.arrival.service import clear_arrival, mark_arrived, set_handed
from rdplanner.arrival.snapshots import ARRIVAL
from rdplanner.errors import StaleEdit
from rdplanner.undo import record, restore_recorded


@pytest.fixture
def world(session):
    return make_world(session)


def arrived(session, world):
    shown = load_arrivals(session, world.event_id).rows
    return {r.name: (r.arrived_at, r.handed) for r in shown if r.has_arrived}


def test_a_mark_is_undone_and_redone_with_the_same_check_in(session, world):
    key = (world.event_id, world.zhang)
    done = record(session, snapshotter=ARRIVAL, key=key, action=mark_arrived, event_id=world.event_id,
                  participation_id=world.zhang, handed=["pass"], now=at(EVE, 10))
    first_id = done.result.value.check_in_id
    restore_recorded(session, snapshotter=ARRIVAL, key=key, state=done.before, expected=done.after)
    assert arrived(session, world) == {}
    restore_recorded(session, snapshotter=ARRIVAL, key=key, state=done.after, expected=done.before, redo=True)
    assert arrived(session, world) == {"张三": (at(EVE, 10), ("pass",))}
    assert load_arrivals(session, world.event_id, [world.zhang]).rows[0].check_in_id == first_id


def test_undo_leaves_the_other_desks_marks_of_other_people(session, world):
    key = (world.event_id, world.zhang)
    done = record(session, snapshotter=ARRIVAL, key=key, action=mark_arrived, event_id=world.event_id,
                  participation_id=world.zhang, now=at(EVE, 10))
    mark_arrived(session, event_id=world.event_id, participation_id=world.li, now=at(EVE, 10, 1))
    restore_recorded(session, snapshotter=ARRIVAL, key=key, state=done.before, expected=done.after)
    assert list(arrived(session, world)) == ["李四"]


def test_a_taken_back_arrival_comes_back_on_undo(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, handed=["pass"],
                 now=at(EVE, 10))
    key = (world.event_id, world.zhang)
    done = record(session, snapshotter=ARRIVAL, key=key, action=clear_arrival, event_id=world.event_id,
                  participation_id=world.zhang)
    restore_recorded(session, snapshotter=ARRIVAL, key=key, state=done.before, expected=done.after)
    assert arrived(session, world) == {"张三": (at(EVE, 10), ("pass",))}


def test_undo_is_refused_when_the_mark_changed_since(session, world):
    key = (world.event_id, world.zhang)
    done = record(session, snapshotter=ARRIVAL, key=key, action=mark_arrived, event_id=world.event_id,
                  participation_id=world.zhang, now=at(EVE, 10))
    set_handed(session, event_id=world.event_id, participation_id=world.zhang, item="pass", given=True)
    with pytest.raises(StaleEdit, match="张三的报到记录"):
        restore_recorded(session, snapshotter=ARRIVAL, key=key, state=done.before, expected=done.after)
    assert arrived(session, world) == {"张三": (at(EVE, 10), ("pass",))}
