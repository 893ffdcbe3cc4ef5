"""Seating documents: the rostrum cards follow the protocol rank (No.1 first)."""

from sqlmodel import select

from rdplanner.demo import build_demo
from rdplanner.models import Participation, Person
from rdplanner.seating.documents import rostrum_names


def test_rostrum_names_start_with_rank_one(session):
    event_id = build_demo(session, size="small")
    names = rostrum_names(session, event_id=event_id)
    director = session.exec(
        select(Person.name).join(Participation, Participation.person_id == Person.id)
        .where(Participation.event_id == event_id, Participation.role == "member", Participation.rank_order == 1)
    ).one()
    assert len(names) == 9
    assert names[0] == director
