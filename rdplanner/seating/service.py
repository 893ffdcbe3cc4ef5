"""Seating services, one per user action: an event's seat plan (made in plan_store), its settings or layout,
run the automatic seating (with rotation and leave), place by hand (swapping), lock, clear, and read a
plan with its problems. Each mutation returns Changes.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import delete, insert, or_, select
from sqlmodel import Session

from rdplanner.changes import Outcome
from rdplanner.errors import InvalidInput, NotFound
from rdplanner.labels import EVENT_TYPE_BODY, zone_labels
from rdplanner.models import Event, Layout, Participation, Person, Seat, SeatAssignment, SeatPlan
from rdplanner.office_settings import get_setting, name_convention
from rdplanner.problems import Problem
from rdplanner.progress import Cancelled, IsCancelled, Progress, no_progress, not_cancelled
from rdplanner.seating import assign, rotation
from rdplanner.seating.assign import EXPLANATION, FILLS, ORDERINGS, SeatSpot, Sitter
from rdplanner.seating.plan_store import (  # noqa: F401  (ensure_seat_plan, saved_seat_plan: this module's API)
    earlier_than,
    ensure_seat_plan,
    locked_plan,
    plan_changes,
    saved_seat_plan,
)
from rdplanner.seating.problems import finding, seating_problems, unprintable_names
from rdplanner.seating.protocol import EVEN_CONVENTIONS, VIEWS
from rdplanner.store import get_or_raise, versioned_update

APPROVED_LEAVE = "approved"
DELEGATION_ORDER_KEY = "seating.delegation_order"  # office setting: delegation names, one a line
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class AssignmentView:
    """A participant in a seat, with what the seating screen shows."""

    seat_id: int
    participation_id: int
    name: str
    role: str
    locked: bool
    source: str
    delegation: str = ""
    unit: str = ""


@dataclass(frozen=True)
class SeatingView:
    """A seat plan as plain data: its settings, seats, assignments and problems.

    ``ranks`` maps seat id → rank for the rostrum and explicitly ranked seats (1 = best);
    ``previous_event_name`` is the meeting the rotation follows on from ("" if none or rotation is off).
    """

    seat_plan_id: int
    event_id: int
    layout_id: int
    viewpoint: str
    even_convention: str
    ordering: str
    seats: tuple[SeatSpot, ...]
    assignments: tuple[AssignmentView, ...]
    problems: tuple[Problem, ...]
    explanation: str = EXPLANATION
    labels: Mapping[int, str] = field(default_factory=dict)  # seat id → printed label
    version: int = 1
    fill: str = "rows"
    rotate: bool = True
    rotation_offset: int = 0
    layout_kind: str = "auditorium"
    layout_name: str = ""
    ranks: Mapping[int, int] = field(default_factory=dict)
    previous_event_name: str = ""
    zone_names: Mapping[str, str] = field(default_factory=dict)  # zone → its name for the event's type


@dataclass(frozen=True)
class _Roster:
    """The seating inputs: the sitters the engine places, and who stays out on approved leave."""

    seats: tuple[SeatSpot, ...]
    sitters: tuple[Sitter, ...]
    on_leave: tuple[Sitter, ...]  # approved leave and no seat placed by hand
    units: Mapping[int, str]


_SEATS_READ: dict[int, tuple[list[tuple], tuple[SeatSpot, ...], dict[int, str]]] = {}
"""Layout id → its seat rows as last read, and the seats and labels made from them. Every read fetches
the rows again and uses the made ones only if the rows are exactly equal: a 10,000-seat hall's
SeatSpots cost 30 ms or more to make, the comparison 3."""


def _seats_and_labels(session: Session, layout_id: int) -> tuple[tuple[SeatSpot, ...], dict[int, str]]:
    """The layout's seats, by id, and their printed labels (seat id → label)."""
    s = Seat.__table__.c  # the table's columns: the ORM's row processing would double the read's cost
    rows = session.execute(select(s.id, s.zone, s.row_no, s.seat_no, s.x, s.y, s.disabled, s.rank, s.label)
                           .where(s.layout_id == layout_id).order_by(s.id)).all()
    # .all() fetches the rows in one call; iterating the result would fetch them one by one.
    values = [tuple(row) for row in rows]
    known = _SEATS_READ.get(layout_id)
    if known is not None and known[0] == values:
        return known[1], dict(known[2])
    spots = tuple(SeatSpot(*row[:8]) for row in values)
    labels = {row[0]: row[8] for row in values}
    if len(_SEATS_READ) >= 8:
        _SEATS_READ.clear()
    _SEATS_READ[layout_id] = (values, spots, labels)
    return spots, dict(labels)


