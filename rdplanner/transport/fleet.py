"""Services of the fleet directory (车辆与驾驶员名录), kept across events like the person directory:
vehicles, drivers and drivers' absences. Each returns an Outcome naming the transport data of every event
(``Changes.of("transport", None, rows=…)``) with the rows it changed.

Invariant kept by every service: a vehicle's default driver exists, is active and holds a licence that
covers the vehicle's kind. A service that reads a driver to check it locks the driver row first, so two
users cannot break the invariant between them on a server.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.labels import VEHICLE_KINDS
from rdplanner.models import Driver, DriverAbsence, Event, Trip, Vehicle
from rdplanner.store import get_or_raise, versioned_update
from rdplanner.transport.fleet_rules import (
    DriverDraft,
    VehicleDraft,
    licence_covers,
    licence_refusal,
    normalise_plate,
    plate_text,
    validate_driver,
    validate_vehicle,
)

MAX_LISTED = 3  # trips or plates named in a refusal before "等 N 趟"


def lock_vehicle(session: Session, vehicle_id: int) -> Vehicle:
    """Return the vehicle row locked ``FOR UPDATE`` (a trip service assigning it should take this lock).

    Raises:
        NotFound: the vehicle is gone.
    """
    return _locked(session, Vehicle, vehicle_id, "车辆")


def lock_driver(session: Session, driver_id: int) -> Driver:
    """Return the driver row locked ``FOR UPDATE``.

    Raises:
        NotFound: the driver is gone.
    """
    return _locked(session, Driver, driver_id, "驾驶员")


def add_vehicle(session: Session, *, vehicle: VehicleDraft) -> Outcome:
    """Add a vehicle to the fleet; return its id.

    Raises:
        InvalidInput: a bad field, a plate already registered, or a default driver who is missing,
        retired or not licensed for the kind.
    """
    values = _vehicle_values(session, vehicle, own_id=None)
    row = Vehicle(**values)
    session.add(row)
    session.commit()
    return Outcome(_vehicle_changed(row.id), row.id)


def update_vehicle(session: Session, *, vehicle_id: int, expected_version: int,
                   vehicle: VehicleDraft) -> Outcome:
    """Save an edit of a vehicle (not its active flag: see set_vehicle_active).

    Raises:
        InvalidInput as add_vehicle; StaleEdit if it changed since ``expected_version``; NotFound.
    """
    values = _vehicle_values(session, vehicle, own_id=vehicle_id)
    versioned_update(session, Vehicle, vehicle_id, expected_version=expected_version, values=values,
                     what="车辆")
    session.commit()
    return Outcome(_vehicle_changed(vehicle_id))


def set_vehicle_active(session: Session, *, vehicle_id: int, active: bool) -> Outcome:
    """Put a vehicle back into service or retire it (停用): a retired one is kept with its trips."""
    lock_vehicle(session, vehicle_id)
    session.execute(update(Vehicle).where(Vehicle.id == vehicle_id)
                    .values(active=active, version=Vehicle.version + 1))
    session.commit()
    return Outcome(_vehicle_changed(vehicle_id))


def remove_vehicle(session: Session, *, vehicle_id: int) -> Outcome:
    """Delete a vehicle that no trip uses.

    Raises:
        InvalidInput (field ``vehicle_id``): trips use it, named in the message (retire it instead).
    """
    row = lock_vehicle(session, vehicle_id)
    trips = _trips_of(session, Trip.vehicle_id == vehicle_id)
    if trips:
        raise InvalidInput(f"车辆“{plate_text(row.plate)}”已安排在{_trip_list(trips)}中，不能删除；"
                           "不再使用的车辆请“停用”，行程记录会保留。", field="vehicle_id")
    session.execute(delete(Vehicle).where(Vehicle.id == vehicle_id))
    session.commit()
    return Outcome(_vehicle_changed(vehicle_id))


def add_driver(session: Session, *, driver: DriverDraft) -> Outcome:
    """Add a driver; return their id. Raises InvalidInput naming the bad field."""
    row = Driver(**validate_driver(driver).__dict__)
    session.add(row)
    session.commit()
    return Outcome(_driver_changed(row.id), row.id)


def update_driver(session: Session, *, driver_id: int, expected_version: int, driver: DriverDraft) -> Outcome:
    """Save an edit of a driver (not the active flag: see set_driver_active).

    Raises:
        InvalidInput: a bad field, or a licence class that no longer covers a vehicle they are the default
        driver of (named). StaleEdit; NotFound.
    """
    draft = validate_driver(driver)
    lock_driver(session, driver_id)
    uncovered = [v for v in _vehicles_driven_by(session, driver_id)
                 if not licence_covers(v.kind, draft.licence_class)]
    if uncovered:
        refusal = licence_refusal(uncovered[0].kind, draft.name, draft.licence_class)
        raise InvalidInput(f"{refusal}；该驾驶员是{_plates(uncovered)}的默认驾驶员，"
                           "请先为这些车辆更换默认驾驶员，或填写相应的准驾车型。", field="licence_class")
    versioned_update(session, Driver, driver_id, expected_version=expected_version, values=draft.__dict__,
                     what="驾驶员")
    session.commit()
    return Outcome(_driver_changed(driver_id))


def set_driver_active(session: Session, *, driver_id: int, active: bool) -> Outcome:
    """Put a driver back on duty or retire them (停用).

    Raises:
        InvalidInput (field ``active``): retiring the default driver of vehicles (named).
    """
    row = lock_driver(session, driver_id)
    vehicles = _vehicles_driven_by(session, driver_id)
    if not active and vehicles:
        raise InvalidInput(f"驾驶员“{row.name}”是{_plates(vehicles)}的默认驾驶员，不能停用；"
                           "请先为这些车辆更换默认驾驶员。", field="active")
    session.execute(update(Driver).where(Driver.id == driver_id)
                    .values(active=active, version=Driver.version + 1))
    session.commit()
    return Outcome(_driver_changed(driver_id))


def remove_driver(session: Session, *, driver_id: int) -> Outcome:
    """Delete a driver that no trip names; their absences go too and their vehicles lose the default.

    Raises:
        InvalidInput (field ``driver_id``): trips name the driver, listed in the message (retire instead).
    """
    row = lock_driver(session, driver_id)
    trips = _trips_of(session, Trip.driver_id == driver_id)
    if trips:
        raise InvalidInput(f"驾驶员“{row.name}”已安排在{_trip_list(trips)}中，不能删除；"
                           "不再出车的驾驶员请“停用”，行程记录会保留。", field="driver_id")
    vehicles = _vehicles_driven_by(session, driver_id)
    session.execute(update(Vehicle).where(Vehicle.default_driver_id == driver_id)
                    .values(default_driver_id=None, version=Vehicle.version + 1))
    session.execute(delete(DriverAbsence).where(DriverAbsence.driver_id == driver_id))
    session.execute(delete(Driver).where(Driver.id == driver_id))
    session.commit()
    rows = (("driver", driver_id), *(("vehicle", v.id) for v in vehicles))
    return Outcome(Changes.of("transport", None, rows=rows))


def add_absence(session: Session, *, driver_id: int, starts_at: datetime, ends_at: datetime,
                reason: str = "") -> Outcome:
    """Record a period the driver is away (leave, other duty); return its id.

    Raises:
        InvalidInput: the end is not after the start (field ``ends_at``), or the reason is too long.
        NotFound: the driver is gone.
    """
    reason = _absence_reason(starts_at, ends_at, reason)
    lock_driver(session, driver_id)
    row = DriverAbsence(driver_id=driver_id, starts_at=starts_at, ends_at=ends_at, reason=reason)
    session.add(row)
    session.commit()
    return Outcome(_absence_changed(driver_id, row.id), row.id)


def update_absence(session: Session, *, absence_id: int, expected_version: int, starts_at: datetime,
                   ends_at: datetime, reason: str = "") -> Outcome:
    """Change an absence's period or reason. Raises InvalidInput as add_absence; StaleEdit; NotFound."""
    reason = _absence_reason(starts_at, ends_at, reason)
    driver_id = get_or_raise(session, DriverAbsence, absence_id, "驾驶员请假记录").driver_id
    versioned_update(session, DriverAbsence, absence_id, expected_version=expected_version,
                     values={"starts_at": starts_at, "ends_at": ends_at, "reason": reason},
                     what="驾驶员请假记录")
    session.commit()
    return Outcome(_absence_changed(driver_id, absence_id))


