"""An undo racing a colleague's hand placement on one seat plan (issue 9): two sessions on two threads,
50 rounds. One officer undoes an automatic seating while the other places a person by hand; the hand
placement is never lost silently: either the undo is refused (StaleEdit) or it ran before the placement.
"""

import threading
from datetime import date

from sqlalchemy import select

from rdplanner.demo import build_demo
from rdplanner.errors import StaleEdit
from rdplanner.models import Seat, SeatAssignment, SeatPlan
from rdplanner.seating import editing, service

ROUNDS = 50


def _prepare(database) -> tuple[int, list[int]]:
    with database.session() as session:
        event_id = build_demo(session, size="small", today=date(2026, 6, 1))
        plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
        layout_id = session.get(SeatPlan, plan_id).layout_id
        seats = list(session.scalars(select(Seat.id).where(Seat.layout_id == layout_id,
                                                           Seat.disabled.is_(False)).order_by(Seat.id)))
    return plan_id, seats


def _placed(database, plan_id: int, seat_id: int) -> int | None:
    with database.session() as session:
        return session.scalar(select(SeatAssignment.participation_id).where(
            SeatAssignment.seat_plan_id == plan_id, SeatAssignment.seat_id == seat_id,
            SeatAssignment.locked.is_(True), SeatAssignment.source == "manual"))


def _round(database, plan_id: int, seats: list[int], round_no: int) -> str:
    database.run(service.clear, seat_plan_id=plan_id, keep_locked=False)
    auto = database.run(editing.edit_seating, seat_plan_id=plan_id, action=service.run_auto_seating)
    taken = {p.seat_id for p in auto.after.placements}
    seat = [s for s in seats if s not in taken][round_no % (len(seats) - len(taken))]
    person = auto.after.placements[round_no % len(auto.after.placements)].participation_id
    barrier, outcome = threading.Barrier(2), {}

    def undo() -> None:
        barrier.wait()
        try:
            database.run(editing.restore, seat_plan_id=plan_id, state=auto.before, expected=auto.after)
            outcome["undo"] = "done"
        except StaleEdit:
            outcome["undo"] = "refused"

    def place() -> None:
        barrier.wait()
        database.run(editing.edit_seating, seat_plan_id=plan_id, action=service.place,
                     participation_id=person, seat_id=seat)

    threads = [threading.Thread(target=undo), threading.Thread(target=place)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome["undo"] if _placed(database, plan_id, seat) == person else "placement lost"


def test_an_undo_racing_a_hand_placement_never_loses_it_silently(database):
    plan_id, seats = _prepare(database)
    outcomes = [_round(database, plan_id, seats, n) for n in range(ROUNDS)]
    assert "placement lost" not in outcomes, outcomes
