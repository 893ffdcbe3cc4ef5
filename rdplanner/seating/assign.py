"""Automatic seating engine (DOMAIN §2): pure rules that turn seats and sitters into placements.

Rostrum by rank, centre outwards (seating.protocol), or by the seats' explicit ranks; audience zone by
zone, front row first, each row filled from the rostrum's left to its right (the audience's right to
left); optionally delegation blocks and rotation between meetings (seating.rotation). No database, no Qt.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from math import ceil

from rdplanner.errors import InvalidInput
from rdplanner.labels import EVENT_TYPE_BODY, zone_label
from rdplanner.people.ordering import order_people
from rdplanner.progress import Cancelled, IsCancelled, Progress, no_progress, not_cancelled
from rdplanner.seating import rotation
from rdplanner.seating.protocol import EVEN_CONVENTIONS, rostrum_rows

ROSTRUM = "rostrum"
MEMBERS = "members"
ROLE_ZONE: dict[str, str] = {
    "member": MEMBERS,
    "deputy": MEMBERS,
    "attendee": "attendee",
    "guest": "attendee",
    "observer": "observer",
    "staff": "staff",
    "media": "media",
}
VOTING_ROLES = frozenset({"member", "deputy"})
ORDERINGS: dict[str, str] = {"strokes": "按姓名笔画", "rank": "按职务排序", "delegation": "按代表团再按笔画",
                             "blocks": "按代表团分块就座"}
FILLS: dict[str, str] = {"rows": "按排连续", "columns": "按列分块"}

_EXPLANATION = (
    "自动排座规则：\n"
    "1. 主席台：按职务排序（排名）就座，前排高于后排；每排居中为尊，以主席台就座者的左手为上"
    "（以左为尊）；双数排法按本座次图的设置（默认 1 号、2 号居中，2 号在 1 号左侧）。\n"
    "2. 座位布局为座位标明了位次时（如会议桌内圈、宴会桌），该区按位次从 1 号起安排，人员按职务排序；"
    "未标位次的座位在其后按常规顺序安排。\n"
    "3. 台下按区域就座：{members}在“{zone}”区，列席、旁听、工作人员、媒体各在本区，"
    "嘉宾在列席区；某区座位不足时，多出的人列为“未安排座位”，不会被放到其他区。\n"
    "4. 各区内先坐满前排再坐后排；每排从主席台的左手一侧排起（即面向主席台时的右手一侧），"
    "顺序按本座次图的排序方式：姓名笔画（默认）、职务排序、按代表团再按姓名笔画，或按代表团分块。\n"
    "5. 按代表团分块：每个代表团在“{zone}”区占一块连续的座位，代表团按办公室设定的代表团顺序，"
    "未设定时按代表团名称笔画；块内本团团长、副团长（职务中含“团长”者，按职务排序）在前，坐本块第一排，其余按姓名笔画。"
    "“按排连续”时各团依次接着排，不留空座；只有当本排剩余座位坐不下下一团的团长、副团长时，"
    "该团才从新的一排开始（且余下座位仍须坐得下其后所有人员）；“按列分块”时该区按列切成纵向区块，"
    "每团一块，宽度与人数成比例，块内由前往后就座；本块坐不下的人员安排在该区剩余座位。其他区按代表团再按姓名笔画。\n"
    "6. 轮换（本座次图开启轮换时，只用于“{zone}”区）：与同一机构的上一次会议相比，正式顺序的起点"
    "后移一排，从最后移出的人员转到最前几排，座位仍从前往后坐满，前排不留空座；按代表团分块时代表团顺序"
    "轮换一块（上次排在最后的代表团排到最前）。轮换位次为上一次会议的位次加一，达到所用排数（分块时为代表团数）"
    "后从 0 重新开始，因此连续若干次会议内每个人都会坐到第一排；关闭轮换时位次为 0，按正式顺序就座。\n"
    "7. 已批准请假的人员不安排座位、不制作席卡；其座位只有手工安排的才保留。\n"
    "8. 已锁定的座位和手工安排的座位在重新自动排座时保持不变，其人员不再重复安排；停用的座位不排人。"
)
# Who sits in the voting members' zone, by the body the event belongs to (labels.EVENT_TYPE_BODY).
MEMBERS_BY_BODY = {"congress": "代表", "standing_committee": "常委会组成人员",
                   "directors_meeting": "主任会议组成人员"}


def explanation(event_type: str | None) -> str:
    """Return the seating rules (排座规则说明) in the words of the event's type: 代表 and the “代表” zone
    at a congress session or a deputies' activity, 常委会组成人员 and the “组成人员” zone at a
    standing-committee meeting (labels.zone_label)."""
    body = EVENT_TYPE_BODY.get(event_type or "", "standing_committee")
    return _EXPLANATION.format(members=MEMBERS_BY_BODY.get(body, "常委会组成人员"),
                               zone=zone_label(MEMBERS, event_type or "standing_committee"))


EXPLANATION = explanation("standing_committee")  # the office's most frequent meeting


class SeatingCancelled(Cancelled):
    """The user cancelled automatic seating; nothing was changed."""

    code = "seating_cancelled"
    default_message = "已取消自动排座，座次未作改动。"


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
    rank: int | None = None


@dataclass(frozen=True, slots=True)
class Sitter:
    """A participant to seat; ``on_rostrum`` is decided by the caller."""

    participation_id: int
    name: str
    role: str
    rank_order: int = 0
    delegation: str = ""
    on_rostrum: bool = False
    leader: bool = False  # leads a delegation (团长、副团长): sits in the first row of its block
    zone: str = ""  # the zone the caller chose instead of the role's (a table layout has no 列席 zone)


@dataclass(frozen=True)
class AssignmentResult:
    """Seat id → participation id, the participants left without a seat (zone full), and the rotation
    offset actually applied to the members zone (reduced to the rows or blocks in use)."""

    placements: dict[int, int] = field(default_factory=dict)
    unplaced: tuple[int, ...] = ()
    rotation_offset: int = 0


def zone_of(sitter: Sitter) -> str:
    """Return the zone a sitter belongs in: the rostrum if chosen for it, else the zone the caller set,
    else their role's zone."""
    if sitter.on_rostrum:
        return ROSTRUM
    return sitter.zone or ROLE_ZONE.get(sitter.role, "attendee")


