"""Read models of the fleet directory (车辆与驾驶员名录), kept across events: vehicles, drivers and the
drivers' absences, as plain frozen rows; and whether a driver is free for a stretch of time.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.budget.money import yuan_text
from rdplanner.labels import VEHICLE_KINDS
from rdplanner.models import Driver, DriverAbsence, Vehicle
from rdplanner.readmodels import load_rows
from rdplanner.transport.fleet_rules import plate_text


@dataclass(frozen=True, slots=True)
class VehicleRow:
    """A vehicle; ``seats`` is its 核定载客人数 with the driver, ``default_driver`` the name ("" if none)."""

    id: int
    plate: str
    model: str
    kind: str
    seats: int
    unit: str
    default_driver_id: int | None
    default_driver: str
    active: bool
    hired: bool
    hire_company: str
    day_rate_fen: int | None
    notes: str
    version: int

    @property
    def plate_text(self) -> str:
        return plate_text(self.plate)

    @property
    def kind_label(self) -> str:
        return VEHICLE_KINDS.get(self.kind, self.kind)

    @property
    def passenger_seats(self) -> int:
        """The seats for passengers (the driver's seat left out)."""
        return max(0, self.seats - 1)

    @property
    def day_rate_text(self) -> str:
        """The day rate as "850.00 元", or "" for an own car or a rate not entered."""
        return yuan_text(self.day_rate_fen) if self.hired and self.day_rate_fen is not None else ""

    @property
    def ownership_text(self) -> str:
        """"自有", or "租用（公司，850.00 元/天）"."""
        if not self.hired:
            return "自有"
        rate = f"，{self.day_rate_text}/天" if self.day_rate_text else ""
        return f"租用（{self.hire_company}{rate}）"


@dataclass(frozen=True, slots=True)
class DriverRow:
    """A driver, with the plates of the vehicles whose default driver they are."""

    id: int
    name: str
    phone: str
    unit: str
    licence_class: str
    active: bool
    notes: str
    version: int
    default_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AbsenceRow:
    """A period a driver is away, ``starts_at`` to ``ends_at`` (the end itself is free again)."""

    id: int
    driver_id: int
    driver_name: str
    starts_at: datetime
    ends_at: datetime
    reason: str
    version: int


@dataclass(frozen=True)
class Fleet:
    vehicles: tuple[VehicleRow, ...]
    drivers: tuple[DriverRow, ...]
    absences: tuple[AbsenceRow, ...]


def load_fleet(session: Session) -> Fleet:
    """Return every vehicle (by plate), driver (by name) and absence (by start), retired ones included."""
    v = Vehicle
    vehicles = load_rows(session, VehicleRow, select(
        v.id, v.plate, v.model, v.kind, v.seats, v.unit, v.default_driver_id, Driver.name, v.active, v.hired,
        v.hire_company, v.day_rate_fen, v.notes, v.version,
    ).outerjoin(Driver, Driver.id == v.default_driver_id).order_by(v.plate, v.id))
    vehicles = tuple(replace(row, default_driver=row.default_driver or "") for row in vehicles)
    plates: dict[int, list[str]] = defaultdict(list)
    for row in vehicles:
        if row.default_driver_id is not None:
            plates[row.default_driver_id].append(row.plate)
    d = Driver
    drivers = load_rows(session, DriverRow, select(
        d.id, d.name, d.phone, d.unit, d.licence_class, d.active, d.notes, d.version,
    ).order_by(d.name, d.id))
    drivers = tuple(replace(row, default_of=tuple(plates[row.id])) for row in drivers)
    a = DriverAbsence
    absences = load_rows(session, AbsenceRow, select(
        a.id, a.driver_id, Driver.name, a.starts_at, a.ends_at, a.reason, a.version,
    ).join(Driver, Driver.id == a.driver_id).order_by(a.starts_at, a.id))
    return Fleet(vehicles, drivers, absences)


def driver_available(absences: Iterable[AbsenceRow], driver_id: int, starts_at: datetime,
                     ends_at: datetime | None = None) -> AbsenceRow | None:
    """Return the absence of the driver that overlaps ``starts_at``–``ends_at`` (the earliest), or None.

    Periods are half-open: an absence ending at 08:00 leaves the driver free for a trip leaving at 08:00,
    and a trip back at 08:00 does not clash with leave from 08:00. Without ``ends_at`` (a trip with no
    return time) the trip is the moment ``starts_at``.
    """
    clashes = [a for a in absences if a.driver_id == driver_id and _overlaps(a, starts_at, ends_at)]
    return min(clashes, key=lambda a: (a.starts_at, a.id), default=None)


def _overlaps(absence: AbsenceRow, starts_at: datetime, ends_at: datetime | None) -> bool:
    if ends_at is None or ends_at <= starts_at:
        return absence.starts_at <= starts_at < absence.ends_at
    return absence.starts_at < ends_at and starts_at < absence.ends_at
