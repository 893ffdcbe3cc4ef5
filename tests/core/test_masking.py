"""Tests of the masking of ID card and phone numbers in lists, printouts and exports."""

import pytest

from rdplanner.masking import mask_free_text, mask_id_number, mask_phone, shown


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("330102197210095727", "330102********5727"),
        ("33010219721009572X", "330102********572X"),
        (" 330102197210095727 ", "330102********5727"),
        ("330102721009572", "330102*****9572"),  # old 15-digit number
        ("E12345678", "E1*****78"),  # passport: a quarter at each end
        ("AB1", "***"),
    ],
)
def test_mask_id_number_keeps_region_and_last_four(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize("value", [None, "", "   "])
def test_mask_id_number_is_empty_safe(value):
    assert mask_id_number(value) == ""


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("008613812345678", "0086138****5678"),
        ("0571-87654321", "0571-****4321"),
        ("010-12345678", "010-****5678"),
        ("0571-87654321-8001", "0571-****4321-8001"),
        ("(0571)87654321", "(0571)****4321"),
        ("01012345678", "010****5678"),
        ("87654321", "****4321"),
        ("0571-87654321 / 13812345678", "0571-****4321 / 138****5678"),
        ("13812345678 13912345678", "138****5678 139****5678"),
        ("手机：13812345678", "手机：138****5678"),
        ("分机 8001", "分机 8001"),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize("value", [None, "", "  "])
def test_mask_phone_is_empty_safe(value):
    assert mask_phone(value) == ""


def test_shown_masks_unless_asked():
    assert shown("13812345678", kind="phone") == "138****5678"
    assert shown("13812345678", kind="phone", show_sensitive=True) == "13812345678"
    assert shown("330102197210095727", kind="id_number") == "330102********5727"
    assert shown(None, kind="id_number", show_sensitive=True) == ""


def test_shown_refuses_unknown_kinds():
    with pytest.raises(ValueError):
        shown("x", kind="email")


@pytest.mark.parametrize(("text", "masked"), [
    ("联系人张三 13812345678，身份证330102197210095727", "联系人张三 138****5678，身份证330102********5727"),
    ("电话0571-87654321-8001", "电话0571-****4321-8001"),
    ("司机+86 138 1234 5678接送", "司机+86 138 **** 5678接送"),
    ("本地87654321，请提前联系", "本地****4321，请提前联系"),
    ("身份证33010219721009572x", "身份证330102********572x"),
    ("卡号6222021234567890123", "卡号622202*********0123"),
])
def test_mask_free_text_hides_phone_and_id_numbers_inside_notes(text, masked):
    assert mask_free_text(text) == masked


@pytest.mark.parametrize("text", [
    "2026-12-03 上午9:00 到会", "生日20261203", "会议室1203", "预算15000000元", "¥15000000", "住 3 晚", "",
])
def test_mask_free_text_keeps_dates_amounts_and_short_numbers(text):
    assert mask_free_text(text) == text


def test_shown_text_is_full_only_when_asked():
    assert shown("电话13812345678", kind="text") == "电话138****5678"
    assert shown("电话13812345678", kind="text", show_sensitive=True) == "电话13812345678"
