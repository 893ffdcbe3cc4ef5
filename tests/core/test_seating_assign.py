"""Automatic seating (DOMAIN §2): rostrum mapping on real layouts, zones, official order, locks, hand
placement, the problems report and the 800-into-1,000 benchmark."""

from datetime import date

import pytest
from sqlalchemy import select

from rdplanner.demo import build_demo
from rdplanner.errors import InvalidInput
from rdplanner.models import Event, Hall, Layout, Participation, Person, Seat, SeatAssignment, Venue
from rdplanner.seating import service
from rdplanner.seating.assign import (
    EXPLANATION,
    SeatingCancelled,
    SeatSpot,
    Sitter,
    audience_seat_order,
    auto_assign,
    delegation_blocks,
    explanation,
    rostrum_seat_ranks,
    seat_ranks,
    strip_widths,
)
from rdplanner.seating.layouts import Block, auditorium
from rdplanner.seating.problems import seating_problems

NAMES = ["王一", "文二", "田大利", "田富", "马旭", "马一德", "马一德", "欧四", "丁五", "于六", "万七", "卫八"]
# NAMES by 姓名笔画 (DOMAIN §3), worked out by hand: 丁 2 strokes; 于 112 < 万 153 < 卫 521 < 马 551
# (3 strokes); 王 1121 < 文 4134 (4); 田 5; 欧 8. Same surname: 一 (1) < 旭 (6), 大 (3) < 富 (12).
NAMES_BY_STROKES = [
    "丁五", "于六", "万七", "卫八", "马一德", "马一德", "马旭", "王一", "文二", "田大利", "田富", "欧四",
]


MEMBERS_2X6 = (Block("members", 2, (3, 3)),)


def spots(rostrum_rows=(7,), blocks=MEMBERS_2X6) -> list[SeatSpot]:
    return [SeatSpot(i, s.zone, s.row_no, s.seat_no, s.x, s.y)
            for i, s in enumerate(auditorium(rostrum_rows=rostrum_rows, blocks=blocks), 1)]


def leaders(n: int) -> list[Sitter]:
    return [Sitter(100 + r, f"领导{r}", "member", r, on_rostrum=True) for r in range(1, n + 1)]


def rostrum_by_seat_no(seats, placements, row=1) -> list[int]:
    """Ranks of the rostrum row, left to right as the audience sees it (seat_no order)."""
    row_seats = sorted((s for s in seats if s.zone == "rostrum" and s.row_no == row), key=lambda s: s.seat_no)
    return [placements[s.id] - 100 for s in row_seats if s.id in placements]


@pytest.mark.parametrize("n, even, audience", [
    (7, "majority", [7, 5, 3, 1, 2, 4, 6]),
    (7, "minority", [7, 5, 3, 1, 2, 4, 6]),
    (8, "majority", [7, 5, 3, 1, 2, 4, 6, 8]),
    (8, "minority", [8, 6, 4, 2, 1, 3, 5, 7]),
])
def test_auto_assign_rostrum_matches_domain_reference_on_real_layout(n, even, audience):
    seats = spots(rostrum_rows=(n,))
    result = auto_assign(seats, leaders(n), even=even)
    assert rostrum_by_seat_no(seats, result.placements) == audience


def test_auto_assign_rostrum_no2_sits_on_no1s_left_seen_from_stage():
    seats = spots(rostrum_rows=(7,))
    placed = auto_assign(seats, leaders(7)).placements
    x = {placed[s.id] - 100: s.x for s in seats if s.id in placed}
    # The rostrum faces the audience, so its left hand is the audience's right: larger x.
    assert x[2] > x[1] > x[3]


def test_auto_assign_rostrum_two_rows_front_outranks_back():
    seats = spots(rostrum_rows=(5, 6))
    placed = auto_assign(seats, leaders(11)).placements
    assert rostrum_by_seat_no(seats, placed, row=1) == [5, 3, 1, 2, 4]
    assert rostrum_by_seat_no(seats, placed, row=2) == [10, 8, 6, 7, 9, 11]


