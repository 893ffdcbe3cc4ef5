"""The 回执表 export reopened with openpyxl, read back through the roster import unchanged, and filled in."""

from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import Participation
from rdplanner.people.importing import apply_import, build_preview, detect_columns, read_table
from rdplanner.people.service import ParticipationDraft, PersonDraft, add_new_person, load_roster
from rdplanner.planning import duplicate_event, write_document
from rdplanner.registry import documents

HEADERS = ["姓名", "工作单位", "职务", "参会身份", "代表团", "到达日期", "到达时间", "到达方式",
           "车次/航班（到达）", "到达站点（车站/机场）", "是否接站", "返程日期", "返程时间", "返程方式",
           "返程车次/航班", "返程站点", "是否送站", "上车地点"]
ZHANG_SLIP = dict(arrival_date=date(2027, 1, 3), arrival_time=time(9, 30), arrival_mode="train",
                  arrival_number="G7512", arrival_station="杭州东站", needs_pickup=True,
                  departure_date=date(2027, 1, 4), departure_time=time(17, 0), departure_mode="flight",
                  departure_number="CA1234", departure_station="萧山机场", needs_dropoff=False,
                  pickup_point="西湖宾馆")


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def event_id(session) -> int:
    draft = EventDraft(name="市十七届人大常委会第二十五次会议", event_type="standing_committee",
                       start_date=date(2027, 1, 3), end_date=date(2027, 1, 4))
    new_id = create_event(session, draft=draft).value
    for name, unit, post, delegation, slip in (("张三", "市财政局", "局长", "", ZHANG_SLIP),
                                               ("王五", "市审计局", "副局长", "第一组", {}),
                                               ("李四", "", "", "第二组", {"arrival_mode": "drive"})):
        add_new_person(session, event_id=new_id,
                       person=PersonDraft(name=name, unit=unit, post=post, delegation=delegation),
                       participation=ParticipationDraft(role="member", delegation=delegation, **slip))
    return new_id


def exported(session, event_id, tmp_path):
    return write_document(session, kind="replies", event_id=event_id, path=tmp_path / "回执表.xlsx")


def data_rows(ws) -> dict[str, list]:
    return {row[0]: list(row) for row in ws.iter_rows(min_row=4, values_only=True) if row[0]}


def preview_of(session, event_id, path):
    table = read_table(path)
    return build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                         default_role="member")


def participations(session) -> list[dict]:
    session.expire_all()
    return [{c.name: getattr(p, c.name) for c in Participation.__table__.columns}
            for p in session.scalars(select(Participation).order_by(Participation.id))]


def test_the_document_is_declared_for_the_cli_and_the_dialog():
    document = documents()["replies"]
    assert (document.title, document.suffixes) == ("回执表", (".xlsx",))


def test_the_sheet_has_title_note_and_the_import_headers(session, event_id, tmp_path):
    ws = load_workbook(exported(session, event_id, tmp_path)).active
    assert ws["A1"].value == "市十七届人大常委会第二十五次会议回执表"
    assert ws["A2"].value.startswith("填写说明：") and "1月3日" in ws["A2"].value
    assert [c.value for c in ws[3]] == HEADERS
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:R1", "A2:R2"}


def test_one_row_per_participant_with_dates_times_and_labels(session, event_id, tmp_path):
    ws = load_workbook(exported(session, event_id, tmp_path)).active
    rows = data_rows(ws)
    assert sorted(rows) == ["张三", "李四", "王五"]
    assert rows["张三"] == ["张三", "市财政局", "局长", "常委会组成人员", None,
                          datetime(2027, 1, 3), time(9, 30), "高铁", "G7512", "杭州东站", "是",
                          datetime(2027, 1, 4), time(17, 0), "飞机", "CA1234", "萧山机场", "否", "西湖宾馆"]
    assert rows["王五"][5:] == [None] * 13  # not replied: blank, not 否
    assert rows["李四"][7] == "自驾" and rows["李四"][10] == "否"
    zhang = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "张三")
    assert (zhang[5].number_format, zhang[6].number_format) == ("yyyy-m-d", "h:mm")
    assert (zhang[11].number_format, zhang[12].number_format) == ("yyyy-m-d", "h:mm")


