"""Two desks at once, each with its own session (on PostgreSQL too): both marking the same person leaves
one check-in and tells the second desk; two ticks for one person both stay; marks of two people both land."""

import threading

import pytest
from arrival_world import EVE, at, make_world

from rdplanner.arrival.read import load_arrivals
from rdplanner.arrival.service import mark_arrived, set_handed

ROUNDS = 5


@pytest.fixture
def world(database):
    with database.session() as session:
        return make_world(session)


def both_at_once(database, actions):
    """Run each action in its own thread and session, released together; return results or errors."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(n, action):
        with database.session() as session:
            barrier.wait()
            try:
                results[n] = action(session)
            except Exception as exc:  # noqa: BLE001  (reported to the test)
                results[n] = exc

    threads = [threading.Thread(target=run, args=(n, a)) for n, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def rows(database, world):
    with database.session() as session:
        return {r.participation_id: r for r in load_arrivals(session, world.event_id).rows}


def test_two_desks_marking_the_same_person_leave_one_check_in(database, world):
    def desk(minute):
        return lambda s: mark_arrived(s, event_id=world.event_id, participation_id=world.zhang,
                                      now=at(EVE, 10, minute)).value

    results = both_at_once(database, [desk(1), desk(2)])
    assert sorted(r.already for r in results) == [False, True]
    assert len({r.check_in_id for r in results}) == 1
    first = next(r for r in results if not r.already)
    assert rows(database, world)[world.zhang].arrived_at == first.arrived_at


def test_two_desks_marking_two_people_both_land(database, world):
    for _ in range(ROUNDS):
        results = both_at_once(database, [
            lambda s: mark_arrived(s, event_id=world.event_id, participation_id=world.zhang, now=at(EVE, 10)),
            lambda s: mark_arrived(s, event_id=world.event_id, participation_id=world.li, now=at(EVE, 10))])
        assert not [r for r in results if isinstance(r, Exception)]
    shown = rows(database, world)
    assert shown[world.zhang].has_arrived and shown[world.li].has_arrived


def test_two_ticks_for_one_person_at_once_are_both_kept(database, world):
    with database.session() as session:
        mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=at(EVE, 10))
    def tick(item):
        return lambda s: set_handed(s, event_id=world.event_id, participation_id=world.zhang, item=item,
                                    given=True)

    results = both_at_once(database, [tick("pass"), tick("room_card")])
    assert not [r for r in results if isinstance(r, Exception)]
    assert rows(database, world)[world.zhang].handed == ("pass", "room_card")
