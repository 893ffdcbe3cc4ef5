"""The seat map PDF: one page, embedded fonts, names and viewpoint printed, mirrored between viewpoints."""

import os
import re
import shutil
import subprocess

import pytest

from rdplanner.exports.fonts import register_pdf_fonts
from rdplanner.exports.seatmap_pdf import (
    MissingGlyphsError,
    SeatBox,
    fit_name,
    sheet_positions,
    tile_windows,
    write_seatmap_pdf,
)
from rdplanner.exports.xlsx import ExportCancelled
from rdplanner.seating.layouts import Block, auditorium

POPPLER = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
ZONES = {"member": "组成人员", "attend": "列席", "observer": "旁听"}
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯"
            "邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红"


def hall(rostrum=(7, 9), blocks=None, *, empty_every=0):
    blocks = blocks or [Block("member", 3, (6, 8, 6)), Block("attend", 2, (6, 8, 6)),
                        Block("observer", 1, (6, 8, 6))]
    seats = []
    for i, spec in enumerate(auditorium(rostrum_rows=rostrum, blocks=blocks)):
        empty = empty_every and i % empty_every == empty_every - 1
        name = "" if empty else SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
        seats.append(SeatBox(spec.label, spec.zone, spec.x, spec.y, name))
    return seats


def write(tmp_path, seats, name="座次图.pdf", **kw):
    kw.setdefault("zone_labels", ZONES)
    return write_seatmap_pdf(tmp_path / name, title="市第十七届人大常委会第二十三次会议座次图",
                             date_text="2026年12月3日上午9:00", venue="市人大常委会会议厅", seats=seats, **kw)


def words(path):
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    found = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', out)
    return [((float(a) + float(c)) / 2, (float(b) + float(d)) / 2, w) for a, b, c, d, w in found]


def centre_of(path, text):
    hits = [(x, y) for x, y, w in words(path) if w == text]
    assert len(hits) == 1, (text, hits)
    return hits[0]


@POPPLER
def test_one_page_with_title_date_venue_viewpoint_names_and_legend(tmp_path):
    seats = hall(empty_every=9)
    path = write(tmp_path, seats)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info)
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+", info)  # A4 landscape
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for expected in ("市第十七届人大常委会第二十三次会议座次图", "2026年12月3日上午9:00",
                     "市人大常委会会议厅", "面向主席台", "主席台",
                     "组成人员", "列席", "旁听", "空座", "图例"):
        assert expected in flat
    assert "主席台视角" not in flat
    assert all(s.name in flat for s in seats if s.name)
    assert f"共{len(seats)}座" in flat and f"空{sum(1 for s in seats if not s.name)}座" in flat


@POPPLER
def test_only_embedded_subset_fonts(tmp_path):
    path = write(tmp_path, hall(), viewpoint="stage", page="A3")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert re.match(r"[A-Z]{6}\+Noto", line), line  # a subset tag
        assert re.search(r"\byes\s+yes\s+yes\b", line), line  # emb, sub, uni


def test_sheet_positions_mirror_each_row_and_turn_the_rostrum_round():
    seats = [SeatBox("主席台1排1座", "rostrum", -1.0, -3.8, "甲"),
             SeatBox("1排1座", "member", -2.0, 0.0, "乙"), SeatBox("1排2座", "member", 2.0, 0.0, "丙"),
             SeatBox("2排1座", "member", -2.0, 1.3, "丁")]
    audience = sheet_positions(seats, "audience")
    stage = sheet_positions(seats, "stage")
    assert audience == [(-1.0, -3.8), (-2.0, 0.0), (2.0, 0.0), (-2.0, 1.3)]
    assert stage == [(-ax, -ay) for ax, ay in audience]
    with pytest.raises(ValueError):
        sheet_positions(seats, "side")


