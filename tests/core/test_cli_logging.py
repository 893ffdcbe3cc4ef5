"""The command line's stderr carries its one Chinese line only: what the core logs on the way (a
parser's English text, Python warnings) goes to the app's log file, or nowhere if it cannot be written.
"""

import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from rdplanner.db import open_database, sqlite_url
from rdplanner.events.service import EventDraft, create_event

ROOT = Path(__file__).parents[2]
LOGGED_AND_WARNED = """
import logging, sys, warnings
from pathlib import Path
from rdplanner.app_log import log_to_file
log_to_file(Path(sys.argv[1]))
logging.getLogger("rdplanner.people").warning("cannot read x.xlsx: XmlError")
warnings.warn("Workbook contains no default style")
"""


@pytest.fixture
def import_command(tmp_path: Path) -> list[str]:
    """``import-roster --dry-run`` of a damaged workbook (its parser's error is logged in English)."""
    database = tmp_path / "rdplanner.sqlite"
    db = open_database(sqlite_url(database))
    try:
        with db.session() as session:
            draft = EventDraft(name="常委会会议", event_type="standing_committee",
                               start_date=date(2026, 12, 3), end_date=date(2026, 12, 3))
            event_id = create_event(session, draft=draft).value
    finally:
        db.close()
    workbook = _with_nul_character(tmp_path / "损坏.xlsx")
    return [sys.executable, "-m", "rdplanner", "import-roster", "--db", str(database),
            "--event", str(event_id), str(workbook), "--dry-run"]


def _with_nul_character(path: Path) -> Path:
    """A workbook whose XML holds ``&#0;`` in a name, which the parser refuses with an English error."""
    book = Workbook()
    book.active.append(["姓名", "性别", "工作单位", "职务"])
    book.active.append(["张三", "男", "市人大常委会办公厅", "主任"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename.endswith(".xml"):
                data = data.replace("张三".encode(), "张&#0;三".encode())
            target.writestr(member, data)
    plain.unlink()
    return path


def _run(command: list[str], state_home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_STATE_HOME": str(state_home), "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_cli_unreadable_workbook_prints_one_line_and_logs_the_parser_text(tmp_path, import_command):
    done = _run(import_command, tmp_path / "state")

    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("rdplanner: 无法读取文件 损坏.xlsx：")
    log = (tmp_path / "state" / "rdplanner" / "log" / "rdplanner-errors.log").read_text(encoding="utf-8")
    assert "cannot read 损坏.xlsx" in log


def test_cli_with_an_unwritable_log_folder_still_prints_one_line(tmp_path, import_command):
    blocked = tmp_path / "state"
    blocked.write_text("a file where the log folder's parent should be")

    done = _run(import_command, blocked)

    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("rdplanner: 无法读取文件 损坏.xlsx：")


def test_log_to_file_takes_log_records_and_python_warnings_off_the_terminal(tmp_path):
    done = subprocess.run([sys.executable, "-c", LOGGED_AND_WARNED, str(tmp_path / "log")], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                          timeout=60)

    assert (done.returncode, done.stderr) == (0, "")
    log = (tmp_path / "log" / "rdplanner-errors.log").read_text(encoding="utf-8")
    assert "cannot read x.xlsx" in log and "Workbook contains no default style" in log


def test_an_unexpected_error_is_one_chinese_line_status_1_and_its_traceback_is_logged(tmp_path):
    script = ("import sys\nfrom rdplanner import cli\n"
              "def broken(args):\n    raise RuntimeError('internal English detail')\n"
              "import dataclasses\n"
              "cli.COMMANDS = tuple(dataclasses.replace(c, run=broken) if c.name == 'sort-names' else c\n"
              "                     for c in cli.COMMANDS)\n"
              "sys.exit(cli.main(['sort-names']))\n")
    state_home = tmp_path / "state"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "XDG_STATE_HOME": str(state_home), "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "程序内部错误" in lines[0] and "English" not in lines[0]
    logged = next(state_home.rglob("rdplanner-errors.log")).read_text(encoding="utf-8")
    assert "RuntimeError: internal English detail" in logged and "Traceback" in logged
