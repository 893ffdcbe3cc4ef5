"""The 俭 rules at and around their boundaries: the budget ceiling (people × days × quota), the duration
and the size limits, a category without a standard and a meeting of nobody. Figures are worked by hand
from the central standard (财行〔2016〕214号: 二类 650 元/人·天, ≤ 2 天, ≤ 300 人).
"""

from datetime import date

import pytest

from rdplanner.budget.frugality import (
    NO_STANDARD,
    OVER_CEILING,
    OVER_MAX_DAYS,
    OVER_MAX_PARTICIPANTS,
    FormTexts,
    Meeting,
    budget_text,
    ceiling_problems,
    check_meeting,
    duration_problems,
    form_texts,
    frugality_problems,
    meeting_days,
    size_problems,
)
from rdplanner.budget.standards import ExpenseStandard
from rdplanner.errors import NotFound, RdplannerError
from rdplanner.models import BudgetLine, Event, Participation, Person
from rdplanner.problems import ERROR, FRUGAL, WARNING, ItemRef

CLASS_1 = ExpenseStandard(1, "一类", 500, 150, 110, 760, max_days=0, max_participants=0)
CLASS_2 = ExpenseStandard(2, "二类", 400, 150, 100, 650, max_days=2, max_participants=300)
NAME = "市第十七届人大常委会第二十三次会议"
STANDARDS_TOML = """
source = "《中央和国家机关会议费管理办法》（财行〔2016〕214号）"
[categories.2]
label = "二类"
lodging = 400
meals = 150
other = 100
total = 650
max_days = 2
max_participants = 300
"""
HINT_2 = ("开支标准 二类：住宿费400、伙食费150、其他费用100，合计650元/人·天（合计为上限，各项可调剂使用）；"
          "会期不超过2天，参会人数不超过300人。依据《中央和国家机关会议费管理办法》（财行〔2016〕214号）；"
          "本地标准不同时，请技术人员修改程序的开支标准文件。")


def meeting(**overrides) -> Meeting:
    values = {"event_id": 7, "name": NAME, "category": 2, "days": 2, "people": 83, "planned_fen": 0}
    return Meeting(**(values | overrides))


@pytest.fixture
def standards_file(tmp_path):
    path = tmp_path / "expense_standards.toml"
    path.write_text(STANDARDS_TOML, encoding="utf-8")
    return path


@pytest.mark.parametrize(("start", "end", "days"), [
    (date(2026, 12, 16), date(2026, 12, 16), 1),
    (date(2026, 12, 16), date(2026, 12, 17), 2),
    (date(2026, 12, 31), date(2027, 1, 2), 3),
])
def test_meeting_days_count_both_ends(start, end, days):
    assert meeting_days(start, end) == days


def test_ceiling_problems_exactly_at_the_ceiling_is_within_it():
    assert ceiling_problems(meeting(planned_fen=10_790_000), CLASS_2) == ()


def test_ceiling_problems_one_fen_over_the_ceiling_is_reported_with_its_figures():
    (problem,) = ceiling_problems(meeting(planned_fen=10_790_001), CLASS_2)

    assert problem.code == OVER_CEILING and problem.severity == ERROR and problem.dimension == FRUGAL
    assert problem.message == ("“市第十七届人大常委会第二十三次会议”预算 107,900.01 元，"
                               "超出二类会议开支标准上限 107,900.00 元（83 人 × 2 天 × 650 元），请压减。")
    assert problem.pointer == ItemRef("events", "event", 7)


def test_ceiling_problems_of_nobody_report_nothing():
    assert ceiling_problems(meeting(people=0, planned_fen=1), CLASS_2) == ()


def test_duration_problems_at_the_maximum_days_report_nothing():
    assert duration_problems(meeting(days=2), CLASS_2) == ()


def test_duration_problems_one_day_over_the_maximum_is_reported():
    (problem,) = duration_problems(meeting(days=3), CLASS_2)

    assert problem.code == OVER_MAX_DAYS and problem.severity == WARNING and problem.dimension == FRUGAL
    assert problem.message == ("“市第十七届人大常委会第二十三次会议”会期 3 天，"
                               "超过二类会议不超过 2 天的规定，请核对会议类别或报批。")
    assert problem.pointer == ItemRef("events", "event", 7)


def test_duration_problems_without_a_maximum_report_nothing():
    assert duration_problems(meeting(category=1, days=30), CLASS_1) == ()


def test_size_problems_at_the_maximum_report_nothing():
    assert size_problems(meeting(people=300), CLASS_2) == ()


def test_size_problems_one_person_over_the_maximum_is_reported():
    (problem,) = size_problems(meeting(people=301), CLASS_2)

    assert problem.code == OVER_MAX_PARTICIPANTS and problem.severity == WARNING
    assert problem.message == ("“市第十七届人大常委会第二十三次会议”参会 301 人，"
                               "超过二类会议不超过 300 人的规定，请核对会议类别或报批。")


def test_size_problems_without_a_maximum_report_nothing():
    assert size_problems(meeting(category=1, people=5000), CLASS_1) == ()


def test_check_meeting_reports_every_rule_broken():
    found = check_meeting(meeting(days=3, people=301, planned_fen=301 * 3 * 65_000 + 1), {2: CLASS_2})

    assert [p.code for p in found] == [OVER_CEILING, OVER_MAX_DAYS, OVER_MAX_PARTICIPANTS]


