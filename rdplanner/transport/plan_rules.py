"""The rules of the transport planner (自动排车), pure: who rides together (by pickup point, or for 接站
and 送站 by station and time window), who is a leader riding alone, and which free car and driver take
each group. rdplanner.transport.planner loads the data and saves the result.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from rdplanner.people.roster_order import official_order
from rdplanner.transport.fleet_read import AbsenceRow, DriverRow, VehicleRow, driver_available
from rdplanner.transport.fleet_rules import PERMITS, licence_covers, normalise_licence
from rdplanner.transport.seat_order import CARS_WITH_DRIVER, SeatPlace, seat_order
from rdplanner.transport.trips_read import ASSUMED_DURATION

DEFAULT_PICKUP = "驻地"
"""Where someone rides from whose pickup point (上车地点) is not filled in: their lodging."""
LEADER_ROLES = frozenset({"member", "deputy", "attendee", "guest"})
"""The roles whose 职务排序 is a protocol rank; for 旁听, staff and media it is only the list's order."""
PICKUP_DRIVE = timedelta(hours=1)
"""接站: the car leaves the station this long after the last arrival of its window reaches it."""
MEETING_LEAD = timedelta(minutes=30)
"""To an item (a plenary, a site visit): the car leaves the pickup point this long before it starts."""
DROPOFF_LEAD = timedelta(hours=2)
"""送站: the car leaves this long before the earliest departure of its window (drive and check-in)."""

Span = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class Candidate:
    """Someone to carry: the roster's rank key, where they ride from, and for 接站/送站 their station and
    the moment their train or flight arrives or leaves."""

    participation_id: int
    name: str
    role: str
    rank_order: int = 0
    pickup_point: str = ""
    station: str = ""
    moment: datetime | None = None


@dataclass(frozen=True)
class Group:
    """People riding from the same place to the same place at the same time."""

    origin: str
    destination: str
    depart_at: datetime
    return_at: datetime | None
    riders: tuple[Candidate, ...]

    @property
    def span(self) -> Span:
        return self.depart_at, self.return_at or self.depart_at + ASSUMED_DURATION


@dataclass(frozen=True, slots=True)
class Unplaced:
    """Someone the plan carries in no car, and why (a complete Chinese clause)."""

    participation_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Placement:
    """A group's riders in one car with its driver; ``seats`` in protocol order (seat_order)."""

    group: Group
    vehicle: VehicleRow
    driver: DriverRow
    seats: tuple[SeatPlace, ...]
    leader: bool = False


def is_leader(candidate: Candidate, leader_rank: int) -> bool:
    """A leader (领导) rides alone: 职务排序 1 to ``leader_rank`` in a role of LEADER_ROLES."""
    return candidate.role in LEADER_ROLES and 1 <= candidate.rank_order <= leader_rank


def pickup_groups(candidates: Iterable[Candidate], *, destination: str, depart_at: datetime,
                  return_at: datetime | None) -> list[Group]:
    """Group people by pickup point (DEFAULT_PICKUP when blank), all going to ``destination``; the
    largest group first, then by the point's name."""
    by_point: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_point[candidate.pickup_point.strip() or DEFAULT_PICKUP].append(candidate)
    groups = [Group(point, destination, depart_at, return_at, tuple(riders))
              for point, riders in by_point.items()]
    return sorted(groups, key=lambda g: (-len(g.riders), g.origin))


def station_groups(candidates: Iterable[Candidate], *, arriving: bool, place: str,
                   window: timedelta) -> tuple[list[Group], list[Unplaced]]:
    """Group 接站 (``arriving``) or 送站 riders by station, then by time: whoever arrives (leaves) at most
    ``window`` after the earliest of a window rides with them; the next starts a new window.

    接站 goes from the station to ``place``, leaving at the window's first arrival and returning
    PICKUP_DRIVE after its last; 送站 goes from ``place`` to the station, leaving DROPOFF_LEAD before
    the window's earliest departure and back by then. Someone without a station or a time is unplaced.
    """
    unplaced, by_station = [], defaultdict(list)
    word = "到达" if arriving else "离开"
    for c in candidates:
        if not c.station.strip():
            unplaced.append(Unplaced(c.participation_id, c.name, f"回执未填{word}的车站或机场"))
        elif c.moment is None:
            unplaced.append(Unplaced(c.participation_id, c.name, f"回执未填{word}时间"))
        else:
            by_station[c.station.strip()].append(c)
    groups = []
    for station, riders in sorted(by_station.items()):
        riders.sort(key=lambda c: (c.moment, c.participation_id))
        windows: list[list[Candidate]] = []
        for rider in riders:
            if windows and rider.moment - windows[-1][0].moment <= window:
                windows[-1].append(rider)
            else:
                windows.append([rider])
        for members in windows:
            first, last = members[0].moment, members[-1].moment
            if arriving:
                groups.append(Group(station, place, first, last + PICKUP_DRIVE, tuple(members)))
            else:
                groups.append(Group(place, station, first - DROPOFF_LEAD, first, tuple(members)))
    groups.sort(key=lambda g: (g.depart_at, g.origin, g.destination))
    return groups, unplaced


def without_riding(groups: Iterable[Group], rides: Mapping[int, Sequence[tuple[Span, str]]]
                   ) -> tuple[list[Group], list[Unplaced]]:
    """Leave out of each group whoever already rides another trip during its time (``rides``: participation
    id → (span, the trip named as messages name it)); groups left empty are dropped."""
    kept, unplaced = [], []
    for group in groups:
        free = []
        for rider in group.riders:
            taken = rides.get(rider.participation_id, ())
            clash = next((name for span, name in taken if overlaps(span, group.span)), None)
            if clash is None:
                free.append(rider)
            else:
                unplaced.append(Unplaced(rider.participation_id, rider.name, f"该时段已乘坐{clash}"))
        if free:
            kept.append(replace(group, riders=tuple(free)))
    return kept, unplaced


