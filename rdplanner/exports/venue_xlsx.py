"""The venue set-up checklist (会场布置清单) as a printable xlsx, and its plain rows shared with venue_pdf.

One section per hall: its bookings, the banner (会标) and its approval, the checks with 检查人, 检查时间
and an empty 签字 column, and the materials with the computed (计算数量) and the prepared (实备数量) counts.
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
    write_row,
    write_title,
)

CHECK_HEADERS = ("序号", "检查项目", "检查人", "检查时间", "签字", "备注")
MATERIAL_HEADERS = ("序号", "物品", "单位", "数量依据", "计算方法", "计算数量", "实备数量", "备注")
WIDTHS = (6, 16, 8, 17, 24, 10, 10, 14)  # the material table's; the checks share the first columns
COLUMNS = len(MATERIAL_HEADERS)
CENTRED = ("序号", "单位", "计算数量", "实备数量", "检查时间")
CHECK_ROW_HEIGHT = 30  # points: room to sign


@dataclass(frozen=True)
class CheckLine:
    name: str
    checked_by: str = ""
    checked_at: str = ""
    notes: str = ""


@dataclass(frozen=True)
class MaterialLine:
    name: str
    unit: str
    basis: str
    formula: str
    quantity: int
    prepared: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class HallSection:
    """One hall of the checklist; ``bookings`` are printed lines (times, status, contact)."""

    place: str
    bookings: tuple[str, ...] = ()
    banner: str = ""
    approval: str = ""
    checks: tuple[CheckLine, ...] = ()
    materials: tuple[MaterialLine, ...] = ()


@dataclass(frozen=True)
class VenueSheet:
    """The whole checklist: its title ("<event>会场布置清单"), a line of dates, the halls."""

    title: str
    subtitle: str
    sections: tuple[HallSection, ...]


def info_lines(section: HallSection) -> list[tuple[str, str]]:
    """The labelled lines above a hall's tables: 预订 (one per booking), 会标, 审定."""
    bookings = section.bookings or ("未预订",)
    return ([("预订", text) for text in bookings] + [("会标", section.banner or "（未填写）"),
                                                   ("审定", section.approval or "未审定")])


def check_cells(number: int, line: CheckLine) -> list[object]:
    return [number, line.name, line.checked_by, line.checked_at, "", line.notes]


def material_cells(number: int, line: MaterialLine) -> list[object]:
    prepared = "" if line.prepared is None else line.prepared
    return [number, line.name, line.unit, line.basis, line.formula, line.quantity, prepared, line.notes]


def write_venue_xlsx(path: str | os.PathLike[str], *, sheet: VenueSheet) -> Path:
    """Write the checklist workbook and return its path (replaced atomically).

    Raises:
        ExportError: the file could not be written.
    """
    workbook, ws = new_sheet("会场布置清单")
    write_title(ws, 1, sheet.title, COLUMNS, size=16, height=34)
    write_title(ws, 2, sheet.subtitle, COLUMNS, size=11, bold=False, height=22)
    row = 3
    for section in sheet.sections:
        row = _write_section(ws, row + 1, section)
    set_column_widths(ws, WIDTHS)
    setup_print(ws, header_rows="1:2", freeze="A3")
    return save_workbook(workbook, path)


def _write_section(ws, row: int, section: HallSection) -> int:
    """Write one hall from ``row``; return the last row written."""
    heading = set_text(ws.cell(row=row, column=1), f"会场：{section.place}")
    heading.font = Font(name=FONT_NAME, size=13, bold=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COLUMNS)
    ws.row_dimensions[row].height = 24
    for label, text in info_lines(section):
        row += 1
        _label_line(ws, row, label, text)
    row = _table(ws, row + 2, "检查项目", CHECK_HEADERS,
                 [check_cells(n, line) for n, line in enumerate(section.checks, 1)], CHECK_ROW_HEIGHT)
    return _table(ws, row + 2, "物品准备", MATERIAL_HEADERS,
                  [material_cells(n, line) for n, line in enumerate(section.materials, 1)], 20)


def _label_line(ws, row: int, label: str, text: str) -> None:
    set_text(ws.cell(row=row, column=1), f"{label}：").font = Font(name=FONT_NAME, size=11, bold=True)
    cell = set_text(ws.cell(row=row, column=2), text)
    cell.font = Font(name=FONT_NAME, size=11)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=COLUMNS)
    ws.row_dimensions[row].height = row_height([text], [sum(WIDTHS[1:])], minimum=18)


def _table(ws, row: int, caption: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
           minimum: float) -> int:
    """Write a captioned table from ``row``; a table narrower than the sheet spreads its last column over
    the rest (the checks' 备注). Return the last row written."""
    set_text(ws.cell(row=row, column=1), caption).font = Font(name=FONT_NAME, size=12, bold=True)
    row += 1
    spread = COLUMNS - len(headers)
    widths = [*WIDTHS[:len(headers) - 1], sum(WIDTHS[len(headers) - 1:])]
    centred = tuple(i for i, h in enumerate(headers) if h in CENTRED)
    style_header(write_row(ws, row, [*headers, *[""] * spread]))
    _spread(ws, row, len(headers), spread)
    ws.row_dimensions[row].height = 22
    for values in rows:
        row += 1
        style_body(write_row(ws, row, [*values, *[""] * spread]), center=centred)
        _spread(ws, row, len(headers), spread)
        ws.row_dimensions[row].height = row_height(values, widths, minimum=minimum)
    if not rows:
        row += 1
        set_text(ws.cell(row=row, column=1), "（无）")
    return row


def _spread(ws, row: int, last: int, spread: int) -> None:
    if spread:
        ws.merge_cells(start_row=row, start_column=last, end_row=row, end_column=last + spread)
