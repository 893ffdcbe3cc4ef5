"""The automatic room allocation (自动分房), pure over plain rows: who gets a room of their own, who
shares a twin room with whom, and which room, following the event's rules (LodgingPolicy):

- lodged are the participants who need lodging (需住宿) and are not on approved leave; a local participant
  (本地) is not lodged unless marked as needing it;
- single rooms for the roles, posts (a word found in the post) and the first N by rank the rules name;
- the others two to a twin room, same gender only, the same delegation or unit (pair_by) where possible,
  people with the same nights together;
- suites are never used (meetings may book 标准间 only); locked stays are kept and their rooms left alone;
- a room another event's guest sleeps in on a night of the stay is not used (rooms are shared by events);
- hotels are filled in the rules' order (else by name), each by floor and room number; where the event
  holds room blocks, a room type is used on a night only up to the rooms held for it.
"""

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from rdplanner.labels import ROLES
from rdplanner.lodging.nights import nights_of

PAIR_BY = {"delegation": "代表团", "unit": "单位", "none": "不分组"}


@dataclass(frozen=True, slots=True)
class Guest:
    participation_id: int
    name: str
    gender: str
    role: str
    post: str
    rank_order: int
    group: str  # the delegation or unit pairing follows ("" when pair_by is none)
    check_in: date
    check_out: date


@dataclass(frozen=True, slots=True)
class RoomSlot:
    room_id: int
    hotel: str
    number: str
    room_type_id: int
    room_type: str
    beds: int
    is_suite: bool


@dataclass(frozen=True)
class Rules:
    single_roles: tuple[str, ...] = ()
    single_posts: tuple[str, ...] = ()
    single_rank_within: int = 0
    pair_by: str = "delegation"


@dataclass(frozen=True, slots=True)
class Placement:
    participation_id: int
    name: str
    room_id: int
    hotel: str
    number: str
    room_type: str
    check_in: date
    check_out: date
    single: bool


@dataclass(frozen=True, slots=True)
class Unplaced:
    participation_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Basis:
    """What a proposal was made over: (stay id, version, participation id) of the event's stays, (id,
    beds, suite, version) of the room types, (id, held, version) of the event's blocks."""

    stays: frozenset = frozenset()
    types: frozenset = frozenset()
    blocks: frozenset = frozenset()


@dataclass(frozen=True)
class RoomProposal:
    """The allocation's result: each person placed, those who could not be and why, the locked stays
    kept, and the counts of people the rules leave out (local, on leave)."""

    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    kept: int
    rules: tuple[str, ...]
    not_lodged_local: int = 0
    not_lodged_leave: int = 0
    basis: Basis | None = None  # None: not made over a database (a save then skips the staleness check)

    @property
    def rooms(self) -> int:
        return len({p.room_id for p in self.placements})


def is_single(guest: Guest, rules: Rules) -> bool:
    """True if the rules give ``guest`` a room of their own."""
    return (guest.role in rules.single_roles or any(w and w in guest.post for w in rules.single_posts)
            or 0 < guest.rank_order <= rules.single_rank_within)


def rules_text(rules: Rules, *, blocks: bool) -> tuple[str, ...]:
    """The rules in force as plain Chinese sentences, for the screen and the command line."""
    singles = []
    if rules.single_roles:
        singles.append("身份为" + "、".join(ROLES.get(r, r) for r in rules.single_roles) + "的人员")
    if rules.single_posts:
        singles.append("职务含“" + "”“".join(rules.single_posts) + "”的人员")
    if rules.single_rank_within:
        singles.append(f"排序前 {rules.single_rank_within} 位的人员")
    lines = ["只为“需住宿”且未获准请假的参会人员安排房间；标记“本地”的人员不安排，除非注明需住宿。",
             ("、".join(singles) + "每人一间单人间（无单人间时单独住标准间）。") if singles
             else "不安排单独住宿：所有人两人一间。"]
    group = {"delegation": "，尽量同一代表团的住在一起", "unit": "，尽量同一单位的住在一起"}.get(rules.pair_by, "")
    lines.append(f"其余人员两人一间标准间，同性别同住{group}，入住和退房日期相同的优先同住。")
    lines.append("不使用套房（会议住宿只安排标准间）；已锁定的住宿保持不变，其房间不再安排他人。")
    lines.append("按饭店顺序、楼层和房号依次安排" + ("；每种房型每晚不超过预留房数。" if blocks else
                                             "；本活动未设房源预留，可用饭店的全部房间。"))
    return tuple(lines)