def overlaps(a: Span, b: Span) -> bool:
    """Half-open periods: a trip back at 11:00 leaves its car free for one leaving at 11:00."""
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class FleetState:
    """The active fleet and when each car and driver is already taken (by any event's trips, and by the
    plan being made)."""

    vehicles: Sequence[VehicleRow]
    drivers: Sequence[DriverRow]
    absences: Sequence[AbsenceRow] = ()
    vehicle_busy: dict[int, list[Span]] = field(default_factory=lambda: defaultdict(list))
    driver_busy: dict[int, list[Span]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        self.vehicles = [v for v in self.vehicles if v.active and v.passenger_seats > 0]
        self.drivers = [d for d in self.drivers if d.active]
        self._by_id = {d.id: d for d in self.drivers}
        self._defaults = {v.default_driver_id for v in self.vehicles}

    def vehicle_free(self, vehicle_id: int, span: Span) -> bool:
        return not any(overlaps(span, taken) for taken in self.vehicle_busy.get(vehicle_id, ()))

    def driver_free(self, driver: DriverRow, kind: str, span: Span) -> bool:
        """Active, licensed for ``kind`` (fleet_rules.licence_covers), on no trip and not away then."""
        return (licence_covers(kind, driver.licence_class)
                and not any(overlaps(span, taken) for taken in self.driver_busy.get(driver.id, ()))
                and driver_available(self.absences, driver.id, *span) is None)

    def driver_for(self, vehicle: VehicleRow, span: Span) -> DriverRow | None:
        """The car's default driver if free, else the free driver with the narrowest licence (an A1
        driver is kept for the coaches), nobody's default driver first, then by name."""
        default = self._by_id.get(vehicle.default_driver_id)
        if default is not None and self.driver_free(default, vehicle.kind, span):
            return default
        free = [d for d in self.drivers if self.driver_free(d, vehicle.kind, span)]
        return min(free, key=lambda d: (len(PERMITS.get(normalise_licence(d.licence_class), ())),
                                        d.id in self._defaults, d.name, d.id), default=None)

    def book(self, vehicle: VehicleRow, driver: DriverRow, span: Span) -> None:
        self.vehicle_busy[vehicle.id].append(span)
        self.driver_busy[driver.id].append(span)


def take_car(state: FleetState, span: Span, need: int, *,
             kinds: frozenset[str] | None = None) -> tuple[VehicleRow, DriverRow] | str:
    """Book the car for ``need`` people at ``span``: the smallest free car that carries them all, else the
    largest free car (so a group takes the fewest cars); own cars before hired ones at equal size. Each
    car needs a free driver. Returns the car and driver, or why there is none.
    """
    usable = [v for v in state.vehicles
              if (kinds is None or v.kind in kinds) and state.vehicle_free(v.id, span)]
    if not usable:
        return "该时段已无空闲的轿车或商务车供其单独乘坐" if kinds else "该时段已无空闲车辆"
    fitting = sorted((v for v in usable if v.passenger_seats >= need),
                     key=lambda v: (v.passenger_seats, v.hired, v.plate))
    larger_first = sorted((v for v in usable if v.passenger_seats < need),
                          key=lambda v: (-v.passenger_seats, v.hired, v.plate))
    for vehicle in fitting + larger_first:
        driver = state.driver_for(vehicle, span)
        if driver is not None:
            state.book(vehicle, driver, span)
            return vehicle, driver
    return "该时段空闲的车辆都没有可派的驾驶员（均已出车、请假或准驾车型不符）"


def place_groups(groups: Sequence[Group], state: FleetState, *, leader_rank: int,
                 convention: str = "xingming") -> tuple[list[Placement], list[Unplaced]]:
    """Put every group into cars: first each group's leaders, one to a sedan or MPV (in protocol order,
    the highest ranked first), then the others in protocol order into the fewest cars (take_car)."""
    placements: list[Placement] = []
    unplaced: list[Unplaced] = []
    ordered = [(g, official_order(list(g.riders), convention=convention)) for g in groups]
    for group, riders in ordered:
        for leader in (r for r in riders if is_leader(r, leader_rank)):
            got = take_car(state, group.span, 1, kinds=CARS_WITH_DRIVER)
            if isinstance(got, str):
                unplaced.append(Unplaced(leader.participation_id, leader.name, f"领导单独乘车，{got}"))
            else:
                placements.append(_placement(group, *got, [leader], convention, leader=True))
    for group, riders in ordered:
        rest = [r for r in riders if not is_leader(r, leader_rank)]
        while rest:
            got = take_car(state, group.span, len(rest))
            if isinstance(got, str):
                unplaced += [Unplaced(r.participation_id, r.name, got) for r in rest]
                break
            vehicle, driver = got
            load, rest = rest[:vehicle.passenger_seats], rest[vehicle.passenger_seats:]
            placements.append(_placement(group, vehicle, driver, load, convention))
    return placements, unplaced


def _placement(group: Group, vehicle: VehicleRow, driver: DriverRow, riders: list[Candidate],
               convention: str, *, leader: bool = False) -> Placement:
    seats = seat_order(vehicle.kind, riders, convention=convention)
    return Placement(group, vehicle, driver, tuple(seats), leader)
