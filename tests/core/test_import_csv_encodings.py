"""A CSV with one row in another encoding, or a stray NUL in a cell, is refused naming its row and column,
never garbled or refused as "not a text file"; a whole GBK file still reads."""

import codecs
from pathlib import Path

import pytest

from rdplanner.people.importing import ImportFileError, read_table

HEADER = "序号,姓名,性别,工作单位"
PEOPLE = ["1,王明,男,市财政局", "2,李华,女,市审计局", "3,张强,男,市文化局", "4,刘洋,女,市教育局"]


def _lines(encoded_as: dict[int, str] | None = None, bom: bool = False) -> bytes:
    """The roster as bytes, UTF-8 except the data lines in ``encoded_as`` (index → encoding)."""
    encoded_as = encoded_as or {}
    lines = [HEADER.encode("utf-8")] + [line.encode(encoded_as.get(i, "utf-8")) for i, line in enumerate(PEOPLE)]
    return (codecs.BOM_UTF8 if bom else b"") + b"\n".join(lines) + b"\n"


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "名单.csv"
    path.write_bytes(data)
    return path


def _refusal(path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    return caught.value


@pytest.mark.parametrize("bom", [False, True])
def test_read_table_names_the_row_and_column_saved_in_gbk_inside_a_utf8_file(tmp_path, bom):
    error = _refusal(_write(tmp_path, _lines({2: "gbk"}, bom=bom)))

    assert "名单.csv" in str(error) and "第 4 行 B 列" in str(error)
    assert "另存为“CSV UTF-8”" in str(error)
    assert (error.row, error.field) == (4, "B")


def test_read_table_still_reads_a_whole_gbk_file(tmp_path):
    data = b"\n".join(line.encode("gbk") for line in [HEADER, *PEOPLE]) + b"\n"

    table = read_table(_write(tmp_path, data))

    assert [row[1] for row in table.rows[1:]] == ["王明", "李华", "张强", "刘洋"]


def test_read_table_names_the_row_and_column_of_a_stray_nul(tmp_path):
    data = _lines().replace("市审计局".encode(), "市审\x00计局".encode())

    error = _refusal(_write(tmp_path, data))

    assert "名单.csv 第 3 行 D 列含有空字符" in str(error)
    assert (error.row, error.field) == (3, "D")


def test_read_table_still_calls_a_binary_file_not_text(tmp_path):
    error = _refusal(_write(tmp_path, b"\x00\x01\x02garbage\x00" * 50))

    assert "不是文本文件" in str(error)
