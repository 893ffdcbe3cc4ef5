"""The national-scale rows of the benchmark (``python -m rdplanner bench --scale national``): 3,000
participants seated in a 10,000-seat hall, beyond what published seating tools handle.
"""

import time
from pathlib import Path

from rdplanner import bench_app
from rdplanner.bench_rows import BenchContext, BenchRow, bench_row, ensure_seated
from rdplanner.db import open_database, sqlite_url


def measure_national_demo(folder: Path) -> tuple[list[BenchRow], BenchContext]:
    from rdplanner.demo.first_run import ensure_demo_on_first_run
    from rdplanner.demo.national import build_national_demo

    database = open_database(sqlite_url(folder / "national.sqlite"))
    started = time.perf_counter()
    with database.session() as session:
        event_id = build_national_demo(session)
    elapsed = time.perf_counter() - started
    with database.session() as session:
        ensure_demo_on_first_run(session)  # the app would add the small demo to a database without one
    row = bench_row("national_demo_create", "创建全国规模演示活动（3,000 人，10,000 座）", elapsed, "s", 30.0)
    return [row], BenchContext(database=database, event_id=event_id, folder=folder)


def measure_national_app(context: BenchContext) -> list[BenchRow]:
    """The seating page of the national event after a cold start: first open, 自动排座 and a swap, from the
    click to the painted map; and the app's peak memory then."""
    bench_app.compile_bytecode()
    probe = bench_app.national(context.database.path, context.settings)
    return [
        bench_row("national_page_first_open_seating", "首次打开“座次”页（10,000 座）", probe["open_ms"], "ms",
             1000.0),
        bench_row("national_auto_seating", "点击“自动排座”至重绘（3,000 人入 10,000 座）",
             probe["auto_seating_click_ms"], "ms", 300.0),
        bench_row("national_seat_swap_saved", "拖放换座：保存并重绘（10,000 座）", probe["seat_swap_saved_ms"],
             "ms", 100.0),
        bench_row("national_peak_memory", "打开 10,000 座的座次页并排座后的内存峰值", probe["max_rss_mb"], "MB",
             400.0),
    ]


def measure_national_documents(context: BenchContext) -> list[BenchRow]:
    """The seat map of the 10,000-seat hall tiled over A3 sheets (an overview and 3 × 3 tiles)."""
    from rdplanner.seating.documents import export_seatmap

    path = context.folder / "national-seatmap.pdf"
    ensure_seated(context)
    started = time.perf_counter()
    with context.database.session() as session:
        export_seatmap(session, event_id=context.event_id, path=path, tiles=(3, 3))
    elapsed = time.perf_counter() - started
    return [
        bench_row("national_seatmap_pdf_tiled", "分幅座次图 PDF（10,000 座，A3 3×3 幅）", elapsed, "s", 3.0),
        bench_row("national_seatmap_pdf_size", "分幅座次图 PDF 文件大小", path.stat().st_size / 1024 / 1024, "MB",
             10.0),
    ]


def measure_national_sorting(context: BenchContext) -> list[BenchRow]:
    """Sort 10,000 names in 姓名笔画 order: the median of 5 runs, the stroke data loaded."""
    from rdplanner.bench_rows import name_sorting_ms

    return [bench_row("national_names_sort_10000", "按笔画排序 10,000 个姓名", name_sorting_ms(), "ms", 50.0)]


NATIONAL_MEASUREMENTS = (measure_national_sorting, measure_national_documents, measure_national_app)
