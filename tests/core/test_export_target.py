"""An export never overwrites a database: not the open file, not a backup, not under another spelling,
a symlink or a hard link. The command line exits 2 with one Chinese line; the core refuses the same
path for the app, writing nothing.
"""

import hashlib
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from rdplanner.backups import backup_sqlite
from rdplanner.db import open_database, sqlite_url
from rdplanner.demo import build_demo
from rdplanner.exports.errors import ExportError
from rdplanner.exports.target import database_target_refusal
from rdplanner.people.documents import export_roster, export_signin
from rdplanner.people.importing import ImportFileError, write_template

ROOT = Path(__file__).parents[2]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rdplanner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rdplanner", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, str]:
    """A demo database deliberately named like a workbook, so the extension check lets it through."""
    path = tmp_path_factory.mktemp("target") / "数据.xlsx"
    done = _rdplanner("demo", "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path, re.findall(r"\d+", done.stdout)[-1]


def _spelling(db: Path, tmp_path: Path, how: str) -> Path:
    if how == "same":
        return db
    if how == "dotted":
        return db.parent / "." / ".." / db.parent.name / db.name
    if how == "symlink":
        (tmp_path / "链接.xlsx").symlink_to(db)
        return tmp_path / "链接.xlsx"
    if how == "hardlink":
        os.link(db, tmp_path / "硬链接.xlsx")
        return tmp_path / "硬链接.xlsx"
    backup = backup_sqlite(db, kind="daily", now=lambda: datetime(2026, 5, 1, 9, 0))
    (tmp_path / "备份.xlsx").symlink_to(backup)
    return tmp_path / "备份.xlsx"


@pytest.mark.parametrize("how", ["same", "dotted", "symlink", "hardlink", "backup"])
def test_cli_export_onto_the_database_exits_2_in_one_line_writing_nothing(demo_db, tmp_path, how):
    db, event_id = demo_db
    target = _spelling(db, tmp_path, how)
    before, digest, listing = _sha256(target), _sha256(db), sorted(os.listdir(db.parent))

    done = _rdplanner("export", "roster", "--db", str(db), "--event", event_id, "-o", str(target))

    lines = done.stderr.splitlines()
    assert (done.returncode, len(lines)) == (2, 1), done.stderr
    assert "-o" in lines[0] and "数据库" in lines[0] and "未写入任何文件" in lines[0]
    assert (_sha256(target), _sha256(db)) == (before, digest)
    assert sorted(os.listdir(db.parent)) == listing


@pytest.fixture
def opened(tmp_path):
    db = open_database(sqlite_url(tmp_path / "rdplanner.sqlite"))
    with db.session() as session:
        event_id = build_demo(session, size="small", today=date(2026, 6, 1))
    yield db, event_id
    db.close()


def test_export_roster_onto_the_open_database_is_refused_leaving_it_intact(opened, tmp_path):
    db, event_id = opened
    link = tmp_path / "名单.xlsx"
    link.symlink_to(db.path)
    digest = _sha256(db.path)

    with db.read_session() as session, pytest.raises(ExportError) as caught:
        export_roster(session, event_id=event_id, path=link)

    assert "数据库" in str(caught.value) and str(link) in str(caught.value)
    assert _sha256(db.path) == digest and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~")) == []


def test_export_signin_pdf_onto_a_backup_is_refused(opened, tmp_path):
    db, event_id = opened
    backup = backup_sqlite(db.path, kind="daily")
    digest = _sha256(backup)
    target = backup.with_name("签到表.pdf")
    os.link(backup, target)

    with db.read_session() as session, pytest.raises(ExportError):
        export_signin(session, event_id=event_id, path=target)

    assert _sha256(backup) == digest


def test_write_template_onto_a_database_is_refused(opened, tmp_path):
    db, _ = opened
    link = tmp_path / "模板.xlsx"
    link.symlink_to(db.path)
    digest = _sha256(db.path)

    with pytest.raises(ImportFileError, match="数据库"):
        write_template(link)

    assert _sha256(db.path) == digest


def test_refusal_recognises_the_write_ahead_log_and_the_open_database_by_path(opened, tmp_path):
    db, _ = opened
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM event")
        wal = db.path.with_name(db.path.name + "-wal")

        assert database_target_refusal(wal) is not None
    assert database_target_refusal(tmp_path / "新文件.xlsx") is None
    assert database_target_refusal(tmp_path / "新文件.xlsx", databases=[tmp_path / "新文件.xlsx"])
