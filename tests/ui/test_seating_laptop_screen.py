"""On a 1366×768 laptop (and at 1440×900) the seating page fits its window, the window fits the screen,
and every seating dialog fits the screen: legend, problems report, status bar and toolbar all visible."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("seating_screen_probe.py")
TITLE_BAR = 30  # a window manager's title bar above the window


def inside(inner, outer) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return w > 0 and h > 0 and x >= ox and y >= oy and x + w <= ox + ow and y + h <= oy + oh


def probe(tmp_path, width, height, *demo: str) -> dict:
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    path = os.pathsep.join([str(PROBE.parents[2]), os.environ.get("PYTHONPATH", "")])
    env = os.environ | {"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": path}
    done = subprocess.run([sys.executable, str(PROBE), str(tmp_path / "screen.sqlite"), *demo], env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module", params=[(1366, 768), (1440, 900)], ids=["1366x768", "1440x900"])
def placed(request, tmp_path_factory):
    return probe(tmp_path_factory.mktemp("screen"), *request.param)


def test_main_window_and_status_bar_fit_the_screen(placed):
    screen, window = placed["screen"], placed["window"]
    assert inside(window, screen) and window[3] + TITLE_BAR <= screen[3]
    assert inside(placed["status_bar"], window)


def test_seat_map_legend_and_problems_are_visible(placed):
    for name, where in placed["parts"].items():
        assert inside(where, placed["window"]), name
    assert placed["parts"]["legend"][3] >= placed["legend_needs"]
    assert placed["parts"]["problems"][3] >= 80 and placed["parts"]["map"][3] >= 300


def test_seating_toolbar_is_not_clipped(placed):
    assert placed["clipped"] == []
    assert [name for name, where in placed["tools"].items() if not inside(where, placed["window"])] == []


def test_seating_dialogs_fit_the_screen(placed):
    screen = placed["screen"]
    for name, where in placed["dialogs"].items():
        assert inside(where, screen) and where[3] + TITLE_BAR <= screen[3], name


@pytest.fixture(scope="module")
def placed_large(tmp_path_factory):
    return probe(tmp_path_factory.mktemp("screen"), 1366, 768, "large")


def test_opening_the_seating_page_leaves_the_event_list_and_navigation_in_place(placed):
    sizes = placed["splitter"]
    assert sizes["seating"] == sizes["signin"] == sizes["signin again"] == sizes["seating again"]


def test_seating_toolbar_of_the_large_demo_shows_every_combo_whole(placed_large):
    assert placed_large["elided"] == [] and placed_large["clipped"] == []
    assert {"大会堂（大会布局）", "双数：2号在1号左手（多数做法）"} <= placed_large["tools"].keys()
    assert placed_large["splitter"]["seating"] == placed_large["splitter"]["signin"]
