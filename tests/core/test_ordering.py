"""Name ordering by strokes (DOMAIN §3): both conventions, compound surnames, identical names, characters
without data, the stroke data and its corrections, the other orders and the sort-names command.
"""

import argparse
import io
import random
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from rdplanner.people import sort_command
from rdplanner.people.ordering import (
    COMPOUND_SURNAMES,
    order_names,
    order_people,
    sort_key,
    sort_people,
    split_name,
)
from rdplanner.people.strokes import (
    SEQUENCES_FILE,
    STROKES_DIR,
    StrokeDataError,
    load_table,
    missing_characters,
    stroke_count,
    stroke_sequence,
)

ROOT = Path(__file__).parents[2]


def ordered(names, convention="xingming"):
    return [names[i] for i in order_names(names, convention).order]


def source_data() -> dict[str, str]:
    lines = [line for line in (STROKES_DIR / SEQUENCES_FILE).read_text(encoding="utf-8").split("\n")
             if line and not line.startswith("#")]
    return dict(zip(lines[0], lines[1].split(" "), strict=True))


# --- DOMAIN §3 examples -------------------------------------------------------------------------------

def test_order_wang_before_wen_first_stroke_heng_before_dian():
    assert (stroke_sequence("王"), stroke_sequence("文")) == ("1121", "4134")
    assert ordered(["文", "王"]) == ["王", "文"]


def test_order_lin_before_ou_second_stroke_shu_before_pie():
    assert stroke_count("林") == stroke_count("欧") == 8
    assert ordered(["欧", "林"]) == ["林", "欧"]


def test_order_fewer_strokes_first():
    assert ordered(["王小宁", "丁小宁"]) == ["丁小宁", "王小宁"]


@pytest.mark.parametrize("pair", [("田大利", "田富"), ("马一德", "马旭"), ("李一鸣", "李大鸣")])
def test_xingming_compares_second_character_directly(pair):
    assert ordered(list(reversed(pair))) == list(pair)


@pytest.mark.parametrize("pair", [("田富", "田大利"), ("马旭", "马一德"), ("高富", "高大富")])
def test_xingshi_single_given_name_before_double(pair):
    assert ordered(list(reversed(pair)), "xingshi") == list(pair)


def test_xingshi_two_character_given_names_compare_like_xingming():
    names = ["李大鸣", "李一鸣"]
    assert ordered(names, "xingshi") == ordered(names, "xingming") == ["李一鸣", "李大鸣"]


def test_name_that_starts_another_comes_first():
    assert ordered(["田大利", "田大"]) == ["田大", "田大利"]


# --- compound surnames --------------------------------------------------------------------------------

@pytest.mark.parametrize("convention", ["xingming", "xingshi"])
def test_compound_surname_placed_by_first_character_not_stroke_total(convention):
    # 欧 8 < 洪 9, although 欧阳 totals 14.
    assert ordered(["洪少东", "欧阳少东"], convention) == ["欧阳少东", "洪少东"]


def test_xingming_compound_surname_second_character_compared_directly():
    assert ordered(["欧凯", "欧阳修", "欧文"]) == ["欧文", "欧阳修", "欧凯"]


def test_xingshi_compound_surname_single_given_name_first():
    names = ["欧阳明华", "欧阳修"]
    assert ordered(names, "xingshi") == ["欧阳修", "欧阳明华"]
    assert ordered(names, "xingming") == ["欧阳明华", "欧阳修"]


def test_xingshi_blank_follows_the_whole_compound_surname():
    # 欧○文 < 欧大明 < 欧阳○修 < 欧韩明: the blank sits after 欧阳, not after 欧.
    names = ["欧韩明", "欧阳修", "欧大明", "欧文"]
    assert ordered(names, "xingshi") == ["欧文", "欧大明", "欧阳修", "欧韩明"]


@pytest.mark.parametrize("surname", ["欧阳", "司马", "上官", "诸葛", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                                     "东方", "夏侯", "长孙", "宇文", "司徒", "端木", "澹台", "南宫", "万俟"])
def test_split_name_recognises_compound_surname(surname):
    assert split_name(surname + "明").surname == surname
    assert surname in COMPOUND_SURNAMES


