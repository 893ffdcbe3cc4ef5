"""The demo's car pool (vehicles, drivers with licence classes, hired cars, drivers away) and its trips,
made with the transport planner for the programme items people ride to; and, for the large demo, a
代表视察 in the same days that shares the fleet, with a few cars and drivers booked twice on purpose.
"""

from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlmodel import Session

from rdplanner.demo.people import PersonFactory
from rdplanner.models import Driver, DriverAbsence, Event, Participation, Sitting, Trip, Vehicle
from rdplanner.transport.plan_rules import Group
from rdplanner.transport.planner import fleet_state, propose_transport, save_proposal

HOTEL = "市人大会议中心宾馆"
CITY_CENTRE = "市民中心"
POOL = "市机关事务管理局车队"
HIRE_COMPANY = "市旅游汽车有限公司"
PLATE_LETTERS = {"coach": "K", "minibus": "Z", "mpv": "S", "sedan": "J"}
LICENCES = {"coach": "A1", "minibus": "B1", "mpv": "C1", "sedan": "C1"}  # the class each kind needs
MODELS = {"coach": "宇通 ZK6127", "minibus": "丰田考斯特", "mpv": "别克 GL8", "sedan": "红旗 H5"}
SEATS = {"coach": 53, "minibus": 19, "mpv": 7, "sedan": 5}
# (kind, how many, how many of them hired); the large demo also has spare drivers by licence class.
LARGE_FLEET = (("coach", 5, 2), ("minibus", 6, 1), ("mpv", 13, 0), ("sedan", 16, 0))
SMALL_FLEET = (("minibus", 3, 0), ("mpv", 3, 0), ("sedan", 2, 0))
SPARE_LICENCES = ("A1", "A1", "B1", "C1", "C1")
DAY_RATES_FEN = {"coach": 180000, "minibus": 120000}
STATIONS = ("杭州东站", "杭州西站", "杭州站", "萧山国际机场")
PLANNED_KINDS = frozenset({"arrival", "plenary", "visit", "departure"})  # items people ride to


def fleet(session: Session, *, size: str) -> None:
    """Create the car pool: each vehicle with a default driver licensed for it (numbered plates), the
    last of some kinds hired (LARGE_FLEET); the large pool adds spare drivers (SPARE_LICENCES)."""
    names = PersonFactory(seed=4100 if size == "large" else 4200)
    n = 0
    for kind, count, hired in LARGE_FLEET if size == "large" else SMALL_FLEET:
        for k in range(count):
            driver_id = _driver(session, names.person().name, LICENCES[kind], n)
            is_hired = k >= count - hired
            plate = f"浙A{PLATE_LETTERS[kind]}{n:04d}"
            if session.scalar(select(Vehicle.id).where(Vehicle.plate == plate)) is None:
                session.add(Vehicle(plate=plate, model=MODELS[kind], kind=kind, seats=SEATS[kind],
                                    unit=HIRE_COMPANY if is_hired else POOL, default_driver_id=driver_id,
                                    hired=is_hired, hire_company=HIRE_COMPANY if is_hired else "",
                                    day_rate_fen=DAY_RATES_FEN[kind] if is_hired else None))
            n += 1
    if size == "large":
        for licence in SPARE_LICENCES:
            _driver(session, names.person().name, licence, n)
            n += 1
    session.flush()


def _driver(session: Session, name: str, licence: str, n: int) -> int:
    found = session.scalar(select(Driver.id).where(Driver.name == name, Driver.unit == POOL))
    if found is not None:
        return found
    driver = Driver(name=name, phone=f"1390000{n:04d}", unit=POOL, licence_class=licence)
    session.add(driver)
    session.flush()
    return driver.id


def absences(session: Session, start: date) -> None:
    """Three drivers away during the congress: a coach driver ill on the opening day, an MPV driver at a
    course on days 3–4, a sedan driver on annual leave all week."""
    def of(kind: str) -> list[int]:
        query = select(Vehicle.default_driver_id).where(Vehicle.kind == kind, Vehicle.unit == POOL)
        return list(session.scalars(query.order_by(Vehicle.plate)))

    def at(day: int, hour: int) -> datetime:
        return datetime.combine(start + timedelta(days=day), time(hour))

    session.execute(insert(DriverAbsence), [
        {"driver_id": of("coach")[1], "starts_at": at(1, 6), "ends_at": at(1, 20), "reason": "病假"},
        {"driver_id": of("mpv")[2], "starts_at": at(2, 0), "ends_at": at(4, 0), "reason": "外出培训"},
        {"driver_id": of("sedan")[3], "starts_at": at(-1, 0), "ends_at": at(6, 0), "reason": "年休假"},
    ])


def travel_reply(d_index: int, n: int, lodged: bool) -> dict:
    """The 回执 of a congress deputy: deputies lodged at the hotel ride to the plenaries, except those
    of the three central districts (their districts send their own cars); half of those from the far
    counties (and the army) come by train, met at the station and seen off after the closing."""
    rides = lodged and d_index >= 3
    if not (rides and d_index >= 10 and n % 2 == 0):
        return {"needs_transport": rides}
    k = n // 2
    arrive = (datetime(2000, 1, 1, 7) + timedelta(minutes=k * 23 % 300)).time()
    leave = (datetime(2000, 1, 1, 15) + timedelta(minutes=k * 19 % 240)).time()
    come, go = STATIONS[(d_index + k) % 4], STATIONS[(d_index + k + 1) % 4]
    train = d_index * 40 + k
    return {"needs_transport": True, "needs_pickup": True, "needs_dropoff": True,
            "arrival_mode": _mode(come), "arrival_station": come, "arrival_time": arrive,
            "arrival_number": _number(come, 300 + train), "departure_mode": _mode(go), "departure_station": go,
            "departure_time": leave, "departure_number": _number(go, 600 + train)}


