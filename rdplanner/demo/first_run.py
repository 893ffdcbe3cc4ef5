"""The first time a database is opened with no events, it gets the demo event (once only)."""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from rdplanner.models import Event, OfficeSetting

DEMO_OFFERED = "demo_offered"


def ensure_demo_on_first_run(session: Session) -> int | None:
    """Create the small demo if this database never had one and has no events; return its id.

    An office that deleted the demo and all its events does not get it back on the next start.
    """
    if session.get(OfficeSetting, DEMO_OFFERED) is not None:
        return None
    # Claim the key first, in the demo's own transaction: a second client starting at the same time
    # on a shared server waits on this row and then fails, instead of building a second demo.
    session.add(OfficeSetting(key=DEMO_OFFERED, value="1"))
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return None
    event_id = None
    if not session.scalar(select(func.count(Event.id))):
        from rdplanner.demo.build import build_demo

        event_id = build_demo(session, size="small")
    session.commit()
    return event_id
