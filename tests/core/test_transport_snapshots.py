"""Trip actions recorded for undo (rdplanner.transport.snapshots): undo puts back every trip and
passenger the action changed with the same ids, redo the action's result, checked against a dump of the
whole tables; what has gone since is skipped and counted, a reused id refuses."""

from datetime import date, datetime

import pytest
from sqlalchemy import delete, select
from transport_data import add_driver, add_person, add_vehicle, make_event

from rdplanner.errors import StaleEdit
from rdplanner.models import Participation, Trip, TripPassenger, Vehicle
from rdplanner.transport.snapshots import TRANSPORT
from rdplanner.transport.trips import (
    assign,
    copy_trip_to_days,
    create_trip,
    remove_trip,
    set_passengers,
    update_trip,
)
from rdplanner.undo import record, restore_recorded

NINE, NOON = datetime(2026, 6, 2, 9), datetime(2026, 6, 2, 12)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def event_id(session) -> int:
    return make_event(session)


@pytest.fixture
def people(session, event_id) -> list[int]:
    return [add_person(session, event_id, name, "member", rank) for name, rank in (("赵明", 1), ("钱亮", 2),
                                                                                  ("孙强", 3))]


@pytest.fixture
def trip_id(session, event_id, people) -> int:
    trip = create_trip(session, event_id=event_id, purpose="会议接送", depart_at=NINE, return_at=NOON).value
    car, driver = add_vehicle(session, "浙A·J0001"), add_driver(session, "张师傅")
    assign(session, trip_id=trip, vehicle_id=car, driver_id=driver)
    set_passengers(session, trip_id=trip, participation_ids=people[:2])
    return trip


def dump(session) -> dict[str, set]:
    """Every trip and passenger row of every event, without the version."""
    session.expire_all()
    tables = {}
    for model in (Trip, TripPassenger):
        columns = [c for c in model.__table__.c if c.name != "version"]
        tables[model.__tablename__] = {tuple(r) for r in session.execute(select(*columns))}
    return tables


def round_trip(session, event_id, action, /, **kwargs):
    """Record the action, undo it, redo it; return the dumps before, after, undone and redone."""
    before = dump(session)
    done = record(session, snapshotter=TRANSPORT, key=event_id, action=action, **kwargs)
    after = dump(session)
    restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=done.before, expected=done.after)
    undone = dump(session)
    restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=done.after, expected=done.before)
    return before, after, undone, dump(session)


def test_undo_of_create_trip_removes_it_and_redo_brings_it_back_with_its_id(session, event_id):
    before, after, undone, redone = round_trip(session, event_id, create_trip, event_id=event_id,
                                               purpose="接站", depart_at=NINE)

    assert len(after["trip"]) == len(before["trip"]) + 1
    assert undone == before and redone == after


def test_undo_of_remove_trip_puts_back_the_trip_and_its_passengers(session, event_id, trip_id):
    before, after, undone, redone = round_trip(session, event_id, remove_trip, trip_id=trip_id)

    assert after["trip"] == set() and after["trippassenger"] == set()
    assert undone == before and redone == after


def test_undo_of_set_passengers_puts_back_the_old_seating(session, event_id, trip_id, people):
    before, after, undone, redone = round_trip(session, event_id, set_passengers, trip_id=trip_id,
                                               participation_ids=[people[2], people[0]],
                                               overrides={people[2]: 1})

    assert after != before and undone == before and redone == after


def test_undo_of_update_trip_puts_back_the_fields(session, event_id, trip_id):
    version = session.get(Trip, trip_id).version

    before, after, undone, redone = round_trip(session, event_id, update_trip, trip_id=trip_id,
                                               expected_version=version,
                                               values={"destination": "新会场", "odometer_out": 1200})

    assert after != before and undone == before and redone == after


def test_undo_of_copy_trip_to_days_removes_the_copies(session, event_id, trip_id):
    before, after, undone, redone = round_trip(session, event_id, copy_trip_to_days, trip_id=trip_id,
                                               dates=[date(2026, 6, 1), date(2026, 6, 3)])

    assert len(after["trip"]) == 3 and len(after["trippassenger"]) == 6
    assert undone == before and redone == after


def test_undo_refuses_when_the_trips_changed_since(session, event_id, trip_id):
    done = record(session, snapshotter=TRANSPORT, key=event_id, action=update_trip, trip_id=trip_id,
                  expected_version=session.get(Trip, trip_id).version, values={"destination": "甲"})
    create_trip(session, event_id=event_id, purpose="另一趟")

    with pytest.raises(StaleEdit) as caught:
        restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=done.before, expected=done.after)

    assert "“市人大常委会第十次会议”的行程" in str(caught.value)


def test_undo_does_not_overwrite_another_events_trip_holding_the_id(session, event_id, trip_id):
    done = record(session, snapshotter=TRANSPORT, key=event_id, action=remove_trip, trip_id=trip_id)
    session.add(Trip(id=trip_id, event_id=make_event(session, "另一个活动"), purpose="别人的行程"))
    session.commit()

    with pytest.raises(StaleEdit):
        restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=done.before, expected=done.after)

    assert session.scalars(select(Trip.purpose).where(Trip.id == trip_id)).all() == ["别人的行程"]


def test_undo_leaves_off_a_car_deleted_since_and_counts_it(session, event_id, trip_id):
    car = session.get(Trip, trip_id).vehicle_id
    done = record(session, snapshotter=TRANSPORT, key=event_id, action=remove_trip, trip_id=trip_id)
    session.execute(delete(Vehicle).where(Vehicle.id == car))
    session.commit()

    restored = restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=done.before,
                                expected=done.after)

    session.expire_all()
    assert restored.skipped == 1 and session.get(Trip, trip_id).vehicle_id is None
    assert len(session.scalars(select(TripPassenger.id).where(TripPassenger.trip_id == trip_id)).all()) == 2
    assert restored.changes.touches("transport", event_id) and trip_id in restored.changes.row_ids("trip")


def test_redo_leaves_off_a_passenger_who_left_the_event_and_counts_it(session, event_id, trip_id, people):
    done = record(session, snapshotter=TRANSPORT, key=event_id, action=set_passengers, trip_id=trip_id,
                  participation_ids=people)
    restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=done.before, expected=done.after)
    session.execute(delete(Participation).where(Participation.id == people[2]))
    session.commit()

    restored = restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=done.after,
                                expected=done.before)

    riding = session.scalars(select(TripPassenger.participation_id).where(TripPassenger.trip_id == trip_id))
    assert restored.skipped == 1 and sorted(riding) == sorted(people[:2])
