"""Tests of the people exports: roster xlsx, sign-in sheet as PDF and xlsx, and the atomic save."""

import os
import re
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from rdplanner.demo import build_demo
from rdplanner.exports.fonts import register_pdf_fonts
from rdplanner.exports.roster_xlsx import RosterLine, write_roster_xlsx
from rdplanner.exports.signin_pdf import (
    COLUMNS,
    MARGIN_X,
    ExportCancelled,
    MissingGlyphsError,
    SignInLine,
    SignInTotals,
    write_signin_pdf,
)
from rdplanner.exports.signin_xlsx import write_signin_xlsx
from rdplanner.exports.xlsx import ExportError, atomic_output, set_text

POPPLER = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
FORMULA = '=HYPERLINK("http://example.com","点我")'
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
LONG_UNIT = "杭州市西湖区文化广电旅游体育局（市文物保护管理所）党组书记、局长兼市文化和旅游发展研究中心主任"


def names(count):
    return [SURNAMES[n % 20] + GIVEN[n // 20 % 20] + GIVEN[(n * 7) % 20] for n in range(count)]


def roster_groups():
    return [
        ("上城区代表团", [RosterLine("王伟", "男", "汉族", "市财政局局长", "上城区代表团", "13812345678",
                                      "330102197210095727"),
                          RosterLine(FORMULA, "女", "回族", "=1+1", "上城区代表团")]),
        ("西湖区代表团", [RosterLine("李芳", "女", "汉族", "西湖区人民政府区长", "西湖区代表团",
                                      "0571-87654321")]),
    ]


def sheet_values(path):
    ws = load_workbook(path).active
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def test_roster_xlsx_has_title_groups_rows_and_total(tmp_path):
    ws, rows = sheet_values(write_roster_xlsx(tmp_path / "名册.xlsx", event_title="第五次会议",
                                              groups=roster_groups()))
    assert rows[0][0] == "第五次会议参会人员名单"
    assert rows[2] == ["序号", "姓名", "性别", "民族", "单位及职务", "代表团", "手机", "身份证号", "备注"]
    assert rows[3][0] == "上城区代表团（2人）"
    assert rows[4][:6] == [1, "王伟", "男", "汉族", "市财政局局长", "上城区代表团"]
    assert rows[6][0] == "西湖区代表团（1人）"
    assert rows[7][:2] == [3, "李芳"]
    assert rows[8][0] == "合计：3人"
    assert ws.print_title_rows == "$3:$3"


def test_roster_xlsx_masks_sensitive_fields_by_default(tmp_path):
    _, rows = sheet_values(write_roster_xlsx(tmp_path / "r.xlsx", event_title="会", groups=roster_groups()))
    assert rows[4][6:8] == ["138****5678", "330102********5727"]
    assert rows[7][6] == "0571-****4321"
    assert "13812345678" not in str(rows)


def test_roster_xlsx_shows_sensitive_fields_when_asked(tmp_path):
    _, rows = sheet_values(write_roster_xlsx(tmp_path / "r.xlsx", event_title="会", groups=roster_groups(),
                                             show_sensitive=True))
    assert rows[4][6:8] == ["13812345678", "330102197210095727"]


def test_roster_xlsx_without_headings_prints_no_heading_rows(tmp_path):
    lines = [RosterLine("王伟"), RosterLine("李芳")]
    _, rows = sheet_values(write_roster_xlsx(tmp_path / "r.xlsx", event_title="会", groups=[("", lines)]))
    assert [r[1] for r in rows[3:5]] == ["王伟", "李芳"]


def test_user_text_starting_with_equals_is_stored_as_text_not_formula(tmp_path):
    path = write_roster_xlsx(tmp_path / "r.xlsx", event_title="会", groups=roster_groups())
    ws = load_workbook(path).active
    assert ws["B6"].value == FORMULA and ws["B6"].data_type == "s"
    assert ws["E6"].value == "=1+1" and ws["E6"].data_type == "s"
    with zipfile.ZipFile(path) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_set_text_drops_characters_excel_cannot_store(tmp_path):
    from openpyxl import Workbook
    cell = set_text(Workbook().active["A1"], "王\x07伟")
    assert (cell.value, cell.data_type) == ("王伟", "s")


def test_xlsx_print_setup_is_a4_fit_to_width_with_page_numbers(tmp_path):
    ws = load_workbook(write_signin_xlsx(tmp_path / "s.xlsx", meeting="会", time_text="", place="",
                                         lines=[SignInLine("王伟")])).active
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.freeze_panes == "A4"


def signin_lines(count):
    units = ("市发展和改革委员会主任", "中国人民解放军某某部队政治工作部主任", "市财政局局长")
    return [SignInLine(name=name, post_unit=units[n % 3], seat=f"{n // 20 + 1}排{n % 20 + 1}号",
                       status="leave" if n == 4 else "", reason="因公出差" if n == 4 else "")
            for n, name in enumerate(names(count))]


def test_signin_xlsx_values_rows_tall_enough_and_totals(tmp_path):
    lines = signin_lines(3) + [SignInLine(FORMULA, "=SUM(A1:A2)")]
    path = write_signin_xlsx(tmp_path / "s.xlsx", meeting="第二十三次会议", time_text="12月3日上午",
                             place="会议厅", lines=lines, totals=SignInTotals(expected=4, leave=1))
    ws, rows = sheet_values(path)
    assert rows[0][0] == "第二十三次会议签到表"
    assert rows[1][0] == "时间：12月3日上午　　　地点：会议厅"
    assert rows[2] == ["序号", "姓名", "单位及职务", "座次号", "签到", "缺席/请假原因", "备注"]
    assert rows[3][:4] == [1, names(1)[0], "市发展和改革委员会主任", "1排1号"]
    assert rows[6][1] == FORMULA and ws["B7"].data_type == "s"
    assert rows[7][0] == "应到 4 人　　实到 ____ 人　　请假 1 人　　缺席 ____ 人"
    assert all(ws.row_dimensions[r].height >= 30 for r in range(4, 8))
    assert ws.column_dimensions["E"].width >= 18  # the signature column (about 35 mm)


def test_signin_xlsx_prints_leave_status_before_the_reason(tmp_path):
    _, rows = sheet_values(write_signin_xlsx(tmp_path / "s.xlsx", meeting="会", time_text="", place="",
                                             lines=[SignInLine("王伟", status="leave", reason="出差"),
                                                    SignInLine("李芳", status="absent")]))
    assert [rows[3][5], rows[4][5]] == ["请假：出差", "缺席"]
    assert rows[1][0] == "时间：＿＿＿＿＿＿＿＿　　　地点：＿＿＿＿＿＿＿＿"


def test_atomic_output_leaves_the_old_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "s.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as stream:
            stream.write(b"half")
            raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["s.xlsx"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_export_to_a_read_only_folder_raises_a_chinese_error_naming_the_file(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="s.xlsx"):
            write_signin_xlsx(folder / "s.xlsx", meeting="会", time_text="", place="", lines=[])
    finally:
        folder.chmod(0o700)
    assert os.listdir(folder) == []


def test_file_held_open_elsewhere_raises_export_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "s.xlsx"
    target.write_bytes(b"old")

    def locked(_src, _dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="正被其他程序"):
        write_signin_xlsx(target, meeting="会", time_text="", place="", lines=[])
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["s.xlsx"]


def test_export_to_a_missing_folder_raises_export_error(tmp_path):
    with pytest.raises(ExportError, match="文件夹不存在"):
        write_roster_xlsx(tmp_path / "nope" / "r.xlsx", event_title="会", groups=[])


def test_full_disk_raises_export_error_and_leaves_nothing(tmp_path, monkeypatch):
    import errno

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match="磁盘空间不足") as caught:
        write_roster_xlsx(tmp_path / "r.xlsx", event_title="会", groups=[("", [RosterLine("王伟")])])
    assert caught.value.params["path"] == str(tmp_path / "r.xlsx")
    assert os.listdir(tmp_path) == []


def pdf(tmp_path, count, **kw):
    kw.setdefault("totals", SignInTotals(expected=count, leave=1))
    return write_signin_pdf(tmp_path / "签到表.pdf", meeting="市第十七届人大常委会第二十三次会议",
                            time_text="2026年12月3日上午9:00", place="市人大常委会会议厅",
                            lines=signin_lines(count), **kw)


def pdftotext(path, *args):
    return subprocess.run(["pdftotext", "-layout", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@POPPLER
def test_signin_pdf_pages_numbers_names_and_totals(tmp_path):
    path = pdf(tmp_path, 120)
    pages = pdftotext(path).split("\f")[:-1]
    assert len(pages) == 6
    for n, page in enumerate(pages, 1):
        assert f"第{n}页共6页" in re.sub(r"\s+", "", page)
        assert "序号" in page and "签到" in page  # the header row repeats
    text = "".join(pages)
    assert all(name in text for name in names(120))
    assert "应到" in pages[-1] and "120" in pages[-1] and "应到" not in pages[0]
    assert "请假：因公出差" in text


@POPPLER
def test_signin_pdf_embeds_every_font(tmp_path):
    path = pdf(tmp_path, 30)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert re.search(r"\byes\s+yes\s+yes\b", line), line  # emb, sub, uni
        assert not any(base in line for base in ("Helvetica", "Times", "Courier"))


@POPPLER
def test_signin_pdf_keeps_each_row_whole_on_one_page(tmp_path):
    pages = pdftotext(pdf(tmp_path, 120)).split("\f")[:-1]
    numbers = [[int(m) for m in re.findall(r"^\s*(\d+)\s", page, re.MULTILINE)] for page in pages]
    flat = [n for page in numbers for n in page]
    assert flat == list(range(1, 121))  # every serial once, in order, none cut between pages


@POPPLER
def test_signin_pdf_long_unit_stays_inside_its_column(tmp_path):
    long_unit = LONG_UNIT
    path = write_signin_pdf(tmp_path / "s.pdf", meeting="会", time_text="", place="",
                            lines=[SignInLine("王伟", long_unit)])
    bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    left = MARGIN_X + sum(w for _, w in COLUMNS[:2]) * 72 / 25.4
    right = left + COLUMNS[2][1] * 72 / 25.4
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<', bbox)
    pieces = [(float(a), float(b), w) for a, b, w in words if w and w in long_unit]
    assert "".join(w for *_, w in pieces) == long_unit
    assert all(left <= a and b <= right for a, b, _ in pieces)


def test_signin_pdf_refuses_names_the_font_lacks_before_writing(tmp_path):
    target = tmp_path / "s.pdf"
    lines = [SignInLine("王伟"), SignInLine("王𠀀"), SignInLine("张三😀")]
    with pytest.raises(MissingGlyphsError) as caught:
        write_signin_pdf(target, meeting="会", time_text="", place="", lines=lines)
    message = str(caught.value)
    assert "王𠀀" in message and "𠀀" in message and "张三😀" in message and "王伟" not in message
    assert not target.exists() and os.listdir(tmp_path) == []


def test_signin_pdf_cancel_leaves_no_file(tmp_path):
    with pytest.raises(ExportCancelled):
        pdf(tmp_path, 50, cancelled=lambda: True)
    assert os.listdir(tmp_path) == []


def test_signin_pdf_reports_progress_up_to_one(tmp_path):
    seen = []
    pdf(tmp_path, 50, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0


@POPPLER
def test_signin_pdf_blank_totals_leave_lines_to_fill_in(tmp_path):
    path = pdf(tmp_path, 3, totals=SignInTotals())
    last = pdftotext(path).split("\f")[-2]
    assert re.search(r"应到\s+人\s+实到\s+人\s+请假\s+人\s+缺席\s+人", last)


@POPPLER
def test_signin_pdf_wraps_a_long_name_only_at_its_middle_dots(tmp_path):
    path = write_signin_pdf(tmp_path / "s.pdf", meeting="会", time_text="", place="",
                            lines=[SignInLine("买买提·阿卜杜热合曼·司马义")])
    bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = re.findall(r">([^<]+)</word>", bbox)
    assert [w for w in words if w[0] in "买阿司"] == ["买买提·", "阿卜杜热合曼·", "司马义"]


@POPPLER
@pytest.mark.parametrize("count", range(18, 24))
def test_signin_pdf_totals_never_run_into_the_page_foot(tmp_path, count):
    path = write_signin_pdf(tmp_path / "s.pdf", meeting="会", time_text="", place="",
                            lines=[SignInLine(f"王{n}", "市财政局局长") for n in range(count)])
    bbox = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    last_page = bbox.split("<page ")[-1]
    bottom = float(re.search(r'yMax="([\d.]+)">统计人', last_page).group(1))
    assert bottom < 841.89 - 12 * 72 / 25.4  # clear of the page number at 8 mm


def test_roster_rows_with_long_units_are_tall_enough_to_show_them(tmp_path):
    long_unit = LONG_UNIT
    lines = [RosterLine("王伟", unit_post="市财政局局长"), RosterLine("李芳", unit_post=long_unit)]
    ws = load_workbook(write_roster_xlsx(tmp_path / "r.xlsx", event_title="会", groups=[("", lines)])).active
    assert ws.row_dimensions[5].height >= 2 * ws.row_dimensions[4].height


def test_text_width_counts_cjk_characters_twice():
    from rdplanner.exports.xlsx import text_width
    assert text_width("王伟ab") == 6
    assert text_width("（１）") == 6


def test_exported_file_is_readable_by_others(tmp_path):
    import os
    import stat

    from rdplanner.exports.xlsx import atomic_output

    target = tmp_path / "名单.xlsx"
    previous = os.umask(0o022)
    try:
        with atomic_output(target) as stream:
            stream.write(b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.fixture
def demo(session):
    return build_demo(session, size="small")


def first_member(session, event_id):
    from sqlmodel import select

    from rdplanner.models import Participation, Person

    return session.scalars(select(Person).join(Participation, Participation.person_id == Person.id)
                           .where(Participation.event_id == event_id, Participation.role == "member")
                           .order_by(Participation.rank_order, Participation.id)).first()


def test_roster_title_names_the_list_once(session, demo, tmp_path):
    from rdplanner.events.service import get_event
    from rdplanner.people.documents import export_roster

    _, rows = sheet_values(export_roster(session, event_id=demo, path=tmp_path / "r.xlsx"))
    assert rows[0][0] == f"{get_event(session, demo).name}参会人员名单"


def test_roster_and_signin_print_unit_then_the_body_post_apart(session, demo, tmp_path):
    from rdplanner.people.attendance import ensure_default_sitting
    from rdplanner.people.documents import export_roster, signin_document

    person = first_member(session, demo)
    person.unit, person.post = "浙江大学", "委员"
    session.commit()
    _, rows = sheet_values(export_roster(session, event_id=demo, path=tmp_path / "r.xlsx"))
    lines = signin_document(session, sitting_id=ensure_default_sitting(session, event_id=demo).value)["lines"]
    assert any(row[1] == person.name and row[4] == "浙江大学；常委会委员" for row in rows)
    assert [line.post_unit for line in lines if line.name == person.name] == ["浙江大学；常委会委员"]


@pytest.mark.parametrize(("unit", "post", "text"), [
    ("浙江大学", "委员", "浙江大学 委员"), ("", "委员", "委员"), ("浙江大学", "", "浙江大学"),
    ("浙江大学", "浙江大学校长", "浙江大学校长"),
])
def test_unit_and_post_is_unit_then_post_never_run_together(unit, post, text):
    from rdplanner.labels import unit_and_post

    assert unit_and_post(unit, post) == text


@pytest.mark.parametrize(("unit", "post", "role", "text"), [
    ("市第一人民医院", "委员", "member", "市第一人民医院；常委会委员"),
    ("市人大法制委员会", "副主任", "member", "市人大法制委员会；常委会副主任"),
    ("市人大常委会", "主任", "member", "市人大常委会 主任"),
    ("市财政局", "局长", "member", "市财政局 局长"),
    ("某公司", "代表", "deputy", "某公司；人大代表"),
    ("市发展和改革委员会", "主任", "attendee", "市发展和改革委员会 主任"),
    ("", "委员", "member", "委员"),
])
def test_unit_and_post_names_the_body_of_a_body_post(unit, post, role, text):
    from rdplanner.labels import unit_and_post

    assert unit_and_post(unit, post, role) == text


@pytest.mark.parametrize(("venue", "hall", "text"), [
    ("市人民大会堂", "大会堂", "市人民大会堂"),
    ("市人大常委会机关", "常委会会议厅", "市人大常委会机关 常委会会议厅"),
    ("市人民大会堂", "市人民大会堂二楼会议室", "市人民大会堂二楼会议室"),
    ("", "会议厅", "会议厅"), ("机关", "", "机关"),
])
def test_place_is_venue_then_hall_printing_a_repeated_name_once(venue, hall, text):
    from rdplanner.labels import place_text

    assert place_text(venue, hall) == text


def test_signin_sheet_place_separates_venue_and_hall(session, demo):
    from rdplanner.people.attendance import ensure_default_sitting
    from rdplanner.people.documents import signin_document

    sitting_id, _ = ensure_default_sitting(session, event_id=demo)
    assert signin_document(session, sitting_id=sitting_id)["place"] == "市人大常委会机关 常委会会议厅"


def test_signin_sheet_fills_absent_only_after_the_sitting_closed(session, demo):
    from datetime import datetime

    from rdplanner.models import Sitting
    from rdplanner.people.attendance import ensure_default_sitting
    from rdplanner.people.documents import signin_document

    sitting_id, _ = ensure_default_sitting(session, event_id=demo)
    sitting = session.get(Sitting, sitting_id)
    sitting.ends_at = datetime(2026, 12, 3, 11, 30)
    session.commit()
    before = signin_document(session, sitting_id=sitting_id, now=datetime(2026, 12, 3, 9))["totals"]
    after = signin_document(session, sitting_id=sitting_id, now=datetime(2026, 12, 3, 12))["totals"]
    assert before.absent is None
    assert after.absent == after.expected - after.present - after.leave > 0


SEATS = ("12排32座", "主席台1排12座", "3排5座")


@POPPLER
def test_signin_pdf_seat_number_never_wraps(tmp_path):
    lines = [SignInLine(name=name, post_unit="市财政局 局长", seat=seat)
             for name, seat in zip(names(3), SEATS, strict=True)]
    path = write_signin_pdf(tmp_path / "s.pdf", meeting="会", time_text="", place="", lines=lines)
    text = pdftotext(path)
    assert all(seat in text for seat in SEATS)


def test_signin_pdf_seat_column_grows_into_the_signature_box_only_as_needed():
    from rdplanner.exports.signin_pdf import SIGN_MIN_W, column_widths

    font = register_pdf_fonts().name("serif")
    narrow, wide = column_widths(["3排5座"], font), column_widths(list(SEATS), font)
    assert narrow == pytest.approx([w * 72 / 25.4 for _, w in COLUMNS])
    assert wide[3] > narrow[3] and wide[4] >= SIGN_MIN_W
    assert sum(wide) == pytest.approx(sum(narrow))


def test_signin_xlsx_seat_column_fits_the_longest_seat_on_one_line(tmp_path):
    from rdplanner.exports.xlsx import text_width

    lines = [SignInLine(name=name, seat=seat) for name, seat in zip(names(3), SEATS, strict=True)]
    ws, rows = sheet_values(write_signin_xlsx(tmp_path / "s.xlsx", meeting="会", time_text="", place="",
                                              lines=lines))
    assert ws.column_dimensions["D"].width >= text_width("主席台1排12座") + 2
    assert not any(ws.cell(row=r, column=4).alignment.wrap_text for r in range(4, 7))
    assert all(ws.cell(row=r, column=4).alignment.shrink_to_fit for r in range(4, 7))


def test_roster_export_masks_numbers_typed_into_the_notes(session, demo, tmp_path):
    from sqlmodel import select

    from rdplanner.models import Participation
    from rdplanner.people.documents import export_roster

    person = first_member(session, demo)
    part = session.scalars(select(Participation).where(Participation.person_id == person.id,
                                                       Participation.event_id == demo)).one()
    part.notes = "秘书电话13812345678"
    session.commit()
    masked = [r for r in sheet_values(export_roster(session, event_id=demo, path=tmp_path / "r.xlsx"))[1]
              if r[1] == person.name]
    full = [r for r in sheet_values(export_roster(session, event_id=demo, path=tmp_path / "f.xlsx",
                                                  show_sensitive=True))[1] if r[1] == person.name]
    assert masked[0][8] == "秘书电话138****5678"
    assert full[0][8] == "秘书电话13812345678"


def test_signin_sheet_masks_numbers_typed_into_a_reason(session, demo):
    from rdplanner.people.attendance import ensure_default_sitting, mark, sitting_rows
    from rdplanner.people.documents import signin_document

    sitting_id, _ = ensure_default_sitting(session, event_id=demo)
    row = sitting_rows(session, sitting_id=sitting_id)[0]
    mark(session, sitting_id=sitting_id, participation_ids=[row.participation_id], status="leave",
         reason="出差，联系13812345678")
    lines = signin_document(session, sitting_id=sitting_id)["lines"]
    assert [line.reason for line in lines if line.name == row.name] == ["出差，联系138****5678"]


@POPPLER
@pytest.mark.parametrize(("unit", "post"), [("杭州市西湖区人民政府办公室", "副主任"),
                                            ("市人大民族宗教华侨外事委员会", "委员")])  # the second needs 9.5 pt
def test_signin_pdf_wraps_unit_and_post_at_the_space_between_them(tmp_path, unit, post):
    lines = [SignInLine(name="王伟", post_unit=f"{unit} {post}")]
    path = write_signin_pdf(tmp_path / "s.pdf", meeting="会", time_text="", place="", lines=lines)
    ends = [line.rstrip().split(" ")[-1] for line in pdftotext(path).splitlines() if line.strip()]
    assert unit in ends and post in ends


NOTE = "名单中的 赵六 不在代表名册中，未计入应到人数"


@POPPLER
def test_signin_pdf_prints_why_expected_differs_and_the_reports_measure_word(tmp_path):
    path = pdf(tmp_path, 3, totals=SignInTotals(expected=620, present=300, unit="名", notes=(NOTE,)))
    text = re.sub(r"\s+", "", pdftotext(path))
    assert "注：名单中的赵六不在代表名册中，未计入应到人数" in text
    assert "应到620名" in text and "应到620人" not in text


def test_signin_xlsx_prints_why_expected_differs(tmp_path):
    totals = SignInTotals(expected=45, notes=(NOTE,))
    _, rows = sheet_values(write_signin_xlsx(tmp_path / "s.xlsx", meeting="会", time_text="", place="",
                                             lines=signin_lines(2), totals=totals))
    assert [f"注：{NOTE}"] in [[cell for cell in row if cell] for row in rows]


def test_signin_document_names_listed_members_off_the_record_and_marks_the_closed_unsigned_absent(
        session, demo):
    from datetime import datetime

    from rdplanner.models import Participation, Person
    from rdplanner.people.attendance import ensure_default_sitting
    from rdplanner.people.documents import signin_document

    person = Person(name="赵六", unit="市财政局", post="委员")
    session.add(person)
    session.flush()
    session.add(Participation(event_id=demo, person_id=person.id, role="member"))
    session.commit()
    sitting_id, _ = ensure_default_sitting(session, event_id=demo)
    document = signin_document(session, sitting_id=sitting_id, now=datetime(2030, 1, 1))
    assert any("赵六" in note and "未计入应到人数" in note for note in document["totals"].notes)
    assert document["totals"].unit == "人"
    assert {line.status for line in document["lines"] if not line.reason} >= {"absent"}
