"""Loading an event's plans across the registered domains: each domain's overview figures agree with the
rows its read model returns for the demo, the overview has one line per domain figure in the office's
order, and a missing event raises NotFound.
"""

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import NamedTuple

import pytest
from memory_db import memory_engine
from sqlmodel import Session

from rdplanner.budget.domain import DOMAIN as BUDGET
from rdplanner.catering.domain import DOMAIN as CATERING
from rdplanner.demo import build_demo
from rdplanner.domain import OverviewLine
from rdplanner.errors import NotFound
from rdplanner.labels import PHASES
from rdplanner.lodging.domain import lodging_figures
from rdplanner.models import Event
from rdplanner.people.domain import on_leave_count, role_counts
from rdplanner.planning import EventPlans, load_event_plans, load_overview
from rdplanner.readiness.domain import carried_reviews, tasks_by_phase
from rdplanner.seating.domain import seat_figures
from rdplanner.transport.domain import DOMAIN as TRANSPORT
from seated import seat_event

TODAY = date(2026, 11, 12)


class Loaded(NamedTuple):
    session: Session
    event_id: int
    plans: EventPlans
    overview: tuple[OverviewLine, ...]


def _people(p: EventPlans):
    return p.by_domain["people"]


def _tasks_by_phase(p: EventPlans) -> tuple:
    tasks = p.by_domain["readiness"][0]
    return tuple((phase, sum(t.status == "done" for t in tasks if t.phase == phase), sum(t.phase == phase for t in tasks))
                 for phase in PHASES)


def _lodging(p: EventPlans) -> tuple:
    stays = p.by_domain["lodging"]
    occupancy = {(s.hotel, s.room_number, s.check_in, s.check_out) for s in stays}
    return (len(stays), len({(s.hotel, s.room_number) for s in stays}),
            sum((check_out - check_in).days for _, _, check_in, check_out in occupancy))


def _text(loaded, title: str) -> str:
    return next(line.text for line in loaded.overview if line.title == title)


# figure → (what the domain's overview counts, the same figure counted from its read model)
FIGURES: dict[str, tuple[Callable, Callable[[EventPlans], object]]] = {
    "roles": (lambda s, e: dict(role_counts(s, e)), lambda p: dict(Counter(r.role for r in _people(p)))),
    "on_leave": (on_leave_count, lambda p: sum(r.leave_status in ("approved", "requested") for r in _people(p))),
    "seats": (lambda s, e: seat_figures(s, e)[0], lambda p: sum(not seat.disabled for seat in p.by_domain["seating"][0])),
    "seated": (lambda s, e: seat_figures(s, e)[1], lambda p: len(p.by_domain["seating"][1])),
    "lodging": (lodging_figures, _lodging),
    "tasks_by_phase": (tasks_by_phase, _tasks_by_phase),
    "carried_reviews": (carried_reviews, lambda p: sum(r.event_id != p.event.id and r.kind == "improve"
                                                         for r in p.by_domain["readiness"][2])),
}


def load_demo(size: str) -> Iterator[Loaded]:
    engine = memory_engine()
    with Session(engine, expire_on_commit=False) as session:
        event_id = build_demo(session, size=size, today=TODAY)
        seat_event(session, event_id)
        yield Loaded(session, event_id, load_event_plans(session, event_id), load_overview(session, event_id))
    engine.dispose()


@pytest.fixture(scope="module")
def loaded() -> Iterator[Loaded]:
    yield from load_demo("small")


@pytest.fixture(scope="module")
def loaded_large() -> Iterator[Loaded]:
    yield from load_demo("large")


@pytest.mark.parametrize("figure", list(FIGURES))
def test_domain_figure_agrees_with_its_read_model(loaded, figure):
    from_overview, from_plans = FIGURES[figure]

    expected = from_plans(loaded.plans)

    assert any(expected) if isinstance(expected, tuple) else expected
    assert from_overview(loaded.session, loaded.event_id) == expected


def test_lodging_counts_shared_rooms_once_per_night(loaded_large):
    from_overview, from_plans = FIGURES["lodging"]

    assert from_overview(loaded_large.session, loaded_large.event_id) == from_plans(loaded_large.plans)


def test_overview_has_the_lines_of_every_domain_in_the_office_order(loaded):
    assert [line.title for line in loaded.overview] == [
        "参会人员", "会议日程", "会场座位", "会场布置", "车辆行程", "住宿", "用餐", "报到", "经费", "工作任务", "应急预案", "复盘改进"]


def test_overview_lines_state_the_counts_of_the_read_models(loaded):
    trips = loaded.plans.by_domain["transport"][1]
    budget = loaded.plans.by_domain["budget"]
    lodged, rooms, nights = _lodging(loaded.plans)
    planned = sum(b.planned_fen for b in budget)

    assert _text(loaded, "车辆行程") == f"行程 {len(trips)} 趟，使用车辆 {len({t.vehicle_id for t in trips})} 辆"
    assert _text(loaded, "住宿") == f"{lodged} 人入住 {rooms} 间，共 {nights} 间·夜"
    assert _text(loaded, "用餐") == f"{len(loaded.plans.by_domain['catering'])} 餐"
    assert _text(loaded, "经费").startswith(f"预算 {planned // 100:,}.{planned % 100:02d} 元")
    assert _text(loaded, "应急预案") == f"{len(loaded.plans.by_domain['readiness'][1])} 项"


def test_overview_tasks_line_names_every_phase(loaded):
    assert [part.split(" ")[0] for part in _text(loaded, "工作任务").removeprefix("已完成：").split("，")] == list(
        PHASES.values())


def test_domains_without_a_copy_say_nothing_about_copying():
    assert TRANSPORT.copy is None and not TRANSPORT.copies
    assert CATERING.copies and BUDGET.copies


def test_load_event_plans_loads_the_event_itself(loaded):
    assert (loaded.plans.event.id, loaded.plans.event.participant_count) == (
        loaded.event_id, len(_people(loaded.plans)),
    )


def test_load_event_plans_includes_the_previous_events_review_notes(loaded):
    previous_id = loaded.session.get(Event, loaded.event_id).previous_event_id

    assert {r.event_id for r in loaded.plans.by_domain['readiness'][2]} == {previous_id}


def test_load_event_plans_gives_meals_their_menus(loaded):
    assert all(meal.menu for meal in loaded.plans.by_domain['catering'])


def test_load_event_plans_gives_trips_their_passengers(loaded):
    riders = [pid for trip in loaded.plans.by_domain['transport'][1] for pid in trip.passenger_ids]

    assert riders and set(riders) <= {p.participation_id for p in _people(loaded.plans) if p.needs_transport}


def test_load_event_plans_of_missing_id_raises_not_found(session):
    with pytest.raises(NotFound):
        load_event_plans(session, 404)


def test_load_overview_of_missing_id_raises_not_found(session):
    with pytest.raises(NotFound):
        load_overview(session, 404)
