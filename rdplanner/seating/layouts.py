"""Layout generators: turn a hall description (rostrum rows, audience blocks, aisles) into seats.

Coordinates are in seat widths, x growing to the audience's right, y growing away from the rostrum
(rostrum rows have negative y). Seats are numbered left to right as the audience sees them.
"""

from dataclasses import dataclass
from typing import Optional, Sequence

AISLE = 1.5
ROW_PITCH = 1.3
ROSTRUM_GAP = 2.5


@dataclass(frozen=True)
class SeatSpec:
    """A seat to create: what is printed (``label``) and where it is drawn."""

    label: str
    zone: str
    section: str
    row_no: int
    seat_no: int
    x: float
    y: float
    rank: Optional[int] = None


@dataclass(frozen=True)
class Block:
    """Consecutive audience rows of one zone, split by aisles into sections of given widths."""

    zone: str
    rows: int
    sections: tuple[int, ...]


def auditorium(*, rostrum_rows: Sequence[int], blocks: Sequence[Block]) -> list[SeatSpec]:
    """Return the seats of an auditorium: rostrum rows first (front to back), then the audience."""
    seats = [
        SeatSpec(
            label=f"主席台{row}排{n}座",
            zone="rostrum",
            section="主席台",
            row_no=row,
            seat_no=n,
            x=x,
            y=-ROSTRUM_GAP - (row - 1) * ROW_PITCH,  # row 1, the highest ranks, nearest the audience
            rank=None,
        )
        for row, width in enumerate(rostrum_rows, 1)
        for n, x in enumerate(_row_positions((width,)), 1)
    ]
    row = 0
    for block in blocks:
        positions = _row_positions(block.sections)
        names = _section_names(block.sections)
        for _ in range(block.rows):
            row += 1
            seats.extend(
                SeatSpec(
                    label=f"{row}排{n}座",
                    zone=block.zone,
                    section=names[n - 1],
                    row_no=row,
                    seat_no=n,
                    x=x,
                    y=(row - 1) * ROW_PITCH,
                )
                for n, x in enumerate(positions, 1)
            )
    return seats


def _row_positions(sections: Sequence[int]) -> list[float]:
    total = sum(sections) + AISLE * (len(sections) - 1)
    x = -total / 2 + 0.5
    positions = []
    for width in sections:
        positions.extend(x + i for i in range(width))
        x += width + AISLE
    return positions


def _section_names(sections: Sequence[int]) -> list[str]:
    names = {1: ["中区"], 2: ["左区", "右区"], 3: ["左区", "中区", "右区"]}.get(
        len(sections), [f"{i}区" for i in range(1, len(sections) + 1)]
    )
    return [name for name, width in zip(names, sections) for _ in range(width)]
