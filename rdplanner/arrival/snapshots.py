"""The arrival desk's part of the undo protocol (rdplanner.undo), keyed by (event id, participation id):
one person's check-in (rdplanner.table_state), under the event's lock (store.lock_roster) every arrival
service takes. Keyed per person, not per event, so that one desk can take back its own last mark while
another desk keeps marking other people.
"""

from sqlalchemy import and_, select
from sqlmodel import Session

from rdplanner.arrival.service import arrival_changes
from rdplanner.models import ArrivalCheckIn, Event, Participation, Person
from rdplanner.store import lock_roster
from rdplanner.table_state import Scope, TableState, put_back, take
from rdplanner.undo import Restored

CHECK_INS = ArrivalCheckIn.__table__
PARTICIPATIONS = Participation.__table__

SCOPES = (
    Scope(CHECK_INS, lambda key: and_(CHECK_INS.c.event_id == key[0], CHECK_INS.c.participation_id == key[1]),
          {"participation_id": PARTICIPATIONS}),
)


class ArrivalSnapshots:
    """The undo protocol for one person's arrival (key: (event id, participation id))."""

    domain = "arrival"

    def take(self, session: Session, key: tuple[int, int]) -> TableState:
        return take(session, SCOPES, key)

    def lock(self, session: Session, key: tuple[int, int]) -> None:
        lock_roster(session, key[0])

    def restore(self, session: Session, key: tuple[int, int], state: TableState) -> Restored:
        done = put_back(session, SCOPES, state, what="报到记录")
        return Restored(arrival_changes(key[0], [key[1]]), done.skipped)

    def describe(self, session: Session, key: tuple[int, int]) -> str:
        name = session.scalar(select(Person.name).join(Participation, Participation.person_id == Person.id)
                              .where(Participation.id == key[1]))
        event = session.scalar(select(Event.name).where(Event.id == key[0]))
        return f"{name}的报到记录" if name and event else "报到记录"


ARRIVAL = ArrivalSnapshots()
