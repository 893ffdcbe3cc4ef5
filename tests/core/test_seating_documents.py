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


def test_seating_reports_names_the_print_fonts_cannot_draw(session):
    from rdplanner.people.service import ParticipationDraft, PersonDraft, add_new_person
    from rdplanner.seating.service import ensure_seat_plan, load_seating, run_auto_seating

    event_id = build_demo(session, size="small")
    add_new_person(session, event_id=event_id, person=PersonDraft(name="王\U00020000"),
                   participation=ParticipationDraft(role="attendee"))
    plan_id, _ = ensure_seat_plan(session, event_id=event_id)
    run_auto_seating(session, seat_plan_id=plan_id)
    problems = [p for p in load_seating(session, seat_plan_id=plan_id).problems if p.code == "unprintable_name"]
    assert len(problems) == 1
    assert "U+20000" in problems[0].message