@POPPLER
def test_viewpoints_mirror_rows_and_put_the_rostrum_top_or_bottom(tmp_path):
    seats = hall()
    row1 = sorted((s for s in seats if s.label.startswith("1排")), key=lambda s: s.x)
    left, right = row1[0].name, row1[-1].name  # the audience's left and right of the first row
    chair = next(s.name for s in seats if s.zone == "rostrum")
    back = max(seats, key=lambda s: (s.y, -s.x)).name
    aud = write(tmp_path, seats, "a.pdf", viewpoint="audience")
    stage = write(tmp_path, seats, "s.pdf", viewpoint="stage")
    assert centre_of(aud, left)[0] < centre_of(aud, right)[0]
    assert centre_of(stage, left)[0] > centre_of(stage, right)[0]
    # the same row: a mirror image about the page's centre line
    width = 841.89
    assert abs(centre_of(aud, left)[0] - (width - centre_of(stage, left)[0])) < 2
    # pdftotext's y grows down the page: rostrum above the hall for the audience, below it from the stage
    assert centre_of(aud, chair)[1] < centre_of(aud, left)[1] < centre_of(aud, back)[1]
    assert centre_of(stage, chair)[1] > centre_of(stage, left)[1] > centre_of(stage, back)[1]
    stage_text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(stage), "-"], capture_output=True,
                                                   text=True, check=True).stdout)
    assert "主席台视角" in stage_text and "面向主席台" not in stage_text


def test_long_names_shrink_and_minority_names_break_at_the_dot():
    font = register_pdf_fonts().name("sans", bold=True)
    short = fit_name("王伟", font, 40, 20)
    three = fit_name("欧阳振", font, 40, 20)
    long = fit_name("买买提·阿卜杜热合曼", font, 40, 20)
    assert short.lines == ("王伟",) and three.lines == ("欧阳振",)
    assert long.size < three.size < short.size
    assert long.lines == ("买买提·", "阿卜杜热合曼")
    assert fit_name("欧阳振华", font, 20, 40).lines == ("欧阳振华",)  # four characters never break
    assert fit_name("王伟", font, 400, 400, largest=14).size == 14
    assert fit_name("", font, 40, 20).lines == ()


def test_names_of_two_and_three_characters_share_one_type_size_on_the_map():
    from rdplanner.exports.seatmap_pdf import layout_seatmap

    font = register_pdf_fonts().name("sans", bold=True)
    seats = [SeatBox(f"1排{n}座", "member", float(n), 0.0, name)
             for n, name in enumerate(("王伟", "欧阳振", "张三丰", "李", "欧阳振华"), 1)]
    placed = layout_seatmap(seats, viewpoint="audience", area=(0, 0, 120, 100), font=font).placed  # small boxes
    sizes = {p.seat.name: p.name.size for p in placed}
    assert sizes["王伟"] == sizes["欧阳振"] == sizes["张三丰"] == sizes["李"]
    assert sizes["欧阳振华"] < sizes["欧阳振"]


@POPPLER
def test_long_name_prints_in_two_lines_inside_its_box(tmp_path):
    seats = [SeatBox("1排1座", "member", 0, 0, "买买提·阿卜杜热合曼"),
             SeatBox("1排2座", "member", 1, 0, "王伟")]
    path = write(tmp_path, seats)
    found = [w for _, _, w in words(path)]
    assert "买买提·" in found and "阿卜杜热合曼" in found


def test_missing_glyphs_raise_a_chinese_error_before_writing(tmp_path):
    seats = hall()
    seats[3] = SeatBox(seats[3].label, seats[3].zone, seats[3].x, seats[3].y, "王𠀀")
    seats[5] = SeatBox(seats[5].label, seats[5].zone, seats[5].x, seats[5].y, "张三😀")
    with pytest.raises(MissingGlyphsError) as caught:
        write(tmp_path, seats)
    message = str(caught.value)
    assert "王𠀀" in message and "“𠀀”（U+20000）" in message and "张三😀" in message
    assert "打印字体中没有的字" in message
    assert os.listdir(tmp_path) == []


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path):
    target = tmp_path / "座次图.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        write(tmp_path, hall(), cancelled=lambda: True)
    assert os.listdir(tmp_path) == ["座次图.pdf"] and target.read_bytes() == b"old"


