"""The performance benchmark, ``python -m rdplanner bench [--json] [--scale national]``.

Builds the large demo (a 人民代表大会会议 of 800 participants, 1,000 seats) in a temporary database and
measures each figure against its target, each from the user's action to the painted result: the app in
fresh offscreen processes (rdplanner.bench_app), the core's exports and engines in this one. ``--scale
national`` measures instead a 3,000-participant event in a 10,000-seat hall (rows named ``national_…``).
"""

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rdplanner import bench_app, bench_catering
from rdplanner.bench_arrival import measure_arrival
from rdplanner.bench_lodging import measure_lodging
from rdplanner.bench_logistics import (
    measure_logistics_documents,
    measure_logistics_problems,
    measure_transport_planner,
)
from rdplanner.bench_rows import BenchContext, BenchRow, bench_row, ensure_seated, name_sorting_ms
from rdplanner.db import open_database, sqlite_url
from rdplanner.ui_keys import remember_event


def run_benchmark(*, as_json: bool, report: Callable[[str], None] = print, scale: str = "large") -> int:
    """Run every measurement of ``scale`` ("large" or "national"), print the rows, and return 0 if all are
    within target, else 1."""
    with tempfile.TemporaryDirectory(prefix="rdplanner-bench-") as tmp:
        if scale == "national":
            from rdplanner.bench_national import NATIONAL_MEASUREMENTS, measure_national_demo

            rows, context = measure_national_demo(Path(tmp))
            measurements = NATIONAL_MEASUREMENTS
        else:
            rows, context = _measure_demo(Path(tmp))
            measurements = MEASUREMENTS
        try:
            for measure in measurements:
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
    row = bench_row("demo_large_create", "创建大型演示活动（800 人）", elapsed, "s", 10.0)
    context = BenchContext(database=database, event_id=event_id, folder=folder)
    remember_event(context.settings, database.describe(), event_id)  # the app opens on the congress
    return [row], context


def measure_plan_loading(context: BenchContext) -> list[BenchRow]:
    """Open the event and load every plan into read models; the slowest of 5 runs (the cold one)."""
    from rdplanner.planning import load_event_plans

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
    return [bench_row("event_plans_load", "打开活动并载入全部安排", max(timings) * 1000, "ms", 200.0)]


def measure_startup(context: BenchContext) -> list[BenchRow]:
    """Process start to the demo event fully shown (its page painted with its data), against a bare
    PySide6 window started in the same run; and to the window's first paint (a placeholder)."""
    bench_app.compile_bytecode()
    started = bench_app.startup(context.database.path, context.settings)
    if started["event_ids"] != {context.event_id}:
        raise RuntimeError(f"start-up showed events {started['event_ids']}, not the demo {context.event_id}")
    return [
        bench_row("app_event_shown", "冷启动至演示活动完整显示", started["shown_s"], "s", 1.0),
        bench_row("app_event_shown_ratio", "冷启动至活动显示 / 空白 PySide6 窗口",
             started["shown_s"] / started["bare_s"], "x", 4.0),
        bench_row("app_cold_start", "冷启动至主窗口首次绘制（占位页）", started["painted_s"], "s", 1.5),
    ]


def measure_page_opens(context: BenchContext) -> list[BenchRow]:
    """Each page's first open after a cold start: the click in the navigation list to the painted page."""
    return [bench_row(f"page_first_open_{name}", f"首次打开“{title}”页",
                 bench_app.page_first_open(name, context.database.path, context.settings), "ms", 300.0)
            for name, title in bench_app.PAGES.items()]


def measure_actions(context: BenchContext) -> list[BenchRow]:
    """The seating actions from the click to the painted map, the GUI thread's longest block while a
    script drives every action, and the peak memory with every page opened and each document exported."""
    probe = bench_app.actions(context.database.path, context.settings, context.folder / "documents")
    return [
        bench_row("auto_seating_click", "点击“自动排座”至座次图重绘（800 人）", probe["auto_seating_click_ms"],
             "ms", 150.0),
        bench_row("seat_swap_saved", "拖放换座：保存并重绘", probe["seat_swap_saved_ms"], "ms", 50.0),
        bench_row("gui_longest_block", f"界面最长卡顿（{probe['longest_step']}）", probe["gui_longest_block_ms"],
             "ms", 100.0),
        bench_row("peak_memory_all_pages", "打开全部页面并导出各文档后的内存峰值", probe["max_rss_mb"], "MB",
             250.0),
    ]


