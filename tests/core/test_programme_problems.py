"""The programme's problems (issue 10), each at its boundary and just beside it, on hand-built items."""

from datetime import date, datetime, time

from rdplanner.programme.audience import Member
from rdplanner.programme.problems import programme_problems
from rdplanner.programme.read import Programme, ProgrammeItem

START, END = date(2027, 1, 3), date(2027, 1, 7)
EVERYONE = frozenset({1, 2, 3})


def item(item_id, name, start, end=None, *, kind="plenary", day=START, people=EVERYONE, hall=1, place="",
         trips=0) -> ProgrammeItem:
    def moment(text):
        return datetime.combine(day, time.fromisoformat(text)) if text else None

    return ProgrammeItem(item_id, 1, name, kind, moment(start), moment(end), hall, "大会堂" if hall else "",
                         place, item_id, "all", "", "", 1, attendee_ids=people, trip_count=trips)


def programme(*items, on_leave=()) -> Programme:
    members = tuple(Member(i, "deputy", "", "", i in on_leave) for i in (1, 2, 3))
    return Programme(1, "市第十七届人民代表大会第五次会议", START, END, items, members)


def codes(found) -> list[str]:
    return [p.code for p in found]


def test_items_overlapping_for_the_same_people_are_named():
    found = programme_problems(programme(item(1, "开幕大会", "09:00", "11:30"), item(2, "代表团审议", "11:00", "12:00")))
    assert codes(found) == ["programme_overlap"]
    assert found[0].message == ("1月3日的“开幕大会”（09:00—11:30）与“代表团审议”（11:00—12:00）时间重叠，"
                                "有 3 人两项都要参加。")
    assert found[0].ids("item") == (1, 2) and found[0].dimension == "全"


def test_an_item_starting_as_the_other_ends_does_not_overlap():
    assert programme_problems(programme(item(1, "开幕大会", "09:00", "11:30"), item(2, "审议", "11:30", "12:00"))) == []


def test_parallel_items_for_different_people_do_not_overlap():
    assert programme_problems(programme(item(1, "第一组", "14:30", "17:30", kind="group", people=frozenset({1})),
                                        item(2, "第二组", "14:30", "17:30", kind="group", people=frozenset({2})))) == []


def test_people_on_approved_leave_are_not_counted_in_an_overlap():
    both = programme(item(1, "甲", "09:00", "10:00", people=frozenset({1, 2})),
                     item(2, "乙", "09:30", "10:30", people=frozenset({2, 3})), on_leave={2})
    assert programme_problems(both) == []


def test_two_items_without_an_end_meet_only_when_they_start_together():
    assert codes(programme_problems(programme(item(1, "甲", "09:00"), item(2, "乙", "09:00")))) == ["programme_overlap"]
    assert programme_problems(programme(item(1, "甲", "09:00"), item(2, "乙", "09:01"))) == []


def test_items_on_different_days_never_overlap():
    assert programme_problems(programme(item(1, "甲", "09:00", "11:00"),
                                        item(2, "乙", "09:00", "11:00", day=date(2027, 1, 4)))) == []


def test_an_item_outside_the_event_dates_is_named_with_the_dates():
    found = programme_problems(programme(item(1, "预备会议", "09:00", "10:00", day=date(2027, 1, 2))))
    assert codes(found) == ["programme_outside_dates"]
    assert found[0].message.startswith("“预备会议”安排在1月2日，不在活动日期（1月3日至1月7日）内")


def test_arrival_the_day_before_and_departure_the_day_after_are_allowed_but_not_two_days():
    allowed = programme(item(1, "代表报到", "09:00", "17:00", kind="arrival", day=date(2027, 1, 2)),
                        item(2, "返程", "09:00", "12:00", kind="departure", day=date(2027, 1, 8)))
    assert programme_problems(allowed) == []
    too_far = programme(item(1, "代表报到", "09:00", "17:00", kind="arrival", day=date(2027, 1, 1)),
                        item(2, "返程", "09:00", "12:00", kind="departure", day=date(2027, 1, 9)))
    assert codes(programme_problems(too_far)) == ["programme_outside_dates"] * 2


def test_the_last_day_of_the_event_is_inside_it():
    assert programme_problems(programme(item(1, "闭幕大会", "09:00", "11:00", day=END))) == []


def test_a_site_visit_without_a_trip_is_a_warning_and_one_with_a_trip_is_fine():
    found = programme_problems(programme(item(1, "视察滨江污水处理厂", "14:30", "17:00", kind="visit", hall=None)))
    assert codes(found) == ["visit_without_transport"] and found[0].severity == "warning"
    assert found[0].message == "视察点“1月3日 14:30—17:00 视察滨江污水处理厂”还没有安排车辆行程。"
    assert programme_problems(programme(item(1, "视察", "14:30", "17:00", kind="visit", hall=None, trips=1))) == []


def test_a_sitting_with_neither_hall_nor_place_is_named_and_a_place_is_enough():
    found = programme_problems(programme(item(1, "分组审议", "14:30", "17:30", kind="group", hall=None)))
    assert codes(found) == ["sitting_without_hall"]
    assert found[0].message == "“1月3日 14:30—17:30 分组审议”还没有安排会场。"
    placed = programme(item(1, "分组审议", "14:30", "17:30", kind="group", hall=None, place="3号会议室"))
    assert programme_problems(placed) == []


def test_a_meal_without_a_hall_is_not_a_sitting_problem():
    assert programme_problems(programme(item(1, "午餐", "12:00", "13:00", kind="meal", hall=None))) == []


def test_the_audience_index_answers_as_the_plain_rule():
    from rdplanner.programme.audience import AudienceIndex, attendees

    members = (Member(1, "deputy", "上城区代表团", "第一组"), Member(2, "deputy", "西湖区代表团", "第二组"),
               Member(3, "attendee", "", "第一组"), Member(4, "staff", "", ""))
    index = AudienceIndex(members)
    for audience, value, named in (("all", "", ()), ("role", "deputy", ()), ("role", "media", ()),
                                   ("delegation", "上城区代表团", ()), ("group", "第一组", ()),
                                   ("people", "", (3, 9)), ("group", "第九组", ())):
        assert index.attendees(audience, value, named) == attendees(audience, value, named, members)
    assert index.attendees("people", "", (3, 9)) == {3}
