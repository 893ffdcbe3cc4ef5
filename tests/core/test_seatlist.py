"""The "find your seat" list (对号入座名单): order per zone, unseated people, the xlsx and the PDF."""

import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from rdplanner.demo import build_demo
from rdplanner.errors import InvalidInput
from rdplanner.exports.seatlist_pdf import (
    COLS,
    HEADING_H,
    MARGIN_BOTTOM,
    ROW_H,
    MissingGlyphsError,
    paginate,
    write_seatlist_pdf,
)
from rdplanner.exports.seatlist_xlsx import SeatListGroup, SeatListLine, write_seatlist_xlsx
from rdplanner.exports.xlsx import ExportCancelled
from rdplanner.models import Event
from rdplanner.office_settings import name_convention_key, set_setting
from rdplanner.people.ordering import order_names
from rdplanner.people.service import ParticipationDraft, PersonDraft, add_new_person
from rdplanner.seating.documents import export_seatlist, export_seatmap, rostrum_names, seatlist_groups
from rdplanner.seating.service import ensure_seat_plan, load_seating
from seated import seat_event

POPPLER = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯"
            "邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红"


def names(count):
    return [SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)] + GIVEN[i % 7]
            for i in range(count)]


def groups_of(*sizes):
    titles = ("主席台", "组成人员/代表", "列席", "旁听")
    return [SeatListGroup(titles[k % 4], tuple(SeatListLine(n, "市人大常委会", f"{k + 1}排{i + 1}座")
                                               for i, n in enumerate(names(size))))
            for k, size in enumerate(sizes)]


def write_pdf(tmp_path, groups, **kw):
    return write_seatlist_pdf(tmp_path / "对号入座名单.pdf", meeting="市第十七届人大常委会第二十三次会议",
                              date_text="2026年12月3日", venue="市人大常委会会议厅", groups=groups, **kw)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_count(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


@pytest.mark.parametrize(("event_type", "members"), [("standing_committee", "组成人员"),
                                                      ("congress_session", "代表")])
def test_seatlist_and_seatmap_name_the_members_zone_for_the_event_type(session, tmp_path, event_type,
                                                                       members):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    session.get(Event, event_id).event_type = event_type
    session.commit()

    groups, _ = seatlist_groups(session, event_id=event_id)
    path = export_seatmap(session, event_id=event_id, path=tmp_path / "座次图.pdf")

    assert [g.title for g in groups][1] == members
    legend = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert members in legend and "组成人员/代表" not in legend


def test_seatlist_groups_rostrum_by_rank_then_zones_in_stroke_order(session):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)

    groups, note = seatlist_groups(session, event_id=event_id)

    titles = [g.title for g in groups]
    assert titles[:4] == ["主席台", "组成人员", "列席", "旁听"]
    assert [line.name for line in groups[0].lines] == rostrum_names(session, event_id=event_id)
    for group in groups[1:]:
        listed = [line.name for line in group.lines]
        assert listed == order_names(listed).apply(listed)
    assert "姓名笔画" in note


def test_seatlist_every_seated_person_has_their_own_seat_label(session):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    groups, _ = seatlist_groups(session, event_id=event_id)
    view = load_seating(session, seat_plan_id=ensure_seat_plan(session, event_id=event_id).value)

    printed = {line.name: line.seat for g in groups for line in g.lines if line.seat}

    assert printed == {a.name: view.labels[a.seat_id] for a in view.assignments}


def test_seatlist_lists_the_unseated_last_without_a_seat(session):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    seatlist_groups(session, event_id=event_id)  # seats everyone who has a zone
    add_new_person(session, event_id=event_id, person=PersonDraft(name="丁一", unit="市政府办公厅"),
                   participation=ParticipationDraft(role="attendee"))

    groups, _ = seatlist_groups(session, event_id=event_id)

    assert groups[-1].title == "未安排座位"
    late = [line for line in groups[-1].lines if line.name == "丁一"]
    assert late == [SeatListLine("丁一", "市政府办公厅", "")]
    assert all(line.seat == "" for line in groups[-1].lines)
    assert all(line.seat for g in groups[:-1] for line in g.lines)


