"""The command line prints, once and in Chinese on stderr, what the database layer noted for the user
while opening: the backup made before an upgrade, a daily backup that could not be made."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from rdplanner.db import HEAD_REVISION

ROOT = Path(__file__).parents[2]
FIXTURE_0001 = ROOT / "tests" / "data" / "rev0001.sqlite"


def _rdplanner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rdplanner", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_cli_prints_the_pre_upgrade_backup_once(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    shutil.copyfile(FIXTURE_0001, path)

    done = _rdplanner("demo", "--db", str(path))

    assert done.returncode == 0, done.stderr
    [backup] = (tmp_path / "backups").glob("*-pre-upgrade-0001.sqlite")
    lines = [line for line in done.stderr.splitlines() if "升级前已备份到" in line]
    assert lines == [f"rdplanner: 数据库结构将从版本 0001 升级到 {HEAD_REVISION}，升级前已备份到 {backup}"]


def test_cli_prints_a_daily_backup_that_could_not_be_made(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    assert _rdplanner("demo", "--db", str(path)).returncode == 0
    (tmp_path / "backups").write_text("a file where the backups folder should be")

    done = _rdplanner("export", "roster", "--db", str(path), "--event", "1", "-o", str(tmp_path / "名单.xlsx"))

    assert done.returncode == 0, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("rdplanner: 今日自动备份未完成：") and str(tmp_path / "backups") in line
    assert not re.search(r"[A-Za-z]{3,}", line.replace(str(tmp_path / "backups"), "").replace("rdplanner", ""))
