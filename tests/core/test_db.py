"""Persistence: events survive reopening, stale saves are refused, and bad database files are
refused untouched (corrupt, foreign, read-only, locked, too new); sessions, backups, full disks.
"""

import hashlib
import os
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

import rdplanner.db
from rdplanner.db import Database, open_database, sqlite_url, translate_db_error
from rdplanner.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    StaleEdit,
)
from rdplanner.events.service import EventDraft, create_event, delete_event, get_event, update_event
from rdplanner.models import Attendance, Event, Participation, Person, Sitting, Task, Venue
from rdplanner.store import versioned_update

FIXTURE_0001 = Path(__file__).parents[1] / "data" / "rev0001.sqlite"
NOW = datetime(2026, 4, 1, 9, 0)
NOBODY = 65534
SIDECARS = ("-wal", "-shm")
DRAFT = EventDraft(
    name="市第十六届人大常委会第二十四次会议",
    event_type="standing_committee",
    start_date=date(2026, 6, 24),
    end_date=date(2026, 6, 26),
    venue_name="市人大常委会机关会议中心",
    organiser="办公厅秘书处",
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_event(session: Session, name: str = "代表视察城市防汛工作") -> int:
    event = Event(
        name=name,
        event_type="deputy_inspection",
        start_date=date(2026, 5, 12),
        end_date=date(2026, 5, 12),
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(event)
    session.commit()
    return event.id


def _fingerprint(database: Database) -> tuple:
    if database.is_sqlite:
        folder = database.path.parent
        listing = sorted(
            str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.endswith(SIDECARS)
        )
        return _sha256(database.path), listing
    with database.engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        tables = conn.execute(
            text("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        ).all()
    return sorted(versions), sorted(tables)


def _make_sqlite(path: Path, venues: int = 0) -> Path:
    db = open_database(sqlite_url(path))
    with db.session() as session:
        session.add_all(Venue(name=f"会场{i}", notes="会议室备注" * 40) for i in range(venues))
        session.commit()
    db.close()
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _damage(path: Path, damage: str) -> None:
    noise = random.Random(7).randbytes(64 * 1024)
    if damage == "random_bytes":
        path.write_bytes(noise)
        return
    data = _make_sqlite(path, venues=300).read_bytes()
    middle = len(data) // 2
    if damage == "truncated":
        path.write_bytes(data[:middle])
    else:
        page = int.from_bytes(data[16:18], "big")
        start = middle - middle % page
        path.write_bytes(data[:start] + noise[:page] + data[start + page:])


def _at(moment: datetime):
    return lambda: moment


def _all_rows(path: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


@contextmanager
def _without_root() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    try:
        os.setresgid(NOBODY, NOBODY, 0)
        os.setresuid(NOBODY, NOBODY, 0)
    except PermissionError:
        os.setresgid(0, 0, 0)
        pytest.skip("root cannot drop privileges here, so no file can be made read-only for it")
    try:
        yield
    finally:
        os.setresuid(0, 0, 0)
        os.setresgid(0, 0, 0)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can enter (pytest's tmp_path is private to root under CI)."""
    folder = Path(tempfile.mkdtemp(prefix="rdplanner-test-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_create_event_is_kept_after_reopening(db_url: str) -> None:
    first = open_database(db_url)
    with first.session() as session:
        event_id, _ = create_event(session, draft=DRAFT)
    first.close()

    second = open_database(db_url)
    with second.session() as session:
        row = get_event(session, event_id)
    second.close()

    assert (row.name, row.venue_name, row.start_date, row.end_date, row.version) == (
        DRAFT.name, DRAFT.venue_name, DRAFT.start_date, DRAFT.end_date, 1,
    )


def test_update_event_refuses_stale_version(database: Database) -> None:
    with database.session() as session:
        event_id, _ = create_event(session, draft=DRAFT)
    with database.session() as session:
        opened_by_a = get_event(session, event_id)
    with database.session() as session:
        opened_by_b = get_event(session, event_id)
    with database.session() as session:
        update_event(session, event_id=event_id, expected_version=opened_by_a.version,
                     draft=replace(opened_by_a.to_draft(), name="甲修改的名称"))

    with database.session() as session, pytest.raises(StaleEdit):
        update_event(session, event_id=event_id, expected_version=opened_by_b.version,
                     draft=replace(opened_by_b.to_draft(), name="乙修改的名称"))

    with database.session() as session:
        kept = get_event(session, event_id)
    assert (kept.name, kept.version) == ("甲修改的名称", opened_by_a.version + 1)


def test_versioned_update_refuses_stale_version_read_in_open_session(database: Database) -> None:
    with database.session() as session:
        event_id = _add_event(session, name="原名称")
    with database.read_session() as first, database.read_session() as second:
        version = first.get(Event, event_id).version
        assert second.get(Event, event_id).version == version
        versioned_update(first, Event, event_id, expected_version=version,
                         values={"name": "甲修改的名称"}, what="活动")
        first.commit()

        with pytest.raises(StaleEdit):
            versioned_update(second, Event, event_id, expected_version=version,
                             values={"name": "乙修改的名称"}, what="活动")

    with database.session() as session:
        kept = session.get(Event, event_id)
    assert (kept.name, kept.version) == ("甲修改的名称", version + 1)


def test_delete_event_removes_its_plans_but_keeps_people(database: Database) -> None:
    with database.session() as session:
        event_id = _add_event(session)
        people = [Person(name=name, created_at=NOW, updated_at=NOW) for name in ("欧阳建华", "丁一")]
        sitting = Sitting(event_id=event_id, name="第一次全体会议")
        session.add_all([*people, sitting])
        session.flush()
        parts = [Participation(event_id=event_id, person_id=p.id, role="member") for p in people]
        session.add_all([*parts, Task(event_id=event_id, phase="before", title="布置会场")])
        session.flush()
        session.add(Attendance(sitting_id=sitting.id, participation_id=parts[0].id))
        session.commit()

    with database.session() as session:
        delete_event(session, event_id=event_id)

    with database.session() as session:
        counts = {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (Event, Sitting, Participation, Attendance, Task, Person)
        }
    assert counts == {"Event": 0, "Sitting": 0, "Participation": 0, "Attendance": 0, "Task": 0,
                      "Person": 2}


def test_open_database_refuses_unknown_revision_untouched(database: Database, db_url: str) -> None:
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.close()
    before = _fingerprint(database)

    with pytest.raises(DatabaseTooNew, match="9999") as refused:
        open_database(db_url)

    assert _fingerprint(database) == before
    untouched = "文件未被改动" if db_url.startswith("sqlite") else "服务器上的数据未被改动"
    assert untouched in str(refused.value) and "9999" in str(refused.value)


def test_open_database_refused_file_leaves_no_side_files(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    database = open_database(sqlite_url(path))
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.close()
    before = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(DatabaseTooNew):
        open_database(sqlite_url(path))

    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("damage", ["random_bytes", "truncated", "scrambled_page"])
def test_open_database_refuses_corrupt_file_untouched(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "rdplanner.sqlite"
    _damage(path, damage)
    digest = _sha256(path)

    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(sqlite_url(path))

    assert str(path) in str(caught.value)
    assert "损坏" in str(caught.value)
    assert _sha256(path) == digest
    assert not (tmp_path / "backups").exists()


def test_open_database_refuses_foreign_sqlite_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "通讯录.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三', '13800000000')")
    conn.commit()
    conn.close()
    digest = _sha256(path)

    with pytest.raises(DatabaseError, match="不是 rdplanner 的数据库") as caught:
        open_database(sqlite_url(path))

    assert str(path) in str(caught.value)
    assert _sha256(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通讯录.sqlite"]


def test_open_database_refuses_read_only_file(shared_dir: Path) -> None:
    path = _make_sqlite(shared_dir / "rdplanner.sqlite", venues=3)
    path.chmod(0o444)
    digest = _sha256(path)

    with _without_root(), pytest.raises(DatabaseReadOnly) as caught:
        open_database(sqlite_url(path))

    assert str(path) in str(caught.value)
    assert "只读" in str(caught.value)
    assert _sha256(path) == digest


# Under WAL opening only reads and succeeds beside a writer: the first write waits, then fails. Otherwise
# the first read, before anything is run, does.
@pytest.mark.parametrize("journal_mode, writes_tried", [("wal", 1), ("delete", 0)])
def test_open_database_reports_locked_file_after_one_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, journal_mode: str, writes_tried: int
) -> None:
    path = _make_sqlite(tmp_path / "rdplanner.sqlite")
    monkeypatch.setattr(rdplanner.db, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute(f"PRAGMA journal_mode={journal_mode}")
    other.execute("BEGIN EXCLUSIVE")
    timeouts, statements, attempts = [], [], []
    connect = sqlite3.connect

    def recording_connect(*args, **kwargs):
        connection = connect(*args, **kwargs)
        timeouts.append(kwargs.get("timeout"))
        connection.set_trace_callback(statements.append)
        return connection

    def write(session: Session) -> None:
        attempts.append(session)
        session.execute(text("DELETE FROM alembic_version WHERE 0"))

    monkeypatch.setattr(sqlite3, "connect", recording_connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", recording_connect)  # what SQLAlchemy calls
    try:
        with pytest.raises(DatabaseLocked) as caught:
            open_database(sqlite_url(path)).run(write)
    finally:
        other.execute("ROLLBACK")
        other.close()

    # The lock is met by the last connection opened, which waits only the busy timeout; nothing is retried.
    assert timeouts[-1] == 0.2
    assert all(line == "PRAGMA busy_timeout=200" for line in statements if "busy_timeout" in line.lower())
    assert len(attempts) == statements.count("BEGIN IMMEDIATE") == writes_tried
    assert str(path) in str(caught.value)


def test_open_database_sessions_use_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "rdplanner.sqlite"))

    with db.read_session() as first, db.read_session() as second:
        settings = [
            (s.execute(text("PRAGMA journal_mode")).scalar(), s.execute(text("PRAGMA foreign_keys")).scalar())
            for s in (first, second)
        ]
    db.close()

    assert settings == [("wal", 1), ("wal", 1)]


def test_open_database_takes_one_daily_backup_and_keeps_the_latest(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "rdplanner.sqlite")
    open_database(url, now=_at(datetime(2026, 5, 1, 8, 0))).close()

    for day in range(1, 6):
        for hour in (9, 13, 17):
            open_database(url, backups_kept=3, now=_at(datetime(2026, 5, day, hour, 0))).close()

    backups = sorted((tmp_path / "backups").iterdir())
    assert [p.name for p in backups] == [
        "rdplanner.sqlite.20260503-090000-daily.sqlite",
        "rdplanner.sqlite.20260504-090000-daily.sqlite",
        "rdplanner.sqlite.20260505-090000-daily.sqlite",
    ]
    with closing(sqlite3.connect(backups[-1])) as conn:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == (rdplanner.db.HEAD_REVISION,)


def test_open_database_backs_up_before_upgrading(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    shutil.copyfile(FIXTURE_0001, path)

    db = open_database(sqlite_url(path), now=_at(datetime(2026, 5, 1, 9, 30)))
    db.close()

    backup = tmp_path / "backups" / "rdplanner.sqlite.20260501-093000-pre-upgrade-0001.sqlite"
    assert _all_rows(backup) == _all_rows(FIXTURE_0001)
    assert any(str(backup) in notice for notice in db.notices)


def test_translate_db_error_explains_full_disk_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    db = open_database(sqlite_url(path))
    with db.session() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()
        session.execute(text(f"PRAGMA max_page_count = {pages}"))
        session.add(Venue(name="会场", notes="备注" * 50_000))
        with pytest.raises(DBAPIError) as caught:
            session.commit()
    db.close()

    error = translate_db_error(caught.value, where=str(path))

    assert isinstance(error, DatabaseError)
    assert "磁盘空间已满" in str(error)
    assert str(path) in str(error)


@pytest.mark.parametrize("url", ["garbage://x", "mysql://root@localhost/db", "postgresql://a@host:notaport/d",
                                 "oracle+cx_oracle://u@h/d"])
def test_an_address_that_is_not_a_postgresql_server_gets_one_chinese_line(url: str) -> None:
    from rdplanner.db import open_database
    from rdplanner.errors import DatabaseUnavailable

    with pytest.raises(DatabaseUnavailable) as raised:
        open_database(url)
    assert "postgresql://用户名@服务器:端口/数据库名" in str(raised.value)
    assert "notaport" not in str(raised.value) or "端口为数字" in str(raised.value)


@pytest.mark.parametrize(("given", "opened"), [
    ("postgres://u@h:5432/d", "postgresql+psycopg://u@h:5432/d"),
    ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql+psycopg://u:pw@h/d", "postgresql+psycopg://u:pw@h/d"),
])
def test_the_usual_postgresql_spellings_open_with_the_shipped_driver(given: str, opened: str) -> None:
    from rdplanner.db import server_url

    assert server_url(given) == opened
