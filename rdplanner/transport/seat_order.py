"""The protocol order of a trip's passengers (乘车座次, DOMAIN §2): who takes which seat, pure.

A seat position is the seat's rank: 1 is the seat of honour. In a car with a driver (sedan, mpv) seat 1 is
rear right, 2 rear left, 3 the front passenger seat, then the seats further back; in a minibus or coach
seat 1 is the first row and the seats follow towards the back. The position therefore keeps its meaning
when the trip changes vehicle; only its label (``seat_label``) depends on the vehicle's kind.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from typing import NamedTuple

from rdplanner.people.roster_order import official_order

CARS_WITH_DRIVER = frozenset({"sedan", "mpv"})
# The seats of a car in protocol order, after the driver's. A 7-seat MPV has its seats of honour in the
# second row (the captain's chairs), then the front passenger seat, then the third row.
CAR_SEATS: dict[str, tuple[str, ...]] = {
    "sedan": ("后排右", "后排左", "副驾驶", "后排中"),
    "mpv": ("二排右", "二排左", "副驾驶", "三排右", "三排左", "三排中"),
}


@dataclass(frozen=True, slots=True)
class Rider:
    """A passenger as the order needs them: the roster's rank key (role, 职务排序) and the name's strokes."""

    participation_id: int
    name: str
    role: str
    rank_order: int = 0


class SeatPlace(NamedTuple):
    participation_id: int
    seat_position: int
    label: str


def seat_label(kind: str | None, position: int) -> str:
    """Return the printed name of seat ``position`` (1 = seat of honour) in a vehicle of ``kind``.

    A car's seats past its named ones, and every seat of a minibus, coach or not yet chosen vehicle,
    are numbered from the front: 第1座, 第2座 …
    """
    names = CAR_SEATS.get(kind or "", ())
    return names[position - 1] if 0 < position <= len(names) else f"第{position}座"


def seat_order(kind: str | None, passengers: Sequence[Rider], overrides: Mapping[int, int] | None = None,
               *, convention: str = "xingming") -> list[SeatPlace]:
    """Seat the passengers in protocol order; return their places sorted by seat position.

    Rank is the roster's official order (rdplanner.people.roster_order.official_order): role in the order
    of ROLES, the ranked by 职务排序, the others by name strokes under ``convention``. ``overrides`` fixes
    a participant's seat position by hand; the others take the free positions in rank order.

    Args:
        kind: the vehicle's kind (sedan, mpv, minibus, coach), None while no vehicle is chosen.
        passengers: anything with participation_id, name, role and rank_order.
        overrides: participation id → seat position (≥ 1), for people among ``passengers``.

    Raises:
        ValueError: an override names someone not riding, a position below 1, or a position twice.
    """
    overrides = dict(overrides or {})
    _check_overrides(passengers, overrides)
    taken = set(overrides.values())
    free = (p for p in count(1) if p not in taken)
    places = []
    for rider in official_order(list(passengers), convention=convention):
        position = overrides.get(rider.participation_id) or next(free)
        places.append(SeatPlace(rider.participation_id, position, seat_label(kind, position)))
    return sorted(places, key=lambda place: place.seat_position)


def _check_overrides(passengers: Sequence[Rider], overrides: Mapping[int, int]) -> None:
    riding = {p.participation_id for p in passengers}
    strangers = sorted(set(overrides) - riding)
    if strangers:
        raise ValueError(f"overrides for people not riding: {strangers}")
    if any(position < 1 for position in overrides.values()):
        raise ValueError("seat positions start at 1")
    if len(set(overrides.values())) != len(overrides):
        raise ValueError("two people given the same seat position")


def passenger_seats(seats: int) -> int:
    """How many passengers a vehicle of ``seats`` seats carries: its seat count includes the driver's."""
    return max(seats - 1, 0)
