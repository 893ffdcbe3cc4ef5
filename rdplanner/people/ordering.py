"""Official order of names (DOMAIN §3): 姓名笔画 (default) and 姓氏笔画, and the orders one click away
(by rank, by delegation then strokes, by pinyin). Pure functions: identical names come back flagged and
characters without stroke data reported, never guessed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from rdplanner.people.strokes import is_han, load_table

T = TypeVar("T")

# How a name is compared (both conventions):
# - Character by character, each by its place in GF order: fewer strokes, then the shapes 横1<竖2<撇3<点4<折5
#   stroke by stroke, then code point (the order of ties in the data; GF 3003's finer tie rules are not
#   available as data); a name that is the start of another comes first (田大 before 田大利).
# - Compound surnames (欧阳, 司马…) count their first character only: no name is ever placed by the stroke
#   total of its surname, so 欧阳少东 (欧, 8) comes before 洪少东 (洪, 9). Under 姓名笔画 this needs nothing
#   more: the second character of 欧阳 is compared like any second character (欧文 < 欧阳修 < 欧凯). Under
#   姓氏笔画 it tells where the given name starts: a one-character given name is read as a blank then that
#   character (the published rule's 空字: "中间算作一空字"), the blank sorting before every character and
#   standing after the whole surname (欧阳○修), so a single given name comes before any double one of the
#   same surname, compound or not: 田富 (田○富) before 田大利, 欧阳修 before 欧阳明华.
# - Spaces (张  三), dots and hyphens in minority or foreign names (阿不都·热合曼) are ignored; a note in
#   brackets (张三（女）) is compared only when the names are otherwise equal, no note first; the text is
#   NFKC-normalised first (full-width letters and brackets, compatibility ideographs).
# - At the same position a Han character with data sorts before one without (reported), then letters and
#   digits of other scripts (Latin first; case-insensitive, by code point; not reported: they have no
#   strokes by nature), then anything else (symbols; reported).
# - Names with the same key (the same characters once spaces, dots and letter case are ignored) keep their
#   input order and are flagged: they need a distinguishing note.


class Convention(StrEnum):
    """The two stroke conventions; 姓名笔画 is the default of people's congresses."""

    XINGMING = "xingming"
    XINGSHI = "xingshi"


class OrderBy(StrEnum):
    """The orders a list can be shown in, one click apart."""

    STROKES = "strokes"
    RANK = "rank"
    DELEGATION = "delegation"
    PINYIN = "pinyin"


CONVENTION_LABELS = {Convention.XINGMING: "姓名笔画", Convention.XINGSHI: "姓氏笔画"}
ORDER_LABELS = {OrderBy.STROKES: "按笔画", OrderBy.RANK: "按职务排序", OrderBy.DELEGATION: "按代表团再按笔画",
                OrderBy.PINYIN: "按拼音"}

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 皇甫 尉迟 公孙 慕容 令狐 东方 夏侯 长孙 宇文 司徒 端木 澹台 南宫 万俟 轩辕 独孤 "
    "呼延 闻人 东郭 西门 东门 公羊 公冶 太叔 申屠 濮阳 淳于 单于 钟离 宗政 仲孙 赫连 拓跋 百里 第五 左丘 "
    "梁丘 乐正 谷梁 段干 司空 司寇 亓官 巫马 鲜于 闾丘 子车 颛孙 壤驷 公良 漆雕 公西 夹谷 宰父 羊舌 微生 "
    "归海 歐陽 司馬 諸葛 東方 長孫 公孫 尉遲 萬俟 澹臺 南宮 軒轅 獨孤 聞人 東郭 鍾離 單于 濮陽 鮮于 閭丘 "
    "顓孫".split()
)

# A name's key is a string compared code point by code point (C-speed sorting and hashing). Known Han
# characters map to one code point each, their place in GF order from U+F0000 (a private-use plane no name
# uses). Other characters take a class marker above that plane and then themselves, so at one position:
# known Han < Han without data < letters and digits < anything else. "\x00" ends the name before its note
# and the 姓氏笔画 blank is "\x01", both below every character.
_BASE = 0xF0000
_NOTE = "\x00"
_BLANK = "\x01"
_NO_DATA, _LETTER, _OTHER = "\U00100000", "\U00100001", "\U00100002"
_IGNORED = frozenset("·•・‧∙.-‐‑–—_")
_OPEN, _CLOSE = frozenset("(（[［【〔"), frozenset(")）]］】〕")


