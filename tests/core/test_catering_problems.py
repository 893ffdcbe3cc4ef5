"""Catering problems (rdplanner.catering.problems) on plans built by hand: each fires at its boundary
and stays quiet just inside it."""

from dataclasses import replace
from datetime import date

from rdplanner.catering.headcount import Diner
from rdplanner.catering.problems import catering_problems
from rdplanner.catering.read import CateringPlan, DishRow, MealRow, WordRow, count_meals

START, END = date(2026, 3, 2), date(2026, 3, 3)
WORDS = (WordRow(1, "海参", "菜肴", "《中央和国家机关会议费管理办法》：不得安排高档菜肴", "all", 1),
         WordRow(2, "酒", "烟酒", "会议用餐不得提供烟酒", "meeting", 1),
         WordRow(3, "茅台", "烟酒", "不得提供高档酒水", "all", 1))


def dish(n: int, name: str, price_fen: int = 1000, meal_id: int = 1) -> DishRow:
    return DishRow(n, meal_id, name, "", price_fen, n, 1)


def meal(n: int, day: date = START, kind: str = "lunch", **fields) -> MealRow:
    values = {"id": n, "meal_date": day, "kind": kind, "style": "buffet", "place": "机关食堂", "planned_count": 0,
              "standard_fen": 0, "menu": (dish(100 + n, "番茄炒蛋", meal_id=n),)} | fields
    return MealRow(**values)


def people(count: int, role: str = "deputy", first: int = 1, **fields) -> tuple[Diner, ...]:
    values = {"arrival": None, "departure": None} | fields
    return tuple(Diner(n, f"人员{n:02d}", role, **values) for n in range(first, first + count))


def plan(meals, diners=None, *, event_type="standing_committee", quota=15000, words=WORDS) -> CateringPlan:
    diners = people(5) if diners is None else tuple(diners)
    meals = tuple(meals)
    return CateringPlan(1, "常委会第二十三次会议", event_type, START, END, 2, meals, diners, {}, words,
                        count_meals(meals, diners, {}, START, END), quota, "", "二类")


def codes(found, code: str) -> list[str]:
    return [p.message for p in found if p.code == code]


def both_days(**fields):
    return [meal(1, START, **fields), meal(2, END, **fields)]


def test_an_adjustment_without_a_reason_is_reported_naming_the_meal():
    found = catering_problems(plan([meal(1, adjustment=2), meal(2, END, adjustment=2, adjustment_reason="随行")]))
    assert codes(found, "meal_adjusted_without_reason") == ["3月2日午餐的人数手工调整了 +2 人，但没有填写调整原因。"]


def test_a_dietary_need_without_its_provision_names_the_people():
    diners = people(3) + (Diner(9, "马丽", "deputy", None, None, dietary="清真"),
                          Diner(10, "陈刚", "deputy", None, None, dietary="花生过敏"))
    found = catering_problems(plan([meal(1, provisions="清真"), meal(2, END, provisions="清真，无花生")], diners))
    assert codes(found, "dietary_need_not_provided") == [
        "3月2日午餐有花生过敏 1 人（陈刚），但该餐未安排花生过敏的餐食，请告知厨房。"]
    assert [p.ids("participation") for p in found if p.code == "dietary_need_not_provided"] == [(10,)]


def test_a_forbidden_dish_is_reported_with_its_rule_and_a_clean_menu_is_not():
    bad = meal(1, menu=(dish(1, "葱烧海参"), dish(2, "清炒时蔬")))
    found = catering_problems(plan([bad, meal(2, END)]))
    assert codes(found, "forbidden_dish") == [
        "3月2日午餐菜单中的“葱烧海参”含“海参”，不符合《中央和国家机关会议费管理办法》：不得安排高档菜肴。"]
    assert found[0].pointer.kind == "meal" and [p.ids("dish") for p in found if p.code == "forbidden_dish"] == [(1,)]


def test_alcohol_is_forbidden_at_a_meeting_and_only_premium_liquor_at_a_reception():
    menu = (dish(1, "啤酒"), dish(2, "茅台酒"))
    meeting = catering_problems(plan([meal(1, menu=menu, style="working")]))
    reception = catering_problems(plan([meal(1, menu=menu, style="working")], event_type="official_reception"))
    assert len(codes(meeting, "forbidden_dish")) == 3  # 啤酒: 酒; 茅台酒: 茅台 and 酒
    assert [m for m in codes(reception, "forbidden_dish")] == [
        "3月2日午餐菜单中的“茅台酒”含“茅台”，不符合不得提供高档酒水。"]


