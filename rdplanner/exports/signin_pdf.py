"""The sign-in sheet (签到表) as an A4 PDF: one boxed row per person with room to sign, totals at the foot.

Rows arrive in print order. Fonts are the bundled Noto Serif SC faces, embedded; every text is checked
for glyphs the font lacks before anything is written. A row never splits across pages.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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
    unit_width,
)
from rdplanner.exports.name_fit import may_break, split_point
from rdplanner.exports.signin_xlsx import NO_TOTALS, SignInLine, SignInTotals, reason_text, sheet_title
from rdplanner.exports.xlsx import ExportCancelled, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

COLUMNS = (("序号", 10), ("姓名", 25), ("单位及职务", 51), ("座次号", 15), ("签到", 36),
           ("缺席/请假原因", 28), ("备注", 15))  # widths in mm; 180 mm between 15 mm margins
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 15 * mm, 14 * mm, 16 * mm
ROW_MIN, HEADER_H, PAD = 11 * mm, 9 * mm, 1.2 * mm
LEADING = 1.2
TOTALS_H = 26 * mm
NOTE_SIZE, NOTE_LEADING = 9.0, 4.5 * mm  # the notes on 应到 under the totals
FAMILY = "serif"
CANCELLED = "已取消导出签到表，未生成文件。"
GLYPH_ADVICE = "请在名册中核对这些字（可改用规范字，或在姓名后注明读音），然后重新导出。"
NO_LINE_START = set("，。、；：？！）》」』〕】”’…%·・,.;:?!)]")
NO_LINE_END = set("（《「『〔【“‘([")
BREAK_AFTER = set("·・、，；）》) ")  # the space or "；" between unit and post (labels.unit_and_post) too
BREAK_BEFORE = set("（《(")
# (font size, most lines) tried in turn until the text fits its cell: shrink a little before wrapping.
NAME_FITS = ((12, 1), (11, 1), (10, 1), (9, 1), (10, 2), (9, 2), (9, 3), (8, 3), (8, 4))
TEXT_FITS = ((10.5, 1), (10, 1), (9.5, 1), (9, 1), (10, 2), (9.5, 2), (9, 2), (8.5, 2), (8, 2), (8.5, 3),
             (8, 3), (8, 4), (7.5, 5))
HEADER_FITS = ((10.5, 1), (10.5, 2), (9, 2))
SEAT_COLUMN, SIGN_COLUMN = 3, 4
SEAT_SIZE, SEAT_MAX_W, SIGN_MIN_W = 10.0, 27 * mm, 26 * mm  # the seat column grows into the signature box


@dataclass(frozen=True)
class _Cell:
    size: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class _Row:
    cells: tuple[_Cell, ...]
    height: float


@holds_pdf_faces
def write_signin_pdf(
    path: str | os.PathLike[str],
    *,
    meeting: str,
    time_text: str,
    place: str,
    lines: Sequence[SignInLine],
    totals: SignInTotals = NO_TOTALS,
    marks: GlyphMarks | None = None,
    progress: Progress = no_progress,
    cancelled: IsCancelled = not_cancelled,
) -> Path:
    """Write the sign-in sheet PDF (A4 portrait) and return its path.

    Args:
        path: the .pdf file to write (replaced atomically; nothing is left on failure).
        meeting: the meeting's name, printed as the title "<meeting>签到表".
        time_text, place: printed under the title; a blank leaves a line to fill in.
        lines: the people, in print order.
        totals: 应到 / 实到 / 请假 / 缺席 printed at the foot of the last page (None: a blank).
        marks: print each character the font lacks as 〓 and record the texts in ``marks``; None (the
            default) refuses such texts.
        progress: called with 0..1; runs on the caller's (worker) thread.
        cancelled: polled between rows; returning True stops with ExportCancelled.

    Raises:
        MissingGlyphsError: a text has characters the font lacks and ``marks`` is None (raised before
            anything is written).
        ExportCancelled, ExportError, FontError.
    """
    texts = [_texts(number, line) for number, line in enumerate(lines, 1)]
    if settle_missing_glyphs(_missing_texts(meeting, time_text, place, texts, totals.notes), marks,
                             advice=GLYPH_ADVICE):
        meeting = marked_text(printable_text(meeting), FAMILY, bold=True)
        time_text = marked_text(printable_text(time_text), FAMILY)
        place = marked_text(printable_text(place), FAMILY)
        texts = [tuple(marked_text(text, FAMILY) for text in row) for row in texts]  # laid out as printed
        totals = replace(totals, notes=tuple(marked_text(printable_text(note), FAMILY) for note in totals.notes))
    names = register_pdf_fonts()
    font, bold = names.name(FAMILY), names.name(FAMILY, bold=True)
    widths = column_widths([row[SEAT_COLUMN] for row in texts], font)
    rows = _layout_rows(texts, widths, font, progress, cancelled)
    sheet = _Sheet(sheet_title(printable_text(meeting)), printable_text(time_text), printable_text(place),
                   totals, font, bold, widths)
    pages = _paginate(rows, _first_page_top(sheet.title, bold), sheet.header.height, sheet.totals_height)
    result = run_atomic(path, lambda stream: sheet.render(stream, rows, pages, progress, cancelled))
    progress(1.0)
    return result


def column_widths(seats: Sequence[str], font: str) -> list[float]:
    """Return the column widths (points): the 座次号 column is widened, up to SEAT_MAX_W, for the longest
    seat label at SEAT_SIZE, taking the room from the signature column (never below SIGN_MIN_W)."""
    widths = [w * mm for _, w in COLUMNS]
    longest = max((stringWidth(seat, font, SEAT_SIZE) for seat in seats), default=0.0) + 2 * PAD
    grow = min(max(0.0, longest - widths[SEAT_COLUMN]), SEAT_MAX_W - widths[SEAT_COLUMN],
               widths[SIGN_COLUMN] - SIGN_MIN_W)
    widths[SEAT_COLUMN] += grow
    widths[SIGN_COLUMN] -= grow
    return widths


def _layout_rows(texts: Sequence[tuple[str, ...]], widths: Sequence[float], font: str,
                 progress: Progress, cancelled: IsCancelled) -> list[_Row]:
    rows = []
    for n, row_texts in enumerate(texts):
        if cancelled():
            raise ExportCancelled(CANCELLED)
        rows.append(_layout_row(row_texts, widths, font))
        progress(0.4 * (n + 1) / max(1, len(texts)))
    return rows


def _texts(number: int, line: SignInLine) -> tuple[str, ...]:
    return (str(number), printable_text(line.name), printable_text(line.post_unit), printable_text(line.seat),
            "", printable_text(reason_text(line)), printable_text(line.notes))


def _missing_texts(meeting: str, time_text: str, place: str, texts: Sequence[tuple[str, ...]],
                   notes: Sequence[str] = ()) -> list[str]:
    """Return every text (names first) that would print a blank box, with the characters it lacks."""
    labels = [label for label, _ in COLUMNS]
    found: list[str] = []
    for label, text in (("会议名称", meeting), ("时间", time_text), ("地点", place),
                        *(("应到人数说明", note) for note in notes)):
        _note_missing(found, label, printable_text(text), bold=label == "会议名称")
    for column in (1, 2, 3, 5, 6):
        for row in texts:
            _note_missing(found, f"{row[1]}的{labels[column]}" if column != 1 else "姓名", row[column])
    return found


def _note_missing(found: list[str], label: str, text: str, *, bold: bool = False) -> None:
    note_missing_glyphs(found, label, text, FAMILY, bold)


def _layout_row(texts: Sequence[str], widths: Sequence[float], font: str) -> _Row:
    cells = []
    for column, (text, width) in enumerate(zip(texts, widths, strict=True)):
        if column == SEAT_COLUMN:
            cells.append(_one_line(text, font, width - 2 * PAD))
            continue
        fits = NAME_FITS if column == 1 else TEXT_FITS
        cells.append(_fit(text, font, width - 2 * PAD, ROW_MIN - 2 * PAD, fits, strict=column == 1))
    height = max([ROW_MIN] + [_block_height(c) + 2 * PAD for c in cells])
    return _Row(tuple(cells), height)


def _layout_header(widths: Sequence[float], bold: str) -> _Row:
    cells = tuple(_fit(label, bold, w - 2 * PAD, HEADER_H - 2 * PAD, HEADER_FITS)
                  for (label, _), w in zip(COLUMNS, widths, strict=True))
    return _Row(cells, max([HEADER_H] + [_block_height(c) + 2 * PAD for c in cells]))


def _fit(text: str, font: str, width: float, height: float, fits: Sequence[tuple[float, int]], *,
         strict: bool = False) -> _Cell:
    """Return the first listed (size, lines) the text fits; else the smallest size, as many lines as needed.

    One or two lines must fit the standard row height; three or more may make the row taller, which
    reads better than shrinking a name or a post below 8 points. ``strict`` (names): break only at
    "·" when the text has one, so 买买提·阿卜杜热合曼 is never cut inside a part.
    """
    if not text:
        return _Cell(fits[0][0], ())
    halves = text.rsplit(" ", 1) if " " in text and not strict else None
    for at_space in (True, False) if halves else (False,):
        for size, most in fits:
            lines = _wrap(text, font, size, width, most, strict)
            if at_space and len(lines) == 2 and lines != halves:
                continue  # first look for a size at which unit and post each take a whole line
            if len(lines) <= most and (most >= 3 or len(lines) * size * LEADING <= height + 0.01):
                return _Cell(size, tuple(lines))
    size = fits[-1][0]
    return _Cell(size, tuple(_wrap(text, font, size, width, 99, strict)))


def _one_line(text: str, font: str, width: float) -> _Cell:
    """Return ``text`` on one line, its type shrunk from SEAT_SIZE until it fits ``width`` (a seat number
    such as 12排32座 must never wrap: 12排/32座 reads as two seats)."""
    natural = stringWidth(text, font, 1.0)
    size = SEAT_SIZE if natural * SEAT_SIZE <= width or not natural else width / natural
    return _Cell(size, (text,) if text else ())


def _block_height(cell: _Cell) -> float:
    return len(cell.lines) * cell.size * LEADING


def _wrap(text: str, font: str, size: float, width: float, most: int, strict: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width``, balanced so no line is left nearly empty.

    A name (``strict``): see _name_lines. Other text, on two lines: at the space between unit and post when
    both halves fit, else chosen for balance, preferring punctuation and brackets (after "、", "）", before
    "（") so a bracketed unit is not cut in the middle.
    """
    advances = [unit_width(ch, font) * size for ch in text]
    if sum(advances) <= width:
        return [text]
    if strict:
        return _name_lines(text, font, advances, width)
    if most >= 2:
        split = _best_split(text, advances, width, size)
        if split:
            return [text[:split].rstrip(), text[split:].lstrip()]
    lines = _greedy(text, advances, width)
    if 2 < len(lines) <= most:
        target = sum(advances) / len(lines)
        while target < width:
            balanced = _greedy(text, advances, target)
            if len(balanced) == len(lines):
                return balanced
            target += size / 2
    return lines


