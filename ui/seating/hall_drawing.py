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
    sign = -1.0 if stage_view else 1.0
    items = {}
    for seat in data.seats:
        if seat.disabled:
            continue
        x, y = sign * seat.x * UNIT, sign * seat.y * UNIT
        rect = QRectF(x - UNIT * 0.45, y - UNIT * 0.4, UNIT * 0.9, UNIT * 0.8)
        items[seat.id] = SeatItem(seat.id, rect, seat.zone, data.labels.get(seat.id, ""),
                                 data.zone_names.get(seat.zone, ""))
        scene.addItem(items[seat.id])
    for table in tables:
        _draw_table(scene, table, sign)
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
    # An explicit scene rect: the implicit one only grows, and would keep the mirrored hall's area.
    scene.setSceneRect(scene.itemsBoundingRect().adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN))
    return items


def _draw_table(scene: QGraphicsScene, table: TableShape, sign: float) -> None:
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


def legend_cells(entries: Iterable[tuple[str, str]]) -> str:
    """The legend's swatches as rich text: (colour, name) pairs, each kept on one line."""
    return " ".join(
        f'<nobr><span style="background:{colour}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        f"&nbsp;{escape(name)}&nbsp;&nbsp;</nobr>"
        for colour, name in entries
    )
