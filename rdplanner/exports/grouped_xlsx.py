"""Printable grouped-table workbooks (the catering domain's 用餐安排表 and 菜单审核表): a title, a subtitle, one header row
repeated on every printed page, and rows under group rows (a day, a meal); A4 landscape, fit to width.
Rows arrive as plain values (rdplanner.catering.documents makes them)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill

from rdplanner.exports.xlsx import (
    BOX,
    FONT_NAME,
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

HEADER_ROW = 3
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")


@dataclass(frozen=True)
class TableGroup:
    """Rows under one group row ("6月2日（星期二）")."""

    heading: str
    rows: tuple[tuple[object, ...], ...]


@dataclass(frozen=True)
class TableSheet:
    name: str
    title: str
    subtitle: str
    headers: tuple[str, ...]
    widths: tuple[float, ...]
    groups: tuple[TableGroup, ...]
    centred: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()  # lines under the table (the rules applied)


def write_table_xlsx(path: str | os.PathLike[str], *, sheet: TableSheet) -> Path:
    """Write the workbook and return its path (replaced atomically).

    Raises:
        ExportError: the file could not be written.
    """
    workbook, ws = new_sheet(sheet.name)
    columns = len(sheet.headers)
    write_title(ws, 1, sheet.title, columns, size=16, height=32)
    write_title(ws, 2, sheet.subtitle, columns, size=11, bold=False, height=22)
    style_header(write_row(ws, HEADER_ROW, sheet.headers))
    ws.row_dimensions[HEADER_ROW].height = 30
    row = HEADER_ROW
    for group in sheet.groups:
        row += 1
        cell = set_text(ws.cell(row=row, column=1), group.heading)
        cell.font = Font(name=FONT_NAME, size=11, bold=True)
        cell.fill = GROUP_FILL
        cell.alignment = Alignment(horizontal="left", vertical="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        for column in range(1, columns + 1):
            ws.cell(row=row, column=column).border = BOX
        ws.row_dimensions[row].height = 20
        for values in group.rows:
            row += 1
            style_body(write_row(ws, row, values), center=sheet.centred)
            ws.row_dimensions[row].height = row_height(values, sheet.widths, minimum=20)
    if not sheet.groups:
        set_text(ws.cell(row=HEADER_ROW + 1, column=1), "（没有用餐安排）")
        row += 1
    for note in sheet.notes:
        row += 1
        _note(ws, row, note, columns, sheet.widths)
    set_column_widths(ws, sheet.widths)
    setup_print(ws, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}", landscape=True)
    return save_workbook(workbook, path)


def _note(ws, row: int, text: str, columns: int, widths: Sequence[float]) -> None:
    cell = set_text(ws.cell(row=row, column=1), text)
    cell.font = Font(name=FONT_NAME, size=10)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[row].height = row_height([text], [sum(widths)], minimum=18)
