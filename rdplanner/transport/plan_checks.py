"""What saving a transport proposal (planner.apply_proposal) checks first, with the trip services' own
rules: the item, cars, drivers and people still exist and are usable, each car carries its passengers,
the driver's licence covers the car, and no car or driver was taken (nor a driver gone away) since the
proposal was made. Reads only; raises before anything is written.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.models import Driver, DriverAbsence, Participation, Sitting, Vehicle
from rdplanner.transport.fleet_rules import licence_refusal
from rdplanner.transport.plan_rules import overlaps
from rdplanner.transport.trip_rules import check_capacity, check_times
from rdplanner.transport.trips_read import ASSUMED_DURATION, load_event_trips, load_trips_around, when_text

if TYPE_CHECKING:
    from rdplanner.transport.planner import Proposal, ProposedTrip

AGAIN = "方案未保存，请重新生成方案。"


def _span(trip: ProposedTrip) -> tuple:
    return trip.depart_at, trip.return_at or trip.depart_at + ASSUMED_DURATION


def check_proposal(session: Session, event_id: int, proposal: Proposal) -> None:
    """Refuse a proposal that cannot be saved as it stands.

    Raises:
        InvalidInput: another event's proposal, one without trips, an item, car, driver or person gone or
        retired, too many passengers, a licence not covering the car, a car, driver or person twice at once.
        StaleEdit: a car or driver now on another trip at that time, a driver away, someone already riding.
    """
    if proposal.event_id != event_id:
        raise InvalidInput("该排车方案属于另一个活动，不能保存到本活动。", field="proposal")
    if not proposal.trips:
        raise InvalidInput("方案中没有可保存的行程。", field="proposal")
    sitting = session.get(Sitting, proposal.item_id)
    if sitting is None or sitting.event_id != event_id:
        raise InvalidInput("方案所属的日程已被删除或不属于本活动，" + AGAIN, field="item_id")
    for trip in proposal.trips:
        check_times(trip.depart_at, trip.return_at)
    _lock_fleet(session, proposal.trips)
    _check_fleet(session, proposal.trips)
    _check_people(session, event_id, proposal)
    _check_within(proposal.trips)
    _check_taken(session, proposal.trips)


def _lock_fleet(session: Session, trips: tuple[ProposedTrip, ...]) -> None:
    """Lock the proposal's cars, then its drivers, each in id order (as every writer assigning them does:
    trips.assign locks its car, then its driver), so another event's plan or assignment taking one of
    them waits until this one is saved and then sees it, instead of both being saved."""
    for model, ids in ((Vehicle, {t.vehicle_id for t in trips}), (Driver, {t.driver_id for t in trips})):
        session.execute(select(model.id).where(model.id.in_(sorted(ids))).order_by(model.id).with_for_update())
    session.expire_all()  # what follows reads the rows as they are under the locks


def _check_fleet(session: Session, trips: tuple[ProposedTrip, ...]) -> None:
    cars, people = {t.vehicle_id for t in trips}, {t.driver_id for t in trips}
    vehicles = {v.id: v for v in session.scalars(select(Vehicle).where(Vehicle.id.in_(cars)))}
    drivers = {d.id: d for d in session.scalars(select(Driver).where(Driver.id.in_(people)))}
    for trip in trips:
        vehicle, driver = vehicles.get(trip.vehicle_id), drivers.get(trip.driver_id)
        if vehicle is None or not vehicle.active:
            raise InvalidInput(f"车辆{trip.plate_text}已删除或停用，" + AGAIN, field="vehicle_id")
        if driver is None or not driver.active:
            raise InvalidInput(f"驾驶员{trip.driver_name}已删除或停用，" + AGAIN, field="driver_id")
        check_capacity(vehicle, len(trip.passengers))
        refusal = licence_refusal(vehicle.kind, driver.name, driver.licence_class)
        if refusal:
            raise InvalidInput(f"{refusal}，" + AGAIN, field="driver_id")


def _check_people(session: Session, event_id: int, proposal: Proposal) -> None:
    riders = [pid for trip in proposal.trips for pid in trip.passenger_ids]
    twice = [pid for pid, n in Counter(riders).items() if n > 1]
    if twice:
        raise InvalidInput(f"方案中有人被安排在两辆车上（人员编号 {'、'.join(map(str, twice))}），" + AGAIN,
                           field="participation_ids")
    p = Participation
    present = set(session.scalars(select(p.id).where(p.event_id == event_id, p.id.in_(riders))))
    names = {s.participation_id: s.name for trip in proposal.trips for s in trip.passengers}
    gone = [names[pid] for pid in riders if pid not in present]
    if gone:
        raise InvalidInput(f"{'、'.join(gone)}已不在本活动的参会名单中，" + AGAIN, field="participation_ids")
    riding = {pid for t in load_event_trips(session, event_id) if t.sitting_id == proposal.item_id
              for pid in t.passenger_ids}
    already = [names[pid] for pid in riders if pid in riding]
    if already:
        raise StaleEdit(f"{'、'.join(already[:5])}已在该日程的其他行程上，" + AGAIN)


def _check_within(trips: tuple[ProposedTrip, ...]) -> None:
    for n, a in enumerate(trips):
        for b in trips[n + 1:]:
            if not overlaps(_span(a), _span(b)):
                continue
            if a.vehicle_id == b.vehicle_id:
                raise InvalidInput(f"方案中车辆{a.plate_text}被安排了两趟时间重叠的行程，" + AGAIN,
                                   field="vehicle_id")
            if a.driver_id == b.driver_id:
                raise InvalidInput(f"方案中驾驶员{a.driver_name}被安排了两趟时间重叠的行程，" + AGAIN,
                                   field="driver_id")


def _check_taken(session: Session, trips: tuple[ProposedTrip, ...]) -> None:
    spans = [_span(t) for t in trips]
    around = load_trips_around(session, min(s[0] for s in spans), max(s[1] for s in spans))
    for trip, span in zip(trips, spans, strict=True):
        for other in around:
            if not overlaps(span, (other.depart_at, other.ends_at)):
                continue
            if other.vehicle_id == trip.vehicle_id:
                raise StaleEdit(f"车辆{trip.plate_text}在{trip.when}已被活动“{other.event_name}”的行程"
                                f"“{other.title}”占用，" + AGAIN)
            if other.driver_id == trip.driver_id:
                raise StaleEdit(f"驾驶员{trip.driver_name}在{trip.when}已被活动“{other.event_name}”的行程"
                                f"“{other.title}”安排，" + AGAIN)
    a = DriverAbsence
    for trip, span in zip(trips, spans, strict=True):
        away = session.execute(select(a.starts_at, a.ends_at, a.reason).where(
            a.driver_id == trip.driver_id, a.starts_at < span[1], a.ends_at > span[0])).first()
        if away is not None:
            why = f"（{away.reason}）" if away.reason else ""
            when = when_text(away.starts_at, away.ends_at)
            raise StaleEdit(f"驾驶员{trip.driver_name}在{when}不能出车{why}，" + AGAIN)
