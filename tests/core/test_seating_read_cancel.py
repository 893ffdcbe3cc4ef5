"""A background read of a seat plan stops between its steps once it is overtaken (ReadCancelled)."""

import pytest

from rdplanner.demo import build_demo
from rdplanner.seating import service
from seated import seat_event


@pytest.fixture
def plan(session) -> int:
    return seat_event(session, build_demo(session))


def test_load_seating_stops_when_cancelled(session, plan):
    with pytest.raises(service.ReadCancelled):
        service.load_seating(session, seat_plan_id=plan, cancelled=lambda: True)


def test_load_seating_stops_when_cancelled_after_its_first_step(session, plan):
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 1

    with pytest.raises(service.ReadCancelled):
        service.load_seating(session, seat_plan_id=plan, cancelled=cancelled)
    assert len(asked) == 2


def test_load_seating_not_cancelled_reads_the_whole_plan(session, plan):
    view = service.load_seating(session, seat_plan_id=plan, cancelled=lambda: False)
    assert view.assignments and view.labels and view.problems == service.load_seating(
        session, seat_plan_id=plan).problems


def test_seats_read_again_unchanged_are_the_same_objects(session, plan):
    first = service.load_seating(session, seat_plan_id=plan)
    second = service.load_seating(session, seat_plan_id=plan)
    assert second.seats is first.seats and second.labels == first.labels


def test_a_seat_changed_since_the_last_read_is_read_anew(session, plan):
    from sqlalchemy import update

    from rdplanner.models import Seat

    first = service.load_seating(session, seat_plan_id=plan)
    seat = first.seats[5]
    session.execute(update(Seat).where(Seat.id == seat.id).values(x=seat.x + 0.5, label="改号"))
    session.commit()
    second = service.load_seating(session, seat_plan_id=plan)
    assert second.seats is not first.seats
    assert second.seats[5].x == seat.x + 0.5 and second.labels[seat.id] == "改号"
    assert first.labels[seat.id] != "改号"  # what was read before is not changed under its reader
