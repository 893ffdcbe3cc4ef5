"""Pure attendance rules: a participant's status at a sitting, when a congress session counts as missed
without approval (代表法 art. 62), and each body's quorum (who counts, how many, the report sentence).

No database here: attendance.py reads a sitting and hands statuses and counts to these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Optional

# Which body an event type belongs to. Every other event type (inspections, 双联, receptions…) has no
# body: its sign-in counts deputies and members as 应到 but no quorum applies.
BODY_OF_EVENT_TYPE: dict[str, str] = {
    "congress_session": "congress",
    "standing_committee": "standing_committee",
    "directors_meeting": "directors_meeting",
}

# The participation roles that are voting members of each body's sittings. Without a body, deputies and
# members both count as 应到 (a 代表视察 lists deputies; a joint activity may list members).
VOTING_ROLES: dict[Optional[str], frozenset[str]] = {
    "congress": frozenset({"deputy"}),
    "standing_committee": frozenset({"member"}),
    "directors_meeting": frozenset({"member"}),
    None: frozenset({"deputy", "member"}),
}
ATTENDEE_ROLE = "attendee"  # 列席: may speak, never counted in the quorum
OBSERVER_ROLE = "observer"  # 旁听: neither speaks nor votes, never counted
# 已签到 as the button (签到) and the count (实到) say; 缺席 is shown for 未签到 once the sitting has closed.
STATUSES: dict[str, str] = {"present": "已签到", "leave": "请假", "absent": "缺席", "unmarked": "未签到"}
FLAG_THRESHOLD = 2  # 代表法 art. 62: 未经批准两次不出席本级人民代表大会会议
Status = tuple[str, bool, str, bool]  # status, leave approved, reason, taken from the leave record


def effective_status(mark: Optional[tuple[str, bool, str]], leave_status: str, leave_reason: str) -> Status:
    """Return (status, leave_approved, reason, from_leave_record) from a sign-in mark or the leave record.

    A mark (status, approved, reason) always wins. Without one, approved leave (准假) is 请假, a recorded
    absence is 缺席 and a pending request stays 未签到 (the officer decides at the door), reason shown.
    """
    if mark is not None:
        return mark[0], bool(mark[1]), mark[2] or "", False
    if leave_status == "approved":
        return "leave", True, leave_reason, True
    if leave_status == "absent":
        return "absent", False, leave_reason, True
    return "unmarked", False, leave_reason if leave_status == "requested" else "", False


def missed_session_without_approval(statuses: Sequence[Status]) -> bool:
    """Return whether a deputy's statuses at the sittings of one congress session make it an unapproved
    non-attendance (未经批准不出席) in the sense of 代表法 art. 62.

    The law counts sessions (会议), not sittings: present at any sitting means the deputy attended the
    session. Otherwise it counts once when any expected sitting is an absence or a refused leave; approved
    leave throughout, or no sign-in at all (未签到), does not count.
    """
    if any(status == "present" for status, *_ in statuses):
        return False
    return any(status == "absent" or (status == "leave" and not approved)
               for status, approved, *_ in statuses)


Term = tuple[Optional[date], Optional[date]]  # a membership's start and end (end: the seat is vacant)


def within_term(term: Optional[Term], day: date) -> bool:
    """Return whether ``day`` falls in a membership term; no term on record means every day counts."""
    if term is None:
        return True
    start, end = term
    return (start is None or start <= day) and (end is None or end > day)


def groups_of_sitting(kind: str, text: str, groups: Iterable[str]) -> set[str]:
    """Return the groups (or delegations) a group sitting is for: those its name/place ``text`` mentions.

    The longest name wins (a sitting of "11组" does not also select "1组"). A plenary,
    or a group sitting that names no group, gives an empty set: everyone is expected.
    """
    if kind != "group":
        return set()
    found = {g for g in groups if g and g in text}
    return {g for g in found if not any(g != other and g in other for other in found)}


@dataclass(frozen=True)
class QuorumRule:
    """How many of the current members must be present: more than (strict) or at least num/den of them.

    ``wording`` picks the report style: "congress" (代表…名) or "committee" (…人).
    ``statutory`` says whether the quorum is set by law (符合法定人数) or by the office's practice.
    """

    code: str
    label: str
    numerator: int
    denominator: int
    strict: bool
    statutory: bool
    wording: str
    basis: str

    @property
    def applies(self) -> bool:
        return self.denominator > 0

    def required(self, base: int) -> int:
        """Return the smallest number present that meets the rule for ``base`` current members."""
        if not self.applies:
            return 0
        if self.strict:
            return base * self.numerator // self.denominator + 1
        return -(-base * self.numerator // self.denominator)

    def is_met(self, present: int, base: int) -> bool:
        """Return whether ``present`` of ``base`` meets the rule (integer arithmetic, no rounding)."""
        if not self.applies:
            return True
        if base <= 0:
            return False
        if self.strict:
            return present * self.denominator > base * self.numerator
        return present * self.denominator >= base * self.numerator


CONGRESS = QuorumRule(
    "two_thirds", "三分之二以上（含本数）", 2, 3, strict=False, statutory=True, wording="congress",
    basis="依地方组织法第十四条，人民代表大会会议须有三分之二以上（含本数）的代表出席方能举行。",
)
STANDING_COMMITTEE = QuorumRule(
    "majority", "全体组成人员过半数", 1, 2, strict=True, statutory=True, wording="committee",
    basis="依地方组织法第五十一条，常委会会议须有全体组成人员过半数出席方能举行，恰好半数不足。",
)
# The law sets no quorum for the directors' meeting (主任会议). The product applies a majority of its
# members, as for the standing committee it serves, and labels it practice, not law, wherever shown.
DIRECTORS_MEETING = QuorumRule(
    "practice_majority", "过半数（惯例，非法定）", 1, 2, strict=True, statutory=False, wording="committee",
    basis="主任会议：法律未规定法定人数，本程序参照常委会会议，按组成人员过半数出席掌握（惯例，非法定）。",
)
NO_QUORUM = QuorumRule(
    "none", "不计法定人数", 0, 0, strict=False, statutory=False, wording="committee",
    basis="分组会议和视察、调研等活动不适用法定人数，只统计出席情况。",
)
# The record 应到 is counted from (BodyMembership), as the quorum panel and the sign-in sheet name it.
ROLLS: dict[Optional[str], str] = {"congress": "代表名册", "standing_committee": "常委会组成人员名册",
                                   "directors_meeting": "主任会议组成人员名册"}
NAMES_SHOWN = 10  # names listed in a basis note before "等 N 人"
_RULES = {"congress": CONGRESS, "standing_committee": STANDING_COMMITTEE,
          "directors_meeting": DIRECTORS_MEETING}


def body_for_event_type(event_type: str) -> Optional[str]:
    """Return the body whose meeting an event of this type is, or None (no quorum body)."""
    return BODY_OF_EVENT_TYPE.get(event_type)


def voting_roles(body: Optional[str]) -> frozenset[str]:
    """Return the participation roles counted as 应到 for a sitting of ``body``."""
    return VOTING_ROLES.get(body, VOTING_ROLES[None])


def rule_for(event_type: str, sitting_kind: str = "plenary") -> QuorumRule:
    """Return the quorum rule of a sitting: the body's rule for a plenary, none for a group meeting.

    Group meetings (分组会议, 代表团会议) have no statutory quorum; they keep the body's wording.
    """
    body = body_for_event_type(event_type)
    rule = _RULES.get(body or "", NO_QUORUM)
    if sitting_kind == "group" and rule.applies:
        return replace(NO_QUORUM, wording=rule.wording)
    return rule


@dataclass(frozen=True)
class QuorumResult:
    """The live count of a sitting and whether the quorum is met.

    ``expected`` (应到) is the current membership, vacancies excluded; ``present`` (实到), ``leave``
    (请假) and ``absent`` (marked unexcused) count voting members only; ``unmarked`` is everyone of
    ``expected`` not yet signed in or marked. 列席 and 旁听 are counted apart and never in the quorum.
    ``closed``: the sitting is over; only then is anyone reported as 缺席 (see ``away``).
    ``not_on_record``: voting participants listed for the sitting who are not current members on ``roll``
    (not in 应到); ``not_listed``: current members on ``roll`` missing from the list (in 应到, cannot sign).
    """

    rule: QuorumRule
    expected: int
    present: int
    leave: int
    absent: int
    unmarked: int
    attendee_present: int = 0
    attendee_total: int = 0
    observer_present: int = 0
    observer_total: int = 0
    base_from_roster: bool = False
    closed: bool = False
    not_on_record: tuple[str, ...] = ()
    not_listed: tuple[str, ...] = ()
    roll: str = "组成人员名册"

    @property
    def unit(self) -> str:
        """Return the measure word of the body's report: 名 for deputies, 人 for the committees."""
        return "名" if self.rule.wording == "congress" else "人"

    @property
    def met(self) -> bool:
        return self.rule.is_met(self.present, self.expected)

    @property
    def required(self) -> int:
        return self.rule.required(self.expected)

    @property
    def missing(self) -> int:
        """Return how many more must be present to meet the quorum (0 when met or no rule)."""
        return 0 if self.met else max(0, self.required - self.present)

    @property
    def away(self) -> int:
        """Return 应到 − 实到 − 请假: the 缺席 of the report once the sitting has closed; before that
        these people are only 未签到 (they may still arrive), never called absent."""
        return max(0, self.expected - self.present - self.leave)

    @property
    def away_label(self) -> str:
        """Return what ``away`` is called: 缺席 once the sitting has closed, 未签到 before."""
        return "缺席" if self.closed else "未签到"

    def report_sentence(self) -> str:
        """Return the sentence the chair reads, in the body's official wording (no final full stop).

        Congress: "会议应到代表362名，实到代表316名，请假代表40名，缺席代表6名，符合法定人数". Standing
        committee: "应到45人，实到40人，请假2人，缺席3人，出席人数符合法定人数". Before the sitting has
        closed the last count is 未签到, never 缺席.
        """
        word = self.away_label
        if self.rule.wording == "congress":
            parts = [f"会议应到代表{self.expected}名", f"实到代表{self.present}名", f"请假代表{self.leave}名",
                     f"{word}代表{self.away}名"]
        else:
            parts = [f"应到{self.expected}人", f"实到{self.present}人", f"请假{self.leave}人",
                     f"{word}{self.away}人"]
        verdict = self._verdict()
        return "，".join(parts + ([verdict] if verdict else []))

    def rule_text(self) -> str:
        """Return a line explaining the rule applied and the threshold, e.g. for the quorum panel."""
        if not self.rule.applies:
            return self.rule.basis
        unit = self.unit
        source = "（未登记组成人员名册，应到人数按参会名单计）" if self.base_from_roster else ""
        return f"{self.rule.basis}应到{self.expected}{unit}，至少须{self.required}{unit}出席。{source}"

    def basis_notes(self) -> tuple[str, ...]:
        """Return why 应到 differs from the listed members, one line per kind, naming the people.

        E.g. "名单中的 赵六 不在常委会组成人员名册中，未计入应到人数". Empty when the two agree.
        """
        notes = []
        if self.not_on_record:
            notes.append(f"名单中的 {_names(self.not_on_record)} 不在{self.roll}中，未计入应到人数")
        if self.not_listed:
            notes.append(f"{self.roll}中的 {_names(self.not_listed)} 不在本次参会名单中，已计入应到人数")
        return tuple(notes)

    def _verdict(self) -> str:
        if not self.rule.applies:
            return ""
        unit = self.unit
        prefix = "" if self.rule.wording == "congress" else "出席人数"
        short = "" if self.closed else f"（尚差{self.missing}{unit}）"
        if not self.rule.statutory:
            return f"{prefix}已过半数" if self.met else f"{prefix}未过半数{short}"
        return f"{prefix}符合法定人数" if self.met else f"{prefix}不符合法定人数{short}"


