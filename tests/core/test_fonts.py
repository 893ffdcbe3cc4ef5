"""Tests of the bundled CJK fonts for PDF export: coverage checks, registration, embedding in real PDFs."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from rdplanner import resources
from rdplanner.errors import RdplannerError
from rdplanner.exports import font_files, fonts

FACES = [("sans", False), ("sans", True), ("serif", False), ("serif", True)]
BASE_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(("family", "bold"), FACES)
@pytest.mark.parametrize(
    "name",
    [
        "张三",
        "欧阳娜娜",
        "王𬌗",  # U+2C317, Extension E, in the 通用规范汉字表 and seen in names
        "刘䶮",  # U+4DAE, Extension A
        "李堃 赵喆 周赟 陈祎 龚𬍤 黄𬭎 钱𫖮",
        "司马·阿不都热合曼　〇",
    ],
)
def test_missing_glyphs_is_empty_for_names_the_fonts_cover(name, family, bold):
    assert fonts.missing_glyphs(name, family, bold) == []


@pytest.mark.parametrize(("family", "bold"), FACES)
def test_missing_glyphs_reports_extension_b_characters_the_fonts_lack(family, bold):
    assert fonts.missing_glyphs("王𠀀", family, bold) == ["𠀀"]  # U+20000
    assert fonts.missing_glyphs("张𡒄", family, bold) == ["𡒄"]  # U+21484


def test_missing_glyphs_reports_emoji_and_private_use_characters():
    assert fonts.missing_glyphs("张三😀") == ["😀"]
    assert fonts.missing_glyphs("李\ue000四") == ["\ue000"]


def test_missing_glyphs_reports_each_character_once_in_first_seen_order():
    assert fonts.missing_glyphs("😀王\ue000😀𠀀\ue000王") == ["😀", "\ue000", "𠀀"]


def test_missing_glyphs_checks_the_requested_family():
    assert fonts.missing_glyphs("鿰", "sans") == ["鿰"]  # U+9FF0: only the serif has it
    assert fonts.missing_glyphs("鿰", "serif") == []


def test_missing_glyphs_reports_invisible_characters_that_print_as_boxes():
    assert fonts.missing_glyphs("张 三\u3000李四\u00a0") == []
    assert fonts.missing_glyphs("张三\t李四\n\u200b") == ["\t", "\n", "\u200b"]


def test_printable_text_leaves_only_characters_the_fonts_draw():
    text = fonts.printable_text(" 欧阳\t娜娜\u200b\n\ufe0f\u00ad ")
    assert text == "欧阳 娜娜"
    assert fonts.missing_glyphs(text) == []


def test_font_path_names_the_bundled_files():
    paths = [fonts.font_path(family, bold) for family, bold in FACES]
    assert [p.name for p in paths] == [
        "NotoSansSC-Regular.ttf",
        "NotoSansSC-Bold.ttf",
        "NotoSerifSC-Regular.ttf",
        "NotoSerifSC-Bold.ttf",
    ]
    assert all(p.parent == resources.FONTS and p.is_file() for p in paths)


def test_font_path_rejects_an_unknown_family():
    with pytest.raises(ValueError):
        fonts.font_path("mono")


def test_missing_font_file_raises_a_chinese_error_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "FONTS", tmp_path)
    with pytest.raises(fonts.FontError) as caught:
        fonts.register_pdf_fonts().name("serif", bold=True)
    assert isinstance(caught.value, RdplannerError)
    assert "找不到字体文件" in str(caught.value)
    assert "NotoSerifSC-Bold.ttf" in str(caught.value)


def test_unreadable_font_file_raises_a_chinese_error_naming_the_file(tmp_path, monkeypatch):
    (tmp_path / "NotoSansSC-Regular.ttf").write_bytes(b"<html>not a font</html>" * 100)
    monkeypatch.setattr(resources, "FONTS", tmp_path)
    with pytest.raises(fonts.FontError) as caught:
        fonts.register_pdf_fonts().name("sans")
    assert "无法读取" in str(caught.value)
    assert "NotoSansSC-Regular.ttf" in str(caught.value)


def test_register_pdf_fonts_maps_bold_onto_the_bold_face():
    names = fonts.register_pdf_fonts()
    assert fonts.register_pdf_fonts() == names
    assert tt2ps(names.sans, 1, 0) == names.sans_bold
    assert tt2ps(names.serif, 1, 0) == names.serif_bold
    assert [names.name(family, bold) for family, bold in FACES] == [
        names.sans,
        names.sans_bold,
        names.serif,
        names.serif_bold,
    ]


def test_fonts_are_parsed_only_for_the_faces_a_document_draws_with_and_once():
    script = """
