"""A name breaks the same way on every PDF: the seat map, the seat list, the cards and the sign-in sheet each
set a hard name on one line or break it where the others do (after the balanced "·", at the space, else
the longer half first); a name of up to four characters never breaks."""

import pytest

from rdplanner.exports import cards_pdf, seatlist_pdf, signin_pdf
from rdplanner.exports.fonts import register_pdf_fonts
from rdplanner.exports.name_fit import split_two
from rdplanner.exports.seatmap_pdf import fit_name

# name → its two lines when it breaks, written out by hand; None: never breaks
EXPECTED = {
    "李": None,
    "张三": None,
    "欧阳娜": None,
    "司马相如": None,
    "阿·木提": None,
    "欧阳明月光": ("欧阳明", "月光"),
    "诸葛孔明亮": ("诸葛孔", "明亮"),
    "买买提·阿卜杜热合曼": ("买买提·", "阿卜杜热合曼"),
    "爱新觉罗·启星": ("爱新觉罗·", "启星"),
    "阿依古丽·吐尔逊": ("阿依古丽·", "吐尔逊"),
    "努尔兰·阿不都热合曼·买买提": ("努尔兰·", "阿不都热合曼·买买提"),
    "阿卜杜热合曼・买买提": ("阿卜杜热合曼・", "买买提"),
    "Maria Schmidt": ("Maria", "Schmidt"),
    "欧阳爱新觉罗明月光辉": ("欧阳爱新觉", "罗明月光辉"),
}


@pytest.fixture(scope="module")
def fonts():
    return register_pdf_fonts()


def seat_map(fonts, name):
    return fit_name(name, fonts.name("sans", bold=True), 40, 40).lines  # a small seat box


def seat_list(fonts, name):
    return seatlist_pdf._entry(name, "主席台第十二排第三十二座", fonts.name("sans")).name  # a long seat label


def cards(fonts, name):
    text = cards_pdf.card_text(name)
    return cards_pdf.card_layout([text], fonts.name("serif"), (60, 40)).lines[text]


def sign_in(fonts, name):
    font = fonts.name("serif")
    width = signin_pdf.column_widths(["主席台1排5座"], font)[1] - 2 * signin_pdf.PAD
    return signin_pdf._fit(name, font, width, signin_pdf.ROW_MIN - 2 * signin_pdf.PAD, signin_pdf.NAME_FITS,
                           strict=True).lines


WRITERS = {"seat map": seat_map, "seat list": seat_list, "cards": cards, "sign-in": sign_in}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_sets_a_name_on_one_line_or_breaks_it_where_the_others_do(fonts, writer):
    for name, expected in EXPECTED.items():
        lines = WRITERS[writer](fonts, name)
        if len(lines) == 1:
            assert lines[0].replace("\u3000", "") == name
            continue
        assert expected is not None, f"{writer} broke {name}: {lines}"
        # a part too wide even for its own line may break again inside itself, never elsewhere
        assert lines[0] == expected[0] and "".join(lines[1:]) == expected[1], f"{writer}: {name} → {lines}"


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_breaks_the_longest_minority_names(fonts, writer):
    for name in ("买买提·阿卜杜热合曼", "努尔兰·阿不都热合曼·买买提", "阿卜杜热合曼・买买提"):
        assert len(WRITERS[writer](fonts, name)) >= 2, f"{writer} kept {name} on one line"


def test_the_four_writers_agree_on_every_name_they_break_in_two(fonts):
    for name in EXPECTED:
        splits = {tuple(lines) for lines in (w(fonts, name) for w in WRITERS.values()) if len(lines) == 2}
        assert len(splits) <= 1, f"{name} breaks differently: {splits}"


def test_split_two_balances_by_width_not_by_count(fonts):
    font = fonts.name("sans")
    assert split_two("Li Wenxiong", font) == ("Li", "Wenxiong")  # the one space, however unbalanced
    assert split_two("Anna Maria Schmidt", font) == ("Anna Maria", "Schmidt")
