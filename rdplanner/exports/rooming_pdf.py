"""The rooming list (住宿安排表) as an A4 PDF for the front desk: each hotel from a new page, its address
and contact under the title, one boxed row per room (and dates), the table header repeated on every page,
the hotel's totals and the signature line (制表单位、经办人) at its end and "第 N 页 共 M 页" of that hotel
at every foot. Fonts are the bundled Noto Serif SC faces;
texts with characters they lack are refused, or printed marked (〓) when the officer asks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

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
from rdplanner.exports.rooming_xlsx import ROOMING_HEADERS, RoomingSheet, rooming_cells
from rdplanner.exports.venue_pdf import wrap
from rdplanner.exports.xlsx import ExportCancelled, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

FAMILY = "serif"
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 15 * mm, 14 * mm, 16 * mm
WIDTHS = tuple(w * mm for w in (10, 16, 22, 62, 11, 21, 21, 17))  # 180 mm
CENTRED = {0, 1, 4, 5, 6}
SIZE, LEADING, PAD, ROW_MIN, HEAD_H = 9.5, 1.25, 1.4 * mm, 8 * mm, 8 * mm
CANCELLED = "已取消导出住宿安排表，未生成文件。"
GLYPH_ADVICE = "请在名册中核对这些字（可改用规范字），然后重新导出。"


@dataclass(frozen=True)
class _Row:
    height: float
    cells: tuple[tuple[str, ...], ...]  # wrapped lines per column


@dataclass
class _Page:
    hotel: str
    info: str
    first: bool  # the hotel's first page (its title is drawn)
    rows: list
    totals: str = ""


@holds_pdf_faces
def write_rooming_pdf(path: str | os.PathLike[str], *, sheet: RoomingSheet, marks: GlyphMarks | None = None,
                      progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the rooming list PDF and return its path (replaced atomically).

    Raises:
        MissingGlyphsError: a text has characters the font lacks and ``marks`` is None (nothing written).
        ExportCancelled, ExportError, FontError.
    """
    mark = settle_missing_glyphs(_missing(sheet), marks, advice=GLYPH_ADVICE)
    shown: Callable[[str], str] = (lambda t: marked_text(printable_text(t), FAMILY)) if mark else printable_text
    names = register_pdf_fonts()
    font, bold = names.name(FAMILY), names.name(FAMILY, bold=True)
    pages = _pages(sheet, shown, font, cancelled)
    progress(0.5)
    title = shown(sheet.title)

    def render(stream: BinaryIO) -> None:
        canvas = new_canvas(stream, title=title, subject="住宿安排表", pagesize=A4, pageCompression=1)
        for page, number, count in _numbered(pages):
            if cancelled():
                raise ExportCancelled(CANCELLED)
            _draw(canvas, page, number, count, title, shown(sheet.subtitle), font, bold,
                  shown(sheet.signature))
        canvas.save()

    result = run_atomic(path, render)
    progress(1.0)
    return result


def _numbered(pages: list[_Page]) -> list[tuple[_Page, int, int]]:
    """Each page with its number and its hotel's page count: each hotel's list goes to its own front desk,
    so each counts from 1 (第 1 页 共 3 页)."""
    runs: list[list[_Page]] = []
    for page in pages:
        if page.first or not runs:
            runs.append([])
        runs[-1].append(page)
    return [(page, n, len(run)) for run in runs for n, page in enumerate(run, 1)]


def _missing(sheet: RoomingSheet) -> list[str]:
    found: list[str] = []
    note_missing_glyphs(found, "标题", printable_text(sheet.title), FAMILY, True)
    note_missing_glyphs(found, "落款", printable_text(sheet.signature), FAMILY)
    for section in sheet.sections:
        note_missing_glyphs(found, "饭店", printable_text(section.hotel), FAMILY, True)
        note_missing_glyphs(found, "饭店信息", printable_text(section.info), FAMILY)
        for line in section.lines:
            note_missing_glyphs(found, "入住人员", printable_text(line.guests), FAMILY)
            note_missing_glyphs(found, "备注", printable_text(line.notes), FAMILY)
    return list(dict.fromkeys(found))  # a name on several lines is named once


