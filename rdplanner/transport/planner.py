"""The transport planner (自动排车) of one programme item: a proposal of cars, drivers and passengers
(``propose_transport``, which writes nothing) and saving it in one transaction (``apply_proposal``).

Who rides: the item's attendees who are not on leave (as transport.domain.needing_transport) and need a
car: 接站 (needs_pickup) for an arrival item, 送站 (needs_dropoff) for a departure item, 用车
(needs_transport) for any other; people already riding on one of the item's trips are left out. The
grouping, leader and car rules are in rdplanner.transport.plan_rules.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlmodel import Session

from rdplanner.changes import Outcome
from rdplanner.errors import InvalidInput
from rdplanner.labels import EVENT_TYPE_BODY, VEHICLE_KINDS
from rdplanner.models import Event, Hall, Participation, Person, Trip, TripPassenger, Venue
from rdplanner.office_settings import name_convention
from rdplanner.programme.read import ProgrammeItem, load_programme
from rdplanner.progress import Cancelled, IsCancelled, Progress, check_cancelled, no_progress, not_cancelled
from rdplanner.store import lock_roster
from rdplanner.transport import plan_rules
from rdplanner.transport.fleet_read import load_fleet
from rdplanner.transport.fleet_rules import plate_text
from rdplanner.transport.plan_checks import check_proposal
from rdplanner.transport.trip_rules import TEXT_LIMITS
from rdplanner.transport.trips import SITTING_TRIP_KINDS, trip_changes
from rdplanner.transport.trips_read import TRIP_KINDS, TripRow, load_event_trips, load_trips_around, when_text

ON_LEAVE = ("approved", "requested")
PLAN_NOTE = ""  # nothing printed on the slip: the trip's item says where it comes from


class PlanCancelled(Cancelled):
    default_message = "已取消排车，未作任何改动。"


@dataclass(frozen=True, slots=True)
class PlannedSeat:
    participation_id: int
    name: str
    seat_position: int
    label: str


@dataclass(frozen=True)
class ProposedTrip:
    """One car of the proposal: its driver, route, times and passengers in seat order."""

    vehicle_id: int
    plate: str
    vehicle_kind: str
    seats: int
    hired: bool
    driver_id: int
    driver_name: str
    kind: str
    purpose: str
    origin: str
    destination: str
    depart_at: datetime
    return_at: datetime | None
    passengers: tuple[PlannedSeat, ...]
    leader: bool = False

    @property
    def capacity(self) -> int:
        return max(self.seats - 1, 0)

    @property
    def plate_text(self) -> str:
        return plate_text(self.plate)

    @property
    def kind_label(self) -> str:
        return VEHICLE_KINDS.get(self.vehicle_kind, self.vehicle_kind)

    @property
    def trip_kind_label(self) -> str:
        return TRIP_KINDS.get(self.kind, self.kind)

    @property
    def when(self) -> str:
        return when_text(self.depart_at, self.return_at)

    @property
    def passenger_ids(self) -> tuple[int, ...]:
        return tuple(p.participation_id for p in self.passengers)


@dataclass(frozen=True)
class Proposal:
    """What the planner proposes for one item: its trips, the people it could not place (with why), the
    people already riding on the item's trips, and the rules it followed (Chinese sentences)."""

    event_id: int
    item_id: int
    item_label: str
    trips: tuple[ProposedTrip, ...]
    unplaced: tuple[plan_rules.Unplaced, ...]
    already_riding: tuple[int, ...]
    rules: tuple[str, ...]

    @property
    def passenger_count(self) -> int:
        return sum(len(t.passengers) for t in self.trips)


def propose_transport(session: Session, *, event_id: int, item_id: int, leader_rank: int = 5,
                      window_minutes: int = 60, progress: Progress = no_progress,
                      cancelled: IsCancelled = not_cancelled) -> Proposal:
    """Propose cars for the item's riders (see the module docstring); write nothing.

    Every active car and driver not on a trip of any event overlapping the ride (nor, for a driver,
    away then) may be used; see plan_rules.place_groups for the order.

    Raises:
        NotFound: the event is gone. InvalidInput: the item is not the event's (field item_id) or has no
        time; a negative ``leader_rank`` or ``window_minutes``. PlanCancelled.
    """
    if leader_rank < 0:
        raise InvalidInput("领导人数（职务排序前几位）不能为负数。", field="leader_rank")
    if window_minutes < 0:
        raise InvalidInput("同车的时间窗口（分钟）不能为负数。", field="window_minutes")
    item = _item(session, event_id, item_id)
    progress(0.1)
    trips = load_event_trips(session, event_id)
    riding = {pid for t in trips if t.sitting_id == item.id for pid in t.passenger_ids}
    candidates = [c for c in _candidates(session, event_id, item) if c.participation_id not in riding]
    groups, unplaced = _groups(session, item, candidates, timedelta(minutes=window_minutes))
    groups, elsewhere = plan_rules.without_riding(groups, _rides(trips))
    check_cancelled(cancelled, PlanCancelled)
    progress(0.4)
    state = fleet_state(session, groups)
    check_cancelled(cancelled, PlanCancelled)
    convention = _convention(session, event_id)
    placements, short = plan_rules.place_groups(groups, state, leader_rank=leader_rank, convention=convention)
    names = {c.participation_id: c.name for c in candidates}
    proposed = tuple(_proposed(item, p, names) for p in placements)
    progress(1.0)
    return Proposal(event_id, item.id, item.label, proposed, tuple(unplaced + elsewhere + short),
                    tuple(sorted(riding)), _rules_text(item, candidates, leader_rank, window_minutes))


