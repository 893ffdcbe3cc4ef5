"""The demo's car pool and trips: a fleet of every kind driven by licensed drivers, some hired and some
drivers away, trips planned for what people ride to (none overfull, no driver away), and in the large
demo a 代表视察 sharing the fleet with a few clashes on purpose."""

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from memory_db import memory_session
from sqlalchemy import func, select

from rdplanner.demo import build_demo
from rdplanner.models import Driver, DriverAbsence, Event, Participation, Sitting, Stay, Trip, Vehicle
from rdplanner.transport.domain import DOMAIN
from rdplanner.transport.fleet_rules import licence_covers
from rdplanner.transport.trips_read import load_event_trips

TODAY = date(2026, 11, 12)


@pytest.fixture(scope="module")
def large() -> Iterator[tuple]:
    with memory_session() as session:
        yield session, build_demo(session, size="large", today=TODAY)


@pytest.fixture(scope="module")
def small() -> Iterator[tuple]:
    with memory_session() as session:
        yield session, build_demo(session, size="small", today=TODAY)


def codes(session, event_id) -> Counter:
    return Counter(p.code for p in DOMAIN.problems(session, event_id))


def test_demo_large_fleet_has_every_kind_mostly_sedans_and_mpvs(large):
    session, _ = large

    kinds = Counter(session.scalars(select(Vehicle.kind)))

    assert set(kinds) == {"coach", "minibus", "mpv", "sedan"}
    assert kinds["sedan"] + kinds["mpv"] > kinds["coach"] + kinds["minibus"]


def test_demo_large_every_vehicle_has_a_default_driver_licensed_for_it(large):
    session, _ = large

    pairs = session.execute(select(Vehicle.kind, Driver.licence_class)
                            .join(Driver, Driver.id == Vehicle.default_driver_id)).all()

    assert len(pairs) == session.scalar(select(func.count()).select_from(Vehicle))
    assert all(licence_covers(kind, licence) for kind, licence in pairs)


def test_demo_large_has_spare_drivers_and_hired_cars_with_a_company_and_rate(large):
    session, _ = large

    drivers = session.scalar(select(func.count()).select_from(Driver))
    hired = session.execute(select(Vehicle.hire_company, Vehicle.day_rate_fen).where(Vehicle.hired)).all()

    assert drivers > session.scalar(select(func.count()).select_from(Vehicle))
    assert len(hired) == 3 and all(company and rate for company, rate in hired)


def test_demo_large_has_three_drivers_away_during_the_congress(large):
    session, event_id = large
    event = session.get(Event, event_id)

    away = session.execute(select(DriverAbsence.starts_at, DriverAbsence.ends_at)).all()

    assert len(away) == 3
    assert all(start.date() <= event.end_date and end.date() >= event.start_date for start, end in away)


def test_demo_picks_up_the_lodged_at_the_hotel_and_the_others_in_the_city_centre(large):
    session, event_id = large
    stayers = select(Stay.participation_id).where(Stay.event_id == event_id)

    points = session.execute(select(Participation.id.in_(stayers), Participation.pickup_point)
                             .where(Participation.event_id == event_id, Participation.leave_status != "approved")).all()

    assert {(bool(lodged), point) for lodged, point in points} == {(True, "市人大会议中心宾馆"),
                                                                  (False, "市民中心")}


@pytest.mark.parametrize("size", ["small", "large"])
def test_demo_trips_serve_the_plenaries_and_meet_arrivals(size, small, large):
    session, event_id = small if size == "small" else large

    kinds = Counter(session.scalars(select(Sitting.kind).join(Trip, Trip.sitting_id == Sitting.id)
                                    .where(Trip.event_id == event_id)))

    assert kinds["plenary"] and kinds["arrival"]
    assert session.scalar(select(func.count()).select_from(Trip).where(Trip.sitting_id.is_(None),
                                                                        Trip.event_id == event_id)) == 0


def test_demo_large_trips_visit_the_sites_and_see_departures_off(large):
    session, event_id = large

    kinds = Counter(t.kind for t in load_event_trips(session, event_id))

    assert kinds["visit"] and kinds["pickup"] and kinds["dropoff"] and kinds["meeting"]


@pytest.mark.parametrize("size", ["small", "large"])
def test_demo_planned_trips_are_not_overfull_driven_by_someone_away_or_a_passenger_twice(size, small, large):
    session, event_id = small if size == "small" else large

    found = codes(session, event_id)

    assert not found["vehicle_overfull"] and not found["driver_unavailable"]
    assert not found["passenger_double_booked"]
    assert not found["trip_unassigned"] and not found["hired_vehicle_without_rate"]


def test_demo_small_keeps_a_handful_of_trips(small):
    session, event_id = small

    trips = load_event_trips(session, event_id)

    assert 0 < len(trips) <= 8 and not codes(session, event_id)["vehicle_double_booked"]


def test_demo_large_has_an_inspection_in_the_same_days(large):
    session, event_id = large
    congress = session.get(Event, event_id)

    other = session.scalars(select(Event).where(Event.event_type == "deputy_inspection")).one()
    people = session.scalar(select(func.count()).select_from(Participation)
                            .where(Participation.event_id == other.id))

    assert congress.start_date <= other.start_date <= other.end_date <= congress.end_date
    assert 15 <= people <= 25 and load_event_trips(session, other.id)


def test_demo_large_inspection_books_a_few_congress_cars_and_drivers_twice(large):
    session, event_id = large
    other = session.scalar(select(Event.id).where(Event.event_type == "deputy_inspection"))

    found = [p for p in DOMAIN.problems(session, event_id)
             if p.code in ("vehicle_double_booked", "driver_double_booked")]

    assert 2 <= len(found) <= 6
    assert all("市人大代表专题视察（城市更新）" in p.message for p in found)
    assert codes(session, other)["vehicle_double_booked"] and codes(session, other)["driver_double_booked"]
