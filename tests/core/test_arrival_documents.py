"""The passes (证件) read back with pdftotext: four badges a sheet per kind, the vehicle passes two a
sheet, numbering over the whole event, the kinds and delegation options, the CLI, names the font lacks."""

import subprocess

import pytest
from arrival_world import make_world

from rdplanner import planning, registry
from rdplanner.arrival.document_specs import DOCUMENTS
from rdplanner.arrival.documents import dates_text, export_passes, parse_kinds
from rdplanner.errors import InvalidInput
from rdplanner.exports.errors import ExportError
from rdplanner.exports.fonts import MissingGlyphsError
from rdplanner.exports.glyph_marks import GlyphMarks
from rdplanner.models import Person


@pytest.fixture
def world(session):
    return make_world(session)


def pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return ["".join(page.split()) for page in text.split("\f")[:-1]]


def test_every_kind_on_sheets_of_its_own(session, world, tmp_path):
    shown = pages(export_passes(session, event_id=world.event_id, path=tmp_path / "证件.pdf"))
    assert len(shown) == 4  # 代表证 (张三, 李四; 赵六 on leave), 列席证, 记者证, 车辆通行证 (2 cars)
    assert "代表证" in shown[0] and "张三" in shown[0] and "赵六" not in shown[0]
    assert "上城区代表团" in shown[0] and "座次大会堂3排12座" in shown[0] and "区域大会堂代表区" in shown[0]
    assert "No.D0001" in shown[0] and "No.D0002" in shown[0]
    assert "列席证" in shown[1] and "王五" in shown[1] and "市财政局" in shown[1] and "No.L0001" in shown[1]
    assert "记者证" in shown[2] and "董子思" in shown[2]
    assert "浙A·12345" in shown[3] and "浙A·67890" in shown[3] and "No.C0002" in shown[3]
    assert all("市第十七届人民代表大会第五次会议" in page and "2027年1月4日至6日" in page for page in shown)


def test_one_delegations_passes_keep_the_numbers_of_the_whole_set(session, world, tmp_path):
    path = export_passes(session, event_id=world.event_id, path=tmp_path / "a.pdf", delegation="西湖区代表团")
    shown = pages(path)
    assert len(shown) == 1 and "李四" in shown[0] and "No.D0002" in shown[0] and "张三" not in shown[0]


def test_the_kinds_option_and_its_cli_spelling(session, world, tmp_path):
    assert parse_kinds("media,车辆通行证") == ("media", "vehicle")
    with pytest.raises(InvalidInput) as caught:
        parse_kinds("guard")
    assert caught.value.params["field"] == "kinds"
    shown = pages(export_passes(session, event_id=world.event_id, path=tmp_path / "m.pdf", kinds=("media",)))
    assert len(shown) == 1 and "记者证" in shown[0]


def test_nothing_to_print_is_refused(session, world, tmp_path):
    with pytest.raises(ExportError, match="没有可印制的证件"):
        export_passes(session, event_id=world.event_id, path=tmp_path / "x.pdf", kinds=("staff",))


def test_a_name_the_font_lacks_is_refused_or_printed_marked(session, world, tmp_path):
    session.get(Person, 1).name = "张𠀀"
    session.commit()
    with pytest.raises(MissingGlyphsError, match="U\\+20000"):
        export_passes(session, event_id=world.event_id, path=tmp_path / "a.pdf")
    marks = GlyphMarks()
    shown = pages(export_passes(session, event_id=world.event_id, path=tmp_path / "b.pdf", marks=marks))
    assert "张〓" in shown[0] and marks.texts


def test_the_dates_as_printed():
    from datetime import date

    assert dates_text(date(2027, 1, 30), date(2027, 2, 2)) == "2027年1月30日至2月2日"
    assert dates_text(date(2027, 1, 3), date(2027, 1, 3)) == "2027年1月3日"
    assert dates_text(date(2026, 12, 30), date(2027, 1, 2)) == "2026年12月30日至2027年1月2日"


def test_the_registry_writes_the_passes_with_the_cli_options(session, world, tmp_path):
    assert registry.documents()["passes"] is DOCUMENTS[0]
    kinds = next(o for o in DOCUMENTS[0].options if o.key == "kinds")
    path = planning.write_document(session, kind="passes", event_id=world.event_id, path=tmp_path / "p.pdf",
                                   kinds=kinds.parse("vehicle"))
    assert len(pages(path)) == 1


def test_the_domain_copies_nothing_and_states_its_overview(session, world):
    arrival = registry.domain("arrival")
    assert arrival.copy is None
    assert [line.text for line in arrival.overview(session, world.event_id)] == ["报到 0/4 人"]


def test_the_passes_are_issued_by_the_office_named_in_the_settings(session, world, tmp_path):
    from rdplanner.office_settings import save_office_identity

    before = pages(export_passes(session, event_id=world.event_id, path=tmp_path / "a.pdf"))
    save_office_identity(session, name="杭州市人大常委会办公厅", officer="", phone="")
    after = pages(export_passes(session, event_id=world.event_id, path=tmp_path / "b.pdf"))
    assert all("市人大常委会办公室制" in page for page in before)
    assert all("杭州市人大常委会办公厅制" in page for page in after)
