"""Pure fleet rules: plate normalisation and format, seat ranges per kind at their boundaries, the
licence classes that cover each kind (a table written from the 准驾车型 rules), day rates in 元, driver
fields, and whether a driver is free (half-open periods: touching ends do not overlap)."""

from datetime import datetime

import pytest

from rdplanner.errors import InvalidInput
from rdplanner.transport.fleet_read import AbsenceRow, driver_available
from rdplanner.transport.fleet_rules import (
    DriverDraft,
    VehicleDraft,
    check_plate,
    check_seats,
    licence_covers,
    licence_refusal,
    normalise_plate,
    parse_yuan,
    plate_text,
    validate_driver,
    validate_vehicle,
)


def at(hour: int, minute: int = 0, day: int = 24) -> datetime:
    return datetime(2027, 2, day, hour, minute)


@pytest.mark.parametrize("typed", ["浙A12345", "浙a12345", "浙A·12345", " 浙 A 1 2 3 4 5 ",
                                   "浙Ａ－１２３４５", "浙A-12345", "浙A•12345", "浙A\u200b12345"])
def test_normalise_plate_gives_one_spelling(typed):
    assert normalise_plate(typed) == "浙A12345"


@pytest.mark.parametrize("plate", ["浙A12345", "京N8K9M2", "粤BD12345", "沪ADA1234", "苏E12345D", "新A00001"])
def test_check_plate_accepts_ordinary_and_new_energy_plates(plate):
    assert check_plate(plate) == plate


@pytest.mark.parametrize("plate, words", [
    ("XA12345", "省、自治区、直辖市的简称"),
    ("浙112345", "发牌机关的字母"),
    ("浙A1234O", "I 和 O"),
    ("浙AI2345", "I 和 O"),
    ("浙A1234", "5 位字母或数字"),
    ("浙A1234567", "5 位字母或数字"),
    ("浙AZ12345", "能源类型的字母"),
    ("浙A12345Z", "能源类型的字母"),
    ("沪AF1234X", "能源类型的字母"),
    ("苏ED1234D", "能源类型的字母"),
])
def test_check_plate_says_what_is_wrong(plate, words):
    with pytest.raises(InvalidInput) as caught:
        check_plate(plate)
    assert caught.value.field == "plate" and words in caught.value.message and plate in caught.value.message


def test_plate_text_puts_the_middle_dot_after_the_issuing_letter():
    assert plate_text("浙A12345") == "浙A·12345"
    assert plate_text("浙A·G1234") == "浙A·G1234"


@pytest.mark.parametrize("kind, seats, accepted", [
    ("sedan", 1, False), ("sedan", 2, True), ("sedan", 5, True), ("sedan", 6, False),
    ("mpv", 4, False), ("mpv", 5, True), ("mpv", 9, True), ("mpv", 10, False),
    ("minibus", 9, False), ("minibus", 10, True), ("minibus", 19, True), ("minibus", 20, False),
    ("coach", 19, False), ("coach", 20, True), ("coach", 70, True), ("coach", 71, False),
])
def test_seat_ranges_per_kind(kind, seats, accepted):
    if accepted:
        check_seats(kind, seats)
    else:
        with pytest.raises(InvalidInput) as caught:
            check_seats(kind, seats)
        assert caught.value.field == "seats"


def test_seat_refusal_states_the_range_and_the_kind_that_fits():
    with pytest.raises(InvalidInput) as caught:
        check_seats("minibus", 23)
    assert caught.value.message == ("中巴的核定载客人数（含驾驶员）应在 10–19 人之间，现为 23 人，"
                                    "23 座的车请选“大巴”。")


# Kind → the classes that may drive it, from the 准驾车型 table: A1 大型客车 (also A3 B1 B2 C1 …), A2 牵引车
# (B1 B2 C1 …), A3 城市公交车 (C1 …), B1 中型客车 (C1 …), B2 大型货车 (C1 …), C1 小型汽车, C2 小型自动挡.
COVERS = {
    #           A1     A2     A3     B1     B2     C1     C2
    "coach":   (True, False, False, False, False, False, False),
    "minibus": (True, True, False, True, False, False, False),
    "mpv":     (True, True, True, True, True, True, False),
    "sedan":   (True, True, True, True, True, True, False),
}


