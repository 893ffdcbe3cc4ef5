"""The sign-in sheet (签到表) as a printable xlsx, and the sheet's rows and totals shared with signin_pdf.

Rows arrive in print order; the signature column is wide and rows are tall enough to sign in.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Alignment, Font

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
    text_width,
    write_row,
    write_title,
)

HEADERS = ("序号", "姓名", "单位及职务", "座次号", "签到", "缺席/请假原因", "备注")
WIDTHS = (5, 13, 27, 9, 19, 13, 8)  # about 94 units: A4 portrait at close to 100 %
CENTRED = (0, 1, 3, 6)
HEADER_ROW = 3
ROW_HEIGHT = 32  # points (about 11 mm): room for a handwritten signature
STATUS_WORDS = {"leave": "请假", "absent": "缺席"}
SEAT_COLUMN, SIGN_COLUMN, SEAT_MAX, SIGN_MIN = 3, 4, 16, 13  # the seat column grows into the signature


@dataclass(frozen=True)
class SignInLine:
    """One person on the sheet. ``status`` "leave" or "absent" prints before the reason."""

    name: str
    post_unit: str = ""
    seat: str = ""
    status: str = ""
    reason: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SignInTotals:
    """The totals printed at the foot; None leaves a blank to fill in by hand.

    ``unit`` is the report's measure word (名 for deputies, 人 otherwise); ``notes`` say why 应到 differs
    from the list (people not on the body's record), printed under the totals.
    """

    expected: int | None = None
    present: int | None = None
    leave: int | None = None
    absent: int | None = None
    unit: str = "人"
    notes: tuple[str, ...] = ()


NO_TOTALS = SignInTotals()


def sheet_title(meeting: str) -> str:
    """Return the sheet's title: the meeting's name followed by 签到表 (unless it already says 签到)."""
    return meeting + ("" if "签到" in meeting else "签到表")


def reason_text(line: SignInLine) -> str:
    """Return the 缺席/请假原因 cell: the status word (请假, 缺席) before the reason, if any."""
    word = STATUS_WORDS.get(line.status, "")
    reason = line.reason.strip()
    return f"{word}：{reason}" if word and reason else (word or reason)


def write_signin_xlsx(
    path: str | os.PathLike[str],
    *,
    meeting: str,
    time_text: str,
    place: str,
    lines: Sequence[SignInLine],
    totals: SignInTotals = NO_TOTALS,
) -> Path:
    """Write the sign-in sheet workbook and return its path.

    Args:
        path: the .xlsx file to write (replaced atomically).
        meeting: the meeting's name; the title reads "<meeting>签到表".
        time_text, place: printed under the title; a blank leaves a line to fill in.
        lines: the people, in print order.
        totals: 应到 / 实到 / 请假 / 缺席 under the table (None: a blank to fill in).

    Raises:
        ExportError: the file could not be written.
    """
    workbook, ws = new_sheet("签到表")
    columns = len(HEADERS)
    write_title(ws, 1, sheet_title(meeting), columns, size=16, height=34)
    blank = "＿" * 8
    write_title(ws, 2, f"时间：{time_text or blank}　　　地点：{place or blank}", columns, size=11,
                bold=False, height=24)
    style_header(write_row(ws, HEADER_ROW, HEADERS))
    ws.row_dimensions[HEADER_ROW].height = 24
    row, widths = HEADER_ROW, column_widths([line.seat for line in lines])
    for row, line in enumerate(lines, HEADER_ROW + 1):
        values = _values(row - HEADER_ROW, line)
        cells = write_row(ws, row, values)
        style_body(cells, center=CENTRED)
        _keep_on_one_line(cells[SEAT_COLUMN])
        ws.row_dimensions[row].height = row_height(values, widths, minimum=ROW_HEIGHT)
    _write_totals(ws, row + 1, totals)
    set_column_widths(ws, widths)
    setup_print(ws, header_rows=f"{HEADER_ROW}:{HEADER_ROW}", freeze=f"A{HEADER_ROW + 1}")
    return save_workbook(workbook, path)


def column_widths(seats: Sequence[str]) -> list[float]:
    """Return the column widths (Excel units): the 座次号 column fits the longest seat label, up to
    SEAT_MAX, taking the room from the signature column (never below SIGN_MIN)."""
    widths = list(WIDTHS)
    longest = max((text_width(seat) + 2 for seat in seats), default=0)
    grow = min(max(0, longest - widths[SEAT_COLUMN]), SEAT_MAX - widths[SEAT_COLUMN],
               widths[SIGN_COLUMN] - SIGN_MIN)
    widths[SEAT_COLUMN] += grow
    widths[SIGN_COLUMN] -= grow
    return widths


def _keep_on_one_line(cell) -> None:
    """A seat number never wraps (12排/32座 reads as two seats): shrink it to fit instead."""
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=False, shrink_to_fit=True)


def _values(number: int, line: SignInLine) -> list[object]:
    return [number, line.name, line.post_unit, line.seat, "", reason_text(line), line.notes]


def _write_totals(ws, row: int, totals: SignInTotals) -> None:
    parts = [f"{label} {'____' if value is None else value} {totals.unit}" for label, value in (
        ("应到", totals.expected), ("实到", totals.present), ("请假", totals.leave), ("缺席", totals.absent))]
    cell = set_text(ws.cell(row=row, column=1), "　　".join(parts))
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
    cell.font = Font(name=FONT_NAME, bold=True, size=12)
    cell.alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[row].height = 26
    if totals.notes:
        row += 1
        note = set_text(ws.cell(row=row, column=1), "\n".join(f"注：{n}" for n in totals.notes))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
        note.font = Font(name=FONT_NAME, size=10)
        note.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        ws.row_dimensions[row].height = 18 * len(totals.notes)
    blank = "＿" * 8
    signer = set_text(ws.cell(row=row + 1, column=1), f"统计人：{blank}　　　　核对人：{blank}")
    ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=len(HEADERS))
    signer.font = Font(name=FONT_NAME, size=11)
    signer.alignment = Alignment(horizontal="left", vertical="center")
    ws.row_dimensions[row + 1].height = 30
