"""The shapes the seat map draws besides seats; plain data the seating domain computes and passes in."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TableShape:
    """A table to draw: ``kind`` "rect" (centre x, y; width w, height h) or "circle" (diameter w = h)."""

    kind: str
    x: float
    y: float
    w: float
    h: float
    label: str = ""
    hollow: bool = False  # drawn as an empty frame (the inner edge of a hollow-square table)
