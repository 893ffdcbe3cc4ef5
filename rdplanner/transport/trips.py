"""Trip services (派车): one function per user action on an event's trips, their car, driver, status and
passengers, and the trips made from another (the same trip on other days, the way back).

Every service first takes the event's lock (store.lock_roster, which the transport and roster undo take
too), validates (InvalidInput naming the field), writes, commits, and returns an Outcome naming the
event's transport and the trips it touched.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound, StaleEdit
from rdplanner.labels import EVENT_TYPE_BODY, TRIP_STATUSES
from rdplanner.models import (
    Driver,
    Event,
    Hall,
    Participation,
    Person,
    Sitting,
    Trip,
    TripPassenger,
    Vehicle,
    Venue,
)
from rdplanner.office_settings import name_convention
from rdplanner.store import column_values, lock_roster, versioned_update
from rdplanner.transport.seat_order import Rider, seat_order
from rdplanner.transport.trip_rules import (
    STATUS_STEPS,
    TEXT_LIMITS,
    check_capacity,
    check_overrides,
    check_ready,
    check_step,
    check_times,
    clean_values,
)
from rdplanner.transport.trips_read import day_text

SITTING_TRIP_KINDS = {"arrival": "pickup", "departure": "dropoff", "visit": "visit"}
RETURN_KINDS = {"pickup": "dropoff", "dropoff": "pickup"}
RETURN_MARK = "（返程）"


def trip_changes(event_id: int, trip_ids: Iterable[int]) -> Changes:
    """The change set of an action on the event's trips."""
    return Changes.of("transport", event_id, rows=tuple(("trip", i) for i in trip_ids))


def _sitting_of(session: Session, event_id: int, sitting_id: int) -> Sitting:
    sitting = session.get(Sitting, sitting_id)
    if sitting is None or sitting.event_id != event_id:
        raise InvalidInput("所选日程不属于本活动，或已被删除。", field="sitting_id")
    return sitting


def _sitting_defaults(session: Session, sitting: Sitting) -> dict[str, Any]:
    """What a trip to a programme item takes from it: its time, place (or hall) and name."""
    place = sitting.place
    if not place and sitting.hall_id is not None:
        venue, hall = session.execute(select(Venue.name, Hall.name).join(Venue, Venue.id == Hall.venue_id)
                                      .where(Hall.id == sitting.hall_id)).one()
        place = f"{venue} {hall}"
    return {"kind": SITTING_TRIP_KINDS.get(sitting.kind, "meeting"), "purpose": sitting.name,
            "destination": place[:TEXT_LIMITS["destination"]], "depart_at": sitting.starts_at,
            "return_at": sitting.ends_at}


def _locked_trip(session: Session, trip_id: int) -> Trip:
    """The trip, read after its event's lock is taken."""
    event_id = session.scalar(select(Trip.event_id).where(Trip.id == trip_id))
    if event_id is None:
        raise NotFound(f"找不到该行程（编号 {trip_id}），可能已被删除。")
    lock_roster(session, event_id)
    trip = session.get(Trip, trip_id, populate_existing=True)
    if trip is None:
        raise NotFound(f"找不到该行程（编号 {trip_id}），可能已被删除。")
    return trip


def _save(session: Session, trip: Trip, values: Mapping[str, Any], expected_version: int | None) -> int:
    version = trip.version if expected_version is None else expected_version
    return versioned_update(session, Trip, trip.id, expected_version=version, values=values, what="行程")


def create_trip(session: Session, *, event_id: int, sitting_id: int | None = None, **fields: Any) -> Outcome:
    """Create a trip of the event (status 已申请); value: its id.

    With ``sitting_id`` (a programme item) the trip takes its defaults from it: the start and end times
    as departure and return, its place (else its venue and hall) as destination, its name as purpose, and
    接站/送站/视察用车 for an arrival, departure or visit item; ``fields`` given explicitly win.

    Raises:
        NotFound: no such event. InvalidInput: see clean_values; a programme item of another event; a
        return time not after the departure.
    """
    lock_roster(session, event_id)
    values: dict[str, Any] = {}
    if sitting_id is not None:
        values |= _sitting_defaults(session, _sitting_of(session, event_id, sitting_id))
    values |= clean_values(fields)
    check_times(values.get("depart_at"), values.get("return_at"))
    trip = Trip(event_id=event_id, sitting_id=sitting_id, **values)
    session.add(trip)
    session.flush()
    trip_id = trip.id
    session.commit()
    return Outcome(trip_changes(event_id, [trip_id]), trip_id)


def update_trip(session: Session, *, trip_id: int, expected_version: int,
                values: Mapping[str, Any]) -> Outcome:
    """Save edited fields of a trip (the keys of FIELD_LABELS); value: its new version.

    Raises:
        NotFound, StaleEdit (someone saved it since ``expected_version``), InvalidInput (see create_trip).
    """
    trip = _locked_trip(session, trip_id)
    cleaned = clean_values(values)
    if cleaned.get("sitting_id") is not None:
        _sitting_of(session, trip.event_id, cleaned["sitting_id"])
    check_times(cleaned.get("depart_at", trip.depart_at), cleaned.get("return_at", trip.return_at))
    version = _save(session, trip, cleaned, expected_version)
    session.commit()
    return Outcome(trip_changes(trip.event_id, [trip_id]), version)