def _name_lines(name: str, font: str, advances: Sequence[float], width: float) -> list[str]:
    """Break a name too wide for one line where every document breaks it (name_fit.split_point); a part
    still too wide breaks again inside itself, after a "·" where it has one."""
    cut = split_point(name, font) if may_break(name) else 0
    if not cut:
        return _greedy(name, advances, width, strict=True)
    lines: list[str] = []
    for begin, end in ((0, cut), (cut, len(name))):
        part, part_advances = name[begin:end], advances[begin:end]
        fits = sum(part_advances) <= width
        lines += [part.strip()] if fits else _greedy(part, part_advances, width, strict=True)
    return [line for line in lines if line]


def _best_split(text: str, advances: Sequence[float], width: float, size: float) -> int:
    """Return where to cut ``text`` into two lines that fit, or 0 if two lines are not enough."""
    total, before = sum(advances), 0.0
    best, best_cost = 0, float("inf")
    for i in range(1, len(text)):
        before += advances[i - 1]
        after = total - before
        if before > width or after > width or not _can_break(text, i):
            continue
        preferred = text[i - 1] in BREAK_AFTER or text[i] in BREAK_BEFORE
        cost = max(before, after) + (0 if preferred else 1.5 * size) + (0 if before >= after else 0.1)
        cost -= width if text[i - 1] == " " else 0  # unit, then post on its own line, beats any balance
        if cost < best_cost:
            best, best_cost = i, cost
    return best


