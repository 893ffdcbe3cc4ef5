"""Bench rows of the programme, venue and transport domains on the large demo: their problems with ten
events in the database, the planning helper for the largest item, and each of their documents."""

import statistics
import time
from datetime import datetime, time as clock, timedelta

from rdplanner.bench_rows import BenchContext, BenchRow, bench_row

NEIGHBOURS = 8  # other events in the same days, each with trips on the congress's cars (10 events in all)


def add_neighbour_events(context: BenchContext) -> None:
    """Other events in the same days (an inspection each), with two trips each on the first cars and
    drivers of the fleet, so the cross-event checks have other events' trips to read."""
    from sqlalchemy import select

    from rdplanner.models import Driver, Event, Trip, Vehicle

    with context.database.session() as session:
        main = session.get(Event, context.event_id)
        cars = session.scalars(select(Vehicle.id).order_by(Vehicle.id).limit(NEIGHBOURS * 2)).all()
        drivers = session.scalars(select(Driver.id).order_by(Driver.id).limit(NEIGHBOURS * 2)).all()
        for n in range(NEIGHBOURS):
            event = Event(name=f"基准测试视察活动{n + 1}", event_type="deputy_inspection",
                          start_date=main.start_date, end_date=main.start_date)
            session.add(event)
            session.flush()
            for k in range(2):
                depart = datetime.combine(main.start_date, clock(8 + 2 * k, 15 * n % 60))
                session.add(Trip(event_id=event.id, vehicle_id=cars[(2 * n + k) % len(cars)],
                                 driver_id=drivers[(2 * n + k) % len(drivers)], purpose="视察用车",
                                 origin="机关大院", destination="视察点", depart_at=depart,
                                 return_at=depart + timedelta(hours=1, minutes=30)))
        session.commit()


def _median_ms(run, times: int) -> float:
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure_logistics_problems(context: BenchContext) -> list[BenchRow]:
    """The programme's, venue's and transport's problems of the congress, warm, with ten events in the
    database: the median of 7 runs (what the pages and the overview run after each change)."""
    from rdplanner.readmodels import shared_reads
    from rdplanner.registry import domain

    add_neighbour_events(context)
    with context.database.session() as session:
        def run() -> None:  # as planning.event_problems runs them: the programme read once for all
            with shared_reads(session):
                for key in ("programme", "venue", "transport"):
                    domain(key).problems(session, context.event_id)

        run()  # imports and the first reads
        ms = _median_ms(run, 7)
    return [bench_row("logistics_problems", "日程、会场、车辆问题检查（10 个活动在库）", ms, "ms", 20.0)]


def measure_logistics_documents(context: BenchContext) -> list[BenchRow]:
    """Each document of the three domains for the congress, the first of its kind in the process."""
    from rdplanner.planning import write_document
    from rdplanner.registry import documents

    rows = []
    for kind in ("venue", "dispatch", "tripslips", "rides"):
        document = documents().get(kind)
        if document is None:
            continue
        path = context.folder / f"{kind}{document.suffixes[0]}"
        started = time.perf_counter()
        with context.database.session() as session:
            write_document(session, kind=kind, event_id=context.event_id, path=path)
        rows.append(bench_row(f"document_{kind}", f"导出{document.title}", time.perf_counter() - started, "s", 1.0))
    return rows


def measure_transport_planner(context: BenchContext) -> list[BenchRow]:
    """The planning helper for the congress item with the most riders, its own trips set aside (deleted in
    a transaction that is rolled back), so it plans every rider: the median of 5 warm runs."""
    from sqlalchemy import delete, func, select

    from rdplanner.models import Trip, TripPassenger
    from rdplanner.transport.planner import propose_transport

    with context.database.session() as session:
        counts = session.execute(select(Trip.sitting_id, func.count(TripPassenger.id))
                                 .join(TripPassenger, TripPassenger.trip_id == Trip.id)
                                 .where(Trip.event_id == context.event_id, Trip.sitting_id.is_not(None))
                                 .group_by(Trip.sitting_id).order_by(func.count(TripPassenger.id).desc())).all()
        if not counts:
            return []
        item_id, riders = counts[0]
        session.execute(delete(Trip).where(Trip.sitting_id == item_id))
        propose_transport(session, event_id=context.event_id, item_id=item_id)  # imports, first reads
        ms = _median_ms(lambda: propose_transport(session, event_id=context.event_id, item_id=item_id), 5)
        session.rollback()
    return [bench_row("transport_plan", f"自动安排车辆（{riders} 人）", ms, "ms", 200.0)]
