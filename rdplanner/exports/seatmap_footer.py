"""The seat map's footer: the legend (图例, one swatch per zone and 空座) and the totals line, laid out so
that nothing overlaps on any sheet, however many zones there are.

Both fit one line when there is room: the legend on the left, the totals on the right. Otherwise the
totals take the bottom line on their own (right-aligned) and the legend wraps onto as many lines above
it as it needs. The footer's height is known before the hall is drawn, so the hall keeps clear of it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

SIZE = 9.0  # points, legend and totals
LINE = 5.5 * mm  # from one footer line to the next
BOTTOM = 2 * mm  # from the margin to the first line's reference height
TOP_GAP = 1.5 * mm  # between the footer's top line and the hall
SWATCH_W, SWATCH_H = 5 * mm, 3.8 * mm
SWATCH_DROP = 0.5 * mm  # a swatch starts this far below the line's reference height
TEXT_RISE = 0.5 * mm  # the baseline of texts, above the reference height
LABEL_GAP = 1.2 * mm  # swatch to its label
ITEM_GAP = 5 * mm  # one legend item to the next
APART = 8 * mm  # least room between the legend and the totals on a shared line
HEAD = "图例："


@dataclass(frozen=True)
class LegendItem:
    """One legend entry: its label, fill colour (RGB 0..1) and whether its swatch is dashed (空座)."""

    label: str
    tint: tuple[float, float, float]
    dashed: bool = False


@dataclass(frozen=True)
class Swatch:
    """A legend swatch to draw: lower-left corner and size in points."""

    x: float
    y: float
    w: float
    h: float
    tint: tuple[float, float, float]
    dashed: bool


@dataclass(frozen=True)
class Text:
    """A text to draw left-aligned at (x, baseline y), in ``font`` at ``size`` points; ``w`` its width."""

    x: float
    y: float
    text: str
    font: str
    size: float
    w: float


@dataclass(frozen=True)
class Footer:
    """The footer's drawing: its height above the bottom margin, swatches and texts."""

    height: float
    swatches: tuple[Swatch, ...]
    texts: tuple[Text, ...]


def footer_height(lines: int) -> float:
    """Return the height of a footer of ``lines`` lines (one line: 9 mm)."""
    return BOTTOM + lines * LINE + TOP_GAP


def layout_footer(items: Sequence[LegendItem], summary: str, *, left: float, right: float, bottom: float,
                  font: str, bold: str) -> Footer:
    """Lay out the legend and the totals between ``left`` and ``right`` above ``bottom`` (points).

    Args:
        items: the legend entries in order.
        summary: the totals line (seats, seated, empty, viewpoint, page).
        left, right, bottom: the printable band's edges on the page.
        font, bold: registered font names for labels and the "图例：" head.
    """
    head_w = stringWidth(HEAD, bold, SIZE) + 1 * mm
    widths = [SWATCH_W + LABEL_GAP + stringWidth(item.label, font, SIZE) for item in items]
    summary_w = stringWidth(summary, font, SIZE)
    legend_w = head_w + sum(widths) + ITEM_GAP * max(0, len(widths) - 1)
    shared = legend_w + APART + summary_w <= right - left
    rows = _wrap(widths, right - left - head_w)
    lines = len(rows) if shared else len(rows) + 1
    swatches, texts = [], []
    summary_y = bottom + BOTTOM + TEXT_RISE
    texts.append(Text(right - summary_w, summary_y, summary, font, SIZE, summary_w))
    for n, row in enumerate(rows):
        base = bottom + BOTTOM + (lines - 1 - n) * LINE  # alone, the totals are line 0 at the bottom
        if n == 0:
            texts.append(Text(left, base + TEXT_RISE, HEAD, bold, SIZE, head_w - 1 * mm))
        x = left + head_w
        for index in row:
            item = items[index]
            swatches.append(Swatch(x, base - SWATCH_DROP, SWATCH_W, SWATCH_H, item.tint, item.dashed))
            label_x = x + SWATCH_W + LABEL_GAP
            label_w = widths[index] - SWATCH_W - LABEL_GAP
            texts.append(Text(label_x, base + TEXT_RISE, item.label, font, SIZE, label_w))
            x += widths[index] + ITEM_GAP
    return Footer(footer_height(lines), tuple(swatches), tuple(texts))


def _wrap(widths: Sequence[float], room: float) -> list[list[int]]:
    """Return the item indexes line by line, as many per line as fit ``room`` (at least one each)."""
    rows: list[list[int]] = [[]]
    used = 0.0
    for index, width in enumerate(widths):
        needed = width if not rows[-1] else used + ITEM_GAP + width
        if rows[-1] and needed > room:
            rows.append([index])
            used = width
        else:
            rows[-1].append(index)
            used = needed
    return rows
