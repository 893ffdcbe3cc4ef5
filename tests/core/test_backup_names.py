"""Each database rotates and recognises only its own backups, whatever its neighbours are called
(a.sqlite, a, a.db, a-b.sqlite, 会议.sqlite, 会议-2025.sqlite), and backups named the earlier way
(by the stem only) are still rotated as its own unless another database shares that stem.
"""

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from rdplanner.backups import backup_daily, backup_sqlite

SIBLINGS = ("a.sqlite", "a", "a.db", "a-b.sqlite", "会议.sqlite", "会议-2025.sqlite")
START = datetime(2026, 5, 1, 9, 0)


def _database(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE marker (name TEXT)")
        conn.execute("INSERT INTO marker VALUES (?)", (path.name,))
        conn.commit()
    return path


def _marker(path: Path) -> str:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT name FROM marker").fetchone()[0]


def _backups_by_source(folder: Path) -> dict[str, list[str]]:
    """The names of the backups in ``folder``, by the database each one is a copy of (its marker)."""
    found: dict[str, list[str]] = {}
    for made in sorted(folder.iterdir()):
        found.setdefault(_marker(made), []).append(made.name)
    return found


def _legacy(folder: Path, source: Path, stem: str, day: int, kind: str = "daily") -> Path:
    """A backup as earlier versions named it: ``{stem}-YYYYMMDD-HHMMSS-{kind}.sqlite``."""
    folder.mkdir(exist_ok=True)
    made = folder / f"{stem}-202605{day:02d}-090000-{kind}.sqlite"
    made.write_bytes(source.read_bytes())
    return made


def test_daily_backups_of_sibling_databases_each_keep_their_own(tmp_path: Path) -> None:
    databases = [_database(tmp_path / name) for name in SIBLINGS]

    for day in range(12):
        for path in databases:
            assert backup_daily(path, now=lambda day=day: START + timedelta(days=day), keep=3) is not None

    assert _backups_by_source(tmp_path / "backups") == {
        name: [f"{name}.202605{day}-090000-daily.sqlite" for day in (10, 11, 12)] for name in SIBLINGS}


def test_pre_upgrade_backups_of_sibling_databases_each_keep_their_own(tmp_path: Path) -> None:
    databases = [_database(tmp_path / name) for name in SIBLINGS]

    for day in range(11):
        for path in databases:
            backup_sqlite(path, kind=f"pre-upgrade-000{day % 3 + 1}",
                          now=lambda day=day: START + timedelta(days=day), keep=2)

    assert _backups_by_source(tmp_path / "backups") == {
        name: [f"{name}.20260510-090000-pre-upgrade-0001.sqlite",
               f"{name}.20260511-090000-pre-upgrade-0002.sqlite"] for name in SIBLINGS}


def test_backup_name_carries_the_whole_file_name(tmp_path: Path) -> None:
    made = backup_sqlite(_database(tmp_path / "会议.db"), kind="daily", now=lambda: START)

    assert made.name == "会议.db.20260501-090000-daily.sqlite"


def test_backups_named_the_earlier_way_are_rotated_with_the_new_ones(tmp_path: Path) -> None:
    path = _database(tmp_path / "a.sqlite")
    neighbour = _database(tmp_path / "a-b.sqlite")
    folder = tmp_path / "backups"
    for day in range(1, 11):
        _legacy(folder, path, "a", day)
    theirs = [_legacy(folder, neighbour, "a-b", day) for day in range(1, 11)]

    for day in (11, 12):
        backup_daily(path, now=lambda day=day: datetime(2026, 5, day, 9, 0), keep=4)

    assert _backups_by_source(folder) == {
        "a.sqlite": ["a-20260509-090000-daily.sqlite", "a-20260510-090000-daily.sqlite",
                     "a.sqlite.20260511-090000-daily.sqlite", "a.sqlite.20260512-090000-daily.sqlite"],
        "a-b.sqlite": [f.name for f in theirs]}


def test_todays_backup_named_the_earlier_way_counts_as_todays(tmp_path: Path) -> None:
    path = _database(tmp_path / "rdplanner.sqlite")
    _legacy(tmp_path / "backups", path, "rdplanner", 5)

    assert backup_daily(path, now=lambda: datetime(2026, 5, 5, 14, 0), keep=10) is None


def test_backups_named_the_earlier_way_are_kept_when_another_database_shares_the_stem(tmp_path: Path) -> None:
    path = _database(tmp_path / "a.sqlite")
    _database(tmp_path / "a.db")
    folder = tmp_path / "backups"
    legacy = [_legacy(folder, path, "a", day) for day in range(1, 13)]

    for day in range(1, 13):
        made = backup_daily(path, now=lambda day=day: datetime(2026, 5, day, 10, 0), keep=3)
        assert made is not None  # a legacy "a-…" daily of that day may be a.db's: a.sqlite takes its own

    assert _backups_by_source(folder) == {"a.sqlite": sorted(
        [f.name for f in legacy] + [f"a.sqlite.202605{day}-100000-daily.sqlite" for day in (10, 11, 12)])}
