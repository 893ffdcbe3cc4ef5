"""Layout templates (auditorium, boardroom, classroom, banquet), numbering, overrides, and the hall and
layout services (save in place, occupied seats, optimistic locking, copy, delete)."""

import pytest
from sqlalchemy import select

from rdplanner.demo import build_demo
from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.models import Event, Layout, Participation, Person, Seat, SeatAssignment, SeatPlan
from rdplanner.seating import layout_service as svc
from rdplanner.seating.layouts import (
    LayoutSpec,
    centred_short_row,
    default_spec,
    generate,
    renumber,
    seat_numbers,
    spec_from_json,
    spec_to_json,
    table_shapes,
    with_overrides,
)
from seated import seat_event


def auditorium_spec(rostrum=(5,), rows=2, sections=(3, 4, 3), numbering="sequential") -> LayoutSpec:
    blocks = [{"zone": "members", "rows": rows, "sections": list(sections)}]
    return LayoutSpec("auditorium", {"rostrum_rows": list(rostrum), "blocks": blocks}, numbering)


def by_label(spec: LayoutSpec) -> dict:
    return {s.label: s for s in generate(spec)}


def test_spec_json_round_trips_with_overrides():
    spec = with_overrides(auditorium_spec(), ["1排1座"], zone="attendee", disabled=True)
    assert spec_from_json(spec_to_json(spec)) == spec


def test_spec_from_json_of_layout_without_template_is_none():
    assert spec_from_json("{}") is None


def test_generate_applies_zone_and_disabled_overrides():
    seats = by_label(with_overrides(auditorium_spec(), ["2排3座"], zone="observer", disabled=True))
    assert (seats["2排3座"].zone, seats["2排3座"].disabled) == ("observer", True)
    assert (seats["2排4座"].zone, seats["2排4座"].disabled) == ("members", False)


def test_seat_numbers_odd_even_puts_one_and_two_at_centre_odd_on_audience_right():
    assert seat_numbers(7, "odd_even") == [6, 4, 2, 1, 3, 5, 7]
    assert seat_numbers(8, "odd_even") == [8, 6, 4, 2, 1, 3, 5, 7]


def test_renumber_moves_overrides_with_their_seat():
    spec = with_overrides(auditorium_spec(sections=(4,)), ["1排1座"], disabled=True)
    renumbered = renumber(spec, "odd_even")
    assert renumbered.overrides == {"1排4座": {"disabled": True}}
    assert by_label(renumbered)["1排4座"].x == by_label(spec)["1排1座"].x


def test_auditorium_odd_even_labels_follow_x():
    seats = by_label(auditorium_spec(rostrum=(3,), sections=(2, 2), numbering="odd_even"))
    assert seats["1排1座"].x > 0 > seats["1排2座"].x
    assert seats["1排3座"].x > seats["1排1座"].x
    assert seats["主席台1排1座"].x == 0


@pytest.mark.parametrize("params, words", [
    ({"rostrum_rows": [201], "blocks": [{"zone": "members", "rows": 1, "sections": [3]}]}, "1 到 200"),
    ({"rostrum_rows": [], "blocks": [{"zone": "members", "rows": 0, "sections": [3]}]}, "排数应在 1 到 100"),
    ({"rostrum_rows": [], "blocks": [{"zone": "nowhere", "rows": 1, "sections": [3]}]}, "区域应为"),
    ({"rostrum_rows": [], "blocks": [{"zone": "members", "rows": 100, "sections": [200]}]}, "10000"),
])
def test_generate_refuses_bad_params_naming_field_and_range(params, words):
    with pytest.raises(InvalidInput, match=words):
        generate(LayoutSpec("auditorium", params))


def test_auditorium_of_a_national_congress_hall_has_10000_seats_and_no_more():
    blocks = [{"zone": "members", "rows": 50, "sections": [40, 60, 60, 40]}]
    assert len(generate(LayoutSpec("auditorium", {"rostrum_rows": [], "blocks": blocks}))) == 10000
    one_more = {"rostrum_rows": [1], "blocks": blocks}
    with pytest.raises(InvalidInput, match="不能超过 10000 个，当前参数将生成 10001 个"):
        generate(LayoutSpec("auditorium", one_more))


