"""The venue set-up checklist (会场布置清单) as an A4 PDF: per hall its bookings, banner and approval, the
checks with room to sign, and the materials with computed and prepared counts.

Texts are laid out once into blocks of known height, paginated (a row never splits, a table's header is
repeated on a new page and never left alone at a page's foot), then drawn with "第 N 页 共 M 页".
Fonts are the bundled Noto Serif SC faces; a text with characters they lack is refused before writing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rdplanner.exports.fonts import (
    holds_pdf_faces,
    new_canvas,
    note_missing_glyphs,
    printable_text,
    raise_missing_glyphs,
    register_pdf_fonts,
    unit_width,
)
from rdplanner.exports.venue_xlsx import (
    CHECK_HEADERS,
    MATERIAL_HEADERS,
    VenueSheet,
    check_cells,
    info_lines,
    material_cells,
)
from rdplanner.exports.xlsx import ExportCancelled, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

FAMILY = "serif"
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 15 * mm, 14 * mm, 16 * mm
WIDTH = A4[0] - 2 * MARGIN_X
CHECK_WIDTHS = (10, 30, 22, 32, 34, 52)  # mm, 180 in all
MATERIAL_WIDTHS = (10, 30, 12, 20, 50, 18, 18, 22)
CHECK_CENTRED, MATERIAL_CENTRED = {0, 2, 3}, {0, 2, 3, 5, 6}
PAD, SIZE, LEADING = 1.4 * mm, 9.5, 1.25
CHECK_MIN, MATERIAL_MIN, HEADER_MIN = 10 * mm, 8 * mm, 8 * mm
CANCELLED = "已取消导出会场布置清单，未生成文件。"
GLYPH_ADVICE = "请改用规范字后重新导出。"
NO_LINE_START = set("，。、；：？！）》」』%,.;:?!)]")


@dataclass(frozen=True)
class _Block:
    """Something drawn across the page at a given top: a title, a line, a table row."""

    height: float
    draw: Callable[[Canvas, float], None]
    header: _Block | None = None  # the table header to repeat above this row on a new page
    keep_with_next: bool = False
    hall: str = ""  # the hall whose section it belongs to, named at the top of a continued page


@holds_pdf_faces
def write_venue_pdf(path: str | os.PathLike[str], *, sheet: VenueSheet, progress: Progress = no_progress,
                    cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the checklist PDF (A4 portrait) and return its path (replaced atomically).

    Raises:
        MissingGlyphsError: a text has characters the font lacks (nothing is written).
        ExportCancelled, ExportError, FontError.
    """
    _refuse_missing_glyphs(sheet)
    names = register_pdf_fonts()
    font, bold = names.name(FAMILY), names.name(FAMILY, bold=True)
    blocks = _blocks(sheet, font, bold, cancelled)
    progress(0.4)
    pages = _paginate(blocks)
    title = printable_text(sheet.title)

    def render(stream: BinaryIO) -> None:
        canvas = new_canvas(stream, title=title, subject="会场布置清单", pagesize=A4, pageCompression=1)
        for number, page in enumerate(pages, 1):
            if cancelled():
                raise ExportCancelled(CANCELLED)
            _draw_page(canvas, page, number, len(pages), font, title)
            progress(0.4 + 0.55 * number / len(pages))
        canvas.save()

    result = run_atomic(path, render)
    progress(1.0)
    return result


