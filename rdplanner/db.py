"""Opening the database: SQLite file (default) or PostgreSQL, checked, backed up and migrated.

``open_database(url)`` refuses, with a Chinese message and without writing a byte, a file that is
corrupt, read-only, locked, not ours, or written by a newer version of rdplanner. Before a schema
upgrade it copies the file to ``backups/``; it also keeps one rotating backup a day.
"""

import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping, Optional

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from rdplanner.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnavailable,
    RdplannerError,
)

# Kept in step with migrations/versions by tests/core/test_migrations.py, so that opening an
# up-to-date database does not have to import Alembic (a noticeable part of start-up time).
REVISIONS = ("0001", "0002", "0003", "0004")
HEAD_REVISION = REVISIONS[-1]
DEFAULT_BACKUPS_KEPT = 10
BUSY_TIMEOUT_MS = 5000
APP_NAME = "rdplanner"


@dataclass
class Database:
    """An open database: its URL, engine, and what happened while opening it."""

    url: str
    engine: Engine
    path: Optional[Path] = None
    notices: list[str] = field(default_factory=list)

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def session(self) -> Session:
        """Return a new short-lived session (one per user action or worker)."""
        return Session(self.engine, expire_on_commit=False)

    def describe(self) -> str:
        """Return where the data lives, for the status bar (never the password)."""
        if self.path is not None:
            return str(self.path)
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def default_db_path() -> Path:
    """Return the default SQLite file in the user's data directory."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "rdplanner.sqlite"


def resolve_url(db_path: Optional[str] = None, env: Mapping[str, str] = os.environ) -> str:
    """Choose the database: ``--db PATH``, else RDPLANNER_DATABASE_URL, RDPLANNER_DB, the default."""
    if db_path:
        return sqlite_url(Path(db_path))
    if env.get("RDPLANNER_DATABASE_URL"):
        return env["RDPLANNER_DATABASE_URL"]
    if env.get("RDPLANNER_DB"):
        return sqlite_url(Path(env["RDPLANNER_DB"]))
    return sqlite_url(default_db_path())


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + str(Path(path).expanduser().absolute())


def sqlite_path(url: str) -> Optional[Path]:
    """Return the file of a SQLite URL, or None for another database."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    return Path(rest) if rest else None


def open_database(
    url: str,
    *,
    backups_kept: int = DEFAULT_BACKUPS_KEPT,
    now: Callable[[], datetime] = datetime.now,
) -> Database:
    """Open, check, back up and upgrade the database at ``url``.

    Raises:
        DatabaseError (a subclass naming the problem); the file is left exactly as it was.
    """
    path = sqlite_path(url)
    if path is None:
        return _open_server(url)
    return _open_sqlite(path, backups_kept=backups_kept, now=now)


