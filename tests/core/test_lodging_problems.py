"""The lodging problems (lodging.problems) on hand-built read models, each at and around its boundary:
one hotel (会议中心宾馆) with rooms 301–303 (标准间, 2 beds, 380 元), 801 (单人间, 400 元) and 901 (套房), an
event of category 二类 (住宿费 400 元) from 2026-06-02 to 2026-06-04."""

from datetime import date

from rdplanner.lodging.problems import lodging_problems
from rdplanner.lodging.read import (
    BlockRow,
    Directory,
    GuestRow,
    HotelRow,
    LodgingView,
    PolicyRow,
    RoomRow,
    RoomTypeRow,
    StayItem,
)

START, END = date(2026, 6, 2), date(2026, 6, 4)
TWIN, SINGLE, SUITE = 1, 2, 3
ROOMS = {"301": 11, "302": 12, "303": 13, "801": 21, "901": 31}
DIRECTORY = Directory(
    (HotelRow(1, "会议中心宾馆", "湖滨路 18 号", "周敏", "0571-80000000", True, "", 1),),
    (RoomTypeRow(TWIN, 1, "标准间", 2, False, 38000, 1), RoomTypeRow(SINGLE, 1, "单人间", 1, False, 40000, 1),
     RoomTypeRow(SUITE, 1, "套房", 1, True, 88000, 1)),
    (RoomRow(11, 1, TWIN, "301", 3, "", 1), RoomRow(12, 1, TWIN, "302", 3, "", 1), RoomRow(13, 1, TWIN, "303", 3, "", 1),
     RoomRow(21, 1, SINGLE, "801", 8, "", 1), RoomRow(31, 1, SUITE, "901", 9, "", 1)),
)


def guest(pid: int, name: str, gender: str = "男", *, needs: bool = True, local: bool = False,
          leave: str = "none", role: str = "deputy", post: str = "代表", rank: int = 0,
          delegation: str = "上城区代表团", unit: str = "") -> GuestRow:
    return GuestRow(pid, name, gender, role, post, unit, rank, delegation, needs, local, leave, None, None)


def stay(stay_id: int, pid: int, room: str, check_in: date = START, check_out: date = END,
         locked: bool = False) -> StayItem:
    return StayItem(stay_id, pid, ROOMS[room], check_in, check_out, locked, "", 1)


def block(block_id: int, night: date, held: int, taken: int, *, release: date | None = None,
          kind: int = TWIN) -> BlockRow:
    return BlockRow(block_id, kind, night, held, release, "", 1, taken)


def view(guests=(), stays=(), blocks=(), policy: PolicyRow | None = None) -> LodgingView:
    return LodgingView(1, "市人大常委会第二十三次会议", START, END, 2, DIRECTORY, tuple(stays), tuple(blocks),
                       tuple(guests), policy or PolicyRow())


QUOTA = 40000
TODAY = date(2026, 5, 20)


def codes(v, *, quota=QUOTA, today=TODAY) -> list[str]:
    return [p.code for p in lodging_problems(v, quota_fen=quota, today=today)]


def found(v, code, **kwargs):
    return [p for p in lodging_problems(v, quota_fen=kwargs.get("quota", QUOTA), today=kwargs.get("today", TODAY))
            if p.code == code]


def test_a_well_lodged_event_has_no_problem():
    v = view([guest(1, "王一"), guest(2, "李二")], [stay(1, 1, "301"), stay(2, 2, "301")])
    assert codes(v) == []


def test_three_guests_in_a_twin_room_on_one_night_are_over_its_beds():
    v = view([guest(1, "王一"), guest(2, "李二"), guest(3, "张三")],
             [stay(1, 1, "301"), stay(2, 2, "301"), stay(3, 3, "301", date(2026, 6, 3))])
    [problem] = found(v, "room_over_beds")
    assert problem.message == "会议中心宾馆 301 房间（标准间，2 个床位）6月3日晚安排了 3 人：王一、李二、张三。"
    assert problem.ids("stay") == (1, 2, 3) and problem.dimension == "全"


def test_three_guests_on_different_nights_fit_a_twin_room():
    v = view([guest(1, "王一"), guest(2, "李二"), guest(3, "张三")],
             [stay(1, 1, "301", START, date(2026, 6, 3)), stay(2, 2, "301"), stay(3, 3, "301", date(2026, 6, 3))])
    assert found(v, "room_over_beds") == []


def test_a_man_and_a_woman_sharing_a_night_is_mixed_gender():
    v = view([guest(1, "王一"), guest(2, "李芳", "女")], [stay(1, 1, "301"), stay(2, 2, "301", date(2026, 6, 3))])
    [problem] = found(v, "room_mixed_gender")
    assert problem.message == "会议中心宾馆 301 房间男女混住（6月3日晚：王一、李芳）。"


def test_a_man_and_a_woman_on_different_nights_are_not_mixed():
    v = view([guest(1, "王一"), guest(2, "李芳", "女")],
             [stay(1, 1, "301", START, date(2026, 6, 3)), stay(2, 2, "301", date(2026, 6, 3))])
    assert found(v, "room_mixed_gender") == []