def test_auto_assign_rostrum_partly_filled_uses_centre_seats():
    seats = spots(rostrum_rows=(7,))
    placed = auto_assign(seats, leaders(3)).placements
    assert rostrum_by_seat_no(seats, placed) == [3, 1, 2]
    assert {s.seat_no for s in seats if s.id in placed} == {3, 4, 5}


def test_rostrum_seat_ranks_skip_disabled_seats():
    seats = [SeatSpot(1, "rostrum", 1, 1, -1.0, -2.5), SeatSpot(2, "rostrum", 1, 2, 0.0, -2.5, disabled=True),
             SeatSpot(3, "rostrum", 1, 3, 1.0, -2.5)]
    assert rostrum_seat_ranks(seats) == {1: 1, 3: 2}


def test_audience_seat_order_front_row_first_from_rostrums_left():
    seats = spots(rostrum_rows=(1,))
    order = audience_seat_order(seats, "members")
    assert [(s.row_no, s.seat_no) for s in order[:6]] == [(1, 6), (1, 5), (1, 4), (1, 3), (1, 2), (1, 1)]
    assert order[6].row_no == 2


def test_auto_assign_members_by_official_strokes_order():
    seats = spots(rostrum_rows=(1,))
    sitters = [Sitter(i, name, "member", 50 + i) for i, name in enumerate(NAMES[:12], 1)]
    placed = auto_assign(seats, sitters).placements
    by_pid = {s.participation_id: s.name for s in sitters}
    seated = [by_pid[placed[s.id]] for s in audience_seat_order(seats, "members")]
    assert seated == NAMES_BY_STROKES


def test_auto_assign_members_by_rank_when_asked():
    seats = spots(rostrum_rows=(1,))
    sitters = [Sitter(i, name, "member", 13 - i) for i, name in enumerate(NAMES, 1)]
    placed = auto_assign(seats, sitters, ordering="rank").placements
    first = audience_seat_order(seats, "members")[0]
    assert placed[first.id] == 12


def test_auto_assign_by_delegation_keeps_delegations_together():
    seats = spots(rostrum_rows=(1,))
    sitters = [Sitter(i, name, "deputy", 0, "乙团" if i % 2 else "甲团") for i, name in enumerate(NAMES, 1)]
    placed = auto_assign(seats, sitters, ordering="delegation").placements
    delegation = {s.participation_id: s.delegation for s in sitters}
    seq = [delegation[placed[s.id]] for s in audience_seat_order(seats, "members")]
    assert seq == ["乙团"] * 6 + ["甲团"] * 6  # 乙 has 1 stroke, 甲 5


DELEGATIONS = ("一团", "二团", "三团")


