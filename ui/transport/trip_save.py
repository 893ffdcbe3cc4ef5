"""Saving the trip form as one user action: the trip's fields, then its car and driver, then its
passengers, through the core's trip services (rdplanner.transport.trips) in one transaction.

``save_trip`` is run by ui.undo.run_undoable between the transport snapshots, so each service's commit
only releases a savepoint and a refusal by any of them leaves nothing saved. Qt-free.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.transport.trips import assign, create_trip, set_passengers, update_trip
from rdplanner.transport.trips_read import TripRow


@dataclass(frozen=True)
class TripEdit:
    """The trip form's content: ``values`` are trip fields (trip_rules.FIELD_LABELS, sitting_id among
    them); ``passengers`` the riders (None: the list is left as saved), ``overrides`` participation id →
    seat position set by hand."""

    values: Mapping[str, Any]
    vehicle_id: int | None = None
    driver_id: int | None = None
    passengers: tuple[int, ...] | None = None
    overrides: Mapping[int, int] = field(default_factory=dict)


def save_trip(session: Session, *, event_id: int, edit: TripEdit, trip: TripRow | None = None) -> Outcome:
    """Create the trip (``trip`` None) or save the edit of ``trip``; value: the trip's id.

    A list no longer than the saved one is seated before the car changes, a longer one after, so neither
    step checks the seats against a car the other is about to replace.

    Raises:
        Whatever the trip services raise (InvalidInput naming the field, StaleEdit, NotFound).
    """
    if trip is None:
        values = dict(edit.values)
        outcome = create_trip(session, event_id=event_id, sitting_id=values.pop("sitting_id", None), **values)
        trip_id, version, riders = outcome.value, None, 0
    else:
        outcome = update_trip(session, trip_id=trip.id, expected_version=trip.version, values=edit.values)
        trip_id, version, riders = trip.id, outcome.value, len(trip.passengers)
    changes = outcome.changes
    now = (trip.vehicle_id, trip.driver_id) if trip is not None else (None, None)
    moved = now != (edit.vehicle_id, edit.driver_id)
    seated = edit.passengers is not None
    first = seated and len(edit.passengers) <= riders
    if first:
        changes |= _seat(session, trip_id, edit)
    if moved:
        changes |= assign(session, trip_id=trip_id, vehicle_id=edit.vehicle_id, driver_id=edit.driver_id,
                          expected_version=version).changes
    if seated and not first:
        changes |= _seat(session, trip_id, edit)
    return Outcome(changes, trip_id)


def _seat(session: Session, trip_id: int, edit: TripEdit) -> Changes:
    return set_passengers(session, trip_id=trip_id, participation_ids=list(edit.passengers or ()),
                          overrides=dict(edit.overrides)).changes
