"""The dispatch slips (派车单) as a PDF: one slip per trip, two to an A4 sheet (top and bottom halves)
with a dashed cut line between, each a boxed form: unit and title, 编号 and 日期, 用车事由, car, driver,
times, route, the passengers in seat order with their seats, 申请人 and 审批人 with room to sign, and the
odometer and fuel blanks the driver fills in on return. Fonts are the bundled Noto Serif SC, embedded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rdplanner.exports.cell_text import CellText, draw_cell, fit_cell, width_of
from rdplanner.exports.fonts import (
    GlyphMarks,
    holds_pdf_faces,
    marked_text,
    new_canvas,
    note_missing_glyphs,
    printable_text,
    register_pdf_fonts,
    settle_missing_glyphs,
    text_width,
)
from rdplanner.exports.name_fit import LEADING as NAME_LEADING
from rdplanner.exports.name_fit import fit_name
from rdplanner.exports.xlsx import ExportCancelled, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

FAMILY = "serif"
CANCELLED = "已取消导出派车单，未生成文件。"
GLYPH_ADVICE = "请在名册、车辆名录或行程中核对这些字（可改用规范字），然后重新导出。"
HALF = A4[1] / 2
MARGIN_X, TOP_GAP, BOTTOM_GAP = 14 * mm, 9 * mm, 8 * mm
WIDTH = A4[0] - 2 * MARGIN_X
LABEL_W = 24 * mm
VALUE_W = (WIDTH - 2 * LABEL_W) / 2
ROW_H, SIGN_H = 8 * mm, 11 * mm
TABLE_TOP = 25 * mm  # below the half's top: the title and the 编号/日期 line above it
PAD = 1.6 * mm
GRID_CAP, GRID_MIN, GRID_LEADING = 10.5, 6.5, 1.35
SIGN_LABEL = "签字："


@dataclass(frozen=True)
class SlipSeat:
    label: str  # 后排右 …, "" when the seat is not fixed
    name: str


@dataclass(frozen=True)
class TripSlip:
    """One trip as its slip prints it; blank texts leave the box empty to fill in by hand."""

    number: str
    date: str
    kind: str
    purpose: str
    plate: str
    vehicle: str
    driver: str
    phone: str
    depart: str
    back: str
    origin: str
    destination: str
    route: str
    passengers: tuple[SlipSeat, ...] = ()
    requested_by: str = ""
    approved_by: str = ""
    odometer_out: str = ""
    odometer_in: str = ""
    distance: str = ""
    notes: str = ""
    depart_label: str = "出车时间"  # 接站时间 for a pick-up: the time the car meets the first arrival


def slip_title(unit: str) -> str:
    return f"{unit}派车单"


@holds_pdf_faces
def write_tripslips_pdf(path: str | os.PathLike[str], *, unit: str, slips: Sequence[TripSlip],
                        marks: GlyphMarks | None = None, progress: Progress = no_progress,
                        cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the slips, two per A4 portrait sheet, and return the path (replaced atomically).

    Args:
        unit: the office that issues the slips, printed before 派车单 in the title.
        slips: in print order; an odd last slip leaves the sheet's lower half blank.
        marks: print characters the font lacks as 〓 and record the texts; None refuses them.

    Raises:
        MissingGlyphsError (before anything is written), ExportCancelled, ExportError, FontError.
    """
    slips = [_printable(slip) for slip in slips]
    unit = printable_text(unit)
    if settle_missing_glyphs(_missing(unit, slips), marks, advice=GLYPH_ADVICE):
        unit = marked_text(unit, FAMILY, bold=True)
        slips = [_marked(slip) for slip in slips]
    names = register_pdf_fonts()
    font, bold = names.name(FAMILY), names.name(FAMILY, bold=True)
    sheets = [slips[i:i + 2] for i in range(0, len(slips), 2)]

    def render(stream: BinaryIO) -> None:
        c = new_canvas(stream, title=slip_title(unit), subject="派车单", pagesize=A4, pageCompression=1)
        for number, pair in enumerate(sheets, 1):
            if cancelled():
                raise ExportCancelled(CANCELLED)
            for half, slip in enumerate(pair):
                _draw_slip(c, slip, unit, A4[1] - half * HALF, font, bold)
            if len(pair) == 2:
                _draw_cut_line(c)
            c.showPage()
            progress(0.95 * number / len(sheets))
        c.save()

    result = run_atomic(path, render)
    progress(1.0)
    return result


def _texts(slip: TripSlip) -> list[tuple[str, str]]:
    labels = {"number": "编号", "date": "日期", "kind": "类别", "purpose": "用车事由", "plate": "车牌号",
              "vehicle": "车型", "driver": "驾驶员", "phone": "联系电话", "depart": "出车时间",
              "back": "返回时间", "origin": "起点", "destination": "终点", "route": "路线",
              "requested_by": "申请人", "approved_by": "审批人", "notes": "备注"}
    found = [(label, getattr(slip, key)) for key, label in labels.items()]
    return found + [("乘车人员", seat.name) for seat in slip.passengers]


