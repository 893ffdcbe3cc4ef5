"""Problems of an event's trips (车辆问题): a car or driver on two trips at once (also across events), a
driver on leave, a full car, a passenger in two cars, a trip without car, driver or time, a trip outside
the event's dates, a hired car without its day rate, an odometer read backwards.

Pure functions over trips_read.TripRow; ``transport_problems`` loads and runs them all. A trip lasts from
its departure to its return, half-open: one ending when the next starts does not overlap it. A trip
without a return time is taken to last one hour (trips_read.ASSUMED_DURATION), and its message says so.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from itertools import combinations
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.models import DriverAbsence, Event
from rdplanner.problems import COMPLETE, EARLY, ERROR, FRUGAL, WARNING, Problem, refs
from rdplanner.transport.fleet_rules import plate_text
from rdplanner.transport.trips_read import TripRow, day_text, load_event_trips, load_trips_around, when_text

MAX_NAMES = 5


class Absence(NamedTuple):
    """A period a driver cannot drive (a DriverAbsence row as plain data)."""

    driver_id: int
    starts_at: datetime
    ends_at: datetime
    reason: str = ""


def span(trip: TripRow) -> tuple[datetime, datetime] | None:
    """When the trip occupies its car and driver, None without a departure time."""
    if trip.depart_at is None:
        return None
    return trip.depart_at, trip.ends_at or trip.depart_at


def overlap(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    """Tell whether two half-open periods share a moment (touching ends do not)."""
    return a[0] < b[1] and b[0] < a[1]


def _when(trip: TripRow) -> str:
    if trip.depart_at is not None and trip.return_at is None:
        return f"{day_text(trip.depart_at)} {trip.depart_at:%H:%M} 出发，未填返回时间，按 1 小时计"
    return trip.when


def _named(trip: TripRow) -> str:
    return f"“{trip.title}”（{_when(trip)}）"


def _problem(code: str, message: str, trip_ids: Iterable[int], severity: str = ERROR,
             dimension: str = COMPLETE, participation_ids: Iterable[int] = ()) -> Problem:
    items = refs("transport", "trip", trip_ids) + refs("transport", "participation", participation_ids)
    return Problem(code, message, items, severity, dimension, "transport")


def _clashes(trips: Sequence[TripRow], others: Sequence[TripRow],
             key: Callable[[TripRow], int | None]) -> list[tuple[TripRow, TripRow]]:
    """Pairs of overlapping trips sharing ``key`` (a car, a driver): pairs within ``trips``, then each of
    ``trips`` with each overlapping trip of ``others`` (trips of other events)."""
    groups: dict[int, list[TripRow]] = defaultdict(list)
    for trip in trips:
        if key(trip) is not None and span(trip) is not None:
            groups[key(trip)].append(trip)
    pairs = [(a, b) for group in groups.values() for a, b in combinations(group, 2)
             if overlap(span(a), span(b))]
    for other in others:
        if span(other) is None:
            continue
        pairs += [(a, other) for a in groups.get(key(other), ()) if a.event_id != other.event_id
                  and overlap(span(a), span(other))]
    return pairs


def double_booked_vehicles(trips: Sequence[TripRow], others: Sequence[TripRow] = ()) -> list[Problem]:
    """A car on two overlapping trips of the event, or on one of another event (named)."""
    problems = []
    for a, b in _clashes(trips, others, lambda t: t.vehicle_id):
        if b.event_id == a.event_id:
            message = f"车辆{plate_text(a.plate)}同时安排了两趟行程：{_named(a)}与{_named(b)}，时间重叠。"
            problems.append(_problem("vehicle_double_booked", message, (a.id, b.id)))
        else:
            message = f"车辆{plate_text(a.plate)}在{_named(a)}期间已被活动“{b.event_name}”的行程{_named(b)}占用。"
            problems.append(_problem("vehicle_double_booked", message, (a.id,)))
    return problems


def double_booked_drivers(trips: Sequence[TripRow], others: Sequence[TripRow] = ()) -> list[Problem]:
    """A driver on two overlapping trips of the event, or on one of another event (named)."""
    problems = []
    for a, b in _clashes(trips, others, lambda t: t.driver_id):
        if b.event_id == a.event_id:
            message = f"驾驶员{a.driver_name}同时安排了两趟行程：{_named(a)}与{_named(b)}，时间重叠。"
            problems.append(_problem("driver_double_booked", message, (a.id, b.id)))
        else:
            message = f"驾驶员{a.driver_name}在{_named(a)}期间已被活动“{b.event_name}”的行程{_named(b)}安排。"
            problems.append(_problem("driver_double_booked", message, (a.id,)))
    return problems


def unavailable_drivers(trips: Sequence[TripRow], absences: Iterable[tuple]) -> list[Problem]:
    """A driver sent on a trip during a period they are not available (rows driver_id, starts_at,
    ends_at, reason)."""
    away: dict[int, list[Absence]] = defaultdict(list)
    for row in absences:
        absence = Absence(*row)
        away[absence.driver_id].append(absence)
    problems = []
    for trip in trips:
        if trip.driver_id is None or span(trip) is None:
            continue
        for absence in away.get(trip.driver_id, ()):
            if overlap(span(trip), (absence.starts_at, absence.ends_at)):
                why = f"（{absence.reason}）" if absence.reason else ""
                away_when = when_text(absence.starts_at, absence.ends_at)
                message = f"驾驶员{trip.driver_name}在{away_when}不能出车{why}，却安排了{_named(trip)}。"
                problems.append(_problem("driver_unavailable", message, (trip.id,)))
    return problems


def overfull_vehicles(trips: Sequence[TripRow]) -> list[Problem]:
    """More passengers than the car has passenger seats (its seats less the driver's)."""
    problems = []
    for trip in trips:
        if trip.capacity is not None and len(trip.passengers) > trip.capacity:
            message = (f"车辆{plate_text(trip.plate)}共 {trip.seats} 座（含驾驶员座），最多乘坐 {trip.capacity} 人，"
                       f"{_named(trip)}安排了 {len(trip.passengers)} 人。")
            problems.append(_problem("vehicle_overfull", message, (trip.id,)))
    return problems


def _listed(names: Sequence[str]) -> str:
    shown = "、".join(names[:MAX_NAMES])
    return shown + (f"等 {len(names)} 人" if len(names) > MAX_NAMES else "")


def double_booked_passengers(trips: Sequence[TripRow]) -> list[Problem]:
    """The same people on two overlapping trips: one finding per pair of trips (in the order given),
    naming them."""
    spans = {t.id: span(t) for t in trips}
    order = {t.id: n for n, t in enumerate(trips)}
    riding = {t.id: set(t.passenger_ids) for t in trips}
    by_start = sorted((t for t in trips if spans[t.id] is not None and riding[t.id]), key=lambda t: spans[t.id][0])
    pairs = []
    for n, a in enumerate(by_start):  # a sweep: only the trips starting before ``a`` ends can meet it
        for b in by_start[n + 1:]:
            if spans[b.id][0] >= spans[a.id][1]:
                break
            if overlap(spans[a.id], spans[b.id]) and riding[a.id] & riding[b.id]:
                pairs.append((a, b) if order[a.id] < order[b.id] else (b, a))
    problems = []
    for a, b in sorted(pairs, key=lambda pair: (order[pair[0].id], order[pair[1].id])):
        both = [p for p in a.passengers if p.participation_id in riding[b.id]]
        message = f"{_listed([p.name for p in both])}同时安排在{_named(a)}和{_named(b)}两趟车上。"
        problems.append(_problem("passenger_double_booked", message, (a.id, b.id),
                                 participation_ids=[p.participation_id for p in both]))
    return problems


def unassigned_trips(trips: Sequence[TripRow]) -> list[Problem]:
    """A trip without its car or driver (早: the dispatch is not ready)."""
    problems = []
    for trip in trips:
        missing = "、".join(what for what, gone in (("车辆", trip.vehicle_id is None),
                                                   ("驾驶员", trip.driver_id is None)) if gone)
        if missing:
            message = f"行程{_named(trip)}尚未安排{missing}。"
            problems.append(_problem("trip_unassigned", message, (trip.id,), WARNING, EARLY))
    return problems


def untimed_trips(trips: Sequence[TripRow]) -> list[Problem]:
    """A trip without a departure time: it cannot be checked for clashes."""
    return [_problem("trip_without_time", f"行程“{t.title}”尚未填写出发时间，无法核对车辆和驾驶员是否冲突。",
                     (t.id,), WARNING, EARLY) for t in trips if t.depart_at is None]


def trips_outside_event(trips: Sequence[TripRow], start: date, end: date) -> list[Problem]:
    """A trip starting before the event's first day or ending after its last."""
    first, after = datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())
    problems = []
    for trip in trips:
        period = span(trip)
        if period is not None and (period[0] < first or period[1] > after):
            message = f"行程{_named(trip)}不在活动日期（{day_text(start)}至{day_text(end)}）内。"
            problems.append(_problem("trip_outside_event", message, (trip.id,), WARNING))
    return problems


