"""The ride list (乘车表) as an A4 landscape PDF: per participant, in roster order, one boxed row per ride
(time, purpose, car, seat, route, driver) with the number and name merged down; those waiting for a car
follow under their own band. A participant's rows never split across pages; the header row repeats on
every page. Fonts are the bundled Noto Serif SC, embedded; names are fitted by name_fit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rdplanner.exports.cell_text import CellText, draw_cell, fit_cell
from rdplanner.exports.fonts import (
    GlyphMarks,
    holds_pdf_faces,
    marked_text,
    new_canvas,
    note_missing_glyphs,
    printable_text,
    register_pdf_fonts,
    settle_missing_glyphs,
)
from rdplanner.exports.name_fit import LEADING as NAME_LEADING
from rdplanner.exports.name_fit import fit_name
from rdplanner.exports.rides_xlsx import HEADERS, WAITING, RideLine, Rider, RidesSheet
from rdplanner.exports.xlsx import ExportCancelled, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

FAMILY = "serif"
CANCELLED = "已取消导出乘车表，未生成文件。"
GLYPH_ADVICE = "请在名册、车辆名录或行程中核对这些字（可改用规范字），然后重新导出。"
PAGE = landscape(A4)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 15 * mm, 13 * mm, 15 * mm
WIDTHS = tuple(w * mm for w in (10, 26, 38, 40, 36, 18, 53, 46))  # 267 mm between the margins
CENTRED = {0, 1, 2, 5}
ROW_H, HEADER_H, BAND_H, PAD = 7 * mm, 8 * mm, 8 * mm, 1.3 * mm
CELL_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
NAME_SIZE, NAME_H = 10.5, 11 * mm  # a name may take two lines of a row grown to NAME_H


@dataclass(frozen=True)
class _Block:
    height: float
    draw: Callable[[Canvas, float], None]
    keep_with_next: bool = False


@holds_pdf_faces
def write_rides_pdf(path: str | os.PathLike[str], *, sheet: RidesSheet, marks: GlyphMarks | None = None,
                    progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the ride list PDF and return its path (replaced atomically).

    Args:
        marks: print characters the font lacks as 〓 and record the texts; None refuses them.

    Raises:
        MissingGlyphsError (before anything is written), ExportCancelled, ExportError, FontError.
    """
    sheet = _mapped(sheet, printable_text)
    if settle_missing_glyphs(_missing(sheet), marks, advice=GLYPH_ADVICE):
        sheet = _mapped(sheet, lambda text: marked_text(text, FAMILY))
    names = register_pdf_fonts()
    font, bold = names.name(FAMILY), names.name(FAMILY, bold=True)
    header = _header(bold)
    blocks = _blocks(sheet, font, bold, cancelled)
    progress(0.4)
    pages = _paginate(blocks, header)

    def render(stream: BinaryIO) -> None:
        c = new_canvas(stream, title=sheet.title, subject="乘车表", pagesize=PAGE, pageCompression=1)
        for number, page in enumerate(pages, 1):
            if cancelled():
                raise ExportCancelled(CANCELLED)
            top = PAGE[1] - MARGIN_TOP
            if number > 1:
                c.setFont(font, 9)
                c.setFillGray(0.35)
                c.drawString(MARGIN_X, top + 3 * mm, f"{sheet.title}（续）")
                c.setFillGray(0)
            for block in page:
                block.draw(c, top)
                top -= block.height
            c.setFont(font, 9)
            c.drawCentredString(PAGE[0] / 2, 8 * mm, f"第 {number} 页 共 {len(pages)} 页")
            c.showPage()
            progress(0.4 + 0.55 * number / len(pages))
        c.save()

    result = run_atomic(path, render)
    progress(1.0)
    return result


def _mapped(sheet: RidesSheet, change: Callable[[str], str]) -> RidesSheet:
    def rider(r: Rider) -> Rider:
        rides = tuple(RideLine(*(change(getattr(ride, f.name)) for f in fields(ride))) for ride in r.rides)
        return Rider(change(r.name), rides)

    return replace(sheet, title=change(sheet.title), subtitle=change(sheet.subtitle),
                   riders=tuple(map(rider, sheet.riders)), waiting=tuple(map(rider, sheet.waiting)))


def _missing(sheet: RidesSheet) -> list[str]:
    found: list[str] = []
    note_missing_glyphs(found, "标题", sheet.title, FAMILY, True)
    note_missing_glyphs(found, "日期", sheet.subtitle, FAMILY)
    for rider in (*sheet.riders, *sheet.waiting):
        note_missing_glyphs(found, "姓名", rider.name, FAMILY)
        for ride in rider.rides:
            for label, text in zip(HEADERS[2:], ride.cells(), strict=True):
                note_missing_glyphs(found, f"{rider.name}的{label}", text, FAMILY)
    return list(dict.fromkeys(found))


def _text_block(text: str, font: str, size: float, height: float, *, keep: bool = False) -> _Block:
    cell = fit_cell(text, font, sum(WIDTHS), height, sizes=(size, size - 1, size - 2, size - 3))

    def draw(c: Canvas, top: float) -> None:
        draw_cell(c, cell, font, MARGIN_X, top, sum(WIDTHS), height, align="center")

    return _Block(height, draw, keep)


