"""Table name cards (席卡): one matching name size per set, both faces, one per page or packed on A4."""

import os
import re
import shutil
import subprocess

import pytest

from rdplanner.exports.cards_pdf import (
    MissingGlyphsError,
    card_layout,
    card_text,
    sheet_layout,
    write_cards_pdf,
)
from rdplanner.exports.fonts import register_pdf_fonts
from rdplanner.exports.xlsx import ExportCancelled, ExportError

POPPLER = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
NAMES = ["张三", "欧阳振华", "李建国", "买买提·阿卜杜热合曼", "王伟"]
MM = 72 / 25.4


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def pages_text(path):
    return [re.sub(r"\s+", "", page) for page in run("pdftotext", str(path), "-").split("\f")[:-1]]


def on_both_faces(page, name):
    """Each character twice: pdftotext may give the turned face's spaced characters in reverse order."""
    page = page.replace("\u3000", "")
    return name in page and all(page.count(ch) == 2 * name.count(ch) for ch in set(name))


def test_two_character_names_are_spaced_others_kept():
    assert card_text("张三") == "张\u3000三"
    assert card_text(" 李建国 ") == "李建国"
    assert card_text("买买提·阿卜杜热合曼") == "买买提·阿卜杜热合曼"
    assert card_text("Li") == "Li"


def test_one_size_for_the_set_set_by_the_widest_name():
    font = register_pdf_fonts().name("serif", bold=True)
    short = card_layout(["张\u3000三", "李建国"], font)
    wide = card_layout(["张\u3000三", "李建国", "欧阳振华文"], font)
    assert wide.size < short.size
    assert short.size <= short.face * 0.6  # never taller than the face allows
    assert wide.width == pytest.approx(210 * MM) and wide.height == pytest.approx(140 * MM)
    assert wide.face == pytest.approx(70 * MM)


def test_a_long_minority_name_takes_two_lines_rather_than_shrinking_the_set():
    font = register_pdf_fonts().name("serif", bold=True)
    layout = card_layout(["张\u3000三", "买买提·阿卜杜热合曼"], font)
    assert layout.lines["买买提·阿卜杜热合曼"] == ("买买提·", "阿卜杜热合曼")
    assert layout.lines["张\u3000三"] == ("张\u3000三",)
    one_line = card_layout(["买买提阿卜杜热合曼"], font)  # no dot: stays on one line, smaller
    assert one_line.size < layout.size


@POPPLER
def test_one_card_per_page_with_the_name_on_both_faces(tmp_path):
    path = write_cards_pdf(tmp_path / "席卡.pdf", names=NAMES)
    info = run("pdfinfo", str(path))
    assert re.search(r"Pages:\s+5\b", info)
    assert re.search(r"Page size:\s+595\.\d+ x 396\.\d+", info)  # 210 × 140 mm
    for page, name in zip(pages_text(path), NAMES, strict=True):
        assert on_both_faces(page, name)


@POPPLER
def test_upper_face_is_turned_round_in_the_upper_half(tmp_path):
    path = write_cards_pdf(tmp_path / "c.pdf", names=["李建国"])
    bbox = run("pdftotext", "-bbox", str(path), "-")
    ys = sorted(float(b) for b in re.findall(r'yMin="([\d.]+)"[^>]*>李建国<', bbox))
    height = 140 * MM
    assert len(ys) == 2 and ys[0] < height / 2 < ys[1]  # one name on each face


@POPPLER
def test_only_embedded_subset_fonts_in_both_families(tmp_path):
    for family in ("serif", "sans"):
        path = write_cards_pdf(tmp_path / f"{family}.pdf", names=NAMES, family=family)
        fonts = run("pdffonts", str(path)).splitlines()[2:]
        assert len(fonts) == 1
        assert re.match(r"[A-Z]{6}\+Noto" + ("Serif" if family == "serif" else "Sans") + r"SC-Bold", fonts[0])
        assert re.search(r"\byes\s+yes\s+yes\b", fonts[0])


@POPPLER
def test_per_sheet_packs_cards_on_a4_with_fold_and_cut_lines(tmp_path):
    path = write_cards_pdf(tmp_path / "s.pdf", names=NAMES, per_sheet=True)
    info = run("pdfinfo", str(path))
    assert re.search(r"Pages:\s+3\b", info)  # two 210 × 140 cards a sheet
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)
    pages = [p.replace("\u3000", "") for p in pages_text(path)]
    assert on_both_faces(pages[0], "张三") and on_both_faces(pages[0], "欧阳振华")
    small = sheet_layout(100 * MM, 80 * MM)
    assert small.cols * small.rows == 6 and small.left > 0  # margins left for cut marks


def test_card_larger_than_a4_cannot_be_packed(tmp_path):
    with pytest.raises(ExportError):
        write_cards_pdf(tmp_path / "c.pdf", names=NAMES, size_mm=(320, 200), per_sheet=True)
    assert os.listdir(tmp_path) == []


def test_other_sizes_and_bad_family(tmp_path):
    path = write_cards_pdf(tmp_path / "c.pdf", names=NAMES, size_mm=(200, 100))
    assert path.stat().st_size > 0
    with pytest.raises(ValueError):
        write_cards_pdf(tmp_path / "d.pdf", names=NAMES, family="kai")


def test_missing_glyphs_raise_before_writing(tmp_path):
    with pytest.raises(MissingGlyphsError) as caught:
        write_cards_pdf(tmp_path / "c.pdf", names=["王伟", "王𠀀"])
    message = str(caught.value)
    assert "王𠀀" in message and "“𠀀”（U+20000）" in message and "王伟" not in message
    assert os.listdir(tmp_path) == []


def test_no_names_is_an_error(tmp_path):
    with pytest.raises(ExportError):
        write_cards_pdf(tmp_path / "c.pdf", names=["", "  "])
    assert os.listdir(tmp_path) == []


def test_cancel_leaves_no_file(tmp_path):
    calls = iter(range(1000))
    with pytest.raises(ExportCancelled):
        write_cards_pdf(tmp_path / "c.pdf", names=NAMES * 10, cancelled=lambda: next(calls) > 20)
    assert os.listdir(tmp_path) == []


def test_800_cards_report_progress_to_the_end(tmp_path):
    names = [NAMES[i % len(NAMES)] for i in range(800)]
    for per_sheet in (False, True):
        seen = []
        path = write_cards_pdf(tmp_path / f"c{per_sheet}.pdf", names=names, per_sheet=per_sheet,
                               progress=seen.append)
        assert path.stat().st_size > 0 and seen[-1] == 1.0 and seen == sorted(seen)
