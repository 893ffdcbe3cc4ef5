"""Drawing a hall into the seat-map scene: a seat item per usable seat, the tables under them, the
rostrum's caption, and the scene rect the view fits to; and the legend's rich text."""

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsScene

from rdplanner.seating.layouts import TableShape
from rdplanner.seating.service import SeatingView
from ui.seating.scene import UNIT, SeatItem

FIT_MARGIN = 24.0  # scene pixels around the hall when it is fitted to the view


def draw_hall(
    scene: QGraphicsScene, data: SeatingView, tables: Iterable[TableShape], *, stage_view: bool, caption: str
) -> dict[int, SeatItem]:
    """Clear ``scene`` and draw the plan's hall, mirrored when seen from the stage; returns the seat items
    by seat id. ``caption`` names the rostrum (主席台, or 主位 at a table)."""
    scene.clear()
    # No spatial index: it is rebuilt after every build, and a fitted hall paints every seat anyway; a
    # lookup under the mouse then walks the seats, well under a millisecond for 10,000.
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
    sign = -1.0 if stage_view else 1.0
    items = {}
    half_w, half_h, width, height = UNIT * 0.45, UNIT * 0.4, UNIT * 0.9, UNIT * 0.8
    labels, zone_names, add = data.labels, data.zone_names, scene.addItem
    xs, ys = [], []
    for seat in data.seats:
        if seat.disabled:
            continue
        x, y = sign * seat.x * UNIT, sign * seat.y * UNIT
        xs.append(x)
        ys.append(y)
        item = items[seat.id] = SeatItem(seat.id, QRectF(x - half_w, y - half_h, width, height), seat.zone,
                                        labels.get(seat.id, ""), zone_names.get(seat.zone, ""))
        add(item)
    pen = 0.5  # half an empty seat's frame lies outside its box
    drawn = QRectF(min(xs) - half_w - pen, min(ys) - half_h - pen, max(xs) - min(xs) + width + 2 * pen,
                   max(ys) - min(ys) + height + 2 * pen) if xs else QRectF()
    for table in tables:
        drawn = drawn.united(_draw_table(scene, table, sign))
    rostrum = [item for item in items.values() if item.zone == "rostrum"]
    if rostrum:
        band = QRectF(rostrum[0].rect())
        for item in rostrum:
            band = band.united(item.rect())
        title = scene.addSimpleText(caption, QFont("", 16, QFont.Weight.Bold))
        title.setPos(
            band.center().x() - title.boundingRect().width() / 2,
            band.top() - 40 if sign > 0 else band.bottom() + 10,
        )
        drawn = drawn.united(title.sceneBoundingRect())
    # An explicit scene rect: the implicit one only grows, and would keep the mirrored hall's area. The
    # drawn area is summed as it is drawn: asking the scene for it walks every item again.
    scene.setSceneRect(drawn.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN))
    return items


def _draw_table(scene: QGraphicsScene, table: TableShape, sign: float) -> QRectF:
    """Draw one table under the seats; returns the area it covers."""
    x, y = (sign * table.x - table.w / 2) * UNIT, (sign * table.y - table.h / 2) * UNIT
    rect = QRectF(x, y, table.w * UNIT, table.h * UNIT)
    shape = scene.addEllipse(rect) if table.kind == "circle" else scene.addRect(rect)
    shape.setBrush(QColor("#ffffff" if table.hollow else "#efe6d8"))
    shape.setPen(QColor("#a1887f"))
    shape.setZValue(-1)
    if table.label:
        text = scene.addSimpleText(table.label, QFont("", 10))
        text.setPos(rect.center().x() - text.boundingRect().width() / 2, rect.center().y() - 9)
        text.setZValue(-1)
        return shape.sceneBoundingRect().united(text.sceneBoundingRect())
    return shape.sceneBoundingRect()


def legend_cells(entries: Iterable[tuple[str, str]]) -> str:
    """The legend's swatches as rich text: (colour, name) pairs, each kept on one line."""
    return " ".join(
        f'<nobr><span style="background:{colour}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        f"&nbsp;{escape(name)}&nbsp;&nbsp;</nobr>"
        for colour, name in entries
    )
