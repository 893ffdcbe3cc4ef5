"""The seat-map scene: seat items, colours, and the view that zooms, pans, selects and drags people.

A seat item is built once per layout and viewpoint; seating changes only update the items whose
occupant changed (``SeatItem.show_occupant``), so a drag or a swap repaints two seats, not the hall.
"""

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QEvent, QLineF, QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDrag, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from rdplanner.labels import ZONES

UNIT = 64.0  # scene pixels per seat width
PERSON_MIME = "application/x-rdplanner-participation"
ZONE_COLOURS = {
    "rostrum": "#f6d5d3",
    "members": "#d6e4f5",
    "attendee": "#d8efd6",
    "observer": "#fbe9c6",
    "staff": "#e6dcf3",
    "media": "#e0e0e0",
}
# Eighteen pale, distinguishable tints for delegations (names stay black and legible on all of them);
# a city has at most about fifteen delegations (districts, counties and the garrison).
DELEGATION_COLOURS = (
    "#cfe3f7",
    "#f9d9c4",
    "#d5ecd0",
    "#efd3ea",
    "#fbefb9",
    "#d3e9ea",
    "#e6d9c8",
    "#dcd6f3",
    "#f5d0d0",
    "#e2efc2",
    "#cde0d6",
    "#f0dcb0",
    "#c9d3f0",
    "#f3c9dc",
    "#d9f0e6",
    "#ece3c0",
    "#d0d0d0",
    "#f7e1f5",
)
EMPTY_COLOUR = "#ffffff"
NO_DELEGATION = "（未分代表团）"

NAME_FONT = QFont()
NAME_FONT.setPointSizeF(13)
NAME_FONT.setBold(True)
LABEL_FONT = QFont()
LABEL_FONT.setPointSizeF(7)


def person_mime(participation_id: int, from_seat: int | None = None) -> QMimeData:
    """Drag payload: the participant, and the seat they are dragged from (if any)."""
    data = QMimeData()
    data.setData(PERSON_MIME, QByteArray(f"{participation_id}:{from_seat or ''}".encode()))
    return data


def read_person_mime(data: QMimeData) -> tuple[int, int | None] | None:
    if not data.hasFormat(PERSON_MIME):
        return None
    pid, _, seat = bytes(data.data(PERSON_MIME).data()).decode().partition(":")
    return int(pid), (int(seat) if seat else None)


def delegation_palette(delegations: Iterable[str]) -> dict[str, str]:
    """A tint per delegation, in the order given (stable across redraws)."""
    return {name: DELEGATION_COLOURS[i % len(DELEGATION_COLOURS)] for i, name in enumerate(delegations)}


DETAIL_SCALE = 0.2  # below this zoom a seat is under ~12 screen pixels wide: its texts are not drawn
_EMPTY_BRUSH = QBrush(QColor(EMPTY_COLOUR))
_EMPTY_PEN = QPen(QColor("#7a7a7a"), 1, Qt.PenStyle.DashLine)
_TAKEN_PEN = QPen(QColor("#7a7a7a"), 1, Qt.PenStyle.SolidLine)
_LOCKED_PEN = QPen(QColor("#b3261e"), 2.5)
_TARGET_PEN = QPen(QColor("#1565c0"), 4)
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


