"""The arrival desk's findings, from its read model as of a day (pure functions):

- ``arrival_overdue``: someone expected on an earlier day has not arrived, while the event is not over and
  the desk is in use (someone has been marked arrived: an office that does not keep the desk is not told
  that everybody is missing);
- ``arrived_on_leave``: someone on approved leave has been marked arrived (the leave record is wrong, and
  the quorum counts them out);
- ``items_not_handed``: someone arrived but still lacks what they are due (the room card not ready …).
"""

from datetime import date

from rdplanner.arrival.handover import labels_of
from rdplanner.arrival.read import ArrivalRow, ArrivalView
from rdplanner.problems import COMPLETE, INFO, WARNING, Problem, refs


def _who(row: ArrivalRow) -> str:
    return f"{row.name}（{row.group}）"


def _moment(when) -> str:
    return f"{when.month}月{when.day}日 {when:%H:%M}"


def arrival_problems(view: ArrivalView, today: date) -> tuple[Problem, ...]:
    """The findings of the desk on ``today``."""
    found: list[Problem] = []
    in_use = any(r.has_arrived for r in view.rows)
    for row in view.rows:
        item = refs("arrival", "participation", [row.participation_id])
        if (in_use and not row.has_arrived and row.is_expected and row.expected is not None
                and row.expected < today <= view.end_date):
            found.append(Problem("arrival_overdue",
                                 f"{_who(row)}应于{row.expected.month}月{row.expected.day}日报到，至今尚未报到。",
                                 item, WARNING, COMPLETE, "arrival"))
        if row.has_arrived and not row.is_expected:
            found.append(Problem("arrived_on_leave",
                                 f"{_who(row)}已于{_moment(row.arrived_at)}报到，名册上却是{row.leave_label}："
                                 "请核对请假记录。", item, WARNING, COMPLETE, "arrival"))
        if row.has_arrived and row.still_due:
            found.append(Problem("items_not_handed",
                                 f"{_who(row)}已报到，尚未领取{labels_of(row.still_due)}。", item, INFO, COMPLETE,
                                 "arrival"))
    return tuple(found)
