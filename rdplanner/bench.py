"""The performance benchmark, ``python -m rdplanner bench [--json]``.

Builds the large demo (a 人民代表大会会议 of 800 participants) in a temporary database and measures
each figure against its target. The app's start-up and memory are measured in separate processes
running main.py offscreen with bytecode compiled, as a user's install has it.
"""

import compileall
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from rdplanner.db import Database, open_database, sqlite_url

ROOT = Path(__file__).resolve().parent.parent
STARTUP_RUNS = 3


@dataclass(frozen=True)
class BenchRow:
    """One measured figure and its target (``ok`` when within it)."""

    name: str
    value: float
    unit: str
    target: float
    ok: bool
    label: str = ""

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("label")
        return data


def _row(name: str, label: str, value: float, unit: str, target: float) -> BenchRow:
    return BenchRow(name=name, value=round(value, 3), unit=unit, target=target, ok=value <= target, label=label)


@dataclass
class BenchContext:
    """What the measurements share: the database holding the large demo and its event id."""

    database: Database
    event_id: int
    folder: Path


def run_benchmark(*, as_json: bool, report: Callable[[str], None] = print) -> int:
    """Run every measurement, print the rows, and return 0 if all are within target, else 1."""
    with tempfile.TemporaryDirectory(prefix="rdplanner-bench-") as tmp:
        rows, context = _measure_demo(Path(tmp))
        try:
            for measure in MEASUREMENTS:
                rows.extend(measure(context))
        finally:
            context.database.close()
    if as_json:
        report(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=1))
    else:
        for r in rows:
            verdict = "达标" if r.ok else "未达标"
            report(f"{r.label:<28}\t{r.value:>10} {r.unit:<3}\t目标 ≤ {r.target} {r.unit}\t{verdict}")
    return 0 if all(r.ok for r in rows) else 1


def _measure_demo(folder: Path) -> tuple[list[BenchRow], BenchContext]:
    from rdplanner.demo import build_demo
    from rdplanner.demo.first_run import ensure_demo_on_first_run

    database = open_database(sqlite_url(folder / "bench.sqlite"))
    started = time.perf_counter()
    with database.session() as session:
        event_id = build_demo(session, size="large")
    elapsed = time.perf_counter() - started
    with database.session() as session:
        ensure_demo_on_first_run(session)
    row = _row("demo_large_create", "创建大型演示活动（800 人）", elapsed, "s", 10.0)
    return [row], BenchContext(database=database, event_id=event_id, folder=folder)


def measure_plan_loading(context: BenchContext) -> list[BenchRow]:
    """Open the event and load every plan into read models; the slowest of 5 runs (the cold one)."""
    from rdplanner.events.plans import load_event_plans

    fresh = open_database(context.database.url)
    timings = []
    try:
        for _ in range(5):
            started = time.perf_counter()
            with fresh.session() as session:
                load_event_plans(session, context.event_id)
            timings.append(time.perf_counter() - started)
    finally:
        fresh.close()
    return [_row("event_plans_load", "打开活动并载入全部安排", max(timings) * 1000, "ms", 200.0)]


def measure_startup(context: BenchContext) -> list[BenchRow]:
    """Cold start to the first painted main window, against a bare PySide6 window, same run."""
    compile_bytecode()
    app = [sys.executable, str(ROOT / "main.py"), "--db", str(context.database.path),
           "--settings", str(context.folder / "bench.ini")]
    bare = [sys.executable, "-m", "ui.bench_probe", "bare"]
    app_runs = [_run_probe(app) for _ in range(STARTUP_RUNS)]
    bare_s = statistics.median(_run_probe(bare)["painted_s"] for _ in range(STARTUP_RUNS))
    app_s = statistics.median(run["painted_s"] for run in app_runs)
    ready_s = statistics.median(run["ready_s"] for run in app_runs)
    return [
        _row("app_cold_start", "冷启动至主窗口首次绘制", app_s, "s", 1.5),
        _row("app_cold_start_ratio", "冷启动时间 / 空白 PySide6 窗口", app_s / bare_s, "x", 2.5),
        _row("app_event_ready", "冷启动至显示上次打开的活动", ready_s, "s", 1.5),
    ]


