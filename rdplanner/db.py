"""Opening the database: SQLite file (default) or PostgreSQL, checked, backed up and migrated.

``open_database(url)`` refuses, with one Chinese line and without writing a byte, a file that is a
folder, corrupt, read-only (by its mode, its folder or its file system), on a full disk, locked, not
ours, or written by a newer version of rdplanner. A new data folder is created 0700 and a new file 0600
(its WAL and SHM files follow). Sessions on SQLite take the write lock when they begin (BEGIN IMMEDIATE),
so two writers wait their turn instead of failing; ``read_session`` is for actions that only read.
"""

import logging
import os
import re
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from rdplanner import db_files
from rdplanner.backups import (  # noqa: F401  (backup_* are part of this module's interface)
    DEFAULT_BACKUPS_KEPT,
    backup_daily,
    backup_sqlite,
    make_private_folder,
    os_reason,
)
from rdplanner.db_errors import first_line, is_driver_error, translate_db_error
from rdplanner.migration_errors import migration_failure
from rdplanner.errors import (
    ConcurrentEdit,
    DatabaseCorrupt,
    DatabaseDiskFull,
    DatabaseError,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnavailable,
    RdplannerError,
)

# Kept in step with migrations/versions by tests/core/test_migrations.py, so that opening an
# up-to-date database does not have to import Alembic (a noticeable part of start-up time).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD_REVISION = REVISIONS[-1]
BUSY_TIMEOUT_MS = 5000
APP_NAME = "rdplanner"
READ_ONLY_OPTION = "rdplanner_read_only"
WRITE_LOCKED = "rdplanner_write_locked"
WRITE_STATEMENT = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)
T = TypeVar("T")
log = logging.getLogger("rdplanner.db")


@dataclass
class Database:
    """An open database: its URL, engine, and what happened while opening it."""

    url: str
    engine: Engine
    path: Path | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def session(self) -> Session:
        """Return a new short-lived session for one user action or worker, which may write.

        On SQLite its transactions begin with BEGIN IMMEDIATE: a second writer waits (up to the busy
        timeout) for the first to finish, then reads what it saved, instead of failing at once.
        """
        return Session(self.engine, expire_on_commit=False)

    def read_session(self) -> Session:
        """Return a session for an action that mostly reads (a page, an export): it never blocks a writer.

        On SQLite, should it write after all, its transaction starts again as a writer at the first
        write (nothing written is lost: nothing was written yet), so it still waits its turn.
        """
        return Session(self.engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False)

    def run(self, service: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run the user action ``service(session, *args, **kwargs)`` in its own write session.

        A write that lost a race to another session (``ConcurrentEdit``: a key taken meanwhile, a
        serialization failure or deadlock on PostgreSQL) runs once more on fresh data first.

        Raises:
            RdplannerError (a Chinese message, never driver text); the driver text is logged.
        """
        return self._retrying(self.session, service, args, kwargs)

    def read(self, query: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Like ``run`` in a ``read_session``: for queries and exports (and actions that seldom write)."""
        return self._retrying(self.read_session, query, args, kwargs)

    def _retrying(
        self, make: Callable[[], Session], service: Callable[..., T], args: tuple, kwargs: dict
    ) -> T:
        try:
            return self._once(make, service, args, kwargs)
        except ConcurrentEdit:
            log.info("retrying %s after a concurrent write", getattr(service, "__name__", service))
            return self._once(make, service, args, kwargs)

    def _once(self, make: Callable[[], Session], service: Callable[..., T], args: tuple, kwargs: dict) -> T:
        try:
            with make() as session:
                return service(session, *args, **kwargs)
        except Exception as exc:
            if not is_driver_error(exc):
                raise
            raise translate_db_error(exc, where=self.describe()) from exc

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


def resolve_url(db_path: str | None = None, env: Mapping[str, str] = os.environ) -> str:
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


def sqlite_path(url: str) -> Path | None:
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
    read_only: bool = False,
) -> Database:
    """Open, check, back up and upgrade the database at ``url``; opening writes nothing to the file.

    ``read_only`` (exports, a dry run) opens an existing SQLite file for reading only: it may be
    write-protected, and it is never created. An older schema is still upgraded (which needs writing).

    Raises:
        DatabaseError (a subclass naming the problem); the file is left exactly as it was.
    """
    path = sqlite_path(url)
    if path is None:
        return _open_server(url)
    return _open_sqlite(path, backups_kept=backups_kept, now=now, read_only=read_only)