def test_seatlist_leaves_out_the_unseated_on_approved_leave(session):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    seatlist_groups(session, event_id=event_id)
    add_new_person(session, event_id=event_id, person=PersonDraft(name="丁二"),
                   participation=ParticipationDraft(role="attendee", leave_status="approved",
                                                    leave_reason="出差"))

    groups, _ = seatlist_groups(session, event_id=event_id)

    assert "丁二" not in [line.name for g in groups for line in g.lines]


def test_seatlist_follows_the_body_name_convention(session):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    set_setting(session, key=name_convention_key("standing_committee"), value="xingshi")

    groups, note = seatlist_groups(session, event_id=event_id)

    members = [line.name for line in groups[1].lines]
    assert members == order_names(members, "xingshi").apply(members)
    assert "姓氏笔画" in note


def test_export_seatlist_refuses_other_suffixes(session, tmp_path):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    with pytest.raises(InvalidInput) as caught:
        export_seatlist(session, event_id=event_id, path=tmp_path / "名单.docx")
    assert caught.value.params["field"] == "path" and "名单.docx" in str(caught.value)
    assert not (tmp_path / "名单.docx").exists()


def test_export_seatlist_xlsx_groups_by_zone_with_text_cells_and_repeated_header(session, tmp_path):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    seatlist_groups(session, event_id=event_id)
    add_new_person(session, event_id=event_id, person=PersonDraft(name="丁一"),
                   participation=ParticipationDraft(role="attendee"))

    path = export_seatlist(session, event_id=event_id, path=tmp_path / "对号入座名单.xlsx")

    ws = load_workbook(path).active
    assert "对号入座名单" in ws["A1"].value
    assert [c.value for c in ws[3]] == ["序号", "姓名", "单位或代表团", "座位"]
    assert ws.print_title_rows == "$3:$3"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    headings = [row[0].value for row in ws.iter_rows(min_row=4) if row[1].value is None]
    assert headings[0].startswith("主席台（9 人）") and headings[-1].startswith("未安排座位")
    body = [row for row in ws.iter_rows(min_row=4) if row[1].value is not None]
    assert all(row[1].data_type == "s" and row[3].data_type == "s" for row in body)


def test_seatlist_xlsx_stores_user_text_as_text(tmp_path):
    group = SeatListGroup("列席", (SeatListLine("=1+1", "=HYPERLINK(\"x\")", "1排1座"),))

    path = write_seatlist_xlsx(tmp_path / "a.xlsx", meeting="会议", date_text="", venue="", groups=[group])

    ws = load_workbook(path).active
    assert (ws["B5"].value, ws["B5"].data_type) == ("=1+1", "s")
    assert (ws["C5"].value, ws["C5"].data_type) == ("=HYPERLINK(\"x\")", "s")


