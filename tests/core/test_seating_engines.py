"""The seating services on each supported engine (SQLite and, in CI, PostgreSQL): automatic seating,
hand placement, undo snapshots, renumbering a layout in place and the delegation order setting."""

from sqlalchemy import select

from rdplanner.demo import build_demo
from rdplanner.models import SeatPlan
from rdplanner.seating import editing, layout_service, service
from rdplanner.seating.layouts import renumber


def test_seating_round_trip_on_every_engine(database):
    with database.session() as session:
        event_id = build_demo(session)
        plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
        service.run_auto_seating(session, seat_plan_id=plan_id)
        before = editing.snapshot(session, seat_plan_id=plan_id)
        first, second = before.placements[20], before.placements[21]
        service.place(session, seat_plan_id=plan_id, participation_id=first.participation_id,
                      seat_id=second.seat_id)
        after = editing.snapshot(session, seat_plan_id=plan_id)
        editing.restore(session, seat_plan_id=plan_id, state=before, expected=after)
        assert editing.snapshot(session, seat_plan_id=plan_id) == before
        layout_id = session.scalar(select(SeatPlan.layout_id).where(SeatPlan.id == plan_id))
        view = layout_service.load_layout(session, layout_id=layout_id)
        layout_service.save_layout(session, hall_id=view.hall_id, name=view.name,
                                   spec=renumber(view.spec, "odd_even"), layout_id=layout_id, version=view.version)
        assert {(p.seat_id, p.participation_id) for p in editing.snapshot(session, seat_plan_id=plan_id).placements} \
            == {(p.seat_id, p.participation_id) for p in before.placements}
        editing.set_delegation_order(session, names=["甲团"])
        assert editing.delegation_order(session, event_id=event_id) == ()
