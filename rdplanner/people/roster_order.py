"""The roster in the order the officer chooses, with identical names and unknown characters reported.

The stroke order follows the body's convention (姓名笔画 by default); the other orders break ties by it.
The stroke orders group by 身份 first (常委会组成人员, 列席, 旁听, 工作人员 …); within a group the
people with a 职务排序 come first by it (主任, 副主任, 秘书长), the rest by strokes (委员), as official
lists do. The roster page, its workbook and the sign-in page and sheets all order through
``order_roster`` / ``official_order``.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Sequence, TypeVar

from rdplanner.labels import ROLES
from rdplanner.office_settings import NAME_CONVENTIONS
from rdplanner.people.ordering import OrderBy, order_names, order_people, sort_people
from rdplanner.people.pinyin import matches_initials
from rdplanner.people.service import RosterRow

T = TypeVar("T")

ORDER_MODES = {
    "xingming": "按姓名笔画",
    "xingshi": "按姓氏笔画",
    "rank": "按职务排序",
    "delegation": "按代表团再按笔画",
    "pinyin": "按拼音",
}
ROLE_GROUPS = ("先按身份分组（依次为" + "、".join(ROLES.values()) + "），组内先列设有“职务排序”的人员"
               "（按排序数字，如主任、副主任、秘书长；代表不按职务，全部按笔画），其余")
EXPLANATIONS = {
    "xingming": ROLE_GROUPS + "按姓名笔画：逐字比较，笔画少者在前；笔画数相同按起笔笔形 横、竖、撇、点、折"
                              " 依次比较（GF 3002-1999）；复姓按首字计。人大名单通行此法。",
    "xingshi": ROLE_GROUPS + "按姓氏笔画：先比姓氏；同姓时单名排在双名之前（如 田富 在 田大利 之前），"
                             "其余同姓名笔画。",
    "rank": "按职务排序：按“职务排序”栏的数字，未设排序的排在最后；同序按姓名笔画。",
    "delegation": "按代表团：代表团按名称笔画排列，团内按姓名笔画；无代表团的排在最后。",
    "pinyin": "按拼音：逐字比较拼音，姓氏按姓氏读音（如 曾 zēng、单 shàn）。",
}


@dataclass(frozen=True)
class OrderedRoster:
    """Rows in order, warnings (identical names, characters without stroke data), what the order assumes."""

    rows: tuple[RosterRow, ...]
    warnings: tuple[str, ...]
    explanation: str


def order_roster(rows: Sequence[RosterRow], *, mode: str, convention: str = "xingming") -> OrderedRoster:
    """Order rows by ``mode`` (a key of ORDER_MODES); stroke ties and stroke modes use ``convention``.

    The stroke modes (姓名笔画, 姓氏笔画) list the roles in the order of ROLES; within a role, people with a
    职务排序 (rank_order > 0) come first by it, the rest in stroke order.
    """
    if mode in NAME_CONVENTIONS:
        convention, by = mode, OrderBy.STROKES
    else:
        by = OrderBy(mode if mode != "delegation" else OrderBy.DELEGATION)
    result = order_people(rows, key=lambda r: r.name, convention=convention, by=by,
                          rank=lambda r: r.rank_order or None, delegation=lambda r: r.delegation)
    warnings = tuple(result.warnings(lambda i: rows[i].unit or rows[i].role_label))
    ordered = result.apply(rows)
    if by is OrderBy.STROKES:
        ordered.sort(key=official_key)  # stable: stroke order among the unranked of each role
    return OrderedRoster(tuple(ordered), warnings, EXPLANATIONS[mode])


def official_order(rows: Sequence[T], *, convention: str, voting: frozenset[str] = frozenset()) -> list[T]:
    """Return rows (with ``name``, ``role``, ``rank_order``) in the official order of printed lists.

    The voting roles first, then the roles in the order of ROLES; within a role the ranked (主任, 副主任,
    秘书长…) by rank, then the others by name strokes under ``convention``.
    """
    ordered = order_people(rows, key=lambda r: r.name, convention=convention).apply(rows)
    ordered.sort(key=lambda r: (r.role not in voting, *official_key(r)))
    return ordered


def delegation_names(rows: Sequence[T], *, convention: str = "xingming") -> list[str]:
    """Return the delegations of rows (with ``delegation``) in the roster's order 按代表团: by the strokes
    of their names under ``convention``, as the roster lists and groups them; blank delegations left out."""
    names = list(dict.fromkeys(row.delegation for row in rows if row.delegation))
    return sort_people(names, key=lambda name: name, convention=convention)


UNRANKED_LISTS = frozenset({"deputy"})
"""Roles listed by strokes alone: deputies' lists are printed 按姓名笔画 (a deputy's rank places them on the
rostrum of the presidium, not ahead of the other deputies on a list)."""


def official_key(row) -> tuple[int, int, int]:
    """Sort key of a row's place before strokes: its role, then ranked before unranked, then its rank."""
    rank = (row.rank_order or 0) if row.role not in UNRANKED_LISTS else 0
    return (role_rank(row), 0 if rank > 0 else 1, max(rank, 0))


def role_rank(row: RosterRow) -> int:
    """The place of the row's role in the official order of roles (unknown roles last)."""
    roles = list(ROLES)
    return roles.index(row.role) if row.role in roles else len(roles)


def identical_name_ids(rows: Sequence[RosterRow]) -> frozenset[int]:
    """Return the participations whose name someone else in the event shares (however filtered)."""
    result = order_names([r.name for r in rows])
    return frozenset(rows[i].participation_id for group in result.identical for i in group)


def roster_matches(row: RosterRow, query: str) -> bool:
    """Tell whether a search finds the row: by name, unit, post or delegation text, or pinyin initials."""
    query = query.strip()
    if not query:
        return True
    if any(query in text for text in (row.name, row.unit, row.post, row.delegation)):
        return True
    return query.isascii() and matches_initials(row.name, query)


def roster_summary(all_rows: Sequence[RosterRow], *, shown: int, ordered: OrderedRoster) -> str:
    """One line for under the table: totals by role, leave, and any identical names or unknown characters."""
    counts = Counter(r.role for r in all_rows)
    parts = "，".join(f"{label} {counts[code]}" for code, label in ROLES.items() if counts[code])
    on_leave = sum(r.leave_status in ("approved", "requested") for r in all_rows)
    text = f"共 {len(all_rows)} 人" + (f"（当前显示 {shown} 人）" if shown != len(all_rows) else "")
    text += (f"：{parts}" if parts else "") + (f"；请假 {on_leave} 人" if on_leave else "")
    if ordered.warnings:
        text += "\n" + "\n".join(ordered.warnings)
    return text
