"""Editing a seat plan by hand, and the snapshots that make every seating action undoable.

The editor's undo stack keeps a snapshot of a plan's assignments before and after each action
(automatic seating and clearing included) and restores one on undo or redo. A snapshot is plain data,
so it survives the session it was read in; restoring skips what no longer exists (a participant removed
from the roster, a seat disabled since) and says how many it skipped.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import starmap

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.labels import ROLES
from rdplanner.models import Layout, Participation, Person, Seat, SeatAssignment, SeatPlan
from rdplanner.office_settings import get_setting, set_setting
from rdplanner.people.ordering import sort_people
from rdplanner.seating.layouts import TableShape, spec_from_json, table_shapes
from rdplanner.store import get_or_raise


@dataclass(frozen=True, slots=True)
class Placement:
    seat_id: int
    participation_id: int
    locked: bool
    source: str


@dataclass(frozen=True)
class Snapshot:
    """Every assignment of one seat plan at one moment, sorted by seat, and the layout it was in."""

    seat_plan_id: int
    placements: tuple[Placement, ...]
    layout_id: int | None = None  # None: whatever layout the plan has (nothing to switch back)


@dataclass(frozen=True, slots=True)
class SeatingPerson:
    """A participant as the editor's people list shows them."""

    participation_id: int
    name: str
    role: str
    delegation: str
    unit: str
    on_leave: bool


@dataclass(frozen=True)
class RestoreResult:
    changes: Changes
    skipped: int


@dataclass(frozen=True)
class SeatingEdit:
    """One seating action applied: the plan's snapshots before and after it (its undo and redo)."""

    before: Snapshot
    after: Snapshot
    changes: Changes


def _plan(session: Session, seat_plan_id: int) -> SeatPlan:
    return get_or_raise(session, SeatPlan, seat_plan_id, "座次图")


def _changes(event_id: int) -> Changes:
    return Changes.of("seating", event_id)


def snapshot(session: Session, *, seat_plan_id: int) -> Snapshot:
    """Return the plan's assignments and layout as plain data."""
    plan = _plan(session, seat_plan_id)
    a = SeatAssignment.__table__.c
    rows = session.execute(
        select(a.seat_id, a.participation_id, a.locked, a.source)
        .where(a.seat_plan_id == seat_plan_id)
        .order_by(a.seat_id)
    ).all()
    return Snapshot(seat_plan_id, tuple(starmap(Placement, rows)), plan.layout_id)


@dataclass(frozen=True)
class PlanLayouts:
    """The hall of a seat plan and the layouts the officer can switch it to."""

    hall_id: int
    layouts: tuple[tuple[int, str], ...]  # (layout id, name), oldest first


def plan_layouts(session: Session, *, seat_plan_id: int) -> PlanLayouts:
    plan = _plan(session, seat_plan_id)
    hall_id = session.scalar(select(Layout.hall_id).where(Layout.id == plan.layout_id))
    rows = session.execute(
        select(Layout.id, Layout.name).where(Layout.hall_id == hall_id).order_by(Layout.id)
    )
    return PlanLayouts(hall_id, tuple((row.id, row.name) for row in rows))


def edit_seating(session: Session, *, seat_plan_id: int, action: Callable[..., Outcome],
                 **kwargs) -> SeatingEdit:
    """Run one seating service, ``action(session, seat_plan_id=…, **kwargs)``, between the snapshots its
    undo needs, in this one session: the snapshot before it is read in the transaction the action
    writes in, so no other change can slip in between.

    Raises:
        Whatever ``action`` raises (RdplannerError); nothing is changed then.
    """
    before = snapshot(session, seat_plan_id=seat_plan_id)
    changes = action(session, seat_plan_id=seat_plan_id, **kwargs).changes
    after = snapshot(session, seat_plan_id=seat_plan_id)
    return SeatingEdit(before, after, changes)


def layout_tables(session: Session, *, layout_id: int) -> tuple[TableShape, ...]:
    """The tables to draw under the seats of a layout (none for an auditorium or an old layout)."""
    text = session.scalar(select(Layout.spec_json).where(Layout.id == layout_id))
    return _tables_of_spec(text or "{}")


@lru_cache(maxsize=64)
def _tables_of_spec(text: str) -> tuple[TableShape, ...]:
    # Keyed by the spec itself: an auditorium's desks come from generating the whole hall, which every
    # seat-map export and every redraw of the seating page would otherwise repeat; an edited layout has
    # a new spec, hence a new entry.
    spec = spec_from_json(text)
    return tuple(table_shapes(spec)) if spec is not None else ()


def delegation_order(session: Session, *, event_id: int) -> tuple[str, ...]:
    """The event's delegations in seating order: the office's saved order first, then the others by the
    strokes of their names (the order the automatic seating uses for delegation blocks)."""
    from rdplanner.seating.service import DELEGATION_ORDER_KEY

    present = set(
        session.scalars(
            select(Participation.delegation).where(
                Participation.event_id == event_id, Participation.delegation != ""
            )
        )
    )
    saved = [line.strip() for line in get_setting(session, DELEGATION_ORDER_KEY).splitlines() if line.strip()]
    first = [name for name in dict.fromkeys(saved) if name in present]
    rest = sort_people([name for name in present if name not in first], key=lambda name: name)
    return tuple(first + rest)