@pytest.mark.parametrize("kind", COVERS)
def test_licence_coverage_table(kind):
    classes = ("A1", "A2", "A3", "B1", "B2", "C1", "C2")
    assert tuple(licence_covers(kind, c) for c in classes) == COVERS[kind]


def test_licence_covers_ignores_case_and_spaces_and_an_empty_class_covers_nothing():
    assert licence_covers("minibus", " b1 ")
    assert not licence_covers("sedan", "")


def test_licence_refusal_names_the_driver_and_the_classes_that_would_do():
    assert licence_refusal("minibus", "王建国", "C1") == ("驾驶员“王建国”持 C1 驾照，"
                                                         "驾驶中巴（中型客车）需持 A1、A2 或 B1 驾照")
    assert licence_refusal("coach", "王建国", "") == ("驾驶员“王建国”未登记准驾车型，"
                                                    "驾驶大巴（大型客车）需持 A1 驾照")
    assert licence_refusal("coach", "王建国", "A1") is None


@pytest.mark.parametrize("typed, fen", [
    ("800", 80000), ("850.5", 85050), ("850.50", 85050), ("0", 0), ("0.01", 1), ("1,200", 120000),
    ("１２００元", 120000), (95, 9500), ("100000", 10000000),
])
def test_parse_yuan_gives_fen(typed, fen):
    assert parse_yuan(typed) == fen


@pytest.mark.parametrize("typed, words", [
    ("850.505", "最多两位小数"), ("-0.01", "不小于 0"), ("八百", "不对"), ("", "不对"), ("NaN", "不对"),
    ("100000.01", "过高"), ("1e30", "过高"),
])
def test_parse_yuan_refuses_what_is_no_amount(typed, words):
    with pytest.raises(InvalidInput) as caught:
        parse_yuan(typed)
    assert caught.value.field == "day_rate" and words in caught.value.message


def test_validate_vehicle_accepts_a_free_hired_car():
    draft, fen = validate_vehicle(VehicleDraft(plate="浙A12345", hired=True, hire_company="西湖租车",
                                               day_rate="0"))
    assert (draft.hire_company, fen) == ("西湖租车", 0)


def test_validate_vehicle_refuses_a_seat_count_that_is_not_a_whole_number():
    with pytest.raises(InvalidInput) as caught:
        validate_vehicle(VehicleDraft(plate="浙A12345", seats=4.5))  # type: ignore[arg-type]
    assert caught.value.field == "seats"


def test_validate_driver_cleans_name_phone_and_licence():
    draft = validate_driver(DriverDraft(name="王　建国 ", phone="139 0000 0001", licence_class="ａ1"))
    assert (draft.name, draft.phone, draft.licence_class) == ("王建国", "13900000001", "A1")


def test_validate_driver_allows_an_empty_licence_class():
    assert validate_driver(DriverDraft(name="王建国")).licence_class == ""


LEAVE = AbsenceRow(id=1, driver_id=7, driver_name="王建国", starts_at=at(8), ends_at=at(12), reason="体检",
                   version=1)


@pytest.mark.parametrize("starts_at, ends_at, clash", [
    (at(6), at(8), False),              # back exactly when the leave starts
    (at(6), at(8, 1), True),
    (at(12), at(14), False),            # leaves exactly when the leave ends
    (at(11, 59), at(14), True),
    (at(9), at(10), True),              # inside
    (at(7), at(13), True),              # around
    (at(7, 59), None, False),           # a moment (no return time) just before
    (at(8), None, True),                # … at the start
    (at(12), None, False),              # … at the end
])
def test_driver_available_at_the_boundaries(starts_at, ends_at, clash):
    assert driver_available([LEAVE], 7, starts_at, ends_at) == (LEAVE if clash else None)


def test_driver_available_looks_only_at_that_driver():
    assert driver_available([LEAVE], 8, at(9), at(10)) is None


def test_driver_available_returns_the_earliest_overlapping_absence():
    later = AbsenceRow(id=2, driver_id=7, driver_name="王建国", starts_at=at(10), ends_at=at(18),
                       reason="公务", version=1)
    assert driver_available([later, LEAVE], 7, at(11), at(19)) == LEAVE
    assert driver_available([later, LEAVE], 7, at(12), at(19)) == later
