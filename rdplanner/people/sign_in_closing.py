"""Closing a sitting's sign-in (结束签到): only then are those neither present nor on leave 缺席.

A sitting is closed once its end time has passed (quorum.sitting_closed); closing records the end time
now, and reopening clears it, so no new state is needed. Services return an Outcome.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.models import Sitting
from rdplanner.store import get_or_raise


def close_sign_in(session: Session, *, sitting_id: int, now: datetime | None = None) -> Outcome:
    """Close the sign-in of a sitting: its end time becomes ``now`` (local time) unless already past.

    Raises:
        NotFound: the sitting is gone.
    """
    sitting = get_or_raise(session, Sitting, sitting_id, "会次")
    moment = (now or datetime.now()).replace(second=0, microsecond=0)
    if sitting.ends_at is None or sitting.ends_at > moment:
        _set_end(session, sitting, moment)
    return _changes(sitting)


def reopen_sign_in(session: Session, *, sitting_id: int) -> Outcome:
    """Reopen a closed sign-in (a mistaken 结束签到): the sitting's end time is cleared.

    Raises:
        NotFound: the sitting is gone.
    """
    sitting = get_or_raise(session, Sitting, sitting_id, "会次")
    if sitting.ends_at is not None:
        _set_end(session, sitting, None)
    return _changes(sitting)


def _set_end(session: Session, sitting: Sitting, moment: datetime | None) -> None:
    sitting.ends_at, sitting.version = moment, sitting.version + 1
    session.commit()


def _changes(sitting: Sitting) -> Outcome:
    return Outcome(Changes.of("attendance", sitting.event_id, rows=(("sitting", sitting.id),)))