def _seats(session: Session, layout_id: int) -> tuple[SeatSpot, ...]:
    return _seats_and_labels(session, layout_id)[0]


def _roster(session: Session, plan: SeatPlan, assigned: list,
            seats: tuple[SeatSpot, ...] | None = None) -> _Roster:
    seats = _seats(session, plan.layout_id) if seats is None else seats
    p, person = Participation.__table__.c, Person.__table__.c
    columns = (p.id, person.name, p.role, p.rank_order, p.delegation, p.leave_status, person.unit,
               person.post)
    rows = session.execute(select(*columns).join(Person.__table__, person.id == p.person_id)
                           .where(p.event_id == plan.event_id).order_by(p.id)).all()
    by_hand = {a.participation_id for a in assigned if a.locked and a.source == "manual"}
    leave = {r.id for r in rows if r.leave_status == APPROVED_LEAVE and r.id not in by_hand}
    rostrum = {s.id for s in seats if s.zone == assign.ROSTRUM and not s.disabled}
    kept = {a.participation_id for a in assigned if a.locked and a.seat_id in rostrum} - leave
    elsewhere = {a.participation_id for a in assigned if a.locked and a.seat_id not in rostrum}
    # Default rostrum: whoever is locked there by hand (a manual override), then the body's leaders,
    # i.e. the voting members with the best ranks (not on leave, not locked elsewhere), for the seats
    # left. At a table (boardroom, banquet) the head table takes hosts and guests alike, in the ranks
    # the officer gave them, and whoever has no zone of their own in the room sits at the other tables.
    table = session.scalar(select(Layout.kind).where(Layout.id == plan.layout_id)) in TABLE_KINDS
    out = kept | leave | elsewhere
    heads = TABLE_HEAD_ROLES if table else assign.VOTING_ROLES
    candidates = (r for r in rows if r.role in heads and r.rank_order > 0 and r.id not in out)
    ranked = sorted(candidates, key=lambda r: r.rank_order)
    chosen = kept | {r.id for r in ranked[:max(len(rostrum) - len(kept), 0)]}
    zones = {s.zone for s in seats if not s.disabled}

    def zone(role: str) -> str:
        own = assign.ROLE_ZONE.get(role, "attendee")
        return "members" if table and own not in zones and "members" in zones else ""

    people = [Sitter(r.id, r.name, r.role, r.rank_order, r.delegation, r.id in chosen,
                     is_delegation_leader(r.post), zone(r.role)) for r in rows]
    return _Roster(seats, tuple(s for s in people if s.participation_id not in leave),
                   tuple(s for s in people if s.participation_id in leave), {r.id: r.unit for r in rows})


TABLE_KINDS = frozenset({"boardroom", "banquet"})
TABLE_HEAD_ROLES = frozenset({"member", "deputy", "guest", "attendee"})


def is_delegation_leader(post: str | None) -> bool:
    """团长 and 副团长 of a delegation lead its block (DOMAIN §2); the post says so, e.g. "代表团副团长"."""
    return "团长" in (post or "")


def _plan(session: Session, seat_plan_id: int) -> SeatPlan:
    return get_or_raise(session, SeatPlan, seat_plan_id, "座次图")


def _assignment_rows(session: Session, seat_plan_id: int) -> list:
    # Plain rows, not ORM objects: loading 1,000 entities would cost more than the seating itself.
    a = SeatAssignment.__table__.c
    query = select(a.seat_id, a.participation_id, a.locked, a.source).where(a.seat_plan_id == seat_plan_id)
    return session.execute(query.order_by(a.seat_id)).all()


def _print_gaps(name: str) -> list[str]:
    """Characters of a name missing from the seat-map font (sans) or the card font (serif bold)."""
    return list(_cached_print_gaps(name))


@lru_cache(maxsize=16384)
def _cached_print_gaps(name: str) -> tuple[str, ...]:
    # The bundled fonts never change while the program runs, and the seating screen re-checks every
    # seated name after each drag: remember the answer per name.
    from rdplanner.exports.font_files import missing_glyphs, printable_text

    text = printable_text(name)
    return tuple(dict.fromkeys(missing_glyphs(text, "sans") + missing_glyphs(text, "serif", bold=True)))


