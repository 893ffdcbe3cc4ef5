"""Tests of the pure attendance rules: quorum thresholds, report sentences, statuses, art. 62 sessions."""

from datetime import date, datetime

import pytest

from rdplanner.people.quorum import (
    CONGRESS,
    DIRECTORS_MEETING,
    NO_QUORUM,
    STANDING_COMMITTEE,
    effective_status,
    evaluate,
    groups_of_sitting,
    missed_session_without_approval,
    rule_for,
    sitting_closed,
    voting_roles,
    within_term,
)


def result(rule, expected, present, leave=0, absent=0, **kw):
    return evaluate(rule, expected=expected, present=present, leave=leave, absent=absent, **kw)


@pytest.mark.parametrize(("base", "needed"), [(362, 242), (300, 200), (3, 2), (1, 1), (620, 414)])
def test_congress_quorum_met_at_exactly_two_thirds_and_not_one_less(base, needed):
    assert CONGRESS.required(base) == needed
    assert result(CONGRESS, base, needed).met
    assert not result(CONGRESS, base, needed - 1).met


def test_congress_quorum_exact_two_thirds_counts_as_met():
    assert result(CONGRESS, 300, 200).met  # 200/300 is exactly two thirds: 以上 is inclusive
    assert not result(CONGRESS, 300, 199).met


@pytest.mark.parametrize(("base", "needed"), [(190, 96), (45, 23), (60, 31), (2, 2), (1, 1)])
def test_standing_committee_needs_more_than_half(base, needed):
    assert STANDING_COMMITTEE.required(base) == needed
    assert result(STANDING_COMMITTEE, base, needed).met
    assert not result(STANDING_COMMITTEE, base, needed - 1).met


def test_standing_committee_exactly_half_is_not_enough():
    assert not result(STANDING_COMMITTEE, 60, 30).met
    assert result(STANDING_COMMITTEE, 60, 31).met


def test_quorum_with_no_current_members_is_not_met():
    assert not result(CONGRESS, 0, 0).met
    assert not result(STANDING_COMMITTEE, 0, 0).met


def test_missing_is_the_number_still_needed():
    assert result(STANDING_COMMITTEE, 60, 25).missing == 6
    assert result(CONGRESS, 362, 200).missing == 42
    assert result(CONGRESS, 362, 316).missing == 0


def test_attendees_and_observers_never_count_toward_the_quorum():
    r = result(STANDING_COMMITTEE, 60, 30, attendees=(25, 25), observers=(8, 8))
    assert not r.met
    assert (r.attendee_present, r.observer_present) == (25, 8)


def test_unmarked_is_expected_minus_every_mark():
    assert result(STANDING_COMMITTEE, 60, 40, leave=5, absent=3).unmarked == 12


def test_rule_for_event_types():
    assert rule_for("congress_session") is CONGRESS
    assert rule_for("standing_committee") is STANDING_COMMITTEE
    assert rule_for("directors_meeting") is DIRECTORS_MEETING
    assert rule_for("deputy_inspection") is NO_QUORUM


def test_group_sitting_has_no_quorum_but_keeps_the_congress_wording():
    rule = rule_for("congress_session", "group")
    assert not rule.applies
    assert result(rule, 40, 38).report_sentence() == "会议应到代表40名，实到代表38名，请假代表0名，未签到代表2名"


def test_directors_meeting_majority_is_practice_and_says_so():
    r = result(DIRECTORS_MEETING, 8, 4)
    assert not r.met
    assert "法律未规定法定人数" in r.rule_text()
    assert r.report_sentence() == "应到8人，实到4人，请假0人，未签到4人，出席人数未过半数（尚差1人）"
    assert (result(DIRECTORS_MEETING, 8, 5, closed=True).report_sentence()
            == "应到8人，实到5人，请假0人，缺席3人，出席人数已过半数")


def test_voting_roles_per_body():
    assert voting_roles("congress") == {"deputy"}
    assert voting_roles("standing_committee") == {"member"}
    assert voting_roles(None) == {"deputy", "member"}


@pytest.mark.parametrize(
    ("counts", "closed", "sentence"),
    [
        ((362, 316, 40, 6), True, "会议应到代表362名，实到代表316名，请假代表40名，缺席代表6名，符合法定人数"),
        ((362, 362, 0, 0), True, "会议应到代表362名，实到代表362名，请假代表0名，缺席代表0名，符合法定人数"),
        ((362, 300, 0, 0), True, "会议应到代表362名，实到代表300名，请假代表0名，缺席代表62名，符合法定人数"),
        ((362, 316, 40, 0), False,
         "会议应到代表362名，实到代表316名，请假代表40名，未签到代表6名，符合法定人数"),
        ((362, 200, 100, 0), False,
         "会议应到代表362名，实到代表200名，请假代表100名，未签到代表62名，不符合法定人数（尚差42名）"),
        ((362, 200, 100, 0), True,
         "会议应到代表362名，实到代表200名，请假代表100名，缺席代表62名，不符合法定人数"),
    ],
)
def test_congress_report_sentences(counts, closed, sentence):
    expected, present, leave, absent = counts
    assert result(CONGRESS, expected, present, leave, absent, closed=closed).report_sentence() == sentence