def test_one_person_in_two_rooms_on_the_same_night():
    v = view([guest(1, "王一")], [stay(1, 1, "301"), stay(2, 1, "302", date(2026, 6, 3))])
    [problem] = found(v, "person_two_rooms")
    assert problem.message == "王一6月3日晚同时住在会议中心宾馆 301 房间和会议中心宾馆 302 房间。"


def test_moving_rooms_from_one_night_to_the_next_is_not_two_rooms():
    v = view([guest(1, "王一")], [stay(1, 1, "301", START, date(2026, 6, 3)), stay(2, 1, "302", date(2026, 6, 3))])
    assert found(v, "person_two_rooms") == []


def test_someone_needing_lodging_without_a_room_is_listed():
    v = view([guest(1, "王一"), guest(2, "李二", leave="approved"), guest(3, "张三", needs=False)])
    [problem] = found(v, "lodging_missing")
    assert (problem.message, problem.ids("participation"), problem.dimension) == (
        "王一需要住宿，尚未安排房间。", (1,), "早")


def test_a_stay_for_a_local_who_needs_none_and_for_someone_on_leave():
    v = view([guest(1, "王一", needs=False, local=True), guest(2, "李二", leave="approved")],
             [stay(1, 1, "301"), stay(2, 2, "302")])
    assert [p.message for p in found(v, "stay_not_needed")] == ["王一（本地人员）未注明需要住宿，却安排了会议中心宾馆 301 房间。"]
    assert [p.message for p in found(v, "stay_on_leave")] == ["李二已获准请假，仍安排了住宿（会议中心宾馆 302 房间）。"]


def test_a_requested_leave_is_not_yet_a_stay_on_leave():
    v = view([guest(1, "王一", leave="requested")], [stay(1, 1, "301")])
    assert codes(v) == []


def test_a_suite_is_flagged_and_a_single_room_is_not():
    v = view([guest(1, "王一"), guest(2, "李二")], [stay(1, 1, "901"), stay(2, 2, "801")])
    [problem] = found(v, "suite_booked")
    assert problem.message == "王一住在会议中心宾馆 901 房间（套房），套房不符合会议住宿标准（只能安排标准间）。"
    assert problem.dimension == "俭" and problem.ids("stay") == (1,)


def test_a_rate_equal_to_the_quota_is_within_and_one_fen_over_is_not():
    single = view([guest(1, "王一")], [stay(1, 1, "801")])
    assert found(single, "rate_over_quota", quota=40000) == []
    [problem] = found(single, "rate_over_quota", quota=39999)
    assert problem.message == "会议中心宾馆 801 房间协议价每晚 400 元，超过住宿费标准每人每天 399.99 元。"


def test_a_shared_twin_room_is_measured_per_person():
    shared = view([guest(1, "王一"), guest(2, "李二")], [stay(1, 1, "301"), stay(2, 2, "301")])
    assert found(shared, "rate_over_quota", quota=19000) == []
    [problem] = found(shared, "rate_over_quota", quota=18999)
    assert problem.message == ("会议中心宾馆 301 房间协议价每晚 380 元，2 人同住每人每晚 190 元，"
                               "超过住宿费标准每人每天 189.99 元。")


def test_no_standard_means_no_rate_check():
    v = view([guest(1, "王一")], [stay(1, 1, "801")])
    assert codes(v, quota=None) == []


def test_the_night_before_and_the_night_of_the_last_day_are_allowed():
    v = view([guest(1, "王一")], [stay(1, 1, "301", date(2026, 6, 1), date(2026, 6, 5))])
    assert found(v, "stay_outside_dates") == []


def test_two_nights_before_or_a_night_after_are_outside_the_dates():
    early = view([guest(1, "王一")], [stay(1, 1, "301", date(2026, 5, 31), END)])
    late = view([guest(1, "王一")], [stay(1, 1, "301", START, date(2026, 6, 6))])
    [problem] = found(early, "stay_outside_dates")
    assert problem.message == ("王一住宿5月31日—6月4日（4 晚）超出会期（可住 6月1日至6月4日晚，"
                               "会前一晚因路途提前入住视为正常）。")
    assert len(found(late, "stay_outside_dates")) == 1


def test_a_block_taken_beyond_held():
    over = view(blocks=[block(7, START, 2, 3)])
    [problem] = found(over, "block_over_held")
    assert problem.message == "会议中心宾馆标准间6月2日晚用房 3 间，超过预留的 2 间，饭店未必有房。"
    assert problem.ids("block") == (7,)
    assert found(view(blocks=[block(7, START, 2, 2)]), "block_over_held") == []


def test_held_rooms_unused_after_the_release_date():
    v = view(blocks=[block(7, START, 20, 8, release=date(2026, 5, 25))])
    [problem] = found(v, "block_unused_released", today=date(2026, 5, 26))
    assert problem.message == ("会议中心宾馆标准间6月2日晚预留 20 间，仅用 8 间，已过释放日期 5月25日，"
                               "未用的 12 间可能仍要付费。")
    assert found(v, "block_unused_released", today=date(2026, 5, 25)) == []
    full = view(blocks=[block(7, START, 8, 8, release=date(2026, 5, 25))])
    assert found(full, "block_unused_released", today=date(2026, 5, 26)) == []