def deputies(n: int) -> list[Sitter]:
    """n deputies spread over three delegations; the first two of each lead it (团长 rank 1, 副团长 rank 2)."""
    sitters = []
    for i in range(n):
        rank = (i // 3 + 1) if i < 6 else 0
        sitters.append(Sitter(i + 1, NAMES[i % len(NAMES)] + str(i), "deputy", rank, DELEGATIONS[i % 3],
                              leader=rank > 0))
    return sitters


def seated_in_order(seats, placements, sitters) -> list[Sitter]:
    by_pid = {s.participation_id: s for s in sitters}
    return [by_pid[placements[s.id]] for s in audience_seat_order(seats, "members") if s.id in placements]


def test_delegation_blocks_leaders_first_by_rank_then_strokes():
    blocks = delegation_blocks(deputies(12), convention="xingming")
    assert [b[0].delegation for b in blocks] == list(DELEGATIONS)
    first = blocks[0]
    assert [s.rank_order for s in first[:2]] == [1, 2]
    assert [s.name for s in first[2:]] == ["于六9", "马一德6"]  # 于 112 before 马 551, against input order


def test_delegation_blocks_leaders_are_the_team_heads_not_everyone_with_a_rank():
    # A roster numbered 1..n (every deputy "ranked") must not turn a whole delegation into its leaders.
    ranked = [Sitter(i, name, "deputy", i, "一团", leader=(i == 3)) for i, name in enumerate(NAMES[:4], 1)]
    block = delegation_blocks(ranked, convention="xingming")[0]
    assert block[0].participation_id == 3
    assert [s.name for s in block[1:]] == ["王一", "文二", "田富"]
    from rdplanner.seating.service import is_delegation_leader

    assert is_delegation_leader("代表团团长") and is_delegation_leader("代表团副团长")
    assert not is_delegation_leader("代表") and not is_delegation_leader(None)


def test_delegation_blocks_follow_the_office_order_when_given():
    blocks = delegation_blocks(deputies(6), convention="xingming", delegation_order=["三团", "一团"])
    assert [b[0].delegation for b in blocks] == ["三团", "一团", "二团"]


def test_auto_assign_blocks_by_rows_start_each_delegation_in_a_fresh_row():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 6, (5,)),))
    sitters = deputies(12)  # three delegations of 4 in rows of 5
    placed = auto_assign(seats, sitters, ordering="blocks").placements
    row = {s.id: s.row_no for s in seats}
    rows_of = {d: {row[sid] for sid, pid in placed.items() if sitters[pid - 1].delegation == d}
               for d in DELEGATIONS}
    assert rows_of == {"一团": {1}, "二团": {2}, "三团": {3}}
    leader_seat = audience_seat_order(seats, "members")[0]
    assert sitters[placed[leader_seat.id] - 1].rank_order == 1


def test_auto_assign_blocks_by_rows_follow_on_in_the_row_when_the_leaders_fit_there():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 4, (6,)),))
    sitters = deputies(12)  # three delegations of 4, two leaders each, in rows of 6
    result = auto_assign(seats, sitters, ordering="blocks")
    order = seated_in_order(seats, result.placements, sitters)
    assert [s.delegation for s in order] == ["一团"] * 4 + ["二团"] * 4 + ["三团"] * 4  # no empty seat between
    assert [s.rank_order > 0 for s in order[4:6]] == [True, True]  # 二团's leaders side by side…
    row_of = {pid: seat.row_no for seat in seats for sid, pid in result.placements.items() if sid == seat.id}
    assert {row_of[s.participation_id] for s in order[4:6]} == {1}  # …in the rest of row 1
    assert sorted(row_of.values()) == [1] * 6 + [2] * 6


def test_auto_assign_blocks_by_rows_continue_in_the_row_when_a_fresh_row_would_not_fit():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 3, (5,)),))
    sitters = deputies(12)
    result = auto_assign(seats, sitters, ordering="blocks")
    assert len(result.placements) == 12 and result.unplaced == ()
    seq = [s.delegation for s in seated_in_order(seats, result.placements, sitters)]
    assert seq == ["一团"] * 4 + ["二团"] * 4 + ["三团"] * 4


def test_auto_assign_blocks_by_rows_skip_to_a_fresh_row_only_while_everyone_still_fits():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 3, (4,)),))
    sitters = [Sitter(i, f"王{i}", "deputy", 0, DELEGATIONS[i % 3] if i < 9 else "四团") for i in range(12)]
    result = auto_assign(seats, sitters, ordering="blocks")
    assert len(result.placements) == 12 and result.unplaced == ()


def test_auto_assign_blocks_by_columns_gives_each_delegation_a_strip_front_to_back():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 4, (9,)),))
    sitters = deputies(12) + [Sitter(50 + i, f"丁{i}", "deputy", 0, "一团") for i in range(6)]
    placed = auto_assign(seats, sitters, ordering="blocks", fill="columns").placements
    by_pid = {s.participation_id: s for s in sitters}
    x_of = {s.id: s.x for s in seats}
    xs = {d: {x_of[sid] for sid, pid in placed.items() if by_pid[pid].delegation == d} for d in DELEGATIONS}
    assert len(xs["一团"]) == 5 and len(xs["二团"]) == 2 and len(xs["三团"]) == 2  # 10:4:4 of 9 columns
    assert min(xs["一团"]) > max(xs["二团"]) and min(xs["二团"]) > max(xs["三团"])  # from the rostrum's left
    front = {sid for sid, pid in placed.items() if by_pid[pid].rank_order > 0}
    assert {s.row_no for s in seats if s.id in front} == {1}
    assert len(placed) == len(sitters)


