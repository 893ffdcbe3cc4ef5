"""Snapshots and restores (the editor's undo), unseating and locking several seats at once."""

import pytest
from sqlalchemy import select

from rdplanner.demo import build_demo
from rdplanner.errors import InvalidInput
from rdplanner.models import Participation, Seat, SeatAssignment
from rdplanner.seating import editing, service


@pytest.fixture
def plan(session) -> int:
    event_id = build_demo(session)
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    return plan_id


def placements(session, plan_id) -> set[tuple]:
    return {(p.seat_id, p.participation_id, p.locked) for p in editing.snapshot(session, seat_plan_id=plan_id).placements}


def test_restore_brings_back_the_seating_before_an_automatic_run(session, plan):
    before = editing.snapshot(session, seat_plan_id=plan)
    service.clear(session, seat_plan_id=plan, keep_locked=False)
    assert placements(session, plan) == set()
    result = editing.restore(session, seat_plan_id=plan, state=before)
    assert result.skipped == 0 and result.changes.domains
    assert placements(session, plan) == {(p.seat_id, p.participation_id, p.locked) for p in before.placements}


def test_restore_undoes_a_hand_swap_including_the_lock(session, plan):
    before = editing.snapshot(session, seat_plan_id=plan)
    first, second = before.placements[10], before.placements[11]
    service.place(session, seat_plan_id=plan, participation_id=first.participation_id, seat_id=second.seat_id)
    after = editing.snapshot(session, seat_plan_id=plan)
    assert after != before
    editing.restore(session, seat_plan_id=plan, state=before)
    assert editing.snapshot(session, seat_plan_id=plan) == before
    editing.restore(session, seat_plan_id=plan, state=after)  # redo
    assert editing.snapshot(session, seat_plan_id=plan) == after


def test_restore_skips_people_who_left_and_seats_disabled_since(session, plan):
    before = editing.snapshot(session, seat_plan_id=plan)
    gone, disabled = before.placements[0], before.placements[1]
    session.delete(session.get(Participation, gone.participation_id))
    session.get(Seat, disabled.seat_id).disabled = True
    session.commit()
    result = editing.restore(session, seat_plan_id=plan, state=before)
    assert result.skipped == 2
    rows = placements(session, plan)
    assert len(rows) == len(before.placements) - 2
    assert disabled.seat_id not in {r[0] for r in rows}


def test_restore_refuses_a_snapshot_of_another_plan(session, plan):
    other = editing.Snapshot(plan + 1, ())
    with pytest.raises(InvalidInput, match="不符"):
        editing.restore(session, seat_plan_id=plan, state=other)


def test_unseat_and_lock_several_seats(session, plan):
    rows = editing.snapshot(session, seat_plan_id=plan).placements
    chosen = [rows[3].seat_id, rows[4].seat_id]
    editing.set_locked_many(session, seat_plan_id=plan, seat_ids=chosen, locked=True)
    locked = set(session.scalars(select(SeatAssignment.seat_id).where(SeatAssignment.locked.is_(True))))
    assert locked == set(chosen)
    editing.unseat(session, seat_plan_id=plan, seat_ids=chosen + [999999])
    left = {p.seat_id for p in editing.snapshot(session, seat_plan_id=plan).placements}
    assert left.isdisjoint(chosen) and len(left) == len(rows) - 2


def test_seating_people_lists_everyone_by_role_then_strokes_with_leave(session, plan):
    from rdplanner.labels import ROLES
    from rdplanner.models import SeatPlan
    from rdplanner.people.ordering import sort_key

    event_id = session.get(SeatPlan, plan).event_id
    people = editing.seating_people(session, event_id=event_id)
    assert len(people) == 83
    roles = list(ROLES)
    assert [roles.index(p.role) for p in people] == sorted(roles.index(p.role) for p in people)
    members = [p.name for p in people if p.role == "member"]
    assert members == sorted(members, key=sort_key)
    on_leave = {p.participation_id for p in people if p.on_leave}
    approved = set(session.scalars(select(Participation.id).where(Participation.event_id == event_id,
                                                                  Participation.leave_status == "approved")))
    assert on_leave == approved and on_leave


def test_plan_layouts_lists_the_halls_layouts(session, plan):
    from rdplanner.models import Layout, SeatPlan

    layout = session.get(Layout, session.get(SeatPlan, plan).layout_id)
    session.add(Layout(hall_id=layout.hall_id, name="座谈布局"))
    session.commit()
    found = editing.plan_layouts(session, seat_plan_id=plan)
    assert found.hall_id == layout.hall_id
    assert [name for _, name in found.layouts] == [layout.name, "座谈布局"]


