"""Demo data: the small standing-committee meeting, the large congress session sized for the
benchmark, building it twice, and offering it once on the first run.
"""

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

import pytest
from memory_db import memory_session
from sqlalchemy import delete, func, select
from sqlmodel import Session

from rdplanner.budget.standards import load_standards
from rdplanner.demo import build_demo
from rdplanner.demo.first_run import ensure_demo_on_first_run
from rdplanner.demo.people import PersonFactory
from rdplanner.errors import InvalidInput
from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import (
    BudgetLine,
    Event,
    Layout,
    Meal,
    Participation,
    Person,
    ReviewNote,
    Room,
    Seat,
    Stay,
    Task,
    Vehicle,
)
from rdplanner.readiness.templates import load_task_templates

TODAY = date(2026, 11, 12)
GB11643_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


class Demo(NamedTuple):
    session: Session
    event_id: int


def gb11643_valid(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    check = (12 - sum(int(d) * w for d, w in zip(number[:17], GB11643_WEIGHTS, strict=True)) % 11) % 11
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return number[17] == ("X" if check == 10 else str(check))


def count_of(session: Session, model: type, *conditions) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions))


def roles_of(session: Session, event_id: int) -> Counter:
    return Counter(session.scalars(select(Participation.role).where(Participation.event_id == event_id)))


def people_of(session: Session, event_id: int) -> set[int]:
    return set(session.scalars(select(Participation.person_id).where(Participation.event_id == event_id)))


def person_names(session: Session) -> list[str]:
    return list(session.scalars(select(Person.name).order_by(Person.id)))


@pytest.fixture(scope="module")
def small() -> Iterator[Demo]:
    with memory_session() as session:
        yield Demo(session, build_demo(session, size="small", today=TODAY))


@pytest.fixture(scope="module")
def large() -> Iterator[Demo]:
    with memory_session() as session:
        yield Demo(session, build_demo(session, size="large", today=TODAY))


def test_person_factory_makes_the_same_people_from_the_same_seed():
    first, second = PersonFactory(seed=7), PersonFactory(seed=7)

    assert [first.person() for _ in range(20)] == [second.person() for _ in range(20)]


def test_person_factory_avoids_taken_id_numbers():
    taken = {PersonFactory(seed=7).person().id_card_no}

    assert PersonFactory(seed=7, taken_ids=taken).person().id_card_no not in taken


def test_build_demo_small_is_a_standing_committee_meeting_with_45_members(small):
    event = small.session.get(Event, small.event_id)

    roles = roles_of(small.session, small.event_id)
    assert (event.event_type, event.status, event.is_demo, roles["member"]) == (
        "standing_committee", "planning", True, 45,
    )
    assert roles["attendee"] and roles["observer"] and roles["staff"]


def test_build_demo_small_opens_a_fortnight_ahead(small):
    event = small.session.get(Event, small.event_id)

    assert (event.start_date, event.end_date) == (TODAY + timedelta(days=14), TODAY + timedelta(days=15))


def test_build_demo_small_gives_every_person_a_valid_id_number(small):
    numbers = list(small.session.scalars(select(Person.id_card_no)))

    assert numbers and [n for n in numbers if not gb11643_valid(n)] == []


def test_build_demo_small_gives_every_person_a_distinct_id_number(small):
    numbers = list(small.session.scalars(select(Person.id_card_no)))

    assert len(set(numbers)) == len(numbers) == count_of(small.session, Person)


def test_build_demo_small_id_numbers_carry_the_gender_digit(small):
    people = small.session.execute(select(Person.gender, Person.id_card_no)).all()

    assert all(int(number[16]) % 2 == (gender == "男") for gender, number in people)


def test_build_demo_small_follows_a_closed_previous_meeting_with_review_notes(small):
    event = small.session.get(Event, small.event_id)

    previous = small.session.get(Event, event.previous_event_id)
    kinds = Counter(small.session.scalars(select(ReviewNote.kind).where(ReviewNote.event_id == previous.id)))
    assert (previous.status, previous.event_type) == ("closed", "standing_committee")
    assert previous.end_date < TODAY
    assert kinds["improve"] and kinds["keep"]


def test_build_demo_small_previous_meeting_tasks_are_all_done(small):
    previous_id = small.session.get(Event, small.event_id).previous_event_id

    statuses = set(small.session.scalars(select(Task.status).where(Task.event_id == previous_id)))

    assert statuses == {"done"}


