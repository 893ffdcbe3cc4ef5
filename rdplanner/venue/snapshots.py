"""The venue set-up's part of the undo protocol (rdplanner.undo), keyed by event: its hall bookings and
set-ups with their checks and materials (rdplanner.table_state), compared and restored exactly (only the
version moves on), under the event's lock (store.lock_roster) that every venue service takes.
"""

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.models import Event, Hall, HallBooking, VenueCheck, VenueMaterial, VenueSetup
from rdplanner.store import lock_roster
from rdplanner.table_state import Scope, TableState, put_back, take
from rdplanner.undo import Restored

HALLS = Hall.__table__
BOOKINGS, SETUPS = HallBooking.__table__, VenueSetup.__table__
CHECKS, MATERIALS = VenueCheck.__table__, VenueMaterial.__table__


def _setups(event_id):
    return select(SETUPS.c.id).where(SETUPS.c.event_id == event_id)


# Parents first. A booking or set-up of a hall deleted since is skipped, with its checks and materials.
SCOPES = (
    Scope(BOOKINGS, lambda key: BOOKINGS.c.event_id == key, {"hall_id": HALLS}),
    Scope(SETUPS, lambda key: SETUPS.c.event_id == key, {"hall_id": HALLS}),
    Scope(CHECKS, lambda key: CHECKS.c.setup_id.in_(_setups(key)), {"setup_id": SETUPS}),
    Scope(MATERIALS, lambda key: MATERIALS.c.setup_id.in_(_setups(key)), {"setup_id": SETUPS}),
)


class VenueSnapshots:
    """The undo protocol for one event's venue set-up (key: the event id)."""

    domain = "venue"

    def take(self, session: Session, key: int) -> TableState:
        return take(session, SCOPES, key)

    def lock(self, session: Session, key: int) -> None:
        lock_roster(session, key)

    def restore(self, session: Session, key: int, state: TableState) -> Restored:
        done = put_back(session, SCOPES, state, what="会场布置")
        return Restored(Changes.of("venue", key), done.skipped)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(Event.name).where(Event.id == key))
        return f"活动“{name}”的会场布置" if name else "会场布置"


VENUE = VenueSnapshots()
