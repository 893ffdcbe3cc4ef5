"""Command-line arguments: ids in range, --db neither empty nor (for commands that read) missing."""

from pathlib import Path

import pytest

from rdplanner.cli import main


def _run(argv, capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize("command", [["export", "roster", "-o", "x.xlsx"], ["import-roster", "f.csv"]])
@pytest.mark.parametrize(("event", "words"), [("99999999999999999999", "找不到该活动（编号 99999999999999999999）"),
                                              ("0", "活动编号无效"), ("abc", "活动编号无效")])
def test_out_of_range_event_is_one_chinese_line(tmp_path, capsys, command, event, words):
    code, err = _run([*command, "--db", str(tmp_path / "r.sqlite"), "--event", event], capsys)
    assert code == 2 and words in err and "Traceback" not in err
    assert not (tmp_path / "r.sqlite").exists()


@pytest.mark.parametrize("command", [["export", "roster", "--event", "1", "-o", "x.xlsx"],
                                     ["import-roster", "--event", "1", "f.csv"], ["demo"]])
def test_empty_db_is_refused(capsys, command):
    code, err = _run([*command, "--db", ""], capsys)
    assert code == 2 and "参数 --db 为空" in err


@pytest.mark.parametrize("dry", [[], ["--dry-run"]])
def test_missing_db_is_refused_and_not_created(tmp_path: Path, capsys, dry):
    roster = tmp_path / "名单.csv"
    roster.write_text("姓名\n张新来\n", encoding="utf-8")
    missing = tmp_path / "typo.sqlite"
    for argv in (["export", "roster", "--db", str(missing), "--event", "1", "-o", str(tmp_path / "a.xlsx")],
                 ["import-roster", "--db", str(missing), "--event", "1", *dry, str(roster)]):
        code, err = _run(argv, capsys)
        assert code == 2 and f"数据库文件 {missing} 不存在" in err and len(err.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.csv"]
