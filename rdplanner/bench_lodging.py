"""Bench rows of the lodging domain on the large demo: the automatic room allocation for all 800
participants, the lodging problems, the page's first open and each lodging document."""

import statistics
import time

from rdplanner.bench_rows import BenchContext, BenchRow, bench_row


def _median_ms(run, times: int) -> float:
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure_lodging(context: BenchContext) -> list[BenchRow]:
    """The allocation with every participant needing a room (set in a transaction rolled back): the
    median of 5 warm runs, reading included; the problems (median of 7); the page; the documents."""
    from sqlalchemy import func, select, update

    from rdplanner import bench_app
    from rdplanner.lodging.allocate import propose_rooms
    from rdplanner.models import Participation
    from rdplanner.planning import write_document
    from rdplanner.registry import documents, domain

    with context.database.session() as session:
        p = Participation
        session.execute(update(p).where(p.event_id == context.event_id).values(needs_lodging=True,
                                                                                  leave_status="none"))
        people = session.scalar(select(func.count()).select_from(p).where(p.event_id == context.event_id))
        propose_rooms(session, event_id=context.event_id)  # imports, first reads
        allocation = _median_ms(lambda: propose_rooms(session, event_id=context.event_id), 5)
        session.rollback()
    with context.database.session() as session:
        problems = domain("lodging").problems
        problems(session, context.event_id)
        checks = _median_ms(lambda: problems(session, context.event_id), 7)
    rows = [bench_row("lodging_allocation", f"自动分房（{people} 人）", allocation, "ms", 200.0),
            bench_row("lodging_problems", "住宿问题检查", checks, "ms", 30.0),
            bench_row("page_first_open_lodging", "首次打开“住宿”页",
                      bench_app.page_first_open("lodging", context.database.path, context.settings), "ms", 300.0)]
    for kind, suffix in (("rooming", ".xlsx"), ("rooming", ".pdf"), ("rooms-summary", ".xlsx")):
        document = documents()[kind]
        path = context.folder / f"{kind}{suffix}"
        started = time.perf_counter()
        with context.database.session() as session:
            write_document(session, kind=kind, event_id=context.event_id, path=path)
        rows.append(bench_row(f"document_{kind}{suffix.replace('.', '_')}", f"导出{document.title}（{suffix}）",
                              time.perf_counter() - started, "s", 1.0))
    return rows
