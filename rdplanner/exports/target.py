"""Refusing an export whose target is a database: the open file, a backup, its WAL or journal, whatever
the spelling (another path, a symlink, a hard link), so that saving a document never overwrites data.

The test is by content (the SQLite header or WAL magic), not by name, so it needs no open database.
"""

import os
import stat
from collections.abc import Iterable
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


def is_database_file(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is a regular file holding a SQLite database or write-ahead log."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO or device is never read here: reading it could block
        with open(path, "rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return head == SQLITE_HEADER or head[:4] in WAL_MAGICS


def database_target_refusal(path: str | os.PathLike[str], *,
                            databases: Iterable[str | os.PathLike[str]] = ()) -> str | None:
    """Return why a document may not be written to ``path`` (one Chinese sentence), or None if it may.

    Args:
        path: the file the export would write.
        databases: database files in use (the file need not exist yet to be recognised as one of them).
    """
    target = Path(path)
    sidecar = next((s for s in SIDECAR_SUFFIXES if target.name.endswith(s)), None)
    is_ours = any(_same_file(target, Path(db)) for db in databases)
    main_file = target.with_name(target.name[: -len(sidecar)]) if sidecar else None
    if is_ours or is_database_file(target):
        what = "数据库文件（或其备份）"
    elif main_file is not None and (is_database_file(main_file)
                                    or any(_same_file(main_file, Path(db)) for db in databases)):
        what = "数据库的日志文件"
    else:
        return None
    return (f"“{target}”是{what}，导出会覆盖其中的数据，未写入任何文件。"
            "请另选一个文件名。")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