def _leave_problems(roster: _Roster, placements: Mapping[int, int]) -> list[Problem]:
    seated = set(placements.values())
    away = [s for s in roster.on_leave if s.participation_id not in seated]
    still = [s for s in roster.on_leave if s.participation_id in seated]
    found = []
    if away:
        found.append(finding("on_leave", f"请假（已批准），未安排座位：{'、'.join(s.name for s in away)}。",
                             tuple(s.participation_id for s in away), severity="info"))
    if still:
        seats = tuple(seat for seat, pid in placements.items() if pid in {s.participation_id for s in still})
        names = "、".join(s.name for s in still)
        message = f"已批准请假的人员仍占用座位：{names}；重新自动排座后这些座位将空出。"
        found.append(finding("on_leave_seated", message, tuple(s.participation_id for s in still), seats,
                             "warning"))
    return found


def _problems(plan: SeatPlan, roster: _Roster, placements: Mapping[int, int],
              zone_names: Mapping[str, str]) -> tuple[Problem, ...]:
    seated = set(placements.values())
    found = (list(seating_problems(roster.seats, roster.sitters, placements, even=plan.even_convention,
                                   blocks=plan.ordering == "blocks", zone_names=zone_names))
             + list(unprintable_names([s for s in roster.sitters if s.participation_id in seated],
                                      _print_gaps))
             + _leave_problems(roster, placements))
    return tuple(sorted(found, key=lambda problem: SEVERITY_ORDER.get(problem.severity, 1)))


def _previous(session: Session, event: Event) -> tuple[int | None, str]:
    """The rotation offset of the meeting this one follows on from, and that meeting's name.

    Event.previous_event_id if its event has a seat plan, else the latest earlier event of the same body.
    """
    base = (select(SeatPlan.rotation_offset, Event.name).join(Event, Event.id == SeatPlan.event_id)
            .where(SeatPlan.sitting_id.is_(None)).order_by(SeatPlan.id).limit(1))
    if event.previous_event_id is not None:
        row = session.execute(base.where(Event.id == event.previous_event_id)).first()
        if row is not None:
            return row.rotation_offset, row.name
    body = EVENT_TYPE_BODY.get(event.event_type, "standing_committee")
    types = [t for t, b in EVENT_TYPE_BODY.items() if b == body]
    query = base.where(Event.event_type.in_(types), earlier_than(event))
    row = session.execute(query.order_by(None).order_by(Event.start_date.desc(), Event.id.desc(),
                                                        SeatPlan.id)).first()
    return (row.rotation_offset, row.name) if row is not None else (None, "")


class ReadCancelled(Cancelled):
    """A background read of a seat plan was overtaken by a newer action; its result is not wanted."""

    code = "read_cancelled"
    default_message = "座次读取已取消。"


def load_seating(session: Session, *, seat_plan_id: int,
                 cancelled: IsCancelled = not_cancelled) -> SeatingView:
    """Return the seat plan as plain data, with the problems of its current seating.

    Raises:
        NotFound: no such plan. ReadCancelled: ``cancelled()`` turned true between the steps of the read
        (a background check made moot by a newer action stops there instead of competing with it).
    """
    plan = _plan(session, seat_plan_id)
    rows = _assignment_rows(session, seat_plan_id)
    seats, labels = _seats_and_labels(session, plan.layout_id)
    roster = _roster(session, plan, rows, seats)
    if cancelled():
        raise ReadCancelled()
    by_pid = {s.participation_id: s for s in roster.sitters + roster.on_leave}
    views = tuple(AssignmentView(a.seat_id, a.participation_id, by_pid[a.participation_id].name,
                                 by_pid[a.participation_id].role, a.locked, a.source,
                                 by_pid[a.participation_id].delegation,
                                 roster.units.get(a.participation_id, ""))
                  for a in rows if a.participation_id in by_pid)
    placements = {a.seat_id: a.participation_id for a in rows}
    if cancelled():
        raise ReadCancelled()
    layout = session.get(Layout, plan.layout_id)
    event = get_or_raise(session, Event, plan.event_id, "活动")
    previous_name = _previous(session, event)[1] if plan.rotate else ""
    names = zone_labels(event.event_type)
    return SeatingView(plan.id, plan.event_id, plan.layout_id, plan.viewpoint, plan.even_convention,
                       plan.ordering, roster.seats, views, _problems(plan, roster, placements, names),
                       labels=labels,
                       version=plan.version, fill=plan.fill, rotate=plan.rotate,
                       rotation_offset=plan.rotation_offset, layout_kind=layout.kind, layout_name=layout.name,
                       ranks=assign.seat_ranks(roster.seats, even=plan.even_convention),
                       previous_event_name=previous_name, zone_names=names,
                       explanation=assign.explanation(event.event_type))


def _delegation_order(session: Session) -> list[str]:
    return [line.strip() for line in get_setting(session, DELEGATION_ORDER_KEY).splitlines() if line.strip()]


