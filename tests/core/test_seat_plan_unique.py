"""One whole-event seat plan per event: two clients creating it at once end up with the same plan, and an
older database holding duplicates (from before the unique index) keeps the one the app showed."""

import sqlite3
from contextlib import closing

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import IntegrityError

import rdplanner.db
from rdplanner.db import open_database, sqlite_url
from rdplanner.demo import build_demo
from rdplanner.models import SeatAssignment, SeatPlan
from rdplanner.seating import plan_store
from rdplanner.seating.service import ensure_seat_plan, run_auto_seating, saved_seat_plan


def test_the_loser_of_a_race_to_create_the_plan_gets_the_winners(database, monkeypatch):
    with database.session() as session:
        event_id = build_demo(session, size="small")
    real = plan_store.saved_seat_plan
    calls = []

    def stale_first_look(session, *, event_id):  # B looked before A committed its plan
        calls.append(event_id)
        return None if len(calls) == 1 else real(session, event_id=event_id)

    with database.session() as a:
        winner, _ = ensure_seat_plan(a, event_id=event_id)
    monkeypatch.setattr(plan_store, "saved_seat_plan", stale_first_look)
    with database.session() as b:
        loser, _ = ensure_seat_plan(b, event_id=event_id)

    assert loser == winner and len(calls) == 2
    with database.read_session() as session:
        assert session.scalar(select(func.count(SeatPlan.id)).where(SeatPlan.event_id == event_id)) == 1


def test_a_second_whole_event_plan_is_refused_by_the_database(database):
    with database.session() as session:
        event_id = build_demo(session, size="small")
        plan_id, _ = ensure_seat_plan(session, event_id=event_id)
        layout_id = session.get(SeatPlan, plan_id).layout_id
        session.add(SeatPlan(event_id=event_id, layout_id=layout_id))
        with pytest.raises(IntegrityError):
            session.commit()


def test_saved_seat_plan_reads_and_creates_nothing(database):
    with database.session() as session:
        event_id = build_demo(session, size="small")
    with database.read_session() as session:
        assert saved_seat_plan(session, event_id=event_id) is None
        assert session.scalar(select(func.count(SeatPlan.id)).where(SeatPlan.event_id == event_id)) == 0


def _downgrade(path, revision: str) -> None:
    """Take the file back to ``revision`` with the migrations' own downgrade steps."""
    config = Config()
    config.set_main_option("script_location", str(Path(rdplanner.db.__file__).parent / "migrations"))
    engine = create_engine(sqlite_url(path))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    engine.dispose()


def test_upgrading_a_database_with_duplicate_plans_keeps_the_oldest_with_its_seating(tmp_path):
    path = tmp_path / "old.sqlite"
    database = open_database(sqlite_url(path))
    with database.session() as session:
        event_id = build_demo(session, size="small")
        first, _ = ensure_seat_plan(session, event_id=event_id)
        run_auto_seating(session, seat_plan_id=first)
        seated = session.scalar(select(func.count(SeatAssignment.id)).where(SeatAssignment.seat_plan_id == first))
        layout_id = session.get(SeatPlan, first).layout_id
    database.close()
    _downgrade(path, "0004")
    with closing(sqlite3.connect(path)) as raw:  # as a 0004 database made by two racing clients
        raw.execute("INSERT INTO seatplan (event_id, layout_id, name, viewpoint, even_convention, ordering, fill,"
                    " rotate, rotation_offset, version) VALUES (?, ?, '', 'stage', 'majority', 'strokes', 'rows',"
                    " 1, 0, 1)", (event_id, layout_id))
        duplicate = raw.execute("SELECT max(id) FROM seatplan").fetchone()[0]
        seat_id, participation_id = raw.execute("SELECT seat_id, participation_id FROM seatassignment "
                                                "WHERE seat_plan_id = ? LIMIT 1", (first,)).fetchone()
        raw.execute("INSERT INTO seatassignment (seat_plan_id, seat_id, participation_id, locked, source) "
                    "VALUES (?, ?, ?, 0, 'auto')", (duplicate, seat_id, participation_id))
        raw.commit()

    upgraded = open_database(sqlite_url(path))
    with upgraded.read_session() as session:
        plans = session.scalars(select(SeatPlan.id).where(SeatPlan.event_id == event_id)).all()
        kept = session.scalar(select(func.count(SeatAssignment.id)).where(SeatAssignment.seat_plan_id == first))
        orphans = session.scalar(select(func.count(SeatAssignment.id))
                                 .where(SeatAssignment.seat_plan_id == duplicate))
    upgraded.close()
    assert (plans, kept, orphans) == ([first], seated, 0)