def measure_memory(context: BenchContext) -> list[BenchRow]:
    """Peak memory of the app with the large event open and all its plans loaded."""
    command = [sys.executable, str(ROOT / "main.py"), "--db", str(context.database.path),
               "--settings", str(context.folder / "bench.ini")]
    probe = _run_probe(command, {"RDPLANNER_PROBE_LOAD_PLANS": str(context.event_id)})
    return [_row("peak_memory_large_event", "载入大型活动后的内存峰值", probe["max_rss_mb"], "MB", 300.0)]


def _run_probe(command: list[str], extra_env: dict[str, str] | None = None) -> dict:
    """Run a probed process; return its reports with times relative to the launch (``*_s``)."""
    env = os.environ | {"RDPLANNER_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"} | (extra_env or {})
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    report: dict = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            report.update(json.loads(line))
    if "painted_at" not in report:
        raise RuntimeError(f"start-up probe gave no result (exit {done.returncode}): {done.stderr[-2000:]}")
    for key in ("painted_at", "ready_at"):
        if key in report:
            report[key.replace("_at", "_s")] = report[key] - started
    return report


def compile_bytecode() -> None:
    """Compile the app and the libraries it imports at start-up, as an installed copy would be."""
    targets = [ROOT / "rdplanner", ROOT / "ui"]
    for package in ("PySide6", "shiboken6", "sqlalchemy", "sqlmodel", "pydantic", "pydantic_core",
                    "platformdirs", "alembic", "typing_extensions", "annotated_types", "typing_inspection"):
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            targets.extend(Path(p) for p in spec.submodule_search_locations)
        elif spec and spec.origin:
            compileall.compile_file(spec.origin, quiet=2)
    for target in targets:
        compileall.compile_dir(target, quiet=2, workers=1)
    compileall.compile_file(ROOT / "main.py", quiet=2)


def measure_name_sorting(context: BenchContext) -> list[BenchRow]:
    """Sort 10,000 realistic names in official (姓名笔画) order: the median of 5 runs, data loaded."""
    from rdplanner.demo.people import PersonFactory
    from rdplanner.people.ordering import order_names

    factory = PersonFactory(seed=10000)
    names = [factory.person().name for _ in range(10000)]
    order_names(names[:10])
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        order_names(names)
        timings.append(time.perf_counter() - started)
    return [_row("names_sort_10000", "按笔画排序 10,000 个姓名", statistics.median(timings) * 1000, "ms", 50.0)]