def _row_key(seat: SeatSpot) -> tuple:
    # Front row first; within a row from the rostrum's left hand (the largest x) to its right.
    return (seat.row_no, -seat.x, seat.seat_no)


def _protocol_ranks(seats: Iterable[SeatSpot], even: str, first: int) -> dict[int, int]:
    rows: dict[int, list[SeatSpot]] = {}
    for seat in seats:
        rows.setdefault(seat.row_no, []).append(seat)
    ordered = [sorted(rows[r], key=lambda s: (s.x, s.seat_no)) for r in sorted(rows)]
    if not ordered:
        return {}
    ranks = rostrum_rows([len(row) for row in ordered], view="audience", even=even)
    return {seat.id: first + rank - 1 for row, row_ranks in zip(ordered, ranks, strict=True)
            for seat, rank in zip(row, row_ranks, strict=True)}


def seat_ranks(seats: Iterable[SeatSpot], *, even: str = "majority") -> dict[int, int]:
    """Return the rank of every usable ranked seat (1 = the best seat of its zone).

    A seat's explicit rank (boardroom inner ring, banquet tables) wins; the other rostrum seats take the
    protocol's ranks after the explicit ones, rows by row_no (row 1 at the front), each row read by x,
    i.e. left to right as the audience sees it, so they take the protocol's ranks for the audience view.
    """
    usable = [s for s in seats if not s.disabled]
    ranks = {s.id: s.rank for s in usable if s.rank is not None}
    base = max((s.rank for s in usable if s.zone == ROSTRUM and s.rank is not None), default=0)
    rest = (s for s in usable if s.zone == ROSTRUM and s.rank is None)
    ranks.update(_protocol_ranks(rest, even, base + 1))
    return ranks


def rostrum_seat_ranks(seats: Iterable[SeatSpot], *, even: str = "majority") -> dict[int, int]:
    """Return the rank of every usable rostrum seat (1 = the best seat): explicit, else by protocol."""
    rostrum = [s for s in seats if s.zone == ROSTRUM]
    return seat_ranks(rostrum, even=even)


def audience_seat_order(seats: Iterable[SeatSpot], zone: str) -> list[SeatSpot]:
    """Return the usable seats of an audience zone in filling order.

    Front row first; within a row from the rostrum's left hand (the largest x) to its right, the
    direction in which the protocol reads seniority (以左为尊), so the first name sits where the
    rostrum's No.1 looks to first.
    """
    usable = [s for s in seats if s.zone == zone and not s.disabled]
    return sorted(usable, key=_row_key)


def zone_seat_order(seats: Sequence[SeatSpot], zone: str, *, even: str = "majority") -> list[SeatSpot]:
    """Return the usable seats of a zone in filling order: ranked seats by rank, then the others in rows."""
    usable = [s for s in seats if s.zone == zone and not s.disabled]
    ranks = seat_ranks(usable, even=even)
    ranked = sorted((s for s in usable if s.id in ranks), key=lambda s: (ranks[s.id], *_row_key(s)))
    return ranked + sorted((s for s in usable if s.id not in ranks), key=_row_key)


