"""The roster workbook (参会人员名单): people in official order, grouped by delegation or role, with a total.

Phone and ID numbers, also those typed into the notes, are masked unless the caller asks for them;
rows arrive already in print order.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Alignment, Font

from rdplanner.exports.xlsx import (
    FONT_NAME,
    fit_widths,
    new_sheet,
    row_height,
    save_workbook,
    set_column_widths,
    set_text,
    setup_print,
    style_body,
    style_header,
    write_row,
    write_title,
)
from rdplanner.masking import shown

HEADERS = ("序号", "姓名", "性别", "民族", "单位及职务", "代表团", "手机", "身份证号", "备注")
MIN_WIDTHS = (6, 10, 6, 8, 30, 14, 15, 21, 12)
CENTRED = (0, 2, 3, 6, 7)
HEADER_ROW = 3
TITLE = "参会人员名单"  # the title reads "<meeting>参会人员名单", as the pages and the CLI name it


@dataclass(frozen=True)
class RosterLine:
    """One person of the roster as printed (full sensitive values; the writer masks them)."""

    name: str
    gender: str = ""
    ethnicity: str = ""
    unit_post: str = ""
    delegation: str = ""
    phone: str = ""
    id_card_no: str = ""
    notes: str = ""


def write_roster_xlsx(
    path: str | os.PathLike[str],
    *,
    event_title: str,
    groups: Sequence[tuple[str, Sequence[RosterLine]]],
    show_sensitive: bool = False,
) -> Path:
    """Write the roster workbook and return its path.

    Args:
        path: the .xlsx file to write (replaced atomically).
        event_title: the meeting's name; the title reads "<event_title>参会人员名单" (pass the
            meeting's bare name: the writer adds the document's name once).
        groups: (heading, lines) in print order; a blank heading prints no heading row. 序号 runs on
            across groups.
        show_sensitive: print full phone and ID numbers instead of masked ones (the file is then 0600).

    Raises:
        ExportError: the file could not be written.
    """
    workbook, ws = new_sheet(TITLE)
    total = sum(len(lines) for _, lines in groups)
    write_title(ws, 1, f"{event_title}{TITLE}", len(HEADERS), size=16, height=32)
    note = "（含完整手机号、身份证号，请妥善保管）" if show_sensitive else "（手机号、身份证号已部分隐去）"
    write_title(ws, 2, f"共{total}人{note}", len(HEADERS), size=10, bold=False, height=20)
    style_header(write_row(ws, HEADER_ROW, HEADERS))
    values = [_values(n, line, show_sensitive) for n, line in enumerate(_all_lines(groups), 1)]
    widths = fit_widths(HEADERS, values, minimum=MIN_WIDTHS, maximum=36)
    row = _write_groups(ws, groups, values, widths)
    _write_total(ws, row, total)
    set_column_widths(ws, widths)
    setup_print(ws, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}", landscape=True)
    return save_workbook(workbook, path, private=show_sensitive)


def _write_groups(ws, groups: Sequence[tuple[str, Sequence[RosterLine]]], values: list[list[object]],
                  widths: Sequence[float]) -> int:
    """Write the group headings and rows; return the first free row."""
    row, index = HEADER_ROW + 1, 0
    for heading, lines in groups:
        if heading:
            _write_heading(ws, row, f"{heading}（{len(lines)}人）")
            row += 1
        for _ in lines:
            style_body(write_row(ws, row, values[index]), center=CENTRED)
            ws.row_dimensions[row].height = row_height(values[index], widths)
            row, index = row + 1, index + 1
    return row


def _all_lines(groups: Sequence[tuple[str, Sequence[RosterLine]]]) -> list[RosterLine]:
    return [line for _, lines in groups for line in lines]


def _values(number: int, line: RosterLine, show_sensitive: bool) -> list[object]:
    return [
        number, line.name, line.gender, line.ethnicity, line.unit_post, line.delegation,
        shown(line.phone, kind="phone", show_sensitive=show_sensitive),
        shown(line.id_card_no, kind="id_number", show_sensitive=show_sensitive),
        shown(line.notes, kind="text", show_sensitive=show_sensitive),
    ]


def _write_heading(ws, row: int, text: str) -> None:
    cell = set_text(ws.cell(row=row, column=1), text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
    cell.font = Font(name=FONT_NAME, bold=True, size=12)
    cell.alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[row].height = 22


def _write_total(ws, row: int, total: int) -> None:
    cell = set_text(ws.cell(row=row, column=1), f"合计：{total}人")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
    cell.font = Font(name=FONT_NAME, bold=True, size=11)
    cell.alignment = Alignment(horizontal="right", vertical="center")
    ws.row_dimensions[row].height = 22
