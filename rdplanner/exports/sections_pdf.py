"""A4 portrait PDFs drawn as sections (the catering domain's kitchen notice, 厨房备餐通知, a page per meal,
and its menu review, 菜单审核表, the menus flowing on): a heading band, lines of text, and a
boxed table whose rows grow with their text and repeat its header on a new page. Fonts are the bundled
Noto Serif SC, embedded; characters the font lacks are refused or marked (GlyphMarks)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rdplanner.exports.cell_text import CellText, draw_cell, fit_cell, wrap
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
from rdplanner.exports.xlsx import ExportCancelled, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

FAMILY = "serif"
GLYPH_ADVICE = "请在名册或菜单中核对这些字（可改用规范字），然后重新导出。"
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 15 * mm, 16 * mm
WIDTH = A4[0] - 2 * MARGIN_X
BAND_H, ROW_H, PAD, LINE = 8 * mm, 7 * mm, 1.4 * mm, 5.6 * mm
TEXT_SIZE, CELL_SIZES = 10.5, (10, 9.5, 9, 8.5, 8)


@dataclass(frozen=True)
class Section:
    """One part of the document: a heading, lines of text, and a table (column widths in mm, summing to
    174 mm). ``new_page``: starts on a page of its own."""

    heading: str
    lines: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    widths: tuple[float, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    new_page: bool = False


@dataclass(frozen=True)
class SectionsDocument:
    title: str
    subtitle: str
    subject: str
    sections: tuple[Section, ...]
    footer: str = ""


@dataclass(frozen=True)
class _Block:
    height: float
    draw: Callable[[Canvas, float], None]
    new_page: bool = False
    header: _Block | None = None  # the table header to repeat when a row opens a page


@holds_pdf_faces
def write_sections_pdf(path: str | os.PathLike[str], *, document: SectionsDocument,
                       marks: GlyphMarks | None = None, progress: Progress = no_progress,
                       cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the document and return its path (replaced atomically).

    Raises:
        MissingGlyphsError (before anything is written), ExportCancelled, ExportError, FontError.
    """
    document = _mapped(document, printable_text)
    if settle_missing_glyphs(_missing(document), marks, advice=GLYPH_ADVICE):
        document = _mapped(document, lambda text: marked_text(text, FAMILY))
    names = register_pdf_fonts()
    font, bold = names.name(FAMILY), names.name(FAMILY, bold=True)
    pages = _paginate(_blocks(document, font, bold))
    progress(0.4)

    def render(stream: BinaryIO) -> None:
        c = new_canvas(stream, title=document.title, subject=document.subject, pagesize=A4, pageCompression=1)
        for number, page in enumerate(pages, 1):
            if cancelled():
                raise ExportCancelled(f"已取消导出{document.subject}，未生成文件。")
            top = A4[1] - MARGIN_TOP
            for block in page:
                block.draw(c, top)
                top -= block.height
            c.setFont(font, 9)
            footer = f"{document.footer}　" if document.footer else ""
            c.drawCentredString(A4[0] / 2, 9 * mm, f"{footer}第 {number} 页 共 {len(pages)} 页")
            c.showPage()
        c.save()

    result = run_atomic(path, render)
    progress(1.0)
    return result


def _mapped(document: SectionsDocument, change: Callable[[str], str]) -> SectionsDocument:
    sections = tuple(replace(s, heading=change(s.heading), lines=tuple(map(change, s.lines)),
                             headers=tuple(map(change, s.headers)),
                             rows=tuple(tuple(map(change, r)) for r in s.rows)) for s in document.sections)
    return replace(document, title=change(document.title), subtitle=change(document.subtitle), sections=sections)


def _missing(document: SectionsDocument) -> list[str]:
    found: list[str] = []
    note_missing_glyphs(found, "标题", document.title, FAMILY, True)
    for section in document.sections:
        note_missing_glyphs(found, "标题", section.heading, FAMILY, True)
        for text in (*section.lines, *(cell for row in section.rows for cell in row)):
            note_missing_glyphs(found, section.heading, text, FAMILY)
    return list(dict.fromkeys(found))


def _text(text: str, font: str, size: float, *, centred: bool = False, new_page: bool = False) -> _Block:
    lines = wrap(text, font, size, WIDTH) or [""]
    height = max(LINE, len(lines) * size * 1.35 + 2)

    def draw(c: Canvas, top: float) -> None:
        c.setFont(font, size)
        for n, line in enumerate(lines):
            y = top - (n + 1) * size * 1.35
            if centred:
                c.drawCentredString(A4[0] / 2, y, line)
            else:
                c.drawString(MARGIN_X, y, line)

    return _Block(height, draw, new_page)


def _band(text: str, bold: str, new_page: bool) -> _Block:
    def draw(c: Canvas, top: float) -> None:
        c.setFillGray(0.92)
        c.rect(MARGIN_X, top - BAND_H + 1 * mm, WIDTH, BAND_H - 1 * mm, stroke=0, fill=1)
        c.setFillGray(0)
        draw_cell(c, CellText(11.5, (text,)), bold, MARGIN_X, top + 0.5 * mm, WIDTH, BAND_H, pad=2 * mm)

    return _Block(BAND_H + 1 * mm, draw, new_page)


def _row(cells: Sequence[str], widths: Sequence[float], font: str, *, shade: bool = False) -> _Block:
    fitted = [fit_cell(text, font, w - 2 * PAD, 6 * ROW_H, sizes=CELL_SIZES) for text, w in zip(cells, widths,
                                                                                              strict=True)]
    height = max([ROW_H] + [cell.height + 2 * PAD for cell in fitted])

    def draw(c: Canvas, top: float) -> None:
        x = MARGIN_X
        c.setLineWidth(0.5)
        for cell, w in zip(fitted, widths, strict=True):
            if shade:
                c.setFillGray(0.88)
                c.rect(x, top - height, w, height, stroke=1, fill=1)
                c.setFillGray(0)
            else:
                c.rect(x, top - height, w, height)
            draw_cell(c, cell, font, x, top, w, height, align="center" if shade else "left", pad=PAD)
            x += w

    return _Block(height, draw)


def _blocks(document: SectionsDocument, font: str, bold: str) -> list[_Block]:
    blocks = [_text(document.title, bold, 17, centred=True), _text(document.subtitle, font, 10.5, centred=True)]
    for n, section in enumerate(document.sections):
        new_page = section.new_page and n > 0
        if new_page:
            blocks += [_text(document.title, bold, 17, centred=True, new_page=True),
                       _text(document.subtitle, font, 10.5, centred=True)]
        blocks.append(_band(section.heading, bold, False))
        blocks += [_text(line, font, TEXT_SIZE) for line in section.lines]
        if section.headers:
            widths = tuple(w * mm for w in section.widths)
            header = _row(section.headers, widths, bold, shade=True)
            blocks.append(header)
            blocks += [replace(_row(row, widths, font), header=header) for row in section.rows]
        blocks.append(_Block(3 * mm, lambda c, top: None))
    return blocks


def _paginate(blocks: Sequence[_Block]) -> list[list[_Block]]:
    full = A4[1] - MARGIN_TOP - MARGIN_BOTTOM
    pages: list[list[_Block]] = [[]]
    room = full
    for block in blocks:
        if (block.new_page or block.height > room) and pages[-1]:
            pages.append([])
            room = full
            if block.header is not None and not block.new_page:
                pages[-1].append(block.header)
                room -= block.header.height
        pages[-1].append(block)
        room -= block.height
    return pages
