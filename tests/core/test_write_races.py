"""Two real processes writing the same database file at the same moment.

Each round both workers pass a barrier and run the same user action at once: a sign-in, a seat placed
by hand, an automatic seating, or an edit of the same versioned event. Writes must wait their turn
(never "database is locked"), and the loser of a real edit conflict must hear that someone else saved.
"""

import multiprocessing
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from rdplanner.db import open_database, sqlite_url, translate_db_error
from rdplanner.demo import build_demo
from rdplanner.errors import ConcurrentEdit, RdplannerError, StaleEdit
from rdplanner.events.service import EventDraft, create_event, get_event, update_event
from rdplanner.models import Participation, Seat, SeatPlan, Venue
from rdplanner.people.attendance import ensure_default_sitting, mark
from rdplanner.seating.service import ensure_seat_plan, place, run_auto_seating

ROUNDS = 20
WORKERS = 2
THROUGH_RUN = frozenset({"same_seat", "auto_vs_place"})  # as the UI runs them: Database.run (Hub.apply)


def _prepare(url: str) -> dict:
    db = open_database(url)
    with db.session() as session:
        event_id = build_demo(session, size="small", today=date(2026, 6, 1))
        plan_id, _ = ensure_seat_plan(session, event_id=event_id)
        sitting_id, _ = ensure_default_sitting(session, event_id=event_id)
        layout_id = session.get(SeatPlan, plan_id).layout_id
        people = list(session.scalars(select(Participation.id).where(Participation.event_id == event_id)
                                      .order_by(Participation.id)))
        seats = list(session.scalars(select(Seat.id).where(Seat.layout_id == layout_id,
                                                           Seat.disabled.is_(False)).order_by(Seat.id)))
    db.close()
    return {"event_id": event_id, "plan_id": plan_id, "sitting_id": sitting_id, "people": people,
            "seats": seats}


def _action(db, kind: str, ids: dict, worker: int, round_no: int):
    person = ids["people"][(round_no * WORKERS + worker) % len(ids["people"])]
    if kind == "signin":
        return lambda s: mark(s, sitting_id=ids["sitting_id"], participation_ids=[person], status="present")
    if kind == "place":
        seat = ids["seats"][-1 - (round_no * WORKERS + worker)]  # a free seat each time
        return lambda s: place(s, seat_plan_id=ids["plan_id"], participation_id=person, seat_id=seat)
    if kind == "auto":
        return lambda s: run_auto_seating(s, seat_plan_id=ids["plan_id"])
    if kind == "same_seat":  # two officers put two people into one seat
        seat = ids["seats"][round_no]
        return lambda s: place(s, seat_plan_id=ids["plan_id"], participation_id=person, seat_id=seat)
    if kind == "auto_vs_place":  # one officer re-seats automatically while the other places by hand
        if worker == 0:
            return lambda s: run_auto_seating(s, seat_plan_id=ids["plan_id"])
        seat = ids["seats"][round_no % 40]
        return lambda s: place(s, seat_plan_id=ids["plan_id"], participation_id=person, seat_id=seat)
    with db.session() as session:  # the officer opened the form before either saved
        event = get_event(session, ids["event_id"])
    draft = EventDraft(name=f"第{round_no}轮修改{worker}", event_type=event.event_type,
                       start_date=event.start_date, end_date=event.end_date,
                       venue_name="市人大常委会机关会议中心", organiser="办公厅")
    return lambda s: update_event(s, event_id=event.id, expected_version=event.version, draft=draft)


def _worker(url: str, kind: str, ids: dict, worker: int, barrier, results) -> None:
    outcomes: list[str] = []
    try:
        db = open_database(url)
        try:
            for round_no in range(ROUNDS):
                outcomes.append(_round(db, kind, ids, worker, round_no, barrier))
        finally:
            db.close()
    except Exception as exc:  # noqa: BLE001 - reported to the parent instead of hanging it
        outcomes.append(f"worker died: {type(exc).__name__}: {exc}")
        barrier.abort()
    finally:
        results.put((worker, outcomes))


def _round(db, kind: str, ids: dict, worker: int, round_no: int, barrier) -> str:
    barrier.wait(timeout=60)
    action = _action(db, kind, ids, worker, round_no)
    barrier.wait(timeout=60)
    try:
        if kind in THROUGH_RUN:
            db.run(action)
        else:
            with db.session() as session:
                action(session)
        return "ok"
    except RdplannerError as exc:
        return f"{exc.code}: {exc}"
    except Exception as exc:  # noqa: BLE001 - recorded for the assertion message
        return f"raw {type(exc).__name__}: {exc}"


