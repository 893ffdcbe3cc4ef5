"""Pinyin of names: surname readings, initials, search as typed and the pinyin order."""

import pytest

from rdplanner.people.ordering import COMPOUND_SURNAMES
from rdplanner.people.pinyin import (
    COMPOUND_READINGS,
    matches_initials,
    name_initials,
    name_pinyin,
    pinyin_sort_key,
)

# Surname readings as the 现代汉语词典 gives them (the everyday reading of each character differs).
SURNAMES = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao", "盖": "ge",
    "乐": "yue", "缪": "miao", "翟": "zhai", "覃": "qin", "召": "shao", "种": "chong", "秘": "bi", "黑": "he",
    "句": "gou", "能": "nai", "员": "yun", "石": "shi", "长": "chang", "华": "hua", "任": "ren", "纪": "ji",
    "燕": "yan", "相": "xiang", "隗": "wei", "阚": "kan", "那": "na",
}


@pytest.mark.parametrize("surname", sorted(SURNAMES))
def test_surname_reading(surname):
    assert name_pinyin(surname + "明")[0] == SURNAMES[surname]
    assert name_initials(surname + "明") == SURNAMES[surname][0] + "m"


@pytest.mark.parametrize(("name", "syllables"), [
    ("尉迟恭", ("yu", "chi", "gong")), ("万俟卨", ("mo", "qi", "xie")),
    ("单于明", ("chan", "yu", "ming")), ("长孙无忌", ("zhang", "sun", "wu", "ji")),
    ("澹台明", ("tan", "tai", "ming")), ("欧阳修", ("ou", "yang", "xiu")),
    ("乐正明", ("yue", "zheng", "ming")), ("萬俟明", ("mo", "qi", "ming")),
])
def test_compound_surname_reading(name, syllables):
    assert name_pinyin(name) == syllables


def test_every_compound_surname_has_a_reading():
    assert COMPOUND_SURNAMES == set(COMPOUND_READINGS)


def test_surname_character_in_given_name_keeps_everyday_reading():
    assert name_pinyin("张曾") == ("zhang", "ceng")


def test_tones_are_available():
    assert name_pinyin("曾国藩", tones=True) == ("zeng1", "guo2", "fan1")


def test_notes_spaces_and_dots_are_left_out():
    assert name_initials("张 三（女）") == "zs"
    assert name_pinyin("阿不都·热合曼")[0:2] == ("a", "bu")


def test_latin_name_is_read_by_words():
    assert name_pinyin("John Smith") == ("john", "smith")
    assert name_initials("John Smith") == "js"


@pytest.mark.parametrize("query", ["zs", "ZS", "zhangs", "zhsan", "zhangsan", "zhang san", "张s", "s", "san"])
def test_matches_initials_finds_zhang_san(query):
    assert matches_initials("张三", query)


@pytest.mark.parametrize("query", ["zangs", "an", "zsx", "ls", "sz"])
def test_matches_initials_rejects(query):
    assert not matches_initials("张三", query)


def test_matches_initials_uses_surname_reading_only_for_the_surname():
    assert matches_initials("曾国藩", "zgf")
    assert not matches_initials("曾国藩", "cgf")


@pytest.mark.parametrize(("name", "query"), [
    ("单田芳", "stf"), ("解缙", "xj"), ("仇英", "qy"), ("区家麟", "ojl"), ("查良镛", "zly"),
    ("朴槿惠", "pjh"), ("盖叫天", "gjt"), ("盖叫天", "gaijt"), ("尉迟恭", "ycg"), ("万俟卨", "mqx"),
    ("乐毅", "yy"), ("缪斌", "mb"), ("翟志刚", "zzg"), ("覃振", "qz"), ("召忽", "sh"), ("种师道", "csd"),
    ("秘明", "bm"), ("黑伯龙", "hbl"), ("句明", "gm"), ("能文", "nw"), ("员半千", "ybq"), ("石达开", "sdk"),
])
def test_matches_initials_for_listed_surnames(name, query):
    assert matches_initials(name, query)


def test_matches_initials_accepts_v_or_u_for_umlaut():
    assert all(matches_initials("吕布", q) for q in ("lb", "lvb", "lub", "lvbu"))


def test_matches_initials_empty_query_finds_everyone():
    assert matches_initials("张三", "  ")


def test_given_name_character_matches_any_reading():
    assert matches_initials("张长春", "zzc") and matches_initials("张长春", "zcc")


def test_pinyin_sort_key_orders_letters_then_tone():
    names = ["张三", "曾强", "蔡明", "唐明", "汤明"]
    assert sorted(names, key=pinyin_sort_key) == ["蔡明", "汤明", "唐明", "曾强", "张三"]


def test_prepare_names_fills_the_pinyin_caches():
    from rdplanner.people import pinyin

    pinyin._spellings.cache_clear()
    assert pinyin.prepare_names(["曾国藩", "单鹏程"]) == 2
    before = pinyin._spellings.cache_info()
    assert pinyin.matches_initials("曾国藩", "zgf") and pinyin.name_initials("单鹏程") == "spc"
    after = pinyin._spellings.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


def test_pypinyin_is_loaded_without_its_phrase_dictionary():
    import subprocess
    import sys

    script = ("import sys\nfrom rdplanner.people.pinyin import name_initials\nprint(name_initials('曾长江'))\n"
              "print('pypinyin.phrases_dict' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={k: v for k, v in __import__("os").environ.items() if k != "PYPINYIN_NO_PHRASES"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "False"