def set_delegation_order(session: Session, *, names: Sequence[str]) -> Outcome:
    """Save the office's order of delegations (office-wide; names not given keep their saved place after).

    Raises:
        InvalidInput: a blank, over-long or repeated name.
    """
    from rdplanner.seating.service import DELEGATION_ORDER_KEY

    cleaned = [name.strip() for name in names]
    for index, name in enumerate(cleaned, 1):
        if not name or len(name) > 100:
            raise InvalidInput(f"代表团顺序第 {index} 项为空或超过 100 个字。", field="names")
    repeated = [name for name in dict.fromkeys(cleaned) if cleaned.count(name) > 1]
    if repeated:
        raise InvalidInput(f"代表团“{repeated[0]}”在顺序中出现了不止一次。", field="names")
    saved = [line.strip() for line in get_setting(session, DELEGATION_ORDER_KEY).splitlines() if line.strip()]
    value = "\n".join(cleaned + [name for name in saved if name not in cleaned])
    changes = set_setting(session, key=DELEGATION_ORDER_KEY, value=value)
    return Outcome(changes.changes | Changes.of("seating"))


def seating_people(session: Session, *, event_id: int) -> tuple[SeatingPerson, ...]:
    """The event's participants for the people list: by role (the zones' order), then by name strokes."""
    p = Participation
    rows = session.execute(
        select(p.id, Person.name, p.role, p.delegation, Person.unit, p.leave_status)
        .join(Person, Person.id == p.person_id)
        .where(p.event_id == event_id)
    ).all()
    roles = list(ROLES)
    people = sort_people(rows, key=lambda r: r.name)
    people.sort(key=lambda r: roles.index(r.role) if r.role in roles else len(roles))
    return tuple(
        SeatingPerson(r.id, r.name, r.role, r.delegation or "", r.unit or "", r.leave_status == "approved")
        for r in people
    )


def restore(session: Session, *, seat_plan_id: int, state: Snapshot,
            expected: Snapshot | None = None) -> RestoreResult:
    """Make the plan's assignments (and layout) exactly those of ``state``, in one transaction.

    Placements whose seat has left the layout or been disabled, or whose participant has left the
    event, are skipped (and counted); so is a second placement of the same person or seat.

    Args:
        expected: what the plan must hold now (undo: the state after the action; redo: before it);
            anything else means someone or something changed the seating since, and nothing is done.

    Raises:
        NotFound: no such plan. InvalidInput: the snapshot belongs to another plan.
        StaleEdit: the plan no longer holds ``expected``.
    """
    plan = _plan(session, seat_plan_id)
    if state.seat_plan_id != seat_plan_id:
        raise InvalidInput("撤销记录与当前座次图不符，无法恢复。", field="seat_plan_id")
    if expected is not None and snapshot(session, seat_plan_id=seat_plan_id) != expected:
        raise StaleEdit("座次在此之后已被改动（其他用户、名单或布局的变更），无法撤销或重做；"
                        "撤销记录已清空，请在当前座次上继续操作。")
    if state.layout_id is not None and state.layout_id != plan.layout_id:
        halls = dict(session.execute(select(Layout.id, Layout.hall_id)
                                     .where(Layout.id.in_([state.layout_id, plan.layout_id]))).all())
        if halls.get(state.layout_id) is None or halls[state.layout_id] != halls.get(plan.layout_id):
            raise InvalidInput("撤销记录中的座位布局已不存在或不属于本会场，无法恢复。", field="layout_id")
        plan.layout_id = state.layout_id
        plan.version += 1
        session.flush()
    seats = set(
        session.scalars(select(Seat.id).where(Seat.layout_id == plan.layout_id, Seat.disabled.is_(False)))
    )
    people = set(session.scalars(select(Participation.id).where(Participation.event_id == plan.event_id)))
    rows, used_seats, used_people = [], set(), set()
    for p in state.placements:
        if (
            p.seat_id in seats
            and p.participation_id in people
            and p.seat_id not in used_seats
            and p.participation_id not in used_people
        ):
            used_seats.add(p.seat_id)
            used_people.add(p.participation_id)
            rows.append(
                {
                    "seat_plan_id": seat_plan_id,
                    "seat_id": p.seat_id,
                    "participation_id": p.participation_id,
                    "locked": p.locked,
                    "source": p.source,
                }
            )
    table = SeatAssignment.__table__
    session.execute(delete(table).where(table.c.seat_plan_id == seat_plan_id))
    if rows:
        session.execute(insert(table), rows)
    session.commit()
    return RestoreResult(_changes(plan.event_id), len(state.placements) - len(rows))


def unseat(session: Session, *, seat_plan_id: int, seat_ids: Iterable[int]) -> Outcome:
    """Take the people in the given seats out of them (locked or not); empty seats are ignored."""
    plan = _plan(session, seat_plan_id)
    ids = list(set(seat_ids))
    if ids:
        session.execute(
            delete(SeatAssignment).where(
                SeatAssignment.seat_plan_id == seat_plan_id, SeatAssignment.seat_id.in_(ids)
            )
        )
    session.commit()
    return Outcome(Changes.of("seating", plan.event_id, rows=(("seat", i) for i in ids)))


def set_locked_many(session: Session, *, seat_plan_id: int, seat_ids: Iterable[int], locked: bool) -> Outcome:
    """Lock or unlock the occupied seats among ``seat_ids``; empty seats are ignored."""
    plan = _plan(session, seat_plan_id)
    ids = list(set(seat_ids))
    if ids:
        session.execute(
            update(SeatAssignment)
            .where(SeatAssignment.seat_plan_id == seat_plan_id, SeatAssignment.seat_id.in_(ids))
            .values(locked=locked)
        )
    session.commit()
    return Outcome(Changes.of("seating", plan.event_id, rows=(("seat", i) for i in ids)))
