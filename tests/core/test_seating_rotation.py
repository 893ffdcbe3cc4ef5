"""Rotation of the members zone between meetings (DOMAIN §2): the pure rule, then the engine over a
series of meetings (everyone reaches the front row, roster changes, turning it off, blocks)."""

import pytest

from rdplanner.seating.assign import SeatSpot, Sitter, audience_seat_order, auto_assign
from rdplanner.seating.layouts import Block, auditorium
from rdplanner.seating.rotation import effective_offset, next_offset, rotate, row_shift, rows_in_use

NAMES = [f"委员{chr(0x4E00 + i)}" for i in range(23)]


def spots(rows: int, width: int) -> list[SeatSpot]:
    specs = auditorium(rostrum_rows=(1,), blocks=(Block("members", rows, (width,)),))
    return [SeatSpot(i, s.zone, s.row_no, s.seat_no, s.x, s.y) for i, s in enumerate(specs, 1)]


def members(names) -> list[Sitter]:
    return [Sitter(i, name, "member") for i, name in enumerate(names, 1)]


def row_of_each(seats, result) -> dict[int, int]:
    row = {s.id: s.row_no for s in seats}
    return {pid: row[sid] for sid, pid in result.placements.items()}


def meetings(seats, sitters_per_meeting, *, enabled=True, **settings) -> list:
    """Seat a series of meetings, each offset following the previous one's applied offset."""
    results, previous = [], None
    for sitters in sitters_per_meeting:
        offset = next_offset(previous, enabled=enabled)
        result = auto_assign(seats, sitters, rotation_offset=offset, **settings)
        results.append(result)
        previous = result.rotation_offset
    return results


def test_rotate_moves_the_order_back_and_wraps_the_last_to_the_front():
    assert rotate([1, 2, 3, 4, 5], 2) == [4, 5, 1, 2, 3]
    assert rotate([1, 2, 3], 0) == [1, 2, 3]
    assert rotate([1, 2, 3], 4) == [3, 1, 2]
    assert rotate([], 3) == []


def test_rows_in_use_counts_rows_front_first():
    assert rows_in_use([5, 5, 5, 5], 12) == 3
    assert rows_in_use([5, 5], 10) == 2
    assert rows_in_use([5, 5], 30) == 2
    assert rows_in_use([5, 5], 0) == 1


def test_row_shift_is_the_seats_of_the_first_offset_rows():
    assert row_shift([5, 5, 5], 12, 0) == 0
    assert row_shift([5, 5, 5], 12, 1) == 5
    assert row_shift([4, 6, 6], 12, 2) == 10
    assert row_shift([5, 5], 0, 1) == 0


def test_next_offset_follows_the_previous_meeting_or_restarts():
    assert next_offset(None, enabled=True) == 0
    assert next_offset(2, enabled=True) == 3
    assert next_offset(2, enabled=False) == 0
    assert effective_offset(3, 3) == 0 and effective_offset(4, 3) == 1 and effective_offset(5, 0) == 0


def test_rotation_first_meeting_is_the_official_order():
    seats = spots(5, 5)
    sitters = members(NAMES)
    plain = auto_assign(seats, sitters)
    first = meetings(seats, [sitters])[0]
    assert first.placements == plain.placements and first.rotation_offset == 0


def test_rotation_second_meeting_starts_the_order_one_row_back_without_empty_front_seats():
    seats = spots(5, 5)
    sitters = members(NAMES)
    first, second = meetings(seats, [sitters, sitters])
    rows1, rows2 = row_of_each(seats, first), row_of_each(seats, second)
    assert second.rotation_offset == 1
    order = audience_seat_order(seats, "members")
    official_first = first.placements[order[0].id]
    assert second.placements[order[5].id] == official_first  # No.1 now leads row 2
    assert all(rows2[pid] == rows1[pid] + 1 for pid in rows1 if rows1[pid] < 4)
    assert sorted(rows2.values()) == sorted(rows1.values())  # same rows filled: no empty front seat


def test_rotation_everyone_reaches_the_front_row_within_rows_in_use_meetings():
    seats = spots(6, 5)
    sitters = members(NAMES)  # 23 people in 5 rows of 5
    results = meetings(seats, [sitters] * 5)
    in_front = {pid for r in results for pid, row in row_of_each(seats, r).items() if row == 1}
    assert in_front == {s.participation_id for s in sitters}
    assert [r.rotation_offset for r in results] == [0, 1, 2, 3, 4]
    assert meetings(seats, [sitters] * 6)[-1].rotation_offset == 0  # the cycle starts again


def test_rotation_survives_roster_changes_between_meetings():
    seats = spots(6, 5)
    rosters = [members(NAMES), members(NAMES[:14]), members(NAMES[:14] + ["新委员甲", "新委员乙"]),
               members(NAMES[:14])]
    results = meetings(seats, rosters)
    for roster, result in zip(rosters, results, strict=True):
        assert len(result.placements) == len(roster) and result.unplaced == ()
        rows = row_of_each(seats, result)
        used = sorted(set(rows.values()))
        assert used == list(range(1, len(used) + 1))  # front to back without a gap
    # 14 people use 3 rows: the offset 2 → 3 wraps to 0.
    assert [r.rotation_offset for r in results] == [0, 1, 2, 0]


def test_rotation_turned_off_always_seats_the_official_order():
    seats = spots(5, 5)
    sitters = members(NAMES)
    results = meetings(seats, [sitters] * 3, enabled=False)
    assert all(r.placements == results[0].placements and r.rotation_offset == 0 for r in results)


def test_rotation_of_blocks_moves_the_last_delegation_to_the_front():
    seats = spots(6, 5)
    sitters = [Sitter(i, name, "deputy", 0, ("一团", "二团", "三团")[i % 3])
               for i, name in enumerate(NAMES, 1)]
    first, second, third, fourth = meetings(seats, [sitters] * 4, ordering="blocks")
    front = audience_seat_order(seats, "members")[0]
    delegation = {s.participation_id: s.delegation for s in sitters}
    leads = [delegation[r.placements[front.id]] for r in (first, second, third, fourth)]
    assert leads == ["一团", "三团", "二团", "一团"]
    assert [r.rotation_offset for r in (first, second, third, fourth)] == [0, 1, 2, 0]


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_rotation_leaves_other_zones_alone(offset):
    specs = auditorium(rostrum_rows=(1,), blocks=(Block("members", 2, (3,)), Block("attendee", 2, (3,))))
    seats = [SeatSpot(i, s.zone, s.row_no, s.seat_no, s.x, s.y) for i, s in enumerate(specs, 1)]
    sitters = [Sitter(i, name, "attendee") for i, name in enumerate(NAMES[:5], 1)]
    rotated = auto_assign(seats, sitters, rotation_offset=offset)
    assert rotated.placements == auto_assign(seats, sitters).placements