class SeatItem(QGraphicsRectItem):
    """One seat: a tinted box with the occupant's name and the printed seat label.

    The two texts are child items made only once the view is zoomed in far enough to read them
    (``set_detail``): a fitted 10,000-seat hall draws each seat a few pixels wide, and 20,000 text items
    would cost most of its build and of every paint. The occupant's state lives on the item either way.
    """

    # An empty seat's state, as class defaults: a hall of 10,000 seats is built without setting them
    # 10,000 times; show_occupant and the rest set them on the item when they change.
    participation_id: int | None = None
    name, unit, delegation, locked = "", "", "", False
    target = False
    detail = False
    _texts: tuple[QGraphicsSimpleTextItem, QGraphicsSimpleTextItem] | None = None
    _fill = EMPTY_COLOUR

    def __init__(self, seat_id: int, rect: QRectF, zone: str, label: str, zone_name: str = "") -> None:
        super().__init__(rect)
        self.seat_id, self.zone, self.label = seat_id, zone, label
        self.zone_name = zone_name or ZONES.get(zone, zone)  # named for the event's type
        self.setFlag(_SELECTABLE)
        self.setBrush(_EMPTY_BRUSH)
        self.setPen(_EMPTY_PEN)

    def show_occupant(
        self,
        participation_id: int | None,
        name: str,
        *,
        locked: bool = False,
        unit: str = "",
        delegation: str = "",
        colour: str = EMPTY_COLOUR,
    ) -> bool:
        """Show who sits here; returns False (and does nothing) when nothing visible changed."""
        state = (participation_id, name, locked, unit, delegation, colour)
        if state == (self.participation_id, self.name, self.locked, self.unit, self.delegation, self._fill):
            return False
        fill_changed = colour != self._fill
        self.participation_id, self.name, self.locked, self.unit, self.delegation, self._fill = state
        if self._texts is not None:
            self._texts[0].setText(name)
            self._place(self._texts[0], self.rect().top() + self.rect().height() * 0.18)
        if fill_changed:
            self.setBrush(_EMPTY_BRUSH if colour == EMPTY_COLOUR else QBrush(QColor(colour)))
        self._set_pen()
        return True

    def toolTip(self) -> str:  # noqa: N802 - shadows Qt's, which the view no longer asks (viewportEvent)
        """The seat's tooltip, made when asked: setting 10,000 tooltips ahead cost more than a tooltip."""
        lines = [self.name or "空座", f"座位：{self.label}", f"区域：{self.zone_name}"]
        if self.unit:
            lines.insert(1, f"单位：{self.unit}")
        if self.delegation:
            lines.insert(1, f"代表团：{self.delegation}")
        if self.locked:
            lines.append("已锁定（自动排座时保留）")
        return "\n".join(lines)

    def set_detail(self, on: bool) -> None:
        """Draw the name and the seat label (on) or only the tinted box (off, a far zoom)."""
        if on == self.detail:
            return
        self.detail = on
        if on and self._texts is None:
            name_item = QGraphicsSimpleTextItem(self.name, self)
            name_item.setFont(NAME_FONT)
            label_item = QGraphicsSimpleTextItem(self.label, self)
            label_item.setFont(LABEL_FONT)
            rect = self.rect()
            self._place(name_item, rect.top() + rect.height() * 0.18)
            self._place(label_item, rect.bottom() - rect.height() * 0.32)
            self._texts = (name_item, label_item)
        elif self._texts is not None:
            for text in self._texts:
                text.setVisible(on)

    def texts(self) -> tuple[str, str] | None:
        """The name and label as drawn, or None while they are not drawn (a far zoom)."""
        if self._texts is None or not self.detail:
            return None
        return self._texts[0].text(), self._texts[1].text()

    def set_target(self, on: bool) -> None:
        """Highlight the seat a dragged person would land on."""
        if on != self.target:
            self.target = on
            self._set_pen()

    def _set_pen(self) -> None:
        if self.target:
            pen = _TARGET_PEN
        elif self.locked:
            pen = _LOCKED_PEN
        else:
            pen = _TAKEN_PEN if self.name else _EMPTY_PEN
        self.setPen(pen)

    def _place(self, item: QGraphicsSimpleTextItem, top: float) -> None:
        rect = self.rect()
        item.setScale(1.0)
        width = item.boundingRect().width()
        if width > rect.width() - 4:
            item.setScale((rect.width() - 4) / width)
            width = rect.width() - 4
        item.setPos(rect.center().x() - width / 2, top)


def show_detail(items: Iterable[SeatItem], on: bool) -> None:
    """Draw the texts of every seat in ``items`` (on) or only their boxes (off)."""
    for item in items:
        item.set_detail(on)


