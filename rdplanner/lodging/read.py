"""Read models of hotel stays."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.models import Hotel, Room, RoomType, Stay
from rdplanner.readmodels import load_rows


@dataclass(frozen=True, slots=True)
class StayRow:
    id: int
    participation_id: int
    hotel: str
    room_number: str
    room_type: str
    is_suite: bool
    rate_fen: int
    check_in: date
    check_out: date

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


def load_stays(session: Session, event_id: int) -> tuple[StayRow, ...]:
    query = (
        select(Stay.id, Stay.participation_id, Hotel.name, Room.number, RoomType.name, RoomType.is_suite,
               RoomType.rate_fen, Stay.check_in, Stay.check_out)
        .join(Room, Room.id == Stay.room_id)
        .join(RoomType, RoomType.id == Room.room_type_id)
        .join(Hotel, Hotel.id == Room.hotel_id)
        .where(Stay.event_id == event_id)
        .order_by(Hotel.name, Room.number, Stay.id)
    )
    return load_rows(session, StayRow, query)