def test_progress_reaches_one_in_order(tmp_path):
    seen = []
    write(tmp_path, hall(), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_unknown_page_or_viewpoint_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write(tmp_path, hall(), page="B5")
    with pytest.raises(ValueError):
        write(tmp_path, hall(), viewpoint="left")


@POPPLER
def test_1000_seats_fit_one_a3_sheet_under_2_mb(tmp_path):
    blocks = [Block("member", 20, (12, 20, 12)), Block("attend", 2, (12, 20, 12))]
    seats = hall((13, 15), blocks, empty_every=11)
    seats += hall((), [Block("observer", 1, (2,))])[:1000 - len(seats)]
    path = write(tmp_path, seats, page="A3")
    assert path.stat().st_size < 2 * 1024 * 1024
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info)


def test_tile_windows_cover_the_hall_with_overlap():
    tiles = tile_windows((0.0, 0.0, 40.0, 20.0), 2, 2, 1.5)
    assert [core for core, _ in tiles] == [(0, 0, 20, 10), (20, 0, 40, 10), (0, 10, 20, 20), (20, 10, 40, 20)]
    assert tiles[0][1] == (0, 0, 21.5, 11.5) and tiles[3][1] == (18.5, 8.5, 40, 20)


@POPPLER
def test_tiles_print_an_overview_then_every_seat_whole_on_some_tile(tmp_path):
    blocks = [Block("member", 12, (10, 14, 10)), Block("attend", 2, (10, 14, 10))]
    seats = hall((9, 11), blocks)
    path = write(tmp_path, seats, tiles=(2, 2), viewpoint="stage")
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")[:-1]
    pages = [re.sub(r"\s+", "", p) for p in pages]
    assert len(pages) == 5
    assert "总图（共4张分图）" in pages[0] and all(f"分图{k}" in pages[0] for k in range(1, 5))
    assert "分图1/4（上起第1行、左起第1列）" in pages[1] and "分图4/4（上起第2行、左起第2列）" in pages[4]
    assert all("主席台视角" in p and f"第{n}页共5页" in p for n, p in enumerate(pages, 1))
    bbox = subprocess.run(["pdftotext", "-f", "2", "-bbox", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    labels = [w for w in re.findall(r">([^<]+)</word>", bbox) if re.fullmatch(r"(主席台)?\d+排\d+座", w)]
    assert set(labels) == {s.label for s in seats}  # every seat printed whole on at least one tile
    assert len(labels) > len(seats)  # the overlap repeats some seats


def test_bad_tiles_are_refused(tmp_path):
    for tiles in ((0, 1), (9, 9)):
        with pytest.raises(ValueError):
            write(tmp_path, hall(), tiles=tiles)
    assert os.listdir(tmp_path) == []


@POPPLER
def test_table_layouts_draw_tables_and_name_the_head_table_and_the_door(tmp_path):
    from rdplanner.seating.layouts import TableShape as TableOutline

    seats = [SeatBox(f"主桌{n}座", "rostrum", float(n - 3), -2.0, name)
             for n, name in enumerate(("王伟", "李强", "张敏", "刘洋", "陈杰"), 1)]
    tables = [TableOutline("circle", 0.0, -0.5, 3.0, 3.0, "主桌"), TableOutline("rect", 0.0, 4.0, 6.0, 1.0, "1桌")]
    path = write(tmp_path, seats, tables=tables, rostrum_label="主位", view_text=("门口在下方", "（主位面向门口）"))
    found = [w for _x, _y, w in words(path)]
    assert "主桌" in found and "1桌" in found and "主位" in found
    assert "门口在下方" in found and "面向主席台" not in found
    plain = write(tmp_path, seats, name="plain.pdf")
    assert "主席台" in [w for _x, _y, w in words(plain)]
