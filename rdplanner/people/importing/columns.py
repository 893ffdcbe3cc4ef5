"""Finding the header row of a roster (below any title rows) and mapping its columns to fields.

Handles merged header cells (a header merged over two rows, or a group header such as 联系方式
merged over 手机 and 身份证号 on the row below) and data merged down a column (one 代表团 cell
spanning all its members).
"""

from dataclasses import dataclass, replace
from typing import Mapping, Optional

from rdplanner.people.importing.fields import FIELDS, header_synonyms, normalise_header
from rdplanner.people.importing.table import CellRange, RawTable

SCAN_ROWS = 30


@dataclass(frozen=True)
class ColumnGuess:
    """Where the header is and which column feeds which field; the dialog edits it with ``remap``.

    ``header_row`` and ``data_start`` are 0-based indexes into ``RawTable.rows`` (row number
    minus one); ``header_row`` is None when no header was recognised. ``headers`` holds each
    column's header text as shown (a group header and its sub-header joined by "/").
    """

    header_row: Optional[int]
    data_start: int
    mapping: Mapping[int, str]
    headers: tuple[str, ...]
    unmapped: tuple[tuple[int, str], ...]

    def column_of(self, field: str) -> Optional[int]:
        """Return the column mapped to ``field``, or None."""
        return next((col for col, code in self.mapping.items() if code == field), None)

    def remap(self, column: int, field: Optional[str]) -> "ColumnGuess":
        """Return a copy with ``column`` feeding ``field`` (None: not imported).

        A field feeds from one column only, so any other column mapped to it is unmapped.
        """
        if field is not None and field not in FIELDS:
            raise ValueError(f"unknown field {field!r}")
        mapping = {c: f for c, f in self.mapping.items() if c != column and f != field}
        if field is not None:
            mapping[column] = field
        unmapped = tuple((c, text) for c, text in enumerate(self.headers) if text and c not in mapping)
        return replace(self, mapping=dict(sorted(mapping.items())), unmapped=unmapped)


def detect_columns(table: RawTable, *, header_row: Optional[int] = None) -> ColumnGuess:
    """Find the header row within the first 30 rows and map its columns to fields.

    The header row is the row naming the most distinct fields; title rows above it are skipped.
    ``header_row`` (0-based) imposes the header instead, for when the user points at it.
    """
    header = _find_header(table) if header_row is None else header_row
    if header is None:
        first = next((i for i, row in enumerate(table.rows) if any(c.strip() for c in row)), 0)
        return ColumnGuess(None, first, {}, (), ())
    view = filled_rows(table, header, header + 2)
    top, below = (view + [[], []])[:2]
    grouped = _grouped_columns(table, header)
    has_sub = _is_sub_header(top, below, grouped)
    width = max(len(top), len(below) if has_sub else 0)
    cells = [_column_header(_at(top, c), _at(below, c) if has_sub else "", c in grouped)
             for c in range(width)]
    mapping = _assign(cells)
    headers = tuple(text for text, _source in cells)
    unmapped = tuple((c, headers[c]) for c in range(width) if c not in mapping and headers[c])
    return ColumnGuess(header, header + (2 if has_sub else 1), mapping, headers, unmapped)


def _find_header(table: RawTable) -> Optional[int]:
    view = filled_rows(table, 0, SCAN_ROWS)
    scores = [len({code for code, _exact in map(classify, row) if code}) for row in view]
    best = max(scores, default=0)
    if best == 0:
        return None
    header = scores.index(best)
    if header > 0 and scores[header - 1] and _merged_across(table, header - 1):
        header -= 1  # cells merged down from the row above: that row is the top of the header
    return header


def classify(text: str) -> tuple[Optional[str], bool]:
    """Return (field code or "" for an ignored header or None, whether the match was exact)."""
    key = normalise_header(text)
    if not key:
        return None, False
    synonyms = header_synonyms()
    if key in synonyms:
        return synonyms[key], True
    suffixes = [s for s in synonyms if len(s) >= 2 and key.endswith(s) and synonyms[s]]
    if suffixes:
        return synonyms[max(suffixes, key=len)], False
    return None, False


def filled_rows(table: RawTable, first: int, last: int) -> list[list[str]]:
    """Return rows[first:last] with every merged block's value copied into all its cells."""
    rows = [list(table.rows[i]) for i in range(first, min(last, len(table.rows)))]
    for block in table.merged:
        value = table.cell(block.first_row, block.first_col)
        for r in range(max(block.first_row, first), min(block.last_row + 1, last, len(table.rows))):
            row = rows[r - first]
            row.extend([""] * (block.last_col + 1 - len(row)))
            for c in range(block.first_col, block.last_col + 1):
                row[c] = value
    return rows


def fill_down_sources(table: RawTable, start: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Return cell → source cell for single-column merges at or below row ``start``.

    A value merged down one column (a 代表团 shared by its members) belongs to every row it spans;
    horizontal merges below the header are section titles and are not copied.
    """
    sources: dict[tuple[int, int], tuple[int, int]] = {}
    for block in table.merged:
        if block.first_col == block.last_col and block.last_row > block.first_row and block.last_row >= start:
            for r in range(max(block.first_row + 1, start), block.last_row + 1):
                sources[(r, block.first_col)] = (block.first_row, block.first_col)
    return sources


def horizontal_blocks(table: RawTable) -> dict[tuple[int, int], CellRange]:
    """Return (row, first column) → block for merges spanning two or more columns."""
    return {(b.first_row, b.first_col): b for b in table.merged if b.last_col > b.first_col}


def _grouped_columns(table: RawTable, header: int) -> set[int]:
    grouped = set()
    for block in table.merged:
        if block.first_row <= header <= block.last_row and block.last_col > block.first_col:
            grouped.update(range(block.first_col, block.last_col + 1))
    return grouped


def _merged_across(table: RawTable, row: int) -> bool:
    return any(b.first_row == row and b.last_row > row for b in table.merged)


def _is_sub_header(top: list[str], below: list[str], grouped: set[int]) -> bool:
    """Return True if the row below the header names sub-columns of grouped header cells.

    It must name at least one field exactly under a group (or blank/unknown) header cell, and be
    blank (or repeat the header, for cells merged down) under every single-level header cell;
    a data row always has values there, so it is never mistaken for a sub-header.
    """
    found = False
    for c in range(max(len(top), len(below))):
        upper, lower = _at(top, c), _at(below, c)
        upper_code = classify(upper)[0]
        if upper_code is not None and c not in grouped:
            if lower.strip() and lower != upper:
                return False
            continue
        code, exact = classify(lower)
        found = found or bool(code and exact)
    return found


def _column_header(upper: str, lower: str, grouped: bool) -> tuple[str, str]:
    """Return (text shown for the column, text used for matching)."""
    upper, lower = " ".join(upper.split()), " ".join(lower.split())
    if lower and lower != upper and (grouped or classify(upper)[0] is None):
        return (f"{upper}/{lower}" if upper else lower), lower
    return upper, upper


def _assign(cells: list[tuple[str, str]]) -> dict[int, str]:
    """Map columns to fields: exact header matches first, then the best suffix matches."""
    found = [classify(source) for _text, source in cells]
    mapping: dict[int, str] = {}
    for want_exact in (True, False):
        for col, (code, exact) in enumerate(found):
            if code and exact == want_exact and code not in mapping.values() and col not in mapping:
                mapping[col] = code
    return dict(sorted(mapping.items()))


def _at(row: list[str], col: int) -> str:
    return row[col] if col < len(row) else ""