def _refuse_missing_glyphs(sheet: VenueSheet) -> None:
    found: list[str] = []
    note_missing_glyphs(found, "标题", printable_text(sheet.title), FAMILY, True)
    note_missing_glyphs(found, "日期", printable_text(sheet.subtitle), FAMILY)
    for section in sheet.sections:
        note_missing_glyphs(found, "会场", printable_text(section.place), FAMILY, True)
        for label, text in info_lines(section):
            note_missing_glyphs(found, label, printable_text(text), FAMILY)
        cells = [c for n, line in enumerate(section.checks, 1) for c in check_cells(n, line)]
        cells += [c for n, line in enumerate(section.materials, 1) for c in material_cells(n, line)]
        for text in cells:
            note_missing_glyphs(found, "清单", printable_text(str(text)), FAMILY)
    raise_missing_glyphs(found, advice=GLYPH_ADVICE)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` greedily into lines no wider than ``width``; no line starts with a closing mark, and
    a number or a Latin word (2026, 0571-87050000) moves whole to the next line rather than splitting."""
    lines, line = [], ""
    for ch in text:
        if line and _width(line + ch, font, size) > width and ch not in NO_LINE_START:
            cut = _cut(line) if _joined(ch) else len(line)
            lines.append(line[:cut].rstrip())
            line = (line[cut:] + ch).lstrip()
            continue
        line += ch
    return [*lines, line.rstrip()] if line.strip() else lines


def _width(text: str, font: str, size: float) -> float:
    return sum(unit_width(ch, font) for ch in text) * size


def _joined(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ":-.%+/")


def _cut(line: str) -> int:
    """Where to end ``line`` so that its trailing ASCII run goes on with the next line (all of it if the
    run is the whole line)."""
    k = len(line)
    while k > 0 and _joined(line[k - 1]):
        k -= 1
    return k if k > 0 else len(line)


def _blocks(sheet: VenueSheet, font: str, bold: str, cancelled: IsCancelled) -> list[_Block]:
    blocks = [_text_block(printable_text(sheet.title), bold, 17, 12 * mm, centre=True),
              _text_block(printable_text(sheet.subtitle), font, 10.5, 8 * mm, centre=True)]
    for section in sheet.sections:
        if cancelled():
            raise ExportCancelled(CANCELLED)
        first = len(blocks)
        blocks.append(_text_block(f"会场：{printable_text(section.place)}", bold, 13, 11 * mm, keep=True))
        # The heading, its lines and the first check stay together: a page never shows a table of no hall.
        blocks += [_labelled(label, printable_text(text), font, bold) for label, text in info_lines(section)]
        rows = [[printable_text(str(v)) for v in check_cells(n, line)]
                for n, line in enumerate(section.checks, 1)]
        blocks += _table("检查项目", CHECK_HEADERS, CHECK_WIDTHS, rows, CHECK_CENTRED, CHECK_MIN, font, bold)
        rows = [[printable_text(str(v)) for v in material_cells(n, line)]
                for n, line in enumerate(section.materials, 1)]
        blocks += _table("物品准备", MATERIAL_HEADERS, MATERIAL_WIDTHS, rows, MATERIAL_CENTRED, MATERIAL_MIN,
                         font, bold)
        blocks.append(_Block(4 * mm, lambda c, top: None))
        place = printable_text(section.place)
        blocks[first:] = [replace(b, hall=place) for b in blocks[first:]]
    return blocks


def _text_block(text: str, font: str, size: float, height: float, *, centre: bool = False,
                keep: bool = False) -> _Block:
    lines = wrap(text, font, size, WIDTH)
    leading = size * LEADING
    total = max(height, len(lines) * leading + 4 * mm)

    def draw(c: Canvas, top: float) -> None:
        c.setFont(font, size)
        for n, line in enumerate(lines):
            y = top - 2 * mm - (n + 1) * leading + (leading - size) / 2 + 0.12 * size
            if centre:
                c.drawCentredString(A4[0] / 2, y, line)
            else:
                c.drawString(MARGIN_X, y, line)

    return _Block(total, draw, keep_with_next=keep)


def _labelled(label: str, text: str, font: str, bold: str) -> _Block:
    indent = 14 * mm
    lines = wrap(text, font, 10.5, WIDTH - indent)
    leading = 10.5 * LEADING

    def draw(c: Canvas, top: float) -> None:
        c.setFont(bold, 10.5)
        c.drawString(MARGIN_X, top - leading + 2, f"{label}：")
        c.setFont(font, 10.5)
        for n, line in enumerate(lines):
            c.drawString(MARGIN_X + indent, top - (n + 1) * leading + 2, line)

    return _Block(max(1, len(lines)) * leading + 1.5 * mm, draw, keep_with_next=True)


def _table(caption: str, headers: Sequence[str], widths_mm: Sequence[float], rows: Sequence[Sequence[str]],
           centred: set[int], minimum: float, font: str, bold: str) -> list[_Block]:
    widths = [w * mm for w in widths_mm]
    head = _row(list(headers), widths, set(range(len(headers))), HEADER_MIN, bold, shade=True)
    blocks = [_text_block(caption, bold, 11, 8 * mm, keep=True),
              _Block(head.height, head.draw, keep_with_next=True)]
    body = rows or [["（无）"] + [""] * (len(headers) - 1)]
    blocks += [_Block(r.height, r.draw, header=head) for r in
               (_row(cells, widths, centred, minimum, font) for cells in body)]
    return blocks


def _row(cells: Sequence[str], widths: Sequence[float], centred: set[int], minimum: float, font: str, *,
         shade: bool = False) -> _Block:
    wrapped = [wrap(text, font, SIZE, w - 2 * PAD) for text, w in zip(cells, widths, strict=True)]
    leading = SIZE * LEADING
    height = max([minimum] + [len(lines) * leading + 2 * PAD for lines in wrapped])

    def draw(c: Canvas, top: float) -> None:
        x = MARGIN_X
        c.setLineWidth(0.5)
        for column, (lines, w) in enumerate(zip(wrapped, widths, strict=True)):
            if shade:
                c.setFillGray(0.88)
            c.rect(x, top - height, w, height, stroke=1, fill=1 if shade else 0)
            c.setFillGray(0)
            c.setFont(font, SIZE)
            first = top - (height - len(lines) * leading) / 2
            for n, line in enumerate(lines):
                y = first - (n + 1) * leading + (leading - SIZE) / 2 + 0.12 * SIZE
                if column in centred:
                    c.drawCentredString(x + w / 2, y, line)
                else:
                    c.drawString(x + PAD, y, line)
            x += w

    return _Block(height, draw)


def _paginate(blocks: Sequence[_Block]) -> list[list[_Block]]:
    """Fill pages top-down; a row starting a page gets its table header first, and a heading or a
    header goes to the next page with the block after it."""
    full = A4[1] - MARGIN_TOP - MARGIN_BOTTOM
    pages: list[list[_Block]] = [[]]
    room = full
    for index, block in enumerate(blocks):
        need = block.height
        if block.keep_with_next and index + 1 < len(blocks):
            need += _kept_height(blocks, index + 1)
        if need > room and pages[-1]:
            pages.append([])
            room = full
        if not pages[-1] and block.header is not None:
            pages[-1].append(block.header)
            room -= block.header.height
        pages[-1].append(block)
        room -= block.height
    return pages


def _kept_height(blocks: Sequence[_Block], index: int) -> float:
    """The height of the run of kept-together blocks from ``index`` up to and including the first free one."""
    height = 0.0
    for block in blocks[index:]:
        height += block.height
        if not block.keep_with_next:
            break
    return height


def _draw_page(c: Canvas, page: Sequence[_Block], number: int, count: int, font: str, title: str) -> None:
    top = A4[1] - MARGIN_TOP
    if number > 1:
        c.setFont(font, 9)
        c.setFillGray(0.35)
        hall = next((b.hall for b in page if b.hall), "")  # a repeated table header carries none
        c.drawString(MARGIN_X, top + 3 * mm, f"{title}（续）" + (f"　会场：{hall}" if hall else ""))
        c.setFillGray(0)
    for block in page:
        block.draw(c, top)
        top -= block.height
    c.setFont(font, 9)
    c.drawCentredString(A4[0] / 2, 8 * mm, f"第 {number} 页 共 {count} 页")
    c.showPage()
