"""The attendance rule an attendance record is read against, by the type of the event it is opened from.

A deputy's mandate ends after two unapproved absences from congress sessions (代表法 art. 62, DOMAIN §4);
nothing in law ends a standing-committee or directors'-meeting membership for absences. For those the
office follows its standing committee's rules of procedure (议事规则) and leave rules: members must attend,
ask the 主任 for leave in writing, and an absence without approved leave is recorded as 缺席 and reported
(通报). Where local rules say more, the note says so: it states what is assumed.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from rdplanner.people.attendance import HistoryRow
from rdplanner.people.quorum import FLAG_THRESHOLD

DEPUTY_RULE = ("代表法第六十二条：未经批准两次不出席本级人民代表大会会议的，其代表资格终止。")
COMMITTEE_RULE = ("按常委会议事规则的通行规定：常委会组成人员应当出席常委会会议，"
                  "因病或者其他特殊原因不能出席的，"
                  "应当事先向主任书面请假；未请假或请假未获批准而未出席的，按缺席登记，出席情况定期通报。"
                  "法律未规定缺席次数的后果（本程序按此假定，本市规则另有规定的，以本市规则为准）。")
DIRECTORS_RULE = ("按通行做法：主任会议组成人员（主任、副主任、秘书长）因故不能出席的，应当事先向主任请假；"
                  "法律未规定缺席的后果（本程序按此假定，本市规则另有规定的，以本市规则为准）。")
ACTIVITY_RULE = ("本活动不是人民代表大会会议或常委会会议：出勤只作工作记录，不计入法定人数，"
                 "法律未规定缺席的后果（请假参照常委会会议请假规定办理）。")

# The meetings whose unapproved absences the rule counts, and the rule, by event type.
RULES: dict[str, tuple[str, str, str]] = {  # event type → (counted type, its name, rule)
    "congress_session": ("congress_session", "人民代表大会会议", DEPUTY_RULE),
    "standing_committee": ("standing_committee", "常委会会议", COMMITTEE_RULE),
    "directors_meeting": ("directors_meeting", "主任会议", DIRECTORS_RULE),
}


@dataclass(frozen=True)
class AttendanceNote:
    """The sentence under an attendance record; ``is_warning`` when it calls for the officer's action."""

    text: str
    is_warning: bool


def attendance_note(event_type: str, rows: Iterable[HistoryRow], congress_unapproved: int) -> AttendanceNote:
    """Return the note for a person's attendance record opened from an event of ``event_type``.

    Args:
        event_type: the type of the event whose roster the record is opened from.
        rows: the person's attendance history (attendance.attendance_history).
        congress_unapproved: unapproved absences from congress sessions (count_unapproved_absences).

    The rule of that event's body is cited, with the count of unapproved absences from that kind of
    meeting; the 代表法 count is added at any other event when the person has such absences, since a
    member or participant who is a deputy can lose that mandate too.
    """
    rows = list(rows)
    congress_line = f"未经批准不出席人民代表大会会议 {congress_unapproved} 次。{DEPUTY_RULE}"
    if event_type == "congress_session":
        return AttendanceNote(congress_line, congress_unapproved >= FLAG_THRESHOLD)
    counted, meeting, rule = RULES.get(event_type, ("", "", ACTIVITY_RULE))
    lines = []
    if counted:
        missed = len({r.event_id for r in rows if r.event_type == counted and r.is_unapproved_absence})
        lines.append(f"未经批准缺席{meeting} {missed} 次（同一次会议缺席几个会次计一次）。{rule}")
    else:
        lines.append(rule)
    if congress_unapproved:
        lines.append(congress_line)
    return AttendanceNote("\n".join(lines), congress_unapproved >= FLAG_THRESHOLD)
