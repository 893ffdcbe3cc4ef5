"""Build a demo event with every plan filled in, as the office would have it a fortnight ahead.

small: a 常委会会议 (45 members, 列席, 旁听, staff; hall, cars, hotel, meals, budget, tasks) and the
previous meeting, closed, whose review notes feed this one. large: a 人民代表大会会议 sized for the
benchmark (800 participants, 1,000 seats, 40 vehicles, 450 rooms × 5 nights, 15 meals, 60 budget
lines, 150 tasks).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlmodel import Session

from rdplanner.demo import catering_demo, plans, transport
from rdplanner.demo.lodging_demo import lodging as lodge
from rdplanner.demo.people import DemoPerson, PersonFactory
from rdplanner.demo.venue_demo import venue_setup
from rdplanner.errors import InvalidInput
from rdplanner.models import BodyMembership, Event, Participation, Person, ReviewNote, Task
from rdplanner.progress import Progress, no_progress
from rdplanner.readiness.templates import load_task_templates


@dataclass
class Cast:
    """The people of one demo event by role, each with the participation fields to use."""

    rows: list[dict]
    people: list[DemoPerson]


def build_demo(
    session: Session, *, size: str = "small", today: date | None = None, progress: Progress = no_progress
) -> int:
    """Create the demo event (and what it needs) and return its id.

    Raises:
        InvalidInput if ``size`` is not small or large.
    """
    if size not in ("small", "large"):
        raise InvalidInput(f"演示数据规模应为 small 或 large，而不是“{size}”。", field="size")
    today = today or date.today()
    taken = set(session.scalars(select(Person.id_card_no).where(Person.id_card_no.is_not(None))))
    factory = PersonFactory(seed=20261126 + len(taken), taken_ids=taken)
    if size == "small":
        event_id = _build_standing_committee(session, factory, today, progress)
    else:
        event_id = _build_congress(session, factory, today, progress)
    session.commit()
    progress(1.0)
    return event_id


def _build_standing_committee(session: Session, factory: PersonFactory, today: date, progress: Progress) -> int:
    hall_id, venue_id = plans.standing_committee_hall(session)
    cast = _standing_committee_cast(factory)
    person_ids = _insert_people(session, cast.people)
    _insert_memberships(session, cast, person_ids, body="standing_committee")
    progress(0.3)
    previous = _event(session, "市第十七届人大常委会第二十二次会议", "standing_committee",
                      today - timedelta(days=47), 2, venue_id, hall_id, status="closed")
    _participations(session, previous, cast, person_ids)
    _tasks(session, previous, done=True)
    _review_notes(session, previous)
    _seat(session, previous.id)  # the last meeting's seating: this meeting's rotation follows on from it
    start = today + timedelta(days=14)
    event = _event(session, "市第十七届人大常委会第二十三次会议", "standing_committee", start, 2,
                   venue_id, hall_id, status="planning", previous_id=previous.id)
    participation_ids = _participations(session, event, cast, person_ids)
    progress(0.6)
    plans.committee_programme(session, event, hall_id)
    venue_setup(session, event, approved=True, checks_done=4, contact="机关事务管理局 刘敏", phone="0571-87051234")
    transport.fleet(session, size="small")
    transport.plan_trips(session, event.id)
    lodge(session, event, cast.rows, participation_ids, size="small", today=today)
    catering_demo.meals(session, event, findings=False)
    plans.budget(session, event, cast.rows, lines=None)
    _tasks(session, event, today=today)
    plans.contingencies(session, event)
    return event.id


PRESIDIUM = (0, 2, 3, 4, 5)  # positions within each delegation's list (0 is the 团长, 1 the 副团长)


def _seat(session: Session, event_id: int) -> None:
    from rdplanner.seating.service import ensure_seat_plan, run_auto_seating

    plan_id, _ = ensure_seat_plan(session, event_id=event_id)
    run_auto_seating(session, seat_plan_id=plan_id)


def _build_congress(session: Session, factory: PersonFactory, today: date, progress: Progress) -> int:
    hall_id, venue_id = plans.congress_hall(session)
    cast = _congress_cast(factory)
    person_ids = _insert_people(session, cast.people)
    _insert_memberships(session, cast, person_ids, body="congress")
    progress(0.3)
    start = today + timedelta(days=30)
    event = _event(session, "市第十七届人民代表大会第五次会议", "congress_session", start, 5,
                   venue_id, hall_id, status="planning", category=1)
    participation_ids = _participations(session, event, cast, person_ids)
    progress(0.6)
    plans.congress_programme(session, event, hall_id)
    venue_setup(session, event, approved=False, checks_done=2, contact="市人民大会堂 陈主任", phone="0571-87060000")
    transport.fleet(session, size="large")
    transport.absences(session, start)
    transport.plan_trips(session, event.id)
    inspection = _event(session, "市人大代表专题视察（城市更新）", "deputy_inspection",
                        start + timedelta(days=1), 3, venue_id, hall_id, status="planning")
    transport.inspection(session, inspection, person_ids[:20], event)  # a central district's deputies
    lodge(session, event, cast.rows, participation_ids, size="large", today=today)
    catering_demo.meals(session, event, findings=True)
    plans.budget(session, event, cast.rows, lines=60)
    _tasks(session, event, today=today, total=150)
    plans.contingencies(session, event)
    return event.id


def _event(session: Session, name: str, event_type: str, start: date, days: int, venue_id: int,
           hall_id: int, *, status: str, previous_id: int | None = None, category: int = 2) -> Event:
    event = Event(
        name=name,
        event_type=event_type,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        venue_id=venue_id,
        hall_id=hall_id,
        expense_category=category,
        organiser="市人大常委会办公室",
        status=status,
        notes="演示数据：可随意修改或删除，不影响其他活动。",
        previous_event_id=previous_id,
        is_demo=True,
    )
    session.add(event)
    session.flush()
    return event


def _standing_committee_cast(factory: PersonFactory) -> Cast:
    rows: list[dict] = []
    people: list[DemoPerson] = []

    def add(person: DemoPerson, role: str, rank: int, **needs) -> None:
        people.append(person)
        rows.append({"role": role, "rank_order": rank, "dietary": person.dietary,
                     "delegation": person.delegation, **needs})

    for rank, (post, unit) in enumerate(plans.standing_committee_posts(factory), 1):
        person = factory.person(min_age=45)
        person.post, person.unit = post, unit
        # Only the 主任会议 (主任, 副主任, 秘书长) is ranked: it takes the rostrum; the 委员 sit by strokes,
        # so a leader on leave leaves a chair to take out of use, never a 委员 on the rostrum. The
        # members review bills in four groups (分组审议).
        add(person, "member", rank if post != "委员" else 0, needs_lodging=factory.chance(0.15),
            group_name=plans.COMMITTEE_GROUPS[(rank - 1) % len(plans.COMMITTEE_GROUPS)])
    for rank, (post, unit, lodging) in enumerate(plans.ATTENDEE_POSTS, 1):
        person = factory.person(min_age=40)
        person.post, person.unit = post, unit
        add(person, "attendee", rank, needs_lodging=lodging, **transport.committee_reply(rank, lodging))
    for _ in range(8):
        person = factory.person(min_age=25, max_age=65)
        person.unit, person.post = factory.pick(plans.OBSERVER_UNITS), "市民"
        add(person, "observer", 0)  # 旁听 citizens have no protocol rank: listed by strokes
    for rank, post in enumerate(plans.STAFF_POSTS, 1):
        person = factory.person(min_age=24, max_age=55)
        person.unit, person.post = "市人大常委会办公室", post
        add(person, "staff", rank)
    return Cast(rows=rows, people=people)


def _congress_cast(factory: PersonFactory) -> Cast:
    rows: list[dict] = []
    people: list[DemoPerson] = []
    per_delegation = 620 // len(plans.DELEGATIONS)
    for d_index, delegation in enumerate(plans.DELEGATIONS):
        count = per_delegation + (1 if d_index < 620 % len(plans.DELEGATIONS) else 0)
        for n in range(count):
            person = factory.person(min_age=30, max_age=65)
            person.delegation = delegation
            person.post, person.unit = plans.deputy_post(factory, delegation, n)
            people.append(person)
            # Only the presidium is ranked (it sits on the rostrum): each delegation's head (团长) and three
            # deputies, the heads first; the 副团长 leads the delegation's block in the hall, and the other
            # deputies are seated by name strokes.
            seat = PRESIDIUM.index(n) if n in PRESIDIUM else None
            rank = seat * len(plans.DELEGATIONS) + d_index + 1 if seat is not None else 0
            rank = rank if rank <= sum(plans.CONGRESS_ROSTRUM) else 0
            rows.append({"role": "deputy", "rank_order": rank, "delegation": delegation,
                         "group_name": delegation, "dietary": person.dietary, "needs_lodging": n % 9 != 8,
                         **transport.travel_reply(d_index, n, n % 9 != 8)})
    for role, count in (("attendee", 100), ("observer", 30), ("staff", 40), ("media", 10)):
        for n in range(count):
            person = factory.person(min_age=24, max_age=62)
            person.post, person.unit = plans.other_post(factory, role, n)
            people.append(person)
            rows.append({"role": role, "rank_order": n + 1, "dietary": person.dietary,
                         "needs_lodging": role in ("attendee", "staff") and n % 3 == 0})
    return Cast(rows=rows, people=people)


def _insert_people(session: Session, people: list[DemoPerson]) -> list[int]:
    values = [
        {"name": p.name, "gender": p.gender, "ethnicity": p.ethnicity, "unit": p.unit, "post": p.post,
         "delegation": p.delegation, "phone": p.phone, "id_card_no": p.id_card_no}
        for p in people
    ]
    return _insert_returning(session, Person, values)


def _insert_memberships(session: Session, cast: Cast, person_ids: list[int], *, body: str) -> None:
    voting = {"member", "deputy"}
    values = [
        {"person_id": pid, "body": body, "post": person.post if body == "standing_committee" else "代表",
         "rank_order": row["rank_order"], "term": "第十七届", "start_date": date(2023, 1, 12)}
        for pid, person, row in zip(person_ids, cast.people, cast.rows)
        if row["role"] in voting
    ]
    session.execute(insert(BodyMembership), values)


def _participations(session: Session, event: Event, cast: Cast, person_ids: list[int]) -> list[int]:
    values = [
        {"event_id": event.id, "person_id": pid, "needs_meals": True, "needs_lodging": False,
         "needs_transport": False, "arrival_date": event.start_date, "departure_date": event.end_date,
         "pickup_point": plans.HOTEL if row.get("needs_lodging") else transport.CITY_CENTRE}
        | row
        for pid, row in zip(person_ids, cast.rows)
    ]
    # Two ordinary members (委员, or deputies outside the presidium) are away on approved leave.
    for value in values[20:22] if event.status == "planning" else ():
        value["leave_status"], value["leave_reason"] = "approved", "因公出差"
    return _insert_returning(session, Participation, values)


def _insert_returning(session: Session, model: type, values: list[dict]) -> list[int]:
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, values))


def _tasks(session: Session, event: Event, *, today: date | None = None, done: bool = False,
           total: int | None = None) -> None:
    templates = load_task_templates(event.event_type)
    extra = plans.extra_tasks(total - len(templates)) if total else []
    values = []
    for order, task in enumerate([*templates, *extra], 1):
        due = task.due_date(event.start_date, event.end_date)
        status = "done" if done or (today and due < today) else ("doing" if due == today else "todo")
        values.append({
            "event_id": event.id, "phase": task.phase, "title": task.title, "standard": task.standard,
            "owner": task.owner, "due_date": due, "sort_order": order, "status": status,
            "done_at": datetime.combine(due, time(17, 0)) if status == "done" else None,
        })
    session.execute(insert(Task), values)


def _review_notes(session: Session, event: Event) -> None:
    session.execute(insert(ReviewNote), [
        {"event_id": event.id, "kind": kind, "topic": topic, "description": description,
         "cause": cause, "action_next": action}
        for kind, topic, description, cause, action in plans.REVIEW_NOTES
    ])
