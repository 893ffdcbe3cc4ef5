"""The rooming list (住宿安排表) as an xlsx for the hotels' front desks, one sheet per hotel, and the
room-night summary (住宿用房汇总表) per hotel and room type; the plain rows are shared with rooming_pdf.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from rdplanner.exports.xlsx import (
    new_sheet,
    row_height,
    save_workbook,
    set_column_widths,
    setup_print,
    style_body,
    style_header,
    write_row,
    write_title,
)

ROOMING_HEADERS = ("序号", "房号", "房型", "入住人员", "晚数", "入住日期", "退房日期", "备注")
ROOMING_WIDTHS = (6, 9, 11, 30, 6, 12, 12, 14)
ROOMING_CENTRED = (0, 1, 4, 5, 6)


@dataclass(frozen=True)
class RoomingLine:
    room: str
    room_type: str
    guests: str
    nights: int
    check_in: str
    check_out: str
    notes: str = ""


@dataclass(frozen=True)
class HotelSection:
    hotel: str
    info: str  # 地址、联系人、电话
    lines: tuple[RoomingLine, ...]
    totals: str  # "共 40 间，72 人，200 间·夜"


@dataclass(frozen=True)
class RoomingSheet:
    title: str
    subtitle: str
    sections: tuple[HotelSection, ...]
    signature: str = ""  # "制表：市人大常委会办公室　经办人：张明　联系电话：…", under each hotel's list


def rooming_cells(number: int, line: RoomingLine) -> list[object]:
    return [number, line.room, line.room_type, line.guests, line.nights, line.check_in, line.check_out, line.notes]


def write_rooming_xlsx(path: str | os.PathLike[str], *, sheet: RoomingSheet) -> Path:
    """Write the rooming list, one worksheet per hotel, and return its path (replaced atomically)."""
    workbook: Workbook | None = None
    for section in sheet.sections or (HotelSection("无住宿安排", "", (), ""),):
        if workbook is None:
            workbook, ws = new_sheet(section.hotel)
        else:
            ws = workbook.create_sheet("".join(ch for ch in section.hotel if ch not in "[]:*?/\\")[:31])
        columns = len(ROOMING_HEADERS)
        write_title(ws, 1, f"{sheet.title}（{section.hotel}）", columns, size=15, height=30)
        write_title(ws, 2, "；".join(t for t in (sheet.subtitle, section.info) if t), columns, size=10, bold=False,
                    height=20)
        style_header(write_row(ws, 3, ROOMING_HEADERS))
        ws.row_dimensions[3].height = 22
        row = 3
        for number, line in enumerate(section.lines, 1):
            row += 1
            values = rooming_cells(number, line)
            style_body(write_row(ws, row, values), center=ROOMING_CENTRED)
            ws.row_dimensions[row].height = row_height(values, ROOMING_WIDTHS, minimum=20)
        write_title(ws, row + 1, section.totals or "（无）", columns, size=10, bold=False, height=20)
        if sheet.signature:
            write_title(ws, row + 2, sheet.signature, columns, size=10, bold=False, height=24)
        set_column_widths(ws, ROOMING_WIDTHS)
        setup_print(ws, header_rows="3:3", freeze="A4")
    return save_workbook(workbook, path)


@dataclass(frozen=True)
class SummaryLine:
    hotel: str
    room_type: str
    rate_yuan: float
    per_night: tuple[int, ...]  # rooms used each night, in ``nights`` order
    room_nights: int
    amount_yuan: float
    held: int = 0  # rooms held over all nights (room-nights of the blocks)


@dataclass(frozen=True)
class SummarySheet:
    title: str
    subtitle: str
    nights: tuple[str, ...]  # "6月1日" …
    lines: tuple[SummaryLine, ...]
    total_room_nights: int
    total_amount_yuan: float
    total_held: int = 0


def write_summary_xlsx(path: str | os.PathLike[str], *, sheet: SummarySheet) -> Path:
    """Write the room-night summary (one row per hotel and room type, a column per night)."""
    headers = ("饭店", "房型", "协议价（元/晚）", *(f"{n}晚用房" for n in sheet.nights), "预留间·夜", "用房间·夜",
               "金额（元）")
    workbook, ws = new_sheet("用房汇总")
    write_title(ws, 1, sheet.title, len(headers), size=15, height=30)
    write_title(ws, 2, f"{sheet.subtitle}；每晚一列为当晚实际用房间数，金额按用房间·夜乘协议价", len(headers),
                size=10, bold=False, height=20)
    style_header(write_row(ws, 3, headers))
    ws.row_dimensions[3].height = 30
    centred = tuple(range(2, len(headers)))
    row = 3
    for line in sheet.lines:
        row += 1
        style_body(write_row(ws, row, [line.hotel, line.room_type, line.rate_yuan, *line.per_night, line.held,
                                       line.room_nights, line.amount_yuan]), center=centred)
    row += 1
    total = ["合计", "", "", *[""] * len(sheet.nights), sheet.total_held, sheet.total_room_nights,
             sheet.total_amount_yuan]
    style_header(write_row(ws, row, total))
    for column in (3, len(headers)):  # the rate and the amounts as numbers with two decimals
        for cells in ws.iter_rows(min_row=4, max_row=row, min_col=column, max_col=column):
            cells[0].number_format = "#,##0.00"
    set_column_widths(ws, _widths(len(sheet.nights)))
    setup_print(ws, header_rows="3:3", freeze="C4", landscape=len(sheet.nights) > 5)
    return save_workbook(workbook, path)


def _widths(nights: int) -> Sequence[float]:
    return (24, 12, 10, *[9] * nights, 10, 10, 12)