def _band(text: str, bold: str) -> _Block:
    def draw(c: Canvas, top: float) -> None:
        c.setFillGray(0.94)
        c.rect(MARGIN_X, top - BAND_H, sum(WIDTHS), BAND_H, stroke=1, fill=1)
        c.setFillGray(0)
        draw_cell(c, CellText(11, (text,)), bold, MARGIN_X, top, sum(WIDTHS), BAND_H, pad=2 * mm)

    return _Block(BAND_H, draw, keep_with_next=True)


def _header(bold: str) -> _Block:
    cells = [fit_cell(label, bold, w - 2 * PAD, HEADER_H - 2 * PAD, sizes=(10, 9.5, 9, 8.5))
             for label, w in zip(HEADERS, WIDTHS, strict=True)]

    def draw(c: Canvas, top: float) -> None:
        x = MARGIN_X
        c.setLineWidth(0.5)
        for cell, w in zip(cells, WIDTHS, strict=True):
            c.setFillGray(0.88)
            c.rect(x, top - HEADER_H, w, HEADER_H, stroke=1, fill=1)
            c.setFillGray(0)
            draw_cell(c, cell, bold, x, top, w, HEADER_H, align="center")
            x += w

    return _Block(HEADER_H, draw)


def _rider_block(number: int, rider: Rider, font: str) -> _Block:
    """One participant: a row per ride, each as tall as its tallest cell, number and name merged down."""
    rides = rider.rides or (WAITING,)
    laid = []
    for ride in rides:
        cells = [fit_cell(text, font, w - 2 * PAD, 3 * ROW_H, sizes=CELL_SIZES)
                 for text, w in zip(ride.cells(), WIDTHS[2:], strict=True)]
        laid.append((cells, max([ROW_H] + [cell.height + 2 * PAD for cell in cells])))
    name = fit_name(rider.name, font, WIDTHS[1] - 2 * PAD, max(sum(h for _, h in laid), NAME_H) - 2 * PAD,
                    largest=NAME_SIZE)
    name_h = len(name.lines) * name.size * NAME_LEADING + 2 * PAD
    cells, last_h = laid[-1]
    laid[-1] = (cells, last_h + max(0.0, name_h - sum(h for _, h in laid)))  # a long name on two lines
    height = sum(h for _, h in laid)

    def draw(c: Canvas, top: float) -> None:
        c.setLineWidth(0.5)
        c.rect(MARGIN_X, top - height, WIDTHS[0], height)
        c.rect(MARGIN_X + WIDTHS[0], top - height, WIDTHS[1], height)
        draw_cell(c, CellText(9.5, (str(number),)), font, MARGIN_X, top, WIDTHS[0], height, align="center")
        draw_cell(c, CellText(name.size, name.lines, NAME_LEADING), font, MARGIN_X + WIDTHS[0], top,
                  WIDTHS[1], height, align="center")
        y = top
        for cells, row_h in laid:
            x = MARGIN_X + WIDTHS[0] + WIDTHS[1]
            for column, (cell, w) in enumerate(zip(cells, WIDTHS[2:], strict=True), 2):
                c.rect(x, y - row_h, w, row_h)
                draw_cell(c, cell, font, x, y, w, row_h, align="center" if column in CENTRED else "left",
                          pad=PAD)
                x += w
            y -= row_h

    return _Block(height, draw)


def _blocks(sheet: RidesSheet, font: str, bold: str, cancelled: IsCancelled) -> list[_Block]:
    blocks = [_text_block(sheet.title, bold, 17, 11 * mm), _text_block(sheet.subtitle, font, 10.5, 8 * mm)]
    for number, rider in enumerate(sheet.riders, 1):
        if cancelled():
            raise ExportCancelled(CANCELLED)
        blocks.append(_rider_block(number, rider, font))
    if not sheet.riders and not sheet.waiting:
        blocks.append(_text_block("（没有乘车安排）", font, 10.5, ROW_H))
    if sheet.waiting:
        blocks.append(_band(sheet.waiting_heading, bold))
        blocks += [_rider_block(n, rider, font) for n, rider in enumerate(sheet.waiting, 1)]
    return blocks


def _paginate(blocks: Sequence[_Block], header: _Block) -> list[list[_Block]]:
    """Fill pages top down; the header row opens the table on every page (after the title on the first),
    a band moves to the next page with the participant after it."""
    full = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM
    pages: list[list[_Block]] = [list(blocks[:2]) + [header]]
    room = full - sum(b.height for b in pages[0])
    for index, block in enumerate(blocks[2:], 2):
        need = block.height + (blocks[index + 1].height if block.keep_with_next and index + 1 < len(blocks)
                               else 0)
        if need > room and len(pages[-1]) > (3 if len(pages) == 1 else 1):
            pages.append([header])
            room = full - header.height
        pages[-1].append(block)
        room -= block.height
    return pages