def _names(names: Sequence[str]) -> str:
    shown = "、".join(names[:NAMES_SHOWN])
    return shown + (f" 等 {len(names)} 人" if len(names) > NAMES_SHOWN else "")


def evaluate(
    rule: QuorumRule,
    *,
    expected: int,
    present: int,
    leave: int,
    absent: int,
    attendees: tuple[int, int] = (0, 0),
    observers: tuple[int, int] = (0, 0),
    base_from_roster: bool = False,
    closed: bool = False,
    not_on_record: Sequence[str] = (),
    not_listed: Sequence[str] = (),
    body: Optional[str] = None,
) -> QuorumResult:
    """Return the result for the given counts; ``attendees``/``observers`` are (present, total);
    ``closed``: the sitting is over, so whoever is neither present nor on leave is 缺席;
    ``not_on_record``/``not_listed``: the names where the list and the body's record disagree."""
    unmarked = max(0, expected - present - leave - absent)
    return QuorumResult(
        rule=rule, expected=expected, present=present, leave=leave, absent=absent, unmarked=unmarked,
        attendee_present=attendees[0], attendee_total=attendees[1],
        observer_present=observers[0], observer_total=observers[1], base_from_roster=base_from_roster,
        closed=closed, not_on_record=tuple(not_on_record), not_listed=tuple(not_listed),
        roll=ROLLS.get(body, "组成人员名册"),
    )


def sitting_closed(ends_at: Optional[datetime], event_status: str, now: datetime) -> bool:
    """Return whether a sitting is over, so that 未签到 becomes 缺席: its end time (local wall-clock
    time, as sittings are entered) has passed, or the whole event is marked 已结束."""
    return event_status == "closed" or (ends_at is not None and now >= ends_at)
