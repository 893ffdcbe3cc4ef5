"""Column widths of the roster table: every column on screen without horizontal scrolling where it can be,
phone and ID number never cut, long text (unit, post, notes…) elided in the middle with a tooltip."""

from collections.abc import Iterable, Mapping


def fit_widths(wanted: Mapping[int, int], minimum: Mapping[int, int], *, flexible: Iterable[int],
               grow: int, available: int) -> dict[int, int]:
    """Return column widths that fit ``available`` pixels.

    Every column starts at its ``wanted`` width (its header or content, whichever is wider). Spare room
    goes to ``grow``; a shortfall is taken from the ``flexible`` columns (their text is elided), each in
    proportion to how far it may shrink, never below its ``minimum``. Other columns keep their width: if
    even the flexible minimums do not fit, the sum exceeds ``available`` and the table scrolls.
    """
    widths = dict(wanted)
    excess = sum(widths.values()) - available
    if excess <= 0:
        widths[grow] += -excess
        return widths
    slack = {c: max(0, widths[c] - minimum.get(c, widths[c])) for c in flexible}
    room = sum(slack.values())
    if room <= 0:
        return widths
    take = min(excess, room)
    cuts = {c: take * spare // room for c, spare in slack.items()}
    left = take - sum(cuts.values())
    for column in sorted(slack, key=lambda c: slack[c] - cuts[c], reverse=True):
        extra = min(left, slack[column] - cuts[column])
        cuts[column] += extra
        left -= extra
    for column, cut in cuts.items():
        widths[column] -= cut
    return widths


LONGEST_MEASURED = 8  # texts measured per column, the longest by display length


def display_length(text: str) -> int:
    """A text's length in half-width cells: a CJK or full-width character counts two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def longest_texts(texts: Iterable[str]) -> list[str]:
    """The few texts of a column worth measuring: the longest by display length (measuring every cell
    the way Qt's sizeHintForColumn does takes 0.8 s for 800 people)."""
    return sorted(texts, key=display_length, reverse=True)[:LONGEST_MEASURED]


def header_width(table, column: int, label: str, *, narrow: bool) -> int:
    """The width ``column``'s header asks for; a narrow column (序号, 性别, 本地, 住宿, 用车) only as wide
    as its label needs (Qt's hint pads a two-character header to the width of four)."""
    from PySide6.QtWidgets import QStyle

    header = table.horizontalHeader()
    if not narrow:
        return header.sectionSizeHint(column)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return header.fontMetrics().horizontalAdvance(label) + 2 * margin + 2


def text_widths(table, texts: Mapping[int, Iterable[str]]) -> dict[int, int]:
    """Each column's width for its widest text in ``table``, as Qt's sizeHintForColumn gives it, measured
    on the few longest texts only."""
    from PySide6.QtWidgets import QStyle

    metrics = table.fontMetrics()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    grid = 1 if table.showGrid() else 0
    widths = {}
    for column, values in texts.items():
        widest = max((metrics.horizontalAdvance(text) for text in longest_texts(values) if text), default=0)
        # Qt's text rectangle rounds up and may be a pixel wider than the advance: never narrower
        widths[column] = (widest + 2 if widest else 0) + 2 * margin + grid
    return widths
