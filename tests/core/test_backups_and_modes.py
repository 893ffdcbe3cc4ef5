"""Who may read the data: a new data folder is 0700, the database, its WAL/SHM and backups 0600, and an
export with full ID numbers 0600. A backup killed midway leaves partial files the next one removes.
"""

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from rdplanner import backups
from rdplanner.backups import STALE_PARTIAL_S, backup_daily, backup_sqlite
from rdplanner.db import default_db_path, open_database, resolve_url, sqlite_url
from rdplanner.demo import build_demo
from rdplanner.people.documents import export_roster

ROOT = Path(__file__).parents[2]
KILLED_BACKUP = """
import os, signal, sys
from pathlib import Path
import rdplanner.backups as backups
real_copy = backups._copy

def copy_then_die(path, partial):
    real_copy(path, partial)
    os.kill(os.getpid(), signal.SIGKILL)  # killed after the copy, before it is renamed into place

backups._copy = copy_then_die
backups.backup_sqlite(Path(sys.argv[1]), kind="daily")
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual umask 022, under which files would otherwise be created 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_new_data_folder_and_database_are_private(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "数据" / "rdplanner" / "rdplanner.sqlite"

    db = open_database(sqlite_url(path))
    with db.session() as session:
        build_demo(session, size="small", today=date(2026, 6, 1))
        session.execute(text("SELECT count(*) FROM event"))  # keeps a connection, so WAL and SHM, open
        modes = {p.name: _mode(p) for p in path.parent.iterdir()}
    db.close()

    assert (_mode(tmp_path / "数据"), _mode(path.parent)) == (0o700, 0o700)
    assert modes == {"rdplanner.sqlite": 0o600, "rdplanner.sqlite-wal": 0o600, "rdplanner.sqlite-shm": 0o600}


def test_backups_are_private(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()

    made = backup_sqlite(path, kind="daily", now=lambda: datetime(2026, 5, 1, 9, 0))

    assert (_mode(made.parent), _mode(made)) == (0o700, 0o600)


def test_roster_export_with_full_id_numbers_is_private(tmp_path: Path, open_umask: None) -> None:
    db = open_database(sqlite_url(tmp_path / "rdplanner.sqlite"))
    with db.session() as session:
        event_id = build_demo(session, size="small", today=date(2026, 6, 1))
        full = export_roster(session, event_id=event_id, path=tmp_path / "名册.xlsx", show_sensitive=True)
        masked = export_roster(session, event_id=event_id, path=tmp_path / "名册（隐去）.xlsx")
    db.close()

    assert (_mode(full), _mode(masked)) == (0o600, 0o644)


def _age(path: Path) -> None:
    old = time.time() - STALE_PARTIAL_S - 60
    os.utime(path, (old, old))


def test_backup_killed_midway_leaves_partials_the_next_open_removes(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()
    killed = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(path)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    leftovers = sorted((tmp_path / "backups").glob("*.partial*"))
    journal = leftovers[0].with_name(leftovers[0].name + "-journal")
    journal.write_bytes(b"\0" * 512)  # as a kill during the copy itself leaves it
    for leftover in (*leftovers, journal):
        _age(leftover)

    open_database(sqlite_url(path)).close()

    assert killed.returncode == -signal.SIGKILL
    assert [p.suffix for p in leftovers] == [".partial"]
    assert sorted(p.suffix for p in (tmp_path / "backups").iterdir()) == [".sqlite"]


def test_backup_keeps_a_partial_another_backup_may_still_be_writing(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()
    running = tmp_path / "backups" / "rdplanner.sqlite.20260501-090000-daily.partial"
    running.parent.mkdir()
    running.write_bytes(b"")

    backup_sqlite(path, kind="daily", now=lambda: datetime(2026, 5, 2, 9, 0))

    assert running.exists()


def test_default_data_folder_and_backups_made_by_an_earlier_version_are_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = default_db_path().parent
    (folder / "backups").mkdir(parents=True, mode=0o755)
    chosen = tmp_path / "共享" / "rdplanner.sqlite"
    chosen.parent.mkdir(mode=0o755)
    open_database(sqlite_url(chosen)).close()

    open_database(resolve_url(env={})).close()
    backup_sqlite(default_db_path(), kind="daily")
    backup_sqlite(chosen, kind="daily")

    assert (_mode(folder), _mode(folder / "backups")) == (0o700, 0o700)
    assert (_mode(chosen.parent), _mode(chosen.parent / "backups")) == (0o755, 0o700)


def test_backup_writes_a_partial_of_its_own_named_by_process(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()
    partials = []
    real_copy = backups._copy
    monkeypatch.setattr(backups, "_copy", lambda source, partial: (partials.append(partial),
                                                                    real_copy(source, partial)))

    for _ in range(2):
        backup_sqlite(path, kind="daily", now=lambda: datetime(2026, 5, 1, 9, 0))

    assert len(set(partials)) == 2
    assert all(f".{os.getpid()}-" in p.name and p.name.endswith(".partial") for p in partials)


def test_two_backups_of_the_same_moment_both_succeed_leaving_one_good_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()
    moment = lambda: datetime(2026, 5, 1, 9, 0)  # noqa: E731
    real_copy = backups._copy
    made = []

    def copy_while_another_backs_up(source: Path, partial: Path) -> None:
        real_copy(source, partial)
        if not made:  # the second process runs its whole backup between our copy and our rename
            made.append(None)
            made.append(backup_sqlite(path, kind="pre-upgrade-0003", now=moment))

    monkeypatch.setattr(backups, "_copy", copy_while_another_backs_up)

    made.append(backup_sqlite(path, kind="pre-upgrade-0003", now=moment))

    assert made[1] == made[2]
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [made[2].name]
    with closing(sqlite3.connect(made[2])) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_concurrent_daily_backups_of_the_same_day_make_one(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()
    real_copy = backups._copy
    second = []

    def copy_while_another_starts(source: Path, partial: Path) -> None:
        real_copy(source, partial)
        if not second:  # another process starts the same day one second later, while we copy
            second.append(backup_daily(path, now=lambda: datetime(2026, 5, 1, 9, 0, 1), keep=10))

    monkeypatch.setattr(backups, "_copy", copy_while_another_starts)

    first = backup_daily(path, now=lambda: datetime(2026, 5, 1, 9, 0), keep=10)

    assert second == [None]
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [first.name]


def test_backup_removes_a_stale_unique_partial_and_a_stale_daily_claim(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()
    folder = tmp_path / "backups"
    folder.mkdir()
    left = [folder / "rdplanner-20260501-090000-daily.4242-0a1b2c3d.partial",
            folder / "rdplanner-20260501-090000-daily.4242-0a1b2c3d.partial-journal",
            folder / "rdplanner-20260502-daily.partial-claim"]
    for leftover in left:
        leftover.write_bytes(b"")
        _age(leftover)

    made = backup_daily(path, now=lambda: datetime(2026, 5, 2, 9, 0), keep=10)

    assert made is not None
    assert [p.name for p in folder.iterdir()] == [made.name]
