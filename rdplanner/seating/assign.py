"""Automatic seating engine (DOMAIN §2): pure rules that turn seats and sitters into placements.

Rostrum by rank, centre outwards (seating.protocol); audience zone by zone, front row first, each row
filled from the rostrum's left to its right (the audience's right to left). No database, no Qt.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rdplanner.errors import InvalidInput, RdplannerError
from rdplanner.people.ordering import order_people
from rdplanner.seating.protocol import EVEN_CONVENTIONS, rostrum_rows

ROSTRUM = "rostrum"
ROLE_ZONE: dict[str, str] = {
    "member": "members",
    "deputy": "members",
    "attendee": "attendee",
    "guest": "attendee",
    "observer": "observer",
    "staff": "staff",
    "media": "media",
}
VOTING_ROLES = frozenset({"member", "deputy"})
ORDERINGS: dict[str, str] = {"strokes": "按姓名笔画", "rank": "按职务排序", "delegation": "按代表团再按笔画"}

EXPLANATION = (
    "自动排座规则：\n"
    "1. 主席台：按职务排序（排名）就座，前排高于后排；每排居中为尊，以主席台就座者的左手为上"
    "（以左为尊）；双数排法按本座次图的设置（默认 1 号、2 号居中，2 号在 1 号左侧）。\n"
    "2. 台下按区域就座：常委会组成人员/代表在“组成人员/代表”区，列席、旁听、工作人员、媒体各在本区，"
    "嘉宾在列席区；某区座位不足时，多出的人列为“未安排座位”，不会被放到其他区。\n"
    "3. 各区内先坐满前排再坐后排；每排从主席台的左手一侧排起（即面向主席台时的右手一侧），"
    "顺序按本座次图的排序方式：姓名笔画（默认）、职务排序，或按代表团再按姓名笔画。\n"
    "4. 已锁定的座位和手工安排的座位在重新自动排座时保持不变，其人员不再重复安排；停用的座位不排人。"
)


def _ignore(_fraction: float) -> None:
    pass


def _never() -> bool:
    return False


class SeatingCancelled(RdplannerError):
    """The user cancelled automatic seating; nothing was changed."""

    code = "seating_cancelled"


@dataclass(frozen=True, slots=True)
class SeatSpot:
    """A seat as the engine sees it; x grows to the audience's right (seating.layouts)."""

    id: int
    zone: str
    row_no: int
    seat_no: int
    x: float
    y: float
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class Sitter:
    """A participant to seat; ``on_rostrum`` is decided by the caller."""

    participation_id: int
    name: str
    role: str
    rank_order: int = 0
    delegation: str = ""
    on_rostrum: bool = False


@dataclass(frozen=True)
class AssignmentResult:
    """Seat id → participation id, and the participants left without a seat (zone full)."""

    placements: dict[int, int] = field(default_factory=dict)
    unplaced: tuple[int, ...] = ()


def zone_of(sitter: Sitter) -> str:
    """Return the zone a sitter belongs in: the rostrum if chosen for it, else their role's zone."""
    return ROSTRUM if sitter.on_rostrum else ROLE_ZONE.get(sitter.role, "attendee")


def rostrum_seat_ranks(seats: Iterable[SeatSpot], *, even: str = "majority") -> dict[int, int]:
    """Return the protocol rank of every usable rostrum seat (1 = the best seat).

    Rows are ordered by row_no (row 1 at the front); within a row the seats are read by x, i.e. left to
    right as the audience sees them, so they take the protocol's ranks for the audience view.
    """
    rows: dict[int, list[SeatSpot]] = {}
    for seat in seats:
        if seat.zone == ROSTRUM and not seat.disabled:
            rows.setdefault(seat.row_no, []).append(seat)
    ordered = [sorted(rows[r], key=lambda s: (s.x, s.seat_no)) for r in sorted(rows)]
    if not ordered:
        return {}
    ranks = rostrum_rows([len(row) for row in ordered], view="audience", even=even)
    return {seat.id: rank for row, row_ranks in zip(ordered, ranks, strict=True)
            for seat, rank in zip(row, row_ranks, strict=True)}


def audience_seat_order(seats: Iterable[SeatSpot], zone: str) -> list[SeatSpot]:
    """Return the usable seats of an audience zone in filling order.

    Front row first; within a row from the rostrum's left hand (the largest x) to its right, the
    direction in which the protocol reads seniority (以左为尊), so the first name sits where the
    rostrum's No.1 looks to first.
    """
    usable = [s for s in seats if s.zone == zone and not s.disabled]
    return sorted(usable, key=lambda s: (s.row_no, -s.x, s.seat_no))


