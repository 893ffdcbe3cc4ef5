"""Opening the database writes nothing: exports and dry runs leave the file byte-identical and never wait."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

from rdplanner.cli import main
from rdplanner.db import open_database, sqlite_url


def _sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture) -> tuple[Path, str]:
    path = tmp_path / "r.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    event = capsys.readouterr().out.split()[-1]
    # Make sure today's backup exists, so later opens only read.
    open_database(sqlite_url(path)).close()
    return path, event


def _roster(tmp_path: Path) -> Path:
    csv = tmp_path / "名单.csv"
    csv.write_text("姓名,单位及职务\n张新来,市发展改革委 主任\n", encoding="utf-8")
    return csv


def test_open_export_and_dry_run_leave_the_file_byte_identical(tmp_path, demo, capsys):
    path, event = demo
    before = _sha1(path)
    open_database(sqlite_url(path)).close()
    assert main(["export", "roster", "--db", str(path), "--event", event, "-o", str(tmp_path / "a.xlsx")]) == 0
    assert main(["import-roster", "--db", str(path), "--event", event, "--dry-run", str(_roster(tmp_path))]) == 0
    assert "试运行" in capsys.readouterr().out
    assert _sha1(path) == before


def test_export_succeeds_while_another_connection_holds_a_write_transaction(tmp_path, demo):
    path, event = demo
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        assert main(["export", "roster", "--db", str(path), "--event", event,
                     "-o", str(tmp_path / "a.xlsx")]) == 0
        assert main(["import-roster", "--db", str(path), "--event", event, "--dry-run",
                     str(_roster(tmp_path))]) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_write_protected_file_is_read_but_never_written(tmp_path, demo, capsys):
    path, event = demo
    path.chmod(0o444)
    before = _sha1(path)
    assert main(["export", "roster", "--db", str(path), "--event", event, "-o", str(tmp_path / "a.xlsx")]) == 0
    assert main(["import-roster", "--db", str(path), "--event", event, "--dry-run", str(_roster(tmp_path))]) == 0
    capsys.readouterr()
    assert main(["import-roster", "--db", str(path), "--event", event, str(_roster(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "只读" in err and len(err.splitlines()) == 1
    assert _sha1(path) == before