def test_split_name_two_characters_are_surname_and_given_name():
    assert split_name("东方") == ("东", "方", "")


# --- identical names, unknown and non-Han characters ----------------------------------------------------

@dataclass
class Person:
    id: int
    name: str
    rank: int | None = None
    delegation: str = ""


def test_identical_names_keep_input_order_and_are_flagged():
    people = [Person(1, "张三"), Person(2, "李四"), Person(3, "张三"), Person(4, "王五"), Person(5, "张三")]
    result = order_people(people, key=lambda p: p.name)
    assert [p.id for p in result.apply(people)] == [4, 2, 1, 3, 5]
    assert result.identical == ((0, 2, 4),)
    reversed_people = people[::-1]
    assert [p.id for p in sort_people(reversed_people, key=lambda p: p.name)] == [4, 2, 5, 3, 1]


def test_identical_names_warning_names_positions():
    result = order_names(["张三", "李四", "张三"])
    assert result.warnings() == [
        "姓名相同：张三（第1个、第3个），已按原顺序排列，请加注区分信息，如“（女）”或单位"]


def test_spaces_are_ignored_and_padded_names_flagged_identical():
    result = order_names(["张  三", "李四", "张三"])
    assert result.identical == ((0, 2),)


def test_note_in_brackets_distinguishes_and_sorts_after_bare_name():
    names = ["张三丰", "张三（女）", "张三", "张三(男)"]
    result = order_names(names)
    assert [names[i] for i in result.order] == ["张三", "张三（女）", "张三(男)", "张三丰"]
    assert result.identical == ()


def test_middle_dot_in_minority_names_is_ignored():
    assert sort_key("阿不都·热合曼") == sort_key("阿不都热合曼")
    assert ordered(["阿不都热依木", "阿不都·热合曼"]) == ["阿不都·热合曼", "阿不都热依木"]


def test_character_without_data_sorts_after_known_and_is_reported():
    names = ["刘䶮", "刘龘", "王五"]  # 䶮 U+4DAE has no data; 龘 (48 strokes) is the last of GF order
    result = order_names(names)
    assert [names[i] for i in result.order] == ["王五", "刘龘", "刘䶮"]
    assert [(m.char, m.indices) for m in result.missing] == [("䶮", (0,))]
    assert "“䶮”（U+4DAE）无笔画数据" in result.warnings()[0]


def test_characters_without_data_order_deterministically_by_code_point():
    assert ordered(["刘㐀", "刘䶮", "刘𠀀"]) == ["刘㐀", "刘䶮", "刘𠀀"]
    assert ordered(["刘𠀀", "刘䶮", "刘㐀"]) == ["刘㐀", "刘䶮", "刘𠀀"]


def test_latin_letters_sort_after_han_case_insensitively_and_are_not_reported():
    names = ["John", "王b", "王五", "王A"]
    result = order_names(names)
    assert [names[i] for i in result.order] == ["王五", "王A", "王b", "John"]
    assert result.missing == ()


def test_symbols_are_reported():
    assert [m.char for m in order_names(["王★"]).missing] == ["★"]


def test_full_width_letters_equal_half_width():
    assert sort_key("ＡＢ") == sort_key("ab")


# --- the stroke data and its corrections --------------------------------------------------------------

def test_all_20902_characters_have_data():
    chars = "".join(chr(cp) for cp in range(0x4E00, 0x9FA6))
    assert len(chars) == 20902
    assert missing_characters(chars) == ()
    assert all(set(stroke_sequence(ch)) <= set("12345") for ch in chars)


def test_missing_characters_lists_han_without_data_once():
    assert missing_characters("刘䶮䶮 A·〇") == ("䶮", "〇")


EXPECTED_OVERRIDES = {
    "达": ("134454", "13454"),
    "鵡": ("1121215432511154444", "112121532511154444"),
    "靌": ("145244444451121352342511134", "14524444451121352342511134"),
    "虽": ("251251214", "251214214"),
    "钚": ("311151324", "311121324"),
}


@pytest.mark.parametrize("char", sorted(EXPECTED_OVERRIDES))
def test_override_corrects_source_data(char):
    corrected, wrong = EXPECTED_OVERRIDES[char]
    assert source_data()[char] == wrong
    assert stroke_sequence(char) == corrected


