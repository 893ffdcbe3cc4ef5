"""Lodging's part of the undo protocol (rdplanner.undo), keyed by event: its stays, room blocks and
allocation rules as plain rows (rdplanner.table_state), restored with the same ids under the event's lock
(store.lock_roster) that every lodging service takes. A stay whose room or person has gone since is
skipped and counted; so is a block whose room type has gone.
"""

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.models import Event, LodgingPolicy, Participation, Room, RoomBlock, RoomType, Stay
from rdplanner.store import lock_roster
from rdplanner.table_state import Scope, TableState, put_back, take
from rdplanner.undo import Restored

STAYS, BLOCKS, POLICIES = Stay.__table__, RoomBlock.__table__, LodgingPolicy.__table__

SCOPES = (
    Scope(POLICIES, lambda key: POLICIES.c.event_id == key),
    Scope(BLOCKS, lambda key: BLOCKS.c.event_id == key, {"room_type_id": RoomType.__table__}),
    Scope(STAYS, lambda key: STAYS.c.event_id == key,
          {"room_id": Room.__table__, "participation_id": Participation.__table__}),
)


class LodgingSnapshots:
    """The undo protocol for one event's lodging (key: the event id)."""

    domain = "lodging"

    def take(self, session: Session, key: int) -> TableState:
        return take(session, SCOPES, key)

    def lock(self, session: Session, key: int) -> None:
        lock_roster(session, key)

    def restore(self, session: Session, key: int, state: TableState) -> Restored:
        done = put_back(session, SCOPES, state, what="住宿安排")
        stays = done.touched.get(STAYS.name, frozenset())
        return Restored(Changes.of("lodging", key, rows=tuple(("stay", i) for i in sorted(stays))), done.skipped)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(Event.name).where(Event.id == key))
        return f"活动“{name}”的住宿安排" if name else "住宿安排"


LODGING = LodgingSnapshots()
