"""Without a display rdplanner says so in one Chinese line and exits 2, instead of Qt's English abort."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.app import missing_display, require_display

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("environ", [
    {},
    {"QT_QPA_PLATFORM": "xcb"},
    {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"},
    {"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"},
    {"DISPLAY": ""},
])
def test_no_display_is_reported_in_chinese(environ):
    reason = missing_display(environ, "linux")
    assert reason.startswith("无法打开图形界面：没有可用的显示器")
    assert "python -m rdplanner" in reason and "\n" not in reason


@pytest.mark.parametrize("environ", [
    {"DISPLAY": ":0"},
    {"WAYLAND_DISPLAY": "wayland-0"},
    {"QT_QPA_PLATFORM": "offscreen"},
    {"QT_QPA_PLATFORM": "offscreen:configfile=/tmp/screen.json"},
    {"QT_QPA_PLATFORM": "vnc:size=1366x768"},
    {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"},
])
def test_a_display_or_headless_platform_is_accepted(environ):
    assert missing_display(environ, "linux") == ""


def test_other_systems_are_not_checked():
    assert missing_display({}, "win32") == ""


def test_require_display_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        require_display({}, "linux")
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_main_without_display_prints_one_chinese_line(tmp_path):
    """Real path: main.py in a subprocess with no display in its environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "x.sqlite"),
                           "--settings", str(tmp_path / "s.ini")], env=env, cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [missing_display({}, "linux")]
    assert not (tmp_path / "x.sqlite").exists()
