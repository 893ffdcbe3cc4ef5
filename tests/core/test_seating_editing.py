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
    from itertools import groupby

    from rdplanner.models import Person, SeatPlan

    event_id = session.get(SeatPlan, plan).event_id
    members = session.scalars(select(Participation).where(Participation.event_id == event_id,
                                                          Participation.role == "member")).all()
    scrambled = ["田富", "丁五", "马旭", "王一", "田大利", "于六"]
    renamed = dict(zip((m.id for m in members[:6]), scrambled, strict=True))
    for member in members[:6]:
        session.get(Person, member.person_id).name = renamed[member.id]
    session.commit()
    people = editing.seating_people(session, event_id=event_id)
    everyone = session.scalars(select(Participation.id).where(Participation.event_id == event_id)).all()
    assert sorted(p.participation_id for p in people) == sorted(everyone)
    roles = [role for role, _ in groupby(p.role for p in people)]
    assert roles == ["member", "attendee", "observer", "staff"]
    # 丁 2 strokes; 于 112 < 马 551 (3); 王 4; 田 5, then 大 (3) < 富 (12).
    by_strokes = ["丁五", "于六", "马旭", "王一", "田大利", "田富"]
    assert [p.name for p in people if p.participation_id in renamed] == by_strokes
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
    event_id = build_demo(session, size="large")
    default = editing.delegation_order(session, event_id=event_id)
    # By strokes, worked out by hand: 上 3, 西 6, 余 7, 建 8; at 9 拱 (1…) before 临 (2…), and
    # 临平 (平 5) before 临安 (安 6); at 10 桐 (1…) before 钱 (3…); at 11 萧 before 淳; 富 12;
    # at 13 解 (3…) before 滨 (4…).
    assert default == tuple(f"{name}代表团" for name in (
        "上城区", "西湖区", "余杭区", "建德市", "拱墅区", "临平区", "临安区", "桐庐县", "钱塘区", "萧山区",
        "淳安县", "富阳区", "解放军", "滨江区"))
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