def test_strip_widths_proportional_with_room_for_everyone():
    assert strip_widths([10, 4, 4], 9, 4) == [5, 2, 2]
    assert strip_widths([3, 3], 2, 4) == [1, 1]
    assert strip_widths([1, 1, 1], 2, 4) == [1, 1, 0]
    assert sum(strip_widths([7, 1], 10, 1)) == 10


def test_auto_assign_columns_overflow_goes_to_the_seats_left():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 2, (3,)),))
    sitters = [Sitter(i, f"王{i}", "deputy", 0, "一团" if i < 5 else "二团") for i in range(1, 7)]
    result = auto_assign(seats, sitters, ordering="blocks", fill="columns")
    assert len(result.placements) == 6 and result.unplaced == ()


def test_auto_assign_fills_explicitly_ranked_seats_by_rank():
    seats = [SeatSpot(1, "members", 1, 1, 0.0, 0.0, rank=3), SeatSpot(2, "members", 1, 2, 1.0, 0.0, rank=1),
             SeatSpot(3, "members", 1, 3, 2.0, 0.0, rank=2), SeatSpot(4, "members", 2, 1, 0.0, 1.0)]
    sitters = [Sitter(10, "王一", "member", 2), Sitter(11, "文二", "member", 1),
               Sitter(12, "田富", "member", 3),
               Sitter(13, "丁五", "member", 0)]
    placed = auto_assign(seats, sitters, rotation_offset=1).placements
    assert placed == {2: 11, 3: 10, 1: 12, 4: 13}


def test_rostrum_with_explicit_ranks_uses_them_instead_of_the_protocol():
    seats = [SeatSpot(i, "rostrum", 1, i, float(i), -2.5, rank=r) for i, r in ((1, 1), (2, 2), (3, 3))]
    assert rostrum_seat_ranks(seats) == {1: 1, 2: 2, 3: 3}
    placed = auto_assign(seats, leaders(3)).placements
    assert placed == {1: 101, 2: 102, 3: 103}
    assert seat_ranks(spots(rostrum_rows=(3,))) == rostrum_seat_ranks(spots(rostrum_rows=(3,)))


def test_auto_assign_puts_each_role_in_its_zone():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 1, (2,)), Block("attendee", 1, (2,)),
                                             Block("observer", 1, (2,))))
    sitters = [Sitter(1, "王一", "member"), Sitter(2, "文二", "attendee"), Sitter(3, "田富", "guest"),
               Sitter(4, "马旭", "observer")]
    placed = auto_assign(seats, sitters).placements
    zone = {s.id: s.zone for s in seats}
    assert {pid: zone[sid] for sid, pid in placed.items()} == {
        1: "members", 2: "attendee", 3: "attendee", 4: "observer"}


def test_auto_assign_overflow_is_unplaced_not_moved_to_another_zone():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 1, (2,)), Block("attendee", 1, (5,))))
    sitters = [Sitter(i, name, "member") for i, name in enumerate(NAMES[:4], 1)]
    result = auto_assign(seats, sitters)
    assert len(result.placements) == 2
    assert len(result.unplaced) == 2


def test_auto_assign_skips_disabled_seats():
    seats = [SeatSpot(1, "members", 1, 1, 0.0, 0.0, disabled=True), SeatSpot(2, "members", 1, 2, 1.0, 0.0)]
    result = auto_assign(seats, [Sitter(7, "王一", "member")])
    assert result.placements == {2: 7}


