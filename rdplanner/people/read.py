"""Read models of the people of an event."""

from dataclasses import dataclass
from datetime import date
from typing import Optional

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.labels import ROLES
from rdplanner.models import Participation, Person
from rdplanner.readmodels import load_rows


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    """A participant of an event with the directory fields the plans need."""

    id: int
    person_id: int
    name: str
    gender: str
    ethnicity: str
    unit: str
    post: str
    role: str
    rank_order: int
    delegation: str
    needs_lodging: bool
    needs_meals: bool
    needs_transport: bool
    dietary: str
    leave_status: str
    arrival_date: Optional[date]
    departure_date: Optional[date]

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


def load_participants(session: Session, event_id: int) -> tuple[ParticipantRow, ...]:
    """Return the event's participants by role and rank."""
    p, person = Participation, Person
    query = (
        select(p.id, p.person_id, person.name, person.gender, person.ethnicity, person.unit, person.post,
               p.role, p.rank_order, p.delegation, p.needs_lodging, p.needs_meals, p.needs_transport,
               p.dietary, p.leave_status, p.arrival_date, p.departure_date)
        .join(person, person.id == p.person_id)
        .where(p.event_id == event_id)
        .order_by(p.role, p.rank_order, p.id)
    )
    return load_rows(session, ParticipantRow, query)
