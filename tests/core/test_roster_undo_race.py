"""An officer's roster change and its undo racing a colleague's sign-in at the desk (issue 9): two
sessions on two threads, 50 rounds, on each supported engine (the race only bites on PostgreSQL).

One officer records a roster change (a bulk change of one person, taking a few milliseconds) while
the other marks a different person present; then the first undoes. The sign-in is never lost
silently: either the undo is refused (StaleEdit) or the mark landed before the change was recorded
and survives the undo.
"""

import threading
import time
from datetime import date

from sqlalchemy import select

from rdplanner.demo import build_demo
from rdplanner.errors import StaleEdit
from rdplanner.models import Attendance, Participation
from rdplanner.people.attendance import ensure_default_sitting, mark
from rdplanner.people.service import bulk_update
from rdplanner.people.snapshots import ROSTER
from rdplanner.undo import record, restore_recorded

ROUNDS = 50


def _slow_bulk_update(session, *, pause: float, **kwargs):
    """The roster change, taking ``pause`` seconds as a large one does (the window the mark can hit)."""
    time.sleep(pause)
    return bulk_update(session, **kwargs)


def _prepare(database) -> tuple[int, int, list[int]]:
    with database.session() as session:
        event_id = build_demo(session, size="small", today=date(2026, 6, 1))
        sitting_id, _ = ensure_default_sitting(session, event_id=event_id)
        ids = list(session.scalars(select(Participation.id).where(Participation.event_id == event_id)
                                   .order_by(Participation.id)))
    return event_id, sitting_id, ids


def _marked(database, sitting_id: int, participation_id: int) -> bool:
    with database.session() as session:
        return session.scalar(select(Attendance.id).where(Attendance.sitting_id == sitting_id,
                                                          Attendance.participation_id == participation_id)) is not None


def _round(database, event_id: int, sitting_id: int, ids: list[int], round_no: int) -> str:
    changed, signed = ids[0], ids[1 + round_no % (len(ids) - 1)]
    barrier, done = threading.Barrier(2), {}

    def change() -> None:
        barrier.wait()
        done["change"] = database.run(record, snapshotter=ROSTER, key=event_id, action=_slow_bulk_update,
                                      pause=0.02, participation_ids=[changed], delegation=f"第{round_no}组")

    def sign_in() -> None:
        barrier.wait()
        time.sleep(0.001 * (round_no % 10))  # sometimes before the change's snapshot, mostly inside it
        database.run(mark, sitting_id=sitting_id, participation_ids=[signed], status="present")

    threads = [threading.Thread(target=change), threading.Thread(target=sign_in)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recorded = done["change"]
    try:
        database.run(restore_recorded, snapshotter=ROSTER, key=event_id, state=recorded.before,
                     expected=recorded.after)
        outcome = "undone"
    except StaleEdit:
        outcome = "refused"
    if not _marked(database, sitting_id, signed):
        return "sign-in lost"
    database.run(mark, sitting_id=sitting_id, participation_ids=[signed], status="unmarked")
    return outcome


def test_a_roster_undo_racing_a_sign_in_never_loses_it_silently(database):
    event_id, sitting_id, ids = _prepare(database)
    outcomes = [_round(database, event_id, sitting_id, ids, n) for n in range(ROUNDS)]
    assert "sign-in lost" not in outcomes, outcomes
