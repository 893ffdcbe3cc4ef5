"""The automatic room allocation (lodging.allocation.allocate), pure: single rooms by role, post and rank,
twin rooms shared by gender and delegation, suites never used, locked rooms left alone, room blocks
limiting each type per night, and who is left unplaced with the reason."""

from datetime import date

from rdplanner.lodging.allocation import Guest, RoomSlot, Rules, allocate, is_single, rules_text

IN, OUT = date(2026, 6, 2), date(2026, 6, 4)


def guest(pid: int, gender: str = "男", group: str = "甲团", *, role: str = "deputy", post: str = "代表",
          rank: int = 0, check_in: date = IN, check_out: date = OUT) -> Guest:
    return Guest(pid, f"人员{pid}", gender, role, post, rank, group, check_in, check_out)


def twin(room_id: int, type_id: int = 1) -> RoomSlot:
    return RoomSlot(room_id, "会议中心宾馆", str(300 + room_id), type_id, "标准间", 2, False)


def single(room_id: int) -> RoomSlot:
    return RoomSlot(room_id, "会议中心宾馆", str(800 + room_id), 2, "单人间", 1, False)


SUITE = RoomSlot(99, "会议中心宾馆", "901", 3, "套房", 1, True)


def rooms_of(proposal) -> dict[int, int]:
    return {p.participation_id: p.room_id for p in proposal.placements}


def test_single_rooms_go_to_the_roles_posts_and_ranks_the_rules_name():
    rules = Rules(single_roles=("attendee",), single_posts=("团长",), single_rank_within=2)
    assert is_single(guest(1, role="attendee"), rules)
    assert is_single(guest(2, post="代表团副团长"), rules)
    assert is_single(guest(3, rank=2), rules) and not is_single(guest(4, rank=3), rules)
    assert not is_single(guest(5, rank=0), rules)


def test_singles_take_single_rooms_first_and_then_a_twin_room_alone():
    proposal = allocate([guest(1, post="团长"), guest(2, post="团长")], [twin(1), single(2)],
                        Rules(single_posts=("团长",)))
    assert rooms_of(proposal) == {1: 2, 2: 1}
    assert all(p.single for p in proposal.placements)


def test_twins_are_shared_by_gender_and_by_delegation_first():
    people = [guest(1, "男", "甲团"), guest(2, "女", "甲团"), guest(3, "男", "乙团"), guest(4, "男", "甲团"),
              guest(5, "女", "甲团")]
    proposal = allocate(people, [twin(n) for n in range(1, 6)], Rules())
    rooms = rooms_of(proposal)
    assert rooms[1] == rooms[4] and rooms[2] == rooms[5]
    assert rooms[3] not in (rooms[1], rooms[2]) and proposal.rooms == 3


def test_the_odd_man_out_of_a_delegation_shares_with_the_next_delegation():
    people = [guest(1, group="甲团"), guest(2, group="甲团"), guest(3, group="甲团"), guest(4, group="乙团")]
    rooms = rooms_of(allocate(people, [twin(n) for n in range(1, 5)], Rules()))
    assert rooms[1] == rooms[2] and rooms[3] == rooms[4] != rooms[1]


def test_a_suite_is_never_given_and_the_unplaced_say_why():
    proposal = allocate([guest(1, post="团长"), guest(2)], [SUITE], Rules(single_posts=("团长",)))
    assert proposal.placements == ()
    assert [(u.participation_id, u.reason) for u in proposal.unplaced] == [
        (1, "没有可用的房间（未登记房间）"), (2, "没有可用的房间（未登记房间）")]
    full = allocate([guest(1), guest(2, "女")], [twin(1)], Rules())
    assert [(u.participation_id, u.reason) for u in full.unplaced] == [
        (1, "没有可用的房间（可用房间已满，或预留房数已用完）")]


def test_a_room_holding_a_locked_stay_is_left_alone():
    proposal = allocate([guest(1), guest(2)], [twin(1), twin(2)], Rules(), busy={1}, kept=1)
    assert set(rooms_of(proposal).values()) == {2} and proposal.kept == 1


def test_a_block_limits_a_type_on_every_night_of_the_stay():
    held = {(1, IN): 1, (1, date(2026, 6, 3)): 1}
    people = [guest(1, "男"), guest(2, "男"), guest(3, "女"), guest(4, "女")]
    proposal = allocate(people, [twin(1), twin(2)], Rules(), held=held)
    assert proposal.rooms == 1 and len(proposal.unplaced) == 2


def test_a_night_outside_every_block_cannot_be_lodged():
    held = {(1, IN): 5}  # nothing held on 6月3日
    proposal = allocate([guest(1)], [twin(1)], Rules(), held=held)
    assert [u.participation_id for u in proposal.unplaced] == [1]


def test_with_no_twin_room_left_a_pair_is_split_over_single_rooms():
    proposal = allocate([guest(1), guest(2)], [single(1), single(2)], Rules())
    assert sorted(rooms_of(proposal).values()) == [1, 2]


def test_each_person_keeps_their_own_nights():
    people = [guest(1, check_in=date(2026, 6, 1)), guest(2)]
    placed = {p.participation_id: (p.check_in, p.check_out) for p in allocate(people, [twin(1)], Rules()).placements}
    assert placed == {1: (date(2026, 6, 1), OUT), 2: (IN, OUT)}


def test_the_rules_are_stated_in_chinese():
    text = rules_text(Rules(single_roles=("attendee",), single_posts=("主任", "秘书长"), single_rank_within=5,
                            pair_by="unit"), blocks=False)
    assert text[1] == "身份为列席的人员、职务含“主任”“秘书长”的人员、排序前 5 位的人员每人一间单人间（无单人间时单独住标准间）。"
    assert "尽量同一单位的住在一起" in text[2]
    assert text[-1].endswith("本活动未设房源预留，可用饭店的全部房间。")
