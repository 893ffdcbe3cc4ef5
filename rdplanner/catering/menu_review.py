"""The menu review (菜单审核), pure: each dish against the frugality word list (a dish naming a word is
forbidden, by the rule the word comes from), the meal's style (meetings hold no banquet), and a
reception's table (hosts ≤ 3 for up to 10 guests, else ≤ one third of the guests)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdplanner.catering.fold import normalised
from rdplanner.catering.read import DishRow, WordRow


@dataclass(frozen=True, slots=True)
class Finding:
    """A dish that names a word of the list, with the rule behind it."""

    dish_id: int
    dish: str
    word: str
    category: str
    rule: str


def applies(word: WordRow, *, is_reception: bool) -> bool:
    """Tell whether a word of the list applies to this kind of event."""
    return word.applies_to == "all" or word.applies_to == ("reception" if is_reception else "meeting")


def review_dishes(dishes: Iterable[DishRow], words: Sequence[WordRow], *, is_reception: bool) -> tuple[Finding, ...]:
    """Every dish naming a word that applies, once per dish and word, longest words first (a dish with
    "茅台酒" is reported for 茅台 and for 酒 where both apply). Dish and word are compared on their
    normalised forms (fold.normalised), so "魚 翅" and "鱼-翅" name 鱼翅."""
    used = sorted(((normalised(w.word), w) for w in words if applies(w, is_reception=is_reception)),
                  key=lambda pair: (-len(pair[0]), pair[1].word))
    used = [(form, w) for form, w in used if form]
    return tuple(Finding(dish.id, dish.name, w.word, w.category, w.rule)
                 for dish in dishes for name in (normalised(dish.name),) for form, w in used if form in name)


def host_limit(guests: int) -> int:
    """The most hosts a reception's working meal may have at the table for ``guests`` guests: 3 up to
    10 guests, else one third of the guests, rounded down (党政机关国内公务接待管理规定 第十条)."""
    return 3 if guests <= 10 else guests // 3