class SeatMapView(QGraphicsView):
    """Wheel zooms, the middle button pans, dragging the background selects seats (Ctrl adds), and
    dragging a seated person carries them to another seat (a swap) or back to the people list.

    The view starts in fit mode: the whole scene rect is shown and stays shown when the view is shown,
    resized or the scene rebuilt, until the user zooms (wheel, Ctrl++ / Ctrl+-); ``fit`` returns to it.
    """

    person_dropped = Signal(int, int)  # participation id, target seat id
    detail_changed = Signal(bool)  # the zoom crossed DETAIL_SCALE: seat texts are readable (True) or not

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAcceptDrops(True)
        self._press: tuple[QPoint, SeatItem] | None = None
        self._pan: QPoint | None = None
        self._target: SeatItem | None = None
        self.fit_mode = True
        self.detailed = False  # the zoom at which seat texts are drawn (``detail_changed``)
        self._show_scroll_bars(False)

    # --- zoom and pan ---------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor`` (the user's zoom): the view leaves fit mode."""
        self.fit_mode = False
        self._show_scroll_bars(True)
        self.scale(factor, factor)
        self._update_detail()

    def fit(self) -> None:
        """Show the whole scene rect (the hall with its margin) and stay fitted until the user zooms."""
        self.fit_mode = True
        self._show_scroll_bars(False)
        self.refit()

    def refit(self) -> None:
        """Fit again if in fit mode (after a resize or a rebuilt scene); a user's zoom is kept."""
        if self.fit_mode and self.scene() is not None and not self.sceneRect().isEmpty():
            self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            self._update_detail()

    def _update_detail(self) -> None:
        detailed = abs(self.transform().m11()) >= DETAIL_SCALE
        if detailed != self.detailed:
            self.detailed = detailed
            self.detail_changed.emit(detailed)

    def _show_scroll_bars(self, on: bool) -> None:
        # A scroll bar appearing after a fit would narrow the viewport and clip the hall's right edge.
        policy = Qt.ScrollBarPolicy.ScrollBarAsNeeded if on else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refit()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            seat = self.seat_at(event.pos())
            if seat is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), seat.toolTip(), self.viewport())
            return True
        return super().viewportEvent(event)

    def seat_at(self, position: QPoint | QPointF) -> SeatItem | None:
        """The seat under a viewport position: the one containing it, else the nearest one touched
        (at a small zoom one screen pixel spans several seats' edges)."""
        point = self.viewportTransform().inverted()[0].map(QPointF(position))
        seats = []
        for item in self.items(QPointF(position).toPoint()):
            while item is not None and not isinstance(item, SeatItem):
                item = item.parentItem()
            if item is not None and item not in seats:
                if item.rect().contains(point):
                    return item
                seats.append(item)
        return min(seats, key=lambda seat: QLineF(seat.rect().center(), point).length(), default=None)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        seat = (
            self.seat_at(event.position().toPoint()) if event.button() == Qt.MouseButton.LeftButton else None
        )
        self._press = (
            (event.position().toPoint(), seat) if seat is not None and seat.participation_id else None
        )
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan is not None:
            delta = event.position().toPoint() - self._pan
            self._pan = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        if (
            self._press is not None
            and (event.position().toPoint() - self._press[0]).manhattanLength()
            >= QApplication.startDragDistance()
        ):
            seat = self._press[1]
            self._press = None
            drag = QDrag(self)
            drag.setMimeData(person_mime(seat.participation_id, seat.seat_id))
            drag.exec(Qt.DropAction.MoveAction)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan is not None:
            self._pan = None
            self.viewport().unsetCursor()
            return
        self._press = None
        super().mouseReleaseEvent(event)

    # --- drop target ----------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if read_person_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if read_person_mime(event.mimeData()) is None:
            event.ignore()
            return
        self.show_target(self.seat_at(event.position()))
        event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self.show_target(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        payload = read_person_mime(event.mimeData())
        seat = self.seat_at(event.position())
        self.show_target(None)
        if payload is None or seat is None:
            event.ignore()
            return
        event.acceptProposedAction()
        if payload[1] != seat.seat_id:
            self.person_dropped.emit(payload[0], seat.seat_id)

    def show_target(self, seat: SeatItem | None) -> None:
        """Move the drop highlight to ``seat`` (None removes it); repaints at most two seats."""
        if seat is self._target:
            return
        if self._target is not None:
            self._target.set_target(False)
        self._target = seat
        if seat is not None:
            seat.set_target(True)
