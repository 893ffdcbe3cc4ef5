"""The Qt probes of the benchmark, run as the benchmark runs them: a separate offscreen process."""

import json
import os
import subprocess
import sys
from pathlib import Path

from rdplanner.db import open_database, sqlite_url
from rdplanner.demo import build_demo

ROOT = Path(__file__).resolve().parents[2]


def run_probe(*args: str) -> dict:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "ui.bench_probe", *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr
    return json.loads(lines[-1])


def test_seating_probe_measures_scene_drag_and_swap(tmp_path):
    path = tmp_path / "bench.sqlite"
    database = open_database(sqlite_url(path))
    with database.session() as session:
        event_id = build_demo(session)
    database.close()
    result = run_probe("seating", str(path), str(event_id))
    assert result["seats"] == 171
    assert result["drag_paints"] > 0  # every move over a new seat really repainted something
    for key in ("scene_build_ms", "drag_repaint_ms", "full_repaint_ms", "swap_ms"):
        assert result[key] > 0
