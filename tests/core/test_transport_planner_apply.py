"""Saving a transport proposal (rdplanner.transport.planner.apply_proposal): every trip in one transaction
or none, refused when the cars, drivers or people changed since it was made, and one undo step."""

from dataclasses import replace

import pytest
from planner_data import LEAVES, NINE, NOON, absence, car, driver_id, other_event_trip, plenary, rider
from sqlalchemy import func, select
from transport_data import make_event

from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.models import Driver, Trip, TripPassenger, Vehicle
from rdplanner.transport.planner import apply_proposal, propose_transport
from rdplanner.transport.snapshots import TRANSPORT
from rdplanner.transport.trips import create_trip, set_passengers
from rdplanner.undo import record, restore_recorded


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    """An event whose plenary needs a leader's sedan and a minibus: (event id, item id, proposal)."""
    event_id = make_event(session)
    item = plenary(session, event_id)
    rider(session, event_id, "赵明", rank=1)
    for name in ("钱亮", "孙强", "李工"):
        rider(session, event_id, name)
    car(session, "浙A10001", driver="王师傅")
    car(session, "浙A30001", "minibus", 19, driver="冯师傅", licence="B1")
    return event_id, item, propose_transport(session, event_id=event_id, item_id=item, leader_rank=1)


def saved_trips(session, event_id) -> list[tuple]:
    t = Trip
    return [tuple(r) for r in session.execute(
        select(t.sitting_id, t.vehicle_id, t.driver_id, t.kind, t.status, t.origin, t.destination,
               t.depart_at, t.return_at).where(t.event_id == event_id).order_by(t.id))]


def trip_count(session, event_id) -> int:
    return session.scalar(select(func.count()).select_from(Trip).where(Trip.event_id == event_id))


def seats(session, trip_id) -> list[tuple[int, int]]:
    p = TripPassenger
    return sorted(tuple(r) for r in session.execute(
        select(p.seat_position, p.participation_id).where(p.trip_id == trip_id)))


def vehicle(session, plate) -> Vehicle:
    return session.scalars(select(Vehicle).where(Vehicle.plate == plate)).one()


def test_apply_saves_each_proposed_car_as_a_requested_trip_of_the_item(session, world):
    event_id, item, proposal = world
    sedan, minibus = vehicle(session, "浙A10001"), vehicle(session, "浙A30001")

    outcome = apply_proposal(session, event_id=event_id, proposal=proposal)

    ride = ("meeting", "requested", "驻地", "市民中心三楼", LEAVES, NOON)
    assert saved_trips(session, event_id) == [(item, sedan.id, sedan.default_driver_id, *ride),
                                              (item, minibus.id, minibus.default_driver_id, *ride)]
    assert outcome.changes.touches("transport", event_id)
    assert outcome.changes.row_ids("trip") == set(outcome.value)


def test_apply_seats_the_passengers_as_proposed(session, world):
    event_id, _, proposal = world

    ids = apply_proposal(session, event_id=event_id, proposal=proposal).value

    assert [seats(session, i) for i in ids] == [
        [(s.seat_position, s.participation_id) for s in t.passengers] for t in proposal.trips]
    assert [len(seats(session, i)) for i in ids] == [1, 3]


def test_apply_saves_nothing_when_a_later_car_was_retired_since(session, world):
    event_id, _, proposal = world
    vehicle(session, "浙A30001").active = False
    session.commit()

    with pytest.raises(InvalidInput) as caught:
        apply_proposal(session, event_id=event_id, proposal=proposal)

    assert caught.value.field == "vehicle_id" and "浙A·30001" in str(caught.value)
    session.rollback()
    assert trip_count(session, event_id) == 0


def test_apply_refuses_when_a_driver_no_longer_holds_the_licence(session, world):
    event_id, _, proposal = world
    session.get(Driver, driver_id(session, "冯师傅")).licence_class = "C1"
    session.commit()

    with pytest.raises(InvalidInput) as caught:
        apply_proposal(session, event_id=event_id, proposal=proposal)

    assert caught.value.field == "driver_id"


def test_apply_refuses_a_car_taken_by_another_event_since(session, world):
    event_id, _, proposal = world
    other_event_trip(session, vehicle_id=vehicle(session, "浙A30001").id)

    with pytest.raises(StaleEdit) as caught:
        apply_proposal(session, event_id=event_id, proposal=proposal)

    assert "浙A·30001" in str(caught.value) and "代表视察" in str(caught.value)
    session.rollback()
    assert trip_count(session, event_id) == 0


def test_apply_refuses_a_driver_taken_or_away_since(session, world):
    event_id, _, proposal = world
    absence(session, driver_id(session, "王师傅"), NINE, NOON, "病假")

    with pytest.raises(StaleEdit) as caught:
        apply_proposal(session, event_id=event_id, proposal=proposal)

    assert "王师傅" in str(caught.value) and "病假" in str(caught.value)


def test_apply_refuses_when_someone_was_given_a_ride_to_the_item_since(session, world):
    event_id, item, proposal = world
    trip_id = create_trip(session, event_id=event_id, sitting_id=item).value
    riding = proposal.trips[1].passengers[0].participation_id
    set_passengers(session, trip_id=trip_id, participation_ids=[riding])

    with pytest.raises(StaleEdit):
        apply_proposal(session, event_id=event_id, proposal=proposal)


def test_apply_refuses_a_proposal_of_another_event(session, world):
    _, _, proposal = world
    other = make_event(session, "代表视察")

    with pytest.raises(InvalidInput) as caught:
        apply_proposal(session, event_id=other, proposal=proposal)

    assert caught.value.field == "proposal"


def test_apply_refuses_a_proposal_without_trips(session, world):
    event_id, _, proposal = world

    with pytest.raises(InvalidInput) as caught:
        apply_proposal(session, event_id=event_id, proposal=replace(proposal, trips=()))

    assert caught.value.field == "proposal"


def test_apply_refuses_a_proposal_with_one_car_twice_at_once(session, world):
    event_id, _, proposal = world
    first, second = proposal.trips
    twice = replace(proposal, trips=(first, replace(second, vehicle_id=first.vehicle_id, seats=first.seats,
                                                     passengers=second.passengers[:1])))

    with pytest.raises(InvalidInput) as caught:
        apply_proposal(session, event_id=event_id, proposal=twice)

    assert caught.value.field == "vehicle_id"


def test_apply_is_one_undo_step_and_redo_puts_the_same_trips_back(session, world):
    event_id, _, proposal = world

    recorded = record(session, snapshotter=TRANSPORT, key=event_id, action=apply_proposal, event_id=event_id,
                      proposal=proposal)
    after = saved_trips(session, event_id)
    restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=recorded.before,
                     expected=recorded.after)
    undone = trip_count(session, event_id)
    restore_recorded(session, snapshotter=TRANSPORT, key=event_id, state=recorded.after,
                     expected=recorded.before, redo=True)

    assert (len(after), undone) == (2, 0)
    assert saved_trips(session, event_id) == after
    assert [len(seats(session, i)) for i in recorded.result.value] == [1, 3]