def run_auto_seating(session: Session, *, seat_plan_id: int,
                     progress: Progress = no_progress,
                     cancelled: IsCancelled = not_cancelled) -> Outcome:
    """Re-seat everyone except the locked seats (hand placements are locked), in one transaction.

    People on approved leave lose their seat unless it was placed by hand. The members zone rotates
    from the previous meeting of the body when the plan says so; the offset applied is stored.

    Raises:
        NotFound: no such plan. InvalidInput: a bad plan setting. SeatingCancelled: cancelled.
    """
    plan = locked_plan(session, seat_plan_id)
    event = get_or_raise(session, Event, plan.event_id, "活动")
    rows = _assignment_rows(session, seat_plan_id)
    roster = _roster(session, plan, rows)
    leave = {s.participation_id for s in roster.on_leave}
    locked = {a.seat_id: a.participation_id for a in rows if a.locked and a.participation_id not in leave}
    convention = name_convention(session, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
    offset = rotation.next_offset(_previous(session, event)[0], enabled=plan.rotate)
    result = assign.auto_assign(roster.seats, roster.sitters, locked=locked, ordering=plan.ordering,
                                convention=convention, even=plan.even_convention, fill=plan.fill,
                                rotation_offset=offset, delegation_order=_delegation_order(session),
                                progress=progress, cancelled=cancelled)
    table = SeatAssignment.__table__
    # Core statements: the ORM's bulk paths would re-scan the identity map for every row.
    session.execute(delete(table).where(table.c.seat_plan_id == seat_plan_id,
                                        or_(table.c.locked.is_(False), table.c.participation_id.in_(leave))))
    new = [{"seat_plan_id": seat_plan_id, "seat_id": seat_id, "participation_id": pid, "locked": False,
            "source": "auto"} for seat_id, pid in result.placements.items() if seat_id not in locked]
    if new:
        session.execute(insert(table), new)
    plan.rotation_offset = result.rotation_offset
    session.commit()
    return plan_changes(plan.event_id)


def _choice(value: str | None, allowed: Mapping[str, str], what: str, name: str) -> dict:
    if value is None:
        return {}
    if value not in allowed:
        raise InvalidInput(f"{what}应为 {'、'.join(allowed)} 之一，而不是“{value}”。", field=name)
    return {name: value}


def update_plan_settings(session: Session, *, seat_plan_id: int, version: int, viewpoint: str | None = None,
                         even_convention: str | None = None, ordering: str | None = None,
                         fill: str | None = None, rotate: bool | None = None) -> Outcome:
    """Change the settings of a seat plan; the arguments left None stay as they are.

    Turning rotation off sets the offset to 0 (the official order).

    Raises:
        NotFound: no such plan. InvalidInput: an unknown value. StaleEdit: saved by someone else since
        ``version`` was read.
    """
    plan = locked_plan(session, seat_plan_id)
    values = (_choice(viewpoint, VIEWS, "视角", "viewpoint")
              | _choice(even_convention, EVEN_CONVENTIONS, "双数排法", "even_convention")
              | _choice(ordering, ORDERINGS, "排序方式", "ordering")
              | _choice(fill, FILLS, "分块方式", "fill"))
    if rotate is not None:
        if not isinstance(rotate, bool):
            raise InvalidInput("轮换设置应为“开启”或“关闭”。", field="rotate")
        values |= {"rotate": rotate} | ({} if rotate else {"rotation_offset": 0})
    if not values:
        return Outcome()
    versioned_update(session, SeatPlan, seat_plan_id, expected_version=version, values=values, what="座次图")
    session.commit()
    return plan_changes(plan.event_id)


def use_layout(session: Session, *, seat_plan_id: int, layout_id: int) -> Outcome:
    """Switch the plan to another layout of the same hall, keeping the assignments whose seat label exists
    (and is usable) in the new layout and dropping the rest.

    Raises:
        NotFound: no such plan or layout. InvalidInput: the layout belongs to another hall.
    """
    plan = locked_plan(session, seat_plan_id)
    layout = get_or_raise(session, Layout, layout_id, "座位布局")
    event = get_or_raise(session, Event, plan.event_id, "活动")
    current_hall = session.scalar(select(Layout.hall_id).where(Layout.id == plan.layout_id))
    if layout.hall_id not in {current_hall, event.hall_id}:
        raise InvalidInput(f"座位布局“{layout.name}”不属于本活动的会场，不能用于本座次图。",
                           field="layout_id")
    if layout_id == plan.layout_id:
        return Outcome()
    old_query = select(Seat.id, Seat.label).where(Seat.layout_id == plan.layout_id)
    old_labels = dict(session.execute(old_query).all())
    new_seats = dict(session.execute(select(Seat.label, Seat.id).where(Seat.layout_id == layout_id,
                                                                       Seat.disabled.is_(False))).all())
    kept = [{"seat_plan_id": seat_plan_id, "seat_id": new_seats[old_labels[a.seat_id]],
             "participation_id": a.participation_id, "locked": a.locked, "source": a.source}
            for a in _assignment_rows(session, seat_plan_id) if old_labels.get(a.seat_id) in new_seats]
    table = SeatAssignment.__table__
    session.execute(delete(table).where(table.c.seat_plan_id == seat_plan_id))
    if kept:
        session.execute(insert(table), kept)
    plan.layout_id = layout_id
    plan.version += 1
    session.commit()
    return plan_changes(plan.event_id)


def _check_place(session: Session, plan: SeatPlan, participation_id: int, seat_id: int) -> None:
    seat = get_or_raise(session, Seat, seat_id, "座位")
    participation = get_or_raise(session, Participation, participation_id, "参会人员")
    if seat.layout_id != plan.layout_id:
        raise InvalidInput("该座位不属于本座次图所用的座位布局。", field="seat_id")
    if seat.disabled:
        raise InvalidInput(f"座位“{seat.label}”已停用，不能安排人员。", field="seat_id")
    if participation.event_id != plan.event_id:
        raise InvalidInput("该人员不是本活动的参会人员。", field="participation_id")


def place(session: Session, *, seat_plan_id: int, participation_id: int, seat_id: int) -> Outcome:
    """Seat a participant by hand (locked, source "manual"); whoever sat there takes their old seat.

    Raises:
        NotFound: plan, seat or participant missing. InvalidInput: seat of another layout, disabled,
        or locked for someone else; participant of another event.
    """
    plan = locked_plan(session, seat_plan_id)
    _check_place(session, plan, participation_id, seat_id)
    # Only the two rows concerned (loading the plan's 1,000 assignments made every drop slow);
    # populate_existing: bulk deletes and inserts bypass the identity map, and SQLite reuses row ids.
    a = SeatAssignment
    query = select(a).where(a.seat_plan_id == seat_plan_id,
                            or_(a.participation_id == participation_id, a.seat_id == seat_id))
    rows = list(session.scalars(query.execution_options(populate_existing=True)))
    mine = next((a for a in rows if a.participation_id == participation_id), None)
    theirs = next((a for a in rows if a.seat_id == seat_id and a.participation_id != participation_id), None)
    if theirs is not None and theirs.locked:
        raise InvalidInput("该座位已锁定给其他人员，请先解除锁定。", field="seat_id")
    # Delete first and flush: swapping in place would break the unique (plan, seat) constraint midway.
    for row in (mine, theirs):
        if row is not None:
            session.delete(row)
    session.flush()
    session.add(SeatAssignment(seat_plan_id=seat_plan_id, seat_id=seat_id, participation_id=participation_id,
                               locked=True, source="manual"))
    if theirs is not None and mine is not None and mine.seat_id != seat_id:
        session.add(SeatAssignment(seat_plan_id=seat_plan_id, seat_id=mine.seat_id,
                                   participation_id=theirs.participation_id, locked=False, source="manual"))
    session.commit()
    return plan_changes(plan.event_id, {seat_id} | ({mine.seat_id} if mine is not None else set()))


def set_locked(session: Session, *, seat_plan_id: int, seat_id: int, locked: bool) -> Outcome:
    """Lock or unlock the assignment of a seat (locked seats survive automatic re-seating).

    Raises:
        NotFound: the plan is missing or nobody sits in that seat.
    """
    plan = locked_plan(session, seat_plan_id)
    row = session.scalar(select(SeatAssignment).where(SeatAssignment.seat_plan_id == seat_plan_id,
                                                      SeatAssignment.seat_id == seat_id))
    if row is None:
        raise NotFound("该座位目前没有安排人员，无法锁定或解锁。")
    row.locked = locked
    session.commit()
    return plan_changes(plan.event_id, {seat_id})


def clear(session: Session, *, seat_plan_id: int, keep_locked: bool = True) -> Outcome:
    """Empty the seat plan; locked seats stay unless ``keep_locked`` is False."""
    plan = locked_plan(session, seat_plan_id)
    statement = delete(SeatAssignment).where(SeatAssignment.seat_plan_id == seat_plan_id)
    if keep_locked:
        statement = statement.where(SeatAssignment.locked.is_(False))
    session.execute(statement)
    session.commit()
    return plan_changes(plan.event_id)