def _mode(station: str) -> str:
    return "flight" if station.endswith("机场") else "train"


def _number(station: str, n: int) -> str:
    """A flight number at the airport, a train's elsewhere."""
    return f"MU{5000 + n}" if station.endswith("机场") else f"G{7000 + n}"


# Met early enough to be back (an hour after the last arrival) before the opening plenary's ride.
COMMITTEE_TRAINS = {9: ("杭州东站", time(7, 10)), 11: ("杭州西站", time(7, 20)),
                    13: ("杭州东站", time(7, 50))}


def committee_reply(rank: int, lodged: bool) -> dict:
    """The 回执 of a standing-committee meeting's attendee: the lodged ride; three come by train."""
    if rank not in COMMITTEE_TRAINS or not lodged:
        return {"needs_transport": lodged}
    station, arrive = COMMITTEE_TRAINS[rank]
    return {"needs_transport": True, "needs_pickup": True, "arrival_mode": "train", "arrival_station": station,
            "arrival_time": arrive, "arrival_number": f"G{7500 + rank}"}


def plan_trips(session: Session, event_id: int) -> int:
    """Plan every item people ride to (PLANNED_KINDS) with the transport planner; return the trips made."""
    s = Sitting
    items = session.scalars(select(s.id).where(s.event_id == event_id, s.kind.in_(PLANNED_KINDS))
                            .order_by(s.starts_at, s.sort_order))
    made = 0
    for item_id in list(items):
        proposal = propose_transport(session, event_id=event_id, item_id=item_id)
        if proposal.trips:
            made += len(save_proposal(session, event_id=event_id, proposal=proposal))
    return made


def inspection(session: Session, event: Event, person_ids: list[int], congress: Event) -> None:
    """A 代表视察 during the congress: 20 deputies of a central district (the 团长 first) visit a site in
    the afternoon of the congress's fourth day; its trips are planned like the congress's, and three more
    book on purpose a car or driver the congress has at that time."""
    values = [{"event_id": event.id, "person_id": pid, "role": "deputy", "rank_order": 1 if n == 0 else 0,
               "needs_transport": True, "pickup_point": CITY_CENTRE, "delegation": "上城区代表团"}
              for n, pid in enumerate(person_ids)]
    session.execute(insert(Participation), values)
    day = datetime.combine(congress.start_date + timedelta(days=3), time())
    session.add(Sitting(event_id=event.id, name="视察：上城区老旧小区改造项目", kind="visit",
                        starts_at=day + timedelta(hours=14), ends_at=day + timedelta(hours=17),
                        place="上城区望江街道", sort_order=1))
    session.flush()
    plan_trips(session, event.id)
    _double_bookings(session, event, congress)


def _congress_trip(session: Session, congress: Event, item: str, kind: str) -> Trip:
    return session.scalars(select(Trip).join(Sitting, Sitting.id == Trip.sitting_id).join(
        Vehicle, Vehicle.id == Trip.vehicle_id).where(Trip.event_id == congress.id, Sitting.name == item,
                                                      Vehicle.kind == kind).order_by(Trip.id)).first()


def _double_bookings(session: Session, event: Event, congress: Event) -> None:
    """Three trips of the 视察 that clash with the congress's: its car (another driver), its driver
    (another car), both."""
    opening = _congress_trip(session, congress, "开幕大会", "mpv")
    visit = _congress_trip(session, congress, "代表视察：滨江区污水处理厂", "coach")
    other_visit = _congress_trip(session, congress, "代表视察：钱塘区智能制造产业园", "coach")
    clashes = (("视察路线踩点", opening, timedelta(minutes=30), timedelta(hours=1.5), "car"),
               ("送视察材料", visit, timedelta(hours=1), timedelta(hours=1), "driver"),
               ("接视察组专家", other_visit, timedelta(), timedelta(hours=2), "both"))
    rows = []
    for purpose, trip, later, lasting, shared in clashes:
        span = (trip.depart_at + later, trip.depart_at + later + lasting)
        state = fleet_state(session, [Group("", "", *span, ())])
        vehicle_id, driver_id = trip.vehicle_id, trip.driver_id
        if shared == "car":
            driver_id = next(d.id for d in state.drivers if state.driver_free(d, "mpv", span))
        elif shared == "driver":
            sedans = (v for v in state.vehicles if v.kind == "sedan")
            vehicle_id = next(v.id for v in sedans if state.vehicle_free(v.id, span))
        rows.append({"event_id": event.id, "vehicle_id": vehicle_id, "driver_id": driver_id,
                     "purpose": purpose,
                     "origin": CITY_CENTRE, "destination": "上城区望江街道", "depart_at": span[0],
                     "return_at": span[1], "status": "approved", "requested_by": "视察组",
                     "approved_by": "办公室主任"})
    session.execute(insert(Trip), rows)
