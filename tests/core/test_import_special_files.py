"""Paths that are not regular files (a FIFO, a device, a folder) are refused at once, never opened."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from rdplanner.people.importing import ImportFileError, read_table

ROOT = Path(__file__).parents[2]
HANG_GUARD_SECONDS = 30


def read_with_watchdog(path: Path) -> BaseException:
    """Return what read_table raised; unblock a reader stuck on a FIFO and fail instead of hanging."""
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_table(path)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(HANG_GUARD_SECONDS)
    if reader.is_alive():
        with open(path, "wb"):  # a writer lets the blocked open return
            pass
        reader.join(HANG_GUARD_SECONDS)
        pytest.fail(f"read_table blocked on {path.name}")
    assert outcome, "read_table accepted a path that is not a regular file"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_read_table_refuses_fifo_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "名单.csv"
    os.mkfifo(fifo)

    caught = read_with_watchdog(fifo)

    assert isinstance(caught, ImportFileError)
    assert "名单.csv 不是普通文件" in str(caught) and caught.file == "名单.csv"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_read_table_refuses_character_device():
    caught = read_with_watchdog(Path("/dev/zero"))

    assert isinstance(caught, ImportFileError) and "zero 不是普通文件" in str(caught)


def test_read_table_refuses_folder_named_like_a_roster(tmp_path):
    folder = tmp_path / "名单.xlsx"
    folder.mkdir()

    with pytest.raises(ImportFileError, match="名单.xlsx 是文件夹"):
        read_table(folder)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_import_roster_cli_refuses_fifo_with_exit_two(tmp_path):
    fifo = tmp_path / "roster.xlsx"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "rdplanner", "import-roster", "--db", str(tmp_path / "db.sqlite"),
               "--event", "1", str(fifo)]

    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        with open(fifo, "wb"):
            pass
        pytest.fail("import-roster hung on a FIFO")

    assert done.returncode == 2, done.stderr
    assert len(done.stderr.splitlines()) == 1 and "roster.xlsx 不是普通文件" in done.stderr
    assert not (tmp_path / "db.sqlite").exists()