class _Rooms:
    """The free rooms by type in filling order, and what each block still has per night."""

    def __init__(self, rooms: Sequence[RoomSlot], busy: set[int], held: dict[tuple[int, date], int] | None,
                 occupied: dict[int, set[date]] | None = None):
        self.occupied = occupied or {}
        self.order: list[int] = []
        self.free: dict[int, deque[RoomSlot]] = defaultdict(deque)
        self.types: dict[int, RoomSlot] = {}
        for room in rooms:
            if room.is_suite or room.room_id in busy:
                continue
            if room.room_type_id not in self.free:
                self.order.append(room.room_type_id)
                self.types[room.room_type_id] = room
            self.free[room.room_type_id].append(room)
        self.left = dict(held) if held is not None else None

    def take(self, nights: list[date], *, beds: int, prefer_single: bool) -> RoomSlot | None:
        """The first free room with at least ``beds`` beds whose block has room on every night."""
        kinds = [t for t in self.order if self.free[t] and self.types[t].beds >= beds]
        if prefer_single:
            kinds.sort(key=lambda t: self.types[t].beds != 1)  # stable: keeps the filling order
        else:
            kinds.sort(key=lambda t: self.types[t].beds != 2)
        for kind in kinds:
            if self.left is not None and any(self.left.get((kind, n), 0) <= 0 for n in nights):
                continue
            room = self._first_free(kind, nights)
            if room is None:
                continue
            if self.left is not None:
                for n in nights:
                    self.left[(kind, n)] -= 1
            return room
        return None

    def _first_free(self, kind: int, nights: list[date]) -> RoomSlot | None:
        """The first room of ``kind`` no other event's guest sleeps in on any of ``nights`` (taken out)."""
        rooms = self.free[kind]
        for room in rooms:
            taken = self.occupied.get(room.room_id)
            if not taken or taken.isdisjoint(nights):
                rooms.remove(room)
                return room
        return None


def allocate(guests: Iterable[Guest], rooms: Sequence[RoomSlot], rules: Rules, *, busy: set[int] = frozenset(),
             held: dict[tuple[int, date], int] | None = None, kept: int = 0,
             occupied: dict[int, set[date]] | None = None) -> RoomProposal:
    """Propose a room for every guest.

    Args:
        guests: the people to lodge (already filtered: needing lodging, not on leave, not locked).
        rooms: every room in filling order (hotel order, floor, number).
        rules: the single-room and pairing rules.
        busy: rooms holding a locked stay, left alone.
        held: (room type id, night) → rooms still free in the event's blocks (after the locked stays);
            None when the event holds no blocks.
        kept: how many locked stays were kept (reported).
        occupied: room id → the nights other events' guests sleep in it (rooms are shared by every
            event); a room is not given for a stay any of whose nights it is occupied.
    """
    free = _Rooms(rooms, set(busy), held, occupied)
    singles, others = [], []
    for guest in guests:
        (singles if is_single(guest, rules) else others).append(guest)
    singles.sort(key=lambda g: (g.rank_order <= 0, g.rank_order, g.participation_id))
    placements: list[Placement] = []
    unplaced: list[Unplaced] = []
    for guest in singles:
        _place(free, [guest], True, placements, unplaced)
    others.sort(key=lambda g: (g.gender, g.group, g.check_in, g.check_out, g.rank_order <= 0, g.rank_order,
                               g.participation_id))
    for pair in _pairs(others):
        _place(free, pair, False, placements, unplaced)
    return RoomProposal(tuple(placements), tuple(unplaced), kept,
                        rules_text(rules, blocks=held is not None))


def _pairs(people: list[Guest]) -> Iterable[list[Guest]]:
    """Two by two within each gender: first within each group (sorted by nights), then the groups' odd
    ones out among themselves; the last odd one of a gender alone."""
    by_gender: dict[str, dict[str, list[Guest]]] = defaultdict(lambda: defaultdict(list))
    for guest in people:
        by_gender[guest.gender][guest.group].append(guest)
    for groups in by_gender.values():
        odd = []
        for members in groups.values():
            for i in range(0, len(members) - 1, 2):
                yield members[i:i + 2]
            if len(members) % 2:
                odd.append(members[-1])
        odd.sort(key=lambda g: (g.check_in, g.check_out))
        for i in range(0, len(odd), 2):
            yield odd[i:i + 2]


def _place(free: _Rooms, unit: list[Guest], single: bool, placements: list[Placement],
           unplaced: list[Unplaced]) -> None:
    check_in = min(g.check_in for g in unit)
    check_out = max(g.check_out for g in unit)
    nights = list(nights_of(check_in, check_out))
    room = free.take(nights, beds=1 if single or len(unit) == 1 else 2, prefer_single=single or len(unit) == 1)
    if room is None and len(unit) == 2:  # no twin room left: each alone wherever a room is
        for guest in unit:
            _place(free, [guest], False, placements, unplaced)
        return
    if room is None:
        reason = ("没有可用的房间（可用房间已满，或预留房数已用完）" if free.order else "没有可用的房间（未登记房间）")
        unplaced.extend(Unplaced(g.participation_id, g.name, reason) for g in unit)
        return
    placements.extend(Placement(g.participation_id, g.name, room.room_id, room.hotel, room.number, room.room_type,
                                g.check_in, g.check_out, single) for g in unit)