def test_auto_assign_keeps_locked_seats_and_does_not_place_them_twice():
    seats = spots(rostrum_rows=(1,))
    sitters = [Sitter(i, name, "member") for i, name in enumerate(NAMES, 1)]
    last = audience_seat_order(seats, "members")[-1]
    result = auto_assign(seats, sitters, locked={last.id: 1})
    assert result.placements[last.id] == 1
    assert list(result.placements.values()).count(1) == 1
    assert len(result.placements) == 12


def test_auto_assign_refuses_unknown_settings_and_honours_cancel():
    seats, sitters = spots(), leaders(2)
    with pytest.raises(InvalidInput):
        auto_assign(seats, sitters, ordering="height")
    with pytest.raises(InvalidInput):
        auto_assign(seats, sitters, even="centre")
    with pytest.raises(InvalidInput, match="分块方式"):
        auto_assign(seats, sitters, fill="diagonal")
    with pytest.raises(SeatingCancelled):
        auto_assign(seats, sitters, cancelled=lambda: True)


def test_explanation_states_the_audience_rule():
    assert "先坐满前排" in EXPLANATION and "主席台的左手" in EXPLANATION


def test_explanation_states_blocks_ranks_rotation_and_leave():
    for words in ("按代表团分块", "按列分块", "标明了位次", "后移一排", "轮换一块", "已批准请假"):
        assert words in EXPLANATION


@pytest.mark.parametrize("event_type, members, zone", [
    ("congress_session", "代表", "代表"), ("deputy_inspection", "代表", "代表"),
    ("standing_committee", "常委会组成人员", "组成人员"), ("directors_meeting", "主任会议组成人员", "组成人员"),
])
def test_explanation_names_the_members_zone_for_the_event_type(event_type, members, zone):
    text = explanation(event_type)

    assert "组成人员/代表" not in text
    assert f"台下按区域就座：{members}在“{zone}”区" in text
    assert f"只用于“{zone}”区" in text and f"每个代表团在“{zone}”区" in text


# --- problems -------------------------------------------------------------------------------------

def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_seating_problems_none_for_a_clean_auto_seating():
    seats = spots(rostrum_rows=(3,))
    sitters = leaders(3) + [Sitter(i, name, "member") for i, name in enumerate(NAMES[:8], 1)]
    result = auto_assign(seats, sitters)
    assert seating_problems(seats, sitters, result.placements) == ()


def test_seating_problems_shortfall_names_the_missing_count():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 1, (2,)),))
    sitters = [Sitter(i, name, "member") for i, name in enumerate(NAMES[:5], 1)]
    sitters.append(Sitter(9, "于六", "media"))
    problems = seating_problems(seats, sitters, auto_assign(seats, sitters).placements)
    shortfalls = [p.message for p in problems if p.code == "zone_shortfall"]
    assert "“组成人员/代表”区需要 5 个座位，只有 2 个可用，缺 3 个座位。" in shortfalls
    assert "“媒体”区需要 1 个座位，只有 0 个可用，缺 1 个座位。" in shortfalls
    unseated = next(p for p in problems if p.code == "unseated")
    assert len(unseated.ids("participation")) == 4 and unseated.message.startswith("4 人未安排座位")


def test_seating_problems_wrong_zone_and_seated_twice():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 1, (2,)), Block("observer", 1, (2,))))
    member_seats = [s.id for s in seats if s.zone == "members"]
    observer_seat = next(s.id for s in seats if s.zone == "observer")
    sitters = [Sitter(1, "王一", "member"), Sitter(2, "文二", "observer")]
    placements = {member_seats[0]: 1, member_seats[1]: 1, observer_seat: 2}
    assert codes(seating_problems(seats, sitters, placements)) == ["seated_twice"]
    wrong = {member_seats[0]: 2, observer_seat: 1}
    problems = seating_problems(seats, sitters, wrong)
    assert codes(problems) == ["wrong_zone", "wrong_zone"]
    assert "文二坐在“组成人员/代表”区，应在“旁听”区。" in [p.message for p in problems]


