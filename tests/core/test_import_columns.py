"""Finding the header row below the titles and mapping Chinese headers to fields."""

from pathlib import Path

import pytest

from rdplanner.people.importing import RawTable, detect_columns, read_table
from rdplanner.people.importing.table import CellRange

DATA = Path(__file__).parents[1] / "data" / "import"
EXPECTED = {1: "name", 2: "gender", 3: "ethnicity", 4: "unit", 5: "post", 6: "delegation", 7: "role",
            8: "phone", 9: "id_card_no", 10: "needs_lodging", 11: "notes", 12: "rank_order"}


def table(*rows: tuple[str, ...], merged: tuple[CellRange, ...] = ()) -> RawTable:
    return RawTable("名单.xlsx", tuple(rows), merged=merged)


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.xls", "roster_utf8.csv"])
def test_detect_columns_finds_two_level_header_below_title_rows(name):
    guess = detect_columns(read_table(DATA / name))

    assert guess.header_row == 2 and guess.data_start == 4
    assert dict(guess.mapping) == EXPECTED
    assert guess.headers[8] == "联系信息/手机号码"
    assert guess.unmapped == ((0, "序号"),)


def test_detect_columns_uses_header_merged_over_two_rows():
    merged = (CellRange(0, 0, 1, 0), CellRange(0, 1, 0, 2))
    guess = detect_columns(table(("姓名", "联系方式"), ("", "手机", "身份证号"), ("张三", "13800138000", "x"),
                                 merged=merged))

    assert guess.data_start == 2
    assert dict(guess.mapping) == {0: "name", 1: "phone", 2: "id_card_no"}


def test_detect_columns_never_takes_first_data_row_for_sub_header():
    guess = detect_columns(table(("姓名", "选区", "代表团"), ("张三", "代表团", "上城区代表团")))

    assert guess.data_start == 1


@pytest.mark.parametrize("header, field", [
    ("名字", "name"), ("*姓名", "name"), ("参会人员姓名", "name"), ("工作单位", "unit"), ("现任职务", "post"),
    ("单位及职务", "unit_post"), ("工作单位及职务", "unit_post"), ("所属代表团", "delegation"),
    ("团组", "delegation"), ("手机号码", "phone"), ("联系电话", "phone"), ("手机（必填）", "phone"),
    ("公民身份号码", "id_card_no"), ("身份证\n号码", "id_card_no"), ("参会身份", "role"), ("类别", "role"),
    ("排序", "rank_order"), ("民族饮食", "dietary"), ("是否住宿", "needs_lodging"),
    ("是否用车", "needs_transport"), ("备注", "notes"), ("性 别", "gender"), ("民族", "ethnicity"),
])
def test_detect_columns_recognises_header_variants(header, field):
    guess = detect_columns(table(("序号", header), ("1", "x")))

    assert guess.mapping == {1: field}


def test_detect_columns_leaves_row_counter_unmapped():
    guess = detect_columns(table(("序号", "姓名"), ("1", "张三")))

    assert guess.column_of("rank_order") is None
    assert guess.unmapped == ((0, "序号"),)


def test_detect_columns_prefers_exact_header_over_suffix_match():
    guess = detect_columns(table(("办公电话", "姓名", "手机"), ("0571-1", "张三", "13800138000")))

    assert guess.column_of("phone") == 2
    assert (0, "办公电话") in guess.unmapped


def test_detect_columns_without_any_known_header_maps_nothing():
    guess = detect_columns(table(("", ""), ("张三", "13800138000")))

    assert guess.header_row is None and guess.data_start == 1 and not guess.mapping


def test_remap_moves_a_field_to_another_column():
    guess = detect_columns(table(("序号", "姓名", "手机"), ("1", "张三", "13800138000")))

    moved = guess.remap(0, "phone")

    assert moved.mapping == {0: "phone", 1: "name"}
    assert moved.unmapped == ((2, "手机"),)
    assert guess.mapping == {1: "name", 2: "phone"}


def test_remap_to_none_unmaps_the_column():
    guess = detect_columns(table(("姓名", "手机"), ("张三", "13800138000")))

    assert guess.remap(1, None).mapping == {0: "name"}


def test_detect_columns_at_header_row_chosen_by_user():
    rows = (("名单",), ("姓名", "备注"), ("姓名", "手机"), ("张三", "13800138000"))

    assert detect_columns(table(*rows)).header_row == 1
    guess = detect_columns(table(*rows), header_row=2)
    assert guess.header_row == 2 and guess.data_start == 3 and guess.mapping == {0: "name", 1: "phone"}
