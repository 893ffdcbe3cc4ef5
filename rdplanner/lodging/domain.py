"""The lodging domain (住宿) as the registry sees it: its overview line, its problems, its read model, its
documents and command, what duplicating an event copies (the allocation rules) and moving its stays and
room blocks with the event's dates."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.changes import Changes
from rdplanner.domain import CopyContext, Domain, OverviewLine
from rdplanner.errors import InvalidInput
from rdplanner.lodging.command_specs import COMMANDS
from rdplanner.lodging.document_specs import DOCUMENTS


def lodging_figures(session: Session, event_id: int) -> tuple[int, int, int]:
    """(people lodged, rooms used, room-nights): a shared room counts once per night."""
    from rdplanner.models import Stay

    stays = session.execute(select(Stay.room_id, Stay.check_in, Stay.check_out).where(Stay.event_id == event_id)).all()
    occupancy = set(stays)
    return (len(stays), len({room for room, _, _ in occupancy}),
            sum((check_out - check_in).days for _, check_in, check_out in occupancy))


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    lodged, rooms, nights = lodging_figures(session, event_id)
    return (OverviewLine("住宿", f"{lodged} 人入住 {rooms} 间，共 {nights} 间·夜"),)


def _read(session: Session, event_id: int):
    from rdplanner.lodging.read import load_stays

    return load_stays(session, event_id)


def lodging_quota_fen(category: int) -> int | None:
    """The category's 住宿费 per person and day in fen (budget standards); None if it has none."""
    from rdplanner.budget.standards import load_standards

    standard = load_standards()[1].get(category)
    return standard.lodging * 100 if standard is not None else None


def lodging_findings(session: Session, event_id: int, today: date | None = None):
    """The lodging problems of the event as of ``today`` (None: the computer's date)."""
    from rdplanner.lodging.problems import lodging_problems
    from rdplanner.lodging.read import load_lodging

    view = load_lodging(session, event_id)
    return tuple(lodging_problems(view, quota_fen=lodging_quota_fen(view.expense_category),
                                  today=today or date.today()))


def _copy(session: Session, context: CopyContext) -> None:
    from rdplanner.models import LodgingPolicy
    from rdplanner.store import copy_event_rows

    copy_event_rows(session, LodgingPolicy, context.source_id, context.target_id)


def _shift(session: Session, event_id: int, delta: timedelta) -> Changes:
    """Move the event's stays and blocks by ``delta``. Raises InvalidInput (field ``start_date``) if a
    date would leave the calendar (a stay typed years away); the caller then saves nothing."""
    from rdplanner.models import RoomBlock, Stay

    moved = False
    try:
        for stay in session.scalars(select(Stay).where(Stay.event_id == event_id)):
            stay.check_in, stay.check_out = stay.check_in + delta, stay.check_out + delta
            stay.version += 1
            moved = True
        for block in session.scalars(select(RoomBlock).where(RoomBlock.event_id == event_id)):
            block.night += delta
            block.release_date = block.release_date + delta if block.release_date else None
            block.version += 1
            moved = True
    except OverflowError:
        session.rollback()
        raise InvalidInput("住宿或房源预留中有日期顺延后超出日历范围（年份过大或过小），会期未保存；"
                           "请先在住宿页改正这些日期。", field="start_date") from None
    session.flush()
    return Changes.of("lodging", event_id) if moved else Changes()


DOMAIN = Domain(key="lodging", title="住宿", overview=_overview, problems=lodging_findings, read=_read,
                copy=_copy, copies="住宿分房规则", documents=DOCUMENTS, commands=COMMANDS,
                shift=_shift, shifts="住宿和房源预留的日期")
