"""Passes (证件) as print-shop PDF sheets: A4 portrait, trimmed by corner crop marks, with 2 mm bleed on
every colour band.

- Person passes (代表证, 列席证, 工作证, 记者证) are hanging badges of 90×120 mm (胸卡, portrait, a slot
  for the lanyard clip at the top), four to a sheet in a 2×2 grid: the event's name in the colour band,
  the pass's title in its colour, the name (fitted, name_fit), the delegation or unit, the seat or zone,
  and a lower band with the event's dates and the pass number.
- Vehicle passes (车辆通行证) are 180×120 mm (landscape, for the windscreen), two to a sheet: the event, the
  title, the plate set large, the car and its unit, the validity and where to show it.
Each kind starts a new sheet (the print shop may load other card stock per kind). The top margin has the
sheet's slug line (event, kind, numbers, page); the bottom margin the colour legend and the finished size.
Fonts: the bundled Noto Sans SC Bold (黑体), embedded.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from rdplanner.exports.cards_pdf import card_text
from rdplanner.exports.errors import ExportError
from rdplanner.exports.fonts import (
    GlyphMarks,
    holds_pdf_faces,
    marked_text,
    new_canvas,
    note_missing_glyphs,
    printable_text,
    register_pdf_fonts,
    settle_missing_glyphs,
    text_width,
)
from rdplanner.exports.name_fit import fit_name
from rdplanner.exports.xlsx import ExportCancelled, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

FAMILY = "sans"
CANCELLED = "已取消导出证件，未生成文件。"
GLYPH_ADVICE = "请在名册、车辆名录或活动名称中核对这些字（可改用规范字），然后重新导出证件。"
BADGE = (90 * mm, 120 * mm)
VEHICLE = (180 * mm, 120 * mm)
GUTTER, BLEED = 12 * mm, 2 * mm
MARK_GAP, MARK_LEN = 3 * mm, 2.5 * mm
INK = HexColor("#1A1A1A")
GREY = HexColor("#6B6B6B")


@dataclass(frozen=True)
class PersonPass:
    kind: str  # deputy, attendee, staff, media
    name: str
    group: str  # the delegation, else the unit
    place: str  # "大会堂 12排5座", or the zone
    number: str  # "D0001"


@dataclass(frozen=True)
class VehiclePass:
    plate: str  # as printed, "浙A·12345"
    vehicle: str  # "中型客车（19 座）"
    unit: str
    number: str


@dataclass(frozen=True)
class PassSet:
    """What every pass of the set prints: the event, its dates, the issuer, each kind's title and colour."""

    event_name: str
    dates: str  # "2027年1月3日至7日"
    issuer: str
    titles: Mapping[str, str]
    colours: Mapping[str, str]  # kind → "#RRGGBB"
    colour_names: Mapping[str, str]  # kind → 红 …
    validity: str = ""  # the vehicle pass's 有效期 (default: the dates)
    zone: str = "会场及驻地"  # where a vehicle pass lets the car in


@dataclass(frozen=True)
class _Grid:
    size: tuple[float, float]
    cols: int
    rows: int

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    def origin(self, slot: int) -> tuple[float, float]:
        """The lower-left corner of the slot (filled from the top left)."""
        w, h = self.size
        left = (A4[0] - self.cols * w - (self.cols - 1) * GUTTER) / 2
        bottom = (A4[1] - self.rows * h - (self.rows - 1) * GUTTER) / 2
        col, row = slot % self.cols, slot // self.cols
        return left + col * (w + GUTTER), bottom + (self.rows - 1 - row) * (h + GUTTER)


BADGE_GRID = _Grid(BADGE, 2, 2)
VEHICLE_GRID = _Grid(VEHICLE, 1, 2)


@holds_pdf_faces
def write_passes_pdf(path: str | os.PathLike[str], *, passes: PassSet, people: Sequence[PersonPass],
                     vehicles: Sequence[VehiclePass] = (), marks: GlyphMarks | None = None,
                     progress: Progress = no_progress, cancelled: IsCancelled = not_cancelled) -> Path:
    """Write the passes, the person passes by kind in the order given, then the vehicle passes.

    Raises:
        ExportError: nothing to print. MissingGlyphsError (before anything is written), ExportCancelled,
        FontError.
    """
    people = [_clean(p) for p in people]
    vehicles = [_clean(v) for v in vehicles]
    passes = replace(passes, event_name=printable_text(passes.event_name))
    if not people and not vehicles:
        raise ExportError("没有可印制的证件（所选范围内没有人员或车辆）。", path=os.fspath(path))
    if settle_missing_glyphs(_missing(passes, people, vehicles), marks, advice=GLYPH_ADVICE):
        people = [_clean(p, _mark) for p in people]
        vehicles = [_clean(v, _mark) for v in vehicles]
        passes = replace(passes, event_name=_mark(passes.event_name))
    bold = register_pdf_fonts().name(FAMILY, bold=True)
    fonts = (bold, bold)  # one face throughout: a pass is set bold, and a second face costs 0.2 s to load
    sheets = _sheets(people, vehicles)

    def render(stream: BinaryIO) -> None:
        c = new_canvas(stream, title=f"{passes.event_name}证件", subject="证件", pagesize=A4, pageCompression=1)
        for page, (kind, grid, items, first) in enumerate(sheets, 1):
            if cancelled():
                raise ExportCancelled(CANCELLED)
            _margins(c, passes, kind, first, len(items), page, len(sheets), grid, fonts)
            for slot, item in enumerate(items):
                x, y = grid.origin(slot)
                if kind == "vehicle":
                    _vehicle(c, item, passes, x, y, fonts)
                else:
                    _badge(c, item, passes, x, y, fonts)
                _crop_marks(c, x, y, *grid.size)
            c.showPage()
            progress(0.95 * page / len(sheets))
        c.save()

    result = run_atomic(path, render)
    progress(1.0)
    return result