def test_a_congress_session_plan_seats_deputies_in_delegation_blocks(session):
    event_id = build_demo(session, size="large")
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    assert service.load_seating(session, seat_plan_id=plan_id).ordering == "blocks"


def test_layout_tables_of_a_banquet_and_the_rostrum_desk_of_an_auditorium(session, plan):
    from rdplanner.models import Layout, SeatPlan
    from rdplanner.seating.layouts import default_spec, spec_to_json

    auditorium = session.get(SeatPlan, plan).layout_id
    assert [t.kind for t in editing.layout_tables(session, layout_id=auditorium)] == ["rect"]
    banquet = Layout(hall_id=session.get(Layout, auditorium).hall_id, name="宴会", kind="banquet",
                     spec_json=spec_to_json(default_spec("banquet")))
    session.add(banquet)
    session.commit()
    tables = editing.layout_tables(session, layout_id=banquet.id)
    assert len(tables) > 1 and all(t.kind == "circle" for t in tables)
    session.add(Layout(hall_id=banquet.hall_id, name="旧布局"))  # saved before templates: no spec
    session.commit()
    old = session.scalar(select(Layout.id).where(Layout.name == "旧布局"))
    assert editing.layout_tables(session, layout_id=old) == ()


def test_delegation_order_saved_first_then_by_strokes_and_kept_for_other_delegations(session):
    from rdplanner.people.ordering import sort_key

    event_id = build_demo(session, size="large")
    default = editing.delegation_order(session, event_id=event_id)
    assert list(default) == sorted(default, key=sort_key) and len(default) > 3
    chosen = [default[2], default[0]]
    editing.set_delegation_order(session, names=["外地代表团", *chosen])
    order = editing.delegation_order(session, event_id=event_id)
    assert list(order[:2]) == chosen and set(order) == set(default)  # a delegation not here is ignored
    changes = editing.set_delegation_order(session, names=[default[1]])
    assert changes.changes.touches("seating", event_id) and changes.changes.settings
    assert editing.delegation_order(session, event_id=event_id)[:3] == (default[1], default[2], default[0])
    with pytest.raises(InvalidInput, match="不止一次"):
        editing.set_delegation_order(session, names=[default[0], default[0]])
    with pytest.raises(InvalidInput, match="为空"):
        editing.set_delegation_order(session, names=[" "])


def test_automatic_block_seating_follows_the_saved_delegation_order(session):
    event_id = build_demo(session, size="large")
    default = editing.delegation_order(session, event_id=event_id)
    editing.set_delegation_order(session, names=[default[-1]])
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    members = {s.id: s for s in view.seats if s.zone == "members"}
    first = min((a for a in view.assignments if a.seat_id in members),
                key=lambda a: (members[a.seat_id].row_no, -members[a.seat_id].x))
    assert first.delegation == default[-1]


def test_restore_refuses_when_the_plan_changed_since_the_action(session, plan):
    from rdplanner.errors import StaleEdit

    before = editing.snapshot(session, seat_plan_id=plan)
    service.clear(session, seat_plan_id=plan, keep_locked=False)
    after = editing.snapshot(session, seat_plan_id=plan)
    pid = before.placements[0].participation_id
    service.place(session, seat_plan_id=plan, participation_id=pid, seat_id=before.placements[0].seat_id)
    changed = editing.snapshot(session, seat_plan_id=plan)  # someone else seated a person meanwhile
    with pytest.raises(StaleEdit, match="无法撤销"):
        editing.restore(session, seat_plan_id=plan, state=before, expected=after)
    assert editing.snapshot(session, seat_plan_id=plan) == changed  # nothing was overwritten
    editing.restore(session, seat_plan_id=plan, state=before, expected=changed)
    assert editing.snapshot(session, seat_plan_id=plan) == before


def test_restore_switches_the_layout_back_and_refuses_a_deleted_one(session, plan):
    from rdplanner.models import Layout, SeatPlan
    from rdplanner.seating.layout_service import copy_layout, delete_layout

    before = editing.snapshot(session, seat_plan_id=plan)
    copied, _ = copy_layout(session, layout_id=before.layout_id, name="备用")
    service.use_layout(session, seat_plan_id=plan, layout_id=copied)
    after = editing.snapshot(session, seat_plan_id=plan)
    assert after.layout_id == copied and len(after.placements) == len(before.placements)
    editing.restore(session, seat_plan_id=plan, state=before, expected=after)
    assert session.get(SeatPlan, plan).layout_id == before.layout_id
    assert editing.snapshot(session, seat_plan_id=plan) == before
    delete_layout(session, layout_id=copied)
    assert session.get(Layout, copied) is None
    with pytest.raises(InvalidInput, match="不存在"):
        editing.restore(session, seat_plan_id=plan, state=after, expected=before)
    assert editing.snapshot(session, seat_plan_id=plan) == before