def test_boardroom_ranks_head_then_heads_left_then_right_around():
    spec = LayoutSpec("boardroom", {"shape": "rectangle", "long_side": 5, "short_side": 2, "outer_rows": 0})
    seats = sorted(generate(spec), key=lambda s: s.rank)
    head, second, third = seats[:3]
    assert (head.x, head.rank, head.zone) == (0.0, 1, "rostrum")
    assert head.y < 0 and second.y == head.y == third.y
    assert second.x > head.x > third.x  # No.2 on the head's left (+x), No.3 on the right
    assert len(seats) == 14 and [s.rank for s in seats] == list(range(1, 15))
    assert seats[-1].y > 0  # the last ranks across the table, nearest the door


def test_boardroom_even_head_side_puts_no1_left_of_centre_pair_seen_by_audience():
    spec = LayoutSpec("boardroom", {"shape": "rectangle", "long_side": 4, "short_side": 0, "outer_rows": 0})
    top = sorted((s for s in generate(spec) if s.y < 0), key=lambda s: s.x)
    assert [s.rank for s in top] == [3, 1, 2, 4]


def test_boardroom_u_has_no_seats_at_open_end_and_outer_rows_are_attendee():
    spec = LayoutSpec("boardroom", {"shape": "u", "long_side": 4, "short_side": 3, "outer_rows": 2})
    seats = generate(spec)
    inner = [s for s in seats if s.zone == "rostrum"]
    outer = [s for s in seats if s.zone == "attendee"]
    assert len(inner) == 4 + 3 + 3 and len(outer) == 2 * 6
    assert {s.label for s in outer} >= {"列席1排1座", "列席2排6座"}
    assert len(table_shapes(spec)) == 3


def test_boardroom_hollow_draws_inner_frame():
    spec = LayoutSpec("boardroom", {"shape": "hollow", "long_side": 6, "short_side": 4, "outer_rows": 0})
    assert [s.hollow for s in table_shapes(spec)] == [False, True]


def test_classroom_front_table_is_rostrum_and_desks_are_drawn():
    spec = LayoutSpec("classroom", {"rows": 3, "sections": [4, 4], "front_table": 3, "zone": "members"})
    seats = generate(spec)
    assert sum(s.zone == "rostrum" for s in seats) == 3 and len(seats) == 27
    assert len(table_shapes(spec)) == 1 + 3 * 2


def test_banquet_guest_one_sits_on_hosts_right_facing_the_door():
    spec = LayoutSpec("banquet", {"tables": 0, "seats_per_table": 10, "tables_per_row": 1, "main_seats": 10})
    seats = {s.rank: s for s in generate(spec)}
    host, guest1, guest2, deputy = seats[1], seats[2], seats[3], seats[4]
    assert host.zone == "rostrum" and host.label == "主桌1座"
    assert host.y < 0 < deputy.y  # the host faces the door (+y), the deputy host opposite
    assert guest1.x < host.x < guest2.x  # the host faces +y: his right hand is -x
    assert seats[5].x > 0 > seats[6].x  # guest 3 on the deputy host's right (+x, he faces -y)


def test_banquet_tables_rank_by_distance_right_above_left():
    spec = LayoutSpec("banquet", {"tables": 5, "seats_per_table": 8, "tables_per_row": 3, "main_seats": 10})
    tables = {t.label: t for t in table_shapes(spec) if t.label != "主桌"}
    assert tables["1桌"].x == 0
    assert tables["2桌"].x < 0 < tables["3桌"].x  # right of the host (-x) above left
    assert tables["4桌"].y > tables["3桌"].y
    seats = generate(spec)
    assert [s.rank for s in seats] == list(range(1, 51))
    assert seats[10].label == "1桌1座"


def test_table_shapes_cover_every_kind():
    assert {t.kind for t in table_shapes(default_spec("banquet"))} == {"circle"}
    assert table_shapes(default_spec("auditorium"))[0].kind == "rect"


@pytest.fixture
def demo(session):
    event_id = build_demo(session)
    return session, event_id