class NameParts(NamedTuple):
    """A name as compared: surname, given name and bracketed note, without spaces or dots."""

    surname: str
    given: str
    note: str


@dataclass(frozen=True)
class MissingCharacter:
    """A character that could not be placed by strokes, and the input positions of the names with it."""

    char: str
    indices: tuple[int, ...]


def _default_where(index: int) -> str:
    return f"第{index + 1}个"


@dataclass(frozen=True)
class OrderResult:
    """An order of the input: positions in order, identical names flagged, characters without data."""

    order: tuple[int, ...]
    identical: tuple[tuple[int, ...], ...]
    missing: tuple[MissingCharacter, ...]
    names: tuple[str, ...]

    def apply(self, items: Sequence[T]) -> list[T]:
        """Return items (parallel to the names ordered) in this order."""
        return [items[i] for i in self.order]

    def warnings(self, where: Callable[[int], str] = _default_where) -> list[str]:
        """Chinese lines for the user: identical names, then characters without data.

        Args:
            where: describes an input position, e.g. ``lambda i: f"第{i + 1}行"``.
        """
        lines = []
        for group in self.identical:
            places = "、".join(where(i) for i in group)
            lines.append(f"姓名相同：{self.names[group[0]]}（{places}），已按原顺序排列，"
                         f"请加注区分信息，如“（女）”或单位")
        for missing in self.missing:
            shown = "、".join(f"{self.names[i]}（{where(i)}）" for i in missing.indices[:5])
            more = f"等 {len(missing.indices)} 个姓名" if len(missing.indices) > 5 else ""
            lines.append(f"“{missing.char}”（U+{ord(missing.char):04X}）无笔画数据，见于 {shown}{more}；"
                         f"已排在同一位置有笔画数据的字之后，请核对")
        return lines


def _clean(name: str) -> tuple[str, str]:
    """The characters compared and the note: NFKC, spaces and dots dropped, bracketed text apart."""
    core: list[str] = []
    note: list[str] = []
    depth = 0
    for ch in unicodedata.normalize("NFKC", name):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif not (ch.isspace() or ch in _IGNORED):
            (note if depth else core).append(ch)
    return "".join(core), "".join(note)


def _surname_length(core: str) -> int:
    # A compound surname needs a given name after it: a two-character name is surname + given name.
    return 2 if len(core) > 2 and core[:2] in COMPOUND_SURNAMES else min(len(core), 1)


def split_name(name: str) -> NameParts:
    """Split a name into surname (compound surnames recognised), given name and note."""
    core, note = _clean(name)
    cut = _surname_length(core)
    return NameParts(core[:cut], core[cut:], note)


@lru_cache(maxsize=4)
def _key_table(gf_order: str) -> dict[str, str]:
    return dict(zip(gf_order, map(chr, range(_BASE, _BASE + len(gf_order))), strict=True))


def _char_key(ch: str, table: dict[str, str]) -> str:
    known = table.get(ch)
    if known is not None:
        return known
    if is_han(ch):
        return _NO_DATA + ch
    if ch.isalnum():
        return _LETTER + ch.lower()[0]
    return _OTHER + ch


def _slow_key(name: str, table: dict[str, str], xingshi: bool) -> str:
    core, note = _clean(name)
    chars = [_char_key(ch, table) for ch in core]
    if xingshi:
        _insert_blank(core, chars)
    return "".join(chars) + (_NOTE + "".join(_char_key(ch, table) for ch in note) if note else "")


def _insert_blank(core: str, chars: list[str]) -> None:
    cut = _surname_length(core)
    if len(core) - cut == 1:
        chars.insert(cut, _BLANK)


def _keys(names: Sequence[str], xingshi: bool) -> tuple[list[str], list[int]]:
    """The key of every name, and the positions of the names that took the slow path."""
    table = _key_table(load_table().gf_order)
    get = table.__getitem__
    keys, slow = [], []
    for index, name in enumerate(names):
        try:
            # Fast path: every character has data, so there is nothing to normalise, drop or report.
            key = "".join(map(get, name))
            if xingshi:
                cut = _surname_length(name)
                if len(name) - cut == 1:  # one key character per name character on this path
                    key = key[:cut] + _BLANK + key[cut:]
        except KeyError:
            key = _slow_key(name, table, xingshi)
            slow.append(index)
        keys.append(key)
    return keys, slow


def sort_key(name: str, convention: str = Convention.XINGMING) -> str:
    """Return the comparison key of one name: sorting names by it gives the official order.

    The key is an opaque string; compare keys of the same convention only.

    Raises:
        ValueError: if convention is not 'xingming' or 'xingshi'.
    """
    return _keys([name], Convention(convention) is Convention.XINGSHI)[0][0]


