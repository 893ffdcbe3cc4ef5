"""Event services: draft validation, listing and search, optimistic-locking edits, delete with
its plans, duplicate as the next event, and the office's way of writing dates.
"""

import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.db import Database
from rdplanner.errors import InvalidInput, NotFound, StaleEdit
from rdplanner.events.service import (
    MAX_NAME,
    EventDraft,
    EventRow,
    create_event,
    delete_event,
    get_event,
    list_events,
    list_venue_names,
    update_event,
    validate_draft,
)
from rdplanner.planning import duplicate_event
from rdplanner.models import (
    BudgetLine,
    ContingencyPlan,
    Event,
    Hotel,
    Meal,
    MenuItem,
    Participation,
    Person,
    Room,
    RoomType,
    Sitting,
    Stay,
    Task,
    Trip,
    TripPassenger,
    Vehicle,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
DRAFT = EventDraft(
    name="市第十七届人大常委会第二十三次会议",
    event_type="standing_committee",
    start_date=date(2026, 12, 3),
    end_date=date(2026, 12, 4),
    venue_name="市人大常委会机关",
    organiser="市人大常委会办公室",
)


def make_draft(**overrides) -> EventDraft:
    return replace(DRAFT, **overrides)


def make_row(start: date, end: date) -> EventRow:
    return EventRow(
        id=1, name=DRAFT.name, event_type=DRAFT.event_type, start_date=start, end_date=end,
        venue_name="", expense_category=2, organiser="", status="planning", notes="",
        is_demo=False, version=1,
    )


def plan_everything(session: Session, *, tag: str = "") -> int:
    """Create an event with one row of every plan (participant, sitting, task, budget, meal and
    menu, contingency, stay, trip with passenger); return its id."""
    event_id, _ = create_event(session, draft=make_draft(name=f"{DRAFT.name}{tag}"))
    person = Person(name=f"欧阳建华{tag}")
    hotel = Hotel(name=f"市人大会议中心宾馆{tag}")
    vehicle = Vehicle(plate=f"浙A·G000{tag or 0}", kind="minibus", seats=20)
    session.add_all([person, hotel, vehicle])
    session.flush()
    room_type = RoomType(hotel_id=hotel.id, name="标准间", rate_fen=38000)
    participation = Participation(event_id=event_id, person_id=person.id, role="member", rank_order=3,
                                  needs_lodging=True, dietary="清真")
    meal = Meal(event_id=event_id, meal_date=DRAFT.start_date, kind="lunch", planned_count=80,
                standard_fen=6000)
    trip = Trip(event_id=event_id, vehicle_id=vehicle.id, purpose="接送参会人员", status="approved")
    session.add_all([room_type, participation, meal, trip])
    session.flush()
    room = Room(hotel_id=hotel.id, room_type_id=room_type.id, number="301", floor=3)
    session.add(room)
    session.flush()
    session.add_all([
        Sitting(event_id=event_id, name="第一次全体会议", kind="plenary", sort_order=1),
        Task(event_id=event_id, phase="before", title="印制会议材料", status="done",
             done_at=datetime(2026, 11, 30, 17, 0), due_date=date(2026, 11, 30)),
        BudgetLine(event_id=event_id, category="meals", item="伙食费（工作餐）", unit_price_fen=15000,
                   quantity=80, days=2, planned_fen=2400000, actual_fen=2310000),
        MenuItem(meal_id=meal.id, name="番茄炒蛋", sort_order=0),
        MenuItem(meal_id=meal.id, name="清炒时蔬", sort_order=1),
        ContingencyPlan(event_id=event_id, risk="fire", title="消防安全应急预案", measures="按疏散路线撤离"),
        Stay(event_id=event_id, room_id=room.id, participation_id=participation.id,
             check_in=DRAFT.start_date, check_out=DRAFT.end_date),
        TripPassenger(trip_id=trip.id, participation_id=participation.id, seat_position=1),
    ])
    session.commit()
    return event_id


def count_of(session: Session, model: type, *conditions) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions))


