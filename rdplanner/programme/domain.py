"""The programme domain (会议日程) as the registry sees it: its overview line, its problems, copying it
to a duplicated event and moving it with the event's dates."""

from datetime import timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.domain import CopyContext, Domain, OverviewLine
from rdplanner.programme.kinds import AUDIENCES, ITEM_KINDS


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.models import Sitting

    counts = dict(session.execute(select(Sitting.kind, func.count()).where(Sitting.event_id == event_id)
                                  .group_by(Sitting.kind)).all())
    if not counts:
        return (OverviewLine("会议日程", "尚未编排日程", alert=True),)
    days = session.scalar(select(func.count(func.distinct(func.date(Sitting.starts_at))))
                          .where(Sitting.event_id == event_id, Sitting.starts_at.is_not(None))) or 0
    parts = [f"{label} {counts[code]}" for code, label in ITEM_KINDS.items() if counts.get(code)]
    return (OverviewLine("会议日程", f"{days} 天 {sum(counts.values())} 项：" + "，".join(parts)),)


def _problems(session: Session, event_id: int):
    from rdplanner.programme.problems import programme_problems
    from rdplanner.programme.read import shared_programme

    return tuple(programme_problems(shared_programme(session, event_id)))


def _read(session: Session, event_id: int):
    from rdplanner.programme.read import load_programme

    return load_programme(session, event_id)


def _copy(session: Session, context: CopyContext) -> None:
    """The items, moved by the days between the two events' opening days, and the people named for them
    (through the participations the people domain copied)."""
    from rdplanner.models import Event, ProgrammeAttendee, Sitting
    from rdplanner.store import column_values

    source, target = session.get(Event, context.source_id), session.get(Event, context.target_id)
    delta = target.start_date - source.start_date
    rows = session.scalars(select(Sitting).where(Sitting.event_id == source.id).order_by(Sitting.id)).all()
    copies = [Sitting(**column_values(r, exclude={"id", "version"}) | {
        "event_id": target.id, "starts_at": r.starts_at + delta if r.starts_at else None,
        "ends_at": r.ends_at + delta if r.ends_at else None}) for r in rows]
    session.add_all(copies)
    session.flush()
    ids = {row.id: copy.id for row, copy in zip(rows, copies, strict=True)}
    context.ids["sitting"] = ids
    people = context.ids.get("participation", {})
    named = session.execute(select(ProgrammeAttendee.sitting_id, ProgrammeAttendee.participation_id)
                            .where(ProgrammeAttendee.sitting_id.in_(ids)).order_by(ProgrammeAttendee.id)).all()
    session.add_all(ProgrammeAttendee(sitting_id=ids[s], participation_id=people[p])
                    for s, p in named if p in people)
    session.flush()


def _shift(session: Session, event_id: int, delta: timedelta) -> Changes:
    from rdplanner.models import Sitting
    from rdplanner.programme.service import changes

    # In Python: SQLite keeps datetimes as text, with no interval arithmetic
    for row in session.scalars(select(Sitting).where(Sitting.event_id == event_id)):
        row.starts_at = row.starts_at + delta if row.starts_at else None
        row.ends_at = row.ends_at + delta if row.ends_at else None
        row.version += 1
    session.flush()
    return changes(event_id)


DOMAIN = Domain(
    key="programme",
    title="会议日程",
    overview=_overview,
    copy=_copy,
    copies="会议日程（按新日期顺延）",
    problems=_problems,
    read=_read,
    labels={"item_kinds": ITEM_KINDS, "audiences": AUDIENCES},
    shift=_shift,
    shifts="会议日程",
)
