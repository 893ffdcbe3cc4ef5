"""Two events of the same dates drawing on one hotel (rooms are shared by every event), for the lodging
tests: 常委会会议 (王一, 李二: men) and 培训班 (陈五: a man, 刘芳: a woman); twin rooms 301–303."""

from datetime import date
from types import SimpleNamespace

from rdplanner.lodging import hotels
from rdplanner.models import Event, Participation, Person

START, END = date(2026, 6, 2), date(2026, 6, 3)


def make_world(session) -> SimpleNamespace:
    people, events = {}, {}
    for event_name, members in (("常委会会议", (("王一", "男"), ("李二", "男"))),
                                ("培训班", (("陈五", "男"), ("刘芳", "女")))):
        event = Event(name=event_name, event_type="standing_committee", start_date=START, end_date=END)
        session.add(event)
        session.flush()
        events[event_name] = event.id
        for name, gender in members:
            person = Person(name=name, gender=gender)
            session.add(person)
            session.flush()
            part = Participation(event_id=event.id, person_id=person.id, role="member", delegation="甲团",
                                 needs_lodging=True)
            session.add(part)
            session.flush()
            people[name] = part.id
    session.commit()
    hotel = hotels.add_hotel(session, name="会议中心宾馆").value
    twin = hotels.add_room_type(session, hotel_id=hotel, name="标准间", beds=2, rate_fen=38000).value
    rooms = hotels.add_rooms(session, hotel_id=hotel, room_type_id=twin, numbers="301-303").value
    return SimpleNamespace(a=events["常委会会议"], b=events["培训班"], people=people, hotel=hotel, twin=twin,
                           rooms=dict(zip(("301", "302", "303"), rooms, strict=True)))