def _check_settings(ordering: str, even: str) -> None:
    if ordering not in ORDERINGS:
        raise InvalidInput(f"排序方式应为 strokes、rank 或 delegation，而不是“{ordering}”。",
                           field="ordering")
    if even not in EVEN_CONVENTIONS:
        raise InvalidInput(f"双数排法应为 majority 或 minority，而不是“{even}”。", field="even")


def order_sitters(sitters: Sequence[Sitter], *, ordering: str, convention: str) -> list[Sitter]:
    """Return sitters in the official order chosen (strokes, rank or delegation then strokes)."""
    _check_settings(ordering, "majority")
    result = order_people(
        sitters,
        key=lambda s: s.name,
        convention=convention,
        by=ordering,
        rank=lambda s: s.rank_order or None,
        delegation=lambda s: s.delegation,
    )
    return result.apply(sitters)


def _kept_locks(seats: Sequence[SeatSpot], sitters: Sequence[Sitter],
                locked: Mapping[int, int]) -> dict[int, int]:
    # A lock outlives changes to the roster or the layout only while both ends still exist; a person
    # locked twice keeps the first seat so nobody is ever seated twice by the engine.
    seat_ids = {s.id for s in seats}
    people = {s.participation_id for s in sitters}
    kept: dict[int, int] = {}
    for seat_id, pid in locked.items():
        if seat_id in seat_ids and pid in people and pid not in kept.values():
            kept[seat_id] = pid
    return kept


def _fill(seat_order: Sequence[SeatSpot], people: Sequence[Sitter],
          taken: Mapping[int, int]) -> tuple[dict[int, int], list[int]]:
    free = [s.id for s in seat_order if s.id not in taken]
    placed = {seat_id: p.participation_id for seat_id, p in zip(free, people, strict=False)}
    return placed, [p.participation_id for p in people[len(free):]]


def _zone_seat_order(seats: Sequence[SeatSpot], zone: str, even: str) -> list[SeatSpot]:
    if zone != ROSTRUM:
        return audience_seat_order(seats, zone)
    ranks = rostrum_seat_ranks(seats, even=even)
    by_id = {s.id: s for s in seats}
    return [by_id[seat_id] for seat_id in sorted(ranks, key=ranks.__getitem__)]


def _zone_people(people: Sequence[Sitter], zone: str, ordering: str, convention: str) -> list[Sitter]:
    # The rostrum always goes by rank whatever the audience ordering: that is what the protocol ranks.
    return order_sitters(people, ordering="rank" if zone == ROSTRUM else ordering, convention=convention)


def auto_assign(
    seats: Sequence[SeatSpot],
    sitters: Sequence[Sitter],
    *,
    locked: Mapping[int, int] | None = None,
    ordering: str = "strokes",
    convention: str = "xingming",
    even: str = "majority",
    progress: Callable[[float], None] = _ignore,
    cancelled: Callable[[], bool] = _never,
) -> AssignmentResult:
    """Seat every sitter in their zone, keeping the locked seats (seat id → participation id).

    Args:
        ordering: audience order, 'strokes' (default), 'rank' or 'delegation'.
        convention: stroke convention, 'xingming' or 'xingshi'.
        even: even-row rostrum convention, 'majority' or 'minority'.

    Raises:
        InvalidInput: unknown ordering or even-row convention. SeatingCancelled: cancelled() said so.
    """
    _check_settings(ordering, even)
    placements = _kept_locks(seats, sitters, locked or {})
    done = set(placements.values())
    zones: dict[str, list[Sitter]] = {}
    for sitter in sitters:
        if sitter.participation_id not in done:
            zones.setdefault(zone_of(sitter), []).append(sitter)
    unplaced: list[int] = []
    for index, zone in enumerate(sorted(zones)):
        if cancelled():
            raise SeatingCancelled("已取消自动排座，座次未作改动。")
        people = _zone_people(zones[zone], zone, ordering, convention)
        placed, left = _fill(_zone_seat_order(seats, zone, even), people, placements)
        placements.update(placed)
        unplaced.extend(left)
        progress((index + 1) / len(zones))
    return AssignmentResult(placements=placements, unplaced=tuple(unplaced))
