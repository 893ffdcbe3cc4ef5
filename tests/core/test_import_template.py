"""The blank roster template: the import recognises every header, and its lists and formats hold."""

from datetime import date

import pytest
from openpyxl import load_workbook

from rdplanner.events.service import EventDraft, create_event
from rdplanner.labels import ROLES
from rdplanner.people.importing import (
    ImportFileError,
    apply_import,
    build_preview,
    detect_columns,
    read_table,
    write_template,
)
from rdplanner.people.importing.template import TEMPLATE_COLUMNS

ID_NUMBER = "33010219700312011X"


@pytest.fixture
def event_id(session) -> int:
    draft = EventDraft(name="常委会第二十三次会议", event_type="standing_committee",
                       start_date=date(2026, 12, 3), end_date=date(2026, 12, 4))
    return create_event(session, draft=draft).value


def test_template_headers_are_all_recognised(tmp_path):
    guess = detect_columns(read_table(write_template(tmp_path / "模板.xlsx")))

    assert guess.header_row == 2 and guess.data_start == 3
    assert list(guess.mapping.values()) == [field for field, _width in TEMPLATE_COLUMNS]
    assert not guess.unmapped


def test_blank_template_import_says_there_are_no_data_rows(session, event_id, tmp_path):
    table = read_table(write_template(tmp_path / "模板.xlsx"))

    with pytest.raises(ImportFileError, match="模板.xlsx 中没有数据行：表头（第 3 行）下面没有可导入的人员"):
        build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                      default_role="member")


def test_template_offers_lists_and_text_format(tmp_path):
    sheet = load_workbook(write_template(tmp_path / "模板.xlsx")).active
    letters = {field: chr(65 + i) for i, (field, _width) in enumerate(TEMPLATE_COLUMNS)}

    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists[f"{letters['gender']}4:{letters['gender']}2003"] == '"男,女"'
    assert lists[f"{letters['role']}4:{letters['role']}2003"] == '"' + ",".join(ROLES.values()) + '"'
    assert sheet.column_dimensions[letters["id_card_no"]].number_format == "@"
    assert sheet.column_dimensions[letters["phone"]].number_format == "@"
    assert sheet.column_dimensions[letters["name"]].number_format != "@"
    assert sheet.freeze_panes == "A4"


def test_filled_template_imports(session, event_id, tmp_path):
    path = write_template(tmp_path / "模板.xlsx")
    book = load_workbook(path)
    values = {"name": "王建国", "gender": "男", "role": "列席", "phone": "13800138001", "id_card_no": ID_NUMBER,
              "needs_lodging": "是", "notes": "=SUM(A1:A2)"}
    for column, (field, _width) in enumerate(TEMPLATE_COLUMNS, start=1):
        if field in values:
            cell = book.active.cell(row=4, column=column, value=values[field])
            cell.data_type = "s"
    book.save(path)
    table = read_table(path)

    preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                            default_role="member")
    result = apply_import(session, event_id=event_id, preview=preview,
                          accepted_row_numbers=preview.accepted_row_numbers, file_name=path.name)

    assert result.added == 1 and not preview.row(4).problems
    assert preview.row(4).values["notes"] == "=SUM(A1:A2)" and preview.row(4).values["role"] == "attendee"


def test_write_template_refuses_unwritable_place_in_chinese(tmp_path):
    with pytest.raises(ImportFileError, match="模板未导出：无法保存文件“模板.xlsx”.*文件夹不存在"):
        write_template(tmp_path / "没有这个文件夹" / "模板.xlsx")