def test_override_table_has_a_test_for_each_entry():
    assert set(load_table().overrides) == set(EXPECTED_OVERRIDES)


def test_override_of_da_moves_it_after_five_stroke_bian():
    assert ordered(["李达", "李边"]) == ["李边", "李达"]


def test_every_unihan_mismatch_has_a_decision():
    rows = (STROKES_DIR / "unihan_crosscheck.tsv").read_text(encoding="utf-8").splitlines()[1:]
    decisions = {row.split("\t")[0]: row.split("\t")[5] for row in rows}
    kept = tomllib.loads((STROKES_DIR / "unihan_review.toml").read_text(encoding="utf-8"))
    assert len(decisions) == 33
    assert {ch for ch, d in decisions.items() if d == "keep"} == set(kept)
    assert {ch for ch, d in decisions.items() if d == "override"} == {"达", "鵡", "靌"}


def test_damaged_data_raises_stroke_data_error(tmp_path):
    (tmp_path / SEQUENCES_FILE).write_text("# header\n一二\n1\n", encoding="utf-8")
    (tmp_path / "overrides.toml").write_text("", encoding="utf-8")
    with pytest.raises(StrokeDataError):
        load_table(tmp_path)


def test_override_can_add_a_character_outside_the_table(tmp_path):
    (tmp_path / SEQUENCES_FILE).write_bytes((STROKES_DIR / SEQUENCES_FILE).read_bytes())
    (tmp_path / "overrides.toml").write_text('["䶮"]\nsequence = "13434"\ndata = ""\nreason = "t"\n',
                                             encoding="utf-8")
    table = load_table(tmp_path)
    assert table.sequences["䶮"] == "13434"
    assert table.gf_order.index("䶮") < table.gf_order.index("丢")  # 5 strokes, before any 6


def test_loading_is_lazy():
    code = ("import sys; import rdplanner.people.ordering, rdplanner.people.pinyin, "
            "rdplanner.people.sort_command; from rdplanner.people.strokes import load_table; "
            "print(load_table.cache_info().currsize, 'pypinyin' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False"]


# --- published-list sanity checks ----------------------------------------------------------------------

SURNAMES = ("丁 于 马 王 方 邓 龙 卢 田 冯 吕 朱 刘 孙 李 杨 何 张 陈 林 罗 周 郑 赵 胡 钟 "
            "侯 姚 秦 袁 贾 徐 郭 黄 曹 龚 梁 彭 韩 程 傅 谢 蔡 潘 薛 戴").split()
DICTIONARY_COUNTS = [2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 9, 9, 10,
                     10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 12, 14, 15, 16, 17]


def test_published_surname_order_and_dictionary_counts():
    assert [stroke_count(s) for s in SURNAMES] == DICTIONARY_COUNTS
    shuffled = SURNAMES[:]
    random.Random(7).shuffle(shuffled)
    assert ordered(shuffled) == SURNAMES


def test_published_committee_list_xingming():
    # 王 1121 < 方 4153 < 邓 5452 (4 strokes); 一 < 小 < 文 < 永 after 王; 李 1234521 < 杨 1234533.
    expected = ["丁小宁", "王一鸣", "王小平", "王文", "王永", "方明", "邓颖", "李红", "杨光", "欧阳少东",
                "洪少东"]
    shuffled = expected[::-1]
    assert ordered(shuffled) == expected


def test_published_committee_list_xingshi_moves_single_names_forward():
    names = ["王一鸣", "王小平", "王文", "王永", "田大利", "田富"]
    assert ordered(names, "xingshi") == ["王文", "王永", "王一鸣", "王小平", "田富", "田大利"]


def reference_key(name: str, xingshi: bool) -> list[tuple]:
    """A slow, literal reading of DOMAIN §3 to check the fast engine against."""
    chars = [(len(stroke_sequence(ch)), stroke_sequence(ch), ord(ch)) for ch in name]
    cut = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    if xingshi and len(name) - cut == 1:
        chars.insert(cut, (-1, "", 0))
    return chars


