"""Pinyin of people's names with surname readings (曾 zeng, 单 shan, 解 xie, 区 ou…): initials, search by
pinyin as typed, and the pinyin order. pypinyin (MIT) is imported on first use; results are cached per name.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby
from typing import NamedTuple

from rdplanner.people.ordering import split_name
from rdplanner.people.strokes import is_han

# Surname readings (TONE3 style) where pypinyin's everyday reading is not the surname's; the first is the
# standard one (现代汉语词典), any other is also in use and accepted by search.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng1",), "单": ("shan4",), "解": ("xie4",), "仇": ("qiu2",), "区": ("ou1",), "查": ("zha1",),
    "朴": ("piao2",), "盖": ("ge3", "gai4"), "乐": ("yue4", "le4"), "缪": ("miao4",), "翟": ("zhai2", "di2"),
    "覃": ("qin2", "tan2"), "召": ("shao4",), "种": ("chong2",), "秘": ("bi4",), "黑": ("he4",),
    "句": ("gou1",), "能": ("nai4",), "员": ("yun4",), "石": ("shi2",), "尉": ("wei4",), "长": ("chang2",),
    "重": ("chong2",), "薄": ("bo2",), "卜": ("bu3",), "华": ("hua4",), "任": ("ren2",), "纪": ("ji3",),
    "过": ("guo1",), "隗": ("wei3",), "阚": ("kan4",), "折": ("she2",), "繁": ("po2",), "佴": ("nai4",),
    "炅": ("gui4",), "便": ("pian2",), "祭": ("zhai4",), "洗": ("xian3",), "都": ("du1",), "那": ("na1",),
    "乜": ("nie4",), "燕": ("yan1",), "相": ("xiang4",),
}
# Compound surnames, every one read explicitly: pypinyin reads 萬俟 wan, 尉遲 wei, 單于 dan, 乐正 le.
COMPOUND_READINGS: dict[str, str] = {
    "欧阳": "ou1 yang2", "司马": "si1 ma3", "上官": "shang4 guan1", "诸葛": "zhu1 ge3", "皇甫": "huang2 fu3",
    "尉迟": "yu4 chi2", "公孙": "gong1 sun1", "慕容": "mu4 rong2", "令狐": "ling2 hu2", "东方": "dong1 fang1",
    "夏侯": "xia4 hou2", "长孙": "zhang3 sun1", "宇文": "yu3 wen2", "司徒": "si1 tu2", "端木": "duan1 mu4",
    "澹台": "tan2 tai2", "南宫": "nan2 gong1", "万俟": "mo4 qi2", "轩辕": "xuan1 yuan2", "独孤": "du2 gu1",
    "呼延": "hu1 yan2", "闻人": "wen2 ren2", "东郭": "dong1 guo1", "西门": "xi1 men2", "东门": "dong1 men2",
    "公羊": "gong1 yang2", "公冶": "gong1 ye3", "太叔": "tai4 shu1", "申屠": "shen1 tu2", "濮阳": "pu2 yang2",
    "淳于": "chun2 yu2", "单于": "chan2 yu2", "钟离": "zhong1 li2", "宗政": "zong1 zheng4",
    "仲孙": "zhong4 sun1", "赫连": "he4 lian2", "拓跋": "tuo4 ba2", "百里": "bai3 li3", "第五": "di4 wu3",
    "左丘": "zuo3 qiu1", "梁丘": "liang2 qiu1", "乐正": "yue4 zheng4", "谷梁": "gu3 liang2",
    "段干": "duan4 gan1", "司空": "si1 kong1", "司寇": "si1 kou4", "亓官": "qi2 guan1", "巫马": "wu1 ma3",
    "鲜于": "xian1 yu2", "闾丘": "lv2 qiu1", "子车": "zi3 ju1", "颛孙": "zhuan1 sun1", "壤驷": "rang3 si4",
    "公良": "gong1 liang2", "漆雕": "qi1 diao1", "公西": "gong1 xi1", "夹谷": "jia2 gu3", "宰父": "zai3 fu3",
    "羊舌": "yang2 she2", "微生": "wei1 sheng1", "归海": "gui1 hai3", "歐陽": "ou1 yang2", "司馬": "si1 ma3",
    "諸葛": "zhu1 ge3", "東方": "dong1 fang1", "長孫": "zhang3 sun1", "公孫": "gong1 sun1",
    "尉遲": "yu4 chi2", "萬俟": "mo4 qi2", "澹臺": "tan2 tai2", "南宮": "nan2 gong1", "軒轅": "xuan1 yuan2",
    "獨孤": "du2 gu1", "聞人": "wen2 ren2", "東郭": "dong1 guo1", "鍾離": "zhong1 li2", "單于": "chan2 yu2",
    "濮陽": "pu2 yang2", "鮮于": "xian1 yu2", "閭丘": "lv2 qiu1", "顓孫": "zhuan1 sun1",
}


_NOTE = re.compile(r"[(\[（［【〔][^)\]）］】〕]*[)\]）］】〕]")


class Unit(NamedTuple):
    """One syllable of a name (or one word of Latin letters): the text and its readings, preferred first."""

    text: str
    readings: tuple[str, ...]


class Units(NamedTuple):
    units: tuple[Unit, ...]
    given_start: int


def _pypinyin():
    # Without its phrase dictionary pypinyin loads in 0.07 s and 12 MB instead of 0.5 s and 56 MB. Names
    # are not phrases; a search matches every reading of each character (heteronyms), so no name is lost.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    import pypinyin  # deferred: importing it reads its dictionary

    return pypinyin


@lru_cache(maxsize=8192)
def _char_readings(ch: str) -> tuple[str, ...]:
    py = _pypinyin()
    found = py.pinyin(ch, style=py.Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
    return tuple(r for r in found if _is_reading(r))


def prepare_names(names: Iterable[str]) -> int:
    """Import pypinyin and read every name once, so that the first search or sign-in by initials finds
    everything cached (importing pypinyin alone takes 0.25–0.5 s). Pure: safe on a worker thread.

    Returns how many names were read.
    """
    _pypinyin()
    count = 0
    for name in names:
        name_initials(name)
        _spellings(name)
        count += 1
    return count


def _is_reading(text: str) -> bool:
    # pypinyin hands back a character it cannot read as itself (with a tone 5 appended in TONE3 style).
    return text.isascii() and text[:1].isalpha()


def _han_units(text: str) -> list[Unit]:
    py = _pypinyin()
    # The first reading of each character first; the others follow, so a search by any reading finds it.
    preferred = py.lazy_pinyin(text, style=py.Style.TONE3, neutral_tone_with_five=True, errors=list)
    units = []
    for ch, first in zip(text, preferred, strict=True):
        others = _char_readings(ch)
        readings = tuple(dict.fromkeys(([first] if _is_reading(first) else []) + list(others)))
        units.append(Unit(ch, readings))
    return units


def _kind(ch: str) -> str:
    return "han" if is_han(ch) else "word" if ch.isalnum() else ""


def _given_units(given: str) -> list[Unit]:
    units: list[Unit] = []
    for kind, group in groupby(given, key=_kind):
        text = "".join(group)
        if kind == "han":
            units.extend(_han_units(text))
        elif kind == "word":
            units.append(Unit(text, (text.lower(),)))
    return units


def _surname_units(surname: str) -> list[Unit]:
    if surname in COMPOUND_READINGS:
        readings = COMPOUND_READINGS[surname].split()
        return [Unit(ch, (r,)) for ch, r in zip(surname, readings, strict=True)]
    if surname in SURNAME_READINGS:
        return [Unit(surname, SURNAME_READINGS[surname])]
    return _given_units(surname)


@lru_cache(maxsize=16384)
def _units(name: str) -> Units:
    parts = split_name(name)
    if not parts.surname or not is_han(parts.surname[0]):
        # A name in letters (John Smith): its words, kept apart by the spaces split_name drops.
        text = _NOTE.sub("", unicodedata.normalize("NFKC", name))
        return Units(tuple(_given_units(text)), 0)
    surname = _surname_units(parts.surname)
    return Units(tuple(surname + _given_units(parts.given)), len(surname))


def _plain(reading: str) -> str:
    return reading.rstrip("012345")


def name_pinyin(name: str, *, tones: bool = False) -> tuple[str, ...]:
    """Return the pinyin of a name, one syllable each: ('zeng', 'guo', 'fan'), or 'zeng1'… with tones.

    Notes in brackets are left out; Latin words come back lower-case; a character without any reading
    comes back as itself.
    """
    return tuple((u.readings[0] if tones else _plain(u.readings[0])) if u.readings else u.text
                 for u in _units(name).units)


def name_initials(name: str) -> str:
    """Return the initials of a name's pinyin: 'zgf' for 曾国藩, 'spc' for 单鹏程."""
    return "".join(syllable[0] for syllable in name_pinyin(name) if syllable)