def test_mode_and_yes_no_columns_have_drop_down_lists(session, event_id, tmp_path):
    ws = load_workbook(exported(session, event_id, tmp_path)).active
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"}
    assert lists == {"H4:H26": '"高铁,飞机,自驾,单位派车"', "N4:N26": '"高铁,飞机,自驾,单位派车"',
                     "K4:K26": '"是,否"', "Q4:Q26": '"是,否"'}


def test_the_sheet_prints_on_a4_landscape_with_the_header_on_every_page(session, event_id, tmp_path):
    ws = load_workbook(exported(session, event_id, tmp_path)).active
    assert ws.freeze_panes == "B4"
    assert ws.print_title_rows == "$3:$3"
    assert (ws.page_setup.orientation, int(ws.page_setup.paperSize)) == ("landscape", 9)  # 9 = A4
    assert ws.page_setup.fitToWidth == 1


def test_reading_the_export_back_changes_nothing(session, event_id, tmp_path):
    before = participations(session)
    path = exported(session, event_id, tmp_path)
    preview = preview_of(session, event_id, path)
    assert [(r.action, r.problems) for r in preview.rows] == [("unchanged", ())] * 3
    result = apply_import(session, event_id=event_id, preview=preview,
                          accepted_row_numbers=preview.accepted_row_numbers, file_name=path.name)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 3)
    assert participations(session) == before


def test_a_filled_in_copy_sets_the_slips(session, event_id, tmp_path):
    path = exported(session, event_id, tmp_path)
    book = load_workbook(path)
    ws = book.active
    wang = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "王五")
    typed = ["2027-1-2", "20:15", "飞机", "mu5101", "萧山机场", "是",
             datetime(2027, 1, 4), time(12, 0), "单位派车", None, None, None, "单位宿舍"]
    for cell, value in zip(wang[5:], typed, strict=True):
        cell.value = value
    book.save(path)
    preview = preview_of(session, event_id, path)
    assert sorted(r.action for r in preview.rows) == ["unchanged", "unchanged", "update"]
    apply_import(session, event_id=event_id, preview=preview,
                 accepted_row_numbers=preview.accepted_row_numbers, file_name=path.name)
    row = next(r for r in load_roster(session, event_id=event_id) if r.name == "王五")
    assert row.reply() == dict(
        arrival_date=date(2027, 1, 2), arrival_time=time(20, 15), arrival_mode="flight",
        arrival_number="MU5101", arrival_station="萧山机场", needs_pickup=True,
        departure_date=date(2027, 1, 4),
        departure_time=time(12, 0), departure_mode="unit_car", departure_number="", departure_station="",
        needs_dropoff=False, pickup_point="单位宿舍")


def test_a_duplicated_event_starts_without_reply_slips(session, event_id):
    copy_id = duplicate_event(session, event_id=event_id, name="复制的会议").value
    rows = load_roster(session, event_id=copy_id)
    assert len(rows) == 3
    assert {tuple(r.reply().values()) for r in rows} == {
        (None, None, "", "", "", False, None, None, "", "", "", False, "")}
    zhang = next(r for r in load_roster(session, event_id=event_id) if r.name == "张三")
    assert zhang.arrival_number == "G7512"


def test_the_demos_reply_slips_read_back_unchanged(session, tmp_path):
    """The demo's people who come by train have their mode, so its 回执表 passes the import's own rules."""
    from rdplanner.demo import build_demo

    event_id = build_demo(session, size="small")
    path = exported(session, event_id, tmp_path)
    preview = preview_of(session, event_id, path)
    assert {r.action for r in preview.rows} == {"unchanged"} and all(not r.problems for r in preview.rows)
    ws = load_workbook(path).active
    met = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[7] == "高铁"]
    assert met and all(r[10] == "是" for r in met)  # 是否接站 printed for those met at the station
