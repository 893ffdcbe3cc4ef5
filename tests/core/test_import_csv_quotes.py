"""A quote left open in a CSV must not swallow the records after it; a real multi-line 备注 still reads."""

from pathlib import Path

import pytest

from rdplanner.people.idcard import check_digit
from rdplanner.people.importing import ImportFileError, read_table

HEADER = "序号,姓名,性别,工作单位,身份证号,备注"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑"


def person_line(n: int, unit: str = "") -> str:
    first17 = f"330102{1960 + n}0101{n:03d}"
    return f"{n},{SURNAMES[n - 1]}明,男,{unit or f'市第{n}局'},{first17 + check_digit(first17)},"


def roster(tmp_path: Path, lines: list[str], name: str = "名单.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER] + lines) + "\n", encoding="utf-8")
    return path


def twenty_one_people() -> list[str]:
    return [person_line(n) for n in range(1, 22)]


def test_read_table_refuses_quote_that_swallows_following_records(tmp_path):
    lines = twenty_one_people()
    lines[2] = person_line(3, '"市财政局')  # file line 4: the quote opens and never closes on this line
    lines[6] = person_line(7, '"市文化局"')  # file line 8: this quote ends the swallowed field

    with pytest.raises(ImportFileError) as caught:
        read_table(roster(tmp_path, lines))

    message = str(caught.value)
    assert "名单.csv 第 4 行 D 列字段的引号未闭合" in message and "第 5 至 8 行" in message
    assert caught.value.row == 4


def test_read_table_refuses_quote_open_until_end_of_file(tmp_path):
    lines = twenty_one_people()
    lines[20] = person_line(21, '"市审计局')

    with pytest.raises(ImportFileError, match="名单.csv 第 22 行 D 列字段的引号未闭合，直到文件末尾"):
        read_table(roster(tmp_path, lines))


def test_read_table_refuses_quote_open_in_last_field_without_final_newline(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text(f'{HEADER}\n{person_line(1)}"已报到', encoding="utf-8")

    with pytest.raises(ImportFileError, match="short.csv 第 2 行 F 列字段的引号未闭合"):
        read_table(path)


def test_read_table_keeps_multiline_note_inside_quotes(tmp_path):
    lines = twenty_one_people()
    lines[4] = person_line(5) + '"需要轮椅,请安排一楼\n第二天提前离会\n司机：13800138000"'

    table = read_table(roster(tmp_path, lines))

    assert len(table.rows) == 22
    assert table.rows[5][5] == "需要轮椅,请安排一楼\n第二天提前离会\n司机：13800138000"
    assert table.rows[6][1] == "杨明" and table.rows[21][1] == "郑明"


def test_read_table_keeps_multiline_address_spanning_a_tab_separated_record(tmp_path):
    path = tmp_path / "tabs.txt"
    text = "姓名\t工作单位\t备注\n张三\t\"市财政局\n（预算处）\"\t\n李四\t市教育局\t\n"
    path.write_text(text, encoding="utf-8")

    rows = read_table(path).rows

    assert rows[1] == ("张三", "市财政局\n（预算处）") and rows[2] == ("李四", "市教育局")


def test_read_table_refuses_open_quote_in_a_two_column_file(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text('姓名,单位\n张三,"市财政局\n李四,市教育局\n王五,市"民政局"\n', encoding="utf-8")

    with pytest.raises(ImportFileError, match="two.csv 第 2 行 B 列字段的引号未闭合：其后第 3 至 4 行"):
        read_table(path)


def test_read_table_names_the_line_of_a_quote_that_runs_past_the_field_limit(tmp_path):
    lines = [person_line(n % 21 + 1) for n in range(4000)]
    lines[1] = person_line(2, '"市财政局')

    with pytest.raises(ImportFileError, match="名单.csv 第 3 行起的一个字段超过 131,072 个字符"):
        read_table(roster(tmp_path, lines))
