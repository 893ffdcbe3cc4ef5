"""The menu review compares dishes and words on a normalised form (rdplanner.catering.fold): spaces,
punctuation, invisible characters, full-width forms and traditional characters do not hide a word."""

import pytest

from rdplanner.catering.fold import TRADITIONAL_PAIRS, normalised
from rdplanner.catering.menu_review import review_dishes
from rdplanner.catering.read import DishRow, WordRow
from rdplanner.seeds import read_frugality_words

WORDS = (WordRow(1, "鱼翅", "菜肴", "不得提供鱼翅", "all", 1),
         WordRow(2, "燕窝", "菜肴", "不得提供燕窝", "all", 1),
         WordRow(3, "鲍鱼", "菜肴", "不得安排高档菜肴", "all", 1),
         WordRow(4, "海参", "菜肴", "不得安排高档菜肴", "all", 1),
         WordRow(5, "香烟", "烟酒", "不得提供香烟", "all", 1),
         WordRow(6, "茅台", "烟酒", "不得提供高档酒水", "all", 1),
         WordRow(7, "酒", "烟酒", "会议用餐不得提供烟酒", "meeting", 1))


def found_words(name: str, words=WORDS) -> list[str]:
    return [f.word for f in review_dishes([DishRow(1, 1, name, "", 1000, 1, 1)], words, is_reception=False)]


@pytest.mark.parametrize(("dish", "words"), [
    ("鱼 翅羹", ["鱼翅"]), ("魚翅羹", ["鱼翅"]), ("鱼-翅羹", ["鱼翅"]), ("鱼\u200b翅羹", ["鱼翅"]),
    ("鱼·翅", ["鱼翅"]), ("鱼\u3000翅", ["鱼翅"]), ("冰糖燕窩", ["燕窝"]), ("紅燒鮑魚", ["鲍鱼"]),
    ("蔥燒海參", ["海参"]), ("香菸", ["香烟"]), ("香煙", ["香烟"]), ("茅臺酒", ["茅台", "酒"]),
    ("茅　台", ["茅台"]), ("“茅台”", ["茅台"])])
def test_a_word_hidden_by_spacing_punctuation_or_traditional_forms_is_found(dish, words):
    assert found_words(dish) == words


@pytest.mark.parametrize("dish", ["番茄炒蛋", "鱼香肉丝", "清蒸鲈鱼", "鸡翅", "台式卤肉饭"])
def test_an_ordinary_dish_is_not_flagged(dish):
    assert found_words(dish) == []


def test_a_word_written_in_traditional_or_with_spaces_in_the_list_still_matches():
    words = (WordRow(8, "冬蟲 夏草", "菜肴", "高档菜肴", "all", 1),)
    assert found_words("冬虫夏草炖鸡", words) == ["冬蟲 夏草"]
    assert found_words("炖鸡", (WordRow(9, "（）", "", "", "all", 1),)) == []  # nothing left to compare


def test_the_normalised_form_drops_spacing_and_punctuation_and_folds_widths_and_case():
    assert normalised(" 魚-翅（大份）\u202e ") == "鱼翅大份"
    assert normalised("ＸＯ醬") == "xo酱"


def test_the_fold_table_is_pairs_each_traditional_character_once_and_covers_the_bundled_words():
    pairs = TRADITIONAL_PAIRS.split()
    assert all(len(p) == 2 and p[0] != p[1] for p in pairs)
    assert len({p[0] for p in pairs}) == len(pairs)
    listed = {w["word"] for w in read_frugality_words()}
    written_traditional = {"魚翅": "鱼翅", "燕窩": "燕窝", "鮑魚": "鲍鱼", "海參": "海参", "香煙": "香烟",
                           "茅臺": "茅台", "龍蝦": "龙虾", "五糧液": "五粮液", "高檔菜餚": "高档菜肴",
                           "野生動物": "野生动物", "高檔酒水": "高档酒水"}
    assert set(written_traditional.values()) <= listed
    assert {normalised(t) for t in written_traditional} == set(written_traditional.values())
