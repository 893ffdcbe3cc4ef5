"""Venue problems (rdplanner.venue.problems) at and beside each boundary, on read rows built by hand; and
the domain's hook reading the office's banner deadline."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from venue_world import at, make_world

from rdplanner.office_settings import set_setting
from rdplanner.problems import COMPLETE, EARLY, ERROR, FRUGAL, WARNING
from rdplanner.venue import service
from rdplanner.venue.domain import banner_days, venue_findings
from rdplanner.venue.problems import venue_problems
from rdplanner.venue.read import BookingRow, CheckRow, ClashRow, MaterialRow, SetupRow, VenueView, load_venue

START = date(2026, 6, 10)
EARLY_DAY = date(2026, 5, 1)  # long before every deadline
HALL = 7


def booking(**changes) -> BookingRow:
    values = dict(id=1, event_id=1, hall_id=HALL, hall_name="第一会议室", venue_name="市人大常委会机关",
                  starts_at=at(10, 9), ends_at=at(10, 12), status="confirmed", contact="", phone="", notes="",
                  version=1)
    return BookingRow(**(values | changes))


def check(id_: int, name: str, done: bool = False) -> CheckRow:
    when = datetime(2026, 6, 8, 3) if done else None
    return CheckRow(id_, 1, name, id_, "张工" if done else "", when, "", 1)


def material(id_: int, name: str, quantity: int, prepared, notes: str = "") -> MaterialRow:
    return MaterialRow(id_, 1, name, "份", "participant", 1, prepared, id_, notes, 1, base=quantity,
                       quantity=quantity, formula=f"{quantity} 人 × 1 × (1+0%) = {quantity}")


def setup(**changes) -> SetupRow:
    values = dict(id=1, event_id=1, hall_id=HALL, hall_name="第一会议室", venue_name="市人大常委会机关",
                  banner_text="第十次会议", banner_approved_by="李秘书长",
                  banner_approved_at=datetime(2026, 6, 1),
                  spare_percent=0, notes="", version=1, checks=(check(1, "音响和话筒", done=True),))
    return SetupRow(**(values | changes))


def view(*, bookings=None, setups=None, main_hall=HALL) -> VenueView:
    bookings = (booking(),) if bookings is None else tuple(bookings)
    setups = (setup(),) if setups is None else tuple(setups)
    return VenueView(1, "常委会第十次会议", START, date(2026, 6, 11), main_hall,
                     "市人大常委会机关 第一会议室", 0, bookings, setups)


def codes(found) -> list[str]:
    return [p.code for p in found]


def test_a_complete_set_up_has_no_problems():
    assert venue_problems(view(), today=date(2026, 6, 10)) == ()


def test_a_clash_names_the_hall_the_other_event_and_both_times():
    clash = ClashRow(5, 2, "主任会议", at(10, 11), at(10, 14), "tentative")
    (problem,) = venue_problems(view(bookings=[booking(clashes=(clash,))]), today=EARLY_DAY)
    assert (problem.code, problem.severity, problem.dimension) == ("hall_double_booked", ERROR, COMPLETE)
    assert problem.message == ("会场“市人大常委会机关 第一会议室”2026年6月10日 09:00–12:00的预订"
                               "与活动“主任会议”的预订（2026年6月10日 11:00–14:00）时间重叠，"
                               "同一会场不能同时使用，请调整时间或更换会场。")
    assert problem.pointer.kind == "booking" and problem.pointer.id == 1


def test_a_clash_across_days_prints_both_days():
    clash = ClashRow(5, 2, "代表视察", at(9, 14), at(10, 10), "confirmed")
    (problem,) = venue_problems(view(bookings=[booking(clashes=(clash,))]), today=EARLY_DAY)
    assert "（2026年6月9日 14:00至6月10日 10:00）" in problem.message


def test_the_main_hall_without_a_live_booking():
    assert codes(venue_problems(view(bookings=[]), today=EARLY_DAY)) == ["main_hall_unbooked"]
    cancelled = venue_problems(view(bookings=[booking(status="cancelled")]), today=EARLY_DAY)
    assert [(p.code, p.severity, p.message) for p in cancelled] == [(
        "main_hall_unbooked", WARNING,
        "本活动的主会场“市人大常委会机关 第一会议室”还没有预订（或预订已取消），请在“会场布置”页添加场地预订。")]
    elsewhere = venue_problems(view(bookings=[booking(hall_id=8)]), today=EARLY_DAY)
    assert codes(elsewhere) == ["main_hall_unbooked"]


def test_no_main_hall_no_booking_problem():
    assert venue_problems(view(bookings=[], main_hall=None), today=EARLY_DAY) == ()


UNAPPROVED = {"banner_approved_by": "", "banner_approved_at": None}


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 6, 6), []),  # the day before the deadline (3 days before the 10th is the 7th)
    (date(2026, 6, 7), ["banner_unapproved"]),
    (date(2026, 6, 12), ["banner_unapproved"]),
])
def test_an_unapproved_banner_from_its_deadline_day_on(today, expected):
    assert codes(venue_problems(view(setups=[setup(**UNAPPROVED)]), today=today)) == expected


def test_the_unapproved_banner_message_names_hall_text_and_deadline():
    (problem,) = venue_problems(view(setups=[setup(**UNAPPROVED)]), today=date(2026, 6, 7))
    assert (problem.severity, problem.dimension, problem.pointer.kind) == (WARNING, EARLY, "setup")
    assert problem.message == ("会场“市人大常委会机关 第一会议室”的会标“第十次会议”还没有审定，"
                               "应在2026年6月7日（开会前 3 天）前审定。")


@pytest.mark.parametrize(("days", "today", "expected"), [
    (5, date(2026, 6, 4), []),
    (5, date(2026, 6, 5), ["banner_missing"]),
    (0, date(2026, 6, 9), []),
    (0, date(2026, 6, 10), ["banner_missing"]),
])
def test_a_missing_banner_with_the_offices_deadline(days, today, expected):
    empty = setup(banner_text=" ", **UNAPPROVED)
    assert codes(venue_problems(view(setups=[empty]), today=today, banner_days=days)) == expected


def test_an_approval_of_an_empty_text_does_not_count():
    empty = setup(banner_text="")
    (problem,) = venue_problems(view(setups=[empty]), today=date(2026, 6, 7))
    assert problem.message == ("会场“市人大常委会机关 第一会议室”的会标（横幅）还没有填写内容，"
                               "应在2026年6月7日（开会前 3 天）前定稿并审定。")


OPEN_CHECKS = (check(1, "音响和话筒", done=True), check(2, "投影和屏幕"), check(3, "备用电源"))


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 6, 8), []),
    (date(2026, 6, 9), ["venue_checks_not_done"]),  # the day before the event
    (date(2026, 6, 10), ["venue_checks_not_done"]),
])
def test_checks_not_done_from_the_day_before_the_event(today, expected):
    assert codes(venue_problems(view(setups=[setup(checks=OPEN_CHECKS)]), today=today)) == expected


def test_the_checks_message_names_the_open_checks_and_points_at_them():
    (problem,) = venue_problems(view(setups=[setup(checks=OPEN_CHECKS)]), today=date(2026, 6, 9))
    assert problem.message == ("会场“市人大常委会机关 第一会议室”还有 2 项检查未完成："
                               "“投影和屏幕”、“备用电源”，"
                               "应在2026年6月9日（开会前一天）完成并由检查人签字。")
    assert problem.ids("check") == (2, 3) and problem.dimension == EARLY


def test_a_check_marked_without_a_time_is_not_done():
    half = replace(check(2, "网络", done=True), checked_at=None)
    found = venue_problems(view(setups=[setup(checks=(half,))]), today=START)
    assert codes(found) == ["venue_checks_not_done"]


@pytest.mark.parametrize(("prepared", "expected"), [(91, ["material_short"]), (92, []), (93, []), (None, [])])
def test_a_material_prepared_below_its_quantity(prepared, expected):
    papers = material(4, "会议材料", 92, prepared)
    found = venue_problems(view(setups=[setup(materials=(papers,))]), today=START)
    assert codes(found) == expected


def test_the_shortage_message_names_the_material_and_both_numbers():
    papers = material(4, "会议材料", 92, 80)
    (problem,) = venue_problems(view(setups=[setup(materials=(papers,))]), today=START)
    assert (problem.severity, problem.dimension, problem.ids("material")) == (WARNING, COMPLETE, (4,))
    assert problem.message == ("会场“市人大常委会机关 第一会议室”的“会议材料”按计算需要 92 份"
                               "（92 人 × 1 × (1+0%) = 92），"
                               "实备 80 份，还差 12 份。")


@pytest.mark.parametrize(("name", "notes", "hit"), [
    ("鲜花", "", True), ("主席台花卉", "", True), ("绿植摆花", "", True), ("背景板", "", True),
    ("桌布", "配鲜花", True), ("绿植", "", False), ("桌签", "", False), ("花名册", "", False),
])
def test_flowers_and_backdrops_among_the_materials(name, notes, hit):
    found = venue_problems(view(setups=[setup(materials=(material(6, name, 1, 1, notes),))]), today=START)
    assert codes(found) == (["forbidden_decoration"] if hit else [])


def test_the_frugality_message_names_the_material_and_the_rule():
    flowers = material(6, "主席台鲜花", 1, 1)
    (problem,) = venue_problems(view(setups=[setup(materials=(flowers,))]), today=START)
    assert (problem.severity, problem.dimension, problem.ids("material")) == (ERROR, FRUGAL, (6,))
    assert problem.message == ("会场“市人大常委会机关 第一会议室”的物品“主席台鲜花”涉及“鲜花”："
                               "按会议费管理规定，"
                               "会议不得摆放鲜花、制作背景板，请删去或改为横幅等简朴布置。")


def test_a_banner_mentioning_a_backdrop():
    (problem,) = venue_problems(view(setups=[setup(banner_text="第十次会议（背景板）")]), today=EARLY_DAY)
    assert (problem.code, problem.dimension, problem.pointer.kind) == (
        "forbidden_decoration", FRUGAL, "setup")
    assert "“背景板”" in problem.message


def test_errors_come_first():
    clash = ClashRow(5, 2, "主任会议", at(10, 11), at(10, 14), "tentative")
    found = venue_problems(view(bookings=[booking(clashes=(clash,))],
                                setups=[setup(checks=OPEN_CHECKS)]), today=START)
    assert codes(found) == ["hall_double_booked", "venue_checks_not_done"]


@pytest.mark.parametrize(("text", "expected"), [
    ("5", 5), (" 0 ", 0), ("", 3), ("三", 3), ("-1", 3), ("61", 3)])
def test_banner_days_setting_text(text, expected):
    assert banner_days(text, 3) == expected


def test_the_domain_hook_reads_the_offices_banner_deadline(session):
    world = make_world(session)
    service.book_hall(session, event_id=world.event_id, hall_id=world.hall_id, starts_at=at(10, 9),
                      ends_at=at(10, 12))
    setup_id = service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id).value
    checks = load_venue(session, world.event_id).setups[0].checks
    for c in checks:
        service.mark_check(session, check_id=c.id, checked_by="张工", at=datetime(2026, 6, 5, 2))
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    assert codes(venue_findings(session, world.event_id, today=date(2026, 6, 6))) == []
    set_setting(session, key="venue.banner_approval_days", value="5")
    assert codes(venue_findings(session, world.event_id, today=date(2026, 6, 6))) == ["banner_unapproved"]


@pytest.mark.parametrize(("seated", "expected"), [(0, ["cards_not_counted"]), (1, [])])
def test_name_cards_with_nobody_seated_yet_are_not_counted_and_say_so(seated, expected):
    cards = replace(material(6, "席卡（桌签）", seated, None), basis="card")
    found = venue_problems(replace(view(setups=[setup(materials=(cards,))]), participants=83), today=START)
    assert codes(found) == expected
    assert venue_problems(view(setups=[setup(materials=(cards,))]), today=START) == ()  # nobody to seat
    if found:
        assert found[0].message.endswith("“席卡（桌签）”的数量无法按席卡计算；请先在“座次”页排座。")
