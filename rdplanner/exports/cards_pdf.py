"""Table name cards (席卡 / 桌签) as a PDF: folded tent cards with the name on both faces.

A card of ``size_mm = (width, height)`` is printed flat; ``height`` is the unfolded height, folded in half
across the middle into a tent of two faces ``height / 2`` tall. The lower face reads upright as printed;
the upper face is turned by 180°, so once folded and stood on the table one face reads from the front
(the hall) and the other from the seat.

Decisions:
- One name size for the whole set, the largest at which the widest name fits its face, so cards on one
  rostrum all match; names are centred on each face. A long minority name (with "·") may take two lines,
  broken after a dot, rather than shrink every card of the set.
- Two-character names are spaced with an ideographic space (张三 → 张　三), as cards are traditionally
  set, so they take the width of a three-character name. Other names are printed as given.
- Bold faces: "serif" (Noto Serif SC Bold, the default, the usual 宋/黑-like formal look) or "sans".
- ``per_sheet=False``: one card per page, the page being the card. ``per_sheet=True``: as many cards as
  fit on A4 (either orientation), each outlined with a hairline cut line, cut marks in the margins where
  there is room, and a dashed fold line across each card.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
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
from rdplanner.exports.name_fit import DOTS, may_break, split_two
from rdplanner.exports.xlsx import ExportCancelled, ExportError, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

CANCELLED = "已取消导出席卡，未生成文件。"
SIZES_MM = {"210×140": (210, 140), "200×100": (200, 100), "180×120": (180, 120), "150×100": (150, 100)}
SIDE_MARGIN = 0.07  # of the card width, left and right of the widest name
FACE_FILL = 0.58  # the name's em height as a share of the face height, at most
TWO_LINE_FILL = 0.52  # two lines: each line at most this share of the one-line cap, block ≈ 0.68 face
LINE_PITCH = 1.25
ASCENT_CENTRE = 0.38  # a CJK ideograph's visual centre lies about this many ems above the baseline
SHEET_MARGIN = 8 * mm
MARK = 5 * mm
WIDE_SPACE = "\u3000"
GLYPH_WHAT = "以下姓名含有打印字体中没有的字，席卡上会印成空白方框"
GLYPH_ADVICE = "请在名册中核对这些字（可改用规范字），然后重新导出席卡。"


@dataclass(frozen=True)
class CardLayout:
    """The set's common type: card size and face height (points), the name size (points) and each text's
    lines (one, or two for a long name broken after a "·")."""

    width: float
    height: float
    face: float
    size: float
    lines: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class SheetLayout:
    """How cards are packed on a sheet: page size (points), columns, rows and the grid's lower-left corner."""

    page: tuple[float, float]
    cols: int
    rows: int
    left: float
    bottom: float


def card_text(name: str) -> str:
    """Return the name as printed on a card: cleaned, and a two-character name spaced (张三 → 张　三)."""
    text = printable_text(name)
    if len(text) == 2 and all(not ch.isascii() for ch in text):
        return text[0] + WIDE_SPACE + text[1]
    return text


def card_layout(texts: Sequence[str], font: str, size_mm: tuple[float, float] = (210, 140)) -> CardLayout:
    """Return the common name size of a set, the largest at which every name fits its face, and the lines.

    A long name with a "·" (minority names such as 买买提·阿卜杜热合曼) may take two lines, broken where every
    document breaks it (name_fit.split_two), when that lets the whole set be larger; every other name
    stays on one line.
    """
    width, height = size_mm[0] * mm, size_mm[1] * mm
    if width <= 0 or height <= 0:
        raise ValueError(f"card size must be positive, got {size_mm!r}")
    face = height / 2
    room = width * (1 - 2 * SIDE_MARGIN)
    cap = face * FACE_FILL
    best: dict[str, float] = {}
    split: dict[str, tuple[str, str]] = {}
    for text in dict.fromkeys(t for t in texts if t):
        one = min(cap, room / text_width(text, font))
        if may_break(text) and any(ch in DOTS for ch in text):
            split[text] = split_two(text, font)
            two = min(cap * TWO_LINE_FILL, room / max(text_width(part, font) for part in split[text]))
            one = max(one, two)
        best[text] = one
    size = min(best.values(), default=cap)
    lines = {t: split[t] if t in split and room / text_width(t, font) < size - 0.01 else (t,) for t in best}
    return CardLayout(width, height, face, size, lines)


