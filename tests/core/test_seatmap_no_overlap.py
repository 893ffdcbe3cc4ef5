"""The seat map's legend, totals, header and hall never overlap, on every paper the export offers and with
many zones: the positions the PDF is drawn at are recorded and their boxes compared."""

from itertools import combinations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from rdplanner.exports import seatmap_pdf
from rdplanner.exports.seatmap_pdf import SeatBox, write_seatmap_pdf
from rdplanner.seating.layouts import Block, auditorium

DEMO_ZONES = {"rostrum": "主席台", "members": "组成人员", "attendee": "列席", "observer": "旁听",
              "staff": "工作人员", "media": "媒体"}
MANY_ZONES = {f"zone{n}": f"第{n}区域（分会场）" for n in range(1, 15)}
DESCENT, ASCENT = 0.12, 0.88  # of the type size, below and above the baseline (Noto Sans SC)


class Recorder:
    """Wraps a reportlab canvas and records, per page, the box of everything drawn and which part of the
    sheet drew it (footer, header, seat, rostrum, tile)."""

    def __init__(self) -> None:
        self.pages: list[list[tuple[str, tuple[float, float, float, float], str]]] = [[]]
        self.phase = "other"
        self.page_size = (0.0, 0.0)

    def wrap(self, canvas):
        self.page_size = canvas._pagesize
        recorder = self

        def text(kind):
            original = getattr(canvas, kind)

            def draw(x, y, text, *args, **kwargs):
                width = stringWidth(text, canvas._fontname, canvas._fontsize)
                left = {"drawString": x, "drawCentredString": x - width / 2,
                        "drawRightString": x - width}[kind]
                size = canvas._fontsize
                recorder.add((left, y - DESCENT * size, left + width, y + ASCENT * size), text)
                return original(x, y, text, *args, **kwargs)
            return draw

        def box(kind):
            original = getattr(canvas, kind)

            def draw(x, y, w, h, *args, **kwargs):
                recorder.add((min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)), kind)
                return original(x, y, w, h, *args, **kwargs)
            return draw

        show_page = canvas.showPage

        def next_page():
            recorder.pages.append([])
            return show_page()

        for kind in ("drawString", "drawCentredString", "drawRightString"):
            setattr(canvas, kind, text(kind))
        for kind in ("rect", "roundRect"):
            setattr(canvas, kind, box(kind))
        canvas.showPage = next_page
        return canvas

    def add(self, rect, what) -> None:
        if self.phase != "clip":
            self.pages[-1].append((self.phase, rect, what))


@pytest.fixture
def recorder(monkeypatch):
    recorder = Recorder()
    original = seatmap_pdf.new_canvas
    monkeypatch.setattr(seatmap_pdf, "new_canvas", lambda *a, **k: recorder.wrap(original(*a, **k)))
    for method, phase in (("_legend", "footer"), ("_header", "header"), ("_seat", "seat"),
                          ("_rostrum", "rostrum"), ("_tile_outline", "tile"), ("_table", "table")):
        drawn = getattr(seatmap_pdf._Sheet, method)

        def phased(self, *args, _drawn=drawn, _phase=phase, **kwargs):
            recorder.phase = _phase
            try:
                return _drawn(self, *args, **kwargs)
            finally:
                recorder.phase = "other"
        monkeypatch.setattr(seatmap_pdf._Sheet, method, phased)
    return recorder


def hall(zones: list[str], per_zone_rows: int = 2) -> list[SeatBox]:
    blocks = [Block(zone, per_zone_rows, (6, 8, 6)) for zone in zones]
    specs = auditorium(rostrum_rows=(9,), blocks=blocks)
    return [SeatBox(s.label, s.zone, s.x, s.y, "" if i % 7 == 6 else "王建国") for i, s in enumerate(specs)]


def intersects(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def check_page(drawn, page_size) -> None:
    footer = [(rect, what) for phase, rect, what in drawn if phase == "footer"]
    others = [(phase, rect, what) for phase, rect, what in drawn if phase not in ("footer", "other")]
    assert footer, "the legend and totals are drawn"
    for (a, what_a), (b, what_b) in combinations(footer, 2):
        assert not intersects(a, b), f"“{what_a}” overlaps “{what_b}”"
    for rect, what in footer:
        assert 0 <= rect[0] and rect[2] <= page_size[0] and 0 <= rect[1], f"“{what}” runs off the sheet"
        for phase, other, other_what in others:
            assert not intersects(rect, other), f"“{what}” overlaps the {phase} “{other_what}”"
    header = [(rect, what) for phase, rect, what in drawn if phase == "header"]
    for (a, what_a), (b, what_b) in combinations(header, 2):
        if what_a in ("rect",) or what_b in ("rect",):
            continue  # the viewpoint frame contains its own texts
        assert not intersects(a, b), f"header “{what_a}” overlaps “{what_b}”"


PAPERS = [("A4", True), ("A4", False), ("A3", True), ("A3", False)]


@pytest.mark.parametrize("page, landscape", PAPERS)
@pytest.mark.parametrize("labels", [DEMO_ZONES, MANY_ZONES], ids=["demo zones", "14 zones"])
def test_seat_map_footer_overlaps_nothing(tmp_path, recorder, page, landscape, labels):
    zones = [z for z in labels if z != "rostrum"]
    write_seatmap_pdf(tmp_path / "座次图.pdf", title="市第十七届人大常委会第二十三次会议座次图",
                      date_text="2026年12月3日上午9:00", venue="市人大常委会会议厅", seats=hall(zones),
                      page=page, landscape=landscape, zone_labels=labels)

    pages = [p for p in recorder.pages if p]
    assert len(pages) == 1
    check_page(pages[0], recorder.page_size)


@pytest.mark.parametrize("page, landscape", PAPERS)
def test_tiled_seat_map_pages_overlap_nothing(tmp_path, recorder, page, landscape):
    zones = [z for z in DEMO_ZONES if z != "rostrum"]
    write_seatmap_pdf(tmp_path / "座次图.pdf", title="市第十七届人民代表大会第五次会议座次图",
                      date_text="2027年1月10日", venue="市人民大会堂", seats=hall(zones, 4), page=page,
                      landscape=landscape, zone_labels=DEMO_ZONES, tiles=(2, 2), viewpoint="stage")

    pages = [p for p in recorder.pages if p]
    assert len(pages) == 5
    for drawn in pages:
        check_page(drawn, recorder.page_size)
