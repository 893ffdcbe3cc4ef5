"""Hostile .xlsx files, built here byte by byte: each is refused with one Chinese line naming the
file before python-calamine could abort the process on it; the database stays untouched. Also
the .xls blank-run bomb, on a stand-in sheet."""

import hashlib
import re
import struct
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from rdplanner.db import open_database, sqlite_url
from rdplanner.events.service import EventDraft, create_event
from rdplanner.people.importing import (
    ImportCancelled,
    ImportFileError,
    read_table,
    xlsxbounds,
    xlsxchild,
    xlsxscan,
)

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data" / "import"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
PACKAGE_RELS = (f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
            '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (f'<Relationships xmlns="{RELS}">'
                 f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
                 f'<Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>')
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'


def sheet_xml(rows: str, head: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{head}'
            f"<sheetData>{rows}</sheetData></worksheet>")


def shared_strings_xml(strings: list[str], declared: int | None = None, count: int | None = None) -> str:
    unique = len(strings) if declared is None else declared
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return f'<sst xmlns="{MAIN}" count="{count or unique}" uniqueCount="{unique}">{items}</sst>'


def write_xlsx(path: Path, rows: str, strings: str | None = None, **extra_parts: str) -> Path:
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS, "xl/workbook.xml": WORKBOOK,
             "xl/_rels/workbook.xml.rels": WORKBOOK_RELS, "xl/worksheets/sheet1.xml": rows,
             "xl/sharedStrings.xml": strings or shared_strings_xml(["姓名"])}
    parts.update(extra_parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def refused(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    message = str(caught.value)
    assert path.name in message and caught.value.file == path.name and "\n" not in message
    return message


def far_implicit_cell(path: Path) -> Path:
    """The 3.6 KB file of the report: no r on the cells of row 1,048,576, 16,384 of them (XFD)."""
    far_row = '<row r="1048576">' + "<c><v>1</v></c>" * 16384 + "</row>"
    return write_xlsx(path, sheet_xml(HEADER_ROW + far_row))


def test_hostile_far_cell_without_r_attributes_is_refused_naming_the_cell(tmp_path):
    path = far_implicit_cell(tmp_path / "远处.xlsx")

    assert path.stat().st_size < 4096
    message = refused(path)
    assert "单元格 A1048576 有内容" in message and "表格范围过大" in message


def test_hostile_million_rows_without_r_attributes_are_refused(tmp_path):
    rows = "<row><c><v>1</v></c></row>" * 1_000_000
    path = write_xlsx(tmp_path / "百万行.xlsx", sheet_xml(HEADER_ROW + rows))

    assert path.stat().st_size < 200_000
    assert "单元格 A100000 有内容" in refused(path)


def test_hostile_cells_past_last_column_without_r_are_refused(tmp_path):
    row = "<row>" + "<c><v>1</v></c>" * 65 + "</row>"
    path = write_xlsx(tmp_path / "宽.xlsx", sheet_xml(HEADER_ROW + row))

    assert "单元格 BM2 有内容" in refused(path)


def test_hostile_explicit_cell_at_xfd1048576_is_refused(tmp_path):
    row = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = write_xlsx(tmp_path / "末格.xlsx", sheet_xml(HEADER_ROW + row))

    assert "单元格 XFD1048576 有内容" in refused(path)


def test_hostile_huge_shared_string_referenced_twenty_thousand_times_is_refused(tmp_path):
    strings = shared_strings_xml(["姓名", "长" * 350_000])  # about 1 MB in UTF-8
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>1</v></c></row>' for r in range(2, 20_002))
    path = write_xlsx(tmp_path / "长文字.xlsx", sheet_xml(HEADER_ROW + rows), strings)

    assert path.stat().st_size < 300_000
    assert "文字展开后超过 256 MB" in refused(path)


def test_hostile_shared_strings_declaring_billions_are_refused(tmp_path):
    strings = shared_strings_xml(["姓名"], declared=4_000_000_000)
    path = write_xlsx(tmp_path / "条目.xlsx", sheet_xml(HEADER_ROW), strings)

    assert "文字条目过多" in refused(path)


def test_shared_strings_referenced_more_often_than_the_limit_are_fine(tmp_path):
    strings = shared_strings_xml(["姓名"], count=4_000_000_000)  # count: references in the whole workbook

    assert read_table(write_xlsx(tmp_path / "引用.xlsx", sheet_xml(HEADER_ROW), strings)).rows == (("姓名",),)


def test_hostile_too_many_cells_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsxbounds, "MAX_CELLS", 1000)
    rows = "".join("<row>" + "<c><v>1</v></c>" * 10 + "</row>" for _ in range(101))

    assert "单元格超过 1,000 个" in refused(write_xlsx(tmp_path / "多.xlsx", sheet_xml(rows)))


def test_hostile_entity_declarations_are_refused(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c>'
            "</row></sheetData></worksheet>")

    assert "DTD" in refused(write_xlsx(tmp_path / "实体.xlsx", bomb))


def test_hostile_zip_bomb_shared_strings_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsxscan, "MAX_PART_BYTES", 1024 * 1024)
    strings = shared_strings_xml(["姓名"]) + " " * (3 * 1024 * 1024)  # deflates to a few KB

    assert "解压后过大" in refused(write_xlsx(tmp_path / "炸弹.xlsx", sheet_xml(HEADER_ROW), strings))


