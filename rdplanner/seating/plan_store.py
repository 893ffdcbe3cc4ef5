"""The seat plan of an event: found, or made on the hall's layout the office used last (one per event);
the plan row lock every seating mutation takes."""

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.models import Event, Layout, SeatPlan
from rdplanner.store import get_or_raise


def plan_changes(event_id: int, seat_ids=()) -> Outcome:
    """The outcome of a change to the event's seating (of ``seat_ids`` only, when given)."""
    return Outcome(Changes.of("seating", event_id, rows=(("seat", i) for i in seat_ids)))


def earlier_than(event: Event):
    """The events before ``event``: an earlier start, or the same day and created before it."""
    return or_(Event.start_date < event.start_date,
               and_(Event.start_date == event.start_date, Event.id < event.id))


def _default_layout(session: Session, event: Event) -> int | None:
    # The layout the hall's latest earlier seat plan used, so later events reuse the officer's layout.
    used = session.scalar(select(SeatPlan.layout_id).join(Event, Event.id == SeatPlan.event_id)
                          .join(Layout, Layout.id == SeatPlan.layout_id)
                          .where(Layout.hall_id == event.hall_id, earlier_than(event))
                          .order_by(Event.start_date.desc(), Event.id.desc(), SeatPlan.id.desc()).limit(1))
    if used is not None:
        return used
    return session.scalar(select(Layout.id).where(Layout.hall_id == event.hall_id).order_by(Layout.id))


def ensure_seat_plan(session: Session, *, event_id: int) -> Outcome:
    """Return the event's seat plan, creating it on the hall's layout most recently used by an earlier
    event's seat plan, else on the hall's first layout.

    Raises:
        NotFound: no such event. InvalidInput: the event has no hall, or the hall no layout.
    """
    event = get_or_raise(session, Event, event_id, "活动")
    existing = saved_seat_plan(session, event_id=event_id)
    if existing is not None:
        return Outcome(value=existing)
    if event.hall_id is None:
        raise InvalidInput("该活动尚未指定会场（会议厅），无法排座。请先在活动信息中选择会场。",
                           field="hall_id")
    layout_id = _default_layout(session, event)
    if layout_id is None:
        raise InvalidInput("该会场还没有座位布局，无法排座。请先为会场建立座位布局。", field="layout_id")
    # DOMAIN §2: at a congress session deputies sit in delegation blocks; other bodies by name strokes.
    ordering = "blocks" if event.event_type == "congress_session" else "strokes"
    plan = SeatPlan(event_id=event_id, layout_id=layout_id, name=event.name, ordering=ordering)
    session.add(plan)
    try:
        session.commit()
    except IntegrityError:  # another client created the event's plan meanwhile: there is one per event
        session.rollback()
        existing = saved_seat_plan(session, event_id=event_id)
        if existing is None:
            raise
        return Outcome(value=existing)
    return Outcome(plan_changes(event_id).changes, plan.id)


def saved_seat_plan(session: Session, *, event_id: int) -> int | None:
    """Return the id of the event's (whole-event) seat plan, or None if it has none yet; writes nothing."""
    return session.scalar(select(SeatPlan.id).where(SeatPlan.event_id == event_id,
                                                    SeatPlan.sitting_id.is_(None)).order_by(SeatPlan.id))


def locked_plan(session: Session, seat_plan_id: int) -> SeatPlan:
    """Return the seat plan, its row locked on a server until the transaction ends.

    Every seating mutation and every undo of one takes this lock first, so two of them on one plan run
    one after the other (on SQLite the write transaction already does).

    Raises:
        NotFound: no such plan.
    """
    plan = session.get(SeatPlan, seat_plan_id, with_for_update=True)
    if plan is None:
        raise NotFound(f"找不到该座次图（编号 {seat_plan_id}），可能已被删除。")
    return plan
