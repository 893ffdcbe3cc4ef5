"""The "find your seat" list (对号入座名单) as an A4 portrait PDF: name → seat label, in columns, per zone.

Groups arrive in print order with their people in official order. Each page holds three columns read
top to bottom, then left to right (like an index); a zone starts with a heading band spanning the page
and, when it runs onto the next page, repeats it there marked （续）. Names are set in the bundled Noto
Sans SC, embedded; every text is checked for glyphs the font lacks before anything is written. A name
too wide for its column shrinks, and below 8 points breaks into two lines (after a "·" when it has one).
People without a seat are listed by name only, under their own heading.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rdplanner.exports.fonts import (  # noqa: F401  (MissingGlyphsError: re-exported)
    GlyphMarks,
    MissingGlyphsError,
    holds_pdf_faces,
    marked_text,
    missing_glyphs,
    new_canvas,
    note_missing_glyphs,
    printable_text,
    raise_missing_glyphs,
    register_pdf_fonts,
    settle_missing_glyphs,
    text_width,
)
from rdplanner.exports.name_fit import may_break, split_two
from rdplanner.exports.seatlist_xlsx import SeatListGroup, info_line, list_title
from rdplanner.exports.xlsx import ExportCancelled, ExportError, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

FAMILY = "sans"
CANCELLED = "已取消导出对号入座名单，未生成文件。"
GLYPH_ADVICE = "请在名册或座位布局中核对这些字（可改用规范字），然后重新导出。"
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 15 * mm, 14 * mm, 16 * mm
COLS, GUTTER = 3, 8 * mm
COL_W = (A4[0] - 2 * MARGIN_X - (COLS - 1) * GUTTER) / COLS
ROW_H = 7.5 * mm
HEADING_H, GROUP_GAP = 9 * mm, 4 * mm
NAME_SIZE, SEAT_SIZE, ONE_LINE_MIN, TWO_LINE_MIN = 11.0, 10.0, 8.0, 6.0
PAD, LEADER_MIN = 1 * mm, 4 * mm
SEAT_SHARE = 0.6  # a seat label takes at most this share of its column; longer labels shrink
ASCENT_CENTRE = 0.36  # a CJK ideograph's visual centre lies about this many ems above the baseline


@dataclass(frozen=True)
class _Entry:
    name: tuple[str, ...]  # one line, or two for a long name
    name_size: float
    seat: str
    seat_size: float


@dataclass(frozen=True)
class _Block:
    """The part of one group printed on one page: entries [start, stop) in ``rows`` rows from ``top``."""

    group: int
    start: int
    stop: int
    rows: int
    top: float
    continued: bool


@holds_pdf_faces
def write_seatlist_pdf(
    path: str | os.PathLike[str],
    *,
    meeting: str,
    date_text: str,
    venue: str,
    groups: Sequence[SeatListGroup],
    note: str = "",
    marks: GlyphMarks | None = None,
    progress: Progress = no_progress,
    cancelled: IsCancelled = not_cancelled,
) -> Path:
    """Write the list PDF (A4 portrait, several pages as needed) and return its path.

    Args:
        path: the .pdf file to write (replaced atomically; nothing is left on failure or cancel).
        meeting: the meeting's name; the title reads "<meeting>对号入座名单".
        date_text, venue: printed under the title.
        groups: the zones in print order, each with its people in print order (empty groups are skipped).
        note: a small line under the title (e.g. how the list is ordered); "" for none.
        marks: print each character the font lacks as 〓 and record the texts in ``marks``; None (the
            default) refuses such texts.
        progress: called with 0..1; cancelled: polled per page, True stops with ExportCancelled.

    Raises:
        MissingGlyphsError: a text has characters the font lacks and ``marks`` is None (raised before
            anything is written).
        ExportError: nobody to list. ExportCancelled, FontError.
    """
    groups = [g for g in groups if g.lines]
    if not groups:
        raise ExportError("没有可列入对号入座名单的人员。", path=os.fspath(path))
    title = printable_text(list_title(meeting))
    # The parts, not the line: printable_text would fold the wide gap before 地点 into one narrow space.
    info = info_line(printable_text(date_text), printable_text(venue))
    note = printable_text(note)
    if settle_missing_glyphs(_missing_texts(title, info, note, groups), marks, advice=GLYPH_ADVICE):
        title = marked_text(title, FAMILY, bold=True)
        info, note = marked_text(info, FAMILY), marked_text(note, FAMILY)
        groups = [_marked_group(g) for g in groups]  # before the layout: names sized as printed
    fonts = register_pdf_fonts()
    font, bold = fonts.name(FAMILY), fonts.name(FAMILY, bold=True)
    entries = [[_entry(line.name, line.seat, font) for line in g.lines] for g in groups]
    first_top = A4[1] - MARGIN_TOP - 30 * mm - (5 * mm if note else 0)
    pages = paginate([len(e) for e in entries], first_top, A4[1] - MARGIN_TOP - 8 * mm)
    sheet = _Sheet(title, info, note, font, bold, groups, entries)
    result = run_atomic(path, lambda stream: sheet.render(stream, pages, progress, cancelled))
    progress(1.0)
    return result


def paginate(sizes: Sequence[int], first_top: float, later_top: float) -> list[list[_Block]]:
    """Return the blocks of each page for groups of ``sizes`` people (tops in points from the page foot).

    A group fills the rest of a page in balanced columns and continues on the next; a heading is never
    left at the foot of a page with fewer than two rows under it.
    """
    pages: list[list[_Block]] = [[]]
    y = first_top
    for group, size in enumerate(sizes):
        start = 0
        while start < size:
            room = int((y - HEADING_H - MARGIN_BOTTOM + 0.01) // ROW_H)
            wanted = -(-(size - start) // COLS)
            if room < min(2, wanted) and pages[-1]:
                pages.append([])
                y = later_top
                continue
            count = min(size - start, max(room, 1) * COLS)
            rows = -(-count // COLS)
            pages[-1].append(_Block(group, start, start + count, rows, y, start > 0))
            y -= HEADING_H + rows * ROW_H + GROUP_GAP
            start += count
    return pages


def _entry(name: str, seat: str, font: str) -> _Entry:
    name, seat = printable_text(name), printable_text(seat)
    seat_size = min(SEAT_SIZE, COL_W * SEAT_SHARE / text_width(seat, font))
    room = COL_W - 2 * PAD - (LEADER_MIN + text_width(seat, font) * seat_size if seat else 0)
    size = min(NAME_SIZE, room / text_width(name, font))
    if size >= ONE_LINE_MIN or not may_break(name):
        return _Entry((name,), max(size, TWO_LINE_MIN), seat, seat_size)
    lines = split_two(name, font)
    two = min(NAME_SIZE, room / max(text_width(part, font) for part in lines), ROW_H / 2.3)
    if two > size:
        return _Entry(lines, max(two, TWO_LINE_MIN), seat, seat_size)
    return _Entry((name,), max(size, TWO_LINE_MIN), seat, seat_size)


class _Sheet:
    """Draws the pages: title block (page 1), zone headings, the entries and the page numbers."""

    def __init__(self, title: str, info: str, note: str, font: str, bold: str,
                 groups: Sequence[SeatListGroup], entries: Sequence[Sequence[_Entry]]) -> None:
        self.title, self.info, self.note = title, info, note
        self.font, self.bold = font, bold
        self.groups, self.entries = groups, entries

    def render(self, stream: BinaryIO, pages: Sequence[Sequence[_Block]], progress: Progress,
               cancelled: IsCancelled) -> None:
        c = new_canvas(stream, title=self.title, subject="对号入座名单", pagesize=A4, pageCompression=1)
        for page_no, blocks in enumerate(pages, 1):
            if cancelled():
                raise ExportCancelled(CANCELLED)
            if page_no == 1:
                self._title_block(c)
            else:
                c.setFont(self.font, 9)
                c.setFillGray(0.35)
                c.drawString(MARGIN_X, A4[1] - MARGIN_TOP - 4 * mm, f"{self.title}（续）")
                c.setFillGray(0)
            for block in blocks:
                self._block(c, block)
            c.setFont(self.font, 9)
            c.drawCentredString(A4[0] / 2, 8 * mm, f"第 {page_no} 页 共 {len(pages)} 页")
            c.showPage()
            progress(0.95 * page_no / len(pages))
        c.save()

    def _title_block(self, c: Canvas) -> None:
        width = A4[0] - 2 * MARGIN_X
        size = min(18.0, width / text_width(self.title, self.bold))
        y = A4[1] - MARGIN_TOP - size
        c.setFont(self.bold, size)
        c.drawCentredString(A4[0] / 2, y, self.title)
        y -= 10 * mm
        size = min(11.0, width / text_width(self.info, self.font))
        c.setFont(self.font, size)
        c.drawCentredString(A4[0] / 2, y, self.info)
        if self.note:
            y -= 6 * mm
            c.setFont(self.font, min(9.0, width / text_width(self.note, self.font)))
            c.setFillGray(0.35)
            c.drawCentredString(A4[0] / 2, y, self.note)
            c.setFillGray(0)

    def _block(self, c: Canvas, block: _Block) -> None:
        group = self.groups[block.group]
        top = block.top
        c.setFillGray(0.9)
        band, bottom = HEADING_H - 1.5 * mm, top - HEADING_H + 1.5 * mm  # a gap above the band
        c.rect(MARGIN_X, bottom, A4[0] - 2 * MARGIN_X, band, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(self.bold, 12)
        heading = f"{group.title}（续）" if block.continued else group.heading
        c.drawString(MARGIN_X + 2 * mm, bottom + band / 2 - ASCENT_CENTRE * 12, heading)
        top -= HEADING_H
        entries = self.entries[block.group][block.start:block.stop]
        for i, entry in enumerate(entries):
            col, row = divmod(i, block.rows)
            x = MARGIN_X + col * (COL_W + GUTTER)
            self._entry(c, entry, x, top - (row + 1) * ROW_H)
        c.setStrokeGray(0.75)
        c.setLineWidth(0.4)
        for col in range(1, COLS):  # faint rules between the columns
            x = MARGIN_X + col * (COL_W + GUTTER) - GUTTER / 2
            c.line(x, top - block.rows * ROW_H + 1 * mm, x, top - 1 * mm)
        c.setStrokeGray(0)

    def _entry(self, c: Canvas, entry: _Entry, x: float, bottom: float) -> None:
        middle = bottom + ROW_H / 2
        seat_w = text_width(entry.seat, self.font) * entry.seat_size
        c.setFont(self.font, entry.seat_size)
        c.drawRightString(x + COL_W - PAD, middle - ASCENT_CENTRE * entry.seat_size, entry.seat)
        c.setFont(self.font, entry.name_size)
        pitch = entry.name_size * 1.1
        first = middle + (len(entry.name) - 1) * pitch / 2 - ASCENT_CENTRE * entry.name_size
        for n, line in enumerate(entry.name):
            c.drawString(x + PAD, first - n * pitch, line)
        name_w = max(text_width(line, self.font) for line in entry.name) * entry.name_size
        start, end = x + PAD + name_w + 1.5 * mm, x + COL_W - PAD - seat_w - 1.5 * mm
        if entry.seat and end - start > 2 * mm:  # dotted leader from the name to its seat
            c.saveState()
            c.setStrokeGray(0.55)
            c.setLineWidth(0.6)
            c.setLineCap(1)
            c.setDash(0.1, 2.2)
            c.line(start, middle - 0.3 * entry.seat_size, end, middle - 0.3 * entry.seat_size)
            c.restoreState()


def _missing_texts(title: str, info: str, note: str, groups: Sequence[SeatListGroup]) -> list[str]:
    found: list[str] = []
    for label, text, bold in (("标题", title, True), ("时间地点", info, False), ("说明", note, False)):
        _note_missing(found, label, text, bold)
    for group in groups:
        _note_missing(found, "分区", group.heading, True)
        for line in group.lines:
            _note_missing(found, "姓名", printable_text(line.name), False)
            _note_missing(found, f"{printable_text(line.name)}的座位", printable_text(line.seat), False)
    return found


def _marked_group(group: SeatListGroup) -> SeatListGroup:
    """Return the group with the characters the font lacks marked in its title, names and seats."""
    lines = tuple(replace(line, name=marked_text(printable_text(line.name), FAMILY),
                          seat=marked_text(printable_text(line.seat), FAMILY)) for line in group.lines)
    return SeatListGroup(marked_text(printable_text(group.title), FAMILY, True), lines)


def _note_missing(found: list[str], label: str, text: str, bold: bool) -> None:
    note_missing_glyphs(found, label, text, FAMILY, bold)


