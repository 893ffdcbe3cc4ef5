"""The undo protocol (rdplanner.undo) on seating: one transaction around an action, the refusal of a stale
undo, and the change set handed to the hub; on each supported engine."""

import pytest
from sqlalchemy import select

from rdplanner.changes import Changes, Outcome
from rdplanner.demo import build_demo
from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.models import Seat, SeatAssignment, SeatPlan
from rdplanner.seating import service
from rdplanner.seating.snapshots import SEATING, Placement
from rdplanner.undo import changes_of, record, restore_recorded


@pytest.fixture
def session(database):
    """A session as the hub opens one (production pragmas and transactions), on SQLite and PostgreSQL."""
    with database.session() as s:
        yield s


@pytest.fixture
def plan(session) -> int:
    event_id = build_demo(session)
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    return plan_id


def _rows(session, plan_id) -> set[tuple]:
    a = SeatAssignment
    query = select(a.seat_id, a.participation_id, a.locked, a.source).where(a.seat_plan_id == plan_id)
    return {tuple(row) for row in session.execute(query)}


def _free_seat(session, plan_id) -> int:
    layout_id = session.get(SeatPlan, plan_id).layout_id
    taken = {row[0] for row in _rows(session, plan_id)}
    seats = session.scalars(select(Seat.id).where(Seat.layout_id == layout_id, Seat.disabled.is_(False)))
    return next(s for s in seats if s not in taken)


def test_record_returns_the_state_before_and_exactly_what_the_action_made(session, plan):
    rows = _rows(session, plan)
    person = min(rows)[1]
    seat = _free_seat(session, plan)
    done = record(session, snapshotter=SEATING, key=plan, action=service.place, seat_plan_id=plan,
                  participation_id=person, seat_id=seat)
    assert {tuple(vars_of(p)) for p in done.before.placements} == rows
    expected_after = {r for r in rows if r[1] != person} | {(seat, person, True, "manual")}
    assert {tuple(vars_of(p)) for p in done.after.placements} == expected_after
    assert _rows(session, plan) == expected_after
    assert done.changes.touches("seating", session.get(SeatPlan, plan).event_id)
    assert done.result.changes == done.changes


def vars_of(p: Placement) -> tuple:
    return (p.seat_id, p.participation_id, p.locked, p.source)


def test_record_keeps_nothing_of_an_action_that_committed_then_failed(session, plan):
    rows = _rows(session, plan)

    def commit_then_fail(s, *, seat_plan_id):
        service.clear(s, seat_plan_id=seat_plan_id, keep_locked=False)  # commits inside
        raise InvalidInput("失败", field="x")

    with pytest.raises(InvalidInput):
        record(session, snapshotter=SEATING, key=plan, action=commit_then_fail, seat_plan_id=plan)
    session.rollback()
    assert _rows(session, plan) == rows


def test_undo_and_redo_put_the_recorded_states_back(session, plan):
    rows = _rows(session, plan)
    done = record(session, snapshotter=SEATING, key=plan, action=service.clear, seat_plan_id=plan,
                  keep_locked=False)
    assert _rows(session, plan) == set()
    undone = restore_recorded(session, snapshotter=SEATING, key=plan, state=done.before, expected=done.after)
    assert _rows(session, plan) == rows and undone.skipped == 0 and undone.changes.domains
    restore_recorded(session, snapshotter=SEATING, key=plan, state=done.after, expected=done.before)
    assert _rows(session, plan) == set()


def test_a_stale_undo_is_refused_naming_the_plan_and_changes_nothing(session, plan):
    done = record(session, snapshotter=SEATING, key=plan, action=service.clear, seat_plan_id=plan,
                  keep_locked=False)
    person = done.before.placements[0].participation_id
    service.place(session, seat_plan_id=plan, participation_id=person, seat_id=_free_seat(session, plan))
    meanwhile = _rows(session, plan)
    name = session.get(SeatPlan, plan).name
    with pytest.raises(StaleEdit, match=f"座次图“{name}”已被他人或其他窗口修改，无法撤销"):
        restore_recorded(session, snapshotter=SEATING, key=plan, state=done.before, expected=done.after)
    assert _rows(session, plan) == meanwhile


def test_changes_of_reads_the_outcome_of_a_service():
    changes = Changes.of("seating", 3)

    assert changes_of(Outcome(changes, 7)) is changes
    assert changes_of(None) == Changes()


def test_a_stale_redo_is_refused_as_a_redo(session, plan):
    done = record(session, snapshotter=SEATING, key=plan, action=service.clear, seat_plan_id=plan,
                  keep_locked=False)
    restore_recorded(session, snapshotter=SEATING, key=plan, state=done.before, expected=done.after)
    from rdplanner.seating.editing import unseat

    unseat(session, seat_plan_id=plan, seat_ids=[done.before.placements[0].seat_id])
    with pytest.raises(StaleEdit, match="已被他人或其他窗口修改，无法重做"):
        restore_recorded(session, snapshotter=SEATING, key=plan, state=done.after, expected=done.before, redo=True)
