"""The lodging domain (住宿) as the registry sees it: its overview line and read model."""

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.domain import Domain, OverviewLine


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


DOMAIN = Domain(key="lodging", title="住宿", overview=_overview, read=_read)
