"""Who needs a ride and has none: the participants who need transport (用车) and attend a programme
item that transport is planned for, with no seat on any of its trips."""

from collections.abc import Sequence

from rdplanner.problems import COMPLETE, ERROR, Problem, refs
from rdplanner.programme.read import Programme
from rdplanner.transport.trips_read import TripRow

MAX_NAMES = 5
TRAVEL_KINDS = frozenset({"visit"})  # items always reached by car; others only once a trip is planned


def unserved_passengers(programme: Programme, trips: Sequence[TripRow], needs: dict[int, str]) -> list[Problem]:
    """For each item with a trip planned (and every site visit), the attendees in ``needs`` (participation
    id → name: those who need transport and are not on leave) who ride on none of its trips."""
    riding: dict[int, set[int]] = {}
    for trip in trips:
        if trip.sitting_id is not None:
            riding.setdefault(trip.sitting_id, set()).update(trip.passenger_ids)
    found = []
    for item in programme.items:
        if item.id not in riding and item.kind not in TRAVEL_KINDS:
            continue
        missing = sorted((p for p in item.attendee_ids if p in needs and p not in riding.get(item.id, set())),
                         key=lambda p: needs[p])
        if not missing:
            continue
        names = "、".join(needs[p] for p in missing[:MAX_NAMES]) + ("等" if len(missing) > MAX_NAMES else "")
        found.append(Problem(
            "passenger_without_trip",
            f"“{item.label}”有 {len(missing)} 名需要用车的参加人员未安排车辆：{names}。",
            refs("transport", "item", [item.id]) + refs("transport", "participation", missing),
            ERROR, COMPLETE, "transport"))
    return found
