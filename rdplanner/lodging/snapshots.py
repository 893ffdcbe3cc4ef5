"""Lodging's part of the undo protocol (rdplanner.undo), keyed by event: its stays, room blocks and
allocation rules as plain rows (rdplanner.table_state), restored with the same ids under the event's lock
(store.lock_roster) that every lodging service takes, and the rooms' locks; a restore that would put more
guests (of every event) into a room than its beds is refused (StaleEdit). A stay whose room or person has
gone since is skipped and counted; so is a block whose room type has gone.
"""

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.errors import StaleEdit
from rdplanner.lodging.beds import guests_by_night, lock_rooms, room_label
from rdplanner.lodging.nights import day_text
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
        table = next(t for t in state.tables if t.table == STAYS.name)
        column = table.columns.index("room_id")
        rooms = {row[column] for row in table.rows}
        lock_rooms(session, rooms)
        done = put_back(session, SCOPES, state, what="住宿安排")
        crowded = _crowded(session, rooms)
        if crowded:
            session.rollback()
            raise StaleEdit(f"{crowded}，无法撤销或重做（房间的床位或其他活动的住宿在此期间有变化）；请刷新后再操作。")
        stays = done.touched.get(STAYS.name, frozenset())
        return Restored(Changes.of("lodging", key, rows=tuple(("stay", i) for i in sorted(stays))), done.skipped)

    def describe(self, session: Session, key: int) -> str:
        name = session.scalar(select(Event.name).where(Event.id == key))
        return f"活动“{name}”的住宿安排" if name else "住宿安排"


def _crowded(session: Session, rooms: set[int]) -> str | None:
    """"饭店 301 房间6月2日晚住 3 人，只有 2 个床位" for the first room over its beds (every event)."""
    if not rooms:
        return None
    beds = dict(session.execute(select(Room.id, RoomType.beds).join(RoomType, RoomType.id == Room.room_type_id)
                                .where(Room.id.in_(sorted(rooms)))).all())
    for room_id, nights in sorted(guests_by_night(session, rooms).items()):
        for night, here in sorted(nights.items()):
            if len(here) > beds.get(room_id, 0):
                return f"{room_label(session, room_id)[0]}{day_text(night)}晚将住 {len(here)} 人，只有 {beds[room_id]} 个床位"
    return None


LODGING = LodgingSnapshots()
