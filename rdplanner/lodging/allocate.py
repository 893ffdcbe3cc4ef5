"""Running the automatic room allocation on an event: ``propose_rooms`` reads the event's people, rooms,
blocks and locked stays and returns the allocation's proposal (writing nothing); ``apply_rooms`` saves a
proposal in one transaction, replacing the event's stays that are not locked.
"""

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.lodging.allocation import Basis, Guest, RoomProposal, RoomSlot, Rules, allocate
from rdplanner.lodging.beds import lock_rooms, over_beds
from rdplanner.lodging.nights import day_text, default_nights, nights_of
from rdplanner.lodging.read import LodgingView, PolicyRow, load_lodging
from rdplanner.models import Participation, Room, Stay
from rdplanner.progress import IsCancelled, Progress, check_cancelled, no_progress, not_cancelled
from rdplanner.store import lock_roster

ON_LEAVE = "approved"


def rules_of(policy: PolicyRow) -> Rules:
    return Rules(policy.single_roles, policy.single_posts, policy.single_rank_within, policy.pair_by)


def filling_order(view: LodgingView, hotel_order: tuple[int, ...]) -> list[RoomSlot]:
    """Every room of the directory in filling order: the hotels as ``hotel_order`` lists them (others
    after, by name), each by floor and number."""
    rank = {hotel_id: n for n, hotel_id in enumerate(hotel_order)}
    hotels = {h.id: h for h in view.directory.hotels}
    names = sorted(hotels, key=lambda h: (rank.get(h, len(rank)), hotels[h].name))
    position = {h: n for n, h in enumerate(names)}
    rooms = sorted(view.directory.rooms, key=lambda r: (position[r.hotel_id], r.floor, _number_key(r.number)))
    slots = []
    for room in rooms:
        kind = view.room_type(room.room_type_id)
        slots.append(RoomSlot(room.id, hotels[room.hotel_id].name, room.number, kind.id, kind.name, kind.beds,
                              kind.is_suite))
    return slots


def _number_key(number: str) -> tuple:
    return (len(number), number)