def _sheets(people: Sequence[PersonPass], vehicles: Sequence[VehiclePass]):
    """(kind, grid, items, number of the first item) per sheet: each kind on sheets of its own."""
    sheets = []
    kinds = list(dict.fromkeys(p.kind for p in people))
    groups = [(kind, BADGE_GRID, [p for p in people if p.kind == kind]) for kind in kinds]
    if vehicles:
        groups.append(("vehicle", VEHICLE_GRID, list(vehicles)))
    for kind, grid, items in groups:
        for start in range(0, len(items), grid.per_sheet):
            sheets.append((kind, grid, items[start:start + grid.per_sheet], start + 1))
    return sheets


def _clean(item, change=printable_text):
    return replace(item, **{f.name: change(getattr(item, f.name)) for f in fields(item)})


def _mark(text: str) -> str:
    return marked_text(text, FAMILY, bold=True)


def _missing(passes: PassSet, people, vehicles) -> list[str]:
    found: list[str] = []
    note_missing_glyphs(found, "活动名称", passes.event_name, FAMILY, True)
    for p in people:
        for label, text in (("姓名", p.name), ("代表团或单位", p.group), ("座次", p.place)):
            note_missing_glyphs(found, label, text, FAMILY, True)
    for v in vehicles:
        note_missing_glyphs(found, "车辆单位", v.unit, FAMILY, True)
    return list(dict.fromkeys(found))


def _fitted(c: Canvas, text: str, font: str, cx: float, top: float, width: float, height: float,
            largest: float, colour=INK) -> None:
    """``text`` fitted (name_fit) into the box whose top centre is (cx, top), centred on one or two lines."""
    if not text:
        return
    fit = _fit(text, font, width, height, largest)
    pitch = fit.size * 1.15
    block = pitch * len(fit.lines)
    baseline = top - (height - block) / 2 - fit.size * 0.88
    c.setFillColor(colour)
    c.setFont(font, fit.size)
    for line in fit.lines:
        c.drawCentredString(cx, baseline, line)
        baseline -= pitch


@lru_cache(maxsize=4096)
def _fit(text: str, font: str, width: float, height: float, largest: float):
    return fit_name(text, font, width, height, largest=largest)


def _band(c: Canvas, colour, x: float, y: float, w: float, h: float, *, bleed_down: bool = False,
          bleed_up: bool = False) -> None:
    """A colour band across the pass, bleeding 2 mm past the trim at the sides (and below or above)."""
    c.setFillColor(colour)
    low = y - (BLEED if bleed_down else 0)
    high = y + h + (BLEED if bleed_up else 0)
    c.rect(x - BLEED, low, w + 2 * BLEED, high - low, stroke=0, fill=1)


def _badge(c: Canvas, p: PersonPass, passes: PassSet, x: float, y: float, fonts: tuple[str, str]) -> None:
    regular, bold = fonts
    w, h = BADGE
    cx, top = x + w / 2, y + h
    colour = HexColor(passes.colours[p.kind])
    c.setStrokeColor(GREY)  # the slot for the lanyard clip
    c.setLineWidth(0.5)
    c.roundRect(cx - 7 * mm, top - 6.5 * mm, 14 * mm, 3.2 * mm, 1.6 * mm, stroke=1, fill=0)
    _band(c, colour, x, top - 31 * mm, w, 22 * mm)
    _fitted(c, passes.event_name, bold, cx, top - 11 * mm, w - 10 * mm, 18 * mm, 13, white)
    title = passes.titles[p.kind]
    c.setFillColor(colour)
    c.setFont(bold, 26)
    c.drawCentredString(cx, top - 45 * mm, "\u3000".join(title) if len(title) <= 3 else title)
    c.setStrokeColor(colour)
    c.setLineWidth(0.8)
    c.line(x + 12 * mm, top - 50 * mm, x + w - 12 * mm, top - 50 * mm)
    _fitted(c, card_text(p.name), bold, cx, top - 55 * mm, w - 12 * mm, 19 * mm, 32)
    _fitted(c, p.group, regular, cx, top - 77 * mm, w - 12 * mm, 9 * mm, 12.5)
    if p.place:
        _fitted(c, f"座次　{p.place}" if "排" in p.place else f"区域　{p.place}", regular, cx,
                top - 88 * mm, w - 14 * mm, 7 * mm, 10.5, GREY)
    _band(c, colour, x, y, w, 16 * mm, bleed_down=True)
    c.setFillColor(white)
    c.setFont(bold, 10)
    c.drawCentredString(cx, y + 9 * mm, passes.dates)
    c.setFont(regular, 7)
    c.drawString(x + 5 * mm, y + 3.6 * mm, f"{passes.issuer}制")
    c.drawRightString(x + w - 5 * mm, y + 3.6 * mm, f"No. {p.number}")


