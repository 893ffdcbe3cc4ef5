"""Finding a person at the arrival desk by name or by the initials of its pinyin ("zs" for 张三), as the
sign-in page does (people.pinyin): the exact matches one Enter may mark arrived, and the candidates."""

from collections.abc import Sequence
from typing import TypeVar

from rdplanner.people.pinyin import name_initials, name_pinyin, syllable_spellings
from rdplanner.text import clean_text

Row = TypeVar("Row")  # any row with a ``name``


def exact_matches(rows: Sequence[Row], query: str) -> list[Row]:
    """Rows the query names exactly: the full name, or the whole name's initials or pinyin ("zs" or
    "zhangsan" for 张三, never 董子思, whose initials are "dzs"). Only a single one may be marked on Enter.
    Invisible characters a pasted or scanned query carries are not part of it (rdplanner.text)."""
    query = clean_text(query)
    if not query:
        return []
    if not query.isascii():  # "万 瑞" as typed from a name card: the spaces are not part of the name
        typed = "".join(query.split())
        return [r for r in rows if r.name == typed]
    typed = "".join(ch for ch in query.lower() if ch.isalpha())
    if not typed:
        return []
    return [r for r in rows if typed in (name_initials(r.name), "".join(name_pinyin(r.name)))]


def typed_from_start(name: str, typed: str) -> bool:
    """Tell whether ``typed`` (lower-case letters) spells the start of the name, syllable by syllable from
    its first: each syllable as a prefix of its usual reading ("zs", "zhangs", "zsan" for 张三), or as the
    whole of another reading ("zhushun" for 朱俊立). An initial never stands for another reading, so "zs"
    does not find 朱俊立 (zjl) through 俊's rare "shun", and nothing matches from the middle of a name."""
    units = syllable_spellings(name)
    usual = name_pinyin(name)
    reached = {0}
    for unit, first in zip(units, usual, strict=True):
        ends = set()
        for at in reached:
            for spelling in dict.fromkeys((first, first.replace("v", "u"))):
                length = 0
                while (length < len(spelling) and at + length < len(typed)
                       and typed[at + length] == spelling[length]):
                    length += 1
                    ends.add(at + length)
            ends.update(at + len(s) for s in unit if typed.startswith(s, at))
        if len(typed) in ends:
            return True
        reached = ends
        if not reached:
            return False
    return False


def find_people(rows: Sequence[Row], query: str) -> list[Row]:
    """Rows the query finds: its exact matches if any, else names containing it, or whose pinyin it starts
    (initials or syllable prefixes from the first syllable: "zs", "zhangs", "zsan"; see typed_from_start)."""
    exact = exact_matches(rows, query)
    if exact:
        return exact
    query = clean_text(query)
    if not query:
        return []
    if not query.isascii():
        typed = "".join(query.split())
        return [r for r in rows if typed in r.name]
    typed = "".join(ch for ch in query.lower() if ch.isalpha())
    return [r for r in rows if typed and typed_from_start(r.name, typed)]
