"""Finding a person at the arrival desk by name or by the initials of its pinyin ("zs" for 张三), as the
sign-in page does (people.pinyin): the exact matches one Enter may mark arrived, and the candidates."""

from collections.abc import Sequence
from typing import TypeVar

from rdplanner.people.pinyin import matches_initials, name_initials, name_pinyin
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


def find_people(rows: Sequence[Row], query: str) -> list[Row]:
    """Rows the query finds: its exact matches if any, else names containing it, or whose pinyin it starts
    (initials or syllable prefixes: "zs", "zhangs", "zsan")."""
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
    return [r for r in rows if typed and matches_initials(r.name, typed)]