def test_demo_layout_template_regenerates_its_seats(demo):
    session, _ = demo
    layout = session.scalars(select(Layout).order_by(Layout.id)).first()
    spec = spec_from_json(layout.spec_json)
    stored = session.execute(select(Seat.label, Seat.zone, Seat.x, Seat.y).where(Seat.layout_id == layout.id)
                             .order_by(Seat.id)).all()
    assert [(s.label, s.zone, s.x, s.y) for s in generate(spec)] == [tuple(r) for r in stored]


def test_create_hall_creates_venue_and_lists_it(session):
    hall_id, _ = svc.create_hall(session, venue_name="新会场", hall_name="一号厅")
    assert [(h.id, h.venue_name, h.hall_name, h.layout_count) for h in svc.list_halls(session)] == [
        (hall_id, "新会场", "一号厅", 0)]
    with pytest.raises(InvalidInput, match="一号厅"):
        svc.create_hall(session, venue_name="新会场", hall_name="一号厅")


def test_save_layout_new_then_load(session):
    hall_id, _ = svc.create_hall(session, venue_name="新会场", hall_name="一号厅")
    layout_id, changes = svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec())
    view = svc.load_layout(session, layout_id=layout_id)
    assert changes.touches("layouts", None) and view.spec == auditorium_spec() and len(view.seats) == 5 + 20
    assert [(r.name, r.seat_count) for r in svc.list_layouts(session, hall_id=hall_id)] == [("常用", 25)]


def test_save_layout_refuses_duplicate_name(session):
    hall_id, _ = svc.create_hall(session, venue_name="新会场", hall_name="一号厅")
    svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec())
    with pytest.raises(InvalidInput, match="常用"):
        svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec())


def seated_demo(session, event_id):
    """A seat plan of the demo event on its hall's first layout, with one person in the last row."""
    event = session.get(Event, event_id)
    layout_id = session.scalar(select(Layout.id).where(Layout.hall_id == event.hall_id).order_by(Layout.id))
    plan = SeatPlan(event_id=event_id, layout_id=layout_id, name=event.name)
    session.add(plan)
    session.flush()
    seat_id = session.scalar(select(Seat.id).where(Seat.layout_id == layout_id)
                             .order_by(Seat.y.desc(), Seat.id))
    participation_id = session.scalar(select(Participation.id).where(Participation.event_id == event_id))
    session.add(SeatAssignment(seat_plan_id=plan.id, seat_id=seat_id, participation_id=participation_id))
    session.commit()
    return plan, svc.load_layout(session, layout_id=layout_id)


def occupied_label(session, plan):
    return session.scalar(select(Seat.label).join(SeatAssignment, SeatAssignment.seat_id == Seat.id)
                          .where(SeatAssignment.seat_plan_id == plan.id))


def test_save_layout_in_place_keeps_seat_ids_and_reports_events(demo):
    session, event_id = demo
    plan, view = seated_demo(session, event_id)
    spec = view.spec
    blocks = [dict(b) for b in spec.params["blocks"]]
    blocks[-1] = {**blocks[-1], "rows": blocks[-1]["rows"] + 1}
    bigger = LayoutSpec(spec.kind, {**spec.params, "blocks": blocks}, spec.numbering)
    _, changes = svc.save_layout(session, hall_id=view.hall_id, name=view.name, spec=bigger,
                                 layout_id=view.id, version=view.version)
    after = svc.load_layout(session, layout_id=view.id)
    assert {s.label: s.id for s in view.seats}.items() <= {s.label: s.id for s in after.seats}.items()
    assert len(after.seats) == len(view.seats) + 18 and after.version == view.version + 1
    assert changes.touches("seating", event_id) and changes.touches("layouts", None)  # (the demo's previous meeting uses it too)


