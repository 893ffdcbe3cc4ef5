"""Checks of a SQLite file before rdplanner opens it for writing, each refusal one true Chinese line.

Nothing here writes to the file; the WAL side files a refused check created are removed again. The
driver's own diagnostics go to the log, never into the message.
"""

import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from rdplanner.backups import PRIVATE_FILE, os_reason
from rdplanner.db_errors import first_line
from rdplanner.errors import (
    DatabaseCorrupt,
    DatabaseDiskFull,
    DatabaseError,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseUnavailable,
)

MIN_FREE_BYTES = 64 * 1024  # SQLite needs about this much for the WAL index of a file it opens
MOVE_HINT = "请将文件复制到可写的位置，再用 --db 指定它。"
log = logging.getLogger("rdplanner.db")


def refuse_unusable(path: Path) -> None:
    """Refuse a path that is a folder, on a read-only file system, or a file nobody may write.

    Root may write any file, so a file without any write bit (chmod 0444) is refused by its mode here,
    as it would be for anyone else.
    """
    if path.is_dir():
        raise DatabaseUnavailable(f"{path} 是一个文件夹，不是数据库文件。"
                                  "请用 --db 指定文件夹中的数据库文件。")
    if _read_only_file_system(path.parent):
        raise DatabaseReadOnly(f"数据库文件 {path} 所在的磁盘是只读挂载的，无法保存修改。{MOVE_HINT}")
    if path.exists() and not path.stat().st_mode & 0o222:
        raise DatabaseReadOnly(f"数据库文件 {path} 被设为只读（文件权限不允许写入），无法保存修改。"
                               f"{MOVE_HINT}")
    if path.exists() and not os.access(path, os.R_OK):
        raise DatabaseReadOnly(f"没有读取数据库文件 {path} 的权限，请检查文件权限。")
    if not (os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))):
        raise DatabaseReadOnly(f"数据库文件 {path} 或其所在文件夹是只读的，无法保存修改。{MOVE_HINT}")


def refuse_unreadable(path: Path) -> None:
    """Refuse, for a read-only open, a path that is a folder, missing or unreadable (never creating it)."""
    if path.is_dir():
        raise DatabaseUnavailable(f"{path} 是一个文件夹，不是数据库文件。"
                                  "请用 --db 指定文件夹中的数据库文件。")
    if not path.exists():
        raise DatabaseUnavailable(f"数据库文件 {path} 不存在，未创建任何文件。请检查 --db 的路径。")
    if not os.access(path, os.R_OK):
        raise DatabaseReadOnly(f"没有读取数据库文件 {path} 的权限，请检查文件权限。")


def writable(path: Path) -> bool:
    """True if ``refuse_unusable`` would let rdplanner write ``path`` (checked without writing)."""
    try:
        refuse_unusable(path)
    except DatabaseError:
        return False
    return True


SIDECARS = ("-wal", "-shm", "-journal")


def create_private(path: Path) -> list[Path]:
    """Create an empty database file readable by its owner only (SQLite gives its WAL and SHM the same).

    Returns the files that a failed creation should remove: the new file and the side files that did
    not exist yet; nothing if the file existed already (it is never ours to remove).
    """
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        return []
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    made = [path, *(side for side in _sidecars(path) if not side.exists())]
    try:
        os.chmod(path, PRIVATE_FILE)
    except OSError as exc:
        remove_created(made)
        raise _unwritable(path, exc) from exc
    return made


def remove_created(paths: list[Path]) -> None:
    """Remove the files ``create_private`` reported (those that exist); log any that cannot be."""
    for made in reversed(paths):
        _remove_quietly(made)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDECARS]


def preflight(path: Path, *, timeout_s: float, check: Callable[[str | None], object]) -> str | None:
    """Inspect an existing file read-only; return its schema revision (None if it has no tables).

    ``check(revision)`` may refuse the revision by raising a DatabaseError.

    If the file is refused, the WAL side files the inspection created are removed.
    """
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = [side.exists() for side in sidecars]
    try:
        revision = _inspect(path, timeout_s)
        check(revision)
        return revision
    except DatabaseError:
        wal = sidecars[0]
        if not existed[0] and (not wal.exists() or wal.stat().st_size == 0):
            for side, was_there in zip(sidecars, existed, strict=True):
                if not was_there:
                    _remove_quietly(side)
        raise


def _inspect(path: Path, timeout_s: float) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout_s)
    except sqlite3.Error as exc:
        raise diagnose(path, exc) from exc
    try:
        check = conn.execute("PRAGMA quick_check").fetchall()
        if [tuple(row) for row in check] != [("ok",)]:
            log.warning("quick_check of %s: %s", path, "; ".join(str(row[0]) for row in check[:20]))
            raise DatabaseCorrupt(f"数据库文件 {path} 已损坏。文件未被改动；"
                                  "请从同目录 backups 文件夹中的备份恢复。")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return _revision_of(conn, tables, path)
    except sqlite3.Error as exc:
        raise diagnose(path, exc) from exc
    finally:
        conn.close()


def _revision_of(conn: sqlite3.Connection, tables: set[str], path: Path) -> str | None:
    if "alembic_version" not in tables:
        if tables:
            raise DatabaseCorrupt(f"文件 {path} 不是 rdplanner 的数据库，未做任何改动。")
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None and tables - {"alembic_version"}:
        raise DatabaseCorrupt(
            f"数据库文件 {path} 的结构版本记录是空的，无法判断如何升级。文件未被改动；"
            "请从 backups 文件夹中的备份恢复。"
        )
    return row[0] if row else None


def diagnose(path: Path, exc: BaseException) -> DatabaseError:
    """Say truly why SQLite could not open or read ``path``; log the driver's text."""
    detail = first_line(exc)
    log.warning("cannot open %s: %s", path, detail)
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseLocked(f"数据库文件 {path} 正被其他程序锁定，"
                              "请关闭其他正在使用它的 rdplanner 后重试。")
    if free_bytes(path.parent) < MIN_FREE_BYTES or "disk is full" in lowered:
        return DatabaseDiskFull(f"磁盘空间已满，无法打开数据库文件 {path}。文件未被改动；请清理磁盘后重试。")
    if _read_only_file_system(path.parent) or not os.access(path.parent, os.W_OK):
        return DatabaseReadOnly(f"数据库文件 {path} 所在的文件夹是只读的，无法打开。{MOVE_HINT}")
    if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in lowered or "malformed" in lowered):
        return DatabaseCorrupt(f"文件 {path} 不是有效的数据库或已损坏。文件未被改动；"
                               "请从备份恢复或另选文件。")
    return DatabaseCorrupt(f"无法读取数据库文件 {path}（磁盘或文件出错）。文件未被改动；"
                           "请从备份恢复或另选文件。")


def free_bytes(folder: Path) -> int:
    """Return the bytes this process may still write in ``folder`` (a large number if unknown)."""
    try:
        stat = os.statvfs(folder)
    except (OSError, AttributeError):
        return 1 << 62
    blocks = stat.f_bfree if getattr(os, "geteuid", lambda: -1)() == 0 else stat.f_bavail
    return blocks * stat.f_frsize


def _read_only_file_system(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _unwritable(path: Path, exc: OSError) -> DatabaseError:
    reason = os_reason(exc)
    if reason == "磁盘空间已满":
        return DatabaseDiskFull(f"磁盘空间已满，无法创建数据库文件 {path}。请清理磁盘后重试。")
    return DatabaseReadOnly(f"无法创建数据库文件 {path}：{reason}。{MOVE_HINT}")


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove %s", path)
