"""People who need transport for an item they attend and have no seat on its trips (issue 10), and the
trips moving with the event's dates, through the registry's hooks on a real database."""

from datetime import date, datetime

from sqlalchemy import update

from rdplanner.models import Participation
from rdplanner.planning import event_problems
from rdplanner.transport.trips import create_trip, set_passengers
from transport_data import add_person, add_sitting, make_event


def needing(session, *ids):
    session.execute(update(Participation).where(Participation.id.in_(ids)).values(needs_transport=True))
    session.commit()


def coverage(session, event_id):
    return [p for p in event_problems(session, event_id) if p.code == "passenger_without_trip"]


def test_a_site_visit_names_who_needs_a_car_and_has_none(session):
    event = make_event(session)
    wang, li, _zhang = (add_person(session, event, n) for n in ("王建国", "李红", "张伟"))
    needing(session, wang, li)
    add_sitting(session, event, "视察污水处理厂", datetime(2026, 6, 2, 14), datetime(2026, 6, 2, 17), kind="visit")
    found = coverage(session, event)
    assert [p.message for p in found] == ["“6月2日 14:00—17:00 视察污水处理厂”有 2 名需要用车的参加人员未安排车辆：李红、王建国。"]
    assert found[0].ids("participation") == (li, wang)  # in the order of the names listed


def test_riding_on_a_trip_of_the_item_covers_a_person(session):
    event = make_event(session)
    wang = add_person(session, event, "王建国")
    needing(session, wang)
    item = add_sitting(session, event, "视察", datetime(2026, 6, 2, 14), datetime(2026, 6, 2, 17), kind="visit")
    trip = create_trip(session, event_id=event, sitting_id=item).value
    set_passengers(session, trip_id=trip, participation_ids=[wang])
    assert coverage(session, event) == []


def test_a_plenary_needs_rides_only_once_transport_is_planned_for_it(session):
    event = make_event(session)
    wang, li = add_person(session, event, "王建国"), add_person(session, event, "李红")
    needing(session, wang, li)
    item = add_sitting(session, event, "全体会议", datetime(2026, 6, 1, 9), datetime(2026, 6, 1, 11))
    assert coverage(session, event) == []
    trip = create_trip(session, event_id=event, sitting_id=item).value
    set_passengers(session, trip_id=trip, participation_ids=[wang])
    assert [p.ids("participation") for p in coverage(session, event)] == [(li,)]


def test_people_on_leave_or_not_needing_transport_are_not_listed(session):
    event = make_event(session)
    wang, _li = add_person(session, event, "王建国"), add_person(session, event, "李红")
    needing(session, wang)
    session.execute(update(Participation).where(Participation.id == wang).values(leave_status="approved"))
    session.commit()
    add_sitting(session, event, "视察", datetime(2026, 6, 2, 14), datetime(2026, 6, 2, 17), kind="visit")
    assert coverage(session, event) == []


def test_moving_the_opening_day_moves_the_trips(session):
    from rdplanner.events.service import EventDraft, get_event
    from rdplanner.planning import save_event
    from rdplanner.transport.trips_read import load_event_trips

    event = make_event(session)
    create_trip(session, event_id=event, depart_at=datetime(2026, 6, 1, 8), return_at=datetime(2026, 6, 1, 9))
    row = get_event(session, event)
    draft = EventDraft(name=row.name, event_type=row.event_type, start_date=date(2026, 6, 3), end_date=date(2026, 6, 5))
    outcome = save_event(session, event_id=event, expected_version=row.version, draft=draft)
    assert outcome.changes.touches("transport", event)
    trip = load_event_trips(session, event)[0]
    assert (trip.depart_at, trip.return_at) == (datetime(2026, 6, 3, 8), datetime(2026, 6, 3, 9))


def test_an_arrival_item_counts_those_to_be_met_not_everyone_needing_a_car(session):
    event = make_event(session)
    met, local = add_person(session, event, "王建国"), add_person(session, event, "李红")
    needing(session, met, local)
    session.execute(update(Participation).where(Participation.id == met).values(needs_pickup=True))
    session.commit()
    add_sitting(session, event, "报到", datetime(2026, 6, 1, 8), datetime(2026, 6, 1, 11), kind="arrival")
    create_trip(session, event_id=event, sitting_id=add_sitting(
        session, event, "视察", datetime(2026, 6, 2, 14), datetime(2026, 6, 2, 17), kind="visit"))
    found = [p for p in coverage(session, event) if "报到" in p.message]
    assert [p.ids("participation") for p in found] == [(met,)]
