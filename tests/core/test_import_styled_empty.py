"""Formatted but empty cells far out in an .xlsx: Excel keeps them after a cell's contents are
deleted, calamine skips them, so the roster imports; cells calamine does place stay refused."""

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from rdplanner.people.importing import ImportFileError, read_table, xlsxbounds

SHEET = "xl/worksheets/sheet1.xml"
ROSTER = (["姓名", "性别", "工作单位"], ["张三", "男", "市财政局"], ["李四", "女", "市教育局"])


def roster_with(tmp_path: Path, name: str, far_cells: str) -> Path:
    """Save the roster with openpyxl, then append ``far_cells`` (raw XML) to its row 2."""
    book = Workbook()
    for row in ROSTER:
        book.active.append(row)
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as archive:
        parts = {part: archive.read(part) for part in archive.namelist()}
    xml = parts[SHEET].decode()
    end_of_row_2 = xml.index("</row>", xml.index('<row r="2"'))
    parts[SHEET] = (xml[:end_of_row_2] + far_cells + xml[end_of_row_2:]).encode()
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


def expected_rows() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in ROSTER)


@pytest.mark.parametrize("far_cells", [
    '<c r="XFD2" s="0"/>',
    '<c r="XFD2"><v></v></c>',
    '<c r="XFD2" t="n" s="1"><v/></c>',
    '<c r="XFD2" t="s"><v></v></c>',
    '<c r="BM2" s="0"/><c r="XFD2" s="0"/>',
])
def test_formatted_empty_cell_past_the_last_column_imports(tmp_path, far_cells):
    path = roster_with(tmp_path, "名单.xlsx", far_cells)

    assert read_table(path).rows == expected_rows()


def test_formatted_empty_column_xfd_on_every_row_and_last_row_imports(tmp_path):
    book = Workbook()
    for row in ROSTER:
        book.active.append(row)
    book.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as archive:
        parts = {part: archive.read(part) for part in archive.namelist()}
    xml = parts[SHEET].decode()
    for number in (1, 2, 3):
        row_end = xml.index("</row>", xml.index(f'<row r="{number}"'))
        xml = xml[:row_end] + f'<c r="XFD{number}" s="0"/>' + xml[row_end:]
    last = '<row r="1048576"><c r="A1048576" s="0"/><c r="XFD1048576" s="0"/></row>'
    parts[SHEET] = xml.replace("</sheetData>", last + "</sheetData>").encode()
    path = tmp_path / "整列格式.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)

    assert read_table(path).rows == expected_rows()


@pytest.mark.parametrize("far_cells", [
    '<c r="XFD2"><v>1</v></c>',
    '<c r="XFD2" t="str"><v></v></c>',  # calamine places an empty text cell: the grid reaches XFD
    '<c r="XFD2" t="d"><v></v></c>',
    '<c r="XFD2" t="inlineStr"><is/></c>',
    '<c r="XFD2"><f>1+1</f></c>',
])
def test_cell_calamine_places_past_the_last_column_is_still_refused(tmp_path, far_cells):
    path = roster_with(tmp_path, "名单.xlsx", far_cells)

    with pytest.raises(ImportFileError) as caught:
        read_table(path)

    assert "单元格 XFD2 有内容" in str(caught.value) and "名单.xlsx" in str(caught.value)


def test_formatted_empty_cells_still_count_toward_the_cell_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsxbounds, "MAX_CELLS", 100)
    path = roster_with(tmp_path, "格式.xlsx", "".join(f'<c r="{c}2" s="0"/>' for c in
                                                     [f"X{chr(65 + i)}" for i in range(26)] * 4))

    with pytest.raises(ImportFileError) as caught:
        read_table(path)

    assert "单元格超过 100 个" in str(caught.value)
