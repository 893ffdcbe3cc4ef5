"""Where the seat map's seats go on a sheet: sheet positions per viewpoint, the hall's extent, tiles of a
large hall and each seat's box with its fitted name (see seatmap_pdf for the orientation rules)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from rdplanner.exports.fonts import printable_text, text_width
from rdplanner.exports.name_fit import NameFit, fit_name
from rdplanner.exports.shapes import TableShape  # a table to draw: kind, centre, size, label

VIEWPOINTS = {"stage": "主席台视角", "audience": "面向主席台"}
ROSTRUM_ZONE = "rostrum"
BOX_W, BOX_H = 0.92, 1.0  # a seat box in seat widths (rows are 1.3 apart: a gap remains between rows)
NAME_AREA = 0.66  # the upper part of the box holds the name, the lower part the seat label
MAX_UNIT = 26 * mm  # a small room is not blown up beyond this many mm per seat width
COMMON_NAME = "国国国"  # the width of a three-character name sets the common type size


@dataclass(frozen=True)
class SeatBox:
    """One seat as drawn: ``label`` (e.g. "3排5座"), ``zone`` (key of zone_labels), hall coordinates, and
    the person's ``name`` ("" for an empty seat); ``note`` is not drawn on this sheet (kept for callers)."""

    label: str
    zone: str
    x: float
    y: float
    name: str
    note: str = ""


@dataclass(frozen=True)
class Placed:
    """A seat placed on the sheet: its box (lower-left corner, size; points) and fitted name and label."""

    seat: SeatBox
    x: float
    y: float
    w: float
    h: float
    name: NameFit
    label_size: float


def sheet_positions(seats: Sequence[SeatBox], viewpoint: str) -> list[tuple[float, float]]:
    """Return each seat's position on the sheet in seat widths: (across to the right, down the page).

    audience: (x, y), rostrum (negative y) at the top; stage: (-x, -y), turned by 180°, rostrum at the
    bottom. Each row comes out reversed between the two views; who sits in which seat never changes.
    """
    check_viewpoint(viewpoint)
    sign = 1.0 if viewpoint == "audience" else -1.0
    return [(sign * s.x, sign * s.y) for s in seats]


@dataclass(frozen=True)
class MapLayout:
    """One sheet's drawing: placed seats, scale (points per seat width), rostrum band and the page rect of
    the shown window (left, bottom, width, height; points), which drawing is clipped to."""

    placed: list[Placed]
    unit: float
    band: tuple[float, float, float, float] | None
    clip: tuple[float, float, float, float]
    origin: tuple[float, float]  # page point of sheet units (0, 0)
    tables: tuple[TableShape, ...] = ()  # in hall units (seat widths), drawn under the seats

    def to_page(self, ux: float, uy: float) -> tuple[float, float]:
        """Return the page point (points) of a sheet position in seat widths (y down the page)."""
        return self.origin[0] + self.unit * ux, self.origin[1] - self.unit * uy


Extent = tuple[float, float, float, float]  # left, top, right, bottom in sheet units (y down the page)


def hall_extent(seats: Sequence[SeatBox], viewpoint: str,
                tables: Sequence[TableShape] = ()) -> tuple[Extent, Extent | None]:
    """Return the sheet extent of the whole drawing and of the rostrum band (None without rostrum seats).

    The band includes a strip for its "主席台" label on the side away from the hall (the top of the sheet
    for the audience view, the bottom for the stage view).
    """
    positions = sheet_positions(seats, viewpoint)
    rostrum = [p for s, p in zip(seats, positions, strict=True) if _is_rostrum(s)]
    xs = [p[0] for p in positions] or [0.0]
    ys = [p[1] for p in positions] or [0.0]
    left, right = min(xs) - BOX_W / 2 - 0.3, max(xs) + BOX_W / 2 + 0.3
    top, bottom = min(ys) - BOX_H / 2 - 0.3, max(ys) + BOX_H / 2 + 0.3
    sign = 1.0 if viewpoint == "audience" else -1.0
    for t in tables:
        left, right = min(left, sign * t.x - t.w / 2 - 0.3), max(right, sign * t.x + t.w / 2 + 0.3)
        top, bottom = min(top, sign * t.y - t.h / 2 - 0.3), max(bottom, sign * t.y + t.h / 2 + 0.3)
    band = None
    if rostrum:
        rx, ry = [p[0] for p in rostrum], [p[1] for p in rostrum]
        b_left, b_right = min(rx) - BOX_W / 2 - 0.4, max(rx) + BOX_W / 2 + 0.4
        b_top, b_bottom = min(ry) - BOX_H / 2 - 0.25, max(ry) + BOX_H / 2 + 0.25
        if viewpoint == "audience":
            b_top -= 0.7
        else:
            b_bottom += 0.7
        b_left, b_right = min(b_left, -3.0), max(b_right, 3.0)  # room for the label over a tiny rostrum
        band = (b_left, b_top, b_right, b_bottom)
        left, right = min(left, b_left - 0.2), max(right, b_right + 0.2)
        top, bottom = min(top, b_top - 0.2), max(bottom, b_bottom + 0.2)
    return (left, top, right, bottom), band


