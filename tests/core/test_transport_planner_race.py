"""Two events' officers saving plans that want the same car at the same time (issue 10, PostgreSQL is
where it bites): the cars and drivers are locked before the checks, so one plan is saved and the other
refused as taken, never both."""

import threading

from planner_data import NINE, car, plenary, riders
from sqlalchemy import func, select
from transport_data import make_event

from rdplanner.errors import StaleEdit
from rdplanner.models import Trip
from rdplanner.transport.planner import apply_proposal, propose_transport

ROUNDS = 8


def test_two_plans_wanting_the_same_car_are_never_both_saved(database):
    saved_both = []
    for n in range(ROUNDS):
        with database.session() as session:
            events = [make_event(session, name=f"第{n}轮活动{k}") for k in (1, 2)]
            items = [plenary(session, e) for e in events]
            for event in events:
                riders(session, event, f"甲{n}{event} 乙{n}{event}")
            car(session, f"浙A{n:04d}1", driver=f"司机{n}")
        proposals = [database.read(propose_transport, event_id=e, item_id=i) for e, i in zip(events, items)]
        assert all(len(p.trips) == 1 for p in proposals)
        barrier, outcomes = threading.Barrier(2), {}

        def save(k: int) -> None:
            barrier.wait()
            try:
                database.run(apply_proposal, event_id=events[k], proposal=proposals[k])
                outcomes[k] = "saved"
            except StaleEdit:
                outcomes[k] = "refused"

        threads = [threading.Thread(target=save, args=(k,)) for k in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with database.session() as session:
            cars_used = session.scalar(select(func.count()).select_from(Trip).where(
                Trip.event_id.in_(events), Trip.depart_at.is_not(None), Trip.depart_at < NINE))
        if sorted(outcomes.values()) == ["saved", "saved"] or cars_used > 1:
            saved_both.append(n)
        for event in events:  # the next round's car must be the only free one again
            database.run(lambda s, e=event: (s.execute(Trip.__table__.delete().where(Trip.event_id == e)),
                                             s.commit()))
    assert saved_both == []
