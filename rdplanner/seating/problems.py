"""Problems of a seating (座次问题): who has no seat, who sits in the wrong zone or twice, empty front
seats, zones short of seats, and rank order broken on the rostrum. Pure functions, Chinese messages.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from rdplanner.labels import ZONES
from rdplanner.problems import COMPLETE, ERROR, Problem, refs
from rdplanner.seating.assign import ROLE_ZONE, ROSTRUM, SeatSpot, Sitter, rostrum_seat_ranks, zone_of

MAX_NAMES = 5


def finding(code: str, message: str, participation_ids: Sequence[int] = (), seat_ids: Sequence[int] = (),
            severity: str = ERROR) -> Problem:
    """A seating problem in the shape every domain reports: the people first (the item a page selects), then
    the seats. Seating problems are about completeness (全)."""
    items = refs("seating", "participation", participation_ids) + refs("seating", "seat", seat_ids)
    return Problem(code, message, items, severity, COMPLETE, "seating")


ZoneNames = Mapping[str, str]


def _zone_label(zone: str, names: ZoneNames) -> str:
    return names.get(zone) or ZONES.get(zone, zone)


def _names(sitters: Mapping[int, Sitter], pids: Sequence[int]) -> str:
    shown = "、".join(sitters[p].name if p in sitters else f"编号 {p}" for p in pids[:MAX_NAMES])
    return shown + (f"等 {len(pids)} 人" if len(pids) > MAX_NAMES else "")


def _allowed_zones(sitter: Sitter) -> set[str]:
    # Someone chosen for the rostrum may also sit with their own zone (e.g. moved down by hand).
    return {sitter.zone or ROLE_ZONE.get(sitter.role, "attendee")} | ({ROSTRUM} if sitter.on_rostrum else set())


def _shortfalls(seats: Sequence[SeatSpot], sitters: Sequence[Sitter], names: ZoneNames) -> list[Problem]:
    needed = Counter(zone_of(s) for s in sitters)
    usable = Counter(s.zone for s in seats if not s.disabled)
    problems = []
    for zone in sorted(needed):
        missing = needed[zone] - usable[zone]
        if missing > 0:
            message = (f"“{_zone_label(zone, names)}”区需要 {needed[zone]} 个座位，"
                       f"只有 {usable[zone]} 个可用，"
                       f"缺 {missing} 个座位。")
            ids = tuple(s.participation_id for s in sitters if zone_of(s) == zone)
            problems.append(finding("zone_shortfall", message, ids))
    return problems


def _unseated(sitters: Mapping[int, Sitter], placements: Mapping[int, int]) -> list[Problem]:
    seated = set(placements.values())
    missing = [pid for pid in sitters if pid not in seated]
    if not missing:
        return []
    message = f"{len(missing)} 人未安排座位：{_names(sitters, missing)}。"
    return [finding("unseated", message, tuple(missing))]


def _seated_twice(sitters: Mapping[int, Sitter], placements: Mapping[int, int]) -> list[Problem]:
    counts = Counter(placements.values())
    problems = []
    for pid in sorted(p for p, n in counts.items() if n > 1):
        seat_ids = tuple(sorted(s for s, p in placements.items() if p == pid))
        message = f"{_names(sitters, [pid])}被安排了 {len(seat_ids)} 个座位，只能保留一个。"
        problems.append(finding("seated_twice", message, (pid,), seat_ids))
    return problems


def _wrong_zone(seats: Mapping[int, SeatSpot], sitters: Mapping[int, Sitter],
                placements: Mapping[int, int], names: ZoneNames) -> list[Problem]:
    problems = []
    for seat_id, pid in placements.items():
        seat, sitter = seats.get(seat_id), sitters.get(pid)
        if seat is None or sitter is None or seat.zone in _allowed_zones(sitter):
            continue
        expected = _zone_label(zone_of(sitter), names)
        message = f"{sitter.name}坐在“{_zone_label(seat.zone, names)}”区，应在“{expected}”区。"
        problems.append(finding("wrong_zone", message, (pid,), (seat_id,)))
    return problems


def _empty_front(seats: Sequence[SeatSpot], placements: Mapping[int, int], names: ZoneNames,
                 block_zone: str | None = None) -> list[Problem]:
    problems = []
    for zone in sorted({s.zone for s in seats} - {ROSTRUM}):
        usable = [s for s in seats if s.zone == zone and not s.disabled]
        occupied_rows = {s.row_no for s in usable if s.id in placements}
        if not occupied_rows:
            continue
        back = max(occupied_rows)
        # In delegation blocks the gaps at the end of a block are intended; only a wholly empty row in
        # front of seated people is then a problem.
        whole_rows = zone == block_zone
        empty = sorted((s for s in usable if s.id not in placements and s.row_no < back
                        and not (whole_rows and s.row_no in occupied_rows)),
                       key=lambda s: (s.row_no, s.seat_no))
        if empty:
            rows = "、".join(str(r) for r in sorted({s.row_no for s in empty}))
            message = (f"“{_zone_label(zone, names)}”区前排（第 {rows} 排）有 {len(empty)} 个空座，"
                       f"而第 {back} 排有人就座。")
            problems.append(finding("empty_front", message, (), tuple(s.id for s in empty), "warning"))
    return problems


def _empty_rostrum(seats: Sequence[SeatSpot], placements: Mapping[int, int], names: ZoneNames) -> list[Problem]:
    # An empty chair on the rostrum faces the whole hall: fill it or take the seat out of use.
    usable = [s for s in seats if s.zone == ROSTRUM and not s.disabled]
    empty = [s for s in usable if s.id not in placements]
    if not empty or len(empty) == len(usable) or not placements:
        return []
    message = (f"{_zone_label(ROSTRUM, names)}有 {len(empty)} 个空座："
               "请安排人员，或在座位布局中停用这些座位，以免台上留下空位"
               "（打印的座次图中，排末的空座不印，该排收拢居中）。")
    return [finding("empty_rostrum", message, (), tuple(s.id for s in empty), "warning")]


def _rank_broken(seats: Sequence[SeatSpot], sitters: Mapping[int, Sitter], placements: Mapping[int, int],
                 even: str) -> list[Problem]:
    ranks = rostrum_seat_ranks(seats, even=even)
    on_stage = sorted((ranks[s], sitters[p]) for s, p in placements.items()
                      if s in ranks and p in sitters and sitters[p].rank_order > 0)
    problems: list[Problem] = []
    best_after: Sitter | None = None
    # Walk from the worst seat to the best: a sitter outranked by someone in a worse seat is misplaced.
    for seat_rank, sitter in reversed(on_stage):
        if best_after is not None and best_after.rank_order < sitter.rank_order:
            message = (f"主席台座次与职务排序不符：{sitter.name}（排序 {sitter.rank_order}）坐在比"
                       f"{best_after.name}（排序 {best_after.rank_order}）更尊的位置。")
            seat_id = next(s for s, r in ranks.items() if r == seat_rank)
            problems.append(finding("rostrum_rank", message, (sitter.participation_id,), (seat_id,),
                                    "warning"))
        if best_after is None or sitter.rank_order < best_after.rank_order:
            best_after = sitter
    return problems[::-1]


def seating_problems(seats: Sequence[SeatSpot], sitters: Iterable[Sitter], placements: Mapping[int, int],
                     *, even: str = "majority", blocks: bool = False,
                     zone_names: ZoneNames | None = None) -> tuple[Problem, ...]:
    """Return every problem of a seating (seat id → participation id), errors then warnings.

    Args:
        even: the plan's even-row rostrum convention, which decides the rank of each rostrum seat.
        blocks: the members zone is seated in delegation blocks, so only wholly empty front rows count.
        zone_names: the zones' names for the event's type (labels.zone_labels); the generic names if None.
    """
    names = zone_names or {}
    people = list(sitters)
    by_pid = {s.participation_id: s for s in people}
    by_seat = {s.id: s for s in seats}
    found = (
        _shortfalls(seats, people, names)
        + _unseated(by_pid, placements)
        + _seated_twice(by_pid, placements)
        + _wrong_zone(by_seat, by_pid, placements, names)
        + _empty_front(seats, placements, names, "members" if blocks else None)
        + _empty_rostrum(seats, placements, names)
        + _rank_broken(seats, by_pid, placements, even)
    )
    return tuple(sorted(found, key=lambda p: p.severity != "error"))


def unprintable_names(sitters: Iterable[Sitter], missing: Callable[[str], Sequence[str]]) -> tuple[Problem, ...]:
    """Report names with characters the print fonts cannot draw (they would print as empty boxes).

    Args:
        missing: returns the characters of a name that the seat map or card fonts lack.
    """
    found = []
    for sitter in sitters:
        chars = missing(sitter.name)
        if chars:
            shown = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in chars)
            found.append(finding(
                "unprintable_name",
                f"{sitter.name}：{shown}在打印字体中没有字形，请核对姓名用字；确需照此导出时选“仍然导出”，"
                f"该字在座次图、席卡上印为“〓”，印后手写补上。",
                participation_ids=(sitter.participation_id,)))
    return tuple(found)
