"""Bench rows of the catering domain on the large demo: its problems (the derived headcounts of 15 meals
for 800 people, the menu review, the cost check), the 用餐 page's first open, and each of its documents."""

import statistics
import time

from rdplanner.bench_rows import BenchContext, BenchRow, bench_row

DOCUMENTS = (("meals", ".xlsx"), ("kitchen", ".pdf"), ("menus", ".xlsx"), ("menus", ".pdf"))


def median_ms(run, times: int) -> float:
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure_catering(context: BenchContext) -> list[BenchRow]:
    """The catering problems of the congress, warm (median of 7), the page's first open in a freshly
    started app, and each document, the first of its kind in the process."""
    from rdplanner import bench_app
    from rdplanner.planning import write_document
    from rdplanner.registry import documents, domain

    with context.database.session() as session:
        def run() -> None:
            domain("catering").problems(session, context.event_id)

        run()
        rows = [bench_row("catering_problems", "用餐问题检查（800 人 15 餐）", median_ms(run, 7), "ms", 30.0)]
    rows.append(bench_row("page_first_open_catering", "首次打开“用餐”页",
                          bench_app.page_first_open("catering", context.database.path, context.settings), "ms", 300.0))
    for kind, suffix in DOCUMENTS:
        path = context.folder / f"{kind}{suffix}"
        started = time.perf_counter()
        with context.database.session() as session:
            write_document(session, kind=kind, event_id=context.event_id, path=path)
        rows.append(bench_row(f"document_{kind}_{suffix[1:]}", f"导出{documents()[kind].title}（{suffix}）",
                              time.perf_counter() - started, "s", 1.0))
    return rows
