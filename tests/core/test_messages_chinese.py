"""Messages that carry an OS, parser or driver failure say why in Chinese, never in the library's
English (strerror, TOML or reportlab text), and still name the file."""

import errno
import os
import re
from pathlib import Path

import pytest

import rdplanner.exports.xlsx
from rdplanner.budget.standards import load_standards
from rdplanner.errors import RdplannerError
from rdplanner.exports.errors import ExportError
from rdplanner.exports.xlsx import new_sheet, save_workbook
from rdplanner.people.importing import ImportFileError, read_table
from rdplanner.readiness.templates import load_task_templates


def _english(message: str, *allowed: str) -> set[str]:
    for text in allowed:
        message = message.replace(text, "")
    return set(re.findall(r"[A-Za-z]{2,}", message))


def test_read_table_of_a_symlink_loop_says_why_in_chinese(tmp_path: Path) -> None:
    loop = tmp_path / "名单.csv"
    loop.symlink_to(loop)

    with pytest.raises(ImportFileError) as caught:
        read_table(loop)

    assert "符号链接层数过多" in str(caught.value) and "名单.csv" in str(caught.value)
    assert _english(str(caught.value), "csv") == set()


def test_export_failing_with_an_unlisted_os_error_says_why_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_disk(_fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(rdplanner.exports.xlsx.os, "fsync", broken_disk)
    workbook, _sheet = new_sheet("名单")

    with pytest.raises(ExportError) as caught:
        save_workbook(workbook, tmp_path / "名单.xlsx")

    assert "磁盘读写出错" in str(caught.value)
    assert _english(str(caught.value), str(tmp_path), "xlsx", "Excel", "WPS") == set()
    assert list(tmp_path.iterdir()) == []


def test_load_standards_of_bad_toml_names_the_line_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "standards.toml"
    path.write_text('source = "x"\n[categories.1]\nlabel = \n', encoding="utf-8")

    with pytest.raises(RdplannerError) as caught:
        load_standards(path)

    assert "第 3 行" in str(caught.value)
    assert _english(str(caught.value), str(path)) == set()


def test_load_task_templates_of_gbk_file_says_it_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "tasks_x.toml"
    path.write_bytes('event_types = ["standing_committee"]\n# 任务\n'.encode("gbk"))

    with pytest.raises(RdplannerError) as caught:
        load_task_templates("standing_committee", folder=tmp_path)

    assert "不是 UTF-8 编码" in str(caught.value)
    assert _english(str(caught.value), str(path), "UTF") == set()


def test_load_task_templates_missing_a_field_names_it(tmp_path: Path) -> None:
    path = tmp_path / "tasks_x.toml"
    path.write_text('event_types = ["standing_committee"]\n[[tasks]]\nphase = "before"\n', encoding="utf-8")

    with pytest.raises(RdplannerError) as caught:
        load_task_templates("standing_committee", folder=tmp_path)

    assert "第 1 项" in str(caught.value) and "缺少字段 title" in str(caught.value)


def test_sort_names_of_a_symlink_loop_says_why_in_chinese(tmp_path: Path, capsys) -> None:
    from rdplanner.cli import main

    loop = tmp_path / "names.txt"
    loop.symlink_to(loop)

    status = main(["sort-names", str(loop)])

    err = capsys.readouterr().err
    assert status != 0 and "符号链接层数过多" in err
    assert _english(err, str(loop), "rdplanner") == set()


def test_broken_font_file_is_named_without_reportlab_text(tmp_path: Path) -> None:
    from rdplanner.exports.fonts import FontError, _parse

    path = tmp_path / "broken.ttf"
    path.write_bytes(b"\x00\x01\x00\x00" + b"garbage" * 50)

    with pytest.raises(FontError) as caught:
        _parse("Broken", path)

    assert "broken.ttf" in str(caught.value)
    assert _english(str(caught.value), "broken.ttf", "TrueType") == set()


def test_read_table_names_a_parser_failure_without_the_library_class(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import rdplanner.people.importing.table as table

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise KeyError("There is no item named 'xl/workbook.xml' in the archive")

    monkeypatch.setattr(table, "_dispatch", refuse)
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)

    with pytest.raises(ImportFileError) as caught:
        read_table(path)

    assert "名单.xlsx" in str(caught.value) and "文件已损坏或不是有效的 Excel 工作簿" in str(caught.value)
    assert _english(str(caught.value), "xlsx", "Excel") == set()