def _missing(unit: str, slips: Sequence[TripSlip]) -> list[str]:
    found: list[str] = []
    note_missing_glyphs(found, "单位", unit, FAMILY, True)
    for slip in slips:
        for label, text in _texts(slip):
            note_missing_glyphs(found, label, text, FAMILY)
    return list(dict.fromkeys(found))


def _map_texts(slip: TripSlip, change) -> TripSlip:
    values = {f.name: change(getattr(slip, f.name)) for f in fields(slip) if f.name != "passengers"}
    seats = tuple(SlipSeat(change(s.label), change(s.name)) for s in slip.passengers)
    return replace(slip, passengers=seats, **values)


def _printable(slip: TripSlip) -> TripSlip:
    return _map_texts(slip, printable_text)


def _marked(slip: TripSlip) -> TripSlip:
    return _map_texts(slip, lambda text: marked_text(text, FAMILY))


def _draw_cut_line(c: Canvas) -> None:
    c.saveState()
    c.setDash(4, 3)
    c.setLineWidth(0.5)
    c.setStrokeGray(0.45)
    c.line(6 * mm, HALF, A4[0] - 6 * mm, HALF)
    c.restoreState()


def _draw_slip(c: Canvas, slip: TripSlip, unit: str, top: float, font: str, bold: str) -> None:
    title = fit_cell(slip_title(unit), bold, WIDTH, 9 * mm, sizes=(17, 16, 15, 14, 13, 12))
    draw_cell(c, title, bold, MARGIN_X, top - TOP_GAP + 2 * mm, WIDTH, 9 * mm, align="center")
    c.setFont(font, 10)
    line_y = top - TABLE_TOP + 2.2 * mm
    c.drawString(MARGIN_X, line_y, f"编号：{slip.number}")
    c.drawCentredString(A4[0] / 2, line_y, f"类别：{slip.kind}" if slip.kind else "")
    c.drawRightString(A4[0] - MARGIN_X, line_y, f"日期：{slip.date or '＿' * 8}")
    rows = _rows(slip)
    fixed = sum(h for _, h, _ in rows if h)
    free = HALF - TABLE_TOP - BOTTOM_GAP - fixed
    y = top - TABLE_TOP
    c.setLineWidth(0.5)
    for kind, height, cells in rows:
        height = height or free
        _draw_row(c, kind, cells, y, height, font, bold, slip)
        y -= height
    c.setLineWidth(1)
    c.rect(MARGIN_X, y, WIDTH, top - TABLE_TOP - y)


def _rows(slip: TripSlip) -> list[tuple[str, float, tuple[str, ...]]]:
    """Each row of the form: its kind (pair: two label/value pairs; span: one label, a wide value;
    seats; sign), its height (0: what is left), its texts."""
    km = "公里"
    return [
        ("span", ROW_H, ("用车事由", slip.purpose)),
        ("pair", ROW_H, ("车牌号", slip.plate, "车型", slip.vehicle)),
        ("pair", ROW_H, ("驾驶员", slip.driver, "联系电话", slip.phone)),
        ("pair", ROW_H, (slip.depart_label, slip.depart, "返回时间", slip.back)),
        ("pair", ROW_H, ("起点", slip.origin, "终点", slip.destination)),
        ("span", ROW_H, ("路线", slip.route)),
        ("seats", 0, ()),
        ("sign", SIGN_H, ("申请人", slip.requested_by, "审批人", slip.approved_by)),
        ("unit", ROW_H, ("出车里程", slip.odometer_out, km, "回场里程", slip.odometer_in, km)),
        ("unit", ROW_H, ("行驶里程", slip.distance, km, "油耗", "", "升")),
        ("span", ROW_H, ("备注", slip.notes)),
    ]


def _draw_row(c: Canvas, kind: str, cells: tuple[str, ...], top: float, height: float, font: str,
              bold: str, slip: TripSlip) -> None:
    bottom = top - height
    c.rect(MARGIN_X, bottom, WIDTH, height)
    c.line(MARGIN_X + LABEL_W, top, MARGIN_X + LABEL_W, bottom)
    if kind == "seats":
        lines = ("乘车人员", f"（{len(slip.passengers)} 人）") if slip.passengers else ("乘车人员",)
        draw_cell(c, CellText(10, lines), bold, MARGIN_X, top, LABEL_W, height, align="center")
        _draw_seats(c, slip.passengers, MARGIN_X + LABEL_W, top, WIDTH - LABEL_W, height, font)
        return
    _label(c, cells[0], bold, MARGIN_X, top, height)
    if kind == "span":
        _value(c, cells[1], font, MARGIN_X + LABEL_W, top, WIDTH - LABEL_W, height)
        return
    second = MARGIN_X + LABEL_W + VALUE_W
    c.line(second, top, second, bottom)
    c.line(second + LABEL_W, top, second + LABEL_W, bottom)
    if kind == "unit":
        _label(c, cells[3], bold, second, top, height)
        for x, value, unit in ((MARGIN_X + LABEL_W, cells[1], cells[2]),
                               (second + LABEL_W, cells[4], cells[5])):
            _with_unit(c, value, unit, font, x, top, height)
        return
    _label(c, cells[2], bold, second, top, height)
    for x, value in ((MARGIN_X + LABEL_W, cells[1]), (second + LABEL_W, cells[3])):
        if kind == "sign":
            _signature(c, value, font, x, top, height)
        elif cells[0] == "驾驶员" and x < second:
            _name(c, value, font, x, top, VALUE_W, height)
        else:
            _value(c, value, font, x, top, VALUE_W, height)