PLANS = {"participations": Participation, "sittings": Sitting, "tasks": Task, "budget lines": BudgetLine,
         "meals": Meal, "menu items": MenuItem, "contingency plans": ContingencyPlan, "stays": Stay,
         "trips": Trip, "passengers": TripPassenger}


def all_plans(session: Session) -> dict[str, int]:
    return {name: count_of(session, model) for name, model in PLANS.items()}


def plans_of(session: Session, event_id: int) -> dict[str, int]:
    meal_ids = select(Meal.id).where(Meal.event_id == event_id)
    trip_ids = select(Trip.id).where(Trip.event_id == event_id)
    return {
        "participations": count_of(session, Participation, Participation.event_id == event_id),
        "sittings": count_of(session, Sitting, Sitting.event_id == event_id),
        "tasks": count_of(session, Task, Task.event_id == event_id),
        "budget lines": count_of(session, BudgetLine, BudgetLine.event_id == event_id),
        "meals": count_of(session, Meal, Meal.event_id == event_id),
        "menu items": count_of(session, MenuItem, MenuItem.meal_id.in_(meal_ids)),
        "contingency plans": count_of(session, ContingencyPlan, ContingencyPlan.event_id == event_id),
        "stays": count_of(session, Stay, Stay.event_id == event_id),
        "trips": count_of(session, Trip, Trip.event_id == event_id),
        "passengers": count_of(session, TripPassenger, TripPassenger.trip_id.in_(trip_ids)),
    }


@pytest.fixture
def source_id(session: Session) -> int:
    event_id = plan_everything(session)
    event = session.get(Event, event_id)
    event.status, event.is_demo = "closed", True
    session.commit()
    return event_id


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": " \t\u3000\n "}, "name"),
        ({"name": "会" * (MAX_NAME + 1)}, "name"),
        ({"end_date": date(2026, 12, 2)}, "end_date"),
        ({"event_type": "banquet"}, "event_type"),
        ({"status": "postponed"}, "status"),
        ({"expense_category": 5}, "expense_category"),
        ({"expense_category": 0}, "expense_category"),
    ],
    ids=["empty-name", "blank-name", "long-name", "end-before-start", "unknown-type",
         "unknown-status", "category-5", "category-0"],
)
def test_validate_draft_rejects_bad_value_naming_its_field(overrides, field):
    with pytest.raises(InvalidInput) as caught:
        validate_draft(make_draft(**overrides))

    assert caught.value.field == field
    assert CJK.search(str(caught.value))


@pytest.mark.parametrize("field", ["venue_name", "organiser"])
def test_validate_draft_rejects_venue_or_organiser_longer_than_its_column(field):
    with pytest.raises(InvalidInput) as caught:
        validate_draft(make_draft(**{field: "会" * (MAX_NAME + 1)}))

    assert caught.value.field == field


def test_validate_draft_collapses_whitespace_in_name_and_venue():
    draft = make_draft(name="  市第十七届人大常委会\u3000第二十三次会议 \n",
                       venue_name=" 市人大  常委会机关 ", organiser="  市人大常委会办公室 ",
                       notes="\n请提前报到。 ")

    valid = validate_draft(draft)

    assert (valid.name, valid.venue_name, valid.organiser, valid.notes) == (
        "市第十七届人大常委会 第二十三次会议", "市人大 常委会机关", "市人大常委会办公室", "请提前报到。",
    )


def test_validate_draft_removes_control_and_invisible_characters_and_refuses_a_name_of_only_those():
    valid = validate_draft(make_draft(name="常委会\x00第二十三次\u200b会议\u202e", venue_name="机关\x07礼堂",
                                      organiser="办公室\x1b", notes="备注\x00"))

    assert (valid.name, valid.venue_name, valid.organiser, valid.notes) == (
        "常委会第二十三次会议", "机关礼堂", "办公室", "备注")
    with pytest.raises(InvalidInput, match="请填写活动名称"):
        validate_draft(make_draft(name="\x00\x00"))