def _ui_probe(kind: str, context: BenchContext) -> dict:
    """Run a ui.bench_probe measurement in a separate offscreen process and return its JSON result."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-m", "ui.bench_probe", kind, str(context.database.path),
                           str(context.event_id)], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{kind} probe gave no result (exit {done.returncode}): {done.stderr[-2000:]}")
    return json.loads(lines[-1])


def measure_roster_page(context: BenchContext) -> list[BenchRow]:
    """Open the roster page of the 800-participant event, in a separate offscreen process."""
    probe = _ui_probe("roster", context)
    return [_row("roster_page_open_800", "打开 800 人的参会人员页", probe["roster_open_ms"], "ms", 300.0)]


def measure_seating_page(context: BenchContext) -> list[BenchRow]:
    """The seat-map editor on the seated 1,000-seat hall, in a separate offscreen process."""
    probe = _ui_probe("seating", context)
    return [
        _row("seat_scene_build_1000", "座次图编辑器：建立 1,000 个座位的画面（含绘制）", probe["scene_build_ms"], "ms", 300.0),
        _row("seat_drag_repaint", "拖动经过座位时的重绘（一帧 16.7 ms 以内）", probe["drag_repaint_ms"], "ms", 16.7),
        _row("seat_full_repaint", "整个会场重绘一次（平移、缩放时，30 帧/秒）", probe["full_repaint_ms"], "ms", 33.3),
        _row("seat_swap_saved", "放下即换座：保存、重读、重绘", probe["swap_ms"], "ms", 150.0),
    ]


def measure_import(context: BenchContext) -> list[BenchRow]:
    """Import a 1,000-row .xlsx roster into a new event: read, detect, preview and save."""
    from rdplanner.events.service import EventDraft, create_event
    from rdplanner.people.importing import apply_import, build_preview, detect_columns, read_table

    path = _roster_workbook(context.folder / "roster-1000.xlsx", 1000)
    with context.database.session() as session:
        event_id, _ = create_event(session, draft=EventDraft(
            name="基准测试导入", event_type="deputy_inspection", start_date=date(2027, 5, 10),
            end_date=date(2027, 5, 10)))
    started = time.perf_counter()
    with context.database.session() as session:
        table = read_table(path)
        preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                                default_role="deputy")
        result = apply_import(session, event_id=event_id, preview=preview,
                              accepted_row_numbers=preview.accepted_row_numbers, file_name=path.name)
    elapsed = time.perf_counter() - started
    if result.added != 1000:
        raise RuntimeError(f"bench import added {result.added} of 1000 rows")
    return [_row("import_1000_xlsx", "导入 1,000 行 Excel 名单", elapsed, "s", 2.0)]


def _roster_workbook(path: Path, count: int) -> Path:
    from openpyxl import Workbook

    from rdplanner.demo.people import PersonFactory

    factory = PersonFactory(seed=4242)
    book = Workbook()
    sheet = book.active
    sheet.append(["某某活动参会人员名单"])
    sheet.append(["序号", "姓名", "性别", "民族", "工作单位", "职务", "手机", "身份证号"])
    for n in range(count):
        person = factory.person()
        sheet.append([n + 1, person.name, person.gender, person.ethnicity, f"单位{n % 50}", "代表",
                      person.phone, person.id_card_no])
    book.save(path)
    return path


def measure_auto_seating(context: BenchContext) -> list[BenchRow]:
    """Seat the 800 participants of the large event into its 1,000-seat hall (saved), median of 3 runs."""
    from rdplanner.seating.service import ensure_seat_plan, run_auto_seating

    with context.database.session() as session:
        plan_id, _ = ensure_seat_plan(session, event_id=context.event_id)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        with context.database.session() as session:
            run_auto_seating(session, seat_plan_id=plan_id)
        timings.append(time.perf_counter() - started)
    return [_row("auto_seating_800", "自动排座：800 人入 1,000 座（含保存）", statistics.median(timings) * 1000,
                 "ms", 100.0)]


def measure_seating_documents(context: BenchContext) -> list[BenchRow]:
    """Seat-map PDF of the 1,000-seat hall (time and size) and 800 name cards, fonts already loaded."""
    from rdplanner.exports.cards_pdf import write_cards_pdf
    from rdplanner.exports.fonts import register_pdf_fonts
    from rdplanner.seating.documents import export_seatmap

    register_pdf_fonts()
    seatmap = context.folder / "seatmap.pdf"
    started = time.perf_counter()
    with context.database.session() as session:
        export_seatmap(session, event_id=context.event_id, path=seatmap)
    seatmap_s = time.perf_counter() - started
    with context.database.session() as session:
        from rdplanner.people.service import load_roster

        names = [r.name for r in load_roster(session, event_id=context.event_id)][:800]
    started = time.perf_counter()
    write_cards_pdf(context.folder / "cards.pdf", names=names)
    cards_s = time.perf_counter() - started
    return [
        _row("seatmap_pdf_1000", "座次图 PDF（1,000 座）", seatmap_s, "s", 1.5),
        _row("seatmap_pdf_size", "座次图 PDF 文件大小", seatmap.stat().st_size / 1024 / 1024, "MB", 2.0),
        _row("cards_pdf_800", "席卡 PDF（800 张）", cards_s, "s", 5.0),
    ]


MEASUREMENTS: tuple[Callable[[BenchContext], list[BenchRow]], ...] = (
    measure_plan_loading,
    measure_startup,
    measure_memory,
    measure_name_sorting,
    measure_roster_page,
    measure_import,
    measure_auto_seating,
    measure_seating_page,
    measure_seating_documents,
)
