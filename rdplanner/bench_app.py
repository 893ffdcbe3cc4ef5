"""The benchmark's measurements of the running app, each in fresh offscreen processes (``ui.bench_probe``)
with bytecode compiled, as a user's install has it: start-up, each page's first open, the seating actions,
the longest block of the GUI thread and the peak memory. Figures are medians of several processes where a
process gives one figure (the machine is shared and noisy).
"""

import compileall
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
PAGES = {"roster": "参会人员", "signin": "签到", "programme": "会议日程", "seating": "座次", "venue": "会场布置",
         "trips": "车辆行程"}
PACKAGES = ("PySide6", "shiboken6", "sqlalchemy", "sqlmodel", "pydantic", "pydantic_core", "platformdirs",
            "typing_extensions", "annotated_types", "typing_inspection", "openpyxl", "et_xmlfile",
            "reportlab", "alembic", "pypinyin")


def compile_bytecode() -> None:
    """Compile the app and the libraries it imports, as an installed copy would be."""
    targets = [ROOT / "rdplanner", ROOT / "ui"]
    for package in PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            targets.extend(Path(p) for p in spec.submodule_search_locations)
        elif spec and spec.origin:
            compileall.compile_file(spec.origin, quiet=2)
    for target in targets:
        compileall.compile_dir(target, quiet=2, workers=1)
    compileall.compile_file(ROOT / "main.py", quiet=2)


def probe_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"} | (extra or {})
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # read the compiled bytecode, as an install does
    return env


def run_json(command: list[str], env: dict[str, str], what: str, timeout: float = 300) -> dict:
    """Run a probe process; return the union of the JSON lines it printed.

    A process killed by a signal (Qt crashed) is reported on stderr, with its traceback, and run once more.
    """
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if done.returncode < 0:
        print(f"{what} probe crashed (signal {-done.returncode}), running it again:\n{done.stderr[-3000:]}",
              file=sys.stderr)
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    report: dict = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            report.update(json.loads(line))
    if not report or report.get("messages"):
        raise RuntimeError(f"{what} probe failed (exit {done.returncode}): {report.get('messages')} "
                           f"{done.stderr[-2000:]}")
    return report


def startup(db_path: Path, settings: Path) -> dict:
    """main.py from process start: its first paint (a placeholder) and the event fully shown, against a
    bare PySide6 window started in the same run; medians of RUNS each."""
    app = [sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "--settings", str(settings)]
    runs, bares = [], []
    for _ in range(RUNS):
        started = time.time()
        report = run_json(app, probe_env({"RDPLANNER_STARTUP_PROBE": "1"}), "start-up")
        if "shown_at" not in report:
            raise RuntimeError(f"start-up probe never showed the event: {report}")
        runs.append({"painted_s": report["painted_at"] - started, "shown_s": report["shown_at"] - started,
                     "event_id": report["event_id"], "max_rss_mb": report["max_rss_mb"]})
        started = time.time()
        bare = run_json([sys.executable, "-m", "ui.bench_probe", "bare"], probe_env(), "bare")
        bares.append(bare["painted_at"] - started)
    return {"painted_s": statistics.median(r["painted_s"] for r in runs),
            "shown_s": statistics.median(r["shown_s"] for r in runs), "bare_s": statistics.median(bares),
            "event_ids": {r["event_id"] for r in runs}}


def page_first_open(name: str, db_path: Path, settings: Path) -> float:
    """The click on a page in a freshly started app to its paint, in ms; the median of RUNS processes."""
    command = [sys.executable, "-m", "ui.bench_probe", "page", name, str(db_path), str(settings)]
    return statistics.median(run_json(command, probe_env(), f"page {name}")["open_ms"] for _ in range(RUNS))


def actions(db_path: Path, settings: Path, folder: Path) -> dict:
    """Every page opened, the seating actions timed, every action driven under the heartbeat (one process)."""
    folder.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "ui.bench_probe", "actions", str(db_path), str(settings), str(folder)]
    report = run_json(command, probe_env(), "actions")
    if report["unfinished"]:
        raise RuntimeError(f"actions probe: steps that never finished: {report['unfinished']}")
    return report


def national(db_path: Path, settings: Path) -> dict:
    command = [sys.executable, "-m", "ui.bench_probe", "national", str(db_path), str(settings)]
    return run_json(command, probe_env(), "national")


def repaint(db_path: Path, event_id: int) -> dict:
    command = [sys.executable, "-m", "ui.bench_probe", "repaint", str(db_path), str(event_id)]
    return run_json(command, probe_env(), "repaint")
