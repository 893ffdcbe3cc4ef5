"""Rotation of the members zone between meetings of one body (DOMAIN §2 "Audience"): pure rules.

Each meeting the official order starts one row further back; the people displaced from the back wrap
to the front rows, so the seats still fill front to back with no empty front seat. Delegation blocks
rotate the same way by one block a meeting (the last block moves to the front). Over as many
meetings as rows in use, everyone sits in the front row.
"""

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def rows_in_use(row_sizes: Sequence[int], people: int) -> int:
    """Return how many rows (front first, of the given sizes) ``people`` occupy; at least 1."""
    filled, rows = 0, 0
    for size in row_sizes:
        if filled >= people:
            break
        filled += size
        rows += 1
    return max(rows, 1)


def next_offset(previous: int | None, *, enabled: bool) -> int:
    """Return the offset of this meeting: the previous meeting's plus one, or 0 (first, or turned off).

    The caller reduces it modulo the rows (or blocks) in use, see ``effective_offset``.
    """
    if not enabled or previous is None:
        return 0
    return max(previous, 0) + 1


def effective_offset(offset: int, cycle: int) -> int:
    """Return the offset reduced to one cycle (rows in use, or blocks); 0 when there is nothing to rotate."""
    return offset % cycle if cycle > 0 else 0


def row_shift(row_sizes: Sequence[int], people: int, offset: int) -> int:
    """Return how many places the official order moves back: the seats of the first ``offset`` rows.

    Args:
        row_sizes: free seats of each row, front row first.
        people: how many people the zone seats.
        offset: the meeting's offset, already reduced with ``effective_offset``.
    """
    if people <= 0:
        return 0
    return sum(row_sizes[:offset]) % people


def rotate(items: Sequence[T], shift: int) -> list[T]:
    """Return the items moved ``shift`` places back; the last ``shift`` wrap to the front.

    rotate([1, 2, 3, 4, 5], 2) == [4, 5, 1, 2, 3]: No.1 of the official order now sits in the third
    place, and the two displaced from the back sit in front.
    """
    if not items:
        return []
    shift %= len(items)
    return list(items[len(items) - shift:]) + list(items[:len(items) - shift])

