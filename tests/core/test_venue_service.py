"""Venue set-up services (rdplanner.venue.service): what each action writes, what it returns, and the
refusals, each naming its field; on each supported engine."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from venue_world import at, make_world

from rdplanner.changes import Changes
from rdplanner.errors import InvalidInput, NotFound, StaleEdit
from rdplanner.models import HallBooking, VenueCheck, VenueMaterial, VenueSetup
from rdplanner.venue import service
from rdplanner.venue.read import load_venue


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    return make_world(session)


@pytest.fixture
def setup_id(session, world):
    return service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id).value


def setup_row(session, world):
    return load_venue(session, world.event_id).setups[0]


def test_book_hall_saves_the_booking_and_names_it_in_the_changes(session, world):
    outcome = service.book_hall(session, event_id=world.event_id, hall_id=world.hall_id, starts_at=at(10, 9),
                                ends_at=at(10, 12), status="confirmed", contact=" 王五 ", phone="0571-8888")
    booking = load_venue(session, world.event_id).bookings[0]
    assert (booking.id, booking.place, booking.starts_at, booking.ends_at, booking.status, booking.contact,
            booking.phone) == (outcome.value, "市人大常委会机关 第一会议室", at(10, 9), at(10, 12),
                               "confirmed", "王五", "0571-8888")
    assert outcome.changes == Changes.of("venue", world.event_id, rows=(("booking", outcome.value),))


@pytest.mark.parametrize(("changes", "field"), [
    ({"hall_id": 9999}, "hall_id"),
    ({"ends_at": at(10, 9)}, "ends_at"),  # the same moment as the start
    ({"ends_at": at(10, 8)}, "ends_at"),
    ({"starts_at": None}, "starts_at"),
    ({"status": "maybe"}, "status"),
    ({"contact": "张" * 101}, "contact"),
    ({"phone": "1" * 51}, "phone"),
])
def test_book_hall_refuses_bad_input_naming_the_field(session, world, changes, field):
    values = {"hall_id": world.hall_id, "starts_at": at(10, 9), "ends_at": at(10, 12)} | changes
    with pytest.raises(InvalidInput) as raised:
        service.book_hall(session, event_id=world.event_id, **values)
    assert raised.value.field == field
    assert session.scalars(select(HallBooking)).all() == []


def test_book_hall_refuses_a_missing_event(session, world):
    with pytest.raises(NotFound):
        service.book_hall(session, event_id=9999, hall_id=world.hall_id, starts_at=at(10, 9),
                          ends_at=at(10, 12))


def test_update_booking_saves_and_refuses_a_stale_version(session, world):
    booking_id = service.book_hall(session, event_id=world.event_id, hall_id=world.hall_id,
                                   starts_at=at(10, 9), ends_at=at(10, 12)).value
    service.update_booking(session, booking_id=booking_id, expected_version=1, hall_id=world.other_hall_id,
                           starts_at=at(10, 14), ends_at=at(10, 17), status="cancelled")
    booking = load_venue(session, world.event_id).bookings[0]
    assert (booking.hall_name, booking.starts_at, booking.status, booking.version) == (
        "第二会议室", at(10, 14), "cancelled", 2)
    with pytest.raises(StaleEdit):
        service.update_booking(session, booking_id=booking_id, expected_version=1, hall_id=world.hall_id,
                               starts_at=at(10, 9), ends_at=at(10, 12), status="tentative")


def test_remove_booking_deletes_it(session, world):
    booking_id = service.book_hall(session, event_id=world.event_id, hall_id=world.hall_id,
                                   starts_at=at(10, 9), ends_at=at(10, 12)).value
    service.remove_booking(session, booking_id=booking_id)
    assert load_venue(session, world.event_id).bookings == ()
    with pytest.raises(NotFound):
        service.remove_booking(session, booking_id=booking_id)


def test_ensure_setup_creates_the_default_checks_and_materials_once(session, world):
    first = service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id)
    again = service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id)
    setup = setup_row(session, world)
    assert first.value == again.value == setup.id
    assert first.changes == Changes.of("venue", world.event_id, rows=(("setup", setup.id),))
    assert not again.changes
    assert [c.name for c in setup.checks] == ["音响和话筒", "投影和屏幕", "灯光", "空调", "备用电源", "网络",
                                              "主席台物品"]
    assert [(m.name, m.unit, m.basis, m.per_unit) for m in setup.materials] == [
        ("席卡（桌签）", "张", "card", 1), ("会议材料", "份", "participant", 1),
        ("笔", "支", "participant", 1), ("纸", "本", "participant", 1), ("饮用水", "瓶", "participant", 1)]
    assert setup.spare_percent == 10
    assert (setup.banner_text, setup.banner_approved_by, setup.banner_approved_at) == ("", "", None)


def test_ensure_setup_refuses_a_missing_hall(session, world):
    with pytest.raises(InvalidInput) as raised:
        service.ensure_setup(session, event_id=world.event_id, hall_id=9999)
    assert raised.value.field == "hall_id"


def test_set_banner_then_approve_records_who_and_when(session, world, setup_id):
    service.set_banner(session, setup_id=setup_id, text="  市十六届人大常委会   第十次会议 ",
                       expected_version=1)
    service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长", at=datetime(2026, 6, 5, 2, 30))
    setup = setup_row(session, world)
    assert (setup.banner_text, setup.banner_approved_by, setup.banner_approved_at,
            setup.is_banner_approved) == (
        "市十六届人大常委会 第十次会议", "李秘书长", datetime(2026, 6, 5, 2, 30), True)


def test_approve_banner_stores_an_aware_time_as_utc(session, world, setup_id):
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    beijing = timezone(timedelta(hours=8))
    service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长",
                           at=datetime(2026, 6, 5, 10, 30, tzinfo=beijing))
    assert setup_row(session, world).banner_approved_at == datetime(2026, 6, 5, 2, 30)


def test_changing_the_banner_text_clears_its_approval_and_keeping_it_does_not(session, world, setup_id):
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长", at=datetime(2026, 6, 5, 9))
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=3)
    assert setup_row(session, world).banner_approved_by == "李秘书长"
    service.set_banner(session, setup_id=setup_id, text="第十一次会议", expected_version=4)
    setup = setup_row(session, world)
    assert (setup.banner_approved_by, setup.banner_approved_at) == ("", None)


def test_set_banner_refuses_a_stale_version_and_a_long_text(session, world, setup_id):
    with pytest.raises(InvalidInput) as raised:
        service.set_banner(session, setup_id=setup_id, text="会" * 201, expected_version=1)
    assert raised.value.field == "banner_text"
    service.set_banner(session, setup_id=setup_id, text="会" * 200, expected_version=1)
    with pytest.raises(StaleEdit):
        service.set_banner(session, setup_id=setup_id, text="别的", expected_version=1)


def test_approve_banner_refuses_without_approver_or_text(session, world, setup_id):
    with pytest.raises(InvalidInput) as no_text:
        service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长")
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    with pytest.raises(InvalidInput) as no_one:
        service.approve_banner(session, setup_id=setup_id, approved_by="  ")
    assert (no_text.value.field, no_one.value.field) == ("banner_text", "approved_by")


def test_approve_banner_with_the_version_seen_refuses_a_text_changed_since(session, world, setup_id):
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    service.set_banner(session, setup_id=setup_id, text="第十一次会议", expected_version=2)
    with pytest.raises(StaleEdit):
        service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长", expected_version=2)


def test_clear_banner_approval(session, world, setup_id):
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长")
    service.clear_banner_approval(session, setup_id=setup_id)
    assert not setup_row(session, world).is_banner_approved


def test_mark_check_and_clear_check(session, world, setup_id):
    check = setup_row(session, world).checks[0]
    outcome = service.mark_check(session, check_id=check.id, checked_by="张工", at=datetime(2026, 6, 9, 7))
    marked = setup_row(session, world).checks[0]
    assert (marked.checked_by, marked.checked_at, marked.is_done) == ("张工", datetime(2026, 6, 9, 7), True)
    assert outcome.changes.row_ids("check") == {check.id}
    service.clear_check(session, check_id=check.id)
    cleared = setup_row(session, world).checks[0]
    assert (cleared.checked_by, cleared.checked_at, cleared.is_done) == ("", None, False)


def test_mark_check_without_a_time_takes_now(session, world, setup_id):
    check = setup_row(session, world).checks[0]
    before = datetime.now(UTC).replace(tzinfo=None)
    service.mark_check(session, check_id=check.id, checked_by="张工")
    assert setup_row(session, world).checks[0].checked_at >= before - timedelta(seconds=1)


def test_mark_check_refuses_without_checker(session, world, setup_id):
    check = setup_row(session, world).checks[0]
    with pytest.raises(InvalidInput) as raised:
        service.mark_check(session, check_id=check.id, checked_by="")
    assert raised.value.field == "checked_by"


def test_add_update_remove_check(session, world, setup_id):
    check_id = service.add_check(session, setup_id=setup_id, name="  同声传译设备 ", notes="试听").value
    added = setup_row(session, world).checks[-1]
    assert (added.id, added.name, added.notes, added.sort_order) == (check_id, "同声传译设备", "试听", 8)
    service.update_check(session, check_id=check_id, expected_version=1, name="同传设备", notes="")
    assert setup_row(session, world).checks[-1].name == "同传设备"
    with pytest.raises(StaleEdit):
        service.update_check(session, check_id=check_id, expected_version=1, name="再改")
    with pytest.raises(InvalidInput) as raised:
        service.add_check(session, setup_id=setup_id, name=" ")
    assert raised.value.field == "name"
    service.remove_check(session, check_id=check_id)
    assert len(setup_row(session, world).checks) == 7


def test_add_update_remove_material(session, world, setup_id):
    material_id = service.add_material(session, setup_id=setup_id, name="横幅", unit="条", basis="fixed",
                                       per_unit=1, prepared=0).value
    added = setup_row(session, world).materials[-1]
    assert (added.id, added.name, added.unit, added.basis, added.per_unit, added.prepared,
            added.sort_order) == (
        material_id, "横幅", "条", "fixed", 1, 0, 6)
    service.update_material(session, material_id=material_id, expected_version=1, name="横幅", unit="条",
                            basis="fixed", per_unit=2, prepared=None)
    changed = setup_row(session, world).materials[-1]
    assert (changed.per_unit, changed.prepared) == (2, None)
    service.remove_material(session, material_id=material_id)
    assert len(setup_row(session, world).materials) == 5


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": ""}, "name"),
    ({"basis": "weight"}, "basis"),
    ({"per_unit": -1}, "per_unit"),
    ({"per_unit": 1001}, "per_unit"),
    ({"per_unit": 1.5}, "per_unit"),
    ({"prepared": -1}, "prepared"),
    ({"unit": "个" * 21}, "unit"),
])
def test_add_material_refuses_bad_input_naming_the_field(session, world, setup_id, changes, field):
    values = {"name": "矿泉水", "unit": "瓶", "basis": "participant", "per_unit": 1} | changes
    with pytest.raises(InvalidInput) as raised:
        service.add_material(session, setup_id=setup_id, **values)
    assert raised.value.field == field
    assert len(session.scalars(select(VenueMaterial)).all()) == 5


def test_add_material_takes_the_limits_themselves(session, world, setup_id):
    service.add_material(session, setup_id=setup_id, name="A", per_unit=0, prepared=0)
    service.add_material(session, setup_id=setup_id, name="B", per_unit=1000)
    assert [m.per_unit for m in setup_row(session, world).materials[-2:]] == [0, 1000]


@pytest.mark.parametrize("value", [-1, 101, True, "10"])
def test_set_spare_percent_refuses_outside_0_to_100(session, world, setup_id, value):
    with pytest.raises(InvalidInput) as raised:
        service.set_spare_percent(session, setup_id=setup_id, spare_percent=value, expected_version=1)
    assert raised.value.field == "spare_percent"


def test_set_spare_percent_takes_0_and_100(session, world, setup_id):
    service.set_spare_percent(session, setup_id=setup_id, spare_percent=0, expected_version=1)
    assert setup_row(session, world).spare_percent == 0
    service.set_spare_percent(session, setup_id=setup_id, spare_percent=100, expected_version=2)
    assert setup_row(session, world).spare_percent == 100


def test_remove_setup_takes_its_checks_and_materials(session, world, setup_id):
    service.remove_setup(session, setup_id=setup_id)
    assert session.scalars(select(VenueSetup)).all() == []
    assert session.scalars(select(VenueCheck)).all() == []
    assert session.scalars(select(VenueMaterial)).all() == []



def test_a_session_holding_the_set_up_from_before_its_banner_was_set_can_approve_it(session, setup_id):
    """The approval reads the set-up under the event's lock, not as this session first loaded it."""
    held = session.get(VenueSetup, setup_id)
    service.set_banner(session, setup_id=setup_id, text="市人大常委会会议", expected_version=held.version)
    service.approve_banner(session, setup_id=setup_id, approved_by="办公室主任")
    session.expire_all()
    assert session.get(VenueSetup, setup_id).banner_approved_by == "办公室主任"
