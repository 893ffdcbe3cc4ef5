"""``import-roster`` from the command line: counts on success; one line naming file, row and field
on failure, with the database unchanged. Called through ``run()`` until the lead wires it into cli.py.
"""

import argparse
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rdplanner.db import open_database, sqlite_url
from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import ImportBatch, Participation, Person
from rdplanner.people import import_command

DATA = Path(__file__).parents[1] / "data" / "import"


@pytest.fixture
def db_file(tmp_path) -> tuple[Path, int]:
    path = tmp_path / "rdplanner.sqlite"
    db = open_database(sqlite_url(path))
    try:
        with db.session() as session:
            draft = EventDraft(name="常委会第二十三次会议", event_type="standing_committee",
                               start_date=date(2026, 12, 3), end_date=date(2026, 12, 4))
            event_id = create_event(session, draft=draft).value
    finally:
        db.close()
    return path, event_id


def run(db_path: Path, event_id: int, file: str, **options) -> int:
    parser = argparse.ArgumentParser()
    import_command.add_arguments(parser)
    argv = ["--db", str(db_path), "--event", str(event_id), str(DATA / file)]
    for key, value in options.items():
        argv += [f"--{key.replace('_', '-')}"] + ([] if value is True else [value])
    return import_command.run(parser.parse_args(argv))


def counts(db_path: Path) -> tuple[int, int, int]:
    db = open_database(sqlite_url(db_path))
    try:
        with db.session() as session:
            models = (Person, Participation, ImportBatch)
            return tuple(session.scalar(select(func.count()).select_from(m)) for m in models)
    finally:
        db.close()


def test_import_roster_prints_counts_and_exits_zero(db_file, capsys):
    path, event_id = db_file

    status = run(path, event_id, "roster_updated.xlsx")

    out = capsys.readouterr()
    assert status == 0, out.err
    assert "新增 9 人，更新 0 人，未变 0 人" in out.out and out.err == ""
    assert counts(path) == (9, 9, 1)


def test_import_roster_again_reports_merge(db_file, capsys):
    path, event_id = db_file
    run(path, event_id, "roster_updated.xlsx")

    status = run(path, event_id, "roster_updated.xlsx")

    assert status == 0 and "新增 0 人，更新 0 人，未变 9 人" in capsys.readouterr().out
    assert counts(path) == (9, 9, 2)


def test_import_roster_with_bad_rows_fails_in_one_line_leaving_database_unchanged(db_file, capsys):
    path, event_id = db_file

    status = run(path, event_id, "roster.xlsx")

    err = capsys.readouterr().err
    assert status == 2
    assert len(err.splitlines()) == 1
    assert "roster.xlsx 第 9 行“身份证号”" in err and "另有 5 处错误" in err
    assert counts(path) == (0, 0, 0)


@pytest.mark.parametrize("file, words", [
    ("empty.csv", "empty.csv 是空的"), ("binary.xlsx", "binary.xlsx 不是有效的"),
    ("missing.xlsx", "找不到文件"),
])
def test_import_roster_refuses_bad_file_in_one_line(db_file, capsys, file, words):
    path, event_id = db_file

    status = run(path, event_id, file)

    err = capsys.readouterr().err
    assert status == 2 and len(err.splitlines()) == 1 and words in err


def test_import_roster_refuses_unknown_event(db_file, capsys):
    path, _event_id = db_file

    assert run(path, 999, "roster_updated.xlsx") == 2
    assert "找不到该活动" in capsys.readouterr().err


def test_import_roster_dry_run_reports_without_writing(db_file, capsys):
    path, event_id = db_file

    status = run(path, event_id, "roster_updated.xlsx", dry_run=True)

    assert status == 0 and "试运行" in capsys.readouterr().out
    assert counts(path) == (0, 0, 0)


def test_import_roster_role_option_sets_role_of_rows_without_one(db_file, tmp_path, capsys):
    path, event_id = db_file
    roster = tmp_path / "staff.csv"
    roster.write_text("姓名,手机\n张三,13800138000\n", encoding="utf-8")

    assert run(path, event_id, str(roster), role="工作人员") == 0
    db = open_database(sqlite_url(path))
    try:
        with db.session() as session:
            assert session.scalar(select(Participation.role)) == "staff"
    finally:
        db.close()


def test_import_roster_refuses_unknown_role_option(db_file, capsys):
    path, event_id = db_file

    assert run(path, event_id, "roster_updated.xlsx", role="领导") == 2
    assert "领导" in capsys.readouterr().err


def test_import_roster_refuses_csv_with_open_quote_leaving_database_unchanged(db_file, tmp_path, capsys):
    path, event_id = db_file
    roster = tmp_path / "名单.csv"
    people = [f"{n},人员{n},市财政局,1380013{n:04d}" for n in range(1, 22)]
    people[2] = '3,人员3,"市财政局,13800130003'
    people[6] = '7,人员7,"市文化局",13800130007'
    roster.write_text("\n".join(["序号,姓名,工作单位,手机"] + people) + "\n", encoding="utf-8")

    status = run(path, event_id, str(roster))

    err = capsys.readouterr().err
    assert status == 2 and len(err.splitlines()) == 1
    assert "名单.csv 第 4 行 C 列字段的引号未闭合" in err
    assert counts(path) == (0, 0, 0)