def _item(session: Session, event_id: int, item_id: int) -> ProgrammeItem:
    item = load_programme(session, event_id).item(item_id)
    if item is None:
        raise InvalidInput(f"本活动的日程中没有编号为 {item_id} 的事项，可能已被删除。", field="item_id")
    if item.starts_at is None:
        raise InvalidInput(f"日程“{item.name}”尚未确定时间，无法安排车辆。", field="item_id")
    return item


def _candidates(session: Session, event_id: int, item: ProgrammeItem) -> list[plan_rules.Candidate]:
    p = Participation
    need = {"arrival": p.needs_pickup, "departure": p.needs_dropoff}.get(item.kind, p.needs_transport)
    arriving = item.kind == "arrival"
    station = p.arrival_station if arriving else p.departure_station
    day = p.arrival_date if arriving else p.departure_date
    clock = p.arrival_time if arriving else p.departure_time
    rows = session.execute(
        select(p.id, Person.name, p.role, p.rank_order, p.pickup_point, station, day, clock)
        .join(Person, Person.id == p.person_id)
        .where(p.event_id == event_id, need.is_(True), p.leave_status.not_in(ON_LEAVE)).order_by(p.id))
    found = []
    for pid, name, role, rank, point, where, on, at in rows:
        if pid not in item.attendee_ids:
            continue
        moment = datetime.combine(on or item.starts_at.date(), at) if at is not None else None
        found.append(plan_rules.Candidate(pid, name, role, rank or 0, point or "", where or "", moment))
    return found


def _rides(trips: Sequence[TripRow]) -> dict[int, list[tuple[tuple[datetime, datetime], str]]]:
    """Participation id → when and which of the event's timed trips they ride."""
    rides: dict[int, list] = defaultdict(list)
    for trip in trips:
        if trip.depart_at is not None:
            for pid in trip.passenger_ids:
                rides[pid].append(((trip.depart_at, trip.ends_at), f"“{trip.title}”（{trip.when}）"))
    return rides


def _groups(session: Session, item: ProgrammeItem, candidates: Sequence[plan_rules.Candidate],
            window: timedelta) -> tuple[list[plan_rules.Group], list[plan_rules.Unplaced]]:
    place = _place(session, item)
    if item.kind in ("arrival", "departure"):
        return plan_rules.station_groups(candidates, arriving=item.kind == "arrival",
                                         place=place or plan_rules.DEFAULT_PICKUP, window=window)
    return plan_rules.pickup_groups(candidates, destination=place,
                                    depart_at=item.starts_at - plan_rules.MEETING_LEAD, return_at=item.ends_at), []


def _place(session: Session, item: ProgrammeItem) -> str:
    """Where the item is, as a trip's destination: its place, else its venue and hall (as trips.py)."""
    if item.place or item.hall_id is None:
        return item.place[:TEXT_LIMITS["destination"]]
    venue, hall = session.execute(select(Venue.name, Hall.name).join(Venue, Venue.id == Hall.venue_id)
                                  .where(Hall.id == item.hall_id)).one()
    return f"{venue} {hall}"[:TEXT_LIMITS["destination"]]


def fleet_state(session: Session, groups: Sequence[plan_rules.Group]) -> plan_rules.FleetState:
    """The active fleet with what every event's trips around the groups' times already take."""
    fleet = load_fleet(session)
    state = plan_rules.FleetState(fleet.vehicles, fleet.drivers, fleet.absences)
    if groups:
        start = min(g.span[0] for g in groups)
        end = max(g.span[1] for g in groups)
        for trip in load_trips_around(session, start, end):
            span = (trip.depart_at, trip.ends_at)
            if trip.vehicle_id is not None:
                state.vehicle_busy[trip.vehicle_id].append(span)
            if trip.driver_id is not None:
                state.driver_busy[trip.driver_id].append(span)
    return state