def test_seating_problems_empty_front_seat_while_someone_sits_behind():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 2, (2,)),))
    front, _, back, _ = audience_seat_order(seats, "members")
    problems = seating_problems(seats, [Sitter(1, "王一", "member"), Sitter(2, "文二", "member")],
                                {front.id: 1, back.id: 2})
    assert codes(problems) == ["empty_front"]
    assert problems[0].severity == "warning" and len(problems[0].ids("seat")) == 1
    assert "第 1 排" in problems[0].message


def test_seating_problems_in_delegation_blocks_only_wholly_empty_front_rows_count():
    seats = spots(rostrum_rows=(1,), blocks=(Block("members", 3, (2,)),))
    order = audience_seat_order(seats, "members")  # rows of two: 0 1 | 2 3 | 4 5
    sitters = [Sitter(i, name, "member") for i, name in enumerate(("王一", "文二", "方三"), 1)]
    gap_in_block = {order[0].id: 1, order[2].id: 2, order[3].id: 3}  # a block ended early in row 1
    assert codes(seating_problems(seats, sitters, gap_in_block)) == ["empty_front"]
    assert codes(seating_problems(seats, sitters, gap_in_block, blocks=True)) == []
    empty_row = {order[0].id: 1, order[1].id: 2, order[4].id: 3}  # row 2 left empty
    problems = seating_problems(seats, sitters, empty_row, blocks=True)
    assert codes(problems) == ["empty_front"] and "第 2 排" in problems[0].message


def test_seating_problems_rank_broken_on_rostrum_by_hand():
    seats = spots(rostrum_rows=(3,), blocks=())
    sitters = leaders(3)
    placed = auto_assign(seats, sitters).placements
    by_pid = {pid: sid for sid, pid in placed.items()}
    swapped = dict(placed) | {by_pid[101]: 102, by_pid[102]: 101}
    problems = seating_problems(seats, sitters, swapped)
    assert codes(problems) == ["rostrum_rank"]
    assert problems[0].ids("participation") == (102,) and "领导2（排序 2）" in problems[0].message
    assert problems[0].ids("seat") == (by_pid[101],)


# --- services -------------------------------------------------------------------------------------

def small_event(session, *, members=6, rostrum=3) -> int:
    venue = Venue(name="机关")
    session.add(venue)
    session.flush()
    hall = Hall(venue_id=venue.id, name="会议厅")
    session.add(hall)
    session.flush()
    session.add(Layout(hall_id=hall.id, name="常用"))
    session.flush()
    layout_id = session.scalar(select(Layout.id))
    blocks = (Block("members", 2, (4,)), Block("attendee", 1, (4,)))
    for s in auditorium(rostrum_rows=(rostrum,), blocks=blocks):
        session.add(Seat(layout_id=layout_id, label=s.label, zone=s.zone, section=s.section, row_no=s.row_no,
                         seat_no=s.seat_no, x=s.x, y=s.y))
    event = Event(name="常委会第一次会议", event_type="standing_committee", start_date=date(2026, 12, 1),
                  end_date=date(2026, 12, 1), venue_id=venue.id, hall_id=hall.id)
    session.add(event)
    session.flush()
    for rank, name in enumerate(NAMES[:members] + ["列席甲"], 1):
        person = Person(name=name)
        session.add(person)
        session.flush()
        role = "attendee" if name == "列席甲" else "member"
        session.add(Participation(event_id=event.id, person_id=person.id, role=role, rank_order=rank))
    session.commit()
    return event.id


def test_ensure_seat_plan_creates_once_and_refuses_without_hall(session):
    event_id = small_event(session)
    plan_id, changes = service.ensure_seat_plan(session, event_id=event_id)
    assert changes.domains == {("seating", event_id)}
    assert service.ensure_seat_plan(session, event_id=event_id).value == plan_id
    event = Event(name="无会场", event_type="standing_committee", start_date=date(2026, 12, 1),
                  end_date=date(2026, 12, 1))
    session.add(event)
    session.commit()
    with pytest.raises(InvalidInput, match="会场"):
        service.ensure_seat_plan(session, event_id=event.id)


