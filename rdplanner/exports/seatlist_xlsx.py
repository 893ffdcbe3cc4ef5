"""The "find your seat" list (对号入座名单) as a printable xlsx, and the rows it shares with seatlist_pdf.

Groups arrive in print order (the rostrum, then each zone, then the people without a seat), each with its
people already in official order; one sheet, a heading row per group, the column header repeated on
every printed page.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill

from rdplanner.exports.xlsx import (
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

HEADERS = ("序号", "姓名", "单位或代表团", "座位")
WIDTHS = (6, 16, 44, 18)  # about 84 units: A4 portrait at close to 100 %
CENTRED = (0, 1, 3)
HEADER_ROW = 3
NO_SEAT = "—"
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")  # lighter than the column header


@dataclass(frozen=True)
class SeatListLine:
    """One person: the name as printed, their unit or delegation, and the seat label ("" for none)."""

    name: str
    unit: str = ""
    seat: str = ""


@dataclass(frozen=True)
class SeatListGroup:
    """A zone of the list (主席台, 代表 or 组成人员 by event type, …, 未安排座位), people in print order."""

    title: str
    lines: tuple[SeatListLine, ...]

    @property
    def heading(self) -> str:
        """The group's printed heading, with its head count: 主席台（9 人）."""
        return f"{self.title}（{len(self.lines)} 人）"


def list_title(meeting: str) -> str:
    """Return the list's title: the meeting's name followed by 对号入座名单."""
    return f"{meeting}对号入座名单"


def info_line(date_text: str, venue: str) -> str:
    """Return the line under the title: 时间 and 地点 (a blank leaves a line to fill in)."""
    blank = "＿" * 8
    return f"时间：{date_text or blank}　　　地点：{venue or blank}"


def write_seatlist_xlsx(
    path: str | os.PathLike[str],
    *,
    meeting: str,
    date_text: str,
    venue: str,
    groups: Sequence[SeatListGroup],
) -> Path:
    """Write the list workbook and return its path.

    Args:
        path: the .xlsx file to write (replaced atomically).
        meeting: the meeting's name; the title reads "<meeting>对号入座名单".
        date_text, venue: printed under the title.
        groups: the zones in print order, each with its people in print order (empty groups are skipped).

    Raises:
        ExportError: the file could not be written.
    """
    workbook, ws = new_sheet("对号入座名单")
    columns = len(HEADERS)
    write_title(ws, 1, list_title(meeting), columns, size=16, height=34)
    write_title(ws, 2, info_line(date_text, venue), columns, size=11, bold=False, height=24)
    style_header(write_row(ws, HEADER_ROW, HEADERS))
    ws.row_dimensions[HEADER_ROW].height = 24
    row = HEADER_ROW
    for group in groups:
        if not group.lines:
            continue
        row += 1
        _write_heading(ws, row, group.heading, columns)
        for number, line in enumerate(group.lines, 1):
            row += 1
            values = [number, line.name, line.unit, line.seat or NO_SEAT]
            style_body(write_row(ws, row, values), center=CENTRED)
            ws.row_dimensions[row].height = row_height(values, WIDTHS, minimum=20)
    set_column_widths(ws, WIDTHS)
    setup_print(ws, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}")
    return save_workbook(workbook, path)


def _write_heading(ws, row: int, text: str, columns: int) -> None:
    cell = set_text(ws.cell(row=row, column=1), text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell.font = Font(name=FONT_NAME, bold=True, size=12)
    cell.alignment = Alignment(horizontal="left", vertical="center")
    cell.fill = GROUP_FILL
    ws.row_dimensions[row].height = 22