def _check_settings(ordering: str, even: str, fill: str = "rows") -> None:
    if ordering not in ORDERINGS:
        raise InvalidInput(f"排序方式应为 strokes、rank、delegation 或 blocks，而不是“{ordering}”。",
                           field="ordering")
    if even not in EVEN_CONVENTIONS:
        raise InvalidInput(f"双数排法应为 majority 或 minority，而不是“{even}”。", field="even")
    if fill not in FILLS:
        raise InvalidInput(f"分块方式应为 rows（按排连续）或 columns（按列分块），而不是“{fill}”。",
                           field="fill")


def order_sitters(sitters: Sequence[Sitter], *, ordering: str, convention: str,
                  delegation_order: Sequence[str] | None = None) -> list[Sitter]:
    """Return sitters in the official order chosen (strokes, rank, or delegation then strokes).

    'blocks' orders like 'delegation': delegation by delegation (``delegation_order`` first, the others by
    the strokes of their names), strokes within each.
    """
    _check_settings(ordering, "majority")
    result = order_people(
        sitters,
        key=lambda s: s.name,
        convention=convention,
        by="delegation" if ordering == "blocks" else ordering,
        rank=lambda s: s.rank_order or None,
        delegation=lambda s: s.delegation,
        delegation_order=delegation_order,
    )
    return result.apply(sitters)


def delegation_blocks(sitters: Sequence[Sitter], *, convention: str,
                      delegation_order: Sequence[str] | None = None) -> list[list[Sitter]]:
    """Return the delegations in order, each its leaders (团长 then 副团长, by rank where given), then
    the others by strokes."""
    ordered = order_sitters(sitters, ordering="blocks", convention=convention,
                            delegation_order=delegation_order)
    blocks = []
    for _, group in groupby(ordered, key=lambda s: s.delegation):
        members = list(group)
        leaders = sorted((s for s in members if s.leader), key=lambda s: (s.rank_order <= 0, s.rank_order))
        blocks.append(leaders + [s for s in members if not s.leader])
    return blocks


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


def _zip(free: Sequence[SeatSpot], people: Sequence[Sitter]) -> tuple[dict[int, int], list[int]]:
    placed = {seat.id: p.participation_id for seat, p in zip(free, people, strict=False)}
    return placed, [p.participation_id for p in people[len(free):]]


def _row_sizes(free: Sequence[SeatSpot]) -> list[int]:
    return [len(list(group)) for _, group in groupby(free, key=lambda s: s.row_no)]


def _fill_block_rows(free: Sequence[SeatSpot], blocks: Sequence[Sequence[Sitter]]) -> tuple[dict, list]:
    # next_row[i]: where the row after seat i's row begins, so a block can start afresh when it fits.
    next_row, following = [0] * len(free), len(free)
    for i in range(len(free) - 1, -1, -1):
        next_row[i] = following
        if i == 0 or free[i - 1].row_no != free[i].row_no:
            following = i
    placed: dict[int, int] = {}
    left: list[int] = []
    pos, waiting = 0, sum(len(b) for b in blocks)
    for block in blocks:
        # Blocks follow on in the same row, so no seat is left empty in front; a block starts a fresh row
        # only when the rest of the row cannot seat its leaders side by side, and only while the seats
        # after it still hold everyone waiting (a gap never costs a seat).
        mid_row = 0 < pos < len(free) and free[pos - 1].row_no == free[pos].row_no
        leaders = sum(1 for sitter in block if sitter.leader)
        if mid_row and next_row[pos] - pos < leaders and len(free) - next_row[pos] >= waiting:
            pos = next_row[pos]
        waiting -= len(block)
        got, rest = _zip(free[pos:pos + len(block)], block)
        placed.update(got)
        left.extend(rest)
        pos += len(got)
    return placed, left


def strip_widths(sizes: Sequence[int], columns: int, rows: int) -> list[int]:
    """Return how many columns each block gets: enough for its people where possible, the spare
    columns shared in proportion to the blocks' sizes (highest averages), at least one each."""
    if len(sizes) > columns:
        return [1] * columns + [0] * (len(sizes) - columns)
    widths = [max(1, ceil(n / max(rows, 1))) for n in sizes]
    if sum(widths) > columns:
        widths = [1] * len(sizes)
    for _ in range(columns - sum(widths)):
        best = max(range(len(sizes)), key=lambda i: sizes[i] / widths[i])
        widths[best] += 1
    return widths