def sheet_layout(card_w: float, card_h: float) -> SheetLayout:
    """Return the A4 packing that holds most cards (portrait or landscape; with 8 mm margins on a tie).

    Raises:
        ExportError: the card is larger than an A4 sheet.
    """
    best: SheetLayout | None = None
    for page in (A4, (A4[1], A4[0])):
        for margin in (SHEET_MARGIN, 0.0):
            cols = int((page[0] - 2 * margin + 0.01) // card_w)
            rows = int((page[1] - 2 * margin + 0.01) // card_h)
            if cols * rows == 0:
                continue
            left, bottom = (page[0] - cols * card_w) / 2, (page[1] - rows * card_h) / 2
            layout = SheetLayout(page, cols, rows, left, bottom)
            if best is None or cols * rows > best.cols * best.rows:  # most cards; margins on a tie
                best = layout
    if best is None:
        raise ExportError(
            f"席卡尺寸 {card_w / mm:.0f}×{card_h / mm:.0f} 毫米大于 A4 纸，无法拼版；请改为每页一张。",
            size=(card_w / mm, card_h / mm),
        )
    return best


@holds_pdf_faces
def write_cards_pdf(
    path: str | os.PathLike[str],
    *,
    names: Sequence[str],
    size_mm: tuple[float, float] = (210, 140),
    family: str = "serif",
    per_sheet: bool = False,
    marks: GlyphMarks | None = None,
    progress: Progress = no_progress,
    cancelled: IsCancelled = not_cancelled,
) -> Path:
    """Write one tent card per name and return the path.

    Args:
        path: the .pdf file to write (replaced atomically; nothing is left on failure or cancel).
        names: the names, one card each, in print order (blank names are skipped).
        size_mm: (width, unfolded height) of a card in mm; 210×140 is the common size.
        family: "serif" (Noto Serif SC Bold) or "sans" (Noto Sans SC Bold).
        per_sheet: pack the cards on A4 sheets with cut marks and fold lines instead of one per page.
        marks: print each character the font lacks as 〓 and record the names in ``marks``; None (the
            default) refuses such names.
        progress: called with 0..1; cancelled: polled per card, True stops with ExportCancelled.

    Raises:
        MissingGlyphsError: a name has characters the font lacks and ``marks`` is None (raised before
            anything is written).
        ExportError: no names, or a card too large for per_sheet. ValueError: unknown family or bad size.
        ExportCancelled, FontError.
    """
    texts = [card_text(n) for n in names]
    texts = [t for t in texts if t]
    if not texts:
        raise ExportError("没有可打印席卡的姓名。", path=os.fspath(path))
    if settle_missing_glyphs(_missing_texts(texts, family), marks, what=GLYPH_WHAT, advice=GLYPH_ADVICE):
        texts = [marked_text(t, family, bold=True) for t in texts]  # before the layout: sized as printed
    font = register_pdf_fonts().name(family, bold=True)
    layout = card_layout(texts, font, size_mm)
    sheet = sheet_layout(layout.width, layout.height) if per_sheet else None

    def write(stream: BinaryIO) -> None:
        _render(stream, texts, font, layout, sheet, progress, cancelled)

    result = run_atomic(path, write)
    progress(1.0)
    return result


def _render(stream: BinaryIO, texts: Sequence[str], font: str, layout: CardLayout, sheet: SheetLayout | None,
            progress: Progress, cancelled: IsCancelled) -> None:
    page = sheet.page if sheet else (layout.width, layout.height)
    c = new_canvas(stream, title="席卡", subject="席卡", pagesize=page, pageCompression=1, initialFontName=font)
    per_page = sheet.cols * sheet.rows if sheet else 1
    for n, text in enumerate(texts):
        if cancelled():
            raise ExportCancelled(CANCELLED)
        slot = n % per_page
        if sheet:
            if slot == 0:
                _cut_marks(c, sheet, layout, min(per_page, len(texts) - n))
            col, row = slot % sheet.cols, slot // sheet.cols
            x = sheet.left + col * layout.width
            y = sheet.bottom + (sheet.rows - 1 - row) * layout.height  # fill from the top of the sheet
            _card(c, text, font, layout, x, y, outline=True)
        else:
            _card(c, text, font, layout, 0, 0, outline=False)
        if slot == per_page - 1 or n == len(texts) - 1:
            c.showPage()
        progress(0.95 * (n + 1) / len(texts))
    c.save()


def _card(c: Canvas, text: str, font: str, layout: CardLayout, x: float, y: float, *, outline: bool) -> None:
    w, face, size = layout.width, layout.face, layout.size
    c.setFillGray(0)
    c.setFont(font, size)
    lines = layout.lines.get(text, (text,))
    # baselines of the lines, measured from the bottom of a face, the block centred on the face
    first = face / 2 + (len(lines) - 1) * LINE_PITCH * size / 2 - ASCENT_CENTRE * size
    baselines = [first - n * LINE_PITCH * size for n in range(len(lines))]
    for line, baseline in zip(lines, baselines, strict=True):  # lower face: upright as printed
        c.drawCentredString(x + w / 2, y + baseline, line)
    # upper face: turned by 180° about its own centre, so it reads upright from the other side when folded
    c.saveState()
    c.translate(x + w / 2, y + face + face / 2)
    c.rotate(180)
    for line, baseline in zip(lines, baselines, strict=True):
        c.drawCentredString(0, -face / 2 + baseline, line)
    c.restoreState()
    if outline:
        c.setStrokeGray(0.6)
        c.setLineWidth(0.25)
        c.rect(x, y, w, layout.height, stroke=1, fill=0)
        c.setDash(3, 2)
        c.line(x, y + face, x + w, y + face)
        c.setDash()
    else:  # the page is the card: short ticks at both edges mark the fold
        c.setStrokeGray(0.6)
        c.setLineWidth(0.4)
        c.line(0, face, 4 * mm, face)
        c.line(w - 4 * mm, face, w, face)
    c.setStrokeGray(0)


def _cut_marks(c: Canvas, sheet: SheetLayout, layout: CardLayout, count: int) -> None:
    """Draw cut marks in the sheet margins, in line with every card edge (where the margin has room)."""
    rows_used = -(-count // sheet.cols)
    cols_used = min(count, sheet.cols)
    top = sheet.bottom + sheet.rows * layout.height
    low = top - rows_used * layout.height
    right = sheet.left + cols_used * layout.width
    c.setStrokeGray(0)
    c.setLineWidth(0.3)
    gap = 1.5 * mm
    room_x, room_y = sheet.left - gap, sheet.page[1] - top - gap
    if room_y >= 2 * mm:
        length = min(MARK, room_y)
        for i in range(cols_used + 1):
            x = sheet.left + i * layout.width
            c.line(x, top + gap, x, top + gap + length)
            if low - gap - length >= 0:
                c.line(x, low - gap, x, low - gap - length)
    if room_x >= 2 * mm:
        length = min(MARK, room_x)
        for j in range(rows_used + 1):
            y = top - j * layout.height
            c.line(sheet.left - gap - length, y, sheet.left - gap, y)
            c.line(right + gap, y, right + gap + length, y)
            if j < rows_used:  # fold positions, dashed, beside each card
                fold = y - layout.face
                c.setDash(1.5, 1.5)
                c.line(sheet.left - gap - length, fold, sheet.left - gap, fold)
                c.line(right + gap, fold, right + gap + length, fold)
                c.setDash()


def _missing_texts(texts: Sequence[str], family: str) -> list[str]:
    found: list[str] = []
    for text in dict.fromkeys(texts):
        note_missing_glyphs(found, "", text.replace(WIDE_SPACE, ""), family, bold=True)
    return found


