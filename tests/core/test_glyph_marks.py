"""Printing a character the PDF fonts lack as 〓 when the officer chose 仍然导出: every PDF writer refuses by
default, marks the character (laid out as printed) when given a GlyphMarks, and records what it marked."""

import shutil
import subprocess

import pytest

from rdplanner.exports import glyph_marks
from rdplanner.exports.cards_pdf import write_cards_pdf
from rdplanner.exports.fonts import MissingGlyphsError
from rdplanner.exports.glyph_marks import FALLBACK_MARK, MARK, GlyphMarks, glyph_mark, marked_text
from rdplanner.exports.seatlist_pdf import write_seatlist_pdf
from rdplanner.exports.seatlist_xlsx import SeatListGroup, SeatListLine
from rdplanner.exports.seatmap_pdf import SeatBox, write_seatmap_pdf
from rdplanner.exports.signin_pdf import write_signin_pdf
from rdplanner.exports.signin_xlsx import SignInLine

POPPLER = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
RARE = "\U00020024"  # 𠀤, CJK Extension B: not in the bundled Noto SC faces
NAME = RARE + "七"


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(text.split()).replace("\u3000", "")


def seatmap(path, names, **kw):
    seats = [SeatBox(f"1排{n}座", "member", n, 0, name) for n, name in enumerate(names, 1)]
    return write_seatmap_pdf(path, title="测试会议座次图", date_text="2026年1月5日", venue="会议厅",
                             seats=seats, **kw)


def cards(path, names, **kw):
    return write_cards_pdf(path, names=names, **kw)


def seatlist(path, names, **kw):
    lines = tuple(SeatListLine(name, "", f"1排{n}座") for n, name in enumerate(names, 1))
    return write_seatlist_pdf(path, meeting="测试会议", date_text="2026年1月5日", venue="会议厅",
                              groups=[SeatListGroup("组成人员", lines)], **kw)


def signin(path, names, **kw):
    return write_signin_pdf(path, meeting="测试会议", time_text="上午9:00", place="会议厅",
                            lines=[SignInLine(name, "某单位") for name in names], **kw)


WRITERS = pytest.mark.parametrize("write", [seatmap, cards, seatlist, signin],
                                  ids=["seatmap", "cards", "seatlist", "signin"])


def test_marked_text_replaces_each_missing_character_and_keeps_the_rest():
    assert marked_text(NAME) == MARK + "七"
    assert marked_text("王伟") == "王伟"
    assert marked_text(f"{RARE}买提·{RARE}😀", "serif", bold=True) == f"{MARK}买提·{MARK}{MARK}"


@pytest.mark.parametrize(("family", "bold"),
                         [("sans", False), ("sans", True), ("serif", False), ("serif", True)])
def test_every_bundled_face_prints_the_geta_mark(family, bold):
    assert glyph_mark(family, bold) == MARK


def test_a_face_without_the_geta_mark_prints_a_white_square(monkeypatch):
    real = glyph_marks.missing_glyphs
    monkeypatch.setattr(glyph_marks, "missing_glyphs",
                        lambda text, family="sans", bold=False: [ch for ch in text if ch == MARK]
                        + real(text.replace(MARK, ""), family, bold))
    assert marked_text(NAME) == FALLBACK_MARK + "七"


def test_the_summary_names_each_marked_text_once():
    marks = GlyphMarks()
    assert marks.summary() == ""
    marks.note(["姓名“𠀤七”中的“𠀤”（U+20024）"])
    marks.note(["姓名“𠀤七”中的“𠀤”（U+20024）"])
    assert marks.summary("座次图") == (
        "座次图中以下文字含有打印字体中没有的字，已印成“〓”，请在打印件上手写补上：姓名“𠀤七”中的“𠀤”（U+20024）。")


@WRITERS
def test_refusing_stays_the_default(tmp_path, write):
    with pytest.raises(MissingGlyphsError) as caught:
        write(tmp_path / "out.pdf", [NAME, "王伟"])
    assert "“𠀤”（U+20024）" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@POPPLER
@WRITERS
def test_with_marks_the_pdf_prints_the_mark_where_the_character_was(tmp_path, write):
    marks = GlyphMarks()
    path = write(tmp_path / "out.pdf", [NAME, "王伟"], marks=marks)
    text = pdf_text(path)
    assert MARK + "七" in text and "王伟" in text and RARE not in text
    assert len(marks.texts) == 1 and NAME in marks.texts[0] and "U+20024" in marks.texts[0]


@POPPLER
@WRITERS
def test_marks_stay_empty_when_every_character_prints(tmp_path, write):
    marks = GlyphMarks()
    write(tmp_path / "out.pdf", ["张三", "王伟"], marks=marks)
    assert marks.texts == []


@POPPLER
def test_a_long_marked_name_is_split_as_printed_on_the_seat_map(tmp_path):
    path = seatmap(tmp_path / "out.pdf", [f"{RARE}买提·阿卜杜热合曼", "王伟"], marks=GlyphMarks())
    words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    assert f"{MARK}买提·" in words and "阿卜杜热合曼" in words


@POPPLER
def test_other_texts_than_names_are_marked_too(tmp_path):
    marks = GlyphMarks()
    path = write_seatmap_pdf(tmp_path / "out.pdf", title=f"{RARE}会议座次图", date_text="", venue=f"{RARE}厅",
                             seats=[SeatBox("1排1座", "member", 0, 0, "王伟")], marks=marks,
                             zone_labels={"member": f"{RARE}区"})
    text = pdf_text(path)
    assert f"{MARK}会议座次图" in text and f"{MARK}厅" in text and f"{MARK}区" in text
    assert [entry.split("“")[0] for entry in marks.texts] == ["标题", "地点", "区域名称"]


def test_print_font_warnings_name_each_printed_field_and_character():
    from rdplanner.people.validation import check_printable, print_font_warnings

    assert check_printable("王伟") is None
    assert print_font_warnings(NAME, "𡒄") == [
        "姓名：打印字体中没有“𠀤”（U+20024），座次图、席卡等打印件将无法正常显示该字",
        "区分备注：打印字体中没有“𡒄”（U+21484），座次图、席卡等打印件将无法正常显示该字"]
    assert "这些字" in check_printable(RARE + "𡒄")
