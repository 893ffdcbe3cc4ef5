"""The roster import reads the reply slip (回执) columns from hand-written sheets: headers, values, errors."""

from datetime import date, datetime, time

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import Participation
from rdplanner.people.importing import (
    apply_import,
    build_preview,
    describe_problem,
    detect_columns,
    read_table,
    undo_import,
)
from rdplanner.people.service import ParticipationDraft, PersonDraft, add_new_person

HEADERS = ["姓名", "工作单位", "到达日期", "到达时间", "到达方式", "车次/航班 (到达)",
           "到达站点 (车站/机场)", "是否接站", "返程日期", "返程时间", "返程方式", "返程车次/航班",
           "返程站点", "是否送站", "上车地点"]


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def event_id(session) -> int:
    draft = EventDraft(name="市十七届人大常委会第二十五次会议", event_type="standing_committee",
                       start_date=date(2027, 1, 3), end_date=date(2027, 1, 4))
    return create_event(session, draft=draft).value


def sheet(path, rows, headers=HEADERS):
    book = Workbook()
    ws = book.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, time):
                cell.number_format = "h:mm"
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-m-d"
    book.save(path)
    return path


def preview(session, event_id, path):
    table = read_table(path)
    return build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                         default_role="member")


def imported(session, event_id, path):
    found = preview(session, event_id, path)
    return apply_import(session, event_id=event_id, preview=found,
                        accepted_row_numbers=found.accepted_row_numbers, file_name=path.name)


def slip_of(session, name_row: int = 0) -> Participation:
    session.expire_all()
    return session.scalars(select(Participation).order_by(Participation.id)).all()[name_row]


def test_every_reply_header_maps_to_its_field(tmp_path):
    table = read_table(sheet(tmp_path / "回执.xlsx", [["张三", "市财政局"]]))
    assert list(detect_columns(table).mapping.values()) == [
        "name", "unit", "arrival_date", "arrival_time", "arrival_mode", "arrival_number", "arrival_station",
        "needs_pickup", "departure_date", "departure_time", "departure_mode", "departure_number",
        "departure_station", "needs_dropoff", "pickup_point"]


def test_other_spellings_of_the_headers_map_too(tmp_path):
    headers = ["姓名", "抵达时间", "交通工具", "到达车次", "回程航班号", "是否需要接站", "离会日期", "送机"]
    table = read_table(sheet(tmp_path / "回执.xlsx", [["张三"]], headers))
    assert list(detect_columns(table).mapping.values()) == [
        "name", "arrival_time", "arrival_mode", "arrival_number", "departure_number", "needs_pickup",
        "departure_date", "needs_dropoff"]


def test_excel_cells_and_written_values_set_the_slip(session, event_id, tmp_path):
    path = sheet(tmp_path / "回执.xlsx", [
        ["张三", "市财政局", datetime(2027, 1, 3), time(9, 30), "高铁", "g 7512", "杭州东站", "是",
         "2027/1/4", "17点30", "飞机", "ca1234", "萧山机场", "需要", "西湖宾馆"],
        ["李四", "市审计局", "1月2日", "9:05", "自驾", "", "", "否",
         "2027-1-4", "下午3点", "单位派车", "", "", "", ""],
    ])
    result = imported(session, event_id, path)
    assert result.added == 2
    zhang, li = slip_of(session, 0), slip_of(session, 1)
    assert (zhang.arrival_date, zhang.arrival_time, zhang.arrival_mode, zhang.arrival_number,
            zhang.arrival_station, zhang.needs_pickup) == (date(2027, 1, 3), time(9, 30), "train", "G7512",
                                                           "杭州东站", True)
    assert (zhang.departure_date, zhang.departure_time, zhang.departure_mode, zhang.departure_number,
            zhang.departure_station, zhang.needs_dropoff, zhang.pickup_point) == (
        date(2027, 1, 4), time(17, 30), "flight", "CA1234", "萧山机场", True, "西湖宾馆")
    assert (li.arrival_date, li.arrival_time, li.arrival_mode, li.needs_pickup) == (
        date(2027, 1, 2), time(9, 5), "drive", False)
    assert (li.departure_time, li.departure_mode, li.needs_dropoff) == (time(15, 0), "unit_car", False)


def test_a_date_cell_that_lost_its_format_is_read_as_excel_counts_days(session, event_id, tmp_path):
    path = sheet(tmp_path / "回执.xlsx", [["张三", "", 46390, 0.5]], HEADERS[:4])
    row = preview(session, event_id, path).rows[0]
    assert (row.values["arrival_date"], row.values["arrival_time"]) == (date(2027, 1, 3), time(12, 0))


