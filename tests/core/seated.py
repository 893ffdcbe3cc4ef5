"""Seat an event for the tests of the seating documents, which print only a saved seating."""

from sqlmodel import Session

from rdplanner.seating.service import ensure_seat_plan, run_auto_seating


def seat_event(session: Session, event_id: int) -> int:
    """Seat the event as the officer's 自动排座 does; return its seat plan's id."""
    plan_id, _ = ensure_seat_plan(session, event_id=event_id)
    run_auto_seating(session, seat_plan_id=plan_id)
    return plan_id