def _label(c: Canvas, text: str, bold: str, x: float, top: float, height: float) -> None:
    cell = fit_cell(text, bold, LABEL_W - 2 * PAD, height - 2 * PAD, sizes=(10, 9.5, 9, 8.5, 8))
    draw_cell(c, cell, bold, x, top, LABEL_W, height, align="center")


def _value(c: Canvas, text: str, font: str, x: float, top: float, width: float, height: float) -> None:
    cell = fit_cell(text, font, width - 2 * PAD, height - 2 * PAD)
    draw_cell(c, cell, font, x, top, width, height, pad=PAD)


def _name(c: Canvas, name: str, font: str, x: float, top: float, width: float, height: float) -> None:
    fit = fit_name(name, font, width - 2 * PAD, height - 2 * PAD, largest=10.5)
    draw_cell(c, CellText(fit.size, fit.lines, NAME_LEADING), font, x, top, width, height, pad=PAD)


def _with_unit(c: Canvas, value: str, unit: str, font: str, x: float, top: float, height: float) -> None:
    """A number to fill in: the value (if known) centred on a line, the unit (公里, 升) after it."""
    base = top - height / 2 - 3.2
    line_end = x + VALUE_W - 4 * PAD - width_of(unit, font, 10)
    c.setFont(font, 10)
    c.drawString(line_end + PAD, base, unit)
    c.setLineWidth(0.4)
    c.line(x + 3 * PAD, base - 1.2, line_end, base - 1.2)
    c.setLineWidth(0.5)
    if value:
        c.drawCentredString((x + 3 * PAD + line_end) / 2, base + 0.6, value)


def _signature(c: Canvas, name: str, font: str, x: float, top: float, height: float) -> None:
    """The name as recorded on the left, and a line to sign on the right."""
    share = 0.42 * VALUE_W
    if name:
        _value(c, name, font, x, top, share, height)
    base = top - height + 3 * mm
    start = x + share + width_of(SIGN_LABEL, font, 9)
    c.setFont(font, 9)
    c.setFillGray(0.35)
    c.drawString(x + share, base, SIGN_LABEL)
    c.setFillGray(0)
    c.setLineWidth(0.4)
    c.line(start, base - 1.2, x + VALUE_W - 2 * PAD, base - 1.2)
    c.setLineWidth(0.5)


def seat_grid(items: Sequence[str], font: str, width: float, height: float) -> tuple[int, float]:
    """Return (columns, size) of the grid in which ``items`` are largest, reading left to right: every
    item on one line in a column of ``width / columns``; the widest grid wins a tie. Size 0: no grid
    fits at GRID_MIN points."""
    best = (1, 0.0)
    widest = max((text_width(item, font) for item in items), default=0.01)
    for columns in range(min(len(items), 10), 0, -1):
        rows = -(-len(items) // columns)
        size = min(GRID_CAP, (width / columns - 2 * PAD) / widest, height / (rows * GRID_LEADING))
        if size > best[1] + 0.01:
            best = (columns, size)
    return best if best[1] >= GRID_MIN else (best[0], 0.0)


def _draw_seats(c: Canvas, seats: Sequence[SlipSeat], x: float, top: float, width: float, height: float,
                font: str) -> None:
    if not seats:
        return
    area_w, area_h = width - 2 * PAD, height - 2 * PAD
    items = [f"{s.label}　{s.name}" if s.label else s.name for s in seats]
    columns, size = seat_grid(items, font, area_w, area_h)
    if not size:  # too many for a grid: one flowing text, cut with "…" if it must
        _value(c, "、".join(items), font, x, top, width, height)
        return
    rows = -(-len(items) // columns)
    leading = size * GRID_LEADING
    first = top - PAD - (area_h - rows * leading) / 2
    column_w = area_w / columns
    for index, seat in enumerate(seats):
        row, column = divmod(index, columns)
        left = x + PAD + column * column_w + PAD
        y = first - (row + 1) * leading + (leading - size) / 2 + 0.12 * size
        if seat.label:
            c.setFont(font, size)
            c.setFillGray(0.4)
            c.drawString(left, y, f"{seat.label}　")
            left += width_of(f"{seat.label}　", font, size)
            c.setFillGray(0)
        c.setFont(font, size)
        c.drawString(left, y, seat.name)
