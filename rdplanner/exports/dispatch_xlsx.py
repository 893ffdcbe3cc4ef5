"""The vehicle dispatch schedule (车辆调度表) as a printable xlsx: one row per trip, grouped by day under a
date row, in order of departure; A4 landscape, the column header repeated on every page.

Rows arrive as plain text (rdplanner.transport.documents makes them); the names of a trip's passengers
are in seat order and wrap within their cell.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill

from rdplanner.exports.xlsx import (
    FONT_NAME,
    fit_widths,
    new_sheet,
    save_workbook,
    set_column_widths,
    set_text,
    setup_print,
    style_body,
    style_header,
    text_width,
    write_row,
    write_title,
)

HEADERS = ("序号", "时间", "日程/用车事由", "路线", "车牌号", "车型", "驾驶员", "联系电话", "人数",
           "乘车人员", "状态")
MINIMUM = (6, 13, 16, 18, 12, 10, 9, 14, 6, 34, 8)
MAXIMUM = (6, 16, 24, 28, 13, 14, 12, 15, 6, 48, 8)  # the widest a column grows for its longest text
CENTRED = (0, 1, 4, 5, 6, 7, 8, 10)
HEADER_ROW = 3
DAY_FILL = PatternFill("solid", fgColor="F2F2F2")
LINE_HEIGHT = 14.5  # points per wrapped line of 11-point text


@dataclass(frozen=True)
class DispatchLine:
    """One trip as the schedule prints it; ``names`` are the passengers in seat order, "、"-joined."""

    time: str
    item: str
    route: str
    plate: str
    vehicle: str
    driver: str
    phone: str
    riders: int
    names: str
    status: str

    def cells(self, number: int) -> list[object]:
        return [number, self.time, self.item, self.route, self.plate, self.vehicle, self.driver, self.phone,
                self.riders, self.names, self.status]


@dataclass(frozen=True)
class DispatchDay:
    """The trips of one day (or of no fixed day), under its date row."""

    heading: str
    lines: tuple[DispatchLine, ...]


@dataclass(frozen=True)
class DispatchSheet:
    title: str
    subtitle: str
    days: tuple[DispatchDay, ...]


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` Excel units wide (its own breaks too)."""
    per_line = max(1, int(width) - 1)
    return sum(max(1, -(-text_width(part) // per_line)) for part in text.split("\n"))


def write_dispatch_xlsx(path: str | os.PathLike[str], *, sheet: DispatchSheet) -> Path:
    """Write the schedule workbook (A4 landscape) and return its path (replaced atomically).

    Raises:
        ExportError: the file could not be written.
    """
    workbook, ws = new_sheet("车辆调度表")
    columns = len(HEADERS)
    write_title(ws, 1, sheet.title, columns, size=16, height=34)
    write_title(ws, 2, sheet.subtitle, columns, size=11, bold=False, height=22)
    style_header(write_row(ws, HEADER_ROW, HEADERS))
    ws.row_dimensions[HEADER_ROW].height = 24
    rows = [[str(v) for v in line.cells(0)] for day in sheet.days for line in day.lines]
    widths = _widths(rows)
    row = HEADER_ROW
    for day in sheet.days:
        row += 1
        _write_day(ws, row, day.heading, columns)
        for number, line in enumerate(day.lines, 1):
            row += 1
            values = line.cells(number)
            style_body(write_row(ws, row, values), center=CENTRED)
            ws.row_dimensions[row].height = max(20, max(
                wrapped_lines(str(v), w) for v, w in zip(values, widths, strict=True)) * LINE_HEIGHT + 5)
    if not sheet.days:
        set_text(ws.cell(row=HEADER_ROW + 1, column=1), "（没有行程）")
    set_column_widths(ws, widths)
    setup_print(ws, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}", landscape=True)
    return save_workbook(workbook, path)


def _widths(rows: Sequence[Sequence[str]]) -> list[float]:
    longest = [[max(value.split("\n"), key=text_width) for value in row] for row in rows]
    widths = fit_widths(HEADERS, longest, minimum=MINIMUM, maximum=max(MAXIMUM))
    return [min(width, most) for width, most in zip(widths, MAXIMUM, strict=True)]


def _write_day(ws, row: int, text: str, columns: int) -> None:
    cell = set_text(ws.cell(row=row, column=1), text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell.font = Font(name=FONT_NAME, bold=True, size=12)
    cell.alignment = Alignment(horizontal="left", vertical="center")
    cell.fill = DAY_FILL
    ws.row_dimensions[row].height = 22
