"""Two events' officers filling the last bed of one room at the same moment, each in its own session (on
PostgreSQL too): the room's lock serialises them, so one guest gets the bed and the other is refused."""

import threading

import pytest
from lodging_world import make_world
from sqlalchemy import func, select

from rdplanner.errors import InvalidInput
from rdplanner.lodging import stays
from rdplanner.lodging.allocate import apply_rooms, propose_rooms
from rdplanner.lodging.read import load_lodging
from rdplanner.models import Stay

ROUNDS = 5


@pytest.fixture
def world(database):
    with database.session() as session:
        return make_world(session)


def both_at_once(database, actions):
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


def guests_in(database, room_id):
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Stay).where(Stay.room_id == room_id))


def test_two_events_adding_a_guest_into_the_last_bed_leave_one(database, world):
    room = world.rooms["301"]
    with database.session() as session:
        wang = stays.add_stay(session, event_id=world.a, participation_id=world.people["王一"], room_id=room).value
    for _ in range(ROUNDS):
        results = both_at_once(database, [
            lambda s: stays.add_stay(s, event_id=world.a, participation_id=world.people["李二"], room_id=room),
            lambda s: stays.add_stay(s, event_id=world.b, participation_id=world.people["陈五"], room_id=room)])
        refused = [r for r in results if isinstance(r, InvalidInput)]
        assert len(refused) == 1 and refused[0].params["field"] == "room_id"
        assert guests_in(database, room) == 2
        with database.session() as session:
            others = [s.id for e in (world.a, world.b) for s in load_lodging(session, e).stays if s.id != wang]
            for stay_id in others:
                stays.remove_stays(session, stay_ids=[stay_id])


def test_an_allocation_saved_while_another_event_moves_into_its_room_never_overfills(database, world):
    room = world.rooms["301"]
    for _ in range(ROUNDS):
        with database.session() as session:
            chen = stays.add_stay(session, event_id=world.b, participation_id=world.people["陈五"],
                                  room_id=world.rooms["303"]).value
            proposal = propose_rooms(session, event_id=world.a)  # 王一 and 李二 into 301
        assert {p.room_id for p in proposal.placements} == {room}
        both_at_once(database, [lambda s, p=proposal: apply_rooms(s, event_id=world.a, proposal=p),
                                lambda s, c=chen: stays.move_stay(s, stay_id=c, room_id=room)])
        assert guests_in(database, room) <= 2
        with database.session() as session:
            ids = [s.id for e in (world.a, world.b) for s in load_lodging(session, e).stays]
            for stay_id in ids:
                stays.remove_stays(session, stay_ids=[stay_id])
