"""Venue actions recorded for undo (rdplanner.venue.snapshots): undo puts back exactly what the action
changed and redo its result, checked against a dump of the whole tables; and duplicating an event copies
the set-ups without bookings, marks, prepared counts or approvals. On each supported engine."""

from datetime import datetime

import pytest
from sqlalchemy import select
from venue_world import at, make_world

from rdplanner.domain import CopyContext
from rdplanner.errors import StaleEdit
from rdplanner.events.service import copy_event_record
from rdplanner.models import Hall, HallBooking, VenueCheck, VenueMaterial, VenueSetup
from rdplanner.undo import record, restore_recorded
from rdplanner.venue import service
from rdplanner.venue.domain import DOMAIN
from rdplanner.venue.read import load_venue
from rdplanner.venue.snapshots import VENUE

TABLES = (HallBooking, VenueSetup, VenueCheck, VenueMaterial)


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    world = make_world(session)
    service.book_hall(session, event_id=world.event_id, hall_id=world.hall_id, starts_at=at(10, 9),
                      ends_at=at(10, 12), status="confirmed", contact="王五")
    service.book_hall(session, event_id=world.other_event_id, hall_id=world.hall_id, starts_at=at(11, 9),
                      ends_at=at(11, 12))
    setup_id = service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id).value
    service.ensure_setup(session, event_id=world.other_event_id, hall_id=world.hall_id)
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    return world


def dump(session) -> dict[str, set]:
    """Every row of the venue tables (every event's), without the version."""
    return {m.__tablename__: {tuple(r) for r in session.execute(select(*[c for c in m.__table__.c
                                                                          if c.name != "version"]))}
            for m in TABLES}


def round_trip(session, key, action, /, **kwargs):
    before = dump(session)
    done = record(session, snapshotter=VENUE, key=key, action=action, **kwargs)
    after = dump(session)
    restore_recorded(session, snapshotter=VENUE, key=key, state=done.before, expected=done.after)
    undone = dump(session)
    restore_recorded(session, snapshotter=VENUE, key=key, state=done.after, expected=done.before)
    return before, after, undone, dump(session)


def the_setup(session, world):
    return load_venue(session, world.event_id).setups[0]


def assert_round_trip(before, after, undone, redone):
    assert after != before
    assert undone == before
    assert redone == after


def test_undo_and_redo_of_a_new_booking(session, world):
    assert_round_trip(*round_trip(session, world.event_id, service.book_hall, event_id=world.event_id,
                                  hall_id=world.other_hall_id, starts_at=at(10, 14), ends_at=at(10, 17)))


def test_undo_and_redo_of_a_removed_set_up_bring_back_its_checks_and_materials(session, world):
    setup_id = the_setup(session, world).id
    assert_round_trip(*round_trip(session, world.event_id, service.remove_setup, setup_id=setup_id))


def test_undo_and_redo_of_a_new_set_up(session, world):
    assert_round_trip(*round_trip(session, world.event_id, service.ensure_setup, event_id=world.event_id,
                                  hall_id=world.other_hall_id))


def test_undo_and_redo_of_an_approval_a_mark_and_an_edit(session, world):
    setup = the_setup(session, world)
    assert_round_trip(*round_trip(session, world.event_id, service.approve_banner, setup_id=setup.id,
                                  approved_by="李秘书长", at=datetime(2026, 6, 5, 2)))
    assert_round_trip(*round_trip(session, world.event_id, service.mark_check, check_id=setup.checks[0].id,
                                  checked_by="张工", at=datetime(2026, 6, 9, 1)))
    water = setup.materials[-1]
    assert_round_trip(*round_trip(session, world.event_id, service.update_material, material_id=water.id,
                                  expected_version=water.version, name="矿泉水", unit="瓶",
                                  basis="participant", per_unit=2, prepared=150))