def _vehicle(c: Canvas, v: VehiclePass, passes: PassSet, x: float, y: float, fonts: tuple[str, str]) -> None:
    regular, bold = fonts
    w, h = VEHICLE
    cx, top = x + w / 2, y + h
    colour = HexColor(passes.colours["vehicle"])
    _band(c, colour, x, top - 22 * mm, w, 22 * mm, bleed_up=True)
    _fitted(c, passes.event_name, bold, cx, top - 3 * mm, w - 20 * mm, 16 * mm, 18, white)
    c.setFillColor(colour)
    c.setFont(bold, 30)
    c.drawCentredString(cx, top - 36 * mm, "\u2002".join(passes.titles["vehicle"]))
    c.setStrokeColor(INK)
    c.setLineWidth(1.2)
    c.roundRect(x + 25 * mm, top - 74 * mm, w - 50 * mm, 32 * mm, 3 * mm, stroke=1, fill=0)
    _fitted(c, v.plate, bold, cx, top - 45 * mm, w - 60 * mm, 26 * mm, 66)
    c.setFillColor(INK)
    c.setFont(regular, 11)
    parts = (f"车辆：{v.vehicle}" if v.vehicle else "", f"单位：{v.unit}" if v.unit else "")
    line = "　".join(t for t in parts if t)
    if line and text_width(line, regular) * 11 > w - 20 * mm:
        c.setFont(regular, 11 * (w - 20 * mm) / (text_width(line, regular) * 11))
    c.drawCentredString(cx, top - 82 * mm, line)
    c.setFont(regular, 11)
    c.drawCentredString(cx, top - 89 * mm, f"有效期：{passes.validity or passes.dates}　通行区域：{passes.zone}")
    _band(c, colour, x, y, w, 15 * mm, bleed_down=True)
    c.setFillColor(white)
    c.setFont(bold, 10.5)
    c.drawCentredString(cx, y + 8.6 * mm, "请置于前挡风玻璃右下方，凭证通行，服从现场指挥")
    c.setFont(regular, 7.5)
    c.drawString(x + 5 * mm, y + 3.4 * mm, f"{passes.issuer}制")
    c.drawRightString(x + w - 5 * mm, y + 3.4 * mm, f"No. {v.number}")


def _crop_marks(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    """Corner crop marks outside the bleed: two short hairlines at each corner, in line with the trim."""
    c.setStrokeColor(INK)
    c.setLineWidth(0.25)
    for cx, sx in ((x, -1), (x + w, 1)):
        for cy, sy in ((y, -1), (y + h, 1)):
            c.line(cx + sx * MARK_GAP, cy, cx + sx * (MARK_GAP + MARK_LEN), cy)
            c.line(cx, cy + sy * MARK_GAP, cx, cy + sy * (MARK_GAP + MARK_LEN))


def _margins(c: Canvas, passes: PassSet, kind: str, first: int, count: int, page: int, pages: int,
             grid: _Grid, fonts: tuple[str, str]) -> None:
    """The slug line above the grid and the colour legend below it."""
    regular, bold = fonts
    c.setFillColor(GREY)
    c.setFont(regular, 7.5)
    numbers = f"第 {first} 张" if count == 1 else f"第 {first}—{first + count - 1} 张"
    c.drawString(12 * mm, A4[1] - 10 * mm, f"{passes.event_name}　{passes.titles[kind]}　{numbers}")
    c.drawRightString(A4[0] - 12 * mm, A4[1] - 10 * mm, f"第 {page} 页，共 {pages} 页")
    size = f"{grid.size[0] / mm:.0f}×{grid.size[1] / mm:.0f} 毫米"
    c.drawString(12 * mm, 13.5 * mm, f"成品尺寸 {size}，四边各出血 2 毫米，沿四角裁切标记裁切。")
    c.drawString(12 * mm, 9 * mm, "色带：")
    at = 12 * mm + text_width("色带：", regular) * 7.5
    for code, title in passes.titles.items():
        c.setFillColor(HexColor(passes.colours[code]))
        c.rect(at, 8.6 * mm, 3 * mm, 2.4 * mm, stroke=0, fill=1)
        c.setFillColor(GREY)
        label = f"{title}（{passes.colour_names[code]}）"
        c.drawString(at + 4 * mm, 9 * mm, label)
        at += 4 * mm + text_width(label, regular) * 7.5 + 3 * mm
