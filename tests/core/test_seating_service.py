"""Seating services: plan settings with optimistic locking, layout reuse and switching, rotation from the
previous meeting of the body, approved leave, and the read model the seating screen shows."""

from datetime import date

import pytest
from sqlalchemy import select

from rdplanner.errors import InvalidInput, NotFound, StaleEdit
from rdplanner.models import Event, Hall, Layout, Participation, Person, Seat, SeatAssignment, SeatPlan, Venue
from rdplanner.office_settings import set_setting
from rdplanner.seating import service
from rdplanner.seating.layouts import Block, auditorium

NAMES = ["王一", "文二", "田大利", "田富", "马旭", "马一德", "欧四", "丁五", "于六", "万七", "卫八", "方九"]


def make_hall(session, *layouts: tuple[str, int], venue_name="机关") -> tuple[int, list[int]]:
    """A hall with one layout per (name, member rows); every layout has a rostrum of 3 and rows of 4."""
    venue = Venue(name=venue_name)
    session.add(venue)
    session.flush()
    hall = Hall(venue_id=venue.id, name="会议厅")
    session.add(hall)
    session.flush()
    ids = []
    for name, rows in layouts:
        layout = Layout(hall_id=hall.id, name=name)
        session.add(layout)
        session.flush()
        for s in auditorium(rostrum_rows=(3,), blocks=(Block("members", rows, (4,)),)):
            session.add(Seat(layout_id=layout.id, label=s.label, zone=s.zone, section=s.section,
                             row_no=s.row_no, seat_no=s.seat_no, x=s.x, y=s.y))
        ids.append(layout.id)
    session.commit()
    return hall.id, ids


def make_event(session, hall_id, *, day=1, names=NAMES, event_type="standing_committee", **fields) -> int:
    event = Event(name=f"常委会第{day}次会议", event_type=event_type, start_date=date(2026, 12, day),
                  end_date=date(2026, 12, day), hall_id=hall_id, **fields)
    session.add(event)
    session.flush()
    for rank, name in enumerate(names, 1):
        known = session.scalar(select(Person).where(Person.name == name))
        person = known or Person(name=name, unit=f"{name}单位")
        session.add(person)
        session.flush()
        session.add(Participation(event_id=event.id, person_id=person.id, role="member",
                                  rank_order=rank if rank <= 3 else 0,
                                  delegation="一团" if rank % 2 else "二团"))
    session.commit()
    return event.id


def plan_of(session, event_id) -> int:
    return service.ensure_seat_plan(session, event_id=event_id).value


def pid_of(session, event_id, name) -> int:
    return session.scalar(select(Participation.id).join(Person).where(Person.name == name,
                                                                     Participation.event_id == event_id))


def seat_label(session, plan_id, name) -> str:
    view = service.load_seating(session, seat_plan_id=plan_id)
    seat_id = next(a.seat_id for a in view.assignments if a.name == name)
    return view.labels[seat_id]


# --- settings -------------------------------------------------------------------------------------

def test_update_plan_settings_saves_values_and_bumps_version(session):
    hall, _ = make_hall(session, ("常用", 4))
    plan_id = plan_of(session, make_event(session, hall))
    view = service.load_seating(session, seat_plan_id=plan_id)
    changes = service.update_plan_settings(session, seat_plan_id=plan_id, version=view.version,
                                           viewpoint="audience",
                                           even_convention="minority", ordering="blocks", fill="columns")
    after = service.load_seating(session, seat_plan_id=plan_id)
    assert changes.changes.touches("seating", view.event_id) and after.version == view.version + 1
    assert (after.viewpoint, after.even_convention, after.ordering, after.fill) == (
        "audience", "minority", "blocks", "columns")


def test_update_plan_settings_refuses_a_stale_version(session):
    hall, _ = make_hall(session, ("常用", 4))
    plan_id = plan_of(session, make_event(session, hall))
    service.update_plan_settings(session, seat_plan_id=plan_id, version=1, ordering="rank")
    with pytest.raises(StaleEdit):
        service.update_plan_settings(session, seat_plan_id=plan_id, version=1, ordering="strokes")
    assert service.load_seating(session, seat_plan_id=plan_id).ordering == "rank"


@pytest.mark.parametrize("setting, field", [
    ({"viewpoint": "side"}, "viewpoint"), ({"even_convention": "centre"}, "even_convention"),
    ({"ordering": "height"}, "ordering"), ({"fill": "diagonal"}, "fill"), ({"rotate": "yes"}, "rotate"),
])
def test_update_plan_settings_refuses_unknown_values_naming_the_field(session, setting, field):
    hall, _ = make_hall(session, ("常用", 4))
    plan_id = plan_of(session, make_event(session, hall))
    with pytest.raises(InvalidInput) as raised:
        service.update_plan_settings(session, seat_plan_id=plan_id, version=1, **setting)
    assert raised.value.field == field


def test_update_plan_settings_rotation_off_resets_the_offset(session):
    hall, _ = make_hall(session, ("常用", 4))
    plan_id = plan_of(session, make_event(session, hall))
    session.get(SeatPlan, plan_id).rotation_offset = 2
    session.commit()
    service.update_plan_settings(session, seat_plan_id=plan_id, version=1, rotate=False)
    view = service.load_seating(session, seat_plan_id=plan_id)
    assert (view.rotate, view.rotation_offset) == (False, 0)