def test_check_meeting_of_a_category_without_standard_warns_once():
    (problem,) = check_meeting(meeting(category=3, days=9, planned_fen=10**12), {2: CLASS_2})

    assert problem.code == NO_STANDARD and problem.severity == WARNING and problem.dimension == FRUGAL
    assert problem.message == ("开支标准文件中没有三类会议的标准，"
                               "无法核对“市第十七届人大常委会第二十三次会议”的经费上限、会期和人数。")


def add_event(session, *, people: int, planned: tuple[int, ...], end: date = date(2026, 12, 17)) -> int:
    event = Event(name=NAME, event_type="standing_committee", start_date=date(2026, 12, 16), end_date=end,
                  expense_category=2)
    session.add(event)
    session.flush()
    for n in range(people):
        person = Person(name=f"委员{n}")
        session.add(person)
        session.flush()
        session.add(Participation(event_id=event.id, person_id=person.id, role="member"))
    for fen in planned:
        session.add(BudgetLine(event_id=event.id, category="lodging", item="住宿", planned_fen=fen))
    session.commit()
    return event.id


def test_frugality_problems_read_the_saved_event(session, standards_file):
    event_id = add_event(session, people=2, planned=(300_000, 90_001), end=date(2026, 12, 18))

    found = frugality_problems(session, event_id, path=standards_file)

    assert [p.code for p in found] == [OVER_CEILING, OVER_MAX_DAYS]
    assert "预算 3,900.01 元" in found[0].message
    assert "3,900.00 元（2 人 × 3 天 × 650 元）" in found[0].message
    assert {p.pointer for p in found} == {ItemRef("events", "event", event_id)}


def test_frugality_problems_of_an_event_within_the_standard_are_none(session, standards_file):
    event_id = add_event(session, people=2, planned=(200_000, 60_000))

    assert frugality_problems(session, event_id, path=standards_file) == ()


def test_frugality_problems_of_a_deleted_event_raise_not_found(session, standards_file):
    with pytest.raises(NotFound):
        frugality_problems(session, 404, path=standards_file)


def test_frugality_problems_with_unreadable_standards_raise_naming_the_file(session, tmp_path):
    event_id = add_event(session, people=1, planned=())
    missing = tmp_path / "missing.toml"

    with pytest.raises(RdplannerError, match="missing.toml"):
        frugality_problems(session, event_id, path=missing)


def test_form_texts_within_the_limits_show_the_standard_and_no_warning(standards_file):
    texts = form_texts(2, 2, 300, path=standards_file)

    assert texts.standard_hint == HINT_2 and texts.limit_warning == ""


def test_form_texts_over_both_limits_name_both_in_one_line(standards_file):
    texts = form_texts(2, 3, 301, path=standards_file)

    assert texts.limit_warning == ("会期 3 天，超过二类会议不超过 2 天的规定；"
                                   "参会 301 人，超过二类会议不超过 300 人的规定。请核对会议类别或报批。")


def test_form_texts_of_a_category_without_standard_say_so(standards_file):
    assert form_texts(4, 9, 999, path=standards_file) == FormTexts("开支标准文件中没有该类别。", "")


def test_form_texts_with_unreadable_standards_show_the_error(tmp_path):
    texts = form_texts(2, 3, 301, path=tmp_path / "missing.toml")

    assert "missing.toml" in texts.standard_hint and texts.limit_warning == ""


def test_budget_text_exactly_at_the_ceiling_is_within_the_standard(standards_file):
    shown = budget_text(2, 2, 83, 10_790_000, 0, path=standards_file)

    assert shown.text == "预算 107,900.00 元；标准上限 107,900.00 元（83 人 × 2 天 × 650 元），在标准以内"
    assert not shown.is_over


def test_budget_text_one_fen_over_asks_to_cut_and_shows_actuals(standards_file):
    shown = budget_text(2, 2, 83, 10_790_001, 3_725_000, path=standards_file)

    assert shown.text == ("预算 107,900.01 元，决算 37,250.00 元；"
                          "标准上限 107,900.00 元（83 人 × 2 天 × 650 元），超出标准，请压减")
    assert shown.is_over


def test_budget_text_of_nobody_shows_no_ceiling(standards_file):
    shown = budget_text(2, 2, 0, 500, 0, path=standards_file)

    assert shown.text == "预算 5.00 元" and not shown.is_over


def test_budget_text_of_a_category_without_standard_shows_no_ceiling(standards_file):
    shown = budget_text(3, 2, 83, 10**12, 0, path=standards_file)

    assert shown.text == "预算 10,000,000,000.00 元" and not shown.is_over


def test_budget_text_with_unreadable_standards_names_the_file(tmp_path):
    shown = budget_text(2, 2, 83, 100, 0, path=tmp_path / "missing.toml")

    assert shown.text.startswith("预算 1.00 元（") and "missing.toml" in shown.text and not shown.is_over


def test_event_problems_include_the_budget_domains_frugality_findings(session):
    from rdplanner.planning import event_problems

    event_id = add_event(session, people=1, planned=(), end=date(2026, 12, 18))

    found = [p for p in event_problems(session, event_id) if p.dimension == FRUGAL]

    assert [(p.code, p.domain) for p in found] == [(OVER_MAX_DAYS, "budget")]
