"""A small congress for the arrival desk's tests, written as plain rows so each test states what it
expects: five participants, one with a hotel room, a pick-up car and a seat."""

from dataclasses import dataclass
from datetime import date, datetime, time

from rdplanner.models import (
    Event,
    Hall,
    Hotel,
    Layout,
    Participation,
    Person,
    Room,
    RoomType,
    Seat,
    SeatAssignment,
    SeatPlan,
    Stay,
    Trip,
    TripPassenger,
    Vehicle,
    Venue,
)

START, END = date(2027, 1, 4), date(2027, 1, 6)
EVE = date(2027, 1, 3)  # the day before the opening, when most deputies arrive


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


@dataclass(frozen=True)
class World:
    event_id: int
    zhang: int  # 张三, deputy of 上城区代表团, due on EVE, room 西湖宾馆 1203, pick-up 浙A12345, seat 3排12座
    li: int  # 李四, deputy of 西湖区代表团, no arrival date (due on START), a meeting trip on 浙A67890
    wang: int  # 王五, attendee from 市财政局, due on START, takes no meals
    zhao: int  # 赵六, deputy of 上城区代表团 on approved leave
    dong: int  # 董子思, media (新闻中心), due on START


def make_world(session) -> World:
    venue = Venue(name="市人民大会堂")
    session.add(venue)
    session.flush()
    hall = Hall(venue_id=venue.id, name="大会堂")
    session.add(hall)
    session.flush()
    event = Event(name="市第十七届人民代表大会第五次会议", event_type="congress_session", start_date=START,
                  end_date=END, venue_id=venue.id, hall_id=hall.id)
    session.add(event)
    session.flush()
    people = (("张三", "deputy", "上城区代表团", "上城区人大常委会", EVE, "none", True),
              ("李四", "deputy", "西湖区代表团", "西湖区教育局", None, "none", True),
              ("王五", "attendee", "", "市财政局", START, "none", False),
              ("赵六", "deputy", "上城区代表团", "上城区卫健局", EVE, "approved", True),
              ("董子思", "media", "", "新闻中心", START, "none", True))
    ids = []
    for n, (name, role, delegation, unit, arrival, leave, meals) in enumerate(people):
        person = Person(name=name, unit=unit, delegation=delegation)
        session.add(person)
        session.flush()
        part = Participation(event_id=event.id, person_id=person.id, role=role, delegation=delegation,
                             rank_order=n, arrival_date=arrival, leave_status=leave, needs_meals=meals)
        session.add(part)
        session.flush()
        ids.append(part.id)
    _room_car_and_seat(session, event.id, hall.id, ids[0], ids[1])
    session.commit()
    return World(event.id, *ids)


def _room_car_and_seat(session, event_id: int, hall_id: int, zhang: int, li: int) -> None:
    hotel = Hotel(name="西湖宾馆")
    session.add(hotel)
    session.flush()
    kind = RoomType(hotel_id=hotel.id, name="标准间", beds=2, rate_fen=38000)
    session.add(kind)
    session.flush()
    room = Room(hotel_id=hotel.id, room_type_id=kind.id, number="1203", floor=12)
    session.add(room)
    session.flush()
    session.add(Stay(event_id=event_id, room_id=room.id, participation_id=zhang, check_in=EVE, check_out=END))
    cars = [Vehicle(plate="浙A12345", kind="mpv", seats=7, unit="机关车队"),
            Vehicle(plate="浙A67890", kind="coach", seats=45, unit="机关车队")]
    session.add_all(cars)
    session.flush()
    meeting = Trip(event_id=event_id, vehicle_id=cars[1].id, kind="meeting", depart_at=at(START, 8, 10))
    pickup = Trip(event_id=event_id, vehicle_id=cars[0].id, kind="pickup", depart_at=at(EVE, 7, 40))
    session.add_all([meeting, pickup])
    session.flush()
    session.add_all([TripPassenger(trip_id=meeting.id, participation_id=zhang),
                     TripPassenger(trip_id=meeting.id, participation_id=li),
                     TripPassenger(trip_id=pickup.id, participation_id=zhang)])
    layout = Layout(hall_id=hall_id, name="大会布局")
    session.add(layout)
    session.flush()
    seat = Seat(layout_id=layout.id, label="3排12座", zone="members", row_no=3, seat_no=12)
    session.add(seat)
    session.flush()
    plan = SeatPlan(event_id=event_id, layout_id=layout.id, name="大会")
    session.add(plan)
    session.flush()
    session.add(SeatAssignment(seat_plan_id=plan.id, seat_id=seat.id, participation_id=zhang))
