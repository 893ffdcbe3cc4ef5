"""The transport documents: the dispatch schedule (车辆调度表) reopened with openpyxl, the dispatch slips
(派车单, two per A4 sheet) and the ride list (乘车表) read back with pdftotext, the day option, cancelling,
and writing them by kind through the registry (the transport domain declares them)."""

import dataclasses
import os
import re
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import update
from transport_data import add_driver, add_person, add_sitting, add_vehicle, make_event

from rdplanner import planning, registry
from rdplanner.errors import InvalidInput
from rdplanner.exports.fonts import MissingGlyphsError, register_pdf_fonts
from rdplanner.exports.glyph_marks import GlyphMarks
from rdplanner.exports.tripslip_pdf import GRID_CAP, seat_grid
from rdplanner.models import Participation
from rdplanner.progress import Cancelled
from rdplanner.transport.document_specs import DOCUMENTS, parse_day
from rdplanner.transport.documents import export_dispatch, export_rides, export_tripslips
from rdplanner.transport.trips import assign, create_trip, set_passengers, set_status, update_trip

LONG = "买买提·阿卜杜热合曼"
MPV_RIDERS = ("王四", "冯五", "吴二", "周一", "胡三", "高六")  # surnames of 4, 5, 7, 8, 9, 10 strokes


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


def trip(session, event_id, vehicle, driver, riders, **fields) -> int:
    trip_id = create_trip(session, event_id=event_id, **fields).value
    if vehicle is not None:
        assign(session, trip_id=trip_id, vehicle_id=vehicle, driver_id=driver)
    set_passengers(session, trip_id=trip_id, participation_ids=riders)
    return trip_id


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"  # tmp_path holds the database too
    folder.mkdir()
    return folder


@pytest.fixture
def world(session):
    """June 1: a sedan to the plenary (two riders, one a long name) and an MPV visit with seven riders,
    done with its odometer; June 2: a pick-up without car or return time. 吴等 needs a car and has none;
    请假 (on leave) and 自驾 (needs none) are on no trip."""
    event_id = make_event(session)
    ids = {name: add_person(session, event_id, name, "member", rank)
           for name, rank in (("赵明", 1), ("钱亮", 2), (LONG, 0), ("韩强", 0), ("吴等", 0), ("请假", 0),
                              ("自驾", 0), *((n, 0) for n in MPV_RIDERS))}
    needing = [ids["吴等"], ids["请假"]]
    session.execute(update(Participation).where(Participation.id.in_(needing)).values(needs_transport=True))
    on_leave = update(Participation).where(Participation.id == ids["请假"]).values(leave_status="approved")
    session.execute(on_leave)
    session.commit()
    sedan, mpv = add_vehicle(session, "浙A12345"), add_vehicle(session, "浙A88888", "mpv", 9)
    wang, li = add_driver(session, "王师傅", "13900000001"), add_driver(session, "李师傅", "13900000002")
    sitting = add_sitting(session, event_id, "第一次全体会议", datetime(2026, 6, 1, 9),
                          datetime(2026, 6, 1, 11, 30),
                          place="市人大常委会机关")
    plenary = trip(session, event_id, sedan, wang, [ids[LONG], ids["赵明"]], sitting_id=sitting,
                   origin="驻地宾馆", route="延安路—环城北路", depart_at=datetime(2026, 6, 1, 8, 20),
                   return_at=datetime(2026, 6, 1, 12), requested_by="秘书处", approved_by="王秘书长")
    visit = trip(session, event_id, mpv, li, [ids["赵明"], *(ids[n] for n in MPV_RIDERS)],
                 kind="visit", purpose="视察城市建设", origin="驻地宾馆", destination="市民中心",
                 depart_at=datetime(2026, 6, 1, 14), return_at=datetime(2026, 6, 1, 17, 30))
    update_trip(session, trip_id=visit, expected_version=2,
                values={"odometer_out": 12000, "odometer_in": 12046})
    for status in ("approved", "dispatched", "done"):
        set_status(session, trip_id=visit, status=status)
    pickup = trip(session, event_id, None, None, [ids["韩强"]], kind="pickup", purpose="接站",
                  origin="火车东站",
                  destination="驻地宾馆", depart_at=datetime(2026, 6, 2, 8))
    return dataclasses.make_dataclass("World", ["event_id", "ids", "trips"])(
        event_id, ids, {"plenary": plenary, "visit": visit, "pickup": pickup})


def sheet_rows(path) -> list[tuple]:
    sheet = load_workbook(path).active
    return [tuple(v for v in row if v is not None) for row in sheet.iter_rows(values_only=True)
            if any(v is not None for v in row)]


def pdf_pages(path, *crop: str) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", *crop, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return ["".join(page.split()) for page in text.split("\f")[:-1]]  # pdftotext spaces CJK unevenly