def race(url: str, kind: str, ids: dict) -> list[list[str]]:
    """Run ROUNDS rounds of ``kind`` in WORKERS processes at once; return each round's outcomes."""
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=_worker, args=(url, kind, ids, w, barrier, results))
                 for w in range(WORKERS)]
    for process in processes:
        process.start()
    by_worker = dict(results.get(timeout=300) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    assert all(len(o) == ROUNDS for o in by_worker.values()), by_worker
    return [[by_worker[w][r] for w in range(WORKERS)] for r in range(ROUNDS)]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    url = sqlite_url(tmp_path_factory.mktemp("race") / "rdplanner.sqlite")
    return url, _prepare(url)


@pytest.mark.parametrize("kind", ["signin", "place", "auto"])
def test_simultaneous_writes_from_two_processes_all_succeed(prepared: tuple[str, dict], kind: str) -> None:
    url, ids = prepared

    rounds = race(url, kind, ids)

    failures = [outcome for round_ in rounds for outcome in round_ if outcome != "ok"]
    assert failures == [], f"{len(failures)} of {ROUNDS * WORKERS} {kind} writes failed: {failures[:3]}"


def test_simultaneous_edits_of_one_event_refuse_the_loser_as_stale(prepared: tuple[str, dict]) -> None:
    url, ids = prepared

    rounds = race(url, "edit", ids)

    winners, losers = zip(*(sorted(r) for r in rounds), strict=True)
    assert list(winners) == ["ok"] * ROUNDS
    assert all(loser.startswith("stale_edit: ") and "已被其他人修改" in loser for loser in losers), losers


def _bump_while_holding_the_write_lock(path: Path, event_id: int, locked: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE event SET version = version + 1, name = '他人保存的名称' WHERE id = ?",
                     (event_id,))
        locked.set()
        time.sleep(0.3)  # the other officer's save is still running when ours starts
        conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.mark.parametrize("session_kind", ["session", "read_session"])
def test_edit_saved_while_another_save_of_it_runs_is_refused_as_stale(
    tmp_path: Path, session_kind: str
) -> None:
    path = tmp_path / "rdplanner.sqlite"
    db = open_database(sqlite_url(path))
    with db.session() as session:
        event_id = _add_event(session)
        opened = get_event(session, event_id)
    locked = threading.Event()
    other = threading.Thread(target=_bump_while_holding_the_write_lock, args=(path, event_id, locked))
    other.start()
    locked.wait(timeout=10)

    try:
        with getattr(db, session_kind)() as session, pytest.raises(StaleEdit) as caught:
            update_event(session, event_id=event_id, expected_version=opened.version,
                         draft=_draft(opened, "我的修改"))
    finally:
        other.join()
        db.close()

    assert "已被其他人修改并保存" in str(caught.value)


def _add_event(session) -> int:
    draft = EventDraft(name="代表视察城市防汛工作", event_type="deputy_inspection",
                       start_date=date(2026, 5, 12), end_date=date(2026, 5, 12))
    return create_event(session, draft=draft).value


def _draft(event, name: str) -> EventDraft:
    # Naming the venue makes the save read (look the venue up) before it writes, as most saves do.
    return EventDraft(name=name, event_type=event.event_type, start_date=event.start_date,
                      end_date=event.end_date, venue_name="市人大常委会机关会议中心")


def test_two_people_placed_into_one_seat_at_once_is_refused_in_chinese(db_url: str) -> None:
    ids = _prepare(db_url)

    rounds = race(db_url, "same_seat", ids)

    assert [r.count("ok") for r in rounds] == [1] * ROUNDS, rounds[:3]
    refused = [o for r in rounds for o in r if o != "ok"]
    expected = ("invalid_input: 该座位已锁定", "concurrent_edit: ")
    assert all(o.startswith(expected) for o in refused), refused[:3]


def test_automatic_seating_while_a_seat_is_placed_by_hand_succeeds(db_url: str) -> None:
    ids = _prepare(db_url)

    rounds = race(db_url, "auto_vs_place", ids)

    failures = [outcome for round_ in rounds for outcome in round_ if outcome != "ok"]
    assert failures == [], f"{len(failures)} of {ROUNDS * WORKERS} writes failed: {failures[:3]}"


def _lock_then_take(db, first: int, second: int, both_hold: threading.Barrier, errors: list) -> None:
    try:
        with db.engine.connect() as conn, conn.begin():
            conn.exec_driver_sql(f"UPDATE venue SET notes = 'x' WHERE id = {first}")
            both_hold.wait(timeout=30)
            conn.exec_driver_sql(f"UPDATE venue SET notes = 'y' WHERE id = {second}")
    except Exception as exc:  # noqa: BLE001 - the deadlock victim's error is what the test checks
        errors.append(exc)


def test_a_deadlock_on_the_server_is_reported_as_a_conflict(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite writers are serialized by BEGIN IMMEDIATE and cannot deadlock")
    db = open_database(db_url)
    with db.session() as session:
        session.add_all([Venue(name="甲会场"), Venue(name="乙会场")])
        session.commit()
        first, second = session.scalars(select(Venue.id).order_by(Venue.id)).all()
    both_hold, errors = threading.Barrier(2), []
    workers = [threading.Thread(target=_lock_then_take, args=(db, a, b, both_hold, errors))
               for a, b in ((first, second), (second, first))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    db.close()

    assert len(errors) == 1
    error = translate_db_error(errors[0])
    assert isinstance(error, ConcurrentEdit)
    assert "其他人刚刚修改了同一项数据" in str(error)