def test_build_demo_small_tasks_follow_the_template_with_due_dates_from_the_meeting(small):
    event = small.session.get(Event, small.event_id)
    templates = load_task_templates("standing_committee")

    tasks = small.session.execute(select(Task.phase, Task.title, Task.due_date)
                                  .where(Task.event_id == event.id).order_by(Task.sort_order)).all()

    expected = [
        (t.phase, t.title, (event.end_date if t.phase == "after" else event.start_date)
         + timedelta(days=t.due))
        for t in templates
    ]
    assert templates and tasks == expected


def test_build_demo_small_marks_tasks_by_their_due_date(small):
    tasks = small.session.execute(select(Task.due_date, Task.status, Task.done_at)
                                  .where(Task.event_id == small.event_id)).all()

    due_by_status: dict[str, set[date]] = {}
    for due, status, _ in tasks:
        due_by_status.setdefault(status, set()).add(due)
    assert due_by_status.keys() == {"done", "doing", "todo"}
    assert max(due_by_status["done"]) < TODAY  # nothing overdue is left open…
    assert due_by_status["doing"] == {TODAY}  # …today's work is under way…
    assert min(due_by_status["todo"]) > TODAY  # …and only later work is still to do
    assert all((done_at is not None and done_at.date() <= TODAY) == (status == "done")
               for _, status, done_at in tasks)


def test_build_demo_small_budget_stays_within_the_expense_standard_ceiling(small):
    event = small.session.get(Event, small.event_id)
    _, standards = load_standards()
    people = count_of(small.session, Participation, Participation.event_id == event.id)
    days = (event.end_date - event.start_date).days + 1

    planned = small.session.scalar(
        select(func.sum(BudgetLine.planned_fen)).where(BudgetLine.event_id == event.id))

    assert 0 < planned <= standards[event.expense_category].total * 100 * people * days


def test_build_demo_large_matches_the_benchmark_spec(large):
    s, event_id = large
    hall_id = s.get(Event, event_id).hall_id

    figures = {
        "participants": count_of(s, Participation, Participation.event_id == event_id),
        "seats": count_of(s, Seat, Seat.layout_id.in_(select(Layout.id).where(Layout.hall_id == hall_id))),
        "vehicles": count_of(s, Vehicle),
        "rooms": count_of(s, Room),
        "meals": count_of(s, Meal, Meal.event_id == event_id),
        "budget lines": count_of(s, BudgetLine, BudgetLine.event_id == event_id),
        "tasks": count_of(s, Task, Task.event_id == event_id),
    }

    assert figures == {"participants": 800, "seats": 1000, "vehicles": 40, "rooms": 450, "meals": 15,
                       "budget lines": 60, "tasks": 150}


def test_build_demo_large_lodges_600_people_for_the_session_and_the_staff_from_the_night_before(large):
    event = large.session.get(Event, large.event_id)
    stays = large.session.execute(
        select(Participation.role, Stay.check_in, Stay.check_out).join(Participation, Participation.id == Stay.participation_id)
        .where(Stay.event_id == large.event_id)).all()

    assert len(stays) >= 600
    assert {(role == "staff", check_in, check_out) for role, check_in, check_out in stays} == {
        (False, event.start_date, event.end_date), (True, event.start_date - timedelta(days=1), event.end_date)}


def test_build_demo_large_is_a_congress_session(large):
    event = large.session.get(Event, large.event_id)

    assert (event.event_type, event.expense_category, (event.end_date - event.start_date).days + 1) == (
        "congress_session", 1, 5,
    )


def test_build_demo_large_gives_every_person_a_valid_distinct_id_number(large):
    numbers = list(large.session.scalars(select(Person.id_card_no)))

    assert len(set(numbers)) == len(numbers) == 800
    assert [n for n in numbers if not gb11643_valid(n)] == []


def test_build_demo_twice_in_one_database_makes_two_demo_events(session):
    first = build_demo(session, size="small", today=TODAY)

    second = build_demo(session, size="small", today=TODAY)

    assert first != second
    assert roles_of(session, second) == roles_of(session, first)
    assert count_of(session, Event, Event.is_demo.is_(True)) == 4


