"""Resident ID numbers: check character, shape, province, birth date, 15-digit upgrade."""

from datetime import date

import pytest

from rdplanner.people.idcard import (
    check_digit,
    check_id_number,
    gender_of,
    normalise_id_number,
    upgrade_fifteen,
)

TODAY = date(2026, 11, 26)
VALID = "11010519491231002X"  # the standard's worked example


def test_check_digit_matches_the_standards_worked_examples():
    assert check_digit(VALID[:17]) == "X"
    assert check_digit("44052418800101001") == "4"


def test_check_id_number_accepts_valid_number():
    assert check_id_number(VALID, today=TODAY) is None


def test_check_id_number_reports_wrong_check_digit_with_expected_value():
    message = check_id_number(VALID[:17] + "1", today=TODAY)

    assert "校验位" in message and "应为 X" in message


@pytest.mark.parametrize("number, words", [
    ("1101051949123100", "18 位"),
    ("11010519491231002A", "18 位"),
    ("99010519491231002X", "省级"),
    ("110105194913310025", "出生日期"),
    ("110105203012310020", "不合理"),
    ("3.30102E+17", "当成了数字"),
])
def test_check_id_number_names_each_kind_of_problem(number, words):
    assert words in check_id_number(number, today=TODAY)


def test_normalise_id_number_folds_full_width_spaces_and_lower_x():
    assert normalise_id_number("１１０１０５ 19491231002x") == VALID


def test_upgrade_fifteen_inserts_century_and_check_digit():
    assert upgrade_fifteen("330106630415026") == "330106196304150268"
    assert check_id_number(upgrade_fifteen("330106630415026"), today=TODAY) is None


def test_upgrade_fifteen_refuses_invalid_old_number():
    assert upgrade_fifteen("330106631315026") is None
    assert upgrade_fifteen("33010663041502") is None


def test_gender_of_reads_seventeenth_digit():
    assert gender_of("33010219700312011X") == "男"
    assert gender_of(VALID) == "女"