def tile_windows(extent: Extent, cols: int, rows: int, overlap: float) -> list[tuple[Extent, Extent]]:
    """Split ``extent`` into cols × rows tiles, left to right then top to bottom (as on the sheet).

    Returns (core, window) per tile: the core cells cover the drawing exactly once; each window adds
    ``overlap`` seat widths on every inner side, so neighbouring sheets repeat the seats along the cut.
    """
    left, top, right, bottom = extent
    cw, rh = (right - left) / cols, (bottom - top) / rows
    tiles = []
    for r in range(rows):
        for c in range(cols):
            core = (left + c * cw, top + r * rh, left + (c + 1) * cw, top + (r + 1) * rh)
            window = (max(left, core[0] - overlap), max(top, core[1] - overlap),
                      min(right, core[2] + overlap), min(bottom, core[3] + overlap))
            tiles.append((core, window))
    return tiles


def layout_seatmap(seats: Sequence[SeatBox], *, viewpoint: str, area: tuple[float, float, float, float],
                   font: str, window: Extent | None = None, tables: Sequence[TableShape] = ()) -> MapLayout:
    """Place the seats inside ``area`` = (left, bottom, width, height) in points.

    ``window`` (sheet units, see hall_extent) shows only part of the hall, scaled up to fill the area (a
    tile); by default the whole hall is shown. A tile draws only the seats wholly inside its window.
    """
    positions = sheet_positions(seats, viewpoint)
    extent, band_units = hall_extent(seats, viewpoint, tables)
    left, top, right, bottom = window or extent
    a_left, a_bottom, a_w, a_h = area
    unit = min(a_w / (right - left), a_h / (bottom - top), MAX_UNIT)
    off_x = a_left + (a_w - unit * (right - left)) / 2 - unit * left
    off_top = a_bottom + a_h - (a_h - unit * (bottom - top)) / 2 + unit * top  # page y of sheet y = 0
    frame = MapLayout([], unit, None, (off_x + unit * left, off_top - unit * bottom, unit * (right - left),
                                       unit * (bottom - top)), (off_x, off_top))
    w, h = BOX_W * unit, BOX_H * unit
    pad = 0.06 * unit
    label_size = min(0.22 * h, 9.0)
    fits: dict[str, NameFit] = {}
    # One type size for every name of up to three characters (most Chinese names): a two-character name
    # is not set larger than its neighbours; only longer names shrink or take two lines.
    largest = min(18.0, h * 0.42, (w - 2 * pad) / text_width(COMMON_NAME, font))
    for seat, (ux, uy) in zip(seats, positions, strict=True):
        if window and not (left - 0.05 <= ux - BOX_W / 2 and ux + BOX_W / 2 <= right + 0.05
                           and top - 0.05 <= uy - BOX_H / 2 and uy + BOX_H / 2 <= bottom + 0.05):
            continue  # a tile shows only whole seats; the overlap shows the cut ones whole on a neighbour
        cx, cy = frame.to_page(ux, uy)
        name = printable_text(seat.name)
        fit = fits.get(name)
        if fit is None:
            fit = fits[name] = fit_name(name, font, w - 2 * pad, h * NAME_AREA - pad, largest=largest)
        size = min(label_size, (w - 2 * pad) / max(text_width(printable_text(seat.label), font), 0.01))
        frame.placed.append(Placed(seat, cx - w / 2, cy - h / 2, w, h, fit, size))
    band = None
    if band_units:
        x0, y0 = frame.to_page(band_units[0], band_units[3])
        x1, y1 = frame.to_page(band_units[2], band_units[1])
        band = (x0, y0, x1 - x0, y1 - y0)
    return MapLayout(frame.placed, unit, band, frame.clip, frame.origin, tuple(tables))


def _is_rostrum(seat: SeatBox) -> bool:
    return seat.zone == ROSTRUM_ZONE or seat.y < 0


def check_viewpoint(viewpoint: str) -> None:
    if viewpoint not in VIEWPOINTS:
        raise ValueError(f"unknown viewpoint {viewpoint!r}; expected 'stage' or 'audience'")