def test_save_layout_refuses_removing_an_occupied_seat_naming_seat_and_person(demo):
    session, event_id = demo
    plan, view = seated_demo(session, event_id)
    label = occupied_label(session, plan)
    blocks = view.spec.params["blocks"][:-1]
    smaller = LayoutSpec("auditorium", {**view.spec.params, "blocks": blocks})
    with pytest.raises(InvalidInput, match=f"座位“{label}”已安排给“.+”") as caught:
        svc.save_layout(session, hall_id=view.hall_id, name=view.name, spec=smaller, layout_id=view.id,
                        version=view.version)
    assert "删除" in str(caught.value)
    assert len(svc.load_layout(session, layout_id=view.id).seats) == len(view.seats)


def test_save_layout_refuses_disabling_an_occupied_seat(demo):
    session, event_id = demo
    plan, view = seated_demo(session, event_id)
    label = occupied_label(session, plan)
    with pytest.raises(InvalidInput, match="不能停用"):
        svc.save_layout(session, hall_id=view.hall_id, name=view.name, layout_id=view.id,
                        version=view.version, spec=with_overrides(view.spec, [label], disabled=True))
    assert svc.load_layout(session, layout_id=view.id).version == view.version


def test_save_layout_refuses_stale_version(session):
    hall_id, _ = svc.create_hall(session, venue_name="新会场", hall_name="一号厅")
    layout_id, _ = svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec())
    svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec(rows=3), layout_id=layout_id,
                    version=1)
    with pytest.raises(StaleEdit):
        svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec(rows=1),
                        layout_id=layout_id, version=1)
    assert len(svc.load_layout(session, layout_id=layout_id).seats) == 5 + 30


def test_set_seat_overrides_updates_template_and_seats(session):
    hall_id, _ = svc.create_hall(session, venue_name="新会场", hall_name="一号厅")
    layout_id, _ = svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec())
    svc.set_seat_overrides(session, layout_id=layout_id, labels=["1排1座", "1排2座"], zone="media",
                           disabled=True, version=1)
    view = svc.load_layout(session, layout_id=layout_id)
    seats = {s.label: s for s in view.seats}
    assert (seats["1排1座"].zone, seats["1排1座"].disabled) == ("media", True)
    assert view.spec.overrides["1排2座"] == {"zone": "media", "disabled": True}
    assert view.version == 2


def test_set_seat_overrides_refuses_disabling_occupied_seat(demo):
    session, event_id = demo
    plan, view = seated_demo(session, event_id)
    with pytest.raises(InvalidInput, match="不能停用"):
        svc.set_seat_overrides(session, layout_id=view.id, labels=[occupied_label(session, plan)],
                               disabled=True, version=view.version)


def test_set_seat_overrides_refuses_unknown_label(session):
    hall_id, _ = svc.create_hall(session, venue_name="新会场", hall_name="一号厅")
    layout_id, _ = svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec())
    with pytest.raises(InvalidInput, match="99排1座"):
        svc.set_seat_overrides(session, layout_id=layout_id, labels=["99排1座"], zone="media", version=1)


def test_copy_layout_copies_seats_and_template(session):
    hall_id, _ = svc.create_hall(session, venue_name="新会场", hall_name="一号厅")
    layout_id, _ = svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec())
    copy_id, _ = svc.copy_layout(session, layout_id=layout_id, name="常用（副本）")
    original, copy = (svc.load_layout(session, layout_id=i) for i in (layout_id, copy_id))
    assert copy.spec == original.spec and [s.label for s in copy.seats] == [s.label for s in original.seats]


def test_delete_layout_refuses_when_a_seat_plan_uses_it(demo):
    session, event_id = demo
    plan, view = seated_demo(session, event_id)
    previous = session.get(Event, session.get(Event, event_id).previous_event_id).name
    with pytest.raises(InvalidInput, match=f"正被活动“{previous}”"):  # the first event using it is named
        svc.delete_layout(session, layout_id=view.id)


def test_delete_layout_removes_unused_layout(session):
    hall_id, _ = svc.create_hall(session, venue_name="新会场", hall_name="一号厅")
    layout_id, _ = svc.save_layout(session, hall_id=hall_id, name="常用", spec=auditorium_spec())
    svc.delete_layout(session, layout_id=layout_id)
    assert svc.list_layouts(session, hall_id=hall_id) == ()
    assert session.scalar(select(Seat.id).where(Seat.layout_id == layout_id)) is None


