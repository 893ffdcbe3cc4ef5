"""Fitting a text into a table cell of a PDF form (派车单, 乘车表): the largest size on one line, else
wrapped onto as many lines as the cell holds, else cut with "…"; and drawing it centred in its cell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from rdplanner.exports.fonts import unit_width
from rdplanner.exports.venue_pdf import wrap

SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
ONE_LINE_MIN = 9.0  # a short text shrinks to this before it wraps
LEADING = 1.25
ELLIPSIS = "…"


@dataclass(frozen=True)
class CellText:
    size: float
    lines: tuple[str, ...]
    leading: float = LEADING  # line height as a multiple of the size

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * self.leading


def width_of(text: str, font: str, size: float) -> float:
    return sum(unit_width(ch, font) for ch in text) * size


def fit_cell(text: str, font: str, width: float, height: float, *,
             sizes: Sequence[float] = SIZES) -> CellText:
    """Return ``text`` set to fit ``width`` × ``height`` points.

    One line at the largest size down to ONE_LINE_MIN; else wrapped at the largest size whose lines fit
    the height; else at the smallest size with the lines that fit, the last ending in "…".
    """
    if not text:
        return CellText(sizes[0], ())
    for size in sizes:
        if size >= ONE_LINE_MIN and width_of(text, font, size) <= width and size * LEADING <= height + 0.01:
            return CellText(size, (text,))
    for size in sizes:
        lines = wrap(text, font, size, width)
        if len(lines) * size * LEADING <= height + 0.01:
            return CellText(size, tuple(lines))
    size = sizes[-1]
    most = max(1, int((height + 0.01) // (size * LEADING)))
    lines = wrap(text, font, size, width)[:most]
    last = lines[-1]
    while last and width_of(last + ELLIPSIS, font, size) > width:
        last = last[:-1]
    return CellText(size, (*lines[:-1], last + ELLIPSIS))


def draw_cell(c: Canvas, cell: CellText, font: str, x: float, top: float, width: float, height: float, *,
              align: str = "left", pad: float = 4.0) -> None:
    """Draw ``cell``'s lines centred vertically in the box (x, top, width, height); ``align`` left or
    center."""
    leading = cell.size * cell.leading
    first = top - (height - cell.height) / 2
    c.setFont(font, cell.size)
    for n, line in enumerate(cell.lines):
        y = first - (n + 1) * leading + (leading - cell.size) / 2 + 0.12 * cell.size
        if align == "center":
            c.drawCentredString(x + width / 2, y, line)
        else:
            c.drawString(x + pad, y, line)