def test_the_schedule_lists_each_days_trips_under_its_date(session, world, out):
    rows = sheet_rows(export_dispatch(session, event_id=world.event_id, path=out / "调度.xlsx"))
    assert rows == [
        ("市人大常委会第十次会议车辆调度表",), ("会期：2026年6月1日至6月3日",),
        ("序号", "时间", "日程/用车事由", "路线", "车牌号", "车型", "驾驶员", "联系电话", "人数", "乘车人员",
         "状态"),
        ("2026年6月1日（星期一）　行程 2 趟，用车 2 辆",),
        (1, "08:20—12:00", "第一次全体会议", "驻地宾馆→市人大常委会机关\n（延安路—环城北路）", "浙A·12345",
         "轿车（5座）", "王师傅", "13900000001", 2, f"赵明、{LONG}", "已申请"),
        (2, "14:00—17:30", "视察城市建设", "驻地宾馆→市民中心", "浙A·88888", "商务车（9座）", "李师傅",
         "13900000002", 7, "赵明、王四、冯五、吴二、周一、胡三、高六", "已回场"),
        ("2026年6月2日（星期二）　行程 1 趟，用车 0 辆",),
        (1, "08:00 出发", "接站", "火车东站→驻地宾馆", "未派车", "未定", 1, "韩强", "已申请"),
    ]


def test_the_schedule_prints_landscape_with_its_header_on_every_page(session, world, out):
    sheet = load_workbook(export_dispatch(session, event_id=world.event_id, path=out / "调度.xlsx")).active
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("landscape", 9, 1)
    assert (sheet.print_title_rows, sheet.freeze_panes) == ("$3:$3", "A4")
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    names = sheet.cell(5, 10)
    assert names.alignment.wrap_text and sheet.column_dimensions["J"].width >= 34
    assert sheet.row_dimensions[5].height >= 2 * 14.5  # the route's two lines
    assert sheet.column_dimensions["B"].width >= 13  # "08:20—12:00" on one line


def test_one_day_of_the_schedule_by_number_or_date(session, world, out):
    second = sheet_rows(export_dispatch(session, event_id=world.event_id, path=out / "a.xlsx", day=2))
    assert second[1] == ("日期：2026年6月2日（星期二）",)
    assert [r[0] for r in second[3:]] == ["2026年6月2日（星期二）　行程 1 趟，用车 0 辆", 1]
    first = sheet_rows(export_dispatch(session, event_id=world.event_id, path=out / "b.xlsx",
                                       day=date(2026, 6, 1)))
    assert [r[2] for r in first[4:]] == ["第一次全体会议", "视察城市建设"]


def test_a_day_past_the_event_is_refused(session, world, out):
    with pytest.raises(InvalidInput) as caught:
        export_dispatch(session, event_id=world.event_id, path=out / "a.xlsx", day=4)
    assert caught.value.params["field"] == "day"
    assert str(caught.value) == "本活动会期 3 天（6月1日至6月3日），没有第 4 天。"
    export_dispatch(session, event_id=world.event_id, path=out / "b.xlsx", day=2)
    assert os.listdir(out) == ["b.xlsx"]


def test_a_day_without_trips_is_no_empty_schedule(session, world, out):
    with pytest.raises(InvalidInput) as caught:
        export_dispatch(session, event_id=world.event_id, path=out / "a.xlsx", day=3)  # the last day: no trip
    assert str(caught.value) == "2026年6月3日（星期三）没有行程，未生成车辆调度表。"
    assert caught.value.params["field"] == "day"
    assert os.listdir(out) == []


@pytest.mark.parametrize(("text", "day"), [("2", 2), ("1", 1), ("2026-06-02", date(2026, 6, 2)),
                                           ("2026/6/2", date(2026, 6, 2)),
                                           ("2026年6月2日", date(2026, 6, 2))])
def test_the_cli_names_a_day_by_number_or_date(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["0", "-1", "明天", "2026-02-30", "6-2"])
def test_the_cli_refuses_what_is_not_a_day(text):
    with pytest.raises(InvalidInput) as caught:
        parse_day(text)
    assert caught.value.params["field"] == "day"


def test_slips_are_issued_by_the_office_named_in_the_settings(session, world, out):
    from rdplanner.office_settings import save_office_identity

    save_office_identity(session, name="杭州市人大常委会办公厅", officer="", phone="")
    path = export_tripslips(session, event_id=world.event_id, path=out / "派车单.pdf")
    assert [page.count("杭州市人大常委会办公厅派车单") for page in pdf_pages(path)] == [2, 1]