def _convention(session: Session, event_id: int) -> str:
    event_type = session.scalar(select(Event.event_type).where(Event.id == event_id))
    return name_convention(session, EVENT_TYPE_BODY.get(event_type or "", "standing_committee"))


def _proposed(item: ProgrammeItem, placement: plan_rules.Placement, names: dict[int, str]) -> ProposedTrip:
    group, vehicle, driver = placement.group, placement.vehicle, placement.driver
    kind = SITTING_TRIP_KINDS.get(item.kind, "meeting")
    purpose = item.name if kind in ("meeting", "visit") else f"{item.name}（{TRIP_KINDS[kind]}）"
    seats = tuple(PlannedSeat(s.participation_id, names[s.participation_id], s.seat_position, s.label)
                  for s in placement.seats)
    limit = TEXT_LIMITS["origin"]
    return ProposedTrip(vehicle.id, vehicle.plate, vehicle.kind, vehicle.seats, vehicle.hired, driver.id,
                        driver.name, kind, purpose[:TEXT_LIMITS["purpose"]], group.origin[:limit],
                        group.destination[:limit], group.depart_at, group.return_at, seats, placement.leader)


def _rules_text(item: ProgrammeItem, candidates: Sequence[plan_rules.Candidate], leader_rank: int,
                window_minutes: int) -> tuple[str, ...]:
    said = []
    if leader_rank:
        said.append(f"领导（常委会组成人员、代表、列席人员和嘉宾中职务排序 1–{leader_rank} 位者）"
                    "每人单独乘坐一辆轿车或商务车。")
    if item.kind == "arrival":
        said.append(f"接站按到达的车站或机场分组，到达时间在最早一人之后 {window_minutes} 分钟内（含）的"
                    "人员同车；车辆按最早到达时刻出发，最后一人到达后 1 小时返回。")
    elif item.kind == "departure":
        said.append(f"送站按离开的车站或机场分组，离开时间在最早一人之后 {window_minutes} 分钟内（含）的"
                    "人员同车；车辆在最早离开时刻前 2 小时出发。")
    else:
        lead = int(plan_rules.MEETING_LEAD.total_seconds() // 60)
        said.append(f"按上车地点分组，同一地点的人员同车前往；车辆在日程开始前 {lead} 分钟出发。")
        if any(not c.pickup_point.strip() for c in candidates):
            said.append(f"未填上车地点的人员按“{plan_rules.DEFAULT_PICKUP}”上车。")
    said.append("每组用车最少：先用座位多的车，最后一辆用坐得下的最小车型（座位数不含驾驶员座），"
                "同样大小先用自有车辆；只用该时段未被任何活动占用的车辆，驾驶员须未出车、未请假且准驾车型相符。")
    return tuple(said)


def apply_proposal(session: Session, *, event_id: int, proposal: Proposal) -> Outcome:
    """Save the proposal's trips (已申请, on the item, seats as proposed) in one transaction, checking
    first that nothing changed since it was made; value: the new trips' ids in proposal order.

    Raises:
        NotFound: the event is gone. InvalidInput: a proposal of another event or without trips, an item,
        car, driver or person no longer usable, a car too small, a licence not covering the car.
        StaleEdit: a car or driver taken (or a driver away) meanwhile, someone already riding.
    """
    lock_roster(session, event_id)
    ids = save_proposal(session, event_id=event_id, proposal=proposal)
    session.commit()
    return Outcome(trip_changes(event_id, ids), ids)


def save_proposal(session: Session, *, event_id: int, proposal: Proposal) -> tuple[int, ...]:
    """Check and write the proposal's trips without committing (apply_proposal, and the demo's builder,
    which commits everything at once); the caller holds the event's lock. Raises as apply_proposal."""
    check_proposal(session, event_id, proposal)
    ids = []
    for trip in proposal.trips:
        row = Trip(event_id=event_id, sitting_id=proposal.item_id, vehicle_id=trip.vehicle_id,
                   driver_id=trip.driver_id, kind=trip.kind, purpose=trip.purpose, origin=trip.origin,
                   destination=trip.destination, depart_at=trip.depart_at, return_at=trip.return_at,
                   notes=PLAN_NOTE)
        session.add(row)
        session.flush()
        ids.append(row.id)
    riders = [{"trip_id": trip_id, "participation_id": s.participation_id, "seat_position": s.seat_position}
              for trip_id, trip in zip(ids, proposal.trips, strict=True) for s in trip.passengers]
    if riders:
        session.execute(insert(TripPassenger), riders)
    return tuple(ids)