def _open_sqlite(path: Path, *, backups_kept: int, now: Callable[[], datetime], read_only: bool) -> Database:
    path = path.expanduser().absolute()
    notices: list[str] = []
    if read_only:
        db_files.refuse_unreadable(path)
    else:
        _ensure_directory(path.parent)
        db_files.refuse_unusable(path)
    revision = made = None
    created: list[Path] = []  # the files this run made, removed again if making the database fails
    if path.exists() and path.stat().st_size > 0:
        revision = db_files.preflight(path, timeout_s=BUSY_TIMEOUT_MS / 1000,
                                      check=lambda found: _known_revision(found, str(path)))
    else:
        created = db_files.create_private(path)
    if read_only and revision != HEAD_REVISION:
        db_files.refuse_unusable(path)  # the upgrade writes: a write-protected file is refused here
    # A read that must write after all (default settings made on first use) may, unless the file is
    # write-protected: then SQLite's mode=ro refuses the write ("只读") instead of doing it as root.
    read_only = read_only and not db_files.writable(path)
    if revision is not None:
        if revision != HEAD_REVISION:
            made = backup_sqlite(path, kind=f"pre-upgrade-{revision}", now=now, keep=backups_kept)
            notices.append(f"数据库结构将从版本 {revision} 升级到 {HEAD_REVISION}，升级前已备份到 {made}")
        try:
            backup_daily(path, now=now, keep=backups_kept)
        except DatabaseError as exc:
            notices.append(f"今日自动备份未完成：{exc}")
    if revision != HEAD_REVISION:
        try:
            # An existing file is upgraded in its own journal mode: WAL (a change of its header) is
            # switched on by the first session after a successful upgrade, so a failed one leaves no trace.
            _migrate(_sqlite_engine(path, foreign_keys=False, wal=revision is None), path=path,
                     revision=revision, backup=made)
        except DatabaseError as exc:
            if not created:
                raise
            db_files.remove_created(created)  # else the next start finds a stub and calls it broken
            raise type(exc)(f"{exc}没有留下不完整的文件。") from exc
    engine = _sqlite_engine(path, foreign_keys=True, read_only=read_only)
    database = Database(url=sqlite_url(path), engine=engine, path=path, notices=notices)
    if not read_only:
        _seed(database)
    return database


def _seed(database: "Database") -> None:
    from rdplanner.seeds import seed_on_open

    seed_on_open(database)


def _ensure_directory(directory: Path) -> None:
    try:
        make_private_folder(directory, ours=directory == default_db_path().parent)
    except OSError as exc:
        error = DatabaseDiskFull if os_reason(exc) == "磁盘空间已满" else DatabaseReadOnly
        raise error(f"无法创建数据目录 {directory}：{os_reason(exc)}。"
                    "请用 --db 指定一个可写的位置。") from exc


def _known_revision(revision: str | None, where: str, *, server: bool = False) -> str | None:
    if revision is not None and revision not in REVISIONS:
        untouched = "服务器上的数据未被改动" if server else "文件未被改动"
        raise DatabaseTooNew(
            f"数据库 {where} 由更新版本的 rdplanner 创建（结构版本 {revision}，"
            f"本程序支持到 {HEAD_REVISION}）。为避免损坏数据，本程序不会打开它，{untouched}；"
            "请升级 rdplanner。"
        )
    return revision


