"""Backups of the SQLite file in ``backups/`` beside it: before an upgrade and one a day, rotated.

A backup of ``a.sqlite`` is ``a.sqlite.20260501-093000-daily.sqlite`` (or ``…-pre-upgrade-0003.sqlite``):
it carries the database's whole file name, so ``a.sqlite``, ``a.db`` and ``a-b.sqlite`` in one folder
never share, rotate or count each other's backups. Backups named the earlier way (``a-20260501-093000-
daily.sqlite``, by the stem only) are still counted and rotated as the database's own, unless another
SQLite file with the same stem sits beside it: then nobody can tell whose they are, and they are kept.

A backup is written to a ``*.<pid>-<random>.partial`` file of its own (owner-only, 0600) and renamed
when complete, so two processes backing up at once never write the same file; partial files a killed
backup left behind are removed by the next backup of the same folder. The daily backup is claimed with
an exclusive ``.partial-claim`` file, so two processes starting on the same day make one backup.
"""

import os
import re
import secrets
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rdplanner.db_errors import first_line
from rdplanner.errors import DatabaseDiskFull, DatabaseError
from rdplanner.os_errors import os_reason as os_error_reason

DEFAULT_BACKUPS_KEPT = 10
BUSY_TIMEOUT_S = 5.0
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
# A partial this old cannot belong to a backup still running (one takes well under a second).
STALE_PARTIAL_S = 15 * 60
PARTIAL_SUFFIXES = (".partial", ".partial-journal", ".partial-wal", ".partial-shm", ".partial-claim")
SQLITE_HEADER = b"SQLite format 3\x00"
# The daily backup is skipped when the disk has less free space than this many times the database: the
# officer's next save, not the routine backup, must have the room.
FREE_SPACE_FACTOR = 2
# What follows the database's name (now) or stem (earlier versions) in a backup's file name.
BACKUP_TAIL = r"(?P<day>\d{8})-(?P<time>\d{6})-(?P<kind>daily|pre-upgrade-[0-9A-Za-z_]+)\.sqlite"


