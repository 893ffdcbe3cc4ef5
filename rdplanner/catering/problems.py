"""Problems of an event's catering (用餐问题), pure over read.CateringPlan: a headcount adjusted without a
reason, a dietary need the kitchen makes no provision for, a forbidden dish or a banquet, a day's food
cost over the category's 伙食费 quota, a meal with nobody there, a day people need meals with none
planned, a meal without a menu, and for a reception more than one (working) meal or too many hosts.
"""

from collections.abc import Iterable
from datetime import date

from rdplanner.catering.headcount import provided
from rdplanner.catering.kinds import BANQUET, MEAL_STYLES, WORKING_MEAL
from rdplanner.catering.menu_review import host_limit, review_dishes
from rdplanner.catering.read import CateringPlan, MealRow, day_text, yuan
from rdplanner.problems import COMPLETE, EARLY, ERROR, FRUGAL, WARNING, Problem, refs

MAX_NAMES = 5
NO_REASON, NOT_PROVIDED, FORBIDDEN_DISH, BANQUET_MEAL = (
    "meal_adjusted_without_reason", "dietary_need_not_provided", "forbidden_dish", "banquet_at_meeting")
OVER_QUOTA, NOBODY_PRESENT, DAY_WITHOUT_MEAL, NO_MENU = (
    "meal_cost_over_quota", "meal_nobody_present", "day_without_meal", "meal_without_menu")
RECEPTION_MEALS, RECEPTION_HOSTS = "reception_meals", "reception_too_many_hosts"


def names_text(names: Iterable[str]) -> str:
    names = list(names)
    shown = "、".join(names[:MAX_NAMES])
    return f"{shown}等 {len(names)} 人" if len(names) > MAX_NAMES else shown


def _problem(code: str, message: str, meal_ids: Iterable[int] = (), *, severity: str = ERROR,
             dimension: str = COMPLETE, participation_ids: Iterable[int] = (), dish_ids: Iterable[int] = (),
             ) -> Problem:
    items = (refs("catering", "meal", meal_ids) + refs("catering", "dish", dish_ids)
             + refs("catering", "participation", participation_ids))
    return Problem(code, message, items, severity, dimension, "catering")


def adjustment_problems(plan: CateringPlan) -> list[Problem]:
    return [_problem(NO_REASON, f"{m.label}的人数手工调整了 {m.adjustment:+d} 人，但没有填写调整原因。", [m.id])
            for m in plan.meals if m.adjustment and not m.adjustment_reason.strip()]


def dietary_problems(plan: CateringPlan) -> list[Problem]:
    found = []
    for meal in plan.meals:
        count = plan.counts[meal.id]
        for need, label, names in count.needs():
            if not provided(need, meal.provision_list):
                found.append(_problem(
                    NOT_PROVIDED, f"{meal.label}有{label} {len(names)} 人（{names_text(names)}），"
                    f"但该餐未安排{label}的餐食，请告知厨房。", [meal.id], severity=WARNING,
                    participation_ids=count.dietary_ids.get(need, ())))
    return found


def menu_problems(plan: CateringPlan) -> list[Problem]:
    found = []
    for meal in plan.meals:
        for f in review_dishes(meal.menu, plan.words, is_reception=plan.is_reception):
            found.append(_problem(FORBIDDEN_DISH, f"{meal.label}菜单中的“{f.dish}”含“{f.word}”，"
                                  f"不符合{f.rule or '厉行节约规定'}。", [meal.id], dimension=FRUGAL,
                                  dish_ids=[f.dish_id]))
        if meal.style == BANQUET and not plan.is_reception:
            found.append(_problem(BANQUET_MEAL, f"{meal.label}安排为{MEAL_STYLES[BANQUET]}：会议不得安排宴请"
                                  "（《中央和国家机关会议费管理办法》），请改为工作餐或自助餐。",
                                  [meal.id], dimension=FRUGAL))
    return found


