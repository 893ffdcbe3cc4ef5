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


def _roster_row(session, event_id: int, person_id: int):
    from rdplanner.people.service import load_roster

    return next(r for r in load_roster(session, event_id=event_id) if r.person_id == person_id)


def _edit_phone(session, *, event_id: int, person_id: int, phone: str):
    from dataclasses import replace

    from rdplanner.people.service import update_participant

    row = _roster_row(session, event_id, person_id)
    return update_participant(session, participation_id=row.participation_id, person_version=row.person_version,
                              participation_version=row.participation_version,
                              person=replace(row.person_draft(), phone=phone),
                              participation=row.participation_draft())


def _edit_notes(session, *, event_id: int, person_id: int, notes: str):
    from dataclasses import replace

    from rdplanner.people.service import update_participant

    row = _roster_row(session, event_id, person_id)
    return update_participant(session, participation_id=row.participation_id, person_version=row.person_version,
                              participation_version=row.participation_version, person=row.person_draft(),
                              participation=replace(row.participation_draft(), notes=notes))


def test_a_roster_undo_in_one_event_never_silently_reverts_a_person_edited_through_another(database, monkeypatch):
    """The small demo's two meetings share their people: officer B undoes an edit of the current
    meeting's roster while officer A corrects a shared person's phone through the previous meeting. The
    undo's restore is slowed (as a large roster's is) so A's save lands inside it on most rounds."""
    import rdplanner.people.snapshots as snapshots
    from rdplanner.errors import RdplannerError
    from rdplanner.models import Event, Person

    with database.session() as session:
        current = build_demo(session, size="small", today=date(2026, 6, 1))
        other = session.scalar(select(Event.id).where(Event.id != current))
        shared = session.scalar(select(Participation.person_id).where(Participation.event_id == current)
                                .order_by(Participation.id))
    original = snapshots.put_back

    def slow_put_back(session, event_id, state):
        time.sleep(0.03)
        return original(session, event_id, state)

    monkeypatch.setattr(snapshots, "put_back", slow_put_back)
    lost = []
    for n in range(20):
        done = database.run(record, snapshotter=ROSTER, key=current, action=_edit_notes, event_id=current,
                            person_id=shared, notes=f"第{n}轮")
        phone = f"139{n:08d}"
        saved = {}

        def undo() -> None:
            try:
                database.run(restore_recorded, snapshotter=ROSTER, key=current, state=done.before,
                             expected=done.after)
            except StaleEdit:
                pass

        def correct(phone=phone) -> None:
            time.sleep(0.01)
            try:
                database.run(_edit_phone, event_id=other, person_id=shared, phone=phone)
                saved["ok"] = True
            except RdplannerError:  # refused as changed by someone else: A is told, nothing is lost
                saved["ok"] = False

        threads = [threading.Thread(target=undo), threading.Thread(target=correct)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with database.session() as session:
            now = session.get(Person, shared).phone
        if saved["ok"] and now != phone:
            lost.append((n, phone, now))
    assert lost == []
