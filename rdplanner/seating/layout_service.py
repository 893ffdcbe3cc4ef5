"""Hall and layout services: list and create halls; list, load, save (regenerating seats in place),
edit seats (zone, disabled), copy and delete layouts. Each mutation returns an Outcome naming the layouts (and the events whose seating uses the layout).

A layout belongs to a hall, so every event held in that hall can reuse it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, bindparam, cast, delete, func, insert, literal, select, update
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput
from rdplanner.events.service import venue_id_for
from rdplanner.models import Event, Hall, Layout, Participation, Person, Seat, SeatAssignment, SeatPlan, Venue
from rdplanner.readmodels import load_rows
from rdplanner.seating.layouts import (
    LayoutSpec,
    SeatSpec,
    generate,
    spec_from_json,
    spec_to_json,
    with_overrides,
)
from rdplanner.seating.read import SeatRow
from rdplanner.store import get_or_raise, versioned_update

SEAT_FIELDS = ("zone", "section", "row_no", "seat_no", "x", "y", "rank", "rotation", "disabled")

LAYOUTS = Changes.of("layouts")  # a hall's layouts changed (they serve every event in the hall)


@dataclass(frozen=True, slots=True)
class HallRow:
    id: int
    venue_name: str
    hall_name: str
    layout_count: int


@dataclass(frozen=True, slots=True)
class LayoutRow:
    id: int
    name: str
    kind: str
    numbering: str
    version: int
    seat_count: int


@dataclass(frozen=True)
class LayoutView:
    """A layout as plain data: its template (None if saved without one), seats and use by seat plans."""

    id: int
    hall_id: int
    name: str
    kind: str
    numbering: str
    version: int
    spec: LayoutSpec | None
    seats: tuple[SeatRow, ...]
    plan_count: int


def seat_values(layout_id: int, seats: Iterable[SeatSpec]) -> list[dict[str, Any]]:
    """Rows for a bulk insert of generated seats into ``layout_id``."""
    return [{"layout_id": layout_id, "label": s.label, **{name: getattr(s, name) for name in SEAT_FIELDS}}
            for s in seats]


def list_halls(session: Session) -> tuple[HallRow, ...]:
    """Return every hall with its venue and number of layouts, by venue then hall name."""
    count = select(func.count(Layout.id)).where(Layout.hall_id == Hall.id).scalar_subquery()
    query = (select(Hall.id, Venue.name, Hall.name, count).join(Venue, Venue.id == Hall.venue_id)
             .order_by(Venue.name, Hall.name))
    return load_rows(session, HallRow, query)


def create_hall(session: Session, *, venue_name: str, hall_name: str) -> Outcome:
    """Create a hall, and its venue if new.

    Raises:
        InvalidInput: a blank or too long name, or a hall of that name already in the venue.
    """
    venue_name = _name(venue_name, "场所名称", "venue_name")
    hall_name = _name(hall_name, "会议厅名称", "hall_name")
    venue_id = venue_id_for(session, venue_name)  # one rule for venues typed anywhere: found or created
    if session.scalar(select(Hall.id).where(Hall.venue_id == venue_id, Hall.name == hall_name)):
        raise InvalidInput(f"“{venue_name}”已有名为“{hall_name}”的会议厅。", field="hall_name")
    hall = Hall(venue_id=venue_id, name=hall_name)
    session.add(hall)
    session.commit()
    return Outcome(LAYOUTS, hall.id)


def list_layouts(session: Session, *, hall_id: int) -> tuple[LayoutRow, ...]:
    """Return the layouts of a hall in the order they were made (the first is the default)."""
    get_or_raise(session, Hall, hall_id, "会议厅")
    count = select(func.count(Seat.id)).where(Seat.layout_id == Layout.id).scalar_subquery()
    query = (select(Layout.id, Layout.name, Layout.kind, Layout.numbering, Layout.version, count)
             .where(Layout.hall_id == hall_id).order_by(Layout.id))
    return load_rows(session, LayoutRow, query)


def load_layout(session: Session, *, layout_id: int) -> LayoutView:
    """Return a layout with its template, its seats and how many seat plans use it."""
    layout = get_or_raise(session, Layout, layout_id, "座位布局")
    s = Seat
    seats = load_rows(session, SeatRow, select(s.id, s.layout_id, s.label, s.zone, s.section, s.row_no,
                                               s.seat_no, s.rank, s.x, s.y, s.disabled)
                      .where(s.layout_id == layout_id).order_by(s.id))
    plans = session.scalar(select(func.count(SeatPlan.id)).where(SeatPlan.layout_id == layout_id))
    return LayoutView(layout.id, layout.hall_id, layout.name, layout.kind, layout.numbering, layout.version,
                      spec_from_json(layout.spec_json), seats, plans or 0)


def save_layout(session: Session, *, hall_id: int, name: str, spec: LayoutSpec, layout_id: int | None = None,
                version: int | None = None) -> Outcome:
    """Create a layout from ``spec``, or regenerate ``layout_id`` in place, in one transaction.

    Seats are matched by label: kept seats are updated, new ones added, vanished ones deleted.

    Raises:
        InvalidInput: bad parameters, a duplicate name, or a vanished or newly disabled seat that
        someone occupies in a seat plan. StaleEdit: the layout changed since ``version`` was read.
        NotFound: no such hall or layout.
    """
    get_or_raise(session, Hall, hall_id, "会议厅")
    name = _name(name, "布局名称", "name")
    seats = generate(spec)
    _unique_name(session, hall_id, name, layout_id)
    values = {"name": name, "kind": spec.kind, "numbering": spec.numbering, "spec_json": spec_to_json(spec)}
    if layout_id is None:
        layout = Layout(hall_id=hall_id, **values)
        session.add(layout)
        session.flush()
        session.execute(insert(Seat), seat_values(layout.id, seats))
        session.commit()
        return Outcome(LAYOUTS, layout.id)
    layout = get_or_raise(session, Layout, layout_id, "座位布局")
    if layout.hall_id != hall_id:
        raise InvalidInput("该座位布局不属于所选会议厅。", field="hall_id")
    if version is None:
        raise InvalidInput("修改已有座位布局时需要提供其版本号。", field="version")
    rows = session.execute(select(Seat.id, Seat.label, Seat.x, Seat.y, Seat.disabled)
                           .where(Seat.layout_id == layout_id)).all()
    match = _match_seats(rows, seats)
    disabled_now = {r.id for r in rows if r.disabled}
    gone = [r.id for r in rows if r.id not in set(match.values())]
    newly_disabled = [match[i] for i, s in enumerate(seats) if s.disabled and i in match
                      and match[i] not in disabled_now]
    _refuse_occupied(session, gone, "删除")
    _refuse_occupied(session, newly_disabled, "停用")
    try:
        versioned_update(session, Layout, layout_id, expected_version=version, values=values, what="座位布局")
        if gone:
            session.execute(delete(Seat).where(Seat.id.in_(gone)))
        kept = [(match[i], s) for i, s in enumerate(seats) if i in match]
        # Labels are unique per layout and a renumbering swaps them between seats: park them first.
        session.execute(update(Seat).where(Seat.id.in_([seat_id for seat_id, _ in kept]))
                        .values(label=literal("~").concat(cast(Seat.id, String))))
        _update_seats(session, kept)
        added = [s for i, s in enumerate(seats) if i not in match]
        if added:
            session.execute(insert(Seat), seat_values(layout_id, added))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return Outcome(_changes(session, layout_id), layout_id)


def set_seat_overrides(session: Session, *, layout_id: int, labels: Sequence[str], zone: str | None = None,
                       disabled: bool | None = None, version: int) -> Outcome:
    """Set the zone and/or the disabled flag of some seats: kept in the template's overrides and applied
    to the seats at once.

    Raises:
        InvalidInput: an unknown seat label or zone, or disabling an occupied seat. StaleEdit, NotFound.
    """
    layout = get_or_raise(session, Layout, layout_id, "座位布局")
    found = dict(session.execute(select(Seat.label, Seat.id).where(Seat.layout_id == layout_id,
                                                                    Seat.label.in_(list(labels)))).all())
    missing = [label for label in labels if label not in found]
    if missing:
        raise InvalidInput(f"该座位布局中没有座位“{missing[0]}”。", field="labels")
    spec = spec_from_json(layout.spec_json)
    spec = with_overrides(spec or LayoutSpec(layout.kind, {}), labels, zone=zone, disabled=disabled)
    if disabled:
        _refuse_occupied(session, list(found.values()), "停用")
    values: dict[str, Any] = {}
    if zone is not None:
        values["zone"] = zone
    if disabled is not None:
        values["disabled"] = bool(disabled)
    json_values = {"spec_json": spec_to_json(spec)} if layout.spec_json.strip() not in ("", "{}") else {}
    try:
        versioned_update(session, Layout, layout_id, expected_version=version, values=json_values,
                         what="座位布局")
        if values and found:
            session.execute(update(Seat).where(Seat.id.in_(list(found.values()))).values(**values))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return Outcome(_changes(session, layout_id))


def copy_layout(session: Session, *, layout_id: int, name: str) -> Outcome:
    """Copy a layout with its template and seats into a new layout of the same hall."""
    source = get_or_raise(session, Layout, layout_id, "座位布局")
    name = _name(name, "布局名称", "name")
    _unique_name(session, source.hall_id, name, None)
    copy = Layout(hall_id=source.hall_id, name=name, kind=source.kind, spec_json=source.spec_json,
                  numbering=source.numbering, notes=source.notes)
    session.add(copy)
    session.flush()
    columns = [getattr(Seat, f) for f in ("label", *SEAT_FIELDS)]
    rows = session.execute(select(*columns).where(Seat.layout_id == layout_id).order_by(Seat.id)).all()
    if rows:
        session.execute(insert(Seat), [{"layout_id": copy.id, **row._mapping} for row in rows])
    session.commit()
    return Outcome(LAYOUTS, copy.id)


def delete_layout(session: Session, *, layout_id: int) -> Outcome:
    """Delete a layout and its seats.

    Raises:
        InvalidInput: a seat plan uses it (the message names the event). NotFound: no such layout.
    """
    layout = get_or_raise(session, Layout, layout_id, "座位布局")
    used = session.scalar(select(Event.name).join(SeatPlan, SeatPlan.event_id == Event.id)
                          .where(SeatPlan.layout_id == layout_id).order_by(Event.id).limit(1))
    if used is not None:
        raise InvalidInput(f"座位布局“{layout.name}”正被活动“{used}”的座次图使用，不能删除。",
                           field="layout_id")
    session.execute(delete(Seat).where(Seat.layout_id == layout_id))
    session.delete(layout)
    session.commit()
    return Outcome(LAYOUTS)


def _match_seats(rows: Sequence, seats: Sequence[SeatSpec]) -> dict[int, int]:
    """Match the new seats (by index) to the existing ones (ids): first by position, so that renumbering
    keeps everyone in the chair they sit in (only the printed label changes); then by label, for seats
    that moved because rows or sections changed size."""
    def spot(x: float, y: float) -> tuple[float, float]:
        return round(x, 3), round(y, 3)

    by_spot = {spot(r.x, r.y): r.id for r in rows}
    by_label = {r.label: r.id for r in rows}
    match: dict[int, int] = {}
    taken: set[int] = set()
    for i, seat in enumerate(seats):
        seat_id = by_spot.get(spot(seat.x, seat.y))
        if seat_id is not None and seat_id not in taken:
            match[i] = seat_id
            taken.add(seat_id)
    for i, seat in enumerate(seats):
        seat_id = by_label.get(seat.label)
        if i not in match and seat_id is not None and seat_id not in taken:
            match[i] = seat_id
            taken.add(seat_id)
    return match


def _update_seats(session: Session, pairs: Sequence[tuple[int, SeatSpec]]) -> None:
    if not pairs:
        return
    table = Seat.__table__
    fields = ("label", *SEAT_FIELDS)
    statement = update(table).where(table.c.id == bindparam("seat_id")).values(
        **{name: bindparam(f"new_{name}") for name in fields})
    session.connection().execute(statement, [
        {"seat_id": seat_id, **{f"new_{name}": getattr(seat, name) for name in fields}}
        for seat_id, seat in pairs])


def _refuse_occupied(session: Session, seat_ids: Sequence[int], verb: str) -> None:
    if not seat_ids:
        return
    a = SeatAssignment
    taken = session.execute(
        select(Seat.label, Person.name, Event.name)
        .join(a, a.seat_id == Seat.id).join(Participation, Participation.id == a.participation_id)
        .join(Person, Person.id == Participation.person_id).join(SeatPlan, SeatPlan.id == a.seat_plan_id)
        .join(Event, Event.id == SeatPlan.event_id).where(Seat.id.in_(list(seat_ids)))
        .order_by(Seat.id).limit(1)).first()
    if taken is not None:
        label, person, event = taken
        raise InvalidInput(f"座位“{label}”已安排给“{person}”（活动“{event}”），不能{verb}。"
                           "请先在座次图中将其调开。", field="seats")


def _changes(session: Session, layout_id: int) -> Changes:
    events = session.scalars(select(SeatPlan.event_id).where(SeatPlan.layout_id == layout_id))
    return LAYOUTS | Changes(domains=frozenset(("seating", e) for e in events))


def _unique_name(session: Session, hall_id: int, name: str, layout_id: int | None) -> None:
    query = select(Layout.id).where(Layout.hall_id == hall_id, Layout.name == name)
    if layout_id is not None:
        query = query.where(Layout.id != layout_id)
    if session.scalar(query) is not None:
        raise InvalidInput(f"该会议厅已有名为“{name}”的座位布局，请换一个名称。", field="name")


def _name(value: str, what: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"{what}不能为空。", field=field)
    if len(value) > 200:
        raise InvalidInput(f"{what}不能超过 200 个字。", field=field)
    return value
