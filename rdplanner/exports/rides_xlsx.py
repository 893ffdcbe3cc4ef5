"""The ride list (乘车表) as a printable xlsx, and the plain rows it shares with rides_pdf: per participant,
in roster order, each ride (time, purpose, car, seat, route, driver); those who need a car and have
none follow under their own heading. A4 landscape, the column header repeated on every page.
"""

from __future__ import annotations

import os
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

HEADERS = ("序号", "姓名", "时间", "用车事由", "车辆", "座位", "起点—终点", "驾驶员及电话")
WIDTHS = (6, 14, 20, 20, 20, 9, 28, 24)  # about 141 units: A4 landscape close to 100 %
CENTRED = (0, 1, 2, 5)
HEADER_ROW = 3
NO_SEAT = "—"
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")


@dataclass(frozen=True)
class RideLine:
    """One ride of a participant, as printed: ``car`` is the plate and kind ("浙A·K0000 大巴")."""

    when: str
    purpose: str
    car: str
    seat: str
    route: str
    driver: str

    def cells(self) -> list[str]:
        return [self.when, self.purpose, self.car, self.seat or NO_SEAT, self.route, self.driver]


@dataclass(frozen=True)
class Rider:
    """A participant and their rides in order of departure (none: waiting for a car)."""

    name: str
    rides: tuple[RideLine, ...] = ()


@dataclass(frozen=True)
class RidesSheet:
    """The whole list: title, a line of dates, the riders in roster order, then those still waiting."""

    title: str
    subtitle: str
    riders: tuple[Rider, ...]
    waiting: tuple[Rider, ...] = ()

    @property
    def waiting_heading(self) -> str:
        return f"需要派车、尚未安排乘车（{len(self.waiting)} 人）"


WAITING = RideLine("未安排", "", "", "", "", "")


def write_rides_xlsx(path: str | os.PathLike[str], *, sheet: RidesSheet) -> Path:
    """Write the ride list workbook and return its path (replaced atomically).

    A participant with several rides takes one row per ride, their number and name merged down.

    Raises:
        ExportError: the file could not be written.
    """
    workbook, ws = new_sheet("乘车表")
    columns = len(HEADERS)
    write_title(ws, 1, sheet.title, columns, size=16, height=34)
    write_title(ws, 2, sheet.subtitle, columns, size=11, bold=False, height=22)
    style_header(write_row(ws, HEADER_ROW, HEADERS))
    ws.row_dimensions[HEADER_ROW].height = 24
    row = HEADER_ROW
    for number, rider in enumerate(sheet.riders, 1):
        row = _write_rider(ws, row + 1, number, rider)
    if sheet.waiting:
        row += 1
        _write_heading(ws, row, sheet.waiting_heading, columns)
        for number, rider in enumerate(sheet.waiting, 1):
            row = _write_rider(ws, row + 1, number, rider)
    if not sheet.riders and not sheet.waiting:
        set_text(ws.cell(row=HEADER_ROW + 1, column=1), "（没有乘车安排）")
    set_column_widths(ws, WIDTHS)
    setup_print(ws, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}", landscape=True)
    return save_workbook(workbook, path)


def _write_rider(ws, row: int, number: int, rider: Rider) -> int:
    """Write one participant from ``row``; return the last row written."""
    rides = rider.rides or (WAITING,)
    for n, ride in enumerate(rides):
        values = [number, rider.name, *ride.cells()] if n == 0 else ["", "", *ride.cells()]
        style_body(write_row(ws, row + n, values), center=CENTRED)
        ws.row_dimensions[row + n].height = row_height(values, WIDTHS, minimum=20)
    last = row + len(rides) - 1
    if last > row:
        for column in (1, 2):
            ws.merge_cells(start_row=row, start_column=column, end_row=last, end_column=column)
    return last


def _write_heading(ws, row: int, text: str, columns: int) -> None:
    cell = set_text(ws.cell(row=row, column=1), text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell.font = Font(name=FONT_NAME, bold=True, size=12)
    cell.alignment = Alignment(horizontal="left", vertical="center")
    cell.fill = GROUP_FILL
    ws.row_dimensions[row].height = 22
