"""Driver errors (sqlite3, psycopg, SQLAlchemy) turned into the project's errors with one Chinese line.

No driver text ever reaches the message: it goes to the log, where a technician can read it. A write
that lost a race to another session (a unique key taken meanwhile, a serialization failure or a deadlock
on PostgreSQL) is a ``ConcurrentEdit``, never a "try later".
"""

import logging
import re

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from rdplanner.errors import (
    ConcurrentEdit,
    DatabaseCorrupt,
    DatabaseDiskFull,
    DatabaseError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnavailable,
    RdplannerError,
)

log = logging.getLogger("rdplanner.db")
log.addHandler(logging.NullHandler())  # driver text is for a configured log, never for stderr
DRIVER_MODULES = frozenset({"sqlite3", "psycopg", "psycopg2", "sqlalchemy"})

# PostgreSQL SQLSTATEs: unique / foreign-key violation, serialization failure, deadlock.
CONFLICT_STATES = frozenset({"23505", "23503", "40001", "40P01"})
LOCK_STATES = frozenset({"55P03", "57014"})  # lock_not_available, query_canceled (lock/statement timeout)
DISK_FULL_STATES = frozenset({"53100"})
READ_ONLY_STATES = frozenset({"25006"})
CONFLICT_WORDS = ("unique constraint", "foreign key constraint", "could not serialize", "deadlock")


def is_driver_error(exc: BaseException) -> bool:
    """True for an error raised by SQLAlchemy or a database driver (never meant for the user)."""
    return type(exc).__module__.split(".")[0] in DRIVER_MODULES


def first_line(exc: object) -> str:
    """Return the first line of an error's text (drivers append SQL and hints on later lines)."""
    return re.split(r"[\r\n]", str(exc), maxsplit=1)[0]


def sqlstate(exc: BaseException) -> str:
    """Return the SQLSTATE of a PostgreSQL driver error ("" for SQLite or none)."""
    orig = getattr(exc, "orig", exc)
    return str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")


def is_conflict(exc: BaseException) -> bool:
    """True if ``exc`` says another session wrote the same data at the same moment."""
    if sqlstate(exc) in CONFLICT_STATES or isinstance(exc, StaleDataError):
        return True
    detail = first_line(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, IntegrityError) and any(word in detail for word in CONFLICT_WORDS)


def where_of(session: object) -> str:
    """Return where a session's data lives, for a message: the SQLite file, or the server (no password)."""
    try:
        url = session.get_bind().url  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001  (a message without the place beats no message)
        return ""
    if url.get_backend_name() != "sqlite":
        return url.render_as_string(hide_password=True)
    database = url.database or ""
    return database.removeprefix("file:")  # read-only engines use the URI form file:PATH?mode=ro


def translate_db_error(exc: BaseException, *, where: str = "") -> RdplannerError:
    """Turn a driver error into a Chinese message the user can act on; log the driver's own text."""
    if isinstance(exc, RdplannerError):
        return exc
    detail = first_line(getattr(exc, "orig", exc))
    log.warning("database error%s: %s: %s", f" at {where}" if where else "", type(exc).__name__, detail)
    return _classify(exc, detail.lower(), sqlstate(exc), f"数据库 {where} " if where else "数据库")


def _classify(exc: BaseException, detail: str, state: str, place: str) -> RdplannerError:
    if is_conflict(exc):
        return ConcurrentEdit("其他人刚刚修改了同一项数据，本次修改未保存。请刷新后查看最新内容，"
                              "再重新操作。")
    if state in LOCK_STATES or "locked" in detail or "busy" in detail:
        return DatabaseLocked(f"{place}正被其他程序占用，等待超时，本次修改未保存，请稍后重试。")
    if state in READ_ONLY_STATES or "readonly" in detail or "read-only" in detail or "read only" in detail:
        return DatabaseReadOnly(f"{place}是只读的，本次修改未保存。")
    if state in DISK_FULL_STATES or "disk is full" in detail or "no space" in detail:
        return DatabaseDiskFull(f"磁盘空间已满，{place}的本次修改未保存，已保存的数据不受影响。"
                                "请清理磁盘后重试。")
    if "malformed" in detail or "not a database" in detail:
        return DatabaseCorrupt(f"{place}已损坏，请从 backups 文件夹中的备份恢复。")
    if "disk i/o error" in detail:
        return DatabaseError(f"读写{place}时磁盘出错，本次修改未保存。请检查磁盘或存储设备后重试。")
    if isinstance(exc, IntegrityError):
        return DatabaseError(f"本次修改与{place}中的数据不一致，未保存。详情已记入日志，请联系技术人员。")
    if isinstance(exc, OperationalError) or state.startswith("08"):
        return DatabaseUnavailable(f"{place}暂时无法使用（连接中断或服务器不可用），本次修改未保存。"
                                   "请稍后重试。")
    return DatabaseError(f"{place}出错，本次修改未保存。详情已记入日志，请联系技术人员。")
