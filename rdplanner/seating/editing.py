"""Editing a seat plan by hand, and running every seating action between its undo snapshots.

Each action runs under the plan's lock between two snapshots (rdplanner.undo.record, with
rdplanner.seating.snapshots), so automatic seating and clearing undo as exactly as a single drag;
restoring skips what no longer exists (a participant removed, a seat disabled) and counts it.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import delete, select, update
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput
from rdplanner.labels import ROLES
from rdplanner.models import Layout, Participation, Person, SeatAssignment, SeatPlan
from rdplanner.office_settings import get_setting, set_setting
from rdplanner.people.ordering import sort_people
from rdplanner.seating.layouts import TableShape, spec_from_json, table_shapes
from rdplanner.seating.plan_store import locked_plan
from rdplanner.seating.snapshots import (  # noqa: F401  (Placement, snapshot: this module's API)
    SEATING,
    Placement,
    Snapshot,
    put_back,
    snapshot,
)
from rdplanner.store import get_or_raise
from rdplanner.undo import Restored, record, restore_recorded


@dataclass(frozen=True, slots=True)
class SeatingPerson:
    """A participant as the editor's people list shows them."""

    participation_id: int
    name: str
    role: str
    delegation: str
    unit: str
    on_leave: bool


RestoreResult = Restored  # the result of a restore: ``changes`` and ``skipped``


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
    undo needs, in one transaction under the plan's lock (rdplanner.undo.record): no other change can
    slip in between.

    Raises:
        Whatever ``action`` raises (RdplannerError); nothing is changed then.
    """
    done = record(session, snapshotter=SEATING, key=seat_plan_id, action=action, seat_plan_id=seat_plan_id,
                  **kwargs)
    return SeatingEdit(done.before, done.after, done.changes)


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
    if expected is not None:
        return restore_recorded(session, snapshotter=SEATING, key=seat_plan_id, state=state,
                                expected=expected)
    result = put_back(session, seat_plan_id=seat_plan_id, state=state)
    session.commit()
    return result


def unseat(session: Session, *, seat_plan_id: int, seat_ids: Iterable[int]) -> Outcome:
    """Take the people in the given seats out of them (locked or not); empty seats are ignored."""
    plan = locked_plan(session, seat_plan_id)
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
    plan = locked_plan(session, seat_plan_id)
    ids = list(set(seat_ids))
    if ids:
        session.execute(
            update(SeatAssignment)
            .where(SeatAssignment.seat_plan_id == seat_plan_id, SeatAssignment.seat_id.in_(ids))
            .values(locked=locked)
        )
    session.commit()
    return Outcome(Changes.of("seating", plan.event_id, rows=(("seat", i) for i in ids)))
