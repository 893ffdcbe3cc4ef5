"""Schema migrations: a revision-0001 database upgrades to head without losing a value, the result
matches the models, a failed upgrade rolls back whole, and REVISIONS matches Alembic's chain.
"""

import re
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from alembic import op
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

import rdplanner.db
from rdplanner.db import Database, open_database, sqlite_url
from rdplanner.errors import DatabaseError, MigrationFailed, MigrationRefused
from rdplanner.models import Event, Person, Sitting, Trip

FIXTURE_0001 = Path(__file__).parents[1] / "data" / "rev0001.sqlite"


def _rows(path: Path, columns_from: Path = FIXTURE_0001) -> dict[str, list[tuple]]:
    """Every row of every table of ``columns_from``, read from ``path`` with those columns only."""
    with closing(sqlite3.connect(columns_from)) as source:
        tables = [r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        columns = {t: [r[1] for r in source.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    with closing(sqlite3.connect(path)) as conn:
        return {
            t: conn.execute(f'SELECT {_quoted(cols)} FROM "{t}" ORDER BY rowid').fetchall()
            for t, cols in columns.items()
            if t != "alembic_version"
        }


def _quoted(columns: list[str]) -> str:
    return ", ".join('"' + c + '"' for c in columns)


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def _table_names(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _schema_diffs(database: Database) -> list:
    with database.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return compare_metadata(context, SQLModel.metadata)


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    path = tmp_path / "rdplanner.sqlite"
    shutil.copyfile(FIXTURE_0001, path)
    return path


def test_fixture_is_at_revision_0001_with_rows_in_every_table() -> None:
    rows = _rows(FIXTURE_0001)

    assert _revision(FIXTURE_0001) == "0001"
    assert sorted(t for t, r in rows.items() if not r) == []
    assert len(rows) == 28


def test_open_database_upgrades_0001_keeping_every_value(old_database: Path) -> None:
    db = open_database(sqlite_url(old_database))
    db.close()

    assert _revision(old_database) == rdplanner.db.HEAD_REVISION
    assert _rows(old_database) == _rows(FIXTURE_0001)
    assert list((old_database.parent / "backups").glob("rdplanner.sqlite.*-pre-upgrade-0001.sqlite"))


def test_open_database_upgrade_leaves_readable_rows(old_database: Path) -> None:
    db = open_database(sqlite_url(old_database))
    with db.session() as session:
        events = session.scalars(select(Event).order_by(Event.id)).all()
        person = session.get(Person, 2)
        sitting = session.get(Sitting, 1)
        trip = session.get(Trip, 1)
    db.close()

    assert [(e.name, e.is_demo, e.version) for e in events] == [
        ("市第十六届人大常委会第二十三次会议", False, 3),
        ("代表视察城市防汛工作", False, 1),
    ]
    assert (person.name, person.ethnicity, person.notes) == ("阿依古丽·买买提", "维吾尔族", "清真饮食")
    assert (sitting.name, sitting.starts_at) == ("第一次全体会议", datetime(2026, 4, 22, 9, 0))
    assert (trip.destination, trip.depart_at) == ("市人大常委会机关会议中心", datetime(2026, 4, 21, 15, 0))


def test_open_database_upgrade_matches_models(old_database: Path) -> None:
    db = open_database(sqlite_url(old_database))

    diffs = _schema_diffs(db)
    db.close()

    assert diffs == []


def test_open_database_fresh_schema_matches_models(database: Database) -> None:
    assert _schema_diffs(database) == []


def test_revisions_constant_matches_alembic_chain() -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(rdplanner.db.__file__).parent / "migrations"))
    script = ScriptDirectory.from_config(config)

    chain = [rev.revision for rev in script.walk_revisions("base", "heads")][::-1]

    assert script.get_heads() == [rdplanner.db.HEAD_REVISION]
    assert tuple(chain) == rdplanner.db.REVISIONS


def test_open_database_rolls_back_failed_upgrade_whole(
    old_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created_before_failure = []

    def disk_full(*args, **kwargs):
        created_before_failure.append(inspect(op.get_bind()).has_table("officesetting"))
        raise OperationalError("ALTER TABLE event", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(op, "batch_alter_table", disk_full)

    with pytest.raises(DatabaseError, match="磁盘空间已满"):
        open_database(sqlite_url(old_database))

    assert created_before_failure == [True]
    assert _revision(old_database) == "0001"
    assert _table_names(old_database) == _table_names(FIXTURE_0001)
    assert _rows(old_database) == _rows(FIXTURE_0001)


def test_open_database_refuses_upgrade_of_orphan_rows_untouched(old_database: Path) -> None:
    with closing(sqlite3.connect(old_database)) as conn:
        conn.execute("INSERT INTO hall (venue_id, name, capacity, notes, version) "
                     "VALUES (999, '无主会议室', 0, '', 1)")
        conn.commit()
    rows = _rows(old_database)

    with pytest.raises(DatabaseError, match="hall"):
        open_database(sqlite_url(old_database))

    assert _revision(old_database) == "0001"
    assert _table_names(old_database) == _table_names(FIXTURE_0001)
    assert _rows(old_database) == rows


def _fail_part_way(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    def fail(*args, **kwargs):
        assert inspect(op.get_bind()).has_table("officesetting")  # an earlier step has run
        raise error

    monkeypatch.setattr(op, "batch_alter_table", fail)


def _backups(path: Path) -> list[Path]:
    return sorted((path.parent / "backups").glob("*-pre-upgrade-0001.sqlite"))


@pytest.mark.parametrize("error, reason", [
    (OperationalError("ALTER TABLE event", {}, sqlite3.OperationalError("disk I/O error")), "升级步骤出错"),
    (RuntimeError("unexpected"), "升级步骤出错"),
    (OperationalError("ALTER TABLE event", {}, sqlite3.OperationalError("database is locked")), "占用"),
])
def test_open_database_failed_upgrade_says_so_with_the_file_state_and_the_backup(
    old_database: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, reason: str
) -> None:
    _fail_part_way(monkeypatch, error)

    with pytest.raises(MigrationFailed) as caught:
        open_database(sqlite_url(old_database))

    message = str(caught.value)
    [backup] = _backups(old_database)
    assert f"数据库 {old_database} 升级到新版本（结构版本 0001 → {rdplanner.db.HEAD_REVISION}）失败" in message
    assert reason in message and "文件保持原样" in message and f"升级前的备份在 {backup}" in message
    assert not re.search(r"[A-Za-z]{3,}", message.replace(str(old_database), "").replace(str(backup), ""))
    assert _revision(old_database) == "0001" and _rows(backup) == _rows(FIXTURE_0001)


def test_failed_upgrade_leaves_the_file_byte_for_byte_as_it_was(old_database: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = old_database.read_bytes()
    _fail_part_way(monkeypatch, RuntimeError("unexpected"))

    with pytest.raises(MigrationFailed, match="文件保持原样"):
        open_database(sqlite_url(old_database))

    assert old_database.read_bytes() == before  # its journal mode too (header bytes 18 and 19)


def test_failed_upgrade_not_rolled_back_is_restored_from_the_backup(old_database: Path,
                                                                    tmp_path: Path) -> None:
    from rdplanner.migration_errors import migration_failure

    backup = tmp_path / "backup.sqlite"
    shutil.copyfile(old_database, backup)
    open_database(sqlite_url(old_database)).close()  # as if the failed upgrade had half stayed

    error = migration_failure(RuntimeError("x"), where=str(old_database), path=old_database,
                              revision="0001", head=rdplanner.db.HEAD_REVISION, backup=backup)

    assert "文件已从升级前的备份恢复" in str(error) and str(backup) in str(error)
    assert _revision(old_database) == "0001" and _rows(old_database) == _rows(FIXTURE_0001)


def test_refused_upgrade_names_the_backup(old_database: Path) -> None:
    with closing(sqlite3.connect(old_database)) as conn:
        conn.execute("INSERT INTO hall (venue_id, name, capacity, notes, version) "
                     "VALUES (999, '无主会议室', 0, '', 1)")
        conn.commit()

    with pytest.raises(MigrationRefused) as caught:
        open_database(sqlite_url(old_database))

    assert f"升级前的备份在 {_backups(old_database)[0]}" in str(caught.value)