def test_build_demo_twice_in_one_database_adds_new_people(session):
    first = build_demo(session, size="small", today=TODAY)
    people_after_first = count_of(session, Person)

    second = build_demo(session, size="small", today=TODAY)

    assert people_of(session, first).isdisjoint(people_of(session, second))
    assert count_of(session, Person) == 2 * people_after_first


def test_build_demo_large_after_small_still_has_450_rooms_and_lodges_the_same(session):
    build_demo(session, size="small", today=TODAY)

    event_id = build_demo(session, size="large", today=TODAY)

    lodged = session.scalar(select(func.count(Stay.id)).where(Stay.event_id == event_id))
    assert count_of(session, Room) == 450 and lodged >= 600


def test_build_demo_in_an_empty_database_is_deterministic():
    with memory_session() as first, memory_session() as second:
        build_demo(first, size="small", today=TODAY)
        build_demo(second, size="small", today=TODAY)

        assert person_names(first) == person_names(second) != []


def test_build_demo_rejects_unknown_size(session):
    with pytest.raises(InvalidInput) as caught:
        build_demo(session, size="huge")

    assert caught.value.field == "size"
    assert count_of(session, Event) == 0


def test_build_demo_reports_progress_up_to_done(session):
    reported: list[float] = []

    build_demo(session, size="small", today=TODAY, progress=reported.append)

    assert reported == sorted(reported) and reported[-1] == 1.0


def test_ensure_demo_on_first_run_creates_the_small_demo(session):
    event_id = ensure_demo_on_first_run(session)

    event = session.get(Event, event_id)
    assert (event.event_type, event.is_demo) == ("standing_committee", True)


def test_ensure_demo_on_first_run_creates_it_only_once(session):
    ensure_demo_on_first_run(session)
    events = count_of(session, Event)

    again = ensure_demo_on_first_run(session)

    assert again is None
    assert count_of(session, Event) == events


def test_ensure_demo_on_first_run_does_not_return_after_every_event_was_deleted(session):
    ensure_demo_on_first_run(session)
    session.execute(delete(Event))
    session.commit()

    again = ensure_demo_on_first_run(session)

    assert again is None
    assert count_of(session, Event) == 0


def test_ensure_demo_on_first_run_leaves_a_database_with_events_alone(session):
    create_event(session, draft=EventDraft(name="主任会议", event_type="directors_meeting",
                                           start_date=TODAY, end_date=TODAY))

    created = ensure_demo_on_first_run(session)

    assert created is None
    assert count_of(session, Event) == 1 and count_of(session, Person) == 0


def test_ensure_demo_on_first_run_never_offers_it_once_the_office_had_events(session):
    event_id, _ = create_event(session, draft=EventDraft(name="主任会议", event_type="directors_meeting",
                                                         start_date=TODAY, end_date=TODAY))
    ensure_demo_on_first_run(session)
    session.execute(delete(Event).where(Event.id == event_id))
    session.commit()

    created = ensure_demo_on_first_run(session)

    assert created is None
    assert count_of(session, Event) == 0


def test_build_demo_large_ranks_only_the_presidium_and_each_delegation_has_a_block_leader(large):
    session, event_id = large
    from rdplanner.demo import plans
    from rdplanner.models import Participation, Person

    rows = session.execute(select(Participation.delegation, Participation.rank_order, Person.post)
                           .join(Person, Person.id == Participation.person_id)
                           .where(Participation.event_id == event_id, Participation.role == "deputy")).all()
    ranked = sorted(r.rank_order for r in rows if r.rank_order > 0)
    assert ranked == list(range(1, sum(plans.CONGRESS_ROSTRUM) + 1))  # the presidium fills the rostrum
    for delegation in plans.DELEGATIONS:
        leaders = [r for r in rows if r.delegation == delegation and "副团长" in r.post]
        assert len(leaders) == 1 and leaders[0].rank_order == 0  # seated in the hall, first row of the block


def test_demo_ranks_only_people_with_a_protocol_post():
    """旁听 citizens have no 职务排序, so the roster lists them by strokes; 主任会议 members are ranked."""
    session = memory_session()
    event_id = build_demo(session, size="small")
    ranks = session.execute(select(Participation.role, Participation.rank_order)
                            .where(Participation.event_id == event_id)).all()
    assert {rank for role, rank in ranks if role == "observer"} == {0}
    assert any(rank > 0 for role, rank in ranks if role == "member")
