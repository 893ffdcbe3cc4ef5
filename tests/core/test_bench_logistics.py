"""The programme, venue and transport bench rows run on a real demo database (speed is the bench's,
not checked here): the rows exist with their targets and the neighbour events are there."""

from sqlalchemy import func, select

from rdplanner.bench_logistics import (
    NEIGHBOURS,
    measure_logistics_documents,
    measure_logistics_problems,
    measure_transport_planner,
)
from rdplanner.bench_rows import BenchContext
from rdplanner.db import open_database, sqlite_url
from rdplanner.demo import build_demo
from rdplanner.models import Event, Trip


def test_the_logistics_rows_measure_the_demo_with_its_neighbour_events(tmp_path):
    database = open_database(sqlite_url(tmp_path / "bench.sqlite"))
    with database.session() as session:
        event_id = build_demo(session, size="small")
        before = session.scalar(select(func.count()).select_from(Event))
        trips = session.scalar(select(func.count()).select_from(Trip).where(Trip.event_id == event_id))
    context = BenchContext(database=database, event_id=event_id, folder=tmp_path)
    [problems] = measure_logistics_problems(context)
    assert (problems.name, problems.target, problems.unit) == ("logistics_problems", 20.0, "ms")
    assert problems.value > 0
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == before + NEIGHBOURS
        assert session.scalar(select(func.count()).select_from(Trip).where(Trip.event_id != event_id)) >= 2 * NEIGHBOURS
    documents = {row.name: row for row in measure_logistics_documents(context)}
    assert "document_venue" in documents and documents["document_venue"].target == 1.0
    assert (tmp_path / "venue.pdf").stat().st_size > 0
    [plan] = measure_transport_planner(context)
    assert plan.name == "transport_plan" and plan.target == 200.0 and plan.value > 0
    with database.session() as session:  # the item's trips were only set aside while measuring
        assert session.scalar(select(func.count()).select_from(Trip).where(Trip.event_id == event_id)) == trips
    database.close()