def test_validate_draft_accepts_name_of_exactly_the_maximum_after_collapsing():
    name = "会" * 100 + "   " + "议" * (MAX_NAME - 101)

    valid = validate_draft(make_draft(name=name))

    assert len(valid.name) == MAX_NAME


def test_validate_draft_accepts_one_day_event():
    valid = validate_draft(make_draft(end_date=DRAFT.start_date))

    assert valid.end_date == valid.start_date


def test_create_event_stores_the_validated_draft(session):
    event_id, changes = create_event(session, draft=make_draft(name="  市第十七届人大常委会  第二十三次会议"))

    row = get_event(session, event_id)
    assert (row.name, row.venue_name, row.organiser, row.version, row.is_demo) == (
        "市第十七届人大常委会 第二十三次会议", DRAFT.venue_name, DRAFT.organiser, 1, False,
    )
    assert event_id in changes.event_ids and changes.events_list


def test_create_event_refuses_invalid_draft_without_saving(session):
    with pytest.raises(InvalidInput):
        create_event(session, draft=make_draft(name="  "))

    assert list_events(session) == []


def test_list_events_returns_newest_first(session):
    for name, start in (("十一月会议", date(2026, 11, 5)), ("十二月会议", date(2026, 12, 3)),
                        ("十月会议", date(2026, 10, 8))):
        create_event(session, draft=make_draft(name=name, start_date=start, end_date=start))

    names = [row.name for row in list_events(session)]

    assert names == ["十二月会议", "十一月会议", "十月会议"]


@pytest.fixture
def three_events(session: Session) -> Session:
    for name, venue, organiser in (
        ("市人大常委会第二十三次会议", "市人大常委会机关", "市人大常委会办公室"),
        ("食品安全法执法检查", "市人民大会堂", "市人大常委会教科文卫工作委员会"),
        ("代表视察西湖区水环境治理", "西湖区人民政府", "市人大常委会代表工作委员会"),
    ):
        create_event(session, draft=make_draft(name=name, venue_name=venue, organiser=organiser))
    return session


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("执法检查", {"食品安全法执法检查"}),
        ("大会堂", {"食品安全法执法检查"}),
        ("教科文卫", {"食品安全法执法检查"}),
        ("  水环境  ", {"代表视察西湖区水环境治理"}),
        ("常委会", {"市人大常委会第二十三次会议", "食品安全法执法检查", "代表视察西湖区水环境治理"}),
    ],
    ids=["name", "venue", "organiser", "padded", "all"],
)
def test_list_events_search_matches_name_venue_or_organiser(three_events, search, expected):
    found = {row.name for row in list_events(three_events, search=search)}

    assert found == expected


def test_list_events_search_requires_every_word(three_events):
    found = [row.name for row in list_events(three_events, search="人民 代表")]

    assert found == ["代表视察西湖区水环境治理"]


def test_list_events_search_without_match_is_empty(three_events):
    assert list_events(three_events, search="常委会 专题询问") == []


def test_list_events_search_ignores_ascii_case(database: Database):
    with database.session() as session:
        create_event(session, draft=make_draft(name="NPC 代表联络站活动"))

    with database.session() as session:
        found = [row.name for row in list_events(session, search="npc")]

    assert found == ["NPC 代表联络站活动"]


@pytest.mark.parametrize("search", ["%", "_"])
def test_list_events_search_treats_wildcard_characters_literally(three_events, search):
    assert list_events(three_events, search=search) == []


def test_create_event_reuses_venue_of_the_same_name(session):
    first, _ = create_event(session, draft=make_draft(venue_name="市人民大会堂"))
    second, _ = create_event(session, draft=make_draft(venue_name="  市人民大会堂 "))

    assert list_venue_names(session) == ["市人民大会堂"]
    assert session.get(Event, first).venue_id == session.get(Event, second).venue_id


def test_create_event_without_venue_creates_none(session):
    event_id, _ = create_event(session, draft=make_draft(venue_name=" "))

    assert list_venue_names(session) == []
    assert get_event(session, event_id).venue_name == ""


