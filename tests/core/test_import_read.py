"""Reading roster files: every format shows the cells Excel shows; hostile files get a clear message."""

import codecs
import importlib.util
import subprocess
import sys
from array import array
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from rdplanner.people.importing import ImportCancelled, ImportFileError, read_table, xlsxbounds, xlsxscan
from rdplanner.people.importing.table import MAX_COLUMNS, cell_text

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data" / "import"
ROSTERS = ["roster.xlsx", "roster.xls", "roster_utf8.csv", "roster_utf8_bom.csv", "roster_gb18030.csv"]
NAME, PHONE, ID_NO, NOTES, RANK, DELEGATION = 1, 8, 9, 11, 12, 6


def fixtures_module():
    spec = importlib.util.spec_from_file_location("make_import_fixtures", DATA / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_roster(tmp_path_factory) -> Path:
    return fixtures_module().write_big_xlsx(tmp_path_factory.mktemp("big") / "big.xlsx", 10_000)


@pytest.mark.parametrize("name", ROSTERS)
def test_read_table_shows_each_format_alike(name):
    table = read_table(DATA / name)

    assert table.rows[0][0].startswith("市第十七届人大常委会")
    assert table.rows[4][NAME] == "王建国"
    assert table.rows[4][PHONE] == "13800138001"
    assert table.rows[5][NAME] == "李　娜"
    assert table.rows[13][NOTES] == '=HYPERLINK("http://example.com/zhoutao","周涛简历")'
    assert table.rows[14][NAME] == '=HYPERLINK("http://example.com/","吴敏")'
    assert table.rows[16][ID_NO] == "330106630415026"


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.xls"])
def test_read_table_takes_cached_formula_results_and_lists_merges(name):
    table = read_table(DATA / name)

    assert table.rows[4][RANK] == "1" and table.rows[16][RANK] == "12"
    assert (4, DELEGATION, 6, DELEGATION) in table.merged
    assert table.rows[5][DELEGATION] == ""
    assert not table.bad_cells


def test_read_table_marks_formula_without_cached_result():
    table = read_table(DATA / "formula_uncached.xlsx")

    assert table.cell(1, 2) == ""
    assert "没有保存计算结果" in table.bad_cells[(1, 2)]


def test_read_table_marks_error_value_cells(tmp_path):
    book = Workbook()
    book.active.append(["姓名", "手机"])
    book.active.append(["张三", "#N/A"])
    book.save(tmp_path / "error.xlsx")

    table = read_table(tmp_path / "error.xlsx")

    assert "#N/A" in table.bad_cells[(1, 1)]


def test_read_table_csv_encodings_give_identical_rows():
    utf8 = read_table(DATA / "roster_utf8.csv")

    assert read_table(DATA / "roster_utf8_bom.csv").rows == utf8.rows
    gb = read_table(DATA / "roster_gb18030.csv")
    assert gb.rows == utf8.rows and "GB18030" in gb.notes[0]


def test_read_table_decodes_gbk_as_chinese_excel_saves_it(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("姓名,单位\r\n张三,市财政局\r\n".encode("gbk"))

    assert read_table(path).rows[1] == ("张三", "市财政局")


def test_read_table_reads_excel_unicode_text_utf16_tab_separated(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "姓名\t手机\r\n张三\t13800138000\r\n".encode("utf-16-le"))

    assert read_table(path).rows[1] == ("张三", "13800138000")


def test_read_table_csv_undoes_apostrophe_guard_of_formula_like_text(tmp_path):
    path = tmp_path / "guarded.csv"
    path.write_text("姓名,备注\n张三,'=HYPERLINK(\"x\")\n李四,'普通\n", encoding="utf-8")

    rows = read_table(path).rows

    assert rows[1][1] == '=HYPERLINK("x")' and rows[2][1] == "'普通"


def test_read_table_keeps_absolute_positions_when_sheet_starts_lower_right(tmp_path):
    book = Workbook()
    book.active["C3"] = "姓名"
    book.active["C4"] = "张三"
    book.save(tmp_path / "offset.xlsx")

    table = read_table(tmp_path / "offset.xlsx")

    assert table.cell(2, 2) == "姓名" and table.cell(3, 2) == "张三"


def test_read_table_skips_empty_and_hidden_sheets_and_says_which_it_read(tmp_path):
    book = Workbook()
    book.active.title = "封面"
    hidden = book.create_sheet("隐藏")
    hidden.append(["姓名"])
    hidden.sheet_state = "hidden"
    book.create_sheet("名单").append(["姓名"])
    book.save(tmp_path / "sheets.xlsx")

    table = read_table(tmp_path / "sheets.xlsx")

    assert table.sheet_name == "名单"
    assert "封面" in table.notes[0] and "隐藏" not in table.notes[0]


def test_read_table_refuses_unknown_sheet_name_listing_the_sheets():
    with pytest.raises(ImportFileError, match="没有名为“其他”的工作表.*名单"):
        read_table(DATA / "roster.xlsx", sheet="其他")


@pytest.mark.parametrize("name, words", [
    ("empty.csv", "是空的"),
    ("empty.xlsx", "没有任何内容"),
    ("binary.xlsx", "不是有效的 Excel 工作簿"),
    ("html_table.xls", "网页"),
])
def test_read_table_refuses_hostile_file_naming_it(name, words):
    with pytest.raises(ImportFileError) as caught:
        read_table(DATA / name)

    assert name in str(caught.value) and words in str(caught.value)
    assert caught.value.file == name


def test_read_table_far_cell_does_not_crash_the_process():
    # python-calamine aborts the interpreter (Rust out-of-memory) on this file unless the extent
    # is checked first, so run it where an abort cannot take the test session down.
    code = ("from rdplanner.people.importing import read_table, ImportFileError\n"
            "try:\n    read_table('tests/data/import/far_cell.xlsx')\n"
            "except ImportFileError as e:\n    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr[-500:]
    assert "far_cell.xlsx" in done.stdout and "XFD1048576" in done.stdout and "表格范围过大" in done.stdout


def test_read_table_refuses_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportFileError, match="找不到文件"):
        read_table(tmp_path / "nothing.xlsx")
    with pytest.raises(ImportFileError, match="文件夹"):
        read_table(tmp_path)


def test_read_table_refuses_binary_named_csv(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"\x00\x01\x02garbage\x00" * 50)

    with pytest.raises(ImportFileError, match="不是文本文件"):
        read_table(path)


def test_read_table_refuses_cell_beyond_last_column(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("姓名" + "," * MAX_COLUMNS + "远处\n", encoding="utf-8")

    with pytest.raises(ImportFileError, match="最大列数"):
        read_table(path)


def test_read_table_stops_when_cancelled(big_roster):
    with pytest.raises(ImportCancelled):
        read_table(big_roster, cancelled=lambda: True)


def test_read_table_reads_ten_thousand_rows(big_roster):
    table = read_table(big_roster)

    assert len(table.rows) == 10_002


@pytest.mark.parametrize("value, text", [
    (13800138000.0, "13800138000"),
    (3.30102198001011e17, "3.30102E+17"),
    (1.5, "1.5"),
    (True, "TRUE"),
    (None, ""),
    (date(2026, 1, 2), "2026-01-02"),
    (datetime(2026, 1, 2, 9, 30), "2026-01-02 09:30"),
])
def test_cell_text_shows_what_excel_shows(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize("cell, bad", [
    (b'<c r="B2"><f>1+1</f><v /></c>', True),
    (b'<c r="B2"><f>1+1</f></c>', True),
    (b'<c r="B2"><f>1+1</f><v>2</v></c>', False),
    (b'<c r="B2" t="str"><f>""</f><v></v></c>', False),
    (b'<c r="B2"><f t="shared" si="0"/><v>3</v></c>', False),
    (b'<c r="B2"><f t="shared" si="0"/></c>', True),
    (b'<x:c r="B2"><x:f>A1</x:f></x:c>', True),
])
def test_scan_tells_formula_without_result_from_one_with_result(cell, bad):
    xml = b'<worksheet><sheetData><row r="2">' + cell + b"</row></sheetData></worksheet>"

    assert ((1, 1) in xlsxscan.bad_cells(xml)) is bad


@pytest.mark.parametrize("cell, refused", [
    ('<c r="BL99999" t="n">', ""), ('<c r="BM1">', "BM1"), ('<c r="AAA1">', "AAA1"), ('<c r="A100000">', "A100000"),
    ('<c r = "BM1">', "BM1"), ("<c s='1' r='A100000'>", "A100000"), ('<x:c r="XFD1">', "XFD1"),
    ('<c r="$A$1">', ""), ('<c r="BL1" t="s">', ""),
])
def test_scan_bounds_the_sheet_extent(cell, refused):
    close = "</x:c>" if cell.startswith("<x:") else "</c>"
    xml = f'<worksheet><sheetData><row r="1">{cell}<v>1</v>{close}</row></sheetData></worksheet>'.encode()

    if refused:
        with pytest.raises(ImportFileError, match=f"单元格 {refused} 有内容"):
            xlsxbounds.measure_sheet(xml, array("Q", [10, 20]), file_name="x.xlsx", sheet_name="名单")
    else:
        xlsxbounds.measure_sheet(xml, array("Q", [10, 20]), file_name="x.xlsx", sheet_name="名单")


def test_read_table_refuses_workbook_unpacking_too_large(monkeypatch):
    monkeypatch.setattr(xlsxscan, "MAX_PART_BYTES", 1000)

    with pytest.raises(ImportFileError, match="roster.xlsx 解压后过大"):
        read_table(DATA / "roster.xlsx")
