"""The Qt probes of the benchmark: the start-up path as main.py runs it, the heartbeat that measures how
long the GUI thread is blocked, and the scripted actions, run as the benchmark runs them (a separate
offscreen process on a real database)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from rdplanner.db import open_database, sqlite_url
from rdplanner.demo import build_demo
from rdplanner.models import Seat, SeatPlan
from ui.bench_drive import Heartbeat, Step, until_painted

ROOT = Path(__file__).resolve().parents[2]
EXPORT_ONLY = {"openpyxl", "reportlab", "alembic", "pypdfium2", "python_calamine", "docx"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("bench") / "bench.sqlite"
    database = open_database(sqlite_url(path))
    with database.session() as session:
        event_id = build_demo(session)
    database.close()
    return path, event_id


def hall_seats(path: Path, event_id: int) -> int:
    database = open_database(sqlite_url(path))
    with database.session() as session:
        plan = session.scalar(select(SeatPlan).where(SeatPlan.event_id == event_id))
        count = session.scalar(select(func.count()).select_from(Seat).where(Seat.layout_id == plan.layout_id))
    database.close()
    return count


def run_json(*command: str, extra_env: dict[str, str] | None = None) -> dict:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"} | (extra_env or {})
    done = subprocess.run(list(command), env=env, capture_output=True, text=True, timeout=180, cwd=ROOT)
    report: dict = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            report.update(json.loads(line))
    assert report, done.stderr
    return report


def test_startup_probe_reports_the_event_shown_after_the_window_painted(demo_db, tmp_path):
    path, event_id = demo_db
    started = time.time()
    report = run_json(sys.executable, "main.py", "--db", str(path), "--settings", str(tmp_path / "s.ini"),
                      extra_env={"RDPLANNER_STARTUP_PROBE": "1"})
    assert started < report["painted_at"] < report["shown_at"]
    assert report["event_id"] == event_id


def test_startup_hides_its_objects_from_the_garbage_collector(demo_db, tmp_path):
    path, _ = demo_db
    report = run_json(sys.executable, "main.py", "--db", str(path), "--settings", str(tmp_path / "s.ini"),
                      extra_env={"RDPLANNER_STARTUP_PROBE": "1"})
    assert report["gc_frozen"] > 10_000  # the modules, the window and SQLModel's validators


def test_starting_the_app_imports_no_export_or_migration_library(demo_db, tmp_path):
    path, _ = demo_db
    report = run_json(sys.executable, "main.py", "--db", str(path), "--settings", str(tmp_path / "s.ini"),
                      extra_env={"RDPLANNER_STARTUP_PROBE": "1"})
    assert {"PySide6", "sqlalchemy", "rdplanner", "ui"} <= set(report["packages"])  # the list is real
    assert EXPORT_ONLY & set(report["packages"]) == set()


def test_heartbeat_measures_the_longest_block_and_names_its_step(qtbot):
    steps = [Step("短", lambda: time.sleep(0.01)), Step("长", lambda: time.sleep(0.2)),
             Step("中", lambda: time.sleep(0.05))]
    heartbeat = Heartbeat(steps, pause_ms=20)
    heartbeat.run()
    assert heartbeat.longest_ms >= 200  # the sleep lasts at least that long; no upper limit on a busy machine
    assert heartbeat.longest_step == "长"


def test_heartbeat_waits_for_work_finishing_elsewhere(qtbot):
    finished: list[float] = []
    def done() -> bool:  # false at first, as work on another thread would be
        if finished:
            return True
        finished.append(time.time())
        return False

    steps = [Step("后台", lambda: None, done=done)]
    heartbeat = Heartbeat(steps, pause_ms=5)
    heartbeat.run()
    assert finished and heartbeat.unfinished == []


def test_until_painted_returns_after_the_widget_painted(qtbot):
    label = QLabel("张三")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert until_painted(label, lambda: label.setText("李四")) > 0


def test_actions_probe_drives_every_action_and_exports_every_document(demo_db, tmp_path):
    path, _ = demo_db
    out = tmp_path / "documents"
    out.mkdir()
    report = run_json(sys.executable, "-m", "ui.bench_probe", "actions", str(path), str(tmp_path / "s.ini"),
                      str(out))
    assert report["messages"] == [] and report["unfinished"] == []
    assert len(report["written"]) == 6 and "参会人员名单.xlsx" in report["written"]
    from ui.pages import plan_pages

    assert set(report["first_opens_ms"]) == {entry.key for entry in plan_pages()}  # every page, programme too
    assert {"roster", "signin", "seating", "programme"} <= set(report["first_opens_ms"])
    for key in ("auto_seating_click_ms", "seat_swap_saved_ms", "gui_longest_block_ms", "max_rss_mb"):
        assert report[key] > 0


def test_repaint_probe_measures_drag_and_full_repaints(demo_db):
    path, event_id = demo_db
    report = run_json(sys.executable, "-m", "ui.bench_probe", "repaint", str(path), str(event_id))
    assert report["seats"] == hall_seats(path, event_id)
    assert report["drag_paints"] > 0  # every move over a new seat really repainted something
    assert report["drag_repaint_ms"] > 0 and report["full_repaint_ms"] > 0
