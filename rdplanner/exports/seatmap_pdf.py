"""The seat map (座次图) as a one-page PDF, A4 or A3, scaled so the whole hall fits the sheet.

Seats arrive as plain data (SeatBox) in hall coordinates (rdplanner.seating.layouts): x in seat widths
growing to the audience's right, y growing away from the rostrum, rostrum rows at negative y.

Drawing orientation (DOMAIN §2: flipping the viewpoint reverses each row, never who sits where):

- ``viewpoint="audience"`` (面向主席台): the sheet is what a person in the hall sees, facing the rostrum.
  The rostrum is at the top of the sheet, x as given (the audience's left on the left).
- ``viewpoint="stage"`` (主席台视角): the sheet is what a person on the rostrum sees, facing the hall.
  The drawing is the audience view turned by 180°: x negated (each row reversed) and the rostrum at the
  BOTTOM of the sheet, nearest the reader, the hall stretching away up the page. An officer on the
  rostrum holding the sheet therefore sees every seat where it really is.

Both viewpoints are printed in large type in the header and beside the rostrum, so a chart can never be
read the wrong way round. Names use the bundled Noto Sans SC (legible when small); every text is checked
for glyphs the font lacks before anything is written.

A large hall can also be printed across several sheets (``tiles=(columns, rows)``): page 1 is the whole
hall with the tiles outlined and numbered (分图1…), then one page per tile at a larger scale, each
repeating ``overlap`` seat widths of its neighbours and showing only whole seats, so every seat appears
whole on at least one tile.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.pagesizes import landscape as landscape_size
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from rdplanner.exports.fonts import (  # noqa: F401  (MissingGlyphsError: re-exported)
    GlyphMarks,
    MissingGlyphsError,
    holds_pdf_faces,
    marked_text,
    missing_glyphs,
    new_canvas,
    note_missing_glyphs,
    printable_text,
    raise_missing_glyphs,
    register_pdf_fonts,
    settle_missing_glyphs,
)
from rdplanner.exports.name_fit import LEADING
from rdplanner.exports.seatmap_footer import Footer, LegendItem, layout_footer
from rdplanner.exports.seatmap_layout import (  # noqa: F401  (the layout API: re-exported)
    BOX_H,
    BOX_W,
    NAME_AREA,
    ROSTRUM_ZONE,
    VIEWPOINTS,
    Extent,
    MapLayout,
    NameFit,
    Placed,
    SeatBox,
    check_viewpoint,
    fit_name,
    hall_extent,
    layout_seatmap,
    sheet_positions,
    tile_windows,
)
from rdplanner.exports.shapes import TableShape  # a table to draw: kind, centre, size, label
from rdplanner.exports.xlsx import ExportCancelled, run_atomic
from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

FAMILY = "sans"
CANCELLED = "已取消导出座次图，未生成文件。"
GLYPH_ADVICE = "请在名册中核对这些字（可改用规范字），然后重新导出座次图。"
VIEW_HINTS = {"stage": "（从主席台看向会场，主席台在下方）", "audience": "（从会场看向主席台，主席台在上方）"}
PAGES = {"A4": A4, "A3": A3}
ROSTRUM_LABEL = "主席台"
MARGIN = 10 * mm
HEADER_H = 20 * mm
# light tints that print well in black and white too; the rostrum keeps a warm red
ROSTRUM_TINT = (0.99, 0.86, 0.84)
TINTS = ((0.85, 0.91, 0.98), (0.87, 0.95, 0.86), (0.99, 0.94, 0.80), (0.92, 0.88, 0.97),
         (0.86, 0.95, 0.95), (0.97, 0.89, 0.93), (0.93, 0.93, 0.88), (0.90, 0.90, 0.90))


@dataclass(frozen=True)
class _Page:
    layout: MapLayout
    caption: str  # "" for a single sheet; "总图" or "分图 k / n（…）" when tiled
    grid: Sequence[tuple[str, tuple[float, float, float, float]]] = ()  # overview: tile labels and rects


@holds_pdf_faces
def write_seatmap_pdf(
    path: str | os.PathLike[str],
    *,
    title: str,
    date_text: str,
    venue: str,
    seats: Sequence[SeatBox],
    viewpoint: str = "audience",
    page: str = "A4",
    landscape: bool = True,
    zone_labels: Mapping[str, str] | None = None,
    tiles: tuple[int, int] | None = None,
    overlap: float = 1.5,
    tables: Sequence[TableShape] = (),
    rostrum_label: str = ROSTRUM_LABEL,
    view_text: tuple[str, str] | None = None,
    marks: GlyphMarks | None = None,
    progress: Progress = no_progress,
    cancelled: IsCancelled = not_cancelled,
) -> Path:
    """Write the seat map and return its path: one page, or an overview page and tiles.

    Args:
        path: the .pdf file to write (replaced atomically; nothing is left on failure or cancel).
        title: the chart's title, e.g. "市第十七届人大常委会第二十三次会议座次图".
        date_text, venue: printed under the title.
        seats: every seat, in any order; a blank name is an empty seat (drawn dashed and pale).
        viewpoint: "audience" (面向主席台, rostrum at the top) or "stage" (主席台视角, mirrored, rostrum at
            the bottom); see the module notes.
        page: "A4" or "A3"; landscape: across the sheet (the default) or upright.
        zone_labels: the printed name of each zone key for the legend (a key without one prints as is).
        tiles: (columns, rows) to print a large hall across several sheets at a larger scale: page 1 is
            the whole hall with the tiles outlined and numbered, then one page per tile, left to right and
            top to bottom as on the sheet. None or (1, 1): one page.
        overlap: seat widths each tile repeats of its neighbours along every cut.
        tables: tables to draw under the seats (boardroom, banquet, the rostrum desk).
        rostrum_label: the name of the head zone's band, "主席台" in a hall, "主桌" at a banquet.
        view_text: (badge, hint) replacing the viewpoint badge, for table layouts drawn door-side down.
        marks: print each character the font lacks as 〓 and record the texts in ``marks``; None (the
            default) refuses such texts.
        progress: called with 0..1; cancelled: polled while drawing, True stops with ExportCancelled.

    Raises:
        MissingGlyphsError: a name or text has characters the font lacks and ``marks`` is None (raised
            before anything is written).
        ValueError: unknown viewpoint or page, bad tiles. ExportCancelled, ExportError, FontError.
    """
    check_viewpoint(viewpoint)
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}; expected one of {tuple(PAGES)}")
    cols, rows = tiles or (1, 1)
    if cols < 1 or rows < 1 or cols * rows > 64:
        raise ValueError(f"tiles must be (columns, rows), each at least 1, at most 64 sheets; got {tiles!r}")
    labels = dict(zone_labels or {})
    labels.setdefault(ROSTRUM_ZONE, rostrum_label)
    zones = list(dict.fromkeys(s.zone for s in seats))
    found = _missing_texts(title, date_text, venue, seats, [labels.get(z, z) for z in zones]
                           + [rostrum_label, *(view_text or ()), *(t.label for t in tables)])
    if settle_missing_glyphs(found, marks, advice=GLYPH_ADVICE):  # the officer chose 仍然导出: mark them
        title, date_text, venue = _marked(title), _marked(date_text), _marked(venue)
        rostrum_label = _marked(rostrum_label)
        seats = [replace(s, name=_marked(s.name, bold=True), label=_marked(s.label)) for s in seats]
        labels = {z: _marked(labels.get(z, z)) for z in (*labels, *zones)}
        view_text = (_marked(view_text[0]), _marked(view_text[1])) if view_text else None
        tables = [replace(t, label=_marked(t.label)) for t in tables]
    fonts = register_pdf_fonts()
    font, bold = fonts.name(FAMILY), fonts.name(FAMILY, bold=True)
    size = landscape_size(PAGES[page]) if landscape else PAGES[page]
    tints = _zone_tints(zones)
    legend = [LegendItem(printable_text(labels.get(z, z)), tints[z]) for z in zones]
    legend.append(LegendItem("空座", (1.0, 1.0, 1.0), dashed=True))
    filled = sum(1 for s in seats if printable_text(s.name))
    badge = (view_text or (VIEWPOINTS[viewpoint],))[0]
    sheets = cols * rows + 1 if cols * rows > 1 else 1
    footers = [layout_footer(legend, _summary(len(seats), filled, badge, n, sheets), left=MARGIN,
                             right=size[0] - MARGIN, bottom=MARGIN, font=font, bold=bold)
               for n in range(1, sheets + 1)]
    footer_h = max(f.height for f in footers)
    area = (MARGIN, MARGIN + footer_h, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - HEADER_H - footer_h)
    whole = layout_seatmap(seats, viewpoint=viewpoint, area=area, font=bold, tables=tables)
    pages = [_Page(whole, "")]
    if cols * rows > 1:
        extent, _band = hall_extent(seats, viewpoint, tables)
        windows = tile_windows(extent, cols, rows, overlap)
        grid = []
        for k, (core, window) in enumerate(windows, 1):
            x0, y0 = whole.to_page(core[0], core[3])
            x1, y1 = whole.to_page(core[2], core[1])
            grid.append((f"分图{k}", (x0, y0, x1 - x0, y1 - y0)))
            r, c = divmod(k - 1, cols)
            caption = f"分图 {k} / {len(windows)}（上起第 {r + 1} 行、左起第 {c + 1} 列）"
            tile = layout_seatmap(seats, viewpoint=viewpoint, area=area, font=bold, window=window,
                                  tables=tables)
            pages.append(_Page(tile, caption))
        pages[0] = _Page(whole, f"总图（共 {len(windows)} 张分图）", grid)
    progress(0.2)
    sheet = _Sheet(size, font, bold, printable_text(title), printable_text(date_text), printable_text(venue),
                   viewpoint, tints)
    sheet.rostrum_label = rostrum_label
    sheet.view = view_text or (VIEWPOINTS[viewpoint], VIEW_HINTS[viewpoint])

    def write(stream: BinaryIO) -> None:
        sheet.render(stream, pages, footers, progress, cancelled)

    result = run_atomic(path, write)
    progress(1.0)
    return result


class _Sheet:
    def __init__(self, size: tuple[float, float], font: str, bold: str, title: str, date_text: str,
                 venue: str, viewpoint: str, tints: Mapping[str, tuple[float, float, float]]) -> None:
        self.size, self.font, self.bold = size, font, bold
        self.title, self.date_text, self.venue, self.viewpoint = title, date_text, venue, viewpoint
        self.tints = tints
        self.rostrum_label = ROSTRUM_LABEL
        self.view = (VIEWPOINTS[viewpoint], VIEW_HINTS[viewpoint])

    def render(self, stream: BinaryIO, pages: Sequence[_Page], footers: Sequence[Footer],
               progress: Progress, cancelled: IsCancelled) -> None:
        c = new_canvas(stream, title=self.title, subject=f"座次图（{self.view[0]}）", pagesize=self.size,
                       pageCompression=1)
        total = sum(len(p.layout.placed) for p in pages) or 1
        done = 0
        for number, page in enumerate(pages, 1):
            self._header(c, page.caption)
            c.saveState()
            clip = c.beginPath()
            clip.rect(*page.layout.clip)
            c.clipPath(clip, stroke=0, fill=0)
            if page.layout.band:
                self._rostrum(c, page.layout.band)
            for table in page.layout.tables:  # over the rostrum band: the head table sits inside it
                self._table(c, page.layout, table)
            for n, seat in enumerate(page.layout.placed):
                if n % 50 == 0:
                    if cancelled():
                        raise ExportCancelled(CANCELLED)
                    progress(0.2 + 0.7 * (done + n) / total)
                self._seat(c, seat)
            c.restoreState()
            done += len(page.layout.placed)
            for label, rect in page.grid:
                self._tile_outline(c, label, rect)
            self._legend(c, footers[number - 1])
            c.showPage()
        if cancelled():
            raise ExportCancelled(CANCELLED)
        c.save()

    def _tile_outline(self, c: Canvas, label: str, rect: tuple[float, float, float, float]) -> None:
        x, y, w, h = rect
        c.setStrokeColorRGB(0.1, 0.3, 0.75)
        c.setLineWidth(1.2)
        c.setDash(6, 3)
        c.rect(x, y, w, h, stroke=1, fill=0)
        c.setDash()
        size = max(8.0, min(16.0, h * 0.1))
        # in the corner away from the rostrum (bottom for the audience view, top for the stage view)
        low = y + 2 if self.viewpoint == "audience" else y + h - size * 1.3 - 2
        c.setFont(self.bold, size)
        c.saveState()
        c.setFillColorRGB(1, 1, 1)
        c.setFillAlpha(0.8)
        c.rect(x + 2, low, stringWidth(label, self.bold, size) + 6, size * 1.3, stroke=0, fill=1)
        c.restoreState()
        c.setFillColorRGB(0.1, 0.3, 0.75)
        c.drawString(x + 5, low + size * 0.3, label)
        c.setFillGray(0)
        c.setStrokeGray(0)

    def _header(self, c: Canvas, caption: str) -> None:
        width, height = self.size
        top = height - MARGIN
        view, hint = self.view
        # the viewpoint: a framed block at the top right, in large bold type
        vsize = 15.0
        view_w = stringWidth(view, self.bold, vsize) + 8 * mm
        hint_size = 7.5
        view_w = max(view_w, stringWidth(hint, self.font, hint_size) + 4 * mm)
        c.setLineWidth(1.2)
        c.setStrokeColorRGB(0.6, 0.05, 0.05)
        c.rect(width - MARGIN - view_w, top - 14 * mm, view_w, 14 * mm, stroke=1, fill=0)
        c.setFillColorRGB(0.6, 0.05, 0.05)
        c.setFont(self.bold, vsize)
        c.drawCentredString(width - MARGIN - view_w / 2, top - 7.2 * mm, view)
        c.setFont(self.font, hint_size)
        c.drawCentredString(width - MARGIN - view_w / 2, top - 11.8 * mm, hint)
        c.setFillGray(0)
        c.setStrokeGray(0)
        # the title, centred on the page but kept clear of the viewpoint block
        room = width - 2 * (MARGIN + view_w + 4 * mm)
        tsize = 18.0
        while tsize > 9 and stringWidth(self.title, self.bold, tsize) > room:
            tsize -= 0.5
        c.setFont(self.bold, tsize)
        c.drawCentredString(width / 2, top - 7 * mm, self.title)
        parts = [t for t in (f"时间：{self.date_text}" if self.date_text else "",
                             f"地点：{self.venue}" if self.venue else "", caption) if t]
        info = "　　".join(parts)
        if info and stringWidth(info, self.font, 7) > room and len(parts) > 1:
            # too long beside the viewpoint block: the last part goes on a line below it, full width
            self._centred(c, "　　".join(parts[:-1]), top - 13.5 * mm, room)
            self._centred(c, parts[-1], top - 18.3 * mm, width - 2 * MARGIN, largest=9.0)
        elif info:
            self._centred(c, info, top - 13.5 * mm, room)

    def _centred(self, c: Canvas, text: str, baseline: float, room: float, largest: float = 10.5) -> None:
        """Draw ``text`` centred on the sheet at the largest size ≤ ``largest`` (at least 7 pt) that fits."""
        size = largest
        while size > 7 and stringWidth(text, self.font, size) > room:
            size -= 0.5
        c.setFont(self.font, size)
        c.drawCentredString(self.size[0] / 2, baseline, text)

    def _rostrum(self, c: Canvas, band: tuple[float, float, float, float]) -> None:
        x, y, w, h = band
        c.setFillColorRGB(0.97, 0.93, 0.90)
        c.setStrokeColorRGB(0.6, 0.05, 0.05)
        c.setLineWidth(1)
        c.roundRect(x, y, w, h, min(4 * mm, h / 6), stroke=1, fill=1)
        unit_h = h  # the label strip is on the far side of the band: top (audience) or bottom (stage)
        size = max(7.0, min(16.0, unit_h * 0.2))
        c.setFillColorRGB(0.6, 0.05, 0.05)
        c.setFont(self.bold, size)
        text = self.rostrum_label
        if self.viewpoint == "audience":
            c.drawCentredString(x + w / 2, y + h - size * 1.15, text)
        else:
            c.drawCentredString(x + w / 2, y + size * 0.45, text)
        c.setFillGray(0)
        c.setStrokeGray(0)

    def _table(self, c: Canvas, layout: MapLayout, table: TableShape) -> None:
        sign = 1.0 if self.viewpoint == "audience" else -1.0
        cx, cy = layout.to_page(sign * table.x, sign * table.y)
        w, h = table.w * layout.unit, table.h * layout.unit
        c.setLineWidth(0.8)
        c.setStrokeColorRGB(0.55, 0.43, 0.39)
        if table.hollow:
            c.setFillColorRGB(1, 1, 1)
        else:
            c.setFillColorRGB(0.94, 0.90, 0.85)
        if table.kind == "circle":
            c.ellipse(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, stroke=1, fill=1)
        else:
            c.rect(cx - w / 2, cy - h / 2, w, h, stroke=1, fill=1)
        if table.label:
            size = max(6.0, min(14.0, min(w, h) * 0.18))
            c.setFillColorRGB(0.45, 0.35, 0.3)
            c.setFont(self.bold, size)
            c.drawCentredString(cx, cy - size * 0.35, table.label)
        c.setFillGray(0)
        c.setStrokeGray(0)

    def _seat(self, c: Canvas, p: Placed) -> None:
        radius = min(p.w, p.h) * 0.14
        empty = not p.name.lines
        if empty:
            c.setFillGray(1)
            c.setStrokeGray(0.55)
            c.setDash(max(1.0, p.w / 12), max(1.0, p.w / 16))
            c.setLineWidth(max(0.3, min(0.8, p.w / 40)))
            c.roundRect(p.x, p.y, p.w, p.h, radius, stroke=1, fill=1)
            c.setDash()
        else:
            c.setFillColorRGB(*self.tints[p.seat.zone])
            c.setStrokeGray(0.35)
            c.setLineWidth(max(0.3, min(0.8, p.w / 40)))
            c.roundRect(p.x, p.y, p.w, p.h, radius, stroke=1, fill=1)
            fit = p.name
            c.setFillGray(0)
            c.setFont(self.bold, fit.size)
            area_top = p.y + p.h - p.h * 0.04
            area_h = p.h * NAME_AREA
            block = len(fit.lines) * fit.size * LEADING
            top = area_top - (area_h - block) / 2
            for n, line in enumerate(fit.lines):
                lead = fit.size * LEADING
                baseline = top - n * lead - (lead - fit.size) / 2 - 0.88 * fit.size
                c.drawCentredString(p.x + p.w / 2, baseline, line)
        label = printable_text(p.seat.label)
        if label:
            c.setFillGray(0.55 if empty else 0.3)
            c.setFont(self.font, p.label_size)
            c.drawCentredString(p.x + p.w / 2, p.y + p.h * 0.08, label)
        c.setFillGray(0)
        c.setStrokeGray(0)

    def _legend(self, c: Canvas, footer: Footer) -> None:
        c.setLineWidth(0.5)
        for swatch in footer.swatches:
            c.setFillColorRGB(*swatch.tint)
            c.setStrokeGray(0.55 if swatch.dashed else 0.35)
            if swatch.dashed:
                c.setDash(1.5, 1)
            c.roundRect(swatch.x, swatch.y, swatch.w, swatch.h, 0.8 * mm, stroke=1, fill=1)
            c.setDash()
        c.setFillGray(0)
        for text in footer.texts:
            c.setFont(text.font, text.size)
            c.drawString(text.x, text.y, text.text)
        c.setStrokeGray(0)


def _summary(total: int, filled: int, badge: str, number: int, pages: int) -> str:
    """Return the totals line of page ``number`` of ``pages``."""
    summary = f"共 {total} 座，已排 {filled} 人，空 {total - filled} 座　　{badge}"
    return summary + (f"　　第 {number} 页 共 {pages} 页" if pages > 1 else "")


def _zone_tints(zones: Sequence[str]) -> dict[str, tuple[float, float, float]]:
    tints, n = {}, 0
    for zone in zones:
        if zone == ROSTRUM_ZONE:
            tints[zone] = ROSTRUM_TINT
        else:
            tints[zone] = TINTS[n % len(TINTS)]
            n += 1
    return tints


def _missing_texts(title: str, date_text: str, venue: str, seats: Sequence[SeatBox],
                   zone_names: Sequence[str]) -> list[str]:
    """Return every name (first) and text that would print a blank box, with the characters it lacks."""
    found: list[str] = []
    for name in dict.fromkeys(printable_text(s.name) for s in seats):
        _note(found, "姓名", name)
    for label, text in (("标题", title), ("时间", date_text), ("地点", venue)):
        _note(found, label, printable_text(text))
    for label in dict.fromkeys(printable_text(s.label) for s in seats):
        _note(found, "座位号", label)
    for zone in zone_names:
        _note(found, "区域名称", printable_text(zone))
    return found


def _note(found: list[str], label: str, text: str) -> None:
    note_missing_glyphs(found, label, text, FAMILY, bold=label == "姓名")


def _marked(text: str, *, bold: bool = False) -> str:
    """Return a text as printed with the characters the font lacks marked (names are set in bold)."""
    return marked_text(printable_text(text), FAMILY, bold)