@pytest.mark.parametrize("convention", ["xingming", "xingshi"])
def test_engine_agrees_with_reference_on_random_names(convention):
    rnd = random.Random(11)
    pool = "".join(SURNAMES) + "一二大小文明华国建伟芳秀英敏静丽强磊军洋勇艳杰娟涛超兰霞平刚欣利富旭德"
    names = [rnd.choice(["欧阳", "司马", ""]) + "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 3)))
             for _ in range(2000)]
    result = order_names(names, convention)
    expected = sorted(range(len(names)), key=lambda i: reference_key(names[i], convention == "xingshi"))
    assert list(result.order) == expected


# --- the other orders ------------------------------------------------------------------------------

def test_order_by_rank_then_strokes_unranked_last():
    people = [Person(1, "王五", None), Person(2, "李四", 2), Person(3, "张三", 1), Person(4, "丁一", 2)]
    result = order_people(people, key=lambda p: p.name, by="rank", rank=lambda p: p.rank)
    assert [p.id for p in result.apply(people)] == [3, 4, 2, 1]


def test_order_by_delegation_then_strokes():
    people = [Person(1, "王五", delegation="乙团"), Person(2, "李四", delegation="甲团"),
              Person(3, "丁一", delegation="乙团"), Person(4, "马六", delegation="")]
    by_given = order_people(people, key=lambda p: p.name, by="delegation",
                            delegation=lambda p: p.delegation, delegation_order=["甲团", "乙团"])
    assert [p.id for p in by_given.apply(people)] == [2, 3, 1, 4]
    by_strokes = order_people(people, key=lambda p: p.name, by="delegation",
                              delegation=lambda p: p.delegation)
    assert [p.id for p in by_strokes.apply(people)] == [3, 1, 2, 4]  # 乙 (1 stroke) before 甲 (5)


def test_order_by_pinyin_uses_surname_readings():
    # 单 as a surname is shan: deng < shan < shen (read dan, 单伟 would come first).
    assert sort_people(["沈阳", "单伟", "邓林"], key=str, by="pinyin") == ["邓林", "单伟", "沈阳"]


def test_order_needs_its_key_function():
    with pytest.raises(ValueError):
        order_people(["王五"], key=str, by="rank")


def test_unknown_convention_is_refused():
    with pytest.raises(ValueError):
        order_names(["王五"], "bihua")


# --- the sort-names command ---------------------------------------------------------------------------

def sort_names(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    sort_command.add_arguments(parser)
    return sort_command.run(parser.parse_args(argv))


def test_sort_names_reads_utf8_with_bom_skips_blank_lines(tmp_path, capsysbinary):
    path = tmp_path / "names.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "田富\n\n  \n田大利\r\n马旭\n".encode())
    assert sort_names(str(path)) == 0
    out = capsysbinary.readouterr()
    assert out.out.decode("utf-8") == "马旭\n田大利\n田富\n"
    assert out.err == b""


def test_sort_names_reads_gb18030_and_applies_xingshi(tmp_path, capsysbinary):
    path = tmp_path / "names.txt"
    path.write_bytes("田大利\n田富\n".encode("gb18030"))
    assert sort_names("--convention", "xingshi", str(path)) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == "田富\n田大利\n"


def test_sort_names_reads_stdin(monkeypatch, capsysbinary):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("文\n王\n".encode())))
    assert sort_names() == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == "王\n文\n"


def test_sort_names_warns_on_identical_and_missing_in_chinese(tmp_path, capsys):
    path = tmp_path / "names.txt"
    path.write_text("张三\n\n刘䶮\n张三\n", encoding="utf-8")
    assert sort_names(str(path)) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert "姓名相同：张三（第1行、第4行）" in err[0]
    assert "“䶮”（U+4DAE）无笔画数据，见于 刘䶮（第3行）" in err[1]


@pytest.mark.parametrize("content", [None, b"\x00\x01\x02\xff\xfe binary"])
def test_sort_names_unreadable_file_exits_2_with_one_line(tmp_path, capsys, content):
    path = tmp_path / "名单.txt"
    if content is not None:
        path.write_bytes(content)
    assert sort_names(str(path)) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and str(path) in err[0] and "无法读取" in err[0]