def remove_trip(session: Session, *, trip_id: int, expected_version: int | None = None) -> Outcome:
    """Delete a trip and its passenger list.

    Raises:
        NotFound; StaleEdit if ``expected_version`` is given and someone saved the trip since.
    """
    trip = _locked_trip(session, trip_id)
    if expected_version is not None and trip.version != expected_version:
        session.rollback()
        raise StaleEdit("该行程已被其他人修改并保存（您打开后发生了变化），未删除。请刷新后再操作。")
    event_id = trip.event_id
    session.execute(delete(TripPassenger).where(TripPassenger.trip_id == trip_id))
    session.execute(delete(Trip).where(Trip.id == trip_id))
    session.commit()
    return Outcome(trip_changes(event_id, [trip_id]))


def _riders(session: Session, event_id: int, ids: Sequence[int]) -> list[Rider]:
    p = Participation
    found = {row[0]: row for row in session.execute(
        select(p.id, p.event_id, Person.name, p.role, p.rank_order).join(Person, Person.id == p.person_id)
        .where(p.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise InvalidInput(f"找不到编号为 {'、'.join(map(str, missing))} 的参会人员，可能已被移出名单。",
                           field="participation_ids")
    strangers = [found[i][2] for i in ids if found[i][1] != event_id]
    if strangers:
        raise InvalidInput(f"{'、'.join(strangers)}不是本活动的参会人员，不能安排乘坐本活动的车辆。",
                           field="participation_ids")
    return [Rider(i, found[i][2], found[i][3], found[i][4]) for i in ids]


def _convention(session: Session, event_id: int) -> str:
    event_type = session.scalar(select(Event.event_type).where(Event.id == event_id))
    return name_convention(session, EVENT_TYPE_BODY.get(event_type or "", "standing_committee"))


def set_passengers(session: Session, *, trip_id: int, participation_ids: Sequence[int],
                   overrides: Mapping[int, int] | None = None) -> Outcome:
    """Make the trip's passengers exactly these, seated in protocol order (transport.seat_order), the
    ``overrides`` (participation id → seat position) by hand; value: the SeatPlaces in seat order.

    Raises:
        NotFound. InvalidInput: someone unknown or of another event (field participation_ids); more
        passengers than the car's seats; an override for someone not riding, a seat twice or past the car.
    """
    trip = _locked_trip(session, trip_id)
    ids = list(dict.fromkeys(participation_ids))
    riders = _riders(session, trip.event_id, ids) if ids else []
    vehicle = session.get(Vehicle, trip.vehicle_id) if trip.vehicle_id is not None else None
    if vehicle is not None:
        check_capacity(vehicle, len(ids))
    overrides = dict(overrides or {})
    check_overrides(ids, overrides, vehicle)
    places = seat_order(vehicle.kind if vehicle else None, riders, overrides,
                        convention=_convention(session, trip.event_id))
    session.execute(delete(TripPassenger).where(TripPassenger.trip_id == trip_id))
    if places:
        session.execute(insert(TripPassenger), [
            {"trip_id": trip_id, "participation_id": p.participation_id, "seat_position": p.seat_position}
            for p in places])
    session.commit()
    return Outcome(trip_changes(trip.event_id, [trip_id]), tuple(places))


def _usable(session: Session, model: type, row_id: int, current: int | None, what: str, field: str) -> Any:
    """The car or driver, locked (FOR UPDATE, read afresh) so that retiring or removing it, or another
    event's plan taking it, waits for this assignment or is seen by it."""
    row = session.scalar(select(model).where(model.id == row_id).with_for_update()
                         .execution_options(populate_existing=True))
    if row is None or (not row.active and row_id != current):
        raise InvalidInput(f"所选{what}不存在或已停用，请另选。", field=field)
    return row


def assign(session: Session, *, trip_id: int, vehicle_id: int | None, driver_id: int | None,
           expected_version: int | None = None) -> Outcome:
    """Give the trip its car and driver (None: none yet); value: the trip's new version.

    Raises:
        NotFound, StaleEdit. InvalidInput: a car or driver unknown or retired; a car with fewer passenger
        seats than the trip has passengers; no car or driver left on a trip already dispatched.
    """
    trip = _locked_trip(session, trip_id)
    if vehicle_id is not None:
        vehicle = _usable(session, Vehicle, vehicle_id, trip.vehicle_id, "车辆", "vehicle_id")
        riders = session.scalar(select(func.count()).select_from(TripPassenger)
                                .where(TripPassenger.trip_id == trip_id)) or 0
        check_capacity(vehicle, riders)
    if driver_id is not None:
        _usable(session, Driver, driver_id, trip.driver_id, "驾驶员", "driver_id")
    if trip.status in ("dispatched", "done") and (vehicle_id is None or driver_id is None):
        raise InvalidInput(f"该行程为“{TRIP_STATUSES[trip.status]}”状态，须有车辆和驾驶员；"
                           "如需撤下请先退回状态。",
                           field="vehicle_id" if vehicle_id is None else "driver_id")
    version = _save(session, trip, {"vehicle_id": vehicle_id, "driver_id": driver_id}, expected_version)
    session.commit()
    return Outcome(trip_changes(trip.event_id, [trip_id]), version)


def set_status(session: Session, *, trip_id: int, status: str,
               expected_version: int | None = None) -> Outcome:
    """Move the trip one step forward or back (已申请 → 已批准 → 已派车 → 已完成); value: its new version.

    Raises:
        NotFound, StaleEdit. InvalidInput: an unknown status, a jump of more than one step, 派车 without
        car or driver, 回场 without both odometer readings or with the reading in below the reading out.
    """
    trip = _locked_trip(session, trip_id)
    check_step(trip, status)
    check_ready(trip, status)
    version = _save(session, trip, {"status": status}, expected_version)
    session.commit()
    return Outcome(trip_changes(trip.event_id, [trip_id]), version)


def advance_status(session: Session, *, trip_id: int, expected_version: int | None = None) -> Outcome:
    """Move the trip to its next status (see set_status); the last status has none."""
    trip = _locked_trip(session, trip_id)
    now = STATUS_STEPS.index(trip.status) if trip.status in STATUS_STEPS else -1
    if now == len(STATUS_STEPS) - 1:
        raise InvalidInput(f"该行程已是“{TRIP_STATUSES[trip.status]}”，没有下一步。", field="status")
    return set_status(session, trip_id=trip_id, status=STATUS_STEPS[now + 1],
                      expected_version=expected_version)


def _copy(session: Session, trip: Trip, values: Mapping[str, Any]) -> int:
    """Insert a new request like ``trip`` (approval and odometer cleared) with ``values``, and its riders."""
    fresh = {"status": "requested", "approved_by": "", "odometer_out": None, "odometer_in": None}
    copy = Trip(**column_values(trip, exclude={"id", "version"}) | fresh | dict(values))
    session.add(copy)
    session.flush()
    riders = session.execute(select(TripPassenger.participation_id, TripPassenger.seat_position)
                             .where(TripPassenger.trip_id == trip.id).order_by(TripPassenger.id)).all()
    if riders:
        session.execute(insert(TripPassenger), [
            {"trip_id": copy.id, "participation_id": pid, "seat_position": position}
            for pid, position in riders])
    return copy.id


def copy_trip_to_days(session: Session, *, trip_id: int, dates: Iterable[date]) -> Outcome:
    """Copy the trip to other days of the event at the same times, car, driver and passengers; value: the
    new trips' ids by date. Copies are new requests (已申请) and hang on no programme item (the item is
    the original day's).

    Raises:
        NotFound. InvalidInput: no date, the trip has no departure time, a date outside the event's dates
        or the trip's own day (field dates).
    """
    trip = _locked_trip(session, trip_id)
    if trip.depart_at is None:
        raise InvalidInput("该行程未填出发时间，无法复制到其他日期。", field="depart_at")
    event = session.get(Event, trip.event_id)
    days = sorted(set(dates))
    if not days:
        raise InvalidInput("请选择要复制到的日期。", field="dates")
    for day in days:
        if day == trip.depart_at.date():
            raise InvalidInput(f"{day_text(day)}就是本行程的日期，请选择其他日期。", field="dates")
        if not event.start_date <= day <= event.end_date:
            raise InvalidInput(f"{day_text(day)}不在活动日期（{day_text(event.start_date)}至"
                               f"{day_text(event.end_date)}）内。", field="dates")
    ids = []
    for day in days:
        shift = day - trip.depart_at.date()
        ids.append(_copy(session, trip, {"sitting_id": None, "depart_at": trip.depart_at + shift,
                                         "return_at": trip.return_at + shift if trip.return_at else None}))
    session.commit()
    return Outcome(trip_changes(trip.event_id, ids), tuple(ids))


def return_trip(session: Session, *, trip_id: int) -> Outcome:
    """Create the way back of a trip: origin and destination swapped, the same car, driver, passengers
    and programme item, departing when the outbound trip returns (its return time left open), 接站 and
    送站 swapped, the route left blank; value: its id.

    Raises:
        NotFound. InvalidInput: the outbound trip has no return time.
    """
    trip = _locked_trip(session, trip_id)
    if trip.return_at is None:
        raise InvalidInput("去程未填返回时间，无法生成返程。", field="return_at")
    purpose = trip.purpose
    if not purpose.endswith(RETURN_MARK):
        purpose = purpose[:200 - len(RETURN_MARK)] + RETURN_MARK
    new_id = _copy(session, trip, {"origin": trip.destination, "destination": trip.origin, "route": "",
                                   "depart_at": trip.return_at, "return_at": None, "purpose": purpose,
                                   "kind": RETURN_KINDS.get(trip.kind, trip.kind)})
    session.commit()
    return Outcome(trip_changes(trip.event_id, [new_id]), new_id)