def test_a_bad_value_names_the_file_row_and_field(session, event_id, tmp_path):
    path = sheet(tmp_path / "回执.xlsx", [
        ["张三", "", "下周一"],
        ["李四", "", "2027-1-3", "25:00"],
        ["王五", "", "", "", "轮船"],
        ["赵六", "", "2027-1-3", "", "高铁", "CA1234"],
    ], HEADERS[:6])
    rows = preview(session, event_id, path).rows
    lines = [describe_problem("回执.xlsx", r.row_number, r.errors[0]) for r in rows]
    assert lines == [
        "回执.xlsx 第 2 行“到达日期”：日期“下周一”格式不对，请写成如 2027-1-3、2027/1/3 或 1月3日",
        "回执.xlsx 第 3 行“到达时间”：“25:00”不是有效的时间（时 0～23，分 0～59）",
        "回执.xlsx 第 4 行“到达方式”：到达方式应为高铁、飞机、自驾、单位派车之一，而不是“轮船”",
        "回执.xlsx 第 5 行“到达车次/航班”：到达乘高铁，车次“CA1234”格式不对"
        "（应为 G、D、C、K、T、Z 加数字，如 G7512）",
    ]
    assert not any(r.accepted for r in rows)


def test_a_row_departing_before_it_arrives_is_refused(session, event_id, tmp_path):
    cells = ["张三", "", "2027-1-4", "", "", "", "", "", "2027-1-3"]
    path = sheet(tmp_path / "回执.xlsx", [cells], HEADERS[:9])
    row = preview(session, event_id, path).rows[0]
    assert [(p.field, p.message) for p in row.errors] == [
        ("departure_date", "返程日期（1月3日）早于到达日期（1月4日）")]


def test_a_pickup_column_alone_is_checked_against_the_saved_mode(session, event_id, tmp_path):
    for name, mode in (("张三", "train"), ("李四", "drive")):
        add_new_person(session, event_id=event_id, person=PersonDraft(name=name),
                       participation=ParticipationDraft(role="member", arrival_mode=mode))
    path = sheet(tmp_path / "接站.xlsx", [["张三", "是"], ["李四", "是"]], ["姓名", "是否接站"])
    zhang, li = preview(session, event_id, path).rows
    assert zhang.accepted and zhang.changed_fields == ("needs_pickup",)
    assert [p.field for p in li.errors] == ["needs_pickup"]
    assert "接站只适用于乘高铁或飞机到达的人员" in li.errors[0].message


def test_a_time_alone_needs_a_date_saved_or_in_the_row(session, event_id, tmp_path):
    add_new_person(session, event_id=event_id, person=PersonDraft(name="张三"),
                   participation=ParticipationDraft(role="member", arrival_date=date(2027, 1, 3)))
    path = sheet(tmp_path / "时间.xlsx", [["张三", "9:30"], ["李四", "9:30"]], ["姓名", "到达时间"])
    zhang, li = preview(session, event_id, path).rows
    assert zhang.accepted
    assert [(p.field, p.message) for p in li.errors] == [
        ("arrival_date", "填写了到达时间，请同时填写到达日期")]


def test_a_year_less_date_takes_the_year_of_an_event_over_new_year(session, tmp_path):
    draft = EventDraft(name="跨年会议", event_type="standing_committee", start_date=date(2026, 12, 30),
                       end_date=date(2027, 1, 2))
    event_id = create_event(session, draft=draft).value
    path = sheet(tmp_path / "回执.xlsx", [["张三", "", "12月30日"], ["李四", "", "1月1日"]], HEADERS[:3])
    assert [r.values["arrival_date"] for r in preview(session, event_id, path).rows] == [
        date(2026, 12, 30), date(2027, 1, 1)]


def test_a_csv_slip_reads_the_same(session, event_id, tmp_path):
    path = tmp_path / "回执.csv"
    path.write_text("姓名,到达日期,到达时间,到达方式,车次/航班（到达）\n张三,2027-1-3,09:30,飞机,MU 5101\n",
                    encoding="utf-8-sig")
    values = preview(session, event_id, path).rows[0].values
    fields = ("arrival_date", "arrival_time", "arrival_mode", "arrival_number")
    assert [values[f] for f in fields] == [date(2027, 1, 3), time(9, 30), "flight", "MU5101"]


def test_an_import_that_changed_slips_is_undone_to_the_old_values(session, event_id, tmp_path):
    add_new_person(session, event_id=event_id, person=PersonDraft(name="张三"),
                   participation=ParticipationDraft(role="member", arrival_date=date(2027, 1, 2),
                                                    arrival_time=time(8, 0), arrival_mode="train",
                                                    arrival_number="G1"))
    path = sheet(tmp_path / "回执.xlsx", [["张三", "", "2027-1-3", "9:30", "飞机", "CA1234"]], HEADERS[:6])
    result = imported(session, event_id, path)
    assert result.updated == 1
    assert (slip_of(session).arrival_date, slip_of(session).arrival_mode) == (date(2027, 1, 3), "flight")
    undo_import(session, batch_id=result.batch_id)
    part = slip_of(session)
    assert (part.arrival_date, part.arrival_time, part.arrival_mode, part.arrival_number) == (
        date(2027, 1, 2), time(8, 0), "train", "G1")


def test_an_import_that_added_people_with_slips_is_undone(session, event_id, tmp_path):
    path = sheet(tmp_path / "回执.xlsx", [["张三", "", "2027-1-3", "9:30"]], HEADERS[:4])
    result = imported(session, event_id, path)
    undo_import(session, batch_id=result.batch_id)
    assert session.scalars(select(Participation)).all() == []
