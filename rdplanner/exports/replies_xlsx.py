"""The reply-slip workbook (回执表): one row per participant, sent out to be filled in and read back in.

The caller gives the columns (their headers are the ones its import recognises) and the rows in print
order; dates and times are written as real date and time cells, choice columns get drop-down lists.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rdplanner.exports.xlsx import (
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

HEADER_ROW = 3
SHEET_TITLE = "回执表"
DATE_FORMAT = "yyyy-m-d"
TIME_FORMAT = "h:mm"
SPARE_ROWS = 20  # drop-down lists reach a little below the last person, for a row added by hand


@dataclass(frozen=True)
class ReplyColumn:
    """One column: its header, what it holds ("text", "date", "time", "choice"), its least width and,
    for a choice column, the values of its drop-down list."""

    header: str
    kind: str = "text"
    width: float = 10
    choices: tuple[str, ...] = ()


def write_replies_xlsx(
    path: str | os.PathLike[str],
    *,
    title: str,
    note: str,
    columns: Sequence[ReplyColumn],
    rows: Sequence[Sequence[object]],
) -> Path:
    """Write the reply-slip workbook and return its path.

    Args:
        path: the .xlsx file to write (replaced atomically).
        title: the first row, e.g. "<meeting>回执表".
        note: the second row: how to fill the sheet in.
        columns: the columns, left to right.
        rows: one sequence of values per person, one value per column: a date, a time, text, or None.

    Raises:
        ExportError: the file could not be written.
    """
    workbook, ws = new_sheet(SHEET_TITLE)
    headers = [c.header for c in columns]
    write_title(ws, 1, title, len(columns), size=16, height=32)
    write_title(ws, 2, note, len(columns), size=10, bold=False, height=46)
    ws.cell(row=2, column=1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    style_header(write_row(ws, HEADER_ROW, headers))
    ws.row_dimensions[HEADER_ROW].height = 32
    shown = [[_shown(v) for v in values] for values in rows]
    widths = fit_widths(headers, shown, minimum=[c.width for c in columns], maximum=30)
    for offset, values in enumerate(rows):
        row = HEADER_ROW + 1 + offset
        cells = _write_values(ws, row, columns, values)
        style_body(cells, center=_centred(columns))
        _format_cells(cells, columns)  # after the named style, which brings its own General format
        ws.row_dimensions[row].height = row_height(shown[offset], widths)
    _validations(ws, columns, HEADER_ROW + len(rows) + 1, HEADER_ROW + len(rows) + SPARE_ROWS)
    set_column_widths(ws, widths)
    setup_print(ws, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"B{HEADER_ROW + 1}", landscape=True)
    return save_workbook(workbook, path)


def _write_values(ws, row: int, columns: Sequence[ReplyColumn], values: Sequence[object]) -> list:
    cells = []
    for col, (column, value) in enumerate(zip(columns, values, strict=True), 1):
        cell = ws.cell(row=row, column=col)
        if column.kind in ("date", "time"):
            cell.value = value if isinstance(value, (date, time)) else None
        else:
            set_text(cell, value)
        cells.append(cell)
    return cells


def _format_cells(cells: Sequence, columns: Sequence[ReplyColumn]) -> None:
    for cell, column in zip(cells, columns, strict=True):
        if column.kind in ("date", "time"):
            cell.number_format = DATE_FORMAT if column.kind == "date" else TIME_FORMAT


def _centred(columns: Sequence[ReplyColumn]) -> tuple[int, ...]:
    return tuple(i for i, c in enumerate(columns) if c.kind in ("date", "time", "choice"))


def _shown(value: object) -> str:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return f"{value.year}-{value.month}-{value.day}"
    return "" if value is None else str(value)


def _validations(ws, columns: Sequence[ReplyColumn], spare: int, last: int) -> None:
    """Drop-down lists on the choice columns; date and time columns keep their format below the rows."""
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        cells = f"{letter}{HEADER_ROW + 1}:{letter}{last}"
        if column.kind == "choice":
            choices = ",".join(column.choices)
            validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                                        showErrorMessage=True, errorTitle="请从列表中选择",
                                        error=f"{column.header}请从下拉列表中选择。")
            validation.add(cells)
            ws.add_data_validation(validation)
        elif column.kind in ("date", "time"):
            for row in range(spare, last + 1):
                ws.cell(row=row, column=index).number_format = (
                    DATE_FORMAT if column.kind == "date" else TIME_FORMAT)