def backup_sqlite(
    path: Path, *, kind: str, now: Callable[[], datetime] = datetime.now, keep: int = DEFAULT_BACKUPS_KEPT
) -> Path:
    """Copy a consistent snapshot of the SQLite file into ``backups/`` and rotate old ones.

    Raises:
        DatabaseError if the copy cannot be written (a full or read-only disk).
    """
    folder = path.parent / "backups"
    target = folder / f"{path.name}.{now():%Y%m%d-%H%M%S}-{kind}.sqlite"
    partial = target.with_name(f"{target.stem}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        make_private_folder(folder, ours=True)
        remove_stale_partials(folder)
        _copy(path, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in _partial_files(partial):
            leftover.unlink(missing_ok=True)
        error = DatabaseDiskFull if os_reason(exc) == "磁盘空间已满" else DatabaseError
        raise error(f"无法在 {folder} 写入备份：{os_reason(exc)}") from exc
    _rotate(folder, path, kind=kind, keep=keep)
    return target


def _copy(path: Path, partial: Path) -> None:
    # Created owner-only before SQLite opens it, so the copy of ID numbers is never world-readable.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE))
    os.chmod(partial, PRIVATE_FILE)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def backup_daily(path: Path, *, now: Callable[[], datetime] = datetime.now, keep: int) -> Path | None:
    """Take today's backup unless one exists; return the new file or None.

    Raises:
        DatabaseError if the disk has less than twice the database's size free (then no backup is
        taken, leaving the room for the user's changes) or if the copy cannot be written.
    """
    folder = path.parent / "backups"
    today = f"{now():%Y%m%d}"
    if _has_daily(folder, path, today):
        remove_stale_partials(folder)
        return None
    _refuse_low_disk_space(path, folder)
    claim = folder / f"{path.name}.{today}-daily.partial-claim"
    try:
        make_private_folder(folder, ours=True)
        remove_stale_partials(folder)
        try:
            os.close(os.open(claim, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        except FileExistsError:
            return None  # another process is taking today's backup at this moment
    except OSError as exc:
        error = DatabaseDiskFull if os_reason(exc) == "磁盘空间已满" else DatabaseError
        raise error(f"无法在 {folder} 写入备份：{os_reason(exc)}") from exc
    try:
        if _has_daily(folder, path, today):  # made by a process that finished since the first look
            return None
        return backup_sqlite(path, kind="daily", now=now, keep=keep)
    finally:
        claim.unlink(missing_ok=True)


def _refuse_low_disk_space(path: Path, folder: Path) -> None:
    """Raise DatabaseError if the backup would leave less free space than the database's size."""
    try:
        size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
        free = shutil.disk_usage(folder if folder.is_dir() else path.parent).free
    except OSError:
        return  # cannot tell: the copy itself reports a full disk if it meets one
    if free < FREE_SPACE_FACTOR * size:
        raise DatabaseError(
            f"{folder} 所在磁盘只剩 {_size_text(free)} 可用空间，不到数据库 {path.name}（{_size_text(size)}）"
            "的两倍。为免备份占满磁盘、使之后的修改无法保存，今天暂不备份；请清理磁盘。")


def _size_text(size: int) -> str:
    if size >= 1 << 30:
        return f"{size / (1 << 30):.1f} GB"
    return f"{size / (1 << 20):.1f} MB"


def _has_daily(folder: Path, path: Path, today: str) -> bool:
    return any(kind == "daily" and day == today for day, _time, kind, _made in own_backups(folder, path))


def own_backups(folder: Path, path: Path) -> list[tuple[str, str, str, Path]]:
    """Return (day, time, kind, file) of each backup of the database ``path`` in ``folder``, oldest first.

    Only names of exactly this database's form count: its full file name (or, for backups of earlier
    versions, its stem when no other SQLite file beside it has that stem), then the date and time.
    """
    if not folder.is_dir():
        return []
    current = re.compile(re.escape(path.name) + r"\." + BACKUP_TAIL)
    legacy = re.compile(re.escape(path.stem) + "-" + BACKUP_TAIL)
    found, old = [], []
    for candidate in folder.iterdir():
        if match := current.fullmatch(candidate.name):
            found.append((match["day"], match["time"], match["kind"], candidate))
        elif match := legacy.fullmatch(candidate.name):
            old.append((match["day"], match["time"], match["kind"], candidate))
    if old and _stem_is_shared(path):
        old = []
    return sorted(found + old)


def _stem_is_shared(path: Path) -> bool:
    """Tell whether another SQLite file beside ``path`` has its stem (a.db beside a.sqlite)."""
    try:
        siblings = [p for p in path.parent.iterdir() if p.stem == path.stem and p.name != path.name]
    except OSError:
        return True
    return any(_is_sqlite_file(sibling) for sibling in siblings)


def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False  # a folder, or unreadable: not a database whose backups could be mistaken


def remove_stale_partials(folder: Path, *, older_than_s: float = STALE_PARTIAL_S) -> list[Path]:
    """Delete the ``*.partial`` files (and their journals) a killed backup left; return them."""
    removed = []
    limit = time.time() - older_than_s
    for leftover in folder.glob("*.partial*"):
        try:
            if leftover.name.endswith(PARTIAL_SUFFIXES) and leftover.stat().st_mtime < limit:
                leftover.unlink()
                removed.append(leftover)
        except OSError:
            continue  # gone meanwhile, or not ours to delete: the backup itself goes on
    return removed


def make_private_folder(folder: Path, *, ours: bool = False) -> None:
    """Create ``folder`` (and missing parents) readable by the owner only.

    An existing folder is left as it is unless it is ``ours`` (rdplanner's own data or backups folder,
    perhaps made 0755 by an earlier version), which is tightened to 0700.
    """
    if ours and folder.is_dir():
        try:
            os.chmod(folder, PRIVATE_FOLDER)
        except OSError:
            pass  # not the owner: the folder is someone else's to protect
        return
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    for made in missing:
        os.chmod(made, PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask; chmod is not


def _partial_files(partial: Path) -> list[Path]:
    return [partial.with_name(partial.stem + suffix) for suffix in PARTIAL_SUFFIXES
            if suffix != ".partial-claim"]


def _rotate(folder: Path, path: Path, *, kind: str, keep: int) -> None:
    """Keep the newest ``keep`` daily backups (or pre-upgrade ones, whatever the revision) of ``path``."""
    group = _kind_group(kind)
    made = [file for _day, _time, found, file in own_backups(folder, path) if _kind_group(found) == group]
    for old in made[: max(0, len(made) - keep)]:
        old.unlink(missing_ok=True)


def _kind_group(kind: str) -> str:
    return "pre-upgrade" if kind.startswith("pre-upgrade") else kind


def os_reason(exc: BaseException) -> str:
    """Return a short Chinese reason for an OS or SQLite error."""
    if isinstance(exc, OSError):
        return os_error_reason(exc)
    text = first_line(exc).lower()
    if "disk is full" in text:
        return "磁盘空间已满"
    if "readonly" in text or "read-only" in text:
        return "文件系统为只读"
    return "读写文件时出错"
