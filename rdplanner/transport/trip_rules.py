"""The rules a trip's fields, passengers and status steps keep, pure: rdplanner.transport.trips checks
with these before it writes. Each refusal is an InvalidInput naming its field.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from rdplanner.errors import InvalidInput
from rdplanner.labels import TRIP_STATUSES
from rdplanner.models import Trip, Vehicle
from rdplanner.text import INVISIBLE
from rdplanner.transport.seat_order import passenger_seats
from rdplanner.transport.trips_read import TRIP_KINDS, day_text

STATUS_STEPS = tuple(TRIP_STATUSES)  # requested → approved → dispatched → done (回场)
TEXT_LIMITS: dict[str, int | None] = {"purpose": 200, "origin": 200, "destination": 200, "route": None,
                                      "requested_by": 60, "approved_by": 60, "notes": None}
FIELD_LABELS = {"purpose": "用途", "origin": "出发地", "destination": "目的地", "route": "路线",
                "requested_by": "申请人", "approved_by": "审批人", "notes": "备注", "kind": "行程类别",
                "depart_at": "出发时间", "return_at": "返回时间", "odometer_out": "出车里程",
                "odometer_in": "回场里程", "sitting_id": "日程"}


def clean_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return the trip fields as stored (text stripped of invisible characters); refuse what cannot be.

    Raises:
        InvalidInput: a field a trip does not have, a text too long, an unknown kind, a time that is not
        a datetime, an odometer reading that is not a whole number ≥ 0.
    """
    cleaned = {}
    for name, value in values.items():
        if name not in FIELD_LABELS:
            raise InvalidInput(f"行程没有“{name}”这一项，无法保存。", field=name)
        cleaned[name] = _clean_one(name, value)
    return cleaned


def _clean_one(name: str, value: Any) -> Any:
    label = FIELD_LABELS[name]
    if name in TEXT_LIMITS:
        text = str(value or "").translate(INVISIBLE).strip()
        limit = TEXT_LIMITS[name]
        if limit is not None and len(text) > limit:
            raise InvalidInput(f"{label}不能超过 {limit} 个字（现有 {len(text)} 个字）。", field=name)
        return text
    if name == "kind" and value not in TRIP_KINDS:
        raise InvalidInput(f"行程类别只能是{'、'.join(TRIP_KINDS.values())}之一。", field=name)
    if name in ("depart_at", "return_at") and value is not None and not isinstance(value, datetime):
        raise InvalidInput(f"{label}须同时有日期和时刻。", field=name)
    if name in ("odometer_out", "odometer_in") and value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InvalidInput(f"{label}须为不小于 0 的整数（公里）。", field=name)
    return value


def check_times(depart_at: datetime | None, return_at: datetime | None) -> None:
    if depart_at is not None and return_at is not None and return_at <= depart_at:
        raise InvalidInput(f"返回时间（{day_text(return_at)} {return_at:%H:%M}）须晚于出发时间"
                           f"（{day_text(depart_at)} {depart_at:%H:%M}）。", field="return_at")


def check_capacity(vehicle: Vehicle, riders: int) -> None:
    capacity = passenger_seats(vehicle.seats)
    if riders > capacity:
        raise InvalidInput(f"车辆{vehicle.plate}共 {vehicle.seats} 座（含驾驶员座），最多乘坐 {capacity} 人，"
                           f"本行程安排了 {riders} 人。", field="participation_ids")


def check_overrides(ids: Sequence[int], overrides: Mapping[int, int], vehicle: Vehicle | None) -> None:
    riding = set(ids)
    capacity = passenger_seats(vehicle.seats) if vehicle is not None else None
    for pid, position in overrides.items():
        if pid not in riding:
            raise InvalidInput(f"指定座位的人员（编号 {pid}）不在本行程的乘车名单中。", field="overrides")
        if isinstance(position, bool) or not isinstance(position, int) or position < 1:
            raise InvalidInput("指定的座位号须为从 1 起的整数。", field="overrides")
        if capacity is not None and position > capacity:
            raise InvalidInput(f"车辆{vehicle.plate}只有 {capacity} 个乘客座位，不能指定第 {position} 座。",
                               field="overrides")
    if len(set(overrides.values())) != len(overrides):
        raise InvalidInput("两人被指定了同一个座位，请重新指定。", field="overrides")


def check_step(trip: Trip, status: str) -> None:
    if status not in TRIP_STATUSES:
        raise InvalidInput(f"行程状态只能是{'、'.join(TRIP_STATUSES.values())}之一。", field="status")
    if trip.status not in STATUS_STEPS:
        return
    now, then = STATUS_STEPS.index(trip.status), STATUS_STEPS.index(status)
    if now == then:
        raise InvalidInput(f"该行程已是“{TRIP_STATUSES[status]}”状态。", field="status")
    if abs(then - now) != 1:
        near = "、".join(f"“{TRIP_STATUSES[STATUS_STEPS[i]]}”" for i in (now - 1, now + 1)
                        if 0 <= i < len(STATUS_STEPS))
        now_label = TRIP_STATUSES[trip.status]
        raise InvalidInput(f"行程状态只能前进或退回一步：当前为“{now_label}”，可改为{near}。", field="status")


def check_ready(trip: Trip, status: str) -> None:
    """派车 needs a car and a driver; 回场 (done) needs both odometer readings, in not below out."""
    if status == "dispatched" and trip.vehicle_id is None:
        raise InvalidInput("派车前请先选定车辆。", field="vehicle_id")
    if status == "dispatched" and trip.driver_id is None:
        raise InvalidInput("派车前请先选定驾驶员。", field="driver_id")
    if status != "done":
        return
    if trip.odometer_out is None:
        raise InvalidInput("回场前请填写出车时的里程表读数。", field="odometer_out")
    if trip.odometer_in is None:
        raise InvalidInput("回场前请填写回场时的里程表读数。", field="odometer_in")
    if trip.odometer_in < trip.odometer_out:
        raise InvalidInput(f"回场里程（{trip.odometer_in} 公里）小于出车里程（{trip.odometer_out} 公里），"
                           "请核对里程表读数。", field="odometer_in")