def test_run_auto_seating_seats_leaders_on_rostrum_and_reports_no_problems(session):
    plan_id, _ = service.ensure_seat_plan(session, event_id=small_event(session))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    zone = {s.id: s.zone for s in view.seats}
    on_rostrum = {a.name for a in view.assignments if zone[a.seat_id] == "rostrum"}
    assert on_rostrum == set(NAMES[:3])
    assert len(view.assignments) == 7 and view.problems == ()
    assert view.explanation == EXPLANATION
    assert "常委会组成人员在“组成人员”区" in view.explanation


def test_load_seating_explains_the_rules_in_the_words_of_a_congress_session(session):
    event_id = small_event(session)
    session.get(Event, event_id).event_type = "congress_session"
    session.commit()
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)

    text = service.load_seating(session, seat_plan_id=plan_id).explanation

    assert "代表在“代表”区" in text and "组成人员" not in text


def seat_of(session, plan_id, name) -> int:
    view = service.load_seating(session, seat_plan_id=plan_id)
    return next(a.seat_id for a in view.assignments if a.name == name)


def test_hand_placement_swaps_and_survives_a_rerun(session):
    plan_id, _ = service.ensure_seat_plan(session, event_id=small_event(session))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    a_seat, b_seat = seat_of(session, plan_id, "田大利"), seat_of(session, plan_id, "马旭")
    pid = session.scalar(select(Participation.id).join(Person).where(Person.name == "马旭"))
    service.place(session, seat_plan_id=plan_id, participation_id=pid, seat_id=a_seat)
    assert seat_of(session, plan_id, "马旭") == a_seat and seat_of(session, plan_id, "田大利") == b_seat
    service.run_auto_seating(session, seat_plan_id=plan_id)
    assert seat_of(session, plan_id, "马旭") == a_seat
    row = session.scalar(select(SeatAssignment).where(SeatAssignment.participation_id == pid))
    assert row.locked and row.source == "manual"


def test_hand_placement_on_rostrum_overrides_the_default_leaders(session):
    plan_id, _ = service.ensure_seat_plan(session, event_id=small_event(session))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    third = seat_of(session, plan_id, "田大利")
    pid = session.scalar(select(Participation.id).join(Person).where(Person.name == "马一德"))
    service.place(session, seat_plan_id=plan_id, participation_id=pid, seat_id=third)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    zone = {s.id: s.zone for s in view.seats}
    assert {a.name for a in view.assignments if zone[a.seat_id] == "rostrum"} == {"王一", "文二", "马一德"}
    assert zone[seat_of(session, plan_id, "田大利")] == "members"
    assert view.problems == ()


def test_place_refuses_a_seat_locked_for_someone_else(session):
    plan_id, _ = service.ensure_seat_plan(session, event_id=small_event(session))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    seat = seat_of(session, plan_id, "田大利")
    service.set_locked(session, seat_plan_id=plan_id, seat_id=seat, locked=True)
    pid = session.scalar(select(Participation.id).join(Person).where(Person.name == "马旭"))
    with pytest.raises(InvalidInput, match="锁定"):
        service.place(session, seat_plan_id=plan_id, participation_id=pid, seat_id=seat)


def test_locked_seat_survives_rerun_and_clear(session):
    plan_id, _ = service.ensure_seat_plan(session, event_id=small_event(session))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    seat = seat_of(session, plan_id, "马一德")
    service.set_locked(session, seat_plan_id=plan_id, seat_id=seat, locked=True)
    session.add(Participation(event_id=session.scalar(select(Event.id)), person_id=_person(session, "丁五"),
                              role="member", rank_order=0))
    session.commit()
    service.run_auto_seating(session, seat_plan_id=plan_id)
    assert seat_of(session, plan_id, "马一德") == seat
    service.clear(session, seat_plan_id=plan_id)
    assert [a.name for a in service.load_seating(session, seat_plan_id=plan_id).assignments] == ["马一德"]
    service.clear(session, seat_plan_id=plan_id, keep_locked=False)
    assert service.load_seating(session, seat_plan_id=plan_id).assignments == ()


