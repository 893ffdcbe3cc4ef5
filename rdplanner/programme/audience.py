"""Who attends a programme item: pure functions over the roster's plain rows."""

from collections.abc import Iterable
from dataclasses import dataclass

from rdplanner.labels import ROLES
from rdplanner.programme.kinds import AUDIENCES


@dataclass(frozen=True, slots=True)
class Member:
    """The fields of a participant an audience is chosen by."""

    participation_id: int
    role: str
    delegation: str
    group_name: str
    on_leave: bool = False


def attendees(audience: str, value: str, named: Iterable[int], members: Iterable[Member]) -> frozenset[int]:
    """The participations an item with this audience is for (people on approved leave included: whether
    they come is the roster's business, not the programme's).

    ``all``: everyone; ``role``: ``value`` is a role code; ``delegation`` / ``group``: ``value`` is its
    name; ``people``: the ``named`` participations.
    """
    if audience == "people":
        wanted = set(named)
        return frozenset(m.participation_id for m in members if m.participation_id in wanted)
    if audience == "role":
        return frozenset(m.participation_id for m in members if m.role == value)
    if audience == "delegation":
        return frozenset(m.participation_id for m in members if m.delegation == value)
    if audience == "group":
        return frozenset(m.participation_id for m in members if m.group_name == value)
    return frozenset(m.participation_id for m in members)


class AudienceIndex:
    """``attendees`` for many items over one roster: the members indexed once by role, delegation and
    group (an event's programme asks the same question for each of its items)."""

    def __init__(self, members: Iterable[Member]) -> None:
        self._members = tuple(members)
        self._everyone = frozenset(m.participation_id for m in self._members)
        self._by: dict[str, dict[str, set[int]]] = {"role": {}, "delegation": {}, "group": {}}
        for m in self._members:
            for audience, value in (("role", m.role), ("delegation", m.delegation), ("group", m.group_name)):
                self._by[audience].setdefault(value, set()).add(m.participation_id)

    def attendees(self, audience: str, value: str, named: Iterable[int]) -> frozenset[int]:
        """As the module's ``attendees``."""
        if audience == "people":
            return frozenset(named) & self._everyone
        if audience in self._by:
            return frozenset(self._by[audience].get(value, ()))
        return self._everyone


def audience_text(audience: str, value: str, named_count: int = 0) -> str:
    """"全体人员", "全体代表" (a role), "上城区代表团" or "第一组" (its name), "指定 12 人"."""
    if audience == "role":
        return f"全体{ROLES.get(value, value)}"
    if audience in ("delegation", "group"):
        return value
    if audience == "people":
        return f"指定 {named_count} 人"
    return AUDIENCES["all"]