def test_undo_is_refused_when_the_set_up_changed_since(session, world):
    setup = the_setup(session, world)
    done = record(session, snapshotter=VENUE, key=world.event_id, action=service.remove_booking,
                  booking_id=load_venue(session, world.event_id).bookings[0].id)
    service.add_check(session, setup_id=setup.id, name="同传设备")
    with pytest.raises(StaleEdit):
        restore_recorded(session, snapshotter=VENUE, key=world.event_id, state=done.before,
                         expected=done.after)


def test_undo_skips_and_counts_what_hung_on_a_deleted_hall(session, world):
    done = record(session, snapshotter=VENUE, key=world.event_id, action=service.ensure_setup,
                  event_id=world.event_id, hall_id=world.other_hall_id)
    removed = record(session, snapshotter=VENUE, key=world.event_id, action=service.remove_setup,
                     setup_id=done.result.value)
    session.delete(session.get(Hall, world.other_hall_id))
    session.commit()
    restored = restore_recorded(session, snapshotter=VENUE, key=world.event_id, state=removed.before,
                                expected=VENUE.take(session, world.event_id))
    assert restored.skipped == 1 + 7 + 5  # the set-up with its checks and materials
    assert [s.hall_id for s in load_venue(session, world.event_id).setups] == [world.hall_id]


def test_the_state_holds_only_the_events_rows(session, world):
    state = VENUE.take(session, world.event_id)
    counts = {t.table: len(t.rows) for t in state.tables}
    assert counts == {"hallbooking": 1, "venuesetup": 1, "venuecheck": 7, "venuematerial": 5}


def test_describe_names_the_event(session, world):
    assert VENUE.describe(session, world.event_id) == "活动“常委会第十次会议”的会场布置"


def test_duplicating_copies_set_ups_without_bookings_marks_prepared_or_approval(session, world):
    setup = the_setup(session, world)
    service.approve_banner(session, setup_id=setup.id, approved_by="李秘书长")
    service.mark_check(session, check_id=setup.checks[0].id, checked_by="张工")
    water = setup.materials[-1]
    service.update_material(session, material_id=water.id, expected_version=1, name="饮用水", unit="瓶",
                            basis="participant", per_unit=2, prepared=150, notes="常温")
    service.add_check(session, setup_id=setup.id, name="同传设备", notes="试听")
    target = copy_event_record(session, event_id=world.event_id)
    context = CopyContext(world.event_id, target)
    DOMAIN.copy(session, context)
    session.commit()
    copied = load_venue(session, target)
    assert copied.bookings == ()
    (new,) = copied.setups
    assert context.ids["venue_setup"] == {setup.id: new.id}
    assert (new.hall_id, new.banner_text, new.banner_approved_by, new.banner_approved_at,
            new.spare_percent) == (
        world.hall_id, "第十次会议", "", None, 10)
    assert [(c.name, c.notes, c.checked_by, c.checked_at) for c in new.checks][-2:] == [
        ("主席台物品", "席卡、会议材料、笔、纸、饮用水按位次摆放整齐", "", None),
        ("同传设备", "试听", "", None)]
    assert all(not c.is_done for c in new.checks)
    last = new.materials[-1]
    assert (last.name, last.per_unit, last.prepared, last.notes) == ("饮用水", 2, None, "常温")
    assert the_setup(session, world).is_banner_approved  # the original keeps its approval


def test_undo_is_refused_when_another_event_took_the_removed_rows_id(database, session, world):
    if not database.is_sqlite:
        pytest.skip("only SQLite hands a deleted row's id to the next new row")
    late = service.book_hall(session, event_id=world.event_id, hall_id=world.other_hall_id,
                             starts_at=at(10, 14), ends_at=at(10, 17)).value
    done = record(session, snapshotter=VENUE, key=world.event_id, action=service.remove_booking,
                  booking_id=late)
    taken = service.book_hall(session, event_id=world.other_event_id, hall_id=world.other_hall_id,
                              starts_at=at(12, 9), ends_at=at(12, 10)).value
    assert taken == late
    with pytest.raises(StaleEdit):
        restore_recorded(session, snapshotter=VENUE, key=world.event_id, state=done.before,
                         expected=done.after)
    assert session.get(HallBooking, taken).event_id == world.other_event_id
