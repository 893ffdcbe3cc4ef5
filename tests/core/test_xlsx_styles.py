"""The table styles of the xlsx writers: shared per workbook, and what a spreadsheet program shows."""

from openpyxl import load_workbook
from openpyxl.styles import fonts as openpyxl_fonts

from rdplanner.exports import xlsx
from rdplanner.exports.roster_xlsx import RosterLine, write_roster_xlsx


def roster(path, count: int):
    lines = [RosterLine(name=f"张{n}", gender="男", ethnicity="汉族", unit_post="某某单位主任")
             for n in range(count)]
    return write_roster_xlsx(path, event_title="测试会议", groups=[("", lines)])


def test_style_body_shares_its_fonts_instead_of_building_one_per_cell(tmp_path, monkeypatch):
    built = []
    original = openpyxl_fonts.Font.__init__

    def counting_init(self, *args, **kwargs):
        built.append(kwargs.get("name"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(openpyxl_fonts.Font, "__init__", counting_init)
    xlsx._font.cache_clear()

    roster(tmp_path / "roster.xlsx", 300)  # 2,700 body cells

    assert len(built) < 20


def test_shared_styles_still_give_each_cell_its_font_alignment_and_border(tmp_path):
    sheet = load_workbook(roster(tmp_path / "roster.xlsx", 3)).active
    header, first = sheet[3], sheet[4]

    assert [(c.font.name, c.font.bold, c.font.size) for c in header[:2]] == [("宋体", True, 11)] * 2
    assert header[0].fill.fgColor.rgb.endswith("D9D9D9")
    assert [(c.font.name, c.font.bold) for c in first[:2]] == [("宋体", False)] * 2
    assert [c.alignment.horizontal for c in first] == [
        "center", "left", "center", "center", "left", "left", "center", "center", "left"]
    assert all(c.alignment.wrap_text and c.border.left.style == "thin" for c in first)
    assert all(c.data_type == "s" for c in first[1:5])


def test_two_workbooks_written_one_after_the_other_each_get_the_styles(tmp_path):
    roster(tmp_path / "first.xlsx", 2)
    sheet = load_workbook(roster(tmp_path / "second.xlsx", 2)).active

    assert sheet["B4"].border.bottom.style == "thin" and sheet["A4"].alignment.horizontal == "center"