def test_slips_print_two_to_a_sheet(session, world, out):
    path = export_tripslips(session, event_id=world.event_id, path=out / "派车单.pdf")
    pages = pdf_pages(path)
    assert len(pages) == 2  # ceil(3 trips / 2)
    assert [page.count("市人大常委会办公室派车单") for page in pages] == [2, 1]
    top = pdf_pages(path, "-y", "0", "-H", "421", "-W", "595")
    bottom = pdf_pages(path, "-y", "421", "-H", "421", "-W", "595")
    plenary, visit, pickup = (f"编号：{world.trips[k]}" for k in ("plenary", "visit", "pickup"))
    assert plenary in top[0] and visit not in top[0] and visit in bottom[0] and plenary not in bottom[0]
    assert pickup in top[1] and "编号" not in bottom[1]  # an odd last slip leaves the lower half blank
    one_day = export_tripslips(session, event_id=world.event_id, path=out / "b.pdf", day=1)
    assert len(pdf_pages(one_day)) == 1


def test_a_slip_prints_the_trip_with_its_seats_and_blanks(session, world, out):
    (page, _) = pdf_pages(export_tripslips(session, event_id=world.event_id, path=out / "派车单.pdf"))
    for text in ("日期：2026年6月1日（星期一）", "类别：会议用车", "用车事由第一次全体会议",
                 "车牌号浙A·12345", "车型轿车（5座）", "驾驶员王师傅联系电话13900000001",
                 "出车时间08:20返回时间12:00",
                 "起点驻地宾馆终点市人大常委会机关", "路线延安路—环城北路", "（2人）",
                 f"后排右赵明后排左{LONG}", "申请人秘书处签字：审批人王秘书长签字：",
                 "出车里程公里回场里程公里", "行驶里程公里油耗升"):
        assert text in page, text
    assert "二排右赵明二排左王四副驾驶冯五三排右吴二三排左周一三排中胡三" in page  # the MPV below
    assert "第7座高六" in page
    assert "乘车人员" in page and "（7人）" in page
    assert "出车里程12000公里回场里程12046公里行驶里程46公里" in page
    assert "…" not in page


def test_a_slips_texts_stay_within_the_form(session, world, out):
    path = export_tripslips(session, event_id=world.event_id, path=out / "派车单.pdf")
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    right = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert right and max(right) <= 595.28 - 14 * 72 / 25.4 + 0.5


def test_seven_passengers_and_a_long_name_keep_a_readable_size():
    font = register_pdf_fonts().name("serif")
    width, height = 158 * 72 / 25.4, 30 * 72 / 25.4
    columns, size = seat_grid([f"后排右　{LONG}", "后排左　赵明"], font, width, height)
    assert (columns, size) == (2, GRID_CAP)
    mpv = [f"二排右　{LONG}", *(f"第{n}座　{name}" for n, name in enumerate(MPV_RIDERS, 2))]
    columns, size = seat_grid(mpv,
                              font, width, height)
    assert (columns, size) == (3, GRID_CAP)  # rows of 3, 3 and 2: in 4 columns the long name is smaller


def test_slips_are_fonts_embedded(session, world, out):
    path = export_tripslips(session, event_id=world.event_id, path=out / "派车单.pdf")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)


def test_no_trip_on_the_day_is_no_slip(session, world, out):
    with pytest.raises(InvalidInput) as caught:
        export_tripslips(session, event_id=world.event_id, path=out / "a.pdf", day=3)
    assert str(caught.value) == "2026年6月3日（星期三）没有行程，未生成派车单。"
    assert os.listdir(out) == []


def test_a_name_the_font_lacks_is_refused_or_marked(session, world, out):
    trip_id = world.trips["pickup"]
    update_trip(session, trip_id=trip_id, expected_version=1, values={"requested_by": "王𠀀"})
    with pytest.raises(MissingGlyphsError) as caught:
        export_tripslips(session, event_id=world.event_id, path=out / "a.pdf")
    assert "申请人“王𠀀”中的“𠀀”（U+20000）" in str(caught.value)
    marks = GlyphMarks()
    path = export_tripslips(session, event_id=world.event_id, path=out / "b.pdf", marks=marks)
    assert "申请人王〓" in pdf_pages(path)[1] and marks.texts == ["申请人“王𠀀”中的“𠀀”（U+20000）"]


