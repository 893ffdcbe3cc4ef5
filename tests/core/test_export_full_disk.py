"""An export that runs out of disk space says so in one Chinese line and leaves nothing behind: no
half-written file, and no "Exception ignored in ZipFile.__del__" noise from an unclosed workbook zip."""

import errno
import gc
import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import rdplanner.exports.xlsx
from rdplanner.exports.errors import ExportError
from rdplanner.exports.xlsx import new_sheet, save_workbook, write_row

ROOT = Path(__file__).parents[2]


class _FillingFile(io.FileIO):
    """A file on a disk with ``room`` bytes left: a larger write fails as the real one would."""

    room = 20_000

    def write(self, data) -> int:  # type: ignore[override]
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


def _big_workbook():
    workbook, sheet = new_sheet("名单")
    for row in range(1, 3000):
        write_row(sheet, row, [f"第{row}人", os.urandom(16).hex(), "市人大常委会办公室"])
    return workbook


def test_save_workbook_on_a_full_disk_leaves_no_file_and_no_unclosed_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rdplanner.exports.xlsx.os, "fdopen",
                        lambda handle, mode: _FillingFile(handle, "w"))
    ignored = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    workbook = _big_workbook()

    with pytest.raises(ExportError) as caught:
        save_workbook(workbook, tmp_path / "名单.xlsx")
    caught = None  # noqa: F841  (the traceback would keep the zip alive past the collection)
    gc.collect()

    assert [(u.exc_type, u.object) for u in ignored] == []
    assert list(tmp_path.iterdir()) == []


def test_cli_export_onto_a_full_disk_prints_one_chinese_line(tmp_path: Path) -> None:
    folder = tmp_path / f"mnt-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(folder)]
    if os.geteuid() != 0 or subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        db = tmp_path / "x.sqlite"
        run = [sys.executable, "-m", "rdplanner"]
        demo = subprocess.run([*run, "demo", "--db", str(db), ], cwd=ROOT,
                              capture_output=True, text=True)
        event_id = demo.stdout.split()[-1]

        done = subprocess.run([*run, "export", "roster", "--db", str(db), "--event", event_id,
                               "-o", str(folder / "名单.xlsx")], cwd=ROOT, capture_output=True, text=True)

        assert (done.returncode, len(done.stderr.splitlines())) == (2, 1), done.stderr
        assert "磁盘空间不足" in done.stderr
        assert os.listdir(folder) == []
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
