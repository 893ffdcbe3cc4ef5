"""A full or nearly full disk: the message of a failed save names the database file, and the daily
backup is skipped (with a notice saying why) when it would leave less room than the database's size.
"""

import sqlite3
from collections import namedtuple
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from rdplanner import backups
from rdplanner.db import open_database, sqlite_url
from rdplanner.db_errors import where_of
from rdplanner.errors import DatabaseDiskFull
from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import Person
from rdplanner.people.importing import apply_import, build_preview, detect_columns, read_table

Usage = namedtuple("Usage", "total used free")


def _event(session) -> int:
    draft = EventDraft(name="常委会第二十三次会议", event_type="standing_committee",
                       start_date=date(2026, 12, 3), end_date=date(2026, 12, 4))
    return create_event(session, draft=draft).value


def test_import_on_a_full_disk_names_the_database_file(tmp_path, monkeypatch):
    path = tmp_path / "会务" / "rdplanner.sqlite"
    roster = tmp_path / "名单.csv"
    roster.write_text("姓名,性别,工作单位\n张三,男,市人大常委会办公厅\n", encoding="utf-8")
    db = open_database(sqlite_url(path))
    try:
        with db.session() as session:
            event_id = _event(session)
            table = read_table(roster)
            preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                                    default_role="member")

            def disk_full() -> None:
                raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database or disk is full"))

            monkeypatch.setattr(session, "commit", disk_full)
            with pytest.raises(DatabaseDiskFull) as caught:
                apply_import(session, event_id=event_id, preview=preview,
                             accepted_row_numbers=preview.accepted_row_numbers, file_name=roster.name)
            monkeypatch.undo()
            assert session.scalar(select(func.count()).select_from(Person)) == 0
    finally:
        db.close()

    assert str(caught.value).startswith(f"磁盘空间已满，数据库 {path} 的本次修改未保存")


def test_where_of_a_read_only_session_is_the_database_file(tmp_path):
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()
    db = open_database(sqlite_url(path), read_only=True)
    try:
        with db.read_session() as session:
            assert where_of(session) == str(path)
    finally:
        db.close()


def _database_of_yesterday(tmp_path: Path) -> Path:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path), now=lambda: datetime(2026, 5, 1, 9, 0)).close()
    open_database(sqlite_url(path), now=lambda: datetime(2026, 5, 1, 10, 0)).close()
    return path


def _open_next_day_with_free_space(path: Path, monkeypatch, free_factor: float):
    size = path.stat().st_size
    monkeypatch.setattr(backups.shutil, "disk_usage",
                        lambda _folder: Usage(10 * size, 0, int(free_factor * size)))
    db = open_database(sqlite_url(path), now=lambda: datetime(2026, 5, 2, 9, 0))
    db.close()
    made = sorted(p.name for p in (path.parent / "backups").glob("*.20260502-*-daily.sqlite"))
    return made, [n for n in db.notices if n.startswith("今日自动备份未完成：")]


def test_daily_backup_is_skipped_with_a_notice_when_under_twice_the_database_is_free(tmp_path, monkeypatch):
    made, [notice] = _open_next_day_with_free_space(_database_of_yesterday(tmp_path), monkeypatch, 1.5)

    assert made == []
    assert "rdplanner.sqlite" in notice and "两倍" in notice and "请清理磁盘" in notice


def test_daily_backup_is_taken_when_over_twice_the_database_is_free(tmp_path, monkeypatch):
    made, notices = _open_next_day_with_free_space(_database_of_yesterday(tmp_path), monkeypatch, 3)

    assert (made, notices) == (["rdplanner.sqlite.20260502-090000-daily.sqlite"], [])
