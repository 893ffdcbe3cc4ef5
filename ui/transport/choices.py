"""What the trip form's car and driver lists offer (free ones first, busy ones marked 已有任务), and the
seat overrides a saved passenger list implies. Pure functions over read-model rows (Qt-free).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from rdplanner.transport.fleet_read import Fleet, driver_available
from rdplanner.transport.seat_order import Rider, seat_order
from rdplanner.transport.trips_read import TripRow, when_text

BUSY = "已有任务"
AWAY = "不能出车"


@dataclass(frozen=True)
class Option:
    """One entry of a car or driver list: ``busy`` says why it is taken ("" when free)."""

    id: int | None
    text: str
    busy: str = ""


def _task(trip: TripRow, event_id: int | None) -> str:
    where = f"活动“{trip.event_name}”的" if event_id is not None and trip.event_id != event_id else ""
    return f"{BUSY}：{where}“{trip.title}”（{trip.when}）"


def _busy(around: Sequence[TripRow], trip_id: int | None, event_id: int | None, key: str) -> dict[int, str]:
    found: dict[int, str] = {}
    for other in around:
        owner = getattr(other, key)
        if other.id != trip_id and owner is not None and owner not in found:
            found[owner] = _task(other, event_id)
    return found


def vehicle_options(fleet: Fleet, around: Sequence[TripRow], *, trip_id: int | None, current_id: int | None,
                    event_id: int | None = None) -> list[Option]:
    """The active cars (and the trip's own, even if retired), free ones first, each busy one marked.

    ``around``: trips of any event overlapping this trip's time (rdplanner.transport.trips_read
    .load_trips_around); the trip ``trip_id`` itself is not counted.
    """
    busy = _busy(around, trip_id, event_id, "vehicle_id")
    options = []
    for v in fleet.vehicles:
        if not v.active and v.id != current_id:
            continue
        marks = ("　租用" if v.hired else "") + ("　已停用" if not v.active else "")
        mark = f"　{BUSY}" if v.id in busy else ""
        text = f"{v.plate_text}　{v.kind_label} {v.seats}座{marks}{mark}"
        options.append(Option(v.id, text, busy.get(v.id, "")))
    return sorted(options, key=lambda o: bool(o.busy))


def driver_options(fleet: Fleet, around: Sequence[TripRow], *, trip_id: int | None, current_id: int | None,
                   start: datetime | None, end: datetime | None, event_id: int | None = None) -> list[Option]:
    """The active drivers (and the trip's own), free ones first; one on another trip is marked 已有任务,
    one on leave for the trip's time 不能出车 (the reason in ``busy``)."""
    busy = _busy(around, trip_id, event_id, "driver_id")
    options = []
    for d in fleet.drivers:
        if not d.active and d.id != current_id:
            continue
        why = busy.get(d.id, "")
        mark = f"　{BUSY}" if why else ""
        absence = driver_available(fleet.absences, d.id, start, end) if start is not None else None
        if absence is not None:
            reason = f"（{absence.reason}）" if absence.reason else ""
            why = f"{AWAY}：{when_text(absence.starts_at, absence.ends_at)}{reason}"
            mark = f"　{AWAY}"
        licence = f"　{d.licence_class}" if d.licence_class else ""
        retired = "　已停用" if not d.active else ""
        options.append(Option(d.id, f"{d.name}{licence}{retired}{mark}", why))
    return sorted(options, key=lambda o: bool(o.busy))


def inferred_overrides(kind: str | None, riders: Sequence[Rider], stored: Mapping[int, int | None], *,
                       convention: str) -> dict[int, int]:
    """The fewest hand-set seats (participation id → position) that, with the protocol order, give the
    saved positions ``stored``: seat by seat from the front, whoever sits where the order would not put
    them is taken as placed by hand. Riders saved without a position are left to the order."""
    overrides: dict[int, int] = {}
    wanted = {pid: pos for pid, pos in stored.items() if pos is not None}
    for _ in range(len(wanted) + 1):
        computed = {p.participation_id: p.seat_position for p in seat_order(kind, riders, overrides,
                                                                             convention=convention)}
        wrong = sorted((pos, pid) for pid, pos in wanted.items() if computed.get(pid) != pos)
        if not wrong:
            break
        position, pid = wrong[0]
        if position in overrides.values():
            break
        overrides[pid] = position
    return overrides
