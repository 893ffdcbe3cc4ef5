"""Who needs a ride and has none: the participants who need transport (用车) and attend a programme
item that transport is planned for, with no seat on any of its trips."""

from collections.abc import Sequence

from rdplanner.problems import COMPLETE, ERROR, Problem, refs
from rdplanner.programme.read import Programme
from rdplanner.transport.trips_read import TripRow

MAX_NAMES = 5
TRAVEL_KINDS = frozenset({"visit", "arrival", "departure"})  # always by car (those met, seen off); others once a trip is planned


def unserved_passengers(programme: Programme, trips: Sequence[TripRow], needs: dict[int, str],
                        pickup: dict[int, str] | None = None, dropoff: dict[int, str] | None = None) -> list[Problem]:
    """For each item with a trip planned (and every site visit), the attendees who need a ride and ride
    on none of its trips. Each map is participation id → name of those not on leave: ``needs`` those who
    need transport (用车), ``pickup`` those to be met (接站, for an arrival item), ``dropoff`` those to be
    seen off (送站, for a departure item), as the planner takes them."""
    by_kind = {"arrival": pickup if pickup is not None else needs,
               "departure": dropoff if dropoff is not None else needs}
    riding: dict[int, set[int]] = {}
    for trip in trips:
        if trip.sitting_id is not None:
            riding.setdefault(trip.sitting_id, set()).update(trip.passenger_ids)
    found = []
    for item in programme.items:
        if item.id not in riding and item.kind not in TRAVEL_KINDS:
            continue
        wanted = by_kind.get(item.kind, needs)
        missing = sorted((p for p in item.attendee_ids if p in wanted and p not in riding.get(item.id, set())),
                         key=lambda p: wanted[p])
        if not missing:
            continue
        names = "、".join(wanted[p] for p in missing[:MAX_NAMES]) + ("等" if len(missing) > MAX_NAMES else "")
        found.append(Problem(
            "passenger_without_trip",
            f"“{item.label}”有 {len(missing)} 名需要用车的参加人员未安排车辆：{names}。",
            refs("transport", "item", [item.id]) + refs("transport", "participation", missing),
            ERROR, COMPLETE, "transport"))
    return found