def cost_problems(plan: CateringPlan) -> list[Problem]:
    """A meeting's day whose meals cost more per person than the category's 伙食费 per person-day (the
    sum of the day's menus per person; exactly at the quota is within it)."""
    if plan.is_reception or plan.meal_quota_fen is None:
        return []
    found = []
    for day in plan.days():
        meals = plan.meals_on(day)
        cost = sum(m.price_fen for m in meals)
        if cost > plan.meal_quota_fen:
            parts = "、".join(f"{m.kind_label} {yuan(m.price_fen)}" for m in meals if m.price_fen)
            found.append(_problem(OVER_QUOTA, f"{day_text(day)}用餐人均 {yuan(cost)}（{parts}），超出"
                                  f"{plan.category_label}会议伙食费标准 {yuan(plan.meal_quota_fen)}/人·天，请压减。",
                                  [m.id for m in meals], dimension=FRUGAL))
    return found


def presence_problems(plan: CateringPlan) -> list[Problem]:
    """A meal with nobody there that day; a day some participant needs meals and none is planned (only
    for an event with meals planned at all)."""
    found = [_problem(NOBODY_PRESENT, f"{m.label}当天没有需要用餐的参会人员在会，请核对日期或删除该餐。",
                      [m.id], severity=WARNING)
             for m in plan.meals if plan.counts[m.id].present == 0]
    planned = {m.meal_date for m in plan.meals}
    if not planned:
        return found  # the office plans no meals for this event (a short meeting): nothing is missing
    wanting: dict = {}
    for diner in plan.diners:
        if not diner.needs_meals or diner.on_leave:
            continue
        first, last = diner.arrival or plan.start_date, diner.departure or plan.end_date
        for n in range(first.toordinal(), last.toordinal() + 1):
            wanting.setdefault(n, []).append(diner)
    for n in sorted(set(wanting) - {d.toordinal() for d in planned}):
        people = wanting[n]
        found.append(_problem(DAY_WITHOUT_MEAL, f"{day_text(date.fromordinal(n))}有 {len(people)} 人需要用餐"
                              f"（{names_text(d.name for d in people)}），但当天没有安排用餐。", severity=WARNING,
                              participation_ids=[d.participation_id for d in people]))
    return found


def menu_missing_problems(plan: CateringPlan) -> list[Problem]:
    return [_problem(NO_MENU, f"{m.label}尚未确定菜单，菜单须在会前报审。", [m.id], severity=WARNING,
                     dimension=EARLY) for m in plan.meals if not m.menu]


def reception_problems(plan: CateringPlan) -> list[Problem]:
    """A reception: one working meal at most, and no more hosts at the table than the rule allows."""
    if not plan.is_reception:
        return []
    found = []
    if len(plan.meals) > 1:
        found.append(_problem(RECEPTION_MEALS, f"公务接待“{plan.event_name}”安排了 {len(plan.meals)} 餐："
                              "接待单位只可安排工作餐一次（《党政机关国内公务接待管理规定》）。",
                              [m.id for m in plan.meals[1:]], dimension=FRUGAL))
    for meal in plan.meals:
        if meal.style != WORKING_MEAL:
            found.append(_problem(RECEPTION_MEALS, f"{meal.label}安排为{meal.style_label}：公务接待只可安排"
                                  "工作餐（《党政机关国内公务接待管理规定》）。", [meal.id], dimension=FRUGAL))
        found += _host_problem(plan, meal)
    return found


def _host_problem(plan: CateringPlan, meal: MealRow) -> list[Problem]:
    count = plan.counts[meal.id]
    guests = count.guests if meal.guest_count is None else meal.guest_count
    hosts = count.hosts if meal.host_count is None else meal.host_count
    limit = host_limit(guests)
    if hosts <= limit:
        return []
    rule = "接待对象 10 人以内的，陪餐不超过 3 人" if guests <= 10 else "接待对象超过 10 人的，陪餐不超过其三分之一"
    return [_problem(RECEPTION_HOSTS, f"{meal.label}接待对象 {guests} 人、陪餐 {hosts} 人，超过 {limit} 人的上限"
                     f"（{rule}）。", [meal.id], dimension=FRUGAL)]


CHECKS = (adjustment_problems, dietary_problems, menu_problems, cost_problems, presence_problems,
          menu_missing_problems, reception_problems)


def catering_problems(plan: CateringPlan) -> tuple[Problem, ...]:
    """Every catering finding of the event, in the order of CHECKS."""
    return tuple(p for check in CHECKS for p in check(plan))