# --- layouts --------------------------------------------------------------------------------------

def test_ensure_seat_plan_reuses_the_layout_of_the_halls_latest_earlier_plan(session):
    hall, (first, second) = make_hall(session, ("常用", 4), ("扩大", 5))
    assert session.get(SeatPlan, plan_of(session, make_event(session, hall, day=1))).layout_id == first
    earlier = plan_of(session, make_event(session, hall, day=2))
    service.use_layout(session, seat_plan_id=earlier, layout_id=second)
    assert session.get(SeatPlan, plan_of(session, make_event(session, hall, day=3))).layout_id == second


def test_use_layout_keeps_assignments_whose_label_exists_and_drops_the_rest(session):
    hall, (big, small) = make_hall(session, ("扩大", 3), ("常用", 1))
    event_id = make_event(session, hall)
    plan_id = plan_of(session, event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    before = {a.name: service.load_seating(session, seat_plan_id=plan_id).labels[a.seat_id]
              for a in service.load_seating(session, seat_plan_id=plan_id).assignments}
    service.use_layout(session, seat_plan_id=plan_id, layout_id=small)
    view = service.load_seating(session, seat_plan_id=plan_id)
    after = {a.name: view.labels[a.seat_id] for a in view.assignments}
    assert view.layout_id == small and view.layout_name == "常用"
    assert after == {name: label for name, label in before.items() if label.startswith(("主席台", "1排"))}
    assert all(s.id in view.labels for s in view.seats)


def test_use_layout_refuses_a_layout_of_another_hall(session):
    hall, _ = make_hall(session, ("常用", 4))
    _, (other,) = make_hall(session, ("别处", 2), venue_name="宾馆")
    plan_id = plan_of(session, make_event(session, hall))
    with pytest.raises(InvalidInput, match="不属于本活动的会场"):
        service.use_layout(session, seat_plan_id=plan_id, layout_id=other)
    with pytest.raises(NotFound):
        service.use_layout(session, seat_plan_id=plan_id, layout_id=9999)


# --- rotation -------------------------------------------------------------------------------------

def test_rotation_follows_the_latest_earlier_meeting_of_the_body(session):
    hall, _ = make_hall(session, ("常用", 4))
    plans = [plan_of(session, make_event(session, hall, day=day)) for day in (1, 2, 3)]
    for plan_id in plans:
        service.run_auto_seating(session, seat_plan_id=plan_id)
    views = [service.load_seating(session, seat_plan_id=plan_id) for plan_id in plans]
    assert [v.rotation_offset for v in views] == [0, 1, 2]  # 9 members below the rostrum use 3 rows
    assert [v.previous_event_name for v in views] == ["", "常委会第1次会议", "常委会第2次会议"]
    first_row = [{a.name for a in v.assignments if v.labels[a.seat_id].startswith("1排")} for v in views]
    assert set.union(*first_row) == set(NAMES[3:])


def test_rotation_uses_the_named_previous_event_and_ignores_other_bodies(session):
    hall, _ = make_hall(session, ("常用", 4))
    first = make_event(session, hall, day=1)
    plan_of(session, make_event(session, hall, day=2, event_type="directors_meeting"))
    service.run_auto_seating(session, seat_plan_id=plan_of(session, first))
    session.get(SeatPlan, plan_of(session, first)).rotation_offset = 1
    session.commit()
    plan_id = plan_of(session, make_event(session, hall, day=3, previous_event_id=first))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    assert (view.previous_event_name, view.rotation_offset) == ("常委会第1次会议", 2)


def test_rotation_off_seats_the_official_order(session):
    hall, _ = make_hall(session, ("常用", 4))
    first = plan_of(session, make_event(session, hall, day=1))
    service.run_auto_seating(session, seat_plan_id=first)
    second = plan_of(session, make_event(session, hall, day=2))
    service.update_plan_settings(session, seat_plan_id=second, version=1, rotate=False)
    service.run_auto_seating(session, seat_plan_id=second)
    views = [service.load_seating(session, seat_plan_id=p) for p in (first, second)]
    assert views[1].rotation_offset == 0 and views[1].previous_event_name == ""
    assert [{(v.labels[a.seat_id], a.name) for a in v.assignments} for v in views][0] == {
        (views[1].labels[a.seat_id], a.name) for a in views[1].assignments}


# --- leave ----------------------------------------------------------------------------------------

def approve_leave(session, event_id, name) -> int:
    participation = session.get(Participation, pid_of(session, event_id, name))
    participation.leave_status = "approved"
    session.commit()
    return participation.id


def test_approved_leave_gets_no_seat_and_an_info_line(session):
    hall, _ = make_hall(session, ("常用", 4))
    event_id = make_event(session, hall)
    plan_id = plan_of(session, event_id)
    approve_leave(session, event_id, "王一")
    approve_leave(session, event_id, "欧四")
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    assert {"王一", "欧四"}.isdisjoint(a.name for a in view.assignments)
    assert len(view.assignments) == len(NAMES) - 2
    info = [p for p in view.problems if p.code == "on_leave"]
    assert [p.message for p in info] == ["请假（已批准），未安排座位：王一、欧四。"]
    assert info[0].severity == "info"
    assert "unseated" not in {p.code for p in view.problems}
    assert view.problems[-1].code == "on_leave"


def test_approved_leave_drops_a_lock_but_keeps_a_hand_placement(session):
    hall, _ = make_hall(session, ("常用", 4))
    event_id = make_event(session, hall)
    plan_id = plan_of(session, event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    locked_seat = next(a.seat_id for a in service.load_seating(session, seat_plan_id=plan_id).assignments
                       if a.name == "马旭")
    service.set_locked(session, seat_plan_id=plan_id, seat_id=locked_seat, locked=True)
    hand_seat = next(s.id for s in service.load_seating(session, seat_plan_id=plan_id).seats
                     if s.zone == "members" and s.row_no == 4)
    service.place(session, seat_plan_id=plan_id, participation_id=pid_of(session, event_id, "丁五"),
                  seat_id=hand_seat)
    approve_leave(session, event_id, "马旭")
    approve_leave(session, event_id, "丁五")
    warned = service.load_seating(session, seat_plan_id=plan_id)
    assert [p.code for p in warned.problems if p.code.startswith("on_leave")] == ["on_leave_seated"]
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    seats = {a.name: a.seat_id for a in view.assignments}
    assert "马旭" not in seats and seats["丁五"] == hand_seat
    leave_lines = [p.message for p in view.problems if p.code.startswith("on_leave")]
    assert leave_lines == ["请假（已批准），未安排座位：马旭。"]


def test_approved_leave_leader_leaves_the_rostrum_to_the_next_rank(session):
    hall, _ = make_hall(session, ("常用", 4))
    event_id = make_event(session, hall, names=NAMES[:3] + ["新领导"] + NAMES[3:])
    session.get(Participation, pid_of(session, event_id, "新领导")).rank_order = 4
    session.commit()
    approve_leave(session, event_id, "文二")
    plan_id = plan_of(session, event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    rostrum = {a.name for a in view.assignments if view.labels[a.seat_id].startswith("主席台")}
    assert rostrum == {"王一", "田大利", "新领导"}


# --- read model -----------------------------------------------------------------------------------

def test_load_seating_reports_delegation_unit_layout_and_ranks(session):
    hall, _ = make_hall(session, ("常用", 4))
    plan_id = plan_of(session, make_event(session, hall))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    wang = next(a for a in view.assignments if a.name == "王一")
    assert (wang.delegation, wang.unit) == ("一团", "王一单位")
    assert (view.layout_kind, view.layout_name) == ("auditorium", "常用")
    assert (view.fill, view.rotate) == ("rows", True)
    assert view.ranks[wang.seat_id] == 1
    assert sorted(view.ranks.values()) == [1, 2, 3]


def test_load_seating_ranks_follow_explicit_seat_ranks(session):
    hall, (layout,) = make_hall(session, ("常用", 4))
    rostrum = session.scalars(select(Seat).where(Seat.layout_id == layout, Seat.zone == "rostrum")
                              .order_by(Seat.seat_no)).all()
    for rank, seat in enumerate(rostrum, 1):
        seat.rank = rank
    session.commit()
    plan_id = plan_of(session, make_event(session, hall))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    assert view.ranks == {seat.id: rank for rank, seat in enumerate(rostrum, 1)}
    assert next(a.name for a in view.assignments if a.seat_id == rostrum[0].id) == "王一"
    assert not [p for p in view.problems if p.code == "rostrum_rank"]


def test_blocks_follow_the_offices_delegation_order(session):
    hall, _ = make_hall(session, ("常用", 4))
    event_id = make_event(session, hall)
    plan_id = plan_of(session, event_id)
    service.update_plan_settings(session, seat_plan_id=plan_id, version=1, ordering="blocks", rotate=False)
    set_setting(session, key=service.DELEGATION_ORDER_KEY, value="二团\n一团\n")
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    front = next(a for a in view.assignments if view.labels[a.seat_id] == "1排4座")  # the rostrum's left
    assert front.delegation == "二团"
    assert session.scalar(select(SeatAssignment.id).where(SeatAssignment.seat_plan_id == plan_id)) is not None


@pytest.mark.parametrize("event_type, zone", [("congress_session", "代表"), ("standing_committee", "组成人员")])
def test_seating_problems_and_zone_names_follow_the_event_type(session, event_type, zone):
    hall_id, _ = make_hall(session, ("一排", 1))  # 3 rostrum chairs and 4 member seats for 12 members
    event_id = make_event(session, hall_id, event_type=event_type)
    view = service.load_seating(session, seat_plan_id=plan_of(session, event_id))
    assert view.zone_names["members"] == zone
    shortfall = next(p for p in view.problems if p.code == "zone_shortfall")
    assert shortfall.message.startswith(f"“{zone}”区需要")
    assert "组成人员/代表" not in "".join(p.message for p in view.problems)
