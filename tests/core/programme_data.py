"""A two-day standing-committee meeting with a hall and three participants, for the programme's tests."""

from datetime import date, datetime, time

from rdplanner.models import Event, Hall, Participation, Person, Venue
from rdplanner.programme.service import ItemDraft

DAY = date(2027, 3, 10)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


def make_meeting(session) -> int:
    venue = Venue(name="市人大常委会机关")
    session.add(venue)
    session.flush()
    hall = Hall(venue_id=venue.id, name="第一会议室", capacity=120)
    session.add(hall)
    session.flush()
    event = Event(name="市第十七届人大常委会第二十三次会议", event_type="standing_committee", start_date=DAY,
                  end_date=date(2027, 3, 11), venue_id=venue.id, hall_id=hall.id)
    session.add(event)
    session.flush()
    for n, (name, role, group) in enumerate((("王建国", "member", "第一组"), ("李红", "member", "第二组"),
                                              ("张伟", "attendee", ""))):
        person = Person(name=name)
        session.add(person)
        session.flush()
        session.add(Participation(event_id=event.id, person_id=person.id, role=role, group_name=group,
                                  rank_order=n))
    session.commit()
    return event.id


def draft_of(row):
    from rdplanner.events.service import EventDraft

    return EventDraft(name=row.name, event_type=row.event_type, start_date=row.start_date, end_date=row.end_date,
                      venue_name=row.venue_name, expense_category=row.expense_category, status=row.status)


def item(name="第一次全体会议", kind="plenary", start=at(9), end=at(11, 30), **fields) -> ItemDraft:
    return ItemDraft(name=name, kind=kind, starts_at=start, ends_at=end, **fields)