@lru_cache(maxsize=16384)
def _spellings(name: str) -> tuple[tuple[tuple[str, ...], ...], int]:
    units = _units(name)
    spelled = []
    for unit in units.units:
        plain = [_plain(r) for r in unit.readings]
        # ü is written v by pypinyin; people type it v or u.
        spelled.append(tuple(dict.fromkeys(plain + [p.replace("v", "u") for p in plain] + [unit.text])))
    return tuple(spelled), units.given_start


def syllable_spellings(name: str) -> tuple[tuple[str, ...], ...]:
    """Each syllable's spellings as a search accepts them: its readings without tones (the usual one
    first), ü also as v and u, and the character itself. Cached per name."""
    return _spellings(name)[0]


def _query_ends(spellings: tuple[str, ...], query: str, at: int) -> set[int]:
    ends = set()
    for spelling in spellings:
        length = 0
        while length < len(spelling) and at + length < len(query) and query[at + length] == spelling[length]:
            length += 1
            ends.add(at + length)
    return ends


def _matches_from(units: tuple[tuple[str, ...], ...], query: str) -> bool:
    reached = {0}
    for spellings in units:
        reached = set().union(*(_query_ends(spellings, query, at) for at in reached))
        if len(query) in reached:
            return True
        if not reached:
            return False
    return False