def _sqlite_engine(path: Path, *, foreign_keys: bool, read_only: bool = False, wal: bool = True) -> Engine:
    # Read-only opens use SQLite's mode=ro: a write is refused by SQLite itself ("只读"), never done.
    # ``wal=False`` leaves the journal mode as the file has it (the upgrade: a failed one leaves no trace).
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if read_only else sqlite_url(path)
    engine = create_engine(
        url,
        poolclass=NullPool,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    configure_sqlite(engine, foreign_keys=foreign_keys, read_only=read_only, wal=wal)
    return engine


def configure_sqlite(engine: Engine, *, foreign_keys: bool, read_only: bool = False,
                     wal: bool = True) -> None:
    """Install the connect-time PRAGMAs and the transaction handling every SQLite engine of ours uses.

    Public so that tests build their in-memory databases exactly the way production opens a file.
    """

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Autocommit at the driver level, BEGIN emitted below: this makes DDL transactional
        # (a failed migration rolls back whole) and lets PRAGMAs take effect outside a transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if wal and not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A deferred BEGIN that reads first cannot wait for the write lock later: SQLite fails such a
        # transaction at once ("database is locked") when another writer holds or has moved past it.
        deferred = bool(conn.get_execution_options().get(READ_ONLY_OPTION))
        conn.info[WRITE_LOCKED] = not deferred
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    @event.listens_for(engine, "before_cursor_execute")
    def _before_write(conn: Any, cursor: Any, statement: str, *_args: object) -> None:
        if conn.info.get(WRITE_LOCKED, True) or not WRITE_STATEMENT.match(statement):
            return
        # A read session that starts writing: it has written nothing yet, so it starts again as a
        # writer that waits its turn (its earlier reads stand, as under READ COMMITTED on a server).
        conn.info[WRITE_LOCKED] = True
        cursor.execute("ROLLBACK")
        cursor.execute("BEGIN IMMEDIATE")


def _migrate(engine: Engine, *, path: Path | None, revision: str | None,
             backup: Path | None = None) -> None:
    """Upgrade the schema to head in one transaction (rolled back whole on failure).

    Raises:
        MigrationFailed (or MigrationRefused), saying that the upgrade failed and why, in what state the
        file is (as it was, or restored from ``backup``) and where ``backup`` is.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    where = str(path) if path else engine.url.render_as_string(hide_password=True)
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except Exception as exc:
        log.warning("upgrade of %s from %s failed: %s: %s", where, revision, type(exc).__name__,
                    first_line(exc))
        engine.dispose()
        raise migration_failure(exc, where=where, path=path, revision=revision, head=HEAD_REVISION,
                                backup=backup) from exc
    finally:
        engine.dispose()


SERVER_SCHEMES = ("postgresql", "postgresql+psycopg")


def server_url(url: str) -> str:
    """The URL SQLAlchemy opens for a server: ``postgres://`` and ``postgresql://`` (the spellings people
    copy from other tools) mean PostgreSQL through psycopg 3, the driver the app ships.

    Raises:
        DatabaseUnavailable: not a PostgreSQL URL, or one that cannot be read (a port that is not a number).
    """
    scheme, sep, rest = url.partition("://")
    if scheme in ("postgres", "postgresql"):
        scheme = "postgresql+psycopg"
    if not sep or scheme not in SERVER_SCHEMES:
        raise DatabaseUnavailable(f"无法识别数据库地址“{_shown(url)}”：应为数据库文件路径，或 PostgreSQL 地址 "
                                  "postgresql://用户名@服务器:端口/数据库名。")
    try:
        make_url(f"{scheme}://{rest}").port  # reading the port checks that it is a number
    except (ArgumentError, ValueError) as exc:
        raise DatabaseUnavailable(f"数据库地址“{_shown(url)}”写法有误：应为 "
                                  "postgresql://用户名@服务器:端口/数据库名，端口为数字。") from exc
    return f"{scheme}://{rest}"


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("@")[-1] if "@" in url else url


def _open_server(url: str) -> Database:
    url = server_url(url)
    engine = create_engine(url, pool_pre_ping=True)
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            revision = _server_revision(conn, where)
        _known_revision(revision, where, server=True)
        if revision != HEAD_REVISION:
            _migrate(engine, path=None, revision=revision)
    except RdplannerError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise _unreachable_server(exc, where) from exc
    database = Database(url=url, engine=engine, path=None)
    _seed(database)
    return database


def _server_revision(conn: Any, where: str) -> str | None:
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        return None
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None and tables - {"alembic_version"}:
        raise DatabaseCorrupt(f"数据库 {where} 的结构版本记录是空的，无法判断如何升级。数据未被改动；"
                              "请联系技术人员从备份恢复。")
    return revision


def _unreachable_server(exc: DBAPIError, where: str) -> DatabaseError:
    detail = first_line(exc.orig)
    log.warning("cannot open %s: %s", where, detail)
    lowered = detail.lower()
    if "password" in lowered or "authentication" in lowered:
        reason = "用户名或密码不正确"
    elif "does not exist" in lowered:
        reason = "服务器上没有这个数据库"
    elif "permission denied" in lowered:
        reason = "该账号没有使用这个数据库的权限"
    else:
        reason = "服务器未启动、地址有误或网络不通"
    return DatabaseUnavailable(f"无法连接数据库服务器 {where}：{reason}。请与技术人员核对连接设置。")