def test_update_event_with_current_version_saves_and_bumps_version(session):
    event_id, _ = create_event(session, draft=DRAFT)
    opened = get_event(session, event_id)

    update_event(session, event_id=event_id, expected_version=opened.version,
                 draft=replace(opened.to_draft(), name="市第十七届人大常委会第二十四次会议",
                               venue_name="市人民大会堂"))

    saved = get_event(session, event_id)
    assert (saved.name, saved.venue_name, saved.version) == (
        "市第十七届人大常委会第二十四次会议", "市人民大会堂", opened.version + 1,
    )


def test_update_event_with_stale_version_raises_and_keeps_first_writers_row(session):
    event_id, _ = create_event(session, draft=DRAFT)
    opened = get_event(session, event_id)
    update_event(session, event_id=event_id, expected_version=opened.version,
                 draft=replace(opened.to_draft(), name="甲修改的名称", venue_name="甲选的会场"))

    with pytest.raises(StaleEdit) as caught:
        update_event(session, event_id=event_id, expected_version=opened.version,
                     draft=replace(opened.to_draft(), name="乙修改的名称", venue_name="乙选的会场"))

    kept = get_event(session, event_id)
    assert (kept.name, kept.venue_name, kept.version) == ("甲修改的名称", "甲选的会场", opened.version + 1)
    assert "乙选的会场" not in list_venue_names(session)
    assert CJK.search(str(caught.value))


def test_update_event_refuses_invalid_draft_without_saving(session):
    event_id, _ = create_event(session, draft=DRAFT)

    with pytest.raises(InvalidInput):
        update_event(session, event_id=event_id, expected_version=1, draft=make_draft(name=""))

    kept = get_event(session, event_id)
    assert (kept.name, kept.version) == (DRAFT.name, 1)


def test_get_event_of_missing_id_raises_not_found(session):
    with pytest.raises(NotFound) as caught:
        get_event(session, 404)

    assert "404" in str(caught.value) and CJK.search(str(caught.value))


def test_update_event_of_missing_id_raises_not_found(session):
    with pytest.raises(NotFound):
        update_event(session, event_id=404, expected_version=1, draft=DRAFT)


def test_delete_event_of_missing_id_raises_not_found(session):
    with pytest.raises(NotFound):
        delete_event(session, event_id=404)


def test_delete_event_removes_the_event(session):
    event_id, _ = create_event(session, draft=DRAFT)

    changes = delete_event(session, event_id=event_id)

    assert list_events(session) == []
    assert changes.changes.deleted_event_ids == {event_id}


def test_delete_event_removes_all_its_plans_but_keeps_people(database: Database):
    with database.session() as session:
        event_id = plan_everything(session, tag="1")
        other_id = plan_everything(session, tag="2")
        before = plans_of(session, other_id)

    with database.session() as session:
        delete_event(session, event_id=event_id)

    with database.session() as session:
        assert all_plans(session) == plans_of(session, other_id) == before
        assert count_of(session, Event) == 1 and count_of(session, Person) == 2


def test_duplicate_event_copies_participants_and_sittings(session, source_id):
    copy_id, _ = duplicate_event(session, event_id=source_id)

    def people(event_id):
        return session.execute(select(Participation.person_id, Participation.role, Participation.rank_order,
                                      Participation.dietary).where(Participation.event_id == event_id)).all()

    def sittings(event_id):
        return session.scalars(select(Sitting.name).where(Sitting.event_id == event_id)).all()

    assert people(copy_id) == people(source_id) != []
    assert sittings(copy_id) == sittings(source_id) != []


def test_duplicate_event_resets_tasks_to_todo(session, source_id):
    copy_id, _ = duplicate_event(session, event_id=source_id)

    tasks = session.execute(select(Task.title, Task.due_date, Task.status, Task.done_at)
                            .where(Task.event_id == copy_id)).all()
    assert tasks == [("印制会议材料", date(2026, 11, 30), "todo", None)]


def test_duplicate_event_copies_budget_without_actuals(session, source_id):
    copy_id, _ = duplicate_event(session, event_id=source_id)

    lines = session.execute(select(BudgetLine.item, BudgetLine.planned_fen, BudgetLine.actual_fen)
                            .where(BudgetLine.event_id == copy_id)).all()
    assert lines == [("伙食费（工作餐）", 2400000, None)]


