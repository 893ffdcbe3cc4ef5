"""The import preview: every problem per row and field, matching, and the action of each row."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from rdplanner.errors import InvalidInput
from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import Participation, Person
from rdplanner.people.importing import (
    ImportCancelled,
    ImportFileError,
    RawTable,
    build_preview,
    describe_problem,
    detect_columns,
    read_table,
)
from rdplanner.people.importing.table import CellRange
from rdplanner.people.importing.values import parse_cells

DATA = Path(__file__).parents[1] / "data" / "import"
ROSTERS = ["roster.xlsx", "roster.xls", "roster_utf8.csv", "roster_utf8_bom.csv", "roster_gb18030.csv"]
ID_WANG = "33010219700312011X"


@pytest.fixture
def event_id(session) -> int:
    draft = EventDraft(name="常委会第二十三次会议", event_type="standing_committee",
                       start_date=date(2026, 12, 3), end_date=date(2026, 12, 4))
    return create_event(session, draft=draft).value


def preview_of(session, event_id, table, role="member"):
    return build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                         default_role=role)


def messages(row, field):
    return " ".join(p.message for p in row.problems if p.field == field)


def simple(*rows: tuple[str, ...]) -> RawTable:
    return RawTable("名单.csv", tuple(rows))


def add_person(session, event_id=None, **values) -> int:
    person = Person(**values)
    session.add(person)
    session.flush()
    if event_id:
        session.add(Participation(event_id=event_id, person_id=person.id, role="member"))
    session.commit()
    return person.id


@pytest.mark.parametrize("name", ROSTERS)
def test_preview_reports_every_problem_of_the_roster(session, event_id, name):
    preview = preview_of(session, event_id, read_table(DATA / name))
    row = preview.row

    assert "校验位" in messages(row(9), "id_card_no")
    assert "与第 5 行重复" in messages(row(10), "id_card_no") and "第 10 行" in messages(row(5), "id_card_no")
    assert "1380013800" in messages(row(11), "phone")
    assert "志愿者" in messages(row(12), "role")
    assert "过长" in messages(row(13), "name")
    assert "第 16 行" in messages(row(5), "name") and "第 5 行" in messages(row(16), "name")
    assert preview.accepted_row_numbers == (5, 6, 7, 14, 16, 17)  # 15: a name like a formula
    assert all(not r.has_errors for r in preview.rows if r.accepted)


@pytest.mark.parametrize("name", ROSTERS)
def test_preview_normalises_values_and_keeps_formula_text_literal(session, event_id, name):
    row = preview_of(session, event_id, read_table(DATA / name)).row

    assert row(6).values["name"] == "李娜" and row(7).values["name"] == "赵丽"
    assert row(7).values["phone"] == "13800138003"
    assert row(6).values["role"] == "attendee" and row(7).values["role"] == "member"
    assert row(14).values["notes"] == '=HYPERLINK("http://example.com/zhoutao","周涛简历")'
    assert row(15).values["name"] == '=HYPERLINK("http://example.com/","吴敏")'
    assert [p.field for p in row(15).errors] == ["name"] and not row(15).accepted
    assert row(17).values["id_card_no"] == "330106196304150268" and "15 位" in messages(row(17), "id_card_no")
    assert row(17).values["phone"] == "0571-88886666"


@pytest.mark.parametrize("name", ROSTERS)
def test_preview_skips_totals_and_section_titles(session, event_id, name):
    skipped = dict(preview_of(session, event_id, read_table(DATA / name)).skipped)

    assert "合计" in skipped[19] and "二、其他人员" in skipped[8]


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.xls"])
def test_preview_fills_merged_delegation_down_and_reads_formula_rank(session, event_id, name):
    row = preview_of(session, event_id, read_table(DATA / name)).row

    assert row(7).values["delegation"] == "上城区代表团"
    assert row(5).values["rank_order"] == 1 and row(17).values["rank_order"] == 12


def test_preview_refuses_formula_cell_without_cached_result(session, event_id):
    preview = preview_of(session, event_id, read_table(DATA / "formula_uncached.xlsx"))

    assert "没有保存计算结果" in messages(preview.row(2), "delegation")
    assert not preview.row(2).accepted


def test_preview_flags_id_number_that_excel_turned_into_a_number(session, event_id, tmp_path):
    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["王建国", 330102197003120110])
    book.save(tmp_path / "numeric.xlsx")

    preview = preview_of(session, event_id, read_table(tmp_path / "numeric.xlsx"))

    assert "当成了数字" in messages(preview.row(2), "id_card_no")


def test_preview_refuses_file_without_data_rows(session, event_id):
    with pytest.raises(ImportFileError, match="名单.csv 中没有数据行"):
        preview_of(session, event_id, simple(("参会人员名单",), ("姓名", "手机")))


def test_preview_refuses_mapping_without_name_column(session, event_id):
    with pytest.raises(ImportFileError, match="姓名"):
        preview_of(session, event_id, simple(("单位", "手机"), ("市财政局", "13800138000")))


def test_preview_refuses_unknown_default_role(session, event_id):
    with pytest.raises(InvalidInput):
        preview_of(session, event_id, simple(("姓名",), ("张三",)), role="boss")


def test_preview_uses_explicit_role_and_leaves_blank_role_to_default(session, event_id):
    preview = preview_of(session, event_id, simple(("姓名", "身份"), ("张三", "记者"), ("李四", "")), role="guest")

    assert preview.row(2).values["role"] == "media"
    assert "role" not in preview.row(3).values and preview.default_role == "guest"


def test_preview_warns_about_namesake_already_in_event(session, event_id):
    add_person(session, event_id, name="张三", unit="市财政局")

    row = preview_of(session, event_id, simple(("姓名", "单位"), ("张三", "市教育局"))).row(2)

    assert "本活动已有同名人员" in messages(row, "name") and "市财政局" in messages(row, "name")
    assert row.action == "add" and row.person_id is None


def test_preview_matches_participant_by_name_and_unit_without_flagging_it(session, event_id):
    person_id = add_person(session, event_id, name="张三", unit="市财政局", phone="13800138000")

    row = preview_of(session, event_id, simple(("姓名", "单位", "手机"), ("张三", "市财政局", "13800138000"))).row(2)

    assert row.person_id == person_id and row.action == "unchanged" and not row.problems


def test_preview_reports_changed_fields_of_existing_participant(session, event_id):
    add_person(session, event_id, name="张三", unit="市财政局", phone="13800138000")

    row = preview_of(session, event_id, simple(("姓名", "单位", "手机"), ("张三", "市财政局", "13900139000"))).row(2)

    assert row.action == "update" and row.changed_fields == ("phone",)


def test_preview_matches_directory_person_by_id_number_even_if_unit_changed(session, event_id):
    person_id = add_person(session, name="王建国", unit="市财政局", id_card_no=ID_WANG)

    row = preview_of(session, event_id, simple(("姓名", "单位", "身份证号"), ("王建国", "市审计局", ID_WANG))).row(2)

    assert row.person_id == person_id and row.action == "add" and "unit" in row.changed_fields


def test_preview_refuses_id_number_registered_under_another_name(session, event_id):
    add_person(session, name="李四", unit="市财政局", id_card_no=ID_WANG)

    row = preview_of(session, event_id, simple(("姓名", "身份证号"), ("王建国", ID_WANG))).row(2)

    assert "李四" in messages(row, "id_card_no") and not row.accepted


def test_preview_refuses_to_guess_between_namesakes_of_one_unit(session, event_id):
    add_person(session, name="张伟", unit="市财政局")
    add_person(session, name="张伟", unit="市财政局")

    row = preview_of(session, event_id, simple(("姓名", "单位"), ("张伟", "市财政局"))).row(2)

    assert "无法确定" in messages(row, "name") and not row.accepted


def test_preview_flags_same_person_twice_in_file(session, event_id):
    preview = preview_of(session, event_id, simple(("姓名", "单位"), ("张伟", "市财政局"), ("张　伟", "市财政局")))

    assert "与第 2 行是同一人" in messages(preview.row(3), "name")
    assert preview.accepted_row_numbers == (2,)


def test_preview_flags_over_long_unit(session, event_id):
    row = preview_of(session, event_id, simple(("姓名", "单位"), ("张伟", "局" * 201))).row(2)

    assert "工作单位过长（201 字）" in messages(row, "unit")


def test_preview_stops_when_cancelled(session, event_id):
    with pytest.raises(ImportCancelled):
        build_preview(session, event_id=event_id, table=simple(("姓名",), ("张三",)),
                      mapping=detect_columns(simple(("姓名",), ("张三",))), default_role="member",
                      cancelled=lambda: True)


@pytest.mark.parametrize("raw, value", [
    ("138 0013 8000", "13800138000"), ("+86 138-0013-8000", "13800138000"), ("１３８００１３８０００", "13800138000"),
    ("0571-87654321", "0571-87654321"), ("057187654321", "0571-87654321"), ("01012345678", "010-12345678"),
    ("0571-87654321-8001", "0571-87654321-8001"), ("0571-87654321转8001", "0571-87654321-8001"),
])
def test_phone_is_normalised(raw, value):
    values, problems = parse_cells({"name": "张三", "phone": raw}, {})

    assert values["phone"] == value and not problems


@pytest.mark.parametrize("raw, words", [
    ("87654321", "区号"), ("1380013800", "格式不对"), ("12800138000", "格式不对"),
    ("13800138000/13900139000", "多个电话号码"), ("400-123-4567", "格式不对"),
])
def test_phone_problems(raw, words):
    _values, problems = parse_cells({"name": "张三", "phone": raw}, {})

    assert problems and words in problems[0].message and problems[0].is_error


@pytest.mark.parametrize("raw, name", [
    ("张　三", "张三"), ("  张  三 ", "张三"), ("欧阳\n娜娜", "欧阳娜娜"), ("Mary   Smith", "Mary Smith"),
    ("阿依古丽•买买提", "阿依古丽·买买提"), ("张\u200b三", "张三"),
])
def test_name_padding_is_removed_silently(raw, name):
    values, problems = parse_cells({"name": raw}, {})

    assert values["name"] == name and not problems


def test_name_with_digits_is_an_error():
    _values, problems = parse_cells({"name": "张三1"}, {})

    assert problems[0].is_error and "数字" in problems[0].message


@pytest.mark.parametrize("raw", ["=SUM(1)", "+1", "-1", "@x", "=张三", "+张三", "-张三", "@张三", "＝张三",
                                 '=HYPERLINK("http://example.com/","吴敏")'])
def test_name_that_starts_like_a_formula_is_an_error(raw):
    values, problems = parse_cells({"name": raw}, {})

    assert values["name"] == raw
    assert [(p.field, p.severity) for p in problems] == [("name", "error")]
    assert f"以“{raw[0]}”开头" in problems[0].message and "公式" in problems[0].message


@pytest.mark.parametrize("raw", ["阿依古丽-买买提", "Jean-Pierre Dupont", "欧阳娜娜"])
def test_name_with_a_sign_inside_is_accepted(raw):
    _values, problems = parse_cells({"name": raw}, {})

    assert not problems


def test_formula_like_name_is_reported_with_file_row_and_field(session, event_id):
    table = simple(("姓名", "单位"), ("张三", "市人大"), ("-李四", "市政府"))
    preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                            default_role="member")
    bad = preview.rows[1]

    assert bad.has_errors and not bad.accepted and not preview.rows[0].has_errors
    line = describe_problem(table.file_name, bad.row_number, bad.errors[0])
    assert line.startswith(f"{table.file_name} 第 3 行“姓名”：") and "“-”开头" in line


def test_gender_contradicting_id_number_is_a_warning():
    _values, problems = parse_cells({"name": "王建国", "gender": "女", "id_card_no": ID_WANG}, {})

    assert [(p.field, p.severity) for p in problems] == [("gender", "warning")]


@pytest.mark.parametrize("field, raw, value", [
    ("needs_lodging", "√", True), ("needs_lodging", "否", False), ("needs_transport", "需要", True),
    ("ethnicity", "汉", "汉族"), ("gender", "女性", "女"), ("rank_order", "１２", 12),
])
def test_coded_values_are_read(field, raw, value):
    values, problems = parse_cells({"name": "张三", field: raw}, {})

    assert values[field] == value and not problems


@pytest.mark.parametrize("field, raw", [("needs_lodging", "看情况"), ("gender", "未知"), ("rank_order", "第一")])
def test_unreadable_coded_values_are_errors(field, raw):
    _values, problems = parse_cells({"name": "张三", field: raw}, {})

    assert problems[0].field == field and raw in problems[0].message


def test_preview_does_not_warn_namesake_that_has_a_name_note(session, event_id):
    preview = preview_of(session, event_id, simple(("姓名", "单位", "区分备注"), ("张三", "市财政局", "财政局"),
                                                   ("张三", "市教育局", "")))

    assert not preview.row(2).problems
    assert "第 2 行" in messages(preview.row(3), "name")
    assert preview.row(2).values["name_note"] == "财政局"


def test_preview_counts_actions_of_accepted_rows(session, event_id):
    add_person(session, event_id, name="张三", unit="")
    preview = preview_of(session, event_id, simple(("姓名", "手机"), ("张三", "13800138000"), ("李四", ""),
                                                   ("王五", "123")))

    assert preview.counts() == {"add": 1, "update": 1, "unchanged": 0}
    assert preview.counts([3]) == {"add": 1, "update": 0, "unchanged": 0}


def test_preview_refuses_mapping_to_unknown_field(session, event_id):
    table = simple(("姓名", "手机"), ("张三", "13800138000"))
    guess = detect_columns(table)
    bad = type(guess)(guess.header_row, guess.data_start, {0: "name", 1: "salary"}, guess.headers, ())

    with pytest.raises(InvalidInput, match="salary"):
        build_preview(session, event_id=event_id, table=table, mapping=bad, default_role="member")


def test_preview_keeps_name_merged_over_two_columns_as_data(session, event_id):
    table = RawTable("名单.xlsx", (("姓名", "", "手机"), ("张三",), ("李四", "", "13800138000")),
                     merged=(CellRange(1, 0, 1, 1),))

    preview = preview_of(session, event_id, table)

    assert [r.values["name"] for r in preview.rows] == ["张三", "李四"] and not preview.skipped


def test_preview_reports_rows_made_only_of_formulas_without_results(session, event_id):
    table = RawTable("生成.xlsx", (("姓名", "手机"), ()), bad_cells={(1, 0): "公式没有结果"})

    row = preview_of(session, event_id, table).row(2)

    assert "公式没有结果" in messages(row, "name") and not row.accepted


def test_preview_warns_when_namesake_of_same_unit_has_another_id_number(session, event_id):
    add_person(session, name="王建国", unit="市财政局", id_card_no="11010519491231002X")

    row = preview_of(session, event_id, simple(("姓名", "单位", "身份证号"), ("王建国", "市财政局", ID_WANG))).row(2)

    assert row.action == "add" and row.person_id is None and row.accepted
    assert "身份证号不同" in messages(row, "id_card_no")


def test_row_with_wrong_check_digit_can_be_imported_with_the_id_left_empty(session, event_id):
    table = read_table(DATA / "roster.xlsx")
    preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                            default_role="member", ids_left_empty={9, 12})
    row = preview.row(9)
    assert not row.has_errors and row.accepted
    assert "id_card_no" not in row.values
    assert "已留空" in messages(row, "id_card_no") and "330102197808300311" in messages(row, "id_card_no")
    assert row.values["notes"].startswith(
        "导入时身份证号“330102197808300311”有误，已留空：身份证号校验位错误")
    assert preview.row(12).has_errors  # its error is the role, not the ID: still refused
    assert "id_card_no" in preview.row(12).values


def test_a_cell_corrected_in_the_dialog_is_checked_again(session, event_id):
    from rdplanner.people.idcard import check_digit

    table = read_table(DATA / "roster.xlsx")
    fixed = "33010219780830031" + check_digit("33010219780830031")
    preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                            default_role="member",
                            corrections={(9, "id_card_no"): fixed, (12, "role"): "列席",
                                         (11, "phone"): "138"})
    assert not preview.row(9).has_errors and preview.row(9).values["id_card_no"] == fixed
    assert not preview.row(12).has_errors and preview.row(12).values["role"] == "attendee"
    assert "phone" in {p.field for p in preview.row(11).errors}  # still wrong, so still refused


def test_preview_error_row_count_counts_rows_not_errors(session, event_id):
    preview = preview_of(session, event_id, simple(("姓名", "手机", "身份"), ("张三", "13800138000", "常委"),
                                                   ("王五5", "123", "常委"), ("李四", "12", "常委")))

    assert len(preview.row(3).errors) >= 2 and preview.row(4).errors
    assert preview.error_row_count == 2


def test_a_name_the_print_fonts_lack_is_a_warning_naming_row_field_and_character(session, event_id):
    table = simple(("姓名", "区分备注", "单位"), ("\U00020024七", "", "市财政局"), ("王伟", "𡒄", "市教育局"),
                   ("李强", "", "市卫健委"))

    preview = preview_of(session, event_id, table)

    rare, noted, plain = preview.rows
    assert rare.accepted and not rare.has_errors  # a warning: the row is still imported
    warning = [p for p in rare.problems if p.field == "name"]
    assert [p.severity for p in warning] == ["warning"]
    assert warning[0].message == "打印字体中没有“\U00020024”（U+20024），座次图、席卡等打印件将无法正常显示该字"
    line = describe_problem(table.file_name, rare.row_number, warning[0])
    assert line.startswith(f"{table.file_name} 第 2 行“姓名”：") and "U+20024" in line
    assert any(p.field == "name_note" and "U+21484" in p.message for p in noted.problems)
    assert not plain.problems