def test_a_banquet_is_reported_at_a_meeting():
    found = catering_problems(plan([meal(1, style="banquet"), meal(2, END)]))
    assert len(codes(found, "banquet_at_meeting")) == 1
    assert not codes(catering_problems(plan(both_days(style="set"))), "banquet_at_meeting")


def test_a_days_food_cost_over_the_quota_is_reported_and_at_the_quota_is_not():
    def day(prices):
        return [meal(n, START, kind, menu=(dish(n, "家常菜", p, n),))
                for n, (kind, p) in enumerate(zip(("breakfast", "lunch", "dinner"), prices, strict=True), 1)]

    at_quota = catering_problems(plan(day((3000, 6000, 6000)) + [meal(9, END)]))
    over = catering_problems(plan(day((3000, 6000, 6001)) + [meal(9, END)]))
    assert not codes(at_quota, "meal_cost_over_quota")
    assert codes(over, "meal_cost_over_quota") == [
        "3月2日用餐人均 150.01 元（早餐 30 元、午餐 60 元、晚餐 60.01 元），超出二类会议伙食费标准 150 元/人·天，请压减。"]


def test_a_meal_with_nobody_present_is_reported():
    diners = people(3, departure=START)
    found = catering_problems(plan(both_days(), diners))
    assert codes(found, "meal_nobody_present") == ["3月3日午餐当天没有需要用餐的参会人员在会，请核对日期或删除该餐。"]
    assert not codes(catering_problems(plan(both_days())), "meal_nobody_present")


def test_a_day_people_need_meals_without_any_meal_is_reported_with_their_names():
    found = catering_problems(plan([meal(1, START)], people(2)))
    assert codes(found, "day_without_meal") == ["3月3日有 2 人需要用餐（人员01、人员02），但当天没有安排用餐。"]
    assert not codes(catering_problems(plan([meal(1, START)], people(2, departure=START))), "day_without_meal")


def test_an_event_without_any_meal_reports_no_day_without_meal():
    assert not catering_problems(plan([], people(2)))


def test_a_meal_without_menu_is_reported():
    found = catering_problems(plan([meal(1, menu=()), meal(2, END)]))
    assert codes(found, "meal_without_menu") == ["3月2日午餐尚未确定菜单，菜单须在会前报审。"]


def test_a_reception_may_hold_one_working_meal():
    one = catering_problems(plan([meal(1, style="working")], event_type="official_reception"))
    two = catering_problems(plan([meal(1, style="working"), meal(2, END, style="working")],
                                 event_type="official_reception"))
    buffet = catering_problems(plan([meal(1)], event_type="official_reception"))
    assert not codes(one, "reception_meals")
    assert codes(two, "reception_meals") == [
        "公务接待“常委会第二十三次会议”安排了 2 餐：接待单位只可安排工作餐一次（《党政机关国内公务接待管理规定》）。"]
    assert codes(buffet, "reception_meals") == ["3月2日午餐安排为自助餐：公务接待只可安排工作餐（《党政机关国内公务接待管理规定》）。"]


def hosts_found(guests: int, hosts: int) -> list[str]:
    found = catering_problems(plan([meal(1, style="working", guest_count=guests, host_count=hosts)],
                                   event_type="official_reception"))
    return codes(found, "reception_too_many_hosts")


def test_a_receptions_hosts_are_at_most_three_for_up_to_ten_guests():
    assert not hosts_found(10, 3)
    assert hosts_found(10, 4) == [
        "3月2日午餐接待对象 10 人、陪餐 4 人，超过 3 人的上限（接待对象 10 人以内的，陪餐不超过 3 人）。"]


def test_a_receptions_hosts_are_at_most_a_third_of_more_than_ten_guests():
    assert (hosts_found(11, 3), hosts_found(12, 4)) == ([], [])
    assert len(hosts_found(11, 4)) == 1 and len(hosts_found(13, 5)) == 1


def test_a_receptions_hosts_and_guests_are_counted_from_the_roster_when_not_set():
    diners = people(2, role="guest") + people(4, first=10)
    found = catering_problems(plan([meal(1, style="working")], diners, event_type="official_reception"))
    assert codes(found, "reception_too_many_hosts") == [
        "3月2日午餐接待对象 2 人、陪餐 4 人，超过 3 人的上限（接待对象 10 人以内的，陪餐不超过 3 人）。"]


def test_a_clean_plan_has_no_problems():
    assert catering_problems(plan(both_days())) == ()


def test_every_problem_names_the_catering_domain_and_points_to_a_meal_or_person():
    found = catering_problems(plan([replace(meal(1, style="banquet"), adjustment=1)], people(2)))
    assert {p.domain for p in found} == {"catering"} and all(p.pointer for p in found)
