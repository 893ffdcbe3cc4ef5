"""Which font files are bundled, what they are called and which characters they cover, without loading
any font library.

The UI imports this at start-up; rdplanner.exports.fonts (reportlab) re-exports it for documents. The
coverage comes from resources/fonts/coverage.json (written by tools/build_font_coverage.py and checked
against the fonts by the tests), so checking a name never parses a 10-15 MB font file.
"""

import json
import threading
import unicodedata
from bisect import bisect_right
from pathlib import Path

from rdplanner import resources

FAMILIES = ("sans", "serif")
COVERAGE_FILE = resources.FONTS / "coverage.json"
_FAMILY_NAMES = {"sans": "Noto Sans SC", "serif": "Noto Serif SC"}
_FILE_STEMS = {"sans": "NotoSansSC", "serif": "NotoSerifSC"}
_coverage_lock = threading.Lock()
_coverage: dict[tuple[str, bool], "Coverage"] = {}


class Coverage:
    """The code points one font file maps to a glyph, as sorted inclusive runs, looked up by bisection
    after a check of the longest run (in these fonts all of U+4E00-U+9FA5, where nearly every name lies)."""

    def __init__(self, ranges: list[list[int]]) -> None:
        self._starts = [first for first, _ in ranges]
        self._ends = [last for _, last in ranges]
        self._widest = max(ranges, key=lambda run: run[1] - run[0], default=[1, 0])

    def __contains__(self, code_point: int) -> bool:
        first, last = self._widest
        if first <= code_point <= last:
            return True
        i = bisect_right(self._starts, code_point) - 1
        return i >= 0 and code_point <= self._ends[i]


def family_name(family: str = "sans") -> str:
    """Return the family name the font itself declares (what Qt lists), e.g. "Noto Sans SC"."""
    return _FAMILY_NAMES[_checked(family)]


def pdf_font_name(family: str = "sans", bold: bool = False) -> str:
    """Return the name a face is registered under with reportlab, e.g. "NotoSansSC-Bold"."""
    return f"{_FILE_STEMS[_checked(family)]}-{'Bold' if bold else 'Regular'}"


def font_path(family: str = "sans", bold: bool = False) -> Path:
    """Return the path of a bundled font file (it is not opened).

    Raises:
        ValueError: ``family`` is not one of FAMILIES.
    """
    return resources.FONTS / f"{pdf_font_name(family, bold)}.ttf"


def font_coverage(family: str = "sans", bold: bool = False) -> Coverage:
    """Return the shipped character coverage of one face (read once per process, a few ms).

    Raises:
        FontError: the coverage is stale and the font file is missing or unreadable.
    """
    coverage = _coverage.get((family, bold))
    if coverage is not None:
        return coverage
    path = font_path(family, bold)
    with _coverage_lock:  # the seating check runs on worker threads too
        coverage = _coverage.get((family, bold))
        if coverage is None:
            coverage = _coverage[(family, bold)] = _face_coverage(family, bold, path)
    return coverage


def missing_glyphs(text: str, family: str = "sans", bold: bool = False) -> list[str]:
    """Return the distinct characters of ``text`` the face cannot draw, in the order first seen.

    reportlab draws such a character as the font's .notdef glyph (an empty box) without any warning, so
    check every name before printing it. Whitespace and control characters are checked too: the fonts
    lack tab, newline, thin space, zero-width space and the variation selectors, and each of those also
    prints as a box. Pass text through printable_text() first to drop them.

    Args:
        text: the text exactly as it will be drawn.
        family: "sans" or "serif".
        bold: check the bold face (its coverage equals the regular one's in the bundled fonts).

    Raises:
        FontError: the coverage is stale and the font file is missing or unreadable.
    """
    coverage = font_coverage(family, bold)
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in coverage)) if text else []


def printable_text(text: str) -> str:
    """Return ``text`` as one line fit to draw: whitespace runs become one space, invisible marks go.

    Drops control and format characters (zero-width space, joiners, byte-order mark, soft hyphen) and
    variation selectors, none of which reportlab can draw; strips the ends.
    """
    kept = "".join(ch for ch in text if ch.isspace() or not _is_invisible(ch))
    return " ".join(kept.split())


def _face_coverage(family: str, bold: bool, path: Path) -> Coverage:
    """The shipped coverage of a face; if it is absent or describes another file (a font replaced by
    hand), the coverage read from the font itself, since a wrong answer would print a blank box."""
    face = shipped_coverage().get(path.name)
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    if face is not None and face.get("bytes") == size:
        return Coverage(face["ranges"])
    from rdplanner.exports.fonts import face_code_points  # reportlab: only for a stale coverage

    return Coverage(code_point_ranges(face_code_points(family, bold)))


def shipped_coverage() -> dict[str, dict]:
    """Return the faces of resources/fonts/coverage.json by file name ({} if the file is unreadable)."""
    try:
        return json.loads(COVERAGE_FILE.read_text(encoding="utf-8"))["faces"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def code_point_ranges(code_points: set[int]) -> list[list[int]]:
    """Return the sorted code points as inclusive [first, last] runs."""
    runs: list[list[int]] = []
    for cp in sorted(code_points):
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return runs


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf") or "\ufe00" <= ch <= "\ufe0f" or (
        "\U000e0100" <= ch <= "\U000e01ef"
    )


def _checked(family: str) -> str:
    if family not in FAMILIES:
        raise ValueError(f"unknown font family {family!r}; expected one of {FAMILIES}")
    return family