import json
from reportlab.pdfbase import pdfmetrics
from rdplanner.exports import font_files, fonts
parsed = []
class CountingTTFont(fonts.BundledTTFont):
    def __init__(self, name, path, *args, **kwargs):
        parsed.append(name)
        super().__init__(name, path, *args, **kwargs)
fonts.BundledTTFont = CountingTTFont
at_import = [n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("Noto")]
fonts.missing_glyphs("张三")
fonts.missing_glyphs("王五", "serif", bold=True)
after_check = list(parsed)
first, second = fonts.register_pdf_fonts(), fonts.register_pdf_fonts()
after_register = list(parsed)
names = [first.sans, second.sans, first.name("sans", bold=True), second.sans_bold]
registered = sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("Noto"))
print(json.dumps([at_import, after_check, after_register, parsed, registered, names, first == second]))
"""
    result = _run_python(script)
    at_import, after_check, after_register, parsed, registered, names, same = json.loads(result.stdout)
    assert at_import == after_check == after_register == []
    assert sorted(parsed) == registered == ["NotoSansSC-Bold", "NotoSansSC-Regular"]
    assert names == ["NotoSansSC-Regular"] * 2 + ["NotoSansSC-Bold"] * 2
    assert same


@pytest.mark.parametrize(("family", "bold"), FACES)
def test_shipped_coverage_is_exactly_the_fonts_character_map(family, bold):
    path = fonts.font_path(family, bold)
    shipped = font_files.shipped_coverage()[path.name]
    from_font = TTFont("coverage-check", str(path)).face.charToGlyph

    assert shipped["bytes"] == path.stat().st_size
    assert shipped["ranges"] == font_files.code_point_ranges(set(from_font))


def test_shipped_coverage_answers_like_the_font_at_the_edges_of_its_runs():
    coverage = font_files.font_coverage("sans")
    from_font = TTFont("coverage-edges", str(fonts.font_path("sans"))).face.charToGlyph
    probes = {edge + step for first, last in font_files.shipped_coverage()["NotoSansSC-Regular.ttf"]["ranges"]
              for edge in (first, last) for step in (-1, 0, 1)}

    assert [cp for cp in sorted(probes) if (cp in coverage) != (cp in from_font)] == []


def test_stale_coverage_falls_back_on_the_font_itself(tmp_path, monkeypatch):
    stale = tmp_path / "coverage.json"
    stale.write_text(json.dumps({"faces": {"NotoSansSC-Regular.ttf": {"bytes": 1, "ranges": []}}}))
    monkeypatch.setattr(font_files, "COVERAGE_FILE", stale)
    monkeypatch.setattr(font_files, "_coverage", {})

    assert fonts.missing_glyphs("张三😀") == ["😀"]


def test_missing_coverage_file_falls_back_on_the_font_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(font_files, "COVERAGE_FILE", tmp_path / "absent.json")
    monkeypatch.setattr(font_files, "_coverage", {})

    assert fonts.missing_glyphs("鿰", "serif", bold=True) == []
    assert fonts.missing_glyphs("鿰", "sans") == ["鿰"]


def test_pdf_embeds_every_font_as_a_subset_and_no_base_14_font(tmp_path):
    pdf = _write_sample_pdf(tmp_path / "sample.pdf")
    rows = _pdffonts(pdf)
    names = {row["name"].split("+", 1)[-1] for row in rows}
    assert names == {fonts.pdf_font_name(f, b) for f, b in FACES}
    for row in rows:
        assert (row["emb"], row["sub"]) == ("yes", "yes"), row
        assert not row["name"].startswith(BASE_14), row


def test_plain_canvas_would_leave_an_unembedded_helvetica(tmp_path):
    """Why new_canvas exists: reportlab selects Helvetica on every page of a plain Canvas."""
    names = fonts.register_pdf_fonts()
    canvas = Canvas(str(tmp_path / "plain.pdf"))
    canvas.setFont(names.sans, 12)
    canvas.drawString(72, 720, "张三")
    canvas.save()
    assert ("Helvetica", "no") in {(r["name"], r["emb"]) for r in _pdffonts(tmp_path / "plain.pdf")}


def test_pdf_text_is_extractable_as_chinese(tmp_path):
    pdf = _write_sample_pdf(tmp_path / "sample.pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "全国人民代表大会常务委员会" in text
    assert "王𬌗" in text


def _write_sample_pdf(path: Path) -> Path:
    names = fonts.register_pdf_fonts()
    canvas = fonts.new_canvas(path)
    canvas.drawString(72, 780, "默认字体：会议座次表")  # drawn before any setFont: the initial font
    for row, (family, bold) in enumerate(FACES):
        canvas.setFont(names.name(family, bold), 20)
        canvas.drawString(72, 740 - 40 * row, f"全国人民代表大会常务委员会 张三 王𬌗 {family} {bold}")
    canvas.showPage()
    canvas.save()
    return path


def _pdffonts(pdf: Path) -> list[dict[str, str]]:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["name", "type"], out
    rows = []
    for line in lines[2:]:
        # name, type (may contain spaces), encoding, then the columns emb sub uni and the object id
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def _run_python(script: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result


def test_missing_glyph_notes_name_the_text_and_code_point_and_the_error_lists_at_most_twenty():
    found: list[str] = []
    fonts.note_missing_glyphs(found, "姓名", "王𠀀")
    fonts.note_missing_glyphs(found, "姓名", "张三")
    assert found == ["姓名“王𠀀”中的“𠀀”（U+20000）"]
    fonts.raise_missing_glyphs([], advice="")  # nothing missing: nothing raised
    with pytest.raises(fonts.MissingGlyphsError, match="请核对。$") as caught:
        fonts.raise_missing_glyphs([f"第{i}项" for i in range(25)], advice="请核对。")
    assert "第19项……" in str(caught.value) and "第20项" not in str(caught.value)


def test_a_face_read_on_demand_cuts_the_same_subset_as_reportlab_reading_the_whole_file():
    # Characters with composite glyphs (全角 punctuation, 〇, radicals) exercise the glyf references.
    text = "张三李四王𬌗刘䶮，。、（）《》〇①㈠"
    for family, bold in FACES:
        path = str(fonts.font_path(family, bold))
        mapped, whole = fonts.BundledTTFont("mapped-check", path), TTFont("whole-check", path)
        subset = [ord(ch) for ch in text]
        assert not isinstance(mapped.face._ttf_data, bytes)  # the outlines are not read into memory
        assert mapped.face.makeSubset(subset) == whole.face.makeSubset(subset)
        assert len(mapped.face.charWidths) < len(whole.face.charWidths) / 10  # defaults left out
        pdfmetrics.registerFont(mapped)
        pdfmetrics.registerFont(whole)
        every = "".join(chr(code) for code in sorted(whole.face.charToGlyph))
        assert [stringWidth(ch, "mapped-check", 10) for ch in every] == [
            stringWidth(ch, "whole-check", 10) for ch in every]  # rl_accel's width, character by character
        assert stringWidth(every, "mapped-check", 7) == stringWidth(every, "whole-check", 7)
        assert [mapped.face.getCharWidth(code) for code in whole.face.charToGlyph] == [
            whole.face.getCharWidth(code) for code in whole.face.charToGlyph]
        del pdfmetrics._fonts["mapped-check"], pdfmetrics._fonts["whole-check"]
        pdfmetrics._dynFaceNames.pop(mapped.face.name, None)


def test_the_faces_a_document_parsed_are_released_when_it_is_written(tmp_path):
    from reportlab.pdfbase import pdfmetrics

    from rdplanner.exports.cards_pdf import write_cards_pdf

    def noto() -> list[str]:
        return sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("Noto"))

    parsed = []

    @fonts.holds_pdf_faces
    def outer_document():
        write_cards_pdf(tmp_path / "inner.pdf", names=["张三"], family="serif")
        parsed.append((noto(), sorted(p.name for p in fonts._parsed)))  # the outer one still holds them

    write_cards_pdf(tmp_path / "first.pdf", names=["张三", "李四"], family="serif")
    assert noto() == [] and fonts._parsed == {}
    outer_document()
    assert parsed == [(["NotoSerifSC-Bold"], ["NotoSerifSC-Bold.ttf"])]
    assert noto() == [] and fonts._parsed == {}
    write_cards_pdf(tmp_path / "again.pdf", names=["张三", "李四"], family="serif")  # parsed afresh, same file
    fonts_in = {(r["name"].partition("+")[2], r["emb"]) for r in _pdffonts(tmp_path / "again.pdf")}
    assert fonts_in == {("NotoSerifSC-Bold", "yes")}
    assert _pdftotext(tmp_path / "again.pdf") == _pdftotext(tmp_path / "first.pdf")
    assert "李" in _pdftotext(tmp_path / "again.pdf")


def _pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_outlines_stay_on_disk_and_only_the_blocks_a_document_needs_are_read():
    font = fonts.BundledTTFont("on-demand-check", str(fonts.font_path("sans")))
    data = font.face._ttf_data
    glyf_start, glyf_end = data._glyf
    assert glyf_end - glyf_start > 0.7 * len(data)  # most of a CJK face: not kept in memory
    assert len(data._front) + len(data._back) == len(data) - (glyf_end - glyf_start)
    font.face.makeSubset([ord(ch) for ch in "张三"])
    assert 0 < len(data._blocks) <= 8


def _truncated_copy(tmp_path: Path) -> tuple[Path, fonts.BundledTTFont]:
    copy = tmp_path / "NotoSerifSC-Bold.ttf"
    shutil.copyfile(fonts.font_path("serif", True), copy)
    return copy, fonts.BundledTTFont("truncated-check", str(copy))


def test_a_font_file_truncated_in_place_after_parsing_fails_the_export_in_chinese(tmp_path):
    copy, font = _truncated_copy(tmp_path)
    with open(copy, "r+b") as file:  # as an update copied over a running install would do
        file.truncate(4096)
    with pytest.raises(fonts.FontError) as caught:
        font.face.makeSubset([ord(ch) for ch in "张三"])
    assert "NotoSerifSC-Bold.ttf 在导出过程中被改动" in str(caught.value)


def test_a_font_file_replaced_by_another_of_the_same_size_is_noticed(tmp_path):
    copy, font = _truncated_copy(tmp_path)
    data = copy.read_bytes()
    copy.unlink()
    copy.write_bytes(data[::-1])  # a new file (inode, time): its outlines are not the parsed ones
    with pytest.raises(fonts.FontError, match="被改动"):
        font.face.makeSubset([ord(ch) for ch in "李四"])


def test_an_export_whose_font_is_truncated_midway_leaves_no_file_and_says_why(tmp_path, monkeypatch):
    from rdplanner.exports.cards_pdf import write_cards_pdf

    copy = tmp_path / "NotoSerifSC-Bold.ttf"
    shutil.copyfile(fonts.font_path("serif", True), copy)
    real_parse = fonts._parse

    def parse_then_truncate(name, path):
        font = real_parse(name, copy)
        with open(copy, "r+b") as file:
            file.truncate(4096)
        return font

    monkeypatch.setattr(fonts, "_parse", parse_then_truncate)
    out = tmp_path / "cards.pdf"
    with pytest.raises(fonts.FontError, match="被改动"):
        write_cards_pdf(out, names=["张三", "李四"], family="serif")
    assert list(tmp_path.iterdir()) == [copy]
    assert fonts._parsed == {}