def test_the_ride_list_follows_the_roster_and_ends_with_those_waiting(session, world, out):
    rows = sheet_rows(export_rides(session, event_id=world.event_id, path=out / "乘车表.xlsx"))
    assert rows[:2] == [("市人大常委会第十次会议乘车表",), ("会期：2026年6月1日至6月3日",)]
    assert rows[2] == ("序号", "姓名", "时间", "用车事由", "车辆", "座位", "起点—终点", "驾驶员及电话")
    assert rows[3:6] == [
        (1, "赵明", "6月1日 08:20—12:00", "第一次全体会议", "浙A·12345 轿车", "后排右",
         "驻地宾馆→市人大常委会机关",
         "王师傅 13900000001"),
        ("6月1日 14:00—17:30", "视察城市建设", "浙A·88888 商务车", "二排右", "驻地宾馆→市民中心",
         "李师傅 13900000002"),
        (2, "王四", "6月1日 14:00—17:30", "视察城市建设", "浙A·88888 商务车", "二排左", "驻地宾馆→市民中心",
         "李师傅 13900000002")]
    names = [r[1] for r in rows[3:] if isinstance(r[0], int)]
    assert names == ["赵明", "王四", "冯五", LONG, "吴二", "周一", "胡三", "高六", "韩强", "吴等"]
    assert rows[-2:] == [("需要派车、尚未安排乘车（1 人）",), (1, "吴等", "未安排", "—")]
    assert not any("请假" in str(r) or "自驾" in str(r) or "钱亮" in str(r) for r in rows)


def test_the_ride_list_merges_a_riders_number_and_name(session, world, out):
    sheet = load_workbook(export_rides(session, event_id=world.event_id, path=out / "乘车表.xlsx")).active
    assert {"A4:A5", "B4:B5"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert (sheet.page_setup.orientation, sheet.print_title_rows, sheet.freeze_panes) == (
        "landscape", "$3:$3", "A4")


def test_the_ride_list_pdf_reads_as_the_workbook(session, world, out):
    (page,) = pdf_pages(export_rides(session, event_id=world.event_id, path=out / "乘车表.pdf"))
    assert page.startswith("市人大常委会第十次会议乘车表会期：2026年6月1日至6月3日"
                           "序号姓名时间用车事由车辆座位")
    assert ("6月1日08:20—12:00第一次全体会议浙A·12345轿车后排右驻地宾馆→市人大常委会机关"
            "王师傅13900000001") in page
    assert "需要派车、尚未安排乘车（1人）1吴等未安排" in page
    long_name = page.index("买买提·"), page.index("阿卜杜热合曼")  # the long name on two lines
    assert page.index("赵明") < min(long_name) and max(long_name) < page.index("韩强") < page.index("吴等")
    assert page.endswith("第1页共1页") and "请假" not in page and "自驾" not in page


def test_one_days_ride_list_lists_the_others_as_waiting_only_if_they_need_a_car(session, world, out):
    rows = sheet_rows(export_rides(session, event_id=world.event_id, path=out / "a.xlsx", day=2))
    assert rows[3:] == [(1, "韩强", "6月2日 08:00", "接站", "未派车", "—", "火车东站→驻地宾馆", "未定"),
                        ("需要派车、尚未安排乘车（1 人）",), (1, "吴等", "未安排", "—")]


@pytest.mark.parametrize(("export", "name"), [(export_dispatch, "a.xlsx"), (export_tripslips, "a.pdf"),
                                              (export_rides, "a.pdf"), (export_rides, "a.xlsx")])
def test_cancelling_writes_nothing(session, world, out, export, name):
    with pytest.raises(Cancelled):
        export(session, event_id=world.event_id, path=out / name, cancelled=lambda: True)
    assert os.listdir(out) == []


def test_the_ride_list_is_pdf_or_xlsx(session, world, out):
    with pytest.raises(InvalidInput) as caught:
        export_rides(session, event_id=world.event_id, path=out / "a.csv")
    assert caught.value.params["field"] == "path"


def test_each_document_is_written_by_its_kind_with_its_day(session, world, out):
    day = registry.documents()["dispatch"].options[0]
    path = planning.write_document(session, kind="dispatch", event_id=world.event_id, path=out / "a.xlsx",
                                   day=day.parse("2"))
    assert sheet_rows(path)[1] == ("日期：2026年6月2日（星期二）",)
    for kind, name in (("tripslips", "b.pdf"), ("rides", "c.pdf"), ("rides", "d.xlsx")):
        made = planning.write_document(session, kind=kind, event_id=world.event_id, path=out / name,
                                       progress=lambda _: None, cancelled=lambda: False)
        assert made.stat().st_size > 0
    assert [o.initial for d in DOCUMENTS for o in d.options] == [None, None, None]


def test_a_pick_up_slip_says_when_it_meets_and_whom_on_which_train(session, world, out):
    from datetime import time as clock

    session.execute(update(Participation).where(Participation.id == world.ids["韩强"]).values(
        arrival_mode="train", arrival_number="G7714", arrival_time=clock(7, 52), needs_pickup=True))
    session.commit()
    pages = pdf_pages(export_tripslips(session, event_id=world.event_id, path=out / "派车单.pdf"))
    pickup = next(page for page in pages if "类别：接站" in page)
    assert "接站时间08:00" in pickup and "出车时间08:00" not in pickup
    assert "车次/航班：韩强G77140752" in pickup.replace(":", "")  # pdftotext joins the CJK text
    assert "出车时间08:20" in pages[0] and "车次/航班" not in pages[0]