def test_hostile_zip_member_lying_about_its_size_is_refused(tmp_path):
    strings = shared_strings_xml(["姓名"]) + " " * 100_000
    path = write_xlsx(tmp_path / "谎报.xlsx", sheet_xml(HEADER_ROW), strings)
    declare_size(path, "xl/sharedStrings.xml", 200)

    assert "已损坏" in refused(path)


def test_hostile_zip_with_two_parts_of_one_name_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "重名.xlsx", sheet_xml(HEADER_ROW))
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "a") as archive:
        far = sheet_xml(HEADER_ROW + '<row r="1048576"><c><v>1</v></c></row>')
        archive.writestr("xl/worksheets/sheet1.xml", far)

    assert "重名的部件" in refused(path)


@pytest.mark.parametrize("damage", ["truncated", "not_zip"])
def test_hostile_truncated_or_fake_workbook_is_refused(tmp_path, damage):
    data = (DATA / "roster.xlsx").read_bytes()
    path = tmp_path / f"{damage}.xlsx"
    path.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"PK\x03\x04" + b"\x00" * 2000)

    assert "不是有效的 Excel 工作簿" in refused(path)


def test_hostile_huge_merge_is_clipped_to_the_cells_read(tmp_path):
    merge = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    rows = sheet_xml(HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c></row>')
    path = write_xlsx(tmp_path / "合并.xlsx", rows.replace("</sheetData>", "</sheetData>" + merge))

    table = read_table(path)

    assert table.merged == ((0, 0, 1, 0),)


def test_sheet_without_r_attributes_reads_like_one_with_them(tmp_path):
    book = Workbook()
    for row in (["姓名", "单位", "手机"], ["张三", "市财政局", 13800138000], ["李四"], ["王五", "市教育局"]):
        book.active.append(row)
    book.save(tmp_path / "with_r.xlsx")
    with zipfile.ZipFile(tmp_path / "with_r.xlsx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = re.sub(rb'\sr="[A-Z]*[0-9]+"', b"", parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(tmp_path / "without_r.xlsx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    assert read_table(tmp_path / "without_r.xlsx").rows == read_table(tmp_path / "with_r.xlsx").rows


def test_calamine_aborting_in_its_child_process_is_reported_not_fatal(tmp_path, monkeypatch):
    # A hole in the bounds not yet known, played by switching them off: calamine then asks for
    # 512 GB and aborts, which must take down only the child that reads the workbook.
    monkeypatch.setattr(xlsxbounds, "measure_sheet", lambda *args, **kwargs: None)

    message = refused(far_implicit_cell(tmp_path / "未知.xlsx"))

    assert "读取时所需内存超出限制" in message


@pytest.mark.skipif(sys.platform == "win32", reason="the memory limit is POSIX only")
def test_calamine_child_process_runs_under_a_memory_limit(tmp_path, monkeypatch):
    # About 3 GB of copies of one long shared string, past the bounds (switched off) and past a
    # 1 GB limit: without the limit the child would take the 3 GB and the file would read.
    monkeypatch.setattr(xlsxbounds, "measure_sheet", lambda *args, **kwargs: None)
    monkeypatch.setattr(xlsxchild, "MEMORY_LIMIT_BYTES", 1024**3)
    strings = shared_strings_xml(["姓名", "长" * 350_000])
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>1</v></c></row>' for r in range(2, 3002))

    message = refused(write_xlsx(tmp_path / "吃内存.xlsx", sheet_xml(HEADER_ROW + rows), strings))

    assert "读取时所需内存超出限制" in message


def test_cancelling_kills_the_calamine_child_process(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsxchild, "_CHILD", "import time\ntime.sleep(120)\n")
    path = write_xlsx(tmp_path / "慢.xlsx", sheet_xml(HEADER_ROW))

    with pytest.raises(ImportCancelled):
        read_table(path, cancelled=iter([False] + [True] * 100).__next__)


def test_calamine_error_in_child_process_reads_as_damaged_file(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsxbounds, "measure_sheet", lambda *args, **kwargs: None)
    path = write_xlsx(tmp_path / "错乱.xlsx", sheet_xml(HEADER_ROW + "</row>"))

    message = refused(path)

    assert "错乱.xlsx" in message and "文件已损坏或不是有效的 Excel 工作簿" in message
    assert "Error" not in message


def test_import_roster_cli_survives_the_far_implicit_cell_file(tmp_path):
    database = tmp_path / "rdplanner.sqlite"
    db = open_database(sqlite_url(database))
    try:
        with db.session() as session:
            draft = EventDraft(name="常委会会议", event_type="standing_committee",
                               start_date=date(2026, 12, 3), end_date=date(2026, 12, 3))
            event_id = create_event(session, draft=draft).value
    finally:
        db.close()
    before = digest(tmp_path)
    path = far_implicit_cell(tmp_path / "远处.xlsx")
    command = [sys.executable, "-m", "rdplanner", "import-roster", "--db", str(database),
               "--event", str(event_id), str(path)]

    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)

    assert done.returncode == 2, done.stderr[-800:]
    assert len(done.stderr.splitlines()) == 1
    assert "远处.xlsx" in done.stderr and "表格范围过大" in done.stderr
    assert digest(tmp_path, skip=path.name) == before


def digest(folder: Path, skip: str = "") -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.name != skip}


def declare_size(path: Path, member: str, size: int) -> None:
    """Patch the unpacked size the zip's local header and central directory give for ``member``."""
    data = bytearray(path.read_bytes())
    encoded = member.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_length, = struct.unpack_from("<H", data, local + 26)
        if bytes(data[local + 30: local + 30 + name_length]) == encoded:
            struct.pack_into("<I", data, local + 22, size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length, = struct.unpack_from("<H", data, central + 28)
        if bytes(data[central + 46: central + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


class BlankRunSheet:
    """Stands in for an xlrd sheet made of BIFF blank runs: 65,536 rows of 256 styled blanks."""

    name = "名单"
    nrows = 65_536

    def row_len(self, _row: int) -> int:
        return 256

    def cell_value(self, _row: int, _col: int) -> str:
        return ""


def test_xls_sheet_of_millions_of_blank_cells_is_refused():
    from rdplanner.people.importing.workbook import check_xls_cells

    with pytest.raises(ImportFileError, match="空白.xls 的工作表“名单”单元格超过 3,000,000 个"):
        check_xls_cells(BlankRunSheet(), "空白.xls")
