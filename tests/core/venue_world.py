"""Small factories for the venue tests: a venue with halls, events, participants and seated people,
written as plain rows so each test states exactly what it counts."""

from dataclasses import dataclass
from datetime import date, datetime

from rdplanner.models import Event, Hall, Layout, Participation, Person, Seat, SeatAssignment, SeatPlan, Venue


@dataclass(frozen=True)
class World:
    venue_id: int
    hall_id: int  # 第一会议室, the event's main hall
    other_hall_id: int  # 第二会议室
    event_id: int  # 常委会第十次会议, 2026-06-10 to 2026-06-11
    other_event_id: int  # 主任会议, same days


def make_world(session) -> World:
    venue = Venue(name="市人大常委会机关")
    session.add(venue)
    session.flush()
    hall, other = Hall(venue_id=venue.id, name="第一会议室"), Hall(venue_id=venue.id, name="第二会议室")
    session.add_all([hall, other])
    session.flush()
    event = Event(name="常委会第十次会议", event_type="standing_committee", start_date=date(2026, 6, 10),
                  end_date=date(2026, 6, 11), venue_id=venue.id, hall_id=hall.id)
    rival = Event(name="主任会议", event_type="directors_meeting", start_date=date(2026, 6, 10),
                  end_date=date(2026, 6, 10))
    session.add_all([event, rival])
    session.commit()
    return World(venue.id, hall.id, other.id, event.id, rival.id)


def add_people(session, event_id: int, count: int, *, leave_status: str = "none",
               prefix: str = "人") -> list[int]:
    """Add ``count`` participants; return their participation ids."""
    people = [Person(name=f"{prefix}{event_id}-{leave_status}-{n}") for n in range(count)]
    session.add_all(people)
    session.flush()
    parts = [Participation(event_id=event_id, person_id=p.id, role="member", leave_status=leave_status)
             for p in people]
    session.add_all(parts)
    session.commit()
    return [p.id for p in parts]


def add_layout(session, hall_id: int, kind: str, zones: list[str]) -> list[int]:
    """A layout of ``kind`` in the hall with one seat per zone given; return the seat ids."""
    layout = Layout(hall_id=hall_id, name=f"{kind}布局", kind=kind)
    session.add(layout)
    session.flush()
    seats = [Seat(layout_id=layout.id, label=f"{kind}{n}", zone=zone, row_no=1, seat_no=n)
             for n, zone in enumerate(zones, 1)]
    session.add_all(seats)
    session.commit()
    return [s.id for s in seats]


def seat(session, event_id: int, seat_ids: list[int], participation_ids: list[int],
         sitting_id: int | None = None) -> int:
    """A seat plan of the event over the seats' layout with the people seated in order; its id."""
    layout_id = session.get(Seat, seat_ids[0]).layout_id
    plan = SeatPlan(event_id=event_id, layout_id=layout_id, sitting_id=sitting_id)
    session.add(plan)
    session.flush()
    session.add_all(SeatAssignment(seat_plan_id=plan.id, seat_id=s, participation_id=p)
                    for s, p in zip(seat_ids, participation_ids, strict=False))
    session.commit()
    return plan.id


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in June 2026."""
    return datetime(2026, 6, day, hour, minute)
