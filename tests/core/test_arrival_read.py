"""The desk's read model: each person's expected day, room, car and seat (or zone), what they are due;
the figures per day and per delegation; finding people by name or by pinyin initials."""

import pytest
from arrival_world import END, EVE, START, at, make_world

from rdplanner.arrival.read import arrival_figures, load_arrivals
from rdplanner.arrival.search import exact_matches, find_people, typed_from_start
from rdplanner.arrival.service import mark_arrived
from rdplanner.models import Participation, Person


@pytest.fixture
def world(session):
    return make_world(session)


def rows(session, world):
    return {r.name: r for r in load_arrivals(session, world.event_id).rows}


def test_the_person_card_shows_room_pickup_car_and_seat(session, world):
    zhang = rows(session, world)["张三"]
    assert (zhang.expected, zhang.room, zhang.seat) == (EVE, "西湖宾馆 1203", "大会堂 3排12座")
    assert zhang.car == "浙A·12345　1月3日 07:40 接站"  # the pick-up before the earlier-listed meeting trip
    assert zhang.due == ("materials", "pass", "room_card", "meal_ticket")


def test_without_a_pickup_the_first_trip_and_without_a_seat_the_zone(session, world):
    li = rows(session, world)["李四"]
    assert li.expected == START  # no arrival date: the opening day
    assert li.car == "浙A·67890　1月4日 08:10 会议用车"
    assert (li.room, li.seat) == ("", "大会堂 代表区")
    assert li.due == ("materials", "pass", "meal_ticket")


def test_what_each_role_is_due(session, world):
    shown = rows(session, world)
    assert shown["王五"].due == ("materials", "pass")  # takes no meals
    assert shown["王五"].seat == "大会堂 列席区"
    assert shown["董子思"].pass_kind == "media"


def test_the_figures_count_arrivals_against_the_day_and_delegation_expected(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhang, now=at(EVE, 10))
    mark_arrived(session, event_id=world.event_id, participation_id=world.wang, now=at(EVE, 11))
    figures = arrival_figures(load_arrivals(session, world.event_id).rows)
    assert (figures.total.expected, figures.total.arrived) == (4, 2)  # 赵六 is on leave
    assert [(t.label, t.expected, t.arrived) for t in figures.by_day] == [("1月3日", 1, 1), ("1月4日", 3, 1)]
    assert [(t.label, t.expected, t.arrived) for t in figures.by_group] == [
        ("上城区代表团", 1, 1), ("西湖区代表团", 1, 0), ("列席", 1, 1), ("媒体", 1, 0)]


def test_someone_on_leave_who_comes_anyway_is_counted(session, world):
    mark_arrived(session, event_id=world.event_id, participation_id=world.zhao, now=at(EVE, 10))
    figures = arrival_figures(load_arrivals(session, world.event_id).rows)
    assert (figures.total.expected, figures.total.arrived) == (5, 1)


def test_a_few_rows_can_be_read_alone(session, world):
    view = load_arrivals(session, world.event_id, participation_ids=[world.li])
    assert [r.name for r in view.rows] == ["李四"]
    assert view.end_date == END


def test_initials_find_the_whole_name_only_as_an_exact_match(session, world):
    shown = list(load_arrivals(session, world.event_id).rows)
    assert [r.name for r in exact_matches(shown, "zs")] == ["张三"]  # not 董子思 (dzs)
    assert [r.name for r in exact_matches(shown, "ZhangSan")] == ["张三"]
    assert [r.name for r in exact_matches(shown, "张 三")] == ["张三"]
    assert [r.name for r in find_people(shown, "dz")] == ["董子思"]
    assert [r.name for r in find_people(shown, "子")] == ["董子思"]
    assert find_people(shown, "xyz") == []


def test_two_people_of_the_same_initials_are_both_candidates(session, world):
    person = Person(name="周树")
    session.add(person)
    session.flush()
    session.add(Participation(event_id=world.event_id, person_id=person.id, role="deputy"))
    session.commit()
    shown = list(load_arrivals(session, world.event_id).rows)
    assert sorted(r.name for r in exact_matches(shown, "zs")) == ["周树", "张三"]


class _Named:
    def __init__(self, name: str) -> None:
        self.name = name


NAMES = [_Named(n) for n in ("张三", "赵思", "朱俊立", "朱俊华", "周树森", "董子思", "李子山")]


def test_initials_match_the_syllables_initials_from_the_first():
    # 俊 also reads "shun", but an initial stands for the usual reading only: zs is not 朱俊立 (zjl).
    assert [r.name for r in find_people(NAMES, "zs")] == ["张三", "赵思"]  # the exact ones first
    assert [r.name for r in NAMES if typed_from_start(r.name, "zs")] == ["张三", "赵思", "周树森"]
    assert [r.name for r in find_people(NAMES, "zj")] == ["朱俊立", "朱俊华"]
    assert find_people(NAMES, "zsx") == []
    assert [r.name for r in find_people(NAMES, "zss")] == ["周树森"]


def test_never_from_the_middle_of_a_name():
    assert find_people(NAMES, "zsi") == [NAMES[1]]  # 赵思, not 董子思 (d-z-s) nor 李子山
    assert find_people(NAMES, "zi") == []


def test_syllables_typed_in_full_or_in_part():
    assert [r.name for r in find_people(NAMES, "zhangs")] == ["张三"]
    assert [r.name for r in find_people(NAMES, "zhsan")] == ["张三"]
    assert [r.name for r in find_people(NAMES, "zhushun")] == ["朱俊立", "朱俊华"]  # another reading, in full
    assert [r.name for r in find_people(NAMES, "zhujunl")] == ["朱俊立"]
