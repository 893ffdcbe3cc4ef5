"""A meal's headcount, derived and never typed (pure): who of the roster eats it, the staff and drivers
when the meal includes them, the officer's adjustment, the dietary needs counted apart with the people's
names, and the tables (清真 tables apart, ``table_size`` a table).

Who eats: a participant present that day (from their arrival to their departure date, else the event's
dates), not on approved leave, needing meals; a local participant (本地) is not at breakfast unless
lodged. Staff (role ``staff``) count only when the meal includes staff.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rdplanner.catering.kinds import HALAL, VEGETARIAN

STAFF_ROLE = "staff"
GUEST_ROLE = "guest"
_SEPARATORS = re.compile(r"[，,、;；/\s]+")


@dataclass(frozen=True, slots=True)
class Diner:
    """A participant as the headcount sees them."""

    participation_id: int
    name: str
    role: str
    arrival: date | None
    departure: date | None
    needs_meals: bool = True
    on_leave: bool = False
    is_local: bool = False
    lodged: bool = False
    dietary: str = ""


@dataclass(frozen=True, slots=True)
class Needs:
    """One person's dietary needs, read from the free text ("清真", "素食", "花生过敏")."""

    halal: bool = False
    vegetarian: bool = False
    allergies: tuple[str, ...] = ()  # the allergens: "花生"
    others: tuple[str, ...] = ()  # anything else, as written: "低盐"


@lru_cache(maxsize=1024)
def needs_of(text: str) -> Needs:
    """Read a participant's dietary text: 清真 and 素(食) are recognised, "X过敏" (or "对X过敏") names an
    allergen X, anything else is kept as written."""
    halal = vegetarian = False
    allergies, others = [], []
    for part in (p for p in _SEPARATORS.split(text or "") if p):
        if HALAL in part:
            halal = True
        elif "素" in part:
            vegetarian = True
        elif part.endswith("过敏"):
            allergies.append(part.removesuffix("过敏").removeprefix("对") or "不明食物")
        else:
            others.append(part)
    return Needs(halal, vegetarian, tuple(allergies), tuple(others))


def provisions_of(text: str) -> tuple[str, ...]:
    """The kitchen's provisions of a meal as a tuple ("清真, 素食, 无花生" → three)."""
    return tuple(p for p in _SEPARATORS.split(text or "") if p)


def provided(need: str, provisions: Sequence[str]) -> bool:
    """Tell whether a need (清真, 素食, an allergen, another need) has a matching provision: one that
    names it ("无花生" provides for 花生; "素" for 素食)."""
    key = "素" if need == VEGETARIAN else need
    return any(key in p for p in provisions)