def propose_rooms(session: Session, *, event_id: int, policy: PolicyRow | None = None,
                  progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> RoomProposal:
    """The allocation's proposal for the event under ``policy`` (None: the event's saved rules).

    Raises:
        NotFound: no such event. InvalidInput: an unknown pairing (field ``pair_by``).
    """
    view = load_lodging(session, event_id)
    policy = policy or view.policy
    if policy.pair_by not in ("delegation", "unit", "none"):
        raise InvalidInput("同住分组方式应为代表团、单位或不分组。", field="pair_by")
    progress(0.3)
    check_cancelled(cancelled)
    return propose_from_view(view, policy)


def propose_from_view(view: LodgingView, policy: PolicyRow) -> RoomProposal:
    """The proposal over an already read view (the bench times this)."""
    locked = [s for s in view.stays if s.locked]
    locked_people = {s.participation_id for s in locked}
    busy = {s.room_id for s in locked}
    held = None
    if view.blocks:
        held = {(b.room_type_id, b.night): b.held for b in view.blocks}
        type_of = {r.id: r.room_type_id for r in view.directory.rooms}
        for room_id, nights in _locked_nights(locked).items():
            for night in nights:
                key = (type_of[room_id], night)
                held[key] = held.get(key, 0) - 1
    guests, local, leave = [], 0, 0
    for g in view.guests:
        if g.participation_id in locked_people:
            continue
        if g.leave_status == ON_LEAVE:
            leave += g.needs_lodging
            continue
        if not g.needs_lodging:
            local += g.is_local
            continue
        check_in, check_out = default_nights(g.arrival_date, g.departure_date, view.start_date, view.end_date)
        group = {"delegation": g.delegation, "unit": g.unit}.get(policy.pair_by, "")
        guests.append(Guest(g.participation_id, g.name, g.gender, g.role, g.post, g.rank_order, group,
                            check_in, check_out))
    occupied: dict[int, set[date]] = {}
    for other in view.others:
        occupied.setdefault(other.room_id, set()).update(nights_of(other.check_in, other.check_out))
    proposal = allocate(guests, filling_order(view, policy.hotel_order), rules_of(policy), busy=busy,
                        held=held, kept=len(locked), occupied=occupied)
    return RoomProposal(proposal.placements, proposal.unplaced, proposal.kept, proposal.rules, local, leave,
                        basis_of(view))


def basis_of(view: LodgingView) -> Basis:
    """What a proposal is made over: the event's stays, the directory's room types and the event's blocks,
    each with its version (a save compares them under the lock)."""
    return Basis(frozenset((s.id, s.version, s.participation_id) for s in view.stays),
                 frozenset((t.id, t.beds, t.is_suite, t.version) for t in view.directory.room_types),
                 frozenset((b.id, b.held, b.version) for b in view.blocks))


def _what_changed(old: Basis, view: LodgingView) -> str | None:
    """The first change since ``old`` in Chinese, naming the person, the room type or the night; None if
    nothing changed."""
    new = basis_of(view)
    if new == old:
        return None
    was = {s[0]: s for s in old.stays}
    now = {s[0]: s for s in new.stays}
    for stay_id, row in sorted(now.items()):
        if stay_id not in was or was[stay_id] != row:
            name = _guest_name(view, row[2])
            if stay_id not in was:
                return f"新增了{name}的住宿安排"
            return f"{name}的住宿安排已被修改（调整、锁定或解锁）"
    for stay_id, row in sorted(was.items()):
        if stay_id not in now:
            return f"{_guest_name(view, row[2])}的住宿安排已被删除"
    for kind in sorted(new.types - old.types):
        hotel = view.directory.hotel(view.room_type(kind[0]).hotel_id).name
        return f"{hotel}房型“{view.room_type(kind[0]).name}”已被修改"
    if new.types != old.types:
        return "饭店名录中的房型有增删"
    for block in sorted(new.blocks - old.blocks):
        row = next(b for b in view.blocks if b.id == block[0])
        kind = view.room_type(row.room_type_id)
        return f"{kind.name}{day_text(row.night)}晚的房源预留已被修改"
    return "房源预留已被删除"


def _guest_name(view: LodgingView, participation_id: int) -> str:
    guest = view.guest(participation_id)
    return guest.name if guest else f"编号 {participation_id} 的人员"


def _locked_nights(locked) -> dict[int, set[date]]:
    found: dict[int, set[date]] = {}
    for stay in locked:
        found.setdefault(stay.room_id, set()).update(nights_of(stay.check_in, stay.check_out))
    return found


def apply_rooms(session: Session, *, event_id: int, proposal: RoomProposal) -> Outcome:
    """Save ``proposal``: the event's stays that are not locked are replaced by its placements; value:
    the number of stays written.

    Raises:
        StaleEdit (field ``proposal``): the event's stays, the room types or the event's blocks changed
        since the proposal was made, or a room would now hold more guests (of every event) than beds.
        InvalidInput (field ``proposal``): a placed person has left the event or has a locked stay now, or
        a room is gone since the proposal was made (make it again).
    """
    lock_roster(session, event_id)
    _apply(session, event_id, proposal)
    session.commit()
    return Outcome(Changes.of("lodging", event_id), len(proposal.placements))


def _apply(session: Session, event_id: int, proposal: RoomProposal) -> None:
    """apply_rooms under the event's lock, without the commit."""
    lock_rooms(session, {p.room_id for p in proposal.placements})
    if proposal.basis is not None:
        changed = _what_changed(proposal.basis, load_lodging(session, event_id))
        if changed:
            session.rollback()
            raise StaleEdit(f"方案生成后{changed}，方案未保存；请重新生成方案。", field="proposal")
    people = {p.participation_id for p in proposal.placements}
    present = set(session.scalars(select(Participation.id).where(Participation.event_id == event_id)))
    locked = set(session.scalars(select(Stay.participation_id).where(Stay.event_id == event_id,
                                                                    Stay.locked.is_(True))))
    rooms = {p.room_id for p in proposal.placements}
    found = set(session.scalars(select(Room.id).where(Room.id.in_(sorted(rooms))))) if rooms else set()
    if people - present or people & locked or rooms - found:
        session.rollback()
        raise InvalidInput("名单、锁定的住宿或房间在方案生成后有变化，方案未保存；请重新生成方案。",
                           field="proposal")
    placed: dict[int, Counter] = defaultdict(Counter)
    for p in proposal.placements:
        placed[p.room_id].update(nights_of(p.check_in, p.check_out))
    over = over_beds(session, placed, leaving_event=event_id)
    if over:
        session.rollback()
        raise StaleEdit(f"方案生成后有新的住宿安排：{over}，方案未保存；请重新生成方案。", field="proposal")
    save_placements(session, event_id=event_id, proposal=proposal)


def save_placements(session: Session, *, event_id: int, proposal: RoomProposal) -> None:
    """Replace the event's stays that are not locked by the proposal's placements; the caller commits
    (the demo builds in one transaction)."""
    session.execute(delete(Stay).where(Stay.event_id == event_id, Stay.locked.is_(False)))
    if proposal.placements:
        session.execute(insert(Stay), [
            {"event_id": event_id, "room_id": p.room_id, "participation_id": p.participation_id,
             "check_in": p.check_in, "check_out": p.check_out, "locked": False} for p in proposal.placements])


def save_allocation(session: Session, *, event_id: int, policy: PolicyRow, proposal: RoomProposal) -> Outcome:
    """Save the rules the proposal was made under and the proposal, in one transaction (the page's 保存,
    one undo step): a refusal saves neither.

    Raises:
        InvalidInput: see stays.save_policy and apply_rooms.
    """
    from rdplanner.lodging.stays import write_policy

    lock_roster(session, event_id)
    write_policy(session, event_id=event_id, single_roles=",".join(policy.single_roles),
                 single_posts=",".join(policy.single_posts), single_rank_within=policy.single_rank_within,
                 pair_by=policy.pair_by, hotel_order=",".join(map(str, policy.hotel_order)))
    _apply(session, event_id, proposal)
    session.commit()
    return Outcome(Changes.of("lodging", event_id), len(proposal.placements))