def test_renumbering_a_layout_keeps_everyone_in_their_chair_and_relabels_it(demo):
    from rdplanner.seating import service
    from rdplanner.seating.layouts import renumber

    session, event_id = demo
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = svc.load_layout(session, layout_id=session.get(SeatPlan, plan_id).layout_id)

    def chairs():
        rows = session.execute(select(Seat.x, Seat.y, Seat.label, SeatAssignment.participation_id)
                               .join(SeatAssignment, SeatAssignment.seat_id == Seat.id)
                               .where(SeatAssignment.seat_plan_id == plan_id)).all()
        return {(r.x, r.y): (r.participation_id, r.label) for r in rows}

    before = chairs()
    svc.save_layout(session, hall_id=view.hall_id, name=view.name, spec=renumber(view.spec, "odd_even"),
                    layout_id=view.id, version=view.version)
    after = chairs()
    assert {spot: pid for spot, (pid, _) in after.items()} == {spot: pid for spot, (pid, _) in before.items()}
    assert any(after[spot][1] != before[spot][1] for spot in after)  # the labels did change
    labels = session.scalars(select(Seat.label).where(Seat.layout_id == view.id)).all()
    assert len(labels) == len(set(labels)) and not any(label.startswith("~") for label in labels)
    assert not any(p.code == "rostrum_rank" for p in service.load_seating(session, seat_plan_id=plan_id).problems)


@pytest.mark.parametrize(("chairs", "people", "even", "xs", "ranks"), [
    (9, 8, "majority", [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5], [7, 5, 3, 1, 2, 4, 6, 8]),
    (9, 8, "minority", [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5], [8, 6, 4, 2, 1, 3, 5, 7]),
    (9, 7, "majority", [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0], [7, 5, 3, 1, 2, 4, 6]),
    (2, 1, "majority", [0.0], [1]),
])
def test_short_rostrum_row_closes_up_centred_and_ranks_as_a_row_of_its_people(chairs, people, even, xs,
                                                                               ranks):
    # DOMAIN §2, as the audience sees it: n=7 → 7 5 3 1 2 4 6; n=8 → 7 5 3 1 2 4 6 8 (majority).
    chair_xs = [i - (chairs - 1) / 2 for i in range(chairs)]
    placed = centred_short_row(chair_xs, people, even=even)
    assert [x for x, _ in placed] == pytest.approx(xs)
    assert [rank for _, rank in placed] == ranks


def test_large_hall_seat_map_has_no_empty_chair_at_the_end_of_the_rostrum_back_row(session, monkeypatch,
                                                                                   tmp_path):
    from rdplanner.seating import documents

    event_id = build_demo(session, size="large")

    seat_event(session, event_id)
    p = Participation
    away = session.scalar(select(p).where(p.event_id == event_id, p.rank_order == 64))
    away.leave_status = "approved"  # one of the presidium is on leave: 63 people for 64 rostrum chairs
    session.commit()
    drawn = {}
    monkeypatch.setattr("rdplanner.exports.seatmap_pdf.write_seatmap_pdf",
                        lambda path, **kw: drawn.update(kw) or path)
    documents.export_seatmap(session, event_id=event_id, path=tmp_path / "m.pdf")
    rostrum = [box for box in drawn["seats"] if box.zone == "rostrum"]
    back = sorted((box for box in rostrum if box.y == min(b.y for b in rostrum)), key=lambda box: box.x)
    assert len(back) == 32 and all(box.name for box in back)  # 32 of the presidium on 33 chairs
    assert [box.x for box in back] == pytest.approx([i - 15.5 for i in range(32)])
    ranked = list(session.scalars(select(Person.name).join(p, p.person_id == Person.id)
                                  .where(p.event_id == event_id, p.role == "deputy", p.rank_order > 0,
                                         p.leave_status != "approved").order_by(p.rank_order)))
    # The row's No.1 (No.32 of the presidium) and No.2 take the centre pair, No.1 on the audience's left.
    assert (back[15].name, back[16].name) == (ranked[31], ranked[32])