@pytest.mark.parametrize(
    ("counts", "closed", "sentence"),
    [
        ((190, 187, 0, 3), True, "应到190人，实到187人，请假0人，缺席3人，出席人数符合法定人数"),
        ((190, 190, 0, 0), True, "应到190人，实到190人，请假0人，缺席0人，出席人数符合法定人数"),
        ((190, 187, 2, 1), True, "应到190人，实到187人，请假2人，缺席1人，出席人数符合法定人数"),
        ((190, 187, 2, 0), False, "应到190人，实到187人，请假2人，未签到1人，出席人数符合法定人数"),
        ((60, 30, 20, 10), True, "应到60人，实到30人，请假20人，缺席10人，出席人数不符合法定人数"),
        ((60, 30, 20, 0), False, "应到60人，实到30人，请假20人，未签到10人，出席人数不符合法定人数（尚差1人）"),
    ],
)
def test_standing_committee_report_sentences(counts, closed, sentence):
    expected, present, leave, absent = counts
    r = result(STANDING_COMMITTEE, expected, present, leave, absent, closed=closed)
    assert r.report_sentence() == sentence


def test_report_before_closing_never_counts_leave_or_the_unsigned_as_absent():
    r = result(STANDING_COMMITTEE, 45, 1, leave=2)  # the issue: "出席1人，缺席44人" with 2 on leave
    assert r.report_sentence() == "应到45人，实到1人，请假2人，未签到42人，出席人数不符合法定人数（尚差22人）"
    assert "缺席" not in r.report_sentence()


def test_absent_after_closing_is_expected_minus_present_minus_leave():
    r = result(STANDING_COMMITTEE, 45, 40, leave=2, absent=1, closed=True)
    assert (r.away, r.away_label) == (3, "缺席")
    assert r.report_sentence() == "应到45人，实到40人，请假2人，缺席3人，出席人数符合法定人数"


@pytest.mark.parametrize(("ends_at", "status", "closed"), [
    (None, "ongoing", False), (datetime(2026, 12, 3, 11, 30), "ongoing", False),
    (datetime(2026, 12, 3, 11, 0), "ongoing", True), (None, "closed", True),
])
def test_sitting_closes_at_its_end_time_or_when_the_event_is_over(ends_at, status, closed):
    assert sitting_closed(ends_at, status, datetime(2026, 12, 3, 11, 0)) is closed


def test_rule_text_names_the_threshold_and_the_roster_fallback():
    assert "至少须242名出席" in result(CONGRESS, 362, 300).rule_text()
    assert "按参会名单计" in result(CONGRESS, 362, 300, base_from_roster=True).rule_text()
    assert "按参会名单计" not in result(CONGRESS, 362, 300).rule_text()


def test_effective_status_mark_wins_over_leave_record():
    assert effective_status(("present", False, ""), "approved", "出差") == ("present", False, "", False)


@pytest.mark.parametrize(
    ("leave_status", "expected"),
    [
        ("approved", ("leave", True, "出差", True)),
        ("absent", ("absent", False, "出差", True)),
        ("requested", ("unmarked", False, "出差", False)),
        ("none", ("unmarked", False, "", False)),
    ],
)
def test_effective_status_without_a_mark_follows_the_leave_record(leave_status, expected):
    assert effective_status(None, leave_status, "出差") == expected


def S(status, approved=False):
    return (status, approved, "", False)


def test_session_missed_without_approval_rules():
    assert missed_session_without_approval([S("absent"), S("absent")])
    assert missed_session_without_approval([S("leave", False)])
    assert missed_session_without_approval([S("leave", True), S("absent")])
    assert not missed_session_without_approval([S("absent"), S("present")])  # attended part: attended
    assert not missed_session_without_approval([S("leave", True), S("leave", True)])
    assert not missed_session_without_approval([S("unmarked"), S("unmarked")])
    assert not missed_session_without_approval([])


def test_within_term():
    term = (date(2023, 1, 12), date(2026, 3, 1))
    assert within_term(term, date(2025, 1, 1))
    assert not within_term(term, date(2022, 1, 1))
    assert not within_term(term, date(2026, 3, 1))  # the seat is vacant from the end date
    assert within_term(None, date(1990, 1, 1))


def test_groups_of_sitting_prefers_the_longest_name_and_ignores_plenaries():
    assert groups_of_sitting("group", "分组会议（11组）", {"1组", "11组", ""}) == {"11组"}
    delegations = {"上城区代表团", "西湖区代表团"}
    assert groups_of_sitting("group", "上城区代表团全体会议 2号会议室", delegations) == {"上城区代表团"}
    assert groups_of_sitting("plenary", "上城区代表团", {"上城区代表团"}) == set()
    assert groups_of_sitting("group", "分组会议（第1组）", {"上城区代表团"}) == set()