def remove_absence(session: Session, *, absence_id: int) -> Outcome:
    """Delete an absence. Raises NotFound if it is already gone."""
    driver_id = get_or_raise(session, DriverAbsence, absence_id, "驾驶员请假记录").driver_id
    session.execute(delete(DriverAbsence).where(DriverAbsence.id == absence_id))
    session.commit()
    return Outcome(_absence_changed(driver_id, absence_id))


def _locked(session: Session, model: type, row_id: int, what: str):
    row = session.scalar(select(model).where(model.id == row_id).with_for_update()
                         .execution_options(populate_existing=True))
    if row is None:
        raise NotFound(f"找不到该{what}（编号 {row_id}），可能已被删除。")
    return row


def _vehicle_values(session: Session, draft: VehicleDraft, *, own_id: int | None) -> dict:
    draft, day_rate_fen = validate_vehicle(draft)
    _refuse_taken_plate(session, draft.plate, own_id)
    if draft.default_driver_id is not None:
        _check_default_driver(session, draft)
    return {"plate": draft.plate, "kind": draft.kind, "seats": draft.seats, "model": draft.model,
            "unit": draft.unit, "default_driver_id": draft.default_driver_id, "hired": draft.hired,
            "hire_company": draft.hire_company, "day_rate_fen": day_rate_fen, "notes": draft.notes}


