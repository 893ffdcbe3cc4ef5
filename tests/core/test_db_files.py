"""Files rdplanner must refuse to open, each with its own true Chinese line, left exactly as they were.

CI runs as root, for whom chmod does not make a file read-only: read-only and full disks are real
tmpfs mounts here (skipped where mounting is not allowed), and a 0444 file is refused by its mode.
"""

import errno
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

import rdplanner.backups
import rdplanner.db
from rdplanner.backups import backup_sqlite
from rdplanner.db import open_database, sqlite_url
from rdplanner.errors import DatabaseCorrupt, DatabaseDiskFull, DatabaseError, DatabaseReadOnly, MigrationFailed

ROOT = Path(__file__).parents[2]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make(path: Path) -> Path:
    open_database(sqlite_url(path)).close()
    return path


@contextmanager
def _tmpfs(base: Path, *, size: str) -> Iterator[Path]:
    folder = base / f"mnt-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]
    if os.geteuid() != 0 or subprocess.run(command, capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def _fill(folder: Path) -> None:
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(handle, b"\0" * size)
            except OSError:
                continue
    finally:
        os.close(handle)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _refusal(path: Path) -> tuple[DatabaseError, str]:
    with pytest.raises(DatabaseError) as caught:
        open_database(sqlite_url(path))
    return caught.value, str(caught.value)


def test_open_database_on_read_only_mount_says_the_disk_is_read_only(tmp_path: Path) -> None:
    with _tmpfs(tmp_path, size="2m") as folder:
        path = _make(folder / "rdplanner.sqlite")
        digest, before = _sha256(path), _listing(folder)
        _remount_read_only(folder)

        error, message = _refusal(path)

        assert isinstance(error, DatabaseReadOnly)
        assert "只读" in message and str(path) in message
        assert (_sha256(path), _listing(folder)) == (digest, before)


def test_open_database_on_full_disk_says_the_disk_is_full(tmp_path: Path) -> None:
    with _tmpfs(tmp_path, size="1m") as folder:
        path = _make(folder / "rdplanner.sqlite")
        (folder / "backups").mkdir(exist_ok=True)
        _fill(folder)
        digest = _sha256(path)

        error, message = _refusal(path)

        assert isinstance(error, DatabaseDiskFull)
        assert "磁盘空间已满" in message and str(path) in message
        assert _sha256(path) == digest
        assert not path.with_name(path.name + "-wal").exists()


def test_open_database_given_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    error, message = _refusal(tmp_path)

    assert "是一个文件夹" in message
    assert _listing(tmp_path) == []


def test_open_database_with_empty_version_table_refuses_untouched(tmp_path: Path) -> None:
    path = _make(tmp_path / "rdplanner.sqlite")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.commit()
    digest = _sha256(path)

    error, message = _refusal(path)

    assert isinstance(error, DatabaseCorrupt)
    assert "结构版本记录是空的" in message
    assert _sha256(path) == digest


def test_open_database_refuses_a_0444_file_even_as_root(tmp_path: Path) -> None:
    path = _make(tmp_path / "rdplanner.sqlite")
    path.chmod(0o444)
    digest, before = _sha256(path), _listing(tmp_path)

    error, message = _refusal(path)

    assert isinstance(error, DatabaseReadOnly)
    assert "只读" in message and str(path) in message
    assert (_sha256(path), _listing(tmp_path)) == (digest, before)


def _corrupt(path: Path) -> None:
    db = open_database(sqlite_url(path))
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE filler (x TEXT)")
        conn.exec_driver_sql("INSERT INTO filler SELECT hex(randomblob(500)) FROM "
                             "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
                             "SELECT i FROM n)")
    db.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for number in range(3, len(data) // page, 2):  # scramble every other page header: many diagnostics
        data[number * page:number * page + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("case", ["corrupt", "folder", "empty_version", "mode_0444"])
def test_cli_prints_one_chinese_line_for_a_refused_database(tmp_path: Path, case: str) -> None:
    path = tmp_path / "rdplanner.sqlite"
    if case == "corrupt":
        _corrupt(path)
    elif case == "folder":
        path.mkdir()
    elif case == "empty_version":
        _make(path)
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("DELETE FROM alembic_version")
            conn.commit()
    else:
        _make(path).chmod(0o444)

    # A write-protected file may still be read (exported): the command that writes is refused.
    command = (["demo", "--db", str(path)] if case == "mode_0444" else
               ["export", "roster", "--db", str(path), "--event", "1", "-o", str(tmp_path / "名单.xlsx")])
    done = subprocess.run([sys.executable, "-m", "rdplanner", *command],
                          cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})

    lines = done.stderr.splitlines()
    assert (done.returncode, len(lines)) == (2, 1), done.stderr
    assert str(path) in lines[0]
    english = set(re.findall(r"[A-Za-z]+", lines[0].replace(str(path), ""))) - {"rdplanner", "backups", "db"}
    assert english == set(), lines[0]  # no driver text


@contextmanager
def _as_nobody() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    try:
        os.setresgid(65534, 65534, 0)
        os.setresuid(65534, 65534, 0)
    except PermissionError:
        os.setresgid(0, 0, 0)
        pytest.skip("root cannot drop privileges here")
    try:
        yield
    finally:
        os.setresuid(0, 0, 0)
        os.setresgid(0, 0, 0)


def test_open_database_in_a_read_only_folder_says_the_folder_is_read_only() -> None:
    folder = Path(tempfile.mkdtemp(prefix="rdplanner-test-"))
    try:
        path = _make(folder / "rdplanner.sqlite")
        path.chmod(0o666)
        folder.chmod(0o555)
        digest = _sha256(path)

        with _as_nobody():
            error, message = _refusal(path)

        assert isinstance(error, DatabaseReadOnly)
        assert "文件夹是只读的" in message
        assert (_sha256(path), _listing(folder)) == (digest, ["rdplanner.sqlite"])
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_backup_on_a_full_disk_says_the_disk_is_full_and_leaves_no_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _make(tmp_path / "rdplanner.sqlite")

    def no_space(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(rdplanner.backups.os, "replace", no_space)
    with pytest.raises(DatabaseDiskFull) as caught:
        backup_sqlite(path, kind="daily")

    assert "磁盘空间已满" in str(caught.value)
    assert list((tmp_path / "backups").iterdir()) == []


def test_open_database_with_empty_version_table_refuses_on_every_engine(db_url: str) -> None:
    open_database(db_url).close()
    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM alembic_version")
    db.close()

    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(db_url)

    assert "结构版本记录是空的" in str(caught.value)


def _fill_leaving(folder: Path, room: int) -> None:
    _fill(folder)
    filler = folder / "filler"
    os.truncate(filler, filler.stat().st_size - room)


@pytest.mark.parametrize("room", [4096, 16384, 65536])
def test_creating_a_database_on_a_full_disk_leaves_no_stub(tmp_path: Path, room: int) -> None:
    with _tmpfs(tmp_path, size="1m") as folder:
        _fill_leaving(folder, room)
        path = folder / "rdplanner.sqlite"

        error, message = _refusal(path)

        assert "磁盘空间已满" in message and str(path) in message
        assert _listing(folder) == ["filler"]
        (folder / "filler").unlink()
        open_database(sqlite_url(path)).close()  # the next start creates it, no "broken database"


def _write_then_fail(engine, *, path, **_kwargs) -> None:
    engine.dispose()
    path.write_bytes(b"SQLite format 3\x00" + b"\0" * 4080)
    path.with_name(path.name + "-wal").write_bytes(b"")
    raise MigrationFailed(f"无法在 {path} 创建新数据库：磁盘空间已满。")


def test_failed_creation_removes_only_the_files_it_made(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rdplanner.sqlite"
    journal = path.with_name(path.name + "-journal")
    journal.write_bytes(b"someone else's")
    monkeypatch.setattr(rdplanner.db, "_migrate", _write_then_fail)

    error, message = _refusal(path)

    assert "没有留下不完整的文件" in message
    assert _listing(tmp_path) == [journal.name]


def test_failed_schema_on_an_existing_empty_file_keeps_the_file(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rdplanner.sqlite"
    path.write_bytes(b"")
    monkeypatch.setattr(rdplanner.db, "_migrate", _write_then_fail)

    _refusal(path)

    assert path.exists()