def _row(texts, font: str) -> _Row:
    cells = tuple(tuple(wrap(t, font, SIZE, w - 2 * PAD) or [""]) for t, w in zip(texts, WIDTHS, strict=True))
    height = max(ROW_MIN, max(len(c) for c in cells) * SIZE * LEADING + 2 * PAD)
    return _Row(height, cells)


def _pages(sheet: RoomingSheet, shown, font: str, cancelled: IsCancelled) -> list[_Page]:
    full = A4[1] - MARGIN_TOP - MARGIN_BOTTOM
    title_h = 24 * mm
    pages: list[_Page] = []
    for section in sheet.sections or ():
        if cancelled():
            raise ExportCancelled(CANCELLED)
        page = _Page(shown(section.hotel), shown(section.info), True, [])
        pages.append(page)
        room = full - title_h - HEAD_H
        for number, line in enumerate(section.lines, 1):
            row = _row([shown(str(v)) for v in rooming_cells(number, line)], font)
            if row.height > room and page.rows:
                page = _Page(page.hotel, page.info, False, [])
                pages.append(page)
                room = full - 8 * mm - HEAD_H
            page.rows.append(row)
            room -= row.height
        if room < 16 * mm:  # the totals and the signature line
            page = _Page(page.hotel, page.info, False, [])
            pages.append(page)
        page.totals = shown(section.totals)
    return pages or [_Page("", "", True, [], "（无住宿安排）")]


def _draw(c: Canvas, page: _Page, number: int, count: int, title: str, subtitle: str, font: str,  # noqa: PLR0913
          bold: str, signature: str = "") -> None:
    top = A4[1] - MARGIN_TOP
    if page.first:
        c.setFont(bold, 16)
        c.drawCentredString(A4[0] / 2, top - 8 * mm, f"{title}（{page.hotel}）" if page.hotel else title)
        c.setFont(font, 9.5)
        c.drawCentredString(A4[0] / 2, top - 15 * mm, subtitle)
        if page.info:
            c.drawCentredString(A4[0] / 2, top - 20 * mm, page.info)
        top -= 24 * mm
    else:
        c.setFont(font, 9)
        c.setFillGray(0.35)
        c.drawString(MARGIN_X, top - 5 * mm, f"{title}（续）　{page.hotel}")
        c.setFillGray(0)
        top -= 8 * mm
    if page.rows or page.hotel:
        head = _Row(HEAD_H, tuple((h,) for h in ROOMING_HEADERS))
        _draw_row(c, head, top, bold, shade=True)
        top -= HEAD_H
    for row in page.rows:
        _draw_row(c, row, top, font)
        top -= row.height
    if page.totals:
        c.setFont(font, 10)
        c.drawString(MARGIN_X, top - 6 * mm, page.totals)
        if signature:
            c.drawString(MARGIN_X, top - 14 * mm, signature)
    c.setFont(font, 9)
    c.drawCentredString(A4[0] / 2, 8 * mm, f"第 {number} 页 共 {count} 页")
    c.showPage()


def _draw_row(c: Canvas, row: _Row, top: float, font: str, *, shade: bool = False) -> None:
    x = MARGIN_X
    leading = SIZE * LEADING
    c.setLineWidth(0.5)
    for column, (lines, width) in enumerate(zip(row.cells, WIDTHS, strict=True)):
        if shade:
            c.setFillGray(0.88)
        c.rect(x, top - row.height, width, row.height, stroke=1, fill=1 if shade else 0)
        c.setFillGray(0)
        c.setFont(font, SIZE)
        first = top - (row.height - len(lines) * leading) / 2
        for n, line in enumerate(lines):
            y = first - (n + 1) * leading + (leading - SIZE) / 2 + 0.12 * SIZE
            if column in CENTRED or shade:
                c.drawCentredString(x + width / 2, y, line)
            else:
                c.drawString(x + PAD, y, line)
        x += width