def _fill_block_columns(free: Sequence[SeatSpot], blocks: Sequence[Sequence[Sitter]]) -> tuple[dict, list]:
    xs = sorted({round(s.x, 3) for s in free}, reverse=True)  # from the rostrum's left hand
    widths = strip_widths([len(b) for b in blocks], len(xs), len({s.row_no for s in free}))
    strip_of: dict[float, int] = {}
    for index, width in enumerate(widths):
        start = sum(widths[:index])
        strip_of.update((x, index) for x in xs[start:start + width])
    strips: list[list[SeatSpot]] = [[] for _ in blocks]
    for seat in free:  # free is in row order, so each strip fills front to back
        strips[strip_of[round(seat.x, 3)]].append(seat)
    placed: dict[int, int] = {}
    overflow: list[Sitter] = []
    for strip, block in zip(strips, blocks, strict=True):
        placed.update(_zip(strip, block)[0])
        overflow.extend(block[len(strip):])
    got, left = _zip([s for s in free if s.id not in placed], overflow)
    return placed | got, left


@dataclass(frozen=True)
class _Settings:
    ordering: str
    convention: str
    even: str
    fill: str
    rotation: int
    delegation_order: Sequence[str] | None


def _members(free: Sequence[SeatSpot], people: Sequence[Sitter],
             settings: _Settings) -> tuple[dict, list, int]:
    if settings.ordering == "blocks":
        blocks = delegation_blocks(people, convention=settings.convention,
                                   delegation_order=settings.delegation_order)
        offset = rotation.effective_offset(settings.rotation, len(blocks))
        fill = _fill_block_rows if settings.fill == "rows" else _fill_block_columns
        return *fill(free, rotation.rotate(blocks, offset)), offset
    ordered = order_sitters(people, ordering=settings.ordering, convention=settings.convention,
                            delegation_order=settings.delegation_order)
    sizes = _row_sizes(free)
    offset = rotation.effective_offset(settings.rotation, rotation.rows_in_use(sizes, len(ordered)))
    return *_zip(free, rotation.rotate(ordered, rotation.row_shift(sizes, len(ordered), offset))), offset


def _seat_zone(seats: Sequence[SeatSpot], zone: str, people: Sequence[Sitter], taken: Mapping[int, int],
               settings: _Settings) -> tuple[dict, list, int]:
    order = zone_seat_order(seats, zone, even=settings.even)
    free = [s for s in order if s.id not in taken]
    if zone == ROSTRUM or any(s.rank is not None for s in order):
        # The rostrum and ranked seats always go by rank whatever the audience ordering.
        return *_zip(free, order_sitters(people, ordering="rank", convention=settings.convention)), 0
    if zone == MEMBERS:
        return _members(free, people, settings)
    ordering = "delegation" if settings.ordering == "blocks" else settings.ordering
    return *_zip(free, order_sitters(people, ordering=ordering, convention=settings.convention,
                                     delegation_order=settings.delegation_order)), 0


def auto_assign(
    seats: Sequence[SeatSpot],
    sitters: Sequence[Sitter],
    *,
    locked: Mapping[int, int] | None = None,
    ordering: str = "strokes",
    convention: str = "xingming",
    even: str = "majority",
    fill: str = "rows",
    rotation_offset: int = 0,
    delegation_order: Sequence[str] | None = None,
    progress: Progress = no_progress,
    cancelled: IsCancelled = not_cancelled,
) -> AssignmentResult:
    """Seat every sitter in their zone, keeping the locked seats (seat id → participation id).

    Args:
        ordering: audience order, 'strokes' (default), 'rank', 'delegation' or 'blocks'.
        convention: stroke convention, 'xingming' or 'xingshi'.
        even: even-row rostrum convention, 'majority' or 'minority'.
        fill: how delegation blocks are laid out, 'rows' or 'columns'.
        rotation_offset: the meeting's rotation of the members zone (seating.rotation); the result
            reports it reduced to the rows (or blocks) in use.
        delegation_order: the office's order of delegations, if it keeps one.

    Raises:
        InvalidInput: an unknown setting. SeatingCancelled: cancelled() said so.
    """
    _check_settings(ordering, even, fill)
    settings = _Settings(ordering, convention, even, fill, rotation_offset, delegation_order)
    placements = _kept_locks(seats, sitters, locked or {})
    done = set(placements.values())
    zones: dict[str, list[Sitter]] = {}
    for sitter in sitters:
        if sitter.participation_id not in done:
            zones.setdefault(zone_of(sitter), []).append(sitter)
    unplaced: list[int] = []
    applied = 0
    for index, zone in enumerate(sorted(zones)):
        if cancelled():
            raise SeatingCancelled()
        placed, left, offset = _seat_zone(seats, zone, zones[zone], placements, settings)
        placements.update(placed)
        unplaced.extend(left)
        applied = offset if zone == MEMBERS else applied
        progress((index + 1) / len(zones))
    return AssignmentResult(placements=placements, unplaced=tuple(unplaced), rotation_offset=applied)