def measure_roster_export(context: BenchContext) -> list[BenchRow]:
    """The roster workbook of the 800 participants (the core export the button runs): median of 5 runs."""
    from rdplanner.people.documents import export_roster

    timings = []
    for _ in range(5):
        started = time.perf_counter()
        with context.database.session() as session:
            export_roster(session, event_id=context.event_id, path=context.folder / "roster.xlsx")
        timings.append(time.perf_counter() - started)
    return [bench_row("roster_export", "导出参会人员名单 Excel（800 人）", statistics.median(timings), "s", 0.3)]


def measure_signin_export(context: BenchContext) -> list[BenchRow]:
    """The sign-in sheet PDF of the 800 participants (the core export the button runs): median of 3 runs."""
    from rdplanner.people.documents import export_signin

    timings = []
    for _ in range(3):
        started = time.perf_counter()
        with context.database.session() as session:
            export_signin(session, event_id=context.event_id, path=context.folder / "signin.pdf")
        timings.append(time.perf_counter() - started)
    return [bench_row("signin_pdf_800", "导出签到表 PDF（800 人）", statistics.median(timings), "s", 2.0)]


def measure_name_sorting(context: BenchContext) -> list[BenchRow]:
    """Sort 10,000 realistic names in official (姓名笔画) order: the median of 5 runs, data loaded."""
    return [bench_row("names_sort_10000", "按笔画排序 10,000 个姓名", name_sorting_ms(), "ms", 50.0)]


def measure_repaint(context: BenchContext) -> list[BenchRow]:
    """The seat map's repaints on the seated 1,000-seat hall, in a separate offscreen process."""
    ensure_seated(context)
    probe = bench_app.repaint(context.database.path, context.event_id)
    return [
        bench_row("seat_drag_repaint", "拖动经过座位时的重绘（一帧 16.7 ms 以内）", probe["drag_repaint_ms"], "ms",
             16.7),
        bench_row("seat_full_repaint", "整个会场重绘一次（平移、缩放时，30 帧/秒）", probe["full_repaint_ms"],
             "ms", 33.3),
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
    return [bench_row("import_1000_xlsx", "导入 1,000 行 Excel 名单", elapsed, "s", 2.0)]


def measure_import_read(context: BenchContext) -> list[BenchRow]:
    """Read a 10,000-row .xlsx roster (the first step of an import, before any column is detected)."""
    from rdplanner.people.importing import read_table

    path = _roster_workbook(context.folder / "roster-10000.xlsx", 10_000)
    started = time.perf_counter()
    table = read_table(path)
    elapsed = time.perf_counter() - started
    if len(table.rows) != 10_002:
        raise RuntimeError(f"bench read {len(table.rows)} of 10,002 rows")
    return [bench_row("import_read_10000_xlsx", "读取 10,000 行 Excel 名单", elapsed, "s", 1.0)]


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


def measure_seating_documents(context: BenchContext) -> list[BenchRow]:
    """Seat-map PDF of the 1,000-seat hall (time and size) and 800 name cards, each the first of its kind
    in the process (the fonts a document needs are parsed by it, as in the officer's first export)."""
    from rdplanner.exports.cards_pdf import write_cards_pdf
    from rdplanner.seating.documents import export_seatmap

    seatmap = context.folder / "seatmap.pdf"
    ensure_seated(context)
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
        bench_row("seatmap_pdf_1000", "座次图 PDF（1,000 座）", seatmap_s, "s", 1.5),
        bench_row("seatmap_pdf_size", "座次图 PDF 文件大小", seatmap.stat().st_size / 1024 / 1024, "MB", 2.0),
        bench_row("cards_pdf_800", "席卡 PDF（800 张）", cards_s, "s", 5.0),
    ]


MEASUREMENTS: tuple[Callable[[BenchContext], list[BenchRow]], ...] = (
    measure_plan_loading,
    measure_startup,
    measure_page_opens,
    measure_name_sorting,
    measure_import,
    measure_import_read,
    measure_roster_export,
    measure_signin_export,
    measure_repaint,
    measure_seating_documents,
    measure_logistics_problems,
    measure_logistics_documents,
    measure_transport_planner,
    measure_lodging,
    bench_catering.measure_catering,
    measure_arrival,
    measure_actions,
)