def _can_break(text: str, i: int) -> bool:
    return text[i] not in NO_LINE_START and text[i - 1] not in NO_LINE_END


def _greedy(text: str, advances: Sequence[float], width: float, strict: bool = False) -> list[str]:
    lines: list[str] = []
    start, used = 0, 0.0
    for i, advance in enumerate(advances):
        if i > start and used + advance > width:
            cut = _preferred_cut(text, start, i, strict)
            while cut > start + 1 and not _can_break(text, cut):
                cut -= 1  # keep punctuation with its neighbour
            cut = cut if _can_break(text, cut) else i
            lines.append(text[start:cut].strip())
            start, used = cut, sum(advances[cut:i])
        used += advance
    lines.append(text[start:].strip())
    return [line for line in lines if line]


def _preferred_cut(text: str, start: int, end: int, strict: bool) -> int:
    """Return a cut at punctuation in the second half of text[start:end] (anywhere if strict) or ``end``."""
    for cut in range(end, start + (1 if strict else max(1, (end - start) // 2)) - 1, -1):
        if text[cut - 1] in BREAK_AFTER or text[cut] in BREAK_BEFORE:
            return cut
    return end


def _first_page_top(title: str, bold: str) -> float:
    return A4[1] - MARGIN_TOP - _block_height(_title_cell(title, bold)) - 12 * mm


def _title_cell(title: str, bold: str) -> _Cell:
    return _fit(title, bold, A4[0] - 2 * MARGIN_X, 60, ((18, 1), (18, 2), (16, 2), (14, 2), (12, 3)))


def _paginate(rows: Sequence[_Row], first_top: float, header_h: float, totals_h: float = TOTALS_H
              ) -> list[list[int]]:
    """Return the row indices of each page; the last page keeps room for the totals block."""
    later_top = A4[1] - MARGIN_TOP - 8 * mm
    pages: list[list[int]] = [[]]
    room = first_top - header_h - MARGIN_BOTTOM
    for index, row in enumerate(rows):
        if row.height > room and pages[-1]:
            pages.append([])
            room = later_top - header_h - MARGIN_BOTTOM
        pages[-1].append(index)
        room -= row.height
    if room < totals_h:  # carry the last row over so the totals never stand alone on a page
        pages.append([pages[-1].pop()] if len(pages[-1]) > 1 else [])
    return pages


class _Sheet:
    """Draws the pages: title block, header row, body rows, totals and page numbers."""

    def __init__(self, title: str, time_text: str, place: str, totals: SignInTotals, font: str, bold: str,
                 widths: Sequence[float]) -> None:
        self.title, self.time_text, self.place, self.totals = title, time_text, place, totals
        self.font, self.bold, self.widths = font, bold, widths
        self.header = _layout_header(widths, bold)
        notes = [f"注：{printable_text(note)}" for note in totals.notes]
        self.note_lines = [line for note in notes for line in _greedy(
            note, [unit_width(ch, font) * NOTE_SIZE for ch in note], A4[0] - 2 * MARGIN_X - 4 * mm)]
        self.totals_height = TOTALS_H + len(self.note_lines) * NOTE_LEADING

    def render(self, stream: BinaryIO, rows: Sequence[_Row], pages: Sequence[Sequence[int]],
               progress: Progress, cancelled: IsCancelled) -> None:
        canvas = new_canvas(stream, title=self.title, subject="签到表", pagesize=A4, pageCompression=1)
        for page_no, page in enumerate(pages, 1):
            if cancelled():
                raise ExportCancelled(CANCELLED)
            self.draw_page(canvas, page_no, len(pages), [rows[i] for i in page])
            progress(0.4 + 0.55 * page_no / len(pages))
        canvas.save()

    def draw_page(self, c: Canvas, page_no: int, page_count: int, rows: Sequence[_Row]) -> None:
        if page_no == 1:
            top = self._draw_title_block(c)
        else:
            c.setFont(self.font, 9)
            c.setFillGray(0.35)
            c.drawString(MARGIN_X, A4[1] - MARGIN_TOP - 4 * mm, f"{self.title}（续）")
            c.setFillGray(0)
            top = A4[1] - MARGIN_TOP - 8 * mm
        y = self._draw_row(c, top, self.header, self.bold, shade=True)
        for row in rows:
            y = self._draw_row(c, y, row, self.font)
        c.setLineWidth(1)
        c.rect(MARGIN_X, y, sum(self.widths), top - y)
        if page_no == page_count:
            self._draw_totals(c, y - 8 * mm)
        c.setFont(self.font, 9)
        c.drawCentredString(A4[0] / 2, 8 * mm, f"第 {page_no} 页 共 {page_count} 页")
        c.showPage()

    def _draw_title_block(self, c: Canvas) -> float:
        cell = _title_cell(self.title, self.bold)
        y = A4[1] - MARGIN_TOP
        _draw_lines(c, cell, self.bold, A4[0] / 2, y, "center")
        y -= _block_height(cell) + 7 * mm
        blank = "＿" * 8
        info = f"时间：{self.time_text or blank}　　　地点：{self.place or blank}"
        size = 11.0
        while stringWidth(info, self.font, size) > A4[0] - 2 * MARGIN_X and size > 7:
            size -= 0.5
        c.setFont(self.font, size)
        c.drawCentredString(A4[0] / 2, y, info)
        return y - 5 * mm

    def _draw_row(self, c: Canvas, top: float, row: _Row, font: str, *, shade: bool = False) -> float:
        bottom = top - row.height
        x = MARGIN_X
        c.setLineWidth(0.5)
        for column, (cell, width) in enumerate(zip(row.cells, self.widths, strict=True)):
            if shade:
                c.setFillGray(0.88)
                c.rect(x, bottom, width, row.height, stroke=1, fill=1)
                c.setFillGray(0)
            else:
                c.rect(x, bottom, width, row.height, stroke=1, fill=0)
            align = "left" if column in (2, 5) and not shade else "center"
            anchor = x + PAD if align == "left" else x + width / 2
            text_top = top - (row.height - _block_height(cell)) / 2
            _draw_lines(c, cell, font, anchor, text_top, align)
            x += width
        return bottom

    def _draw_totals(self, c: Canvas, y: float) -> None:
        t = self.totals
        items = (("应到", t.expected), ("实到", t.present), ("请假", t.leave), ("缺席", t.absent))
        x = MARGIN_X + 2 * mm
        blank = 16 * mm
        for label, value in items:
            c.setFont(self.bold, 12)
            c.drawString(x, y, label)
            x += stringWidth(label, self.bold, 12) + 1.5 * mm
            c.setLineWidth(0.6)
            c.line(x, y - 1.2 * mm, x + blank, y - 1.2 * mm)
            if value is not None:
                c.setFont(self.font, 12)
                c.drawCentredString(x + blank / 2, y, str(value))
            x += blank + 1.5 * mm
            c.setFont(self.font, 12)
            c.drawString(x, y, t.unit)
            x += stringWidth(t.unit, self.font, 12) + 7 * mm
        if self.note_lines:
            y -= 2 * mm
            c.setFont(self.font, NOTE_SIZE)
            for line in self.note_lines:
                y -= NOTE_LEADING
                c.drawString(MARGIN_X + 2 * mm, y, line)
        y -= 11 * mm
        c.setFont(self.font, 11)
        for x, label in ((MARGIN_X + 2 * mm, "统计人："), (A4[0] / 2 + 10 * mm, "核对人：")):
            c.drawString(x, y, label)
            start = x + stringWidth(label, self.font, 11)
            c.line(start, y - 1.2 * mm, start + 40 * mm, y - 1.2 * mm)


def _draw_lines(c: Canvas, cell: _Cell, font: str, x: float, top: float, align: str) -> None:
    """Draw the lines of ``cell`` from ``top`` down; each line box is LEADING × size, glyphs centred in it."""
    leading = cell.size * LEADING
    c.setFont(font, cell.size)
    for n, line in enumerate(cell.lines):
        baseline = top - n * leading - (leading - cell.size) / 2 - 0.88 * cell.size
        if align == "center":
            c.drawCentredString(x, baseline, line)
        else:
            c.drawString(x, baseline, line)
