"""Bench rows of the arrival desk (报到) on the large demo (800 people, a third of them marked arrived
first, as at the height of arrival day): the page's first open, a search by pinyin initials, the desk's
problems and the passes document."""

import statistics
import time
from datetime import datetime, timedelta

from rdplanner.bench_rows import BenchContext, BenchRow, bench_row

QUERIES = ("zs", "wjg", "lm", "chen", "zhangw", "y", "xhq", "ljh")


def _median_ms(run, times: int) -> float:
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def mark_a_third(context: BenchContext) -> None:
    """Every third participant marked arrived on the day before the opening, with what they are due."""
    from rdplanner.arrival.read import load_arrivals
    from rdplanner.arrival.service import mark_arrived

    with context.database.session() as session:
        view = load_arrivals(session, context.event_id)
        eve = datetime.combine(view.start_date - timedelta(days=1), datetime.min.time())
        for n, row in enumerate(view.rows[::3]):
            when = eve + timedelta(hours=8, minutes=n)
            mark_arrived(session, event_id=context.event_id, participation_id=row.participation_id,
                         arrived_at=when, handed=row.due, now=when)


def measure_arrival(context: BenchContext) -> list[BenchRow]:
    """The arrival page's first open after a cold start, the median search by initials over the 800 names
    (warm: the page reads the pinyin as it opens), the desk's problems (median of 7) and the passes."""
    from rdplanner import bench_app
    from rdplanner.arrival.domain import arrival_findings
    from rdplanner.arrival.read import load_arrivals
    from rdplanner.arrival.search import find_people
    from rdplanner.people.pinyin import prepare_names
    from rdplanner.planning import write_document

    mark_a_third(context)
    opened = bench_app.page_first_open("arrival", context.database.path, context.settings)
    rows = [bench_row("page_first_open_arrival", "首次打开“报到”页", opened, "ms", 300.0)]
    with context.database.session() as session:
        view = load_arrivals(session, context.event_id)
        prepare_names([r.name for r in view.rows])
        people = list(view.rows)
        search = _median_ms(lambda: [find_people(people, q) for q in QUERIES], 7) / len(QUERIES)
        rows.append(bench_row("arrival_search_initials", f"报到台按拼音首字母查找（{len(people)} 人）", search,
                              "ms", 30.0))
        today = view.start_date + timedelta(days=1)
        arrival_findings(session, context.event_id, today)
        rows.append(bench_row("arrival_problems", "报到问题检查", _median_ms(
            lambda: arrival_findings(session, context.event_id, today), 7), "ms", 30.0))
    started = time.perf_counter()
    with context.database.session() as session:
        write_document(session, kind="passes", event_id=context.event_id, path=context.folder / "passes.pdf")
    rows.append(bench_row("document_passes", "导出证件（800 人及行程车辆）", time.perf_counter() - started, "s", 1.0))
    return rows