def matches_initials(name: str, query: str) -> bool:
    """Tell whether a search query typed in pinyin (initials or prefixes) finds this name.

    Letters are case-insensitive; spaces and apostrophes are ignored. Each character may be typed as any
    prefix of its pinyin, so 'zs', 'zhangs', 'zhsan' and 'zhangsan' all find 张三; a Han character in the
    query matches itself ('张s'); ü is typed v or u. The query must match from the start of the name or
    from the start of the given name ('san' finds 张三), never from the middle ('an' does not). A surname
    matches only its surname readings (曾 is 'z', not 'c'); a given-name character matches any of its
    readings, since pypinyin's choice for a name may not be the family's. An empty query finds every name.
    Cached per name: filtering 800 names takes a few milliseconds once each name was seen.
    """
    wanted = "".join(ch for ch in query.lower() if not ch.isspace() and ch not in "'’")
    if not wanted:
        return True
    units, given_start = _spellings(name)
    return _matches_from(units, wanted) or (0 < given_start < len(units)
                                            and _matches_from(units[given_start:], wanted))


def pinyin_sort_key(name: str) -> tuple[tuple[str, int], ...]:
    """Return the key of the pinyin order: syllable by syllable, letters then tone (1–4, neutral 5)."""
    key = []
    for unit in _units(name).units:
        reading = unit.readings[0] if unit.readings else "~" + unit.text  # no reading: after z
        plain = _plain(reading)
        key.append((plain, int(reading[len(plain):] or 0)))
    return tuple(key)
