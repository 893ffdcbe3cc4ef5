"""The passes (证件, .pdf): 代表证, 列席证, 工作证 and 记者证 for the event's participants and 车辆通行证 for
every car its trips use, on print-shop sheets (exports/passes_pdf). Reads the arrival desk's read model
(name, delegation or unit, seat or zone) and the trips' cars; writes nothing to the database.

People on approved leave get no pass. Numbers run per kind over the whole event (D0001 代表证, L 列席证,
G 工作证, J 记者证, C 车辆通行证), so a delegation's passes printed alone keep the numbers of the full set.
"""

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.arrival.handover import COLOUR_NAMES, PASS_COLOURS, PASS_KINDS, PERSON_PASSES
from rdplanner.arrival.read import ArrivalView, load_arrivals
from rdplanner.errors import InvalidInput
from rdplanner.exports.fonts import GlyphMarks
from rdplanner.exports.passes_pdf import PassSet, PersonPass, VehiclePass, write_passes_pdf
from rdplanner.labels import VEHICLE_KINDS
from rdplanner.models import Trip, Vehicle
from rdplanner.office_settings import office_identity
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled
from rdplanner.transport.fleet_rules import plate_text

PREFIXES = {"deputy": "D", "attendee": "L", "staff": "G", "media": "J", "vehicle": "C"}


def dates_text(start: date, end: date) -> str:
    """"2027年1月3日至7日", "2027年1月30日至2月2日", "2027年1月3日"."""
    first = f"{start.year}年{start.month}月{start.day}日"
    if start == end:
        return first
    if start.year != end.year:
        return f"{first}至{end.year}年{end.month}月{end.day}日"
    return f"{first}至{end.day}日" if start.month == end.month else f"{first}至{end.month}月{end.day}日"


def parse_kinds(text: str) -> tuple[str, ...]:
    """The pass kinds the CLI names, comma-separated codes or titles ("deputy,media", "代表证,车辆通行证").

    Raises:
        InvalidInput: an unknown kind (field ``kinds``).
    """
    by_title = {title: code for code, title in PASS_KINDS.items()}
    found = []
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        code = part if part in PASS_KINDS else by_title.get(part)
        if code is None:
            raise InvalidInput(f"证件种类“{part}”不对：可选 {'、'.join(f'{c}（{t}）' for c, t in PASS_KINDS.items())}。",
                               field="kinds")
        found.append(code)
    if not found:
        raise InvalidInput("请至少指定一种证件。", field="kinds")
    return tuple(dict.fromkeys(found))


def person_passes(view: ArrivalView, kinds: Sequence[str], delegation: str | None) -> list[PersonPass]:
    """The person passes of ``kinds`` in kind then roster order, numbered over the whole event."""
    found = []
    for kind in (k for k in PERSON_PASSES if k in kinds):
        holders = [r for r in view.rows if r.pass_kind == kind and r.is_expected]
        for n, row in enumerate(holders, 1):
            if delegation and row.delegation != delegation:
                continue
            found.append(PersonPass(kind, row.name, row.delegation or row.unit, row.seat,
                                    f"{PREFIXES[kind]}{n:04d}"))
    return found


def vehicle_passes(session: Session, event_id: int) -> list[VehiclePass]:
    """One pass per car the event's trips use, by plate."""
    cars = session.execute(select(Vehicle.plate, Vehicle.kind, Vehicle.seats, Vehicle.unit)
                           .where(Vehicle.id.in_(select(Trip.vehicle_id).where(Trip.event_id == event_id)))
                           .order_by(Vehicle.plate)).all()
    return [VehiclePass(plate_text(plate), f"{VEHICLE_KINDS.get(kind, kind)}（{seats} 座）", unit,
                        f"{PREFIXES['vehicle']}{n:04d}")
            for n, (plate, kind, seats, unit) in enumerate(cars, 1)]


def export_passes(session: Session, *, event_id: int, path: Path, kinds: Sequence[str] | None = None,
                  delegation: str | None = None, marks: GlyphMarks | None = None,
                  progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the event's passes to ``path`` (.pdf).

    Args:
        kinds: pass kinds to print (codes of handover.PASS_KINDS); None: every kind.
        delegation: only this delegation's person passes (vehicle passes then only if named in ``kinds``).

    Raises:
        InvalidInput: an unknown kind. ExportError: nothing to print. MissingGlyphsError, ExportCancelled.
    """
    chosen = tuple(PASS_KINDS) if not kinds else parse_kinds(",".join(kinds))
    view = load_arrivals(session, event_id)
    people = person_passes(view, chosen, delegation or None)
    with_cars = "vehicle" in chosen and (not delegation or bool(kinds and "vehicle" in kinds))
    vehicles = vehicle_passes(session, event_id) if with_cars else []
    passes = PassSet(view.event_name, dates_text(view.start_date, view.end_date), office_identity(session).name, dict(PASS_KINDS),
                     PASS_COLOURS, COLOUR_NAMES)
    return write_passes_pdf(path, passes=passes, people=people, vehicles=vehicles, marks=marks,
                            progress=progress, cancelled=cancelled)
