"""The venue set-up checklist (会场布置清单): the workbook reopened with openpyxl, the PDF's text and pages
(pdftotext, pdftoppm), the rows handed to the writers, and the refusals."""

import subprocess
import time
from datetime import datetime

import pytest
from openpyxl import load_workbook
from venue_world import add_layout, add_people, at, make_world, seat

from rdplanner.errors import InvalidInput
from rdplanner.exports.errors import ExportCancelled
from rdplanner.exports.fonts import holds_pdf_faces, register_pdf_fonts, unit_width
from rdplanner.exports.venue_pdf import wrap
from rdplanner.venue import service
from rdplanner.venue.documents import export_venue, venue_sheet
from rdplanner.venue.read import load_venue


@pytest.fixture
def beijing(monkeypatch):
    """Local time is Beijing time (UTC+8), as on the office's computers."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def world(session, beijing):
    world = make_world(session)
    people = add_people(session, world.event_id, 85)
    rostrum = add_layout(session, world.hall_id, "auditorium", ["rostrum"] * 7)
    seat(session, world.event_id, rostrum, people[:7])
    service.book_hall(session, event_id=world.event_id, hall_id=world.hall_id, starts_at=at(10, 8, 30),
                      ends_at=at(11, 17, 30), status="confirmed", contact="王五", phone="0571-87050000")
    service.book_hall(session, event_id=world.other_event_id, hall_id=world.hall_id, starts_at=at(11, 14),
                      ends_at=at(11, 16))
    setup_id = service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id).value
    service.set_banner(session, setup_id=setup_id, text="市人大常委会第十次会议", expected_version=1)
    service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长", at=datetime(2026, 6, 5, 2, 30))
    setup = load_venue(session, world.event_id).setups[0]
    service.mark_check(session, check_id=setup.checks[0].id, checked_by="张工",
                       at=datetime(2026, 6, 9, 1, 15))
    papers = setup.materials[1]
    service.update_material(session, material_id=papers.id, expected_version=1, name="会议材料", unit="份",
                            basis="participant", per_unit=1, prepared=90)
    return world


def rows_of(path) -> list[tuple]:
    sheet = load_workbook(path).active
    return [tuple(v for v in row if v is not None) for row in sheet.iter_rows(values_only=True)
            if any(v is not None for v in row)]


def test_the_workbook_holds_booking_banner_checks_and_materials(session, world, tmp_path):
    path = export_venue(session, event_id=world.event_id, path=tmp_path / "会场.xlsx")
    rows = rows_of(path)
    assert rows[:6] == [
        ("常委会第十次会议会场布置清单",), ("会期：2026年6月10日至6月11日",),
        ("会场：市人大常委会机关 第一会议室",),
        ("预订：", "2026年6月10日 08:30至6月11日 17:30；已确认；联系人：王五 0571-87050000；"
                  "与“主任会议”2026年6月11日 14:00–16:00的预订时间重叠"),
        ("会标：", "市人大常委会第十次会议"), ("审定：", "李秘书长（2026-06-05 10:30）")]
    assert ("序号", "检查项目", "检查人", "检查时间", "签字", "备注") in rows
    assert (1, "音响和话筒", "张工", "2026-06-09 09:15", "逐个话筒试音，备好电池和备用话筒") in rows
    assert (2, "投影和屏幕", "接好电脑试放，核对画面比例和清晰度") in rows  # not checked: blank 检查人, 时间
    assert ("序号", "物品", "单位", "数量依据", "计算方法", "计算数量", "实备数量", "备注") in rows
    assert (1, "席卡（桌签）", "张", "按席卡", "7 张席卡 × 1 × (1+10%) = 8", 8) in rows
    assert (2, "会议材料", "份", "按参会人数", "85 人 × 1 × (1+10%) = 94", 94, 90) in rows


def test_the_workbooks_signature_column_is_empty_and_boxed(session, world, tmp_path):
    sheet = load_workbook(export_venue(session, event_id=world.event_id, path=tmp_path / "会场.xlsx")).active
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 5).value == "签字")
    first = sheet.cell(header + 1, 5)
    assert (first.value, first.border.left.style, first.border.right.style) == (None, "thin", "thin")
    assert sheet.row_dimensions[header + 1].height >= 30


def test_a_hall_with_a_set_up_and_no_booking_says_so(session, world, tmp_path):
    service.ensure_setup(session, event_id=world.event_id, hall_id=world.other_hall_id)
    rows = rows_of(export_venue(session, event_id=world.event_id, path=tmp_path / "会场.xlsx"))
    at_hall = rows.index(("会场：市人大常委会机关 第二会议室",))
    assert rows[at_hall + 1:at_hall + 4] == [("预订：", "未预订"), ("会标：", "（未填写）"),
                                             ("审定：", "未审定")]


def test_sections_put_the_main_hall_first(session, world):
    service.remove_setup(session, setup_id=load_venue(session, world.event_id).setups[0].id)
    service.ensure_setup(session, event_id=world.event_id, hall_id=world.other_hall_id)
    sheet = venue_sheet(load_venue(session, world.event_id))
    assert [s.place for s in sheet.sections] == ["市人大常委会机关 第一会议室", "市人大常委会机关 第二会议室"]
    assert sheet.sections[0].checks == ()  # booked, no set-up yet


def pdf_text(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return ["".join(page.split()) for page in text.split("\f")[:-1]]  # pdftotext spaces CJK unevenly


def test_the_pdf_prints_the_checklist_with_page_numbers(session, world, tmp_path):
    path = export_venue(session, event_id=world.event_id, path=tmp_path / "会场.pdf")
    (page,) = pdf_text(path)
    for text in ("常委会第十次会议会场布置清单", "会场：市人大常委会机关 第一会议室",
                 "李秘书长（2026-06-05 10:30）", "签字", "2026-06-09 09:15", "85 人 × 1 × (1+10%) = 94",
                 "计算数量", "实备数量", "第 1 页 共 1 页"):
        assert "".join(text.split()) in page


def test_a_long_list_continues_with_its_header_and_hall_on_the_next_page(session, world, tmp_path):
    setup_id = load_venue(session, world.event_id).setups[0].id
    for n in range(1, 31):
        service.add_check(session, setup_id=setup_id, name=f"附加检查{n}")
    path = export_venue(session, event_id=world.event_id, path=tmp_path / "会场.pdf")
    pages = pdf_text(path)
    assert len(pages) == 2
    assert pages[1].startswith("常委会第十次会议会场布置清单（续）会场：市人大常委会机关第一会议室"
                               "序号检查项目检查人")
    assert "第2页共2页" in pages[1]
    png = subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")], check=True)
    assert png.returncode == 0
    assert sorted(p.name for p in tmp_path.glob("page-*.png")) == ["page-1.png", "page-2.png"]


def test_another_suffix_is_refused(session, world, tmp_path):
    with pytest.raises(InvalidInput) as raised:
        export_venue(session, event_id=world.event_id, path=tmp_path / "会场.docx")
    assert raised.value.field == "path"


@pytest.mark.parametrize("name", ["会场.pdf", "会场.xlsx"])
def test_a_cancelled_export_writes_nothing(session, world, tmp_path, name):
    with pytest.raises(ExportCancelled):
        export_venue(session, event_id=world.event_id, path=tmp_path / name, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


@holds_pdf_faces
def wrapped(text: str, room_for: str) -> list[str]:
    """``text`` wrapped at 10 points into lines as wide as ``room_for`` (plus a hair)."""
    font = register_pdf_fonts().name("serif")
    return wrap(text, font, 10, sum(unit_width(ch, font) for ch in room_for) * 10 + 0.01)


def test_wrap_moves_a_number_whole_to_the_next_line():
    assert wrapped("联系人王五2026年", "联系人王五20") == ["联系人王五", "2026年"]
    assert wrapped("联系人王五九年", "联系人王五") == ["联系人王五", "九年"]
    long_run = wrapped("12345678", "123456")  # a run longer than the line still breaks
    assert len(long_run) == 2 and "".join(long_run) == "12345678"
    assert wrapped("会场，（甲）", "会场") == ["会场，", "（甲）"]  # no line starts with a closing mark