def _open_sqlite(path: Path, *, backups_kept: int, now: Callable[[], datetime]) -> Database:
    path = path.expanduser().absolute()
    notices: list[str] = []
    _ensure_directory(path.parent)
    revision = _preflight_leaving_no_trace(path) if path.exists() and path.stat().st_size > 0 else None
    if revision is not None:
        if revision != HEAD_REVISION:
            made = backup_sqlite(path, kind=f"pre-upgrade-{revision}", now=now, keep=backups_kept)
            notices.append(f"数据库结构将从版本 {revision} 升级到 {HEAD_REVISION}，升级前已备份到 {made}")
        try:
            backup_daily(path, now=now, keep=backups_kept)
        except DatabaseError as exc:
            notices.append(f"今日自动备份未完成：{exc}")
    engine = _sqlite_engine(path, foreign_keys=True)
    try:
        if revision != HEAD_REVISION:
            _migrate(_sqlite_engine(path, foreign_keys=False), path=path)
        _check_writable(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return Database(url=sqlite_url(path), engine=engine, path=path, notices=notices)


def _ensure_directory(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseReadOnly(
            f"无法创建数据目录 {directory}：{_os_reason(exc)}。请用 --db 指定一个可写的位置。"
        ) from exc


def _preflight_leaving_no_trace(path: Path) -> Optional[str]:
    """Run the read-only checks; if the file is refused, remove the WAL side files they created."""
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = [side.exists() for side in sidecars]
    try:
        return _preflight(path)
    except DatabaseError:
        wal = sidecars[0]
        if not existed[0] and (not wal.exists() or wal.stat().st_size == 0):
            for side, was_there in zip(sidecars, existed):
                if not was_there:
                    side.unlink(missing_ok=True)
        raise


def _preflight(path: Path) -> Optional[str]:
    """Inspect an existing file read-only; return its schema revision (None if it is empty)."""
    if not os.access(path, os.R_OK):
        raise DatabaseReadOnly(f"没有读取数据库文件 {path} 的权限，请检查文件权限。")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise DatabaseCorrupt(f"无法打开数据库文件 {path}：{exc}") from exc
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise DatabaseCorrupt(
                f"数据库文件 {path} 已损坏（{check[0] if check else '无结果'}）。"
                "文件未被改动；请从同目录 backups 文件夹中的备份恢复。"
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = _revision_of(conn, tables, path)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseLocked(
                f"数据库文件 {path} 正被其他程序锁定，请关闭其他正在使用它的 rdplanner 后重试。"
            ) from exc
        raise DatabaseCorrupt(f"无法读取数据库文件 {path}：{exc}。文件未被改动。") from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(
            f"文件 {path} 不是有效的数据库或已损坏（{exc}）。文件未被改动；请从备份恢复或另选文件。"
        ) from exc
    finally:
        conn.close()
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise DatabaseReadOnly(
            f"数据库文件 {path} 或其所在文件夹是只读的，无法保存修改。"
            "请将文件复制到可写的位置，再用 --db 指定它。"
        )
    return revision


def _revision_of(conn: sqlite3.Connection, tables: set[str], path: Path) -> Optional[str]:
    if "alembic_version" not in tables:
        if tables:
            raise DatabaseCorrupt(f"文件 {path} 不是 rdplanner 的数据库，未做任何改动。")
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return _known_revision(row[0] if row else None, str(path))


def _known_revision(revision: Optional[str], where: str) -> Optional[str]:
    if revision is not None and revision not in REVISIONS:
        raise DatabaseTooNew(
            f"数据库 {where} 由更新版本的 rdplanner 创建（结构版本 {revision}，"
            f"本程序支持到 {HEAD_REVISION}）。为避免损坏数据，本程序不会打开它，文件未被改动；请升级 rdplanner。"
        )
    return revision


def _sqlite_engine(path: Path, *, foreign_keys: bool) -> Engine:
    engine = create_engine(
        sqlite_url(path),
        poolclass=NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Autocommit at the driver level, BEGIN emitted below: this makes DDL transactional
        # (a failed migration rolls back whole) and lets PRAGMAs take effect outside a transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: object) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if not foreign_keys else "BEGIN")  # type: ignore[attr-defined]

    return engine


def _check_writable(engine: Engine, path: Path) -> None:
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS _rdplanner_probe (x INTEGER)")
            conn.exec_driver_sql("DROP TABLE _rdplanner_probe")
    except DBAPIError as exc:
        error = translate_db_error(exc, where=str(path))
        if isinstance(error, DatabaseLocked):
            error = DatabaseLocked(
                f"数据库文件 {path} 正被其他程序锁定，请关闭其他正在使用它的 rdplanner 后重试。"
            )
        raise error from exc


def _migrate(engine: Engine, *, path: Optional[Path]) -> None:
    """Upgrade the schema to head in one transaction (rolled back whole on failure)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except DBAPIError as exc:
        raise translate_db_error(exc, where=str(path or engine.url)) from exc
    finally:
        engine.dispose()


def _open_server(url: str) -> Database:
    engine = create_engine(url, pool_pre_ping=True)
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            revision = None
            if inspect(conn).has_table("alembic_version"):
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        _known_revision(revision, where)
        if revision != HEAD_REVISION:
            _migrate(engine, path=None)
    except RdplannerError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise DatabaseUnavailable(f"无法连接数据库服务器 {where}：{_first_line(exc.orig)}") from exc
    return Database(url=url, engine=engine, path=None)


def translate_db_error(exc: BaseException, *, where: str = "") -> RdplannerError:
    """Turn a driver error into a Chinese message the user can act on."""
    if isinstance(exc, RdplannerError):
        return exc
    detail = _first_line(getattr(exc, "orig", exc)).lower()
    place = f"数据库 {where}" if where else "数据库"
    if "locked" in detail or "busy" in detail:
        return DatabaseLocked(f"{place}正被其他程序占用，本次修改未保存，请稍后重试。")
    if "readonly" in detail or "read-only" in detail or "read only" in detail:
        return DatabaseReadOnly(f"{place}是只读的，本次修改未保存。")
    if "disk is full" in detail or "no space" in detail:
        return DatabaseError(f"磁盘空间已满，{place}的本次修改未保存，已保存的数据不受影响。请清理磁盘后重试。")
    if "malformed" in detail or "not a database" in detail:
        return DatabaseCorrupt(f"{place}已损坏，请从 backups 文件夹中的备份恢复。")
    if isinstance(exc, OperationalError):
        return DatabaseUnavailable(f"{place}暂时无法使用，本次修改未保存：{detail}")
    return DatabaseError(f"{place}出错，本次修改未保存：{detail}")


def backup_sqlite(
    path: Path, *, kind: str, now: Callable[[], datetime] = datetime.now, keep: int = DEFAULT_BACKUPS_KEPT
) -> Path:
    """Copy a consistent snapshot of the SQLite file into ``backups/`` and rotate old ones.

    Raises:
        DatabaseError if the copy cannot be written (a full or read-only disk).
    """
    folder = path.parent / "backups"
    target = folder / f"{path.stem}-{now():%Y%m%d-%H%M%S}-{kind}.sqlite"
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(exist_ok=True)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"无法在 {folder} 写入备份：{_os_reason(exc)}") from exc
    _rotate(folder, path.stem, kind_pattern=_kind_pattern(kind), keep=keep)
    return target


def backup_daily(path: Path, *, now: Callable[[], datetime] = datetime.now, keep: int) -> Optional[Path]:
    """Take today's backup unless one exists; return the new file or None."""
    folder = path.parent / "backups"
    today = f"{now():%Y%m%d}"
    if folder.is_dir() and any(folder.glob(f"{path.stem}-{today}-*-daily.sqlite")):
        return None
    return backup_sqlite(path, kind="daily", now=now, keep=keep)


def _kind_pattern(kind: str) -> str:
    return "pre-upgrade-*" if kind.startswith("pre-upgrade") else kind


def _rotate(folder: Path, stem: str, *, kind_pattern: str, keep: int) -> None:
    made = sorted(folder.glob(f"{stem}-*-*-{kind_pattern}.sqlite"))
    for old in made[: max(0, len(made) - keep)]:
        old.unlink(missing_ok=True)


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return {
            28: "磁盘空间已满",
            13: "没有写入权限",
            30: "文件系统为只读",
        }.get(exc.errno or 0, exc.strerror)
    return _first_line(exc)


def _first_line(exc: object) -> str:
    return re.split(r"[\r\n]", str(exc), maxsplit=1)[0]
