"""One seating action in one session between its undo snapshots; a hand placement touches two rows;
the tables drawn under a layout are generated once per layout spec."""

import pytest
from sqlalchemy import event

from rdplanner.demo import build_demo
from rdplanner.errors import NotFound
from rdplanner.models import Layout, SeatPlan
from rdplanner.seating import editing, service
from rdplanner.seating.layouts import default_spec, spec_to_json


@pytest.fixture
def plan(session) -> int:
    event_id = build_demo(session)
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    return plan_id


def test_edit_seating_returns_the_snapshots_around_the_action(session, plan):
    before = editing.snapshot(session, seat_plan_id=plan)
    first, second = before.placements[3], before.placements[9]
    edit = editing.edit_seating(session, seat_plan_id=plan, action=service.place,
                                participation_id=first.participation_id, seat_id=second.seat_id)
    assert edit.before == before
    assert edit.after == editing.snapshot(session, seat_plan_id=plan) != before
    assert edit.changes.domains
    editing.restore(session, seat_plan_id=plan, state=edit.before, expected=edit.after)
    assert editing.snapshot(session, seat_plan_id=plan) == before


def test_edit_seating_passes_a_refusal_on_and_changes_nothing(session, plan):
    before = editing.snapshot(session, seat_plan_id=plan)
    with pytest.raises(NotFound):
        editing.edit_seating(session, seat_plan_id=plan, action=service.place,
                             participation_id=before.placements[0].participation_id, seat_id=-1)
    session.rollback()
    assert editing.snapshot(session, seat_plan_id=plan) == before


def test_a_hand_swap_reads_only_the_two_assignments_concerned(session, plan):
    before = editing.snapshot(session, seat_plan_id=plan)
    first, second = before.placements[3], before.placements[9]
    fetched = []
    engine = session.get_bind()

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "seatassignment" in statement.lower():
            fetched.append(statement)

    event.listen(engine, "after_cursor_execute", count)
    try:
        service.place(session, seat_plan_id=plan, participation_id=first.participation_id,
                      seat_id=second.seat_id)
    finally:
        event.remove(engine, "after_cursor_execute", count)
    assert len(fetched) == 1 and " OR " in fetched[0].upper()
    after = {p.seat_id: p.participation_id for p in editing.snapshot(session, seat_plan_id=plan).placements}
    assert after[second.seat_id] == first.participation_id and after[first.seat_id] == second.participation_id


def test_layout_tables_are_generated_once_per_layout_spec(session, plan, monkeypatch):
    generated = []
    real = editing.table_shapes
    monkeypatch.setattr(editing, "table_shapes", lambda spec: generated.append(spec.kind) or real(spec))
    editing._tables_of_spec.cache_clear()
    layout_id = session.get(SeatPlan, plan).layout_id
    first = editing.layout_tables(session, layout_id=layout_id)
    assert editing.layout_tables(session, layout_id=layout_id) == first
    assert generated == ["auditorium"]
    session.get(Layout, layout_id).spec_json = spec_to_json(default_spec("banquet"))
    session.commit()
    assert all(t.kind == "circle" for t in editing.layout_tables(session, layout_id=layout_id))
    assert generated == ["auditorium", "banquet"]
