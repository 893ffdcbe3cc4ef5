"""Rostrum seating protocol (DOMAIN §2): the rank of every seat of a rostrum row, centre outwards.

以左为尊: "left" is the left hand of a person seated on the rostrum facing the audience. Rows are
listed left to right as seen from the chosen viewpoint; the audience sees the mirror image.
"""

from typing import Sequence

from rdplanner.errors import InvalidInput

VIEWS = {"stage": "主席台视角", "audience": "面向主席台（观众视角）"}
EVEN_CONVENTIONS = {
    "majority": "双数时 1 号、2 号居中，2 号在 1 号左侧（多数做法）",
    "minority": "双数时 1 号、2 号居中，1 号在 2 号左侧（少数做法）",
}
MAX_ROW = 500


def rostrum_row(n: int, *, view: str = "stage", even: str = "majority", first_rank: int = 1) -> list[int]:
    """Return the ranks of a row of ``n`` seats, left to right as seen from ``view``.

    Odd n: No.1 in the centre, No.2 on its left, No.3 on its right, alternating outwards. Even n
    (majority practice): No.1 and No.2 take the centre pair with No.2 on No.1's left; the minority
    practice is its mirror.

    Raises:
        InvalidInput: n out of range, or an unknown view or even-row convention.
    """
    _check(n, view, even)
    stage = [0] * n
    centre = n // 2
    for offset in range(n):
        step = (offset + 1) // 2
        stage[centre - step if offset % 2 else centre + step] = first_rank + offset
    if n % 2 == 0 and even == "minority":
        stage.reverse()
    return stage if view == "stage" else stage[::-1]


def rostrum_rows(sizes: Sequence[int], *, view: str = "stage", even: str = "majority") -> list[list[int]]:
    """Return the ranks of several rostrum rows, front row first: every front seat outranks the rows behind."""
    rows, first = [], 1
    for n in sizes:
        rows.append(rostrum_row(n, view=view, even=even, first_rank=first))
        first += n
    return rows


def _check(n: int, view: str, even: str) -> None:
    if not 1 <= n <= MAX_ROW:
        raise InvalidInput(f"主席台一排的座位数应在 1 到 {MAX_ROW} 之间，而不是 {n}。", field="n")
    if view not in VIEWS:
        raise InvalidInput(f"视角应为 stage（主席台视角）或 audience（面向主席台），而不是“{view}”。", field="view")
    if even not in EVEN_CONVENTIONS:
        raise InvalidInput(f"双数排法应为 majority 或 minority，而不是“{even}”。", field="even")