def _missing(names: Sequence[str], slow: list[int]) -> tuple[MissingCharacter, ...]:
    table = _key_table(load_table().gf_order)
    found: dict[str, list[int]] = {}
    for index in slow:
        core, note = _clean(names[index])
        for ch in dict.fromkeys(core + note):
            if ch not in table and (is_han(ch) or not ch.isalnum()):
                found.setdefault(ch, []).append(index)
    return tuple(MissingCharacter(ch, tuple(indices)) for ch, indices in found.items())


def _identical(order: Sequence[int], keys: list[str]) -> tuple[tuple[int, ...], ...]:
    groups: dict[str, list[int]] = {}
    for index in order:
        groups.setdefault(keys[index], []).append(index)
    # Blank names are not names: they are nobody's duplicate.
    return tuple(tuple(group) for key, group in groups.items() if len(group) > 1 and key)


def _order(names: Sequence[str], convention: str, prefixes: Sequence[Any] | None = None) -> OrderResult:
    keys, slow = _keys(names, Convention(convention) is Convention.XINGSHI)
    full: Sequence[Any] = keys if prefixes is None else list(zip(prefixes, keys, strict=True))
    # sorted() is stable: entries with equal keys keep their input order.
    order = sorted(range(len(names)), key=full.__getitem__)
    return OrderResult(tuple(order), _identical(order, keys), _missing(names, slow), tuple(names))


def order_names(names: Sequence[str], convention: str = Convention.XINGMING) -> OrderResult:
    """Order names by strokes under one convention.

    Args:
        names: the names, as printed.
        convention: 'xingming' (姓名笔画, default) or 'xingshi' (姓氏笔画).

    Raises:
        ValueError: for an unknown convention.
    """
    return _order(names, convention)


def _delegation_prefixes(values: list[str], delegation_order: Sequence[str] | None, convention: str) -> list:
    # A given delegation order (e.g. by administrative division) comes first; any other delegation follows
    # by the strokes of its name; people without a delegation come last.
    place = {name: i for i, name in enumerate(delegation_order or ())}
    return [(0 if value in place else 1 if value else 2, place.get(value, 0), sort_key(value, convention))
            for value in values]


def _prefixes(items: Sequence[T], names: list[str], by: OrderBy, rank: Callable[[T], int | None] | None,
              delegation: Callable[[T], str] | None, delegation_order: Sequence[str] | None,
              convention: str) -> list | None:
    if by is OrderBy.STROKES:
        return None
    if by is OrderBy.PINYIN:
        from rdplanner.people.pinyin import pinyin_sort_key  # pypinyin loads only when asked for

        return [pinyin_sort_key(name) for name in names]
    if by is OrderBy.RANK and rank is not None:
        ranks = [rank(item) for item in items]
        return [(0, r) if r is not None else (1, 0) for r in ranks]
    if by is OrderBy.DELEGATION and delegation is not None:
        return _delegation_prefixes([delegation(item) or "" for item in items], delegation_order, convention)
    raise ValueError(f"order {by} needs its key function")


def order_people(items: Sequence[T], *, key: Callable[[T], str], convention: str = Convention.XINGMING,
                 by: str = OrderBy.STROKES, rank: Callable[[T], int | None] | None = None,
                 delegation: Callable[[T], str] | None = None,
                 delegation_order: Sequence[str] | None = None) -> OrderResult:
    """Order records by one of the orders; name strokes, then input order, break every tie.

    Args:
        items: the records (people, participations, rows).
        key: gives a record's name.
        convention: stroke convention, 'xingming' or 'xingshi'.
        by: 'strokes', 'rank' (needs rank; no rank sorts last), 'delegation' (needs delegation;
            delegation_order, if given, fixes the order of the delegations it lists) or 'pinyin'.

    Raises:
        ValueError: for an unknown convention or order, or an order without its key function.
    """
    names = [key(item) for item in items]
    prefixes = _prefixes(items, names, OrderBy(by), rank, delegation, delegation_order, convention)
    return _order(names, convention, prefixes)


def sort_people(items: Sequence[T], *, key: Callable[[T], str], convention: str = Convention.XINGMING,
                **order: Any) -> list[T]:
    """Return the records in order; takes the arguments of order_people (e.g. ``by="rank", rank=...``)."""
    return order_people(items, key=key, convention=convention, **order).apply(items)
