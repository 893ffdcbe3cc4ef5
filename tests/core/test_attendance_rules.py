"""The rule an attendance record cites: the 代表法 only for congress sessions, the standing committee's
leave rule at its meetings (DOMAIN §4), with what is assumed stated."""

from datetime import date

from rdplanner.people.attendance import HistoryRow
from rdplanner.people.attendance_rules import attendance_note


def history(event_id: int, event_type: str, status: str, *, sitting: int = 1,
            approved: bool = False) -> HistoryRow:
    return HistoryRow(event_id, f"会议{event_id}", event_type, date(2026, 1, event_id), sitting,
                      f"会次{sitting}", "plenary", "member", status, approved, "", False)


def test_standing_committee_note_cites_its_leave_rule_not_the_deputies_law():
    rows = [history(1, "standing_committee", "absent"), history(2, "standing_committee", "present")]

    note = attendance_note("standing_committee", rows, 0)

    assert "代表法" not in note.text and "代表资格" not in note.text
    assert "未经批准缺席常委会会议 1 次" in note.text and "向主任书面请假" in note.text
    assert "法律未规定缺席次数的后果" in note.text and "以本市规则为准" in note.text  # the assumption, stated
    assert not note.is_warning


def test_standing_committee_note_counts_meetings_not_sittings():
    committee = "standing_committee"
    rows = [history(1, committee, "absent", sitting=1), history(1, committee, "absent", sitting=2),
            history(2, committee, "leave", approved=False), history(3, committee, "leave", approved=True),
            history(4, "congress_session", "absent")]

    assert "未经批准缺席常委会会议 2 次" in attendance_note("standing_committee", rows, 1).text


def test_standing_committee_note_adds_the_deputies_law_when_congress_absences_exist():
    note = attendance_note("standing_committee", [], 2)

    assert "未经批准不出席人民代表大会会议 2 次" in note.text and "代表法第六十二条" in note.text
    assert note.is_warning


def test_congress_session_note_cites_article_62():
    note = attendance_note("congress_session", [], 1)

    assert note.text.startswith("未经批准不出席人民代表大会会议 1 次。代表法第六十二条")
    assert "常委会" not in note.text and not note.is_warning


def test_directors_meeting_and_activities_cite_no_statute():
    directors = attendance_note("directors_meeting", [history(1, "directors_meeting", "absent")], 0)
    inspection = attendance_note("deputy_inspection", [history(1, "deputy_inspection", "absent")], 0)

    assert "未经批准缺席主任会议 1 次" in directors.text and "代表法" not in directors.text
    assert "不计入法定人数" in inspection.text and "代表法" not in inspection.text