@dataclass(frozen=True)
class MealCount:
    """A meal's derived headcount, its breakdown, its dietary counts and its tables."""

    participants: int
    staff: int
    drivers: int
    adjustment: int
    halal: tuple[str, ...] = ()
    vegetarian: tuple[str, ...] = ()
    allergies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (allergen, names)
    others: tuple[tuple[str, tuple[str, ...]], ...] = ()
    table_size: int = 10
    eater_ids: frozenset[int] = frozenset()
    present: int = 0  # participants present that day wanting meals, whether at this meal or not
    on_leave: int = 0
    local_breakfast: int = 0  # local participants, not lodged, left out of breakfast
    staff_left_out: int = 0  # staff present and wanting meals, left out because the meal does not include staff
    guests: int = 0
    hosts: int = 0
    dietary_ids: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # need → participation ids

    @property
    def derived(self) -> int:
        return self.participants + self.staff + self.drivers

    @property
    def total(self) -> int:
        return max(0, self.derived + self.adjustment)

    @property
    def halal_tables(self) -> int:
        return _tables(min(len(self.halal), self.total), self.table_size)

    @property
    def other_tables(self) -> int:
        return _tables(self.total - min(len(self.halal), self.total), self.table_size)

    @property
    def tables(self) -> int:
        return self.halal_tables + self.other_tables

    def needs(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """Every need counted at this meal as (need, label, names): 清真, 素食, each allergen ("花生",
        "花生过敏"), the other needs as written."""
        found = [(HALAL, HALAL, self.halal)] if self.halal else []
        found += [(VEGETARIAN, VEGETARIAN, self.vegetarian)] if self.vegetarian else []
        found += [(a, f"{a}过敏", names) for a, names in self.allergies]
        return tuple(found) + tuple((o, o, names) for o, names in self.others)


def left_out_text(count: MealCount, kind: str) -> str:
    """Who is there that day but not counted at this meal, so the officer can tell the kitchen's number
    from the hotel's: "未计入：请假 2 人，本地不住会 186 人，工作人员 14 人（本餐不含工作人员）"."""
    parts = [f"请假 {count.on_leave} 人"]
    if kind == "breakfast" and count.local_breakfast:
        parts.append(f"本地不住会 {count.local_breakfast} 人")
    if count.staff_left_out:
        parts.append(f"工作人员 {count.staff_left_out} 人（本餐不含工作人员，可在“编辑”中计入）")
    return "未计入：" + "，".join(parts)


def _tables(people: int, size: int) -> int:
    return -(-people // max(1, size)) if people > 0 else 0


def is_present(diner: Diner, day: date, start: date, end: date) -> bool:
    """Tell whether the diner is there on ``day``: from arrival to departure, both days counted."""
    return (diner.arrival or start) <= day <= (diner.departure or end)


def count_meal(diners: Iterable[Diner], *, day: date, kind: str, start: date, end: date,
               include_staff: bool, drivers: int, adjustment: int, table_size: int) -> MealCount:
    """Return the headcount of one meal (``drivers``: the drivers on duty that day, counted only when the
    caller's meal includes drivers)."""
    eaters: list[Diner] = []
    present = on_leave = local_breakfast = staff_left_out = 0
    for diner in diners:
        if not diner.needs_meals or not is_present(diner, day, start, end):
            continue
        if diner.on_leave:
            on_leave += 1
            continue
        present += 1
        if kind == "breakfast" and diner.is_local and not diner.lodged:
            local_breakfast += 1
        elif diner.role != STAFF_ROLE or include_staff:
            eaters.append(diner)
        else:
            staff_left_out += 1
    staff = sum(1 for d in eaters if d.role == STAFF_ROLE)
    guests = sum(1 for d in eaters if d.role == GUEST_ROLE)
    needs = _by_need(eaters)

    def names(group: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((need, tuple(d.name for d in people)) for (g, need), people in sorted(needs.items())
                     if g == group)

    return MealCount(
        participants=len(eaters) - staff, staff=staff, drivers=drivers, adjustment=adjustment,
        halal=tuple(d.name for d in needs.get(("diet", HALAL), ())),
        vegetarian=tuple(d.name for d in needs.get(("diet", VEGETARIAN), ())),
        allergies=names("allergy"), others=names("other"), table_size=table_size,
        eater_ids=frozenset(d.participation_id for d in eaters), present=present, on_leave=on_leave,
        local_breakfast=local_breakfast, staff_left_out=staff_left_out, guests=guests, hosts=len(eaters) - staff - guests,
        dietary_ids={need: tuple(d.participation_id for d in people) for (_, need), people in needs.items()})


def _by_need(eaters: Sequence[Diner]) -> dict[tuple[str, str], list[Diner]]:
    """(group, need) → the eaters who have it; groups: diet (清真, 素食), allergy, other."""
    found: dict[tuple[str, str], list[Diner]] = {}
    for diner in eaters:
        needs = needs_of(diner.dietary)
        keys = [("diet", HALAL)] if needs.halal else []
        keys += [("diet", VEGETARIAN)] if needs.vegetarian else []
        keys += [("allergy", a) for a in needs.allergies] + [("other", o) for o in needs.others]
        for key in keys:
            found.setdefault(key, []).append(diner)
    return found