def _person(session, name) -> int:
    person = Person(name=name)
    session.add(person)
    session.flush()
    return person.id


def test_run_auto_seating_800_into_1000_seats(session):
    event_id = build_demo(session, size="large")
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    everyone = set(session.scalars(select(Participation.id).where(Participation.event_id == event_id)))
    on_leave = set(session.scalars(select(Participation.id).where(Participation.event_id == event_id,
                                                                  Participation.leave_status == "approved")))
    # Everyone has a seat in their zone except the deputies on approved leave…
    assert on_leave and {a.participation_id for a in view.assignments} == everyone - on_leave
    # …and the presidium fills the rostrum: nothing else to report.
    assert {p.code for p in view.problems} == {"on_leave"}


def test_a_leader_locked_in_the_hall_does_not_leave_a_rostrum_chair_empty(session):
    plan_id, _ = service.ensure_seat_plan(session, event_id=small_event(session))
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    hall_seat = next(s.id for s in view.seats if s.zone == "members" and s.row_no == 2)
    first = session.scalar(select(Participation.id).join(Person).where(Person.name == NAMES[0]))
    service.place(session, seat_plan_id=plan_id, participation_id=first, seat_id=hall_seat)  # locked there
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    zone = {s.id: s.zone for s in view.seats}
    on_rostrum = {a.name for a in view.assignments if zone[a.seat_id] == "rostrum"}
    assert on_rostrum == set(NAMES[1:4])  # the next in rank moves up; no chair is left empty
    assert "empty_rostrum" not in {p.code for p in view.problems}


def test_an_empty_rostrum_chair_is_reported():
    seats = spots(rostrum_rows=(3,), blocks=(Block("members", 1, (3,)),))
    rostrum = [s for s in seats if s.zone == "rostrum"]
    problems = seating_problems(seats, leaders(2), {rostrum[0].id: 1, rostrum[1].id: 2})
    assert "empty_rostrum" in codes(problems)
    assert "empty_rostrum" not in codes(seating_problems(seats, leaders(2), {}))  # nothing seated yet


def test_guests_sit_at_the_head_table_of_a_banquet_by_rank_and_others_at_the_tables(session):
    from rdplanner.seating.layout_service import save_layout
    from rdplanner.seating.layouts import LayoutSpec

    event_id = small_event(session, members=4, rostrum=3)
    event = session.get(Event, event_id)
    spec = LayoutSpec("banquet", {"tables": 1, "seats_per_table": 8, "tables_per_row": 1, "main_seats": 4})
    layout_id, _ = save_layout(session, hall_id=event.hall_id, name="宴会", spec=spec)
    for participation in session.scalars(select(Participation).where(Participation.event_id == event_id)):
        participation.rank_order = participation.rank_order * 2 - 1  # hosts 1, 3, 5, 7; 列席甲 9
    for rank, name in ((2, "来宾甲"), (4, "来宾乙")):  # guests between the hosts
        person = Person(name=name)
        session.add(person)
        session.flush()
        session.add(Participation(event_id=event_id, person_id=person.id, role="guest", rank_order=rank))
    session.commit()
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    service.use_layout(session, seat_plan_id=plan_id, layout_id=layout_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    view = service.load_seating(session, seat_plan_id=plan_id)
    zone = {s.id: s.zone for s in view.seats}
    head = {a.name for a in view.assignments if zone[a.seat_id] == "rostrum"}
    assert head == {NAMES[0], "来宾甲", NAMES[1], "来宾乙"}
    assert not [p for p in view.problems if p.severity == "error"]  # everyone else at the other table