def _refuse_taken_plate(session: Session, plate: str, own_id: int | None) -> None:
    # Compared normalised in Python: rows saved before normalisation may hold "浙A·12345".
    v = Vehicle
    for row in session.execute(select(v.id, v.plate, v.kind, v.model, v.active)):
        if row.id != own_id and normalise_plate(row.plate) == plate:
            described = "、".join(filter(None, (VEHICLE_KINDS.get(row.kind, row.kind), row.model,
                                                 "" if row.active else "已停用")))
            hint = "如该车重新使用，请将其恢复启用" if not row.active else "同一车牌不能登记两次"
            raise InvalidInput(f"车牌号“{plate_text(plate)}”已登记为另一辆车（编号 {row.id}，{described}），"
                               f"{hint}。", field="plate")


def _check_default_driver(session: Session, draft: VehicleDraft) -> None:
    driver = session.scalar(select(Driver).where(Driver.id == draft.default_driver_id).with_for_update()
                            .execution_options(populate_existing=True))
    if driver is None:
        raise InvalidInput(f"所选默认驾驶员（编号 {draft.default_driver_id}）不存在，可能已被删除。",
                           field="default_driver_id")
    if not driver.active:
        raise InvalidInput(f"驾驶员“{driver.name}”已停用，不能作为默认驾驶员。", field="default_driver_id")
    refusal = licence_refusal(draft.kind, driver.name, driver.licence_class)
    if refusal:
        raise InvalidInput(f"{refusal}，不能作为这辆车的默认驾驶员。", field="default_driver_id")


def _vehicles_driven_by(session: Session, driver_id: int) -> Sequence:
    return session.execute(select(Vehicle.id, Vehicle.plate, Vehicle.kind)
                           .where(Vehicle.default_driver_id == driver_id).order_by(Vehicle.plate)).all()


def _plates(vehicles: Sequence) -> str:
    shown = "、".join(plate_text(v.plate) for v in vehicles[:MAX_LISTED])
    return f"车辆 {shown}" + (f" 等 {len(vehicles)} 辆车" if len(vehicles) > MAX_LISTED else "")


def _trips_of(session: Session, condition) -> Sequence:
    return session.execute(select(Trip.depart_at, Trip.purpose, Trip.origin, Trip.destination, Event.name)
                           .join(Event, Event.id == Trip.event_id).where(condition)
                           .order_by(Trip.depart_at, Trip.id)).all()


def _trip_list(trips: Sequence) -> str:
    shown = "；".join(_trip_text(t) for t in trips[:MAX_LISTED])
    more = f"等 {len(trips)} 趟行程" if len(trips) > MAX_LISTED else f"{len(trips)} 趟行程"
    return f"{more}（{shown}）"


def _trip_text(trip) -> str:
    when = (f"{trip.depart_at.year}年{trip.depart_at.month}月{trip.depart_at.day}日 {trip.depart_at:%H:%M}"
            if trip.depart_at else "出发时间未定")
    route = "—".join(filter(None, (trip.origin, trip.destination)))
    what = trip.purpose or route or "未填事由"
    return f"{trip.name} {when} {what}"


def _absence_reason(starts_at: datetime, ends_at: datetime, reason: str) -> str:
    if starts_at is None:
        raise InvalidInput("请填写请假开始时间。", field="starts_at")
    if ends_at is None:
        raise InvalidInput("请填写请假结束时间。", field="ends_at")
    if ends_at <= starts_at:
        raise InvalidInput(f"请假结束时间（{ends_at:%Y-%m-%d %H:%M}）应晚于开始时间"
                           f"（{starts_at:%Y-%m-%d %H:%M}）。", field="ends_at")
    reason = (reason or "").strip()
    if len(reason) > 100:
        raise InvalidInput(f"请假事由过长（{len(reason)} 字，最多 100 字）。", field="reason")
    return reason


def _vehicle_changed(vehicle_id: int) -> Changes:
    return Changes.of("transport", None, rows=(("vehicle", vehicle_id),))


def _driver_changed(driver_id: int) -> Changes:
    return Changes.of("transport", None, rows=(("driver", driver_id),))


def _absence_changed(driver_id: int, absence_id: int) -> Changes:
    return Changes.of("transport", None, rows=(("driver", driver_id), ("absence", absence_id)))
