"""What a failed schema upgrade tells the user: that upgrading the database to the new version failed
and why, in what state the file was left (as it was, or restored from the backup made before the
upgrade) and where that backup is. The failure's own text goes to the log, never into the message.
"""

import logging
import sqlite3
from pathlib import Path

from rdplanner.db_errors import is_driver_error, translate_db_error
from rdplanner.db_files import MIN_FREE_BYTES, free_bytes
from rdplanner.errors import (
    DatabaseCorrupt,
    DatabaseDiskFull,
    DatabaseError,
    DatabaseLocked,
    DatabaseReadOnly,
    MigrationFailed,
    MigrationRefused,
)
from rdplanner.os_errors import os_reason

log = logging.getLogger("rdplanner.db")
DRIVER_REASONS = {DatabaseDiskFull: "磁盘空间已满", DatabaseLocked: "数据库正被其他程序占用",
                  DatabaseReadOnly: "文件或其所在的磁盘是只读的", DatabaseCorrupt: "数据库文件已损坏"}
UNKNOWN_REASON = "升级步骤出错（详情已记入日志）"


def migration_failure(exc: BaseException, *, where: str, path: Path | None, revision: str | None,
                      head: str, backup: Path | None) -> DatabaseError:
    """Return the error to raise for ``exc``, which interrupted the upgrade of ``where`` from ``revision``.

    A SQLite file that is not at ``revision`` any more (the rollback did not hold) is restored from
    ``backup`` first.
    """
    saved = f"升级前的备份在 {backup}。" if backup else ""
    if isinstance(exc, MigrationRefused):
        return MigrationRefused(f"{exc}{saved}")
    if revision is None:
        return MigrationFailed(f"无法在 {where} 创建新数据库（结构版本 {head}）：{_reason(exc, where, path)}。")
    state = _state_after(path, revision, backup)
    return MigrationFailed(f"数据库 {where} 升级到新版本（结构版本 {revision} → {head}）失败："
                           f"{_reason(exc, where, path)}。{state}{saved}")


def _reason(exc: BaseException, where: str, path: Path | None) -> str:
    if isinstance(exc, OSError):
        return os_reason(exc)
    reason = UNKNOWN_REASON
    if is_driver_error(exc):
        reason = DRIVER_REASONS.get(type(translate_db_error(exc, where=where)), UNKNOWN_REASON)
    if reason == UNKNOWN_REASON and path is not None and free_bytes(path.parent) < MIN_FREE_BYTES:
        return "磁盘空间已满"  # SQLite reports a failed write of its shared memory as a disk I/O error
    return reason


def _state_after(path: Path | None, revision: str, backup: Path | None) -> str:
    if path is None:
        return "升级已撤销，数据未被改动。"
    if _revision_of(path) == revision:
        return "升级已撤销，文件保持原样。"
    if backup is not None and _restore(backup, path):
        return "文件已从升级前的备份恢复。"
    return "文件可能已不完整：请关闭 rdplanner，用升级前的备份替换它。"


def _revision_of(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.warning("cannot read the revision of %s after a failed upgrade: %s", path, exc)
        return None


def _restore(backup: Path, path: Path) -> bool:
    try:
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True, timeout=5)
        try:
            target = sqlite3.connect(path, timeout=5)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        log.warning("cannot restore %s from %s: %s", path, backup, exc)
        return False
    return True