def hired_without_rate(trips: Sequence[TripRow]) -> list[Problem]:
    """A hired car (租用车辆) used without a day rate: the transport cost cannot be budgeted."""
    using: dict[int, list[TripRow]] = defaultdict(list)
    for trip in trips:
        if trip.vehicle_id is not None and trip.hired and not trip.day_rate_fen:
            using[trip.vehicle_id].append(trip)
    return [_problem("hired_vehicle_without_rate",
                     f"租用车辆{plate_text(group[0].plate)}未填日租价，无法核算交通费（用于 {len(group)} 趟行程）。",
                     [t.id for t in group], WARNING, FRUGAL) for group in using.values()]


def reversed_odometers(trips: Sequence[TripRow]) -> list[Problem]:
    """An odometer reading on return below the one on departure."""
    return [_problem("odometer_reversed", f"行程{_named(t)}的回场里程（{t.odometer_in} 公里）小于出车里程"
                     f"（{t.odometer_out} 公里），请核对里程表读数。", (t.id,))
            for t in trips if t.odometer_out is not None and t.odometer_in is not None
            and t.odometer_in < t.odometer_out]


def trip_problems(trips: Sequence[TripRow], *, start: date, end: date, others: Sequence[TripRow] = (),
                  absences: Iterable[tuple] = ()) -> list[Problem]:
    """Every check over the event's trips (dates ``start``–``end``); ``others``: trips of other events."""
    return (double_booked_vehicles(trips, others) + double_booked_drivers(trips, others)
            + unavailable_drivers(trips, absences) + overfull_vehicles(trips)
            + double_booked_passengers(trips) + reversed_odometers(trips) + unassigned_trips(trips)
            + untimed_trips(trips) + trips_outside_event(trips, start, end) + hired_without_rate(trips))


def transport_problems(session: Session, event_id: int, trips: Sequence[TripRow] | None = None) -> list[Problem]:
    """Load the event's trips (unless given), the other events' trips in the same period and the
    drivers' absences, and run every check."""
    event = session.get(Event, event_id)
    if event is None:
        return []
    trips = load_event_trips(session, event_id) if trips is None else trips
    periods = [span(t) for t in trips if span(t) is not None]
    others: tuple[TripRow, ...] = ()
    if periods:
        others = load_trips_around(session, min(p[0] for p in periods), max(p[1] for p in periods),
                                   exclude_event=event_id)
    drivers = sorted({t.driver_id for t in trips if t.driver_id is not None})
    a = DriverAbsence
    absences = session.execute(select(a.driver_id, a.starts_at, a.ends_at, a.reason)
                               .where(a.driver_id.in_(drivers))).all() if drivers else []
    return trip_problems(trips, start=event.start_date, end=event.end_date, others=others, absences=absences)