def test_paginate_fills_columns_and_never_strands_a_heading():
    pages = paginate([9, 300, 2, 40], first_top=700, later_top=780)

    blocks = [b for page in pages for b in page]
    for group, size in enumerate([9, 300, 2, 40]):
        mine = [b for b in blocks if b.group == group]
        assert [(b.start, b.stop) for b in mine][0][0] == 0 and mine[-1].stop == size
        assert all(a.stop == b.start for a, b in zip(mine, mine[1:], strict=False))
        assert [b.continued for b in mine] == [False] + [True] * (len(mine) - 1)
    sizes = [9, 300, 2, 40]
    for block in blocks:
        assert block.rows == -(-(block.stop - block.start) // COLS)
        assert block.rows >= min(2, -(-(sizes[block.group] - block.start) // COLS))
        assert block.top - HEADING_H - block.rows * ROW_H >= MARGIN_BOTTOM - 0.01
    assert all(pages) and len(pages) > 1


@POPPLER
def test_seatlist_pdf_pages_numbers_headings_and_every_name(tmp_path):
    groups = groups_of(9, 300, 20, 8)

    path = write_pdf(tmp_path, groups)

    count = page_count(path)
    assert count > 1
    flat = re.sub(r"\s+", "", pdf_text(path))
    assert "市第十七届人大常委会第二十三次会议对号入座名单" in flat
    assert "主席台（9人）" in flat and "组成人员/代表（续）" in flat
    assert f"第1页共{count}页" in flat and f"第{count}页共{count}页" in flat
    assert all(line.name in flat and line.seat in flat for g in groups for line in g.lines)


def header_words(path) -> list[tuple[float, float, float, str]]:
    """(left, right, height, text) of each word of the first page's header line (under the title)."""
    html = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = [(float(x0), float(y0), float(x1), float(y1), text) for x0, y0, x1, y1, text in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html)]
    line = words[1][1]  # the title is the first word
    return [(x0, x1, y1 - y0, text) for x0, y0, x1, y1, text in words if y0 == line]


@POPPLER
def test_seatlist_pdf_header_keeps_a_wide_gap_before_the_venue(tmp_path):
    words = header_words(write_pdf(tmp_path, groups_of(3)))
    (_, date_end, size, date), (venue_start, _, _, venue) = words
    assert date == "时间：2026年12月3日" and venue == "地点：市人大常委会会议厅"
    assert venue_start - date_end >= 2 * size  # as on the seat map: two full-width spaces or more


@POPPLER
def test_seatlist_pdf_is_a4_portrait_with_embedded_subset_fonts_only(tmp_path):
    path = write_pdf(tmp_path, groups_of(9, 30))

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows
    for line in rows:
        assert re.match(r"[A-Z]{6}\+Noto", line), line
        assert re.search(r"\byes\s+yes\s+yes\b", line), line


@POPPLER
def test_seatlist_pdf_keeps_every_entry_above_the_page_foot(tmp_path):
    path = write_pdf(tmp_path, groups_of(9, 500, 3))
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    page_h = 841.89
    for y_max, word in re.findall(r'yMax="([\d.]+)">([^<]+)<', out):
        if word not in ("第", "页", "共") and not word.isdigit():  # the page number line
            assert float(y_max) < page_h - MARGIN_BOTTOM + 1, word


@POPPLER
def test_seatlist_pdf_long_name_stays_inside_its_column(tmp_path):
    long_name = "买买提·阿卜杜热合曼·艾力江·库尔班"
    group = SeatListGroup("列席", (SeatListLine(long_name, "", "主席台1排10座"),))

    path = write_pdf(tmp_path, [group])

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    seat_left = min(float(x) for x, w in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)<', out) if "排" in w)
    name_right = max(float(x) for x, w in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]+)<', out)
                     if "买" in w or "库尔班" in w or "艾力江" in w)
    assert name_right < seat_left


def test_seatlist_pdf_refuses_names_the_font_lacks_before_writing(tmp_path):
    group = SeatListGroup("列席", (SeatListLine("王\U00020000", "", "1排1座"),))

    with pytest.raises(MissingGlyphsError) as caught:
        write_pdf(tmp_path, [group])

    assert "U+20000" in str(caught.value)
    assert not list(tmp_path.iterdir())


def test_seatlist_pdf_cancel_leaves_no_file(tmp_path):
    with pytest.raises(ExportCancelled):
        write_pdf(tmp_path, groups_of(9, 40), cancelled=lambda: True)
    assert not list(tmp_path.iterdir())


def test_export_seatlist_pdf_reports_progress_up_to_one(session, tmp_path):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    seen = []

    path = export_seatlist(session, event_id=event_id, path=tmp_path / "名单.pdf", progress=seen.append)

    assert path.read_bytes().startswith(b"%PDF")
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_seatlist_and_seatmap_print_the_venue_then_the_hall(session, tmp_path):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)

    listed = pdf_text(export_seatlist(session, event_id=event_id, path=tmp_path / "名单.pdf"))
    mapped = pdf_text(export_seatmap(session, event_id=event_id, path=tmp_path / "座次图.pdf"))

    assert "市人大常委会机关 常委会会议厅" in listed and "市人大常委会机关 常委会会议厅" in mapped