def test_duplicate_event_copies_meals_with_their_menus(session, source_id):
    copy_id, _ = duplicate_event(session, event_id=source_id)

    meal = session.scalars(select(Meal).where(Meal.event_id == copy_id)).one()
    menu = session.scalars(select(MenuItem.name).where(MenuItem.meal_id == meal.id)
                           .order_by(MenuItem.sort_order)).all()
    assert (meal.kind, meal.planned_count, meal.standard_fen, menu) == (
        "lunch", 80, 6000, ["番茄炒蛋", "清炒时蔬"],
    )


def test_duplicate_event_copies_contingency_plans(session, source_id):
    copy_id, _ = duplicate_event(session, event_id=source_id)

    plans = session.execute(select(ContingencyPlan.risk, ContingencyPlan.title)
                            .where(ContingencyPlan.event_id == copy_id)).all()
    assert plans == [("fire", "消防安全应急预案")]


def test_duplicate_event_does_not_copy_stays_or_trips(session, source_id):
    copy_id, _ = duplicate_event(session, event_id=source_id)

    counts = plans_of(session, copy_id)
    assert (counts["stays"], counts["trips"], counts["passengers"]) == (0, 0, 0)


def test_duplicate_event_leaves_the_source_plans_untouched(session, source_id):
    before = plans_of(session, source_id)

    duplicate_event(session, event_id=source_id)

    assert plans_of(session, source_id) == before
    assert session.scalar(select(Task.status).where(Task.event_id == source_id)) == "done"


def test_duplicate_event_is_a_new_planning_event_linked_to_its_source(session, source_id):
    copy_id, changes = duplicate_event(session, event_id=source_id)

    copy = session.get(Event, copy_id)
    assert (copy.name, copy.status, copy.previous_event_id, copy.is_demo, copy.version) == (
        f"{DRAFT.name}（副本）", "planning", source_id, False, 1,
    )
    assert copy_id != source_id and copy_id in changes.event_ids


def test_duplicate_event_takes_the_given_name(session, source_id):
    copy_id, _ = duplicate_event(session, event_id=source_id, name="市第十七届人大常委会第二十四次会议")

    assert get_event(session, copy_id).name == "市第十七届人大常委会第二十四次会议"


def test_duplicate_event_strips_a_nul_from_the_given_name(session, source_id):
    copy_id, _ = duplicate_event(session, event_id=source_id, name="第二十四次\x00会议")

    assert get_event(session, copy_id).name == "第二十四次会议"


@pytest.mark.parametrize("name", ["   ", "会" * (MAX_NAME + 1)], ids=["blank", "too-long"])
def test_duplicate_event_refuses_a_given_name_validate_draft_would_refuse(session, source_id, name):
    with pytest.raises(InvalidInput):
        duplicate_event(session, event_id=source_id, name=name)


def test_duplicate_event_keeps_a_maximal_name_within_the_limit(session):
    event_id, _ = create_event(session, draft=make_draft(name="会" * MAX_NAME))

    copy_id, _ = duplicate_event(session, event_id=event_id)

    name = get_event(session, copy_id).name
    assert len(name) == MAX_NAME and name.endswith("（副本）")


def test_duplicate_event_of_missing_id_raises_not_found(session):
    with pytest.raises(NotFound):
        duplicate_event(session, event_id=404)


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2026, 12, 3), date(2026, 12, 3), "2026年12月3日"),
        (date(2026, 12, 3), date(2026, 12, 4), "2026年12月3日—4日"),
        (date(2026, 11, 30), date(2026, 12, 2), "2026年11月30日—12月2日"),
        (date(2026, 12, 31), date(2027, 1, 2), "2026年12月31日—2027年1月2日"),
    ],
    ids=["same-day", "same-month", "cross-month", "cross-year"],
)
def test_event_row_dates_text_writes_dates_as_the_office_does(start, end, text):
    assert make_row(start, end).dates_text() == text
