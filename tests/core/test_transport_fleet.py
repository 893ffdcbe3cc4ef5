"""Fleet directory services: vehicles, drivers and absences; refusals name their field; plates are
normalised and unique; default drivers are active and licensed for the kind; stale edits and the removal
of what trips use are refused; the read model."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from rdplanner.db import Database
from rdplanner.errors import InvalidInput, NotFound, StaleEdit
from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import Driver, DriverAbsence, Trip, Vehicle
from rdplanner.transport.fleet import (
    add_absence,
    add_driver,
    add_vehicle,
    remove_absence,
    remove_driver,
    remove_vehicle,
    set_driver_active,
    set_vehicle_active,
    update_absence,
    update_driver,
    update_vehicle,
)
from rdplanner.transport.fleet_read import load_fleet
from rdplanner.transport.fleet_rules import DriverDraft, VehicleDraft

MORNING = datetime(2027, 2, 24, 8, 0)
NOON = datetime(2027, 2, 24, 12, 0)
GL8 = VehicleDraft(plate="浙A12345", kind="mpv", seats=7, model="别克 GL8")


@pytest.fixture
def session(database: Database):
    with database.session() as s:
        yield s


def driver(session, name="王建国", licence="A1", **fields) -> int:
    return add_driver(session, driver=DriverDraft(name=name, licence_class=licence, **fields)).value


def vehicle(session, draft=GL8, **fields) -> int:
    return add_vehicle(session, vehicle=replace(draft, **fields)).value


def trip(session, *, vehicle_id=None, driver_id=None, purpose="接送参会人员", depart_at=MORNING) -> int:
    event_id = create_event(session, draft=EventDraft(
        name="市第十七届人大常委会第二十四次会议", event_type="standing_committee",
        start_date=date(2027, 2, 24), end_date=date(2027, 2, 25))).value
    row = Trip(event_id=event_id, vehicle_id=vehicle_id, driver_id=driver_id, purpose=purpose,
               depart_at=depart_at)
    session.add(row)
    session.commit()
    return row.id


def refusal(call, **kwargs) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call(**kwargs)
    return caught.value


def test_add_vehicle_stores_the_normalised_plate_and_names_the_row(session):
    outcome = add_vehicle(session, vehicle=VehicleDraft(plate=" 浙a·d1234 5", kind="sedan", seats=5))

    assert session.get(Vehicle, outcome.value).plate == "浙AD12345"
    assert outcome.changes.touches("transport", 7)
    assert outcome.changes.row_ids("vehicle") == {outcome.value}


def test_a_plate_already_registered_is_refused_naming_the_other_vehicle(session):
    first = vehicle(session)

    error = refusal(add_vehicle, session=session, vehicle=VehicleDraft(plate="浙a-12345", kind="sedan"))

    assert error.field == "plate"
    assert f"编号 {first}" in error.message and "商务车、别克 GL8" in error.message
    assert "浙A·12345" in error.message


def test_a_plate_saved_with_its_dot_before_normalisation_still_counts_as_taken(session):
    session.add(Vehicle(plate="浙A·G1234", kind="sedan", seats=5, active=False))
    session.commit()

    error = refusal(add_vehicle, session=session, vehicle=VehicleDraft(plate="浙AG1234"))

    assert error.field == "plate" and "已停用" in error.message and "恢复启用" in error.message


def test_update_vehicle_keeps_its_own_plate_and_bumps_the_version(session):
    vehicle_id = vehicle(session)

    update_vehicle(session, vehicle_id=vehicle_id, expected_version=1,
                   vehicle=VehicleDraft(plate="浙A·12345", kind="mpv", seats=6, notes="后排可放轮椅"))

    row = session.get(Vehicle, vehicle_id)
    assert (row.seats, row.notes, row.version) == (6, "后排可放轮椅", 2)


def test_update_vehicle_with_a_stale_version_is_refused_and_saves_nothing(session):
    vehicle_id = vehicle(session)
    update_vehicle(session, vehicle_id=vehicle_id, expected_version=1, vehicle=GL8)

    with pytest.raises(StaleEdit):
        update_vehicle(session, vehicle_id=vehicle_id, expected_version=1,
                       vehicle=VehicleDraft(plate="浙A12345", kind="mpv", seats=9))

    assert session.get(Vehicle, vehicle_id).seats == 7


def test_update_of_a_vehicle_that_is_gone_is_not_found(session):
    with pytest.raises(NotFound):
        update_vehicle(session, vehicle_id=999, expected_version=1, vehicle=GL8)


@pytest.mark.parametrize("fields, field, words", [
    ({"plate": "浙AO1234"}, "plate", "I 和 O"),
    ({"plate": ""}, "plate", "请填写车牌号"),
    ({"kind": "truck"}, "kind", "未知的车型"),
    ({"kind": "minibus", "seats": 20}, "seats", "10–19"),
    ({"model": "型" * 101}, "model", "品牌型号过长"),
    ({"hired": True, "day_rate": "800"}, "hire_company", "租车公司"),
    ({"hired": True, "hire_company": "西湖租车"}, "day_rate", "日租金"),
    ({"hired": True, "hire_company": "西湖租车", "day_rate": "-5"}, "day_rate", "不小于 0"),
    ({"default_driver_id": 999}, "default_driver_id", "不存在"),
])
def test_vehicle_refusals_name_their_field(session, fields, field, words):
    error = refusal(add_vehicle, session=session, vehicle=replace(GL8, **fields))

    assert error.field == field and words in error.message


def test_a_hired_vehicle_stores_its_day_rate_in_fen(session):
    vehicle_id = vehicle(session, hired=True, hire_company="西湖旅游客运公司", day_rate="850.50")

    row = session.get(Vehicle, vehicle_id)
    assert (row.hired, row.hire_company, row.day_rate_fen) == (True, "西湖旅游客运公司", 85050)


def test_an_own_vehicle_keeps_no_hire_company_or_rate(session):
    vehicle_id = vehicle(session, hired=False, hire_company="西湖旅游客运公司", day_rate="850")

    row = session.get(Vehicle, vehicle_id)
    assert (row.hire_company, row.day_rate_fen) == ("", None)


def test_a_retired_driver_cannot_be_the_default_driver(session):
    driver_id = driver(session)
    set_driver_active(session, driver_id=driver_id, active=False)

    error = refusal(add_vehicle, session=session, vehicle=VehicleDraft(
        plate="浙A12345", default_driver_id=driver_id))

    assert error.field == "default_driver_id" and "王建国" in error.message and "停用" in error.message


@pytest.mark.parametrize("kind, seats, licence, accepted", [
    ("coach", 49, "A1", True),
    ("coach", 49, "B1", False),
    ("minibus", 15, "B1", True),
    ("minibus", 15, "C1", False),
    ("sedan", 5, "C1", True),
    ("sedan", 5, "", False),
])
def test_the_default_driver_must_hold_the_licence_of_the_kind(session, kind, seats, licence, accepted):
    draft = VehicleDraft(plate="浙A12345", kind=kind, seats=seats,
                         default_driver_id=driver(session, licence=licence))

    if accepted:
        assert session.get(Vehicle, add_vehicle(session, vehicle=draft).value).default_driver_id is not None
    else:
        error = refusal(add_vehicle, session=session, vehicle=draft)
        assert error.field == "default_driver_id" and "王建国" in error.message


def test_changing_the_kind_rechecks_the_default_drivers_licence(session):
    driver_id = driver(session, licence="C1")
    vehicle_id = vehicle(session, default_driver_id=driver_id)

    error = refusal(update_vehicle, session=session, vehicle_id=vehicle_id, expected_version=1,
                    vehicle=replace(GL8, kind="coach", seats=49, default_driver_id=driver_id))

    assert error.field == "default_driver_id" and "大巴" in error.message and "A1" in error.message


@pytest.mark.parametrize("fields, field, words", [
    ({"name": "  "}, "name", "姓名为空"),
    ({"phone": "1390000000"}, "phone", "格式不对"),
    ({"phone": "23900000000"}, "phone", "格式不对"),
    ({"licence_class": "D"}, "licence_class", "A1、A2、A3、B1、B2、C1、C2"),
    ({"unit": "单" * 201}, "unit", "所属单位过长"),
])
def test_driver_refusals_name_their_field(session, fields, field, words):
    error = refusal(add_driver, session=session, driver=DriverDraft(**({"name": "王建国"} | fields)))

    assert error.field == field and words in error.message


def test_add_driver_stores_the_licence_in_upper_case_and_the_phone_without_spaces(session):
    draft = DriverDraft(name="王建国", phone="+86 139 0000 0001", licence_class=" b1")

    outcome = add_driver(session, driver=draft)

    row = session.get(Driver, outcome.value)
    assert (row.licence_class, row.phone) == ("B1", "13900000001")
    assert outcome.changes.row_ids("driver") == {outcome.value}


def test_a_landline_with_its_area_code_is_a_valid_phone(session):
    assert session.get(Driver, driver(session, phone="0571-87654321")).phone == "0571-87654321"


def test_lowering_the_licence_of_a_default_driver_is_refused_naming_the_vehicle(session):
    driver_id = driver(session, licence="A1")
    vehicle(session, plate="浙A88888", kind="coach", seats=49, default_driver_id=driver_id)

    error = refusal(update_driver, session=session, driver_id=driver_id, expected_version=1,
                    driver=DriverDraft(name="王建国", licence_class="B1"))

    assert error.field == "licence_class" and "浙A·88888" in error.message
    assert session.get(Driver, driver_id).licence_class == "A1"


def test_update_driver_with_a_stale_version_is_refused(session):
    driver_id = driver(session)
    update_driver(session, driver_id=driver_id, expected_version=1,
                  driver=DriverDraft(name="王建国", phone="13900000001"))

    with pytest.raises(StaleEdit):
        update_driver(session, driver_id=driver_id, expected_version=1, driver=DriverDraft(name="王建军"))

    assert session.get(Driver, driver_id).name == "王建国"


def test_retiring_a_default_driver_is_refused_naming_the_vehicle(session):
    driver_id = driver(session)
    vehicle_id = vehicle(session, default_driver_id=driver_id)

    error = refusal(set_driver_active, session=session, driver_id=driver_id, active=False)
    assert error.field == "active" and "浙A·12345" in error.message

    update_vehicle(session, vehicle_id=vehicle_id, expected_version=1, vehicle=GL8)
    set_driver_active(session, driver_id=driver_id, active=False)
    assert session.get(Driver, driver_id).active is False


def test_set_vehicle_active_retires_and_restores_with_a_new_version(session):
    vehicle_id = vehicle(session)

    set_vehicle_active(session, vehicle_id=vehicle_id, active=False)
    assert (session.get(Vehicle, vehicle_id).active, session.get(Vehicle, vehicle_id).version) == (False, 2)
    set_vehicle_active(session, vehicle_id=vehicle_id, active=True)
    assert (session.get(Vehicle, vehicle_id).active, session.get(Vehicle, vehicle_id).version) == (True, 3)


def test_removing_a_vehicle_on_a_trip_is_refused_naming_the_trip(session):
    vehicle_id = vehicle(session)
    trip(session, vehicle_id=vehicle_id, purpose="接站")

    error = refusal(remove_vehicle, session=session, vehicle_id=vehicle_id)

    assert error.field == "vehicle_id"
    assert "1 趟行程（市第十七届人大常委会第二十四次会议 2027年2月24日 08:00 接站）" in error.message
    assert "停用" in error.message
    assert session.get(Vehicle, vehicle_id) is not None


def test_a_refusal_names_three_trips_and_counts_the_rest(session):
    vehicle_id = vehicle(session)
    for hour in (7, 8, 9, 10):
        trip(session, vehicle_id=vehicle_id, depart_at=datetime(2027, 2, 24, hour), purpose=f"第{hour}班")

    message = refusal(remove_vehicle, session=session, vehicle_id=vehicle_id).message

    assert "等 4 趟行程" in message and "第9班" in message and "第10班" not in message


def test_a_vehicle_on_no_trip_is_removed(session):
    vehicle_id = vehicle(session)

    outcome = remove_vehicle(session, vehicle_id=vehicle_id)

    assert session.scalar(select(Vehicle.id)) is None
    assert outcome.changes.row_ids("vehicle") == {vehicle_id}


def test_removing_a_driver_on_a_trip_is_refused_naming_the_trip(session):
    driver_id = driver(session)
    trip(session, driver_id=driver_id, purpose="送站", depart_at=datetime(2027, 2, 25, 17, 30))

    error = refusal(remove_driver, session=session, driver_id=driver_id)

    assert error.field == "driver_id" and "王建国" in error.message
    assert "2027年2月25日 17:30 送站" in error.message and "停用" in error.message


def test_removing_a_driver_clears_the_default_of_their_vehicles_and_their_absences(session):
    driver_id = driver(session)
    vehicle_id = vehicle(session, default_driver_id=driver_id)
    add_absence(session, driver_id=driver_id, starts_at=MORNING, ends_at=NOON, reason="年休假")

    outcome = remove_driver(session, driver_id=driver_id)

    session.expire_all()
    row = session.get(Vehicle, vehicle_id)
    assert (row.default_driver_id, row.version) == (None, 2)
    assert session.scalar(select(DriverAbsence.id)) is None
    assert outcome.changes.row_ids("vehicle") == {vehicle_id}


def test_absence_ending_at_or_before_its_start_is_refused(session):
    driver_id = driver(session)

    for ends_at in (MORNING, datetime(2027, 2, 24, 7, 59)):
        error = refusal(add_absence, session=session, driver_id=driver_id, starts_at=MORNING, ends_at=ends_at)
        assert error.field == "ends_at" and "应晚于开始时间" in error.message
    add_absence(session, driver_id=driver_id, starts_at=MORNING, ends_at=datetime(2027, 2, 24, 8, 1))


def test_absence_reason_too_long_is_refused(session):
    error = refusal(add_absence, session=session, driver_id=driver(session), starts_at=MORNING, ends_at=NOON,
                    reason="事" * 101)

    assert error.field == "reason"


def test_absence_of_a_driver_that_is_gone_is_not_found(session):
    with pytest.raises(NotFound):
        add_absence(session, driver_id=999, starts_at=MORNING, ends_at=NOON)


def test_absences_are_added_updated_with_their_version_and_removed(session):
    driver_id = driver(session)
    outcome = add_absence(session, driver_id=driver_id, starts_at=MORNING, ends_at=NOON, reason="年休假")
    absence_id = outcome.value
    assert outcome.changes.row_ids("driver") == {driver_id}

    update_absence(session, absence_id=absence_id, expected_version=1, starts_at=MORNING,
                   ends_at=datetime(2027, 2, 24, 18, 0), reason="公务")
    with pytest.raises(StaleEdit):
        update_absence(session, absence_id=absence_id, expected_version=1, starts_at=MORNING, ends_at=NOON)
    row = session.get(DriverAbsence, absence_id)
    assert (row.ends_at, row.reason, row.version) == (datetime(2027, 2, 24, 18, 0), "公务", 2)

    remove_absence(session, absence_id=absence_id)
    assert session.get(DriverAbsence, absence_id) is None


def test_load_fleet_gives_names_labels_and_day_rates(session):
    driver_id = driver(session, name="李师傅", licence="A1")
    driver(session, name="张师傅", licence="C1")
    vehicle(session, plate="浙B55555", kind="coach", seats=49, default_driver_id=driver_id, hired=True,
            hire_company="西湖旅游客运公司", day_rate="1200")
    vehicle(session)
    add_absence(session, driver_id=driver_id, starts_at=MORNING, ends_at=NOON, reason="体检")

    fleet = load_fleet(session)

    own, coach = fleet.vehicles
    assert (own.plate, own.kind_label, own.default_driver, own.ownership_text, own.day_rate_text) == (
        "浙A12345", "商务车", "", "自有", "")
    assert (coach.plate_text, coach.kind_label, coach.default_driver, coach.passenger_seats) == (
        "浙B·55555", "大巴", "李师傅", 48)
    assert coach.day_rate_text == "1,200.00 元"
    assert coach.ownership_text == "租用（西湖旅游客运公司，1,200.00 元/天）"
    assert {d.name: d.default_of for d in fleet.drivers} == {"李师傅": ("浙B55555",), "张师傅": ()}
    assert [(a.driver_name, a.reason, a.starts_at) for a in fleet.absences] == [("李师傅", "体检", MORNING)]


@pytest.mark.parametrize("call, kwargs", [
    (remove_vehicle, {"vehicle_id": 999}), (set_vehicle_active, {"vehicle_id": 999, "active": False}),
    (remove_driver, {"driver_id": 999}), (set_driver_active, {"driver_id": 999, "active": True}),
    (remove_absence, {"absence_id": 999}),
])
def test_acting_on_a_row_that_is_gone_is_not_found(session, call, kwargs):
    with pytest.raises(NotFound):
        call(session=session, **kwargs)
