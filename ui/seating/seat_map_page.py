"""The seating page (座次): the hall drawn seat by seat, automatic seating, the problems report, the
viewpoint toggle, find, lock/unlock, and the printed seat map and name cards.

Dragging people between seats and undo come with the seat-map editor; this page does not offer them.
"""

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rdplanner.changes import Changes
from rdplanner.errors import RdplannerError
from rdplanner.labels import ZONES
from rdplanner.seating.documents import export_cards, export_seatmap
from rdplanner.seating.service import SeatingView, clear, ensure_seat_plan, load_seating, run_auto_seating, set_locked
from ui import tasks
from ui.dialogs import ask_save_path, ask_yes_no, report_failure, show_error
from ui.hub import Hub

UNIT = 64.0  # scene pixels per seat width
ZONE_COLOURS = {"rostrum": "#f6d5d3", "members": "#d6e4f5", "attendee": "#d8efd6", "observer": "#fbe9c6",
                "staff": "#e6dcf3", "media": "#e0e0e0"}
VIEWPOINTS = {"audience": "面向主席台", "stage": "主席台视角"}


class SeatItem(QGraphicsRectItem):
    """One seat: a zone-tinted box with the name and the seat label; keeps its seat id."""

    def __init__(self, seat_id: int, rect: QRectF, zone: str, name: str, label: str, locked: bool) -> None:
        super().__init__(rect)
        self.seat_id, self.name, self.label, self.locked = seat_id, name, label, locked
        colour = QColor(ZONE_COLOURS.get(zone, "#eeeeee") if name else "#ffffff")
        self.setBrush(QBrush(colour))
        self.setPen(QPen(QColor("#b3261e") if locked else QColor("#7a7a7a"), 2.5 if locked else 1,
                         Qt.PenStyle.SolidLine if name else Qt.PenStyle.DashLine))
        self.setToolTip(f"{name or '空座'}\n{label}\n{ZONES.get(zone, zone)}" + ("\n已锁定" if locked else ""))
        self._text(name, rect, 13, rect.top() + rect.height() * 0.18, bold=True)
        self._text(label, rect, 7, rect.bottom() - rect.height() * 0.32)

    def _text(self, text: str, rect: QRectF, size: int, top: float, bold: bool = False) -> None:
        if not text:
            return
        item = QGraphicsSimpleTextItem(text, self)
        font = QFont()
        font.setPointSizeF(size)
        font.setBold(bold)
        item.setFont(font)
        width = item.boundingRect().width()
        if width > rect.width() - 4:
            item.setScale((rect.width() - 4) / width)
            width = rect.width() - 4
        item.setPos(rect.center().x() - width / 2, top)


class SeatMapView(QGraphicsView):
    """Zoom with Ctrl+wheel (or the wheel alone), pan by dragging the background."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def wheelEvent(self, event) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)

    def fit(self) -> None:
        self.fitInView(self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)


class SeatMapPage(QWidget):
    """The seating of one event; refreshes when the plans or the roster change."""

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._event_id: int | None = None
        self._plan_id: int | None = None
        self.view_data: SeatingView | None = None
        self.items: dict[int, SeatItem] = {}
        self.scene = QGraphicsScene(self)
        self.map = SeatMapView(self.scene, self)
        self.viewpoint = QComboBox(self)
        for code, label in VIEWPOINTS.items():
            self.viewpoint.addItem(label, code)
        self.find = QLineEdit(self, placeholderText=self.tr("查找姓名（Ctrl+F）"), clearButtonEnabled=True)
        self.auto_button = QPushButton(self.tr("自动排座"), self)
        self.clear_button = QPushButton(self.tr("清除（保留锁定）"), self)
        self.fit_button = QPushButton(self.tr("适合窗口"), self)
        self.seatmap_button = QPushButton(self.tr("导出座次图…"), self)
        self.cards_button = QPushButton(self.tr("导出席卡…"), self)
        self.problems = QListWidget(self, wordWrap=True)
        self.explanation = QLabel(self, wordWrap=True, objectName="hint")
        self.message = QLabel(self, wordWrap=True)
        self._build()

    def _build(self) -> None:
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("视角"), self), self.viewpoint, self.find, self.fit_button, self.auto_button,
                       self.clear_button, self.seatmap_button, self.cards_button):
            top.addWidget(widget)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("问题检查"), self))
        side.addWidget(self.problems, 1)
        side.addWidget(self.explanation)
        body = QHBoxLayout()
        body.addWidget(self.map, 3)
        body.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("座次"), self, objectName="pageTitle"))
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        self.viewpoint.currentIndexChanged.connect(self._draw)
        self.find.returnPressed.connect(self.find_person)
        find_action = self.addAction(self.tr("查找"))
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find_action.triggered.connect(self.find.setFocus)
        self.fit_button.clicked.connect(self.map.fit)
        self.auto_button.clicked.connect(self.auto_seat)
        self.clear_button.clicked.connect(self.clear_unlocked)
        self.seatmap_button.clicked.connect(lambda: self.export("seatmap"))
        self.cards_button.clicked.connect(lambda: self.export("cards"))
        self.map.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.map.customContextMenuRequested.connect(self._seat_menu)
        self._hub.changes_applied.connect(self._on_changes)

    def load(self, event_id: int) -> None:
        """Show the event's seating (a seat plan is made for its hall if it has none)."""
        self._event_id = event_id
        try:
            self._plan_id, _ = self._hub.read(ensure_seat_plan, event_id=event_id)
        except RdplannerError as exc:
            self._plan_id = None
            self.scene.clear()
            self.items = {}
            self.message.setText(str(exc))
            return
        self.message.clear()
        self.refresh()
        self.map.fit()

    def refresh(self) -> None:
        if self._plan_id is None:
            return
        self.view_data = self._hub.read(load_seating, seat_plan_id=self._plan_id)
        self._draw()
        self.problems.clear()
        for problem in self.view_data.problems:
            self.problems.addItem(("⚠ " if problem.severity == "warning" else "✖ ") + problem.message)
        if not self.view_data.problems:
            self.problems.addItem(self.tr("未发现问题：人人有座，分区正确。"))
        self.explanation.setText(self.view_data.explanation)

    def _draw(self) -> None:
        data = self.view_data
        if data is None:
            return
        self.scene.clear()
        self.items = {}
        sign = -1.0 if self.viewpoint.currentData() == "stage" else 1.0
        names = {a.seat_id: a for a in data.assignments}
        for seat in data.seats:
            if seat.disabled:
                continue
            rect = QRectF(sign * seat.x * UNIT - UNIT * 0.45, sign * seat.y * UNIT - UNIT * 0.4, UNIT * 0.9, UNIT * 0.8)
            placed = names.get(seat.id)
            item = SeatItem(seat.id, rect, seat.zone, placed.name if placed else "", data.labels.get(seat.id, ""),
                            bool(placed and placed.locked))
            self.scene.addItem(item)
            self.items[seat.id] = item
        zones = {seat.id: seat.zone for seat in data.seats}
        rostrum = [item for seat_id, item in self.items.items() if zones[seat_id] == "rostrum"]
        if rostrum:
            band = QRectF(rostrum[0].rect())
            for item in rostrum:
                band = band.united(item.rect())
            caption = self.scene.addSimpleText(self.tr("主席台"), QFont("", 16, QFont.Weight.Bold))
            caption.setPos(band.center().x() - caption.boundingRect().width() / 2,
                           band.top() - 40 if sign > 0 else band.bottom() + 10)

    def find_person(self) -> None:
        """Centre and select the seat of the person typed in the find box."""
        text = self.find.text().strip()
        found = [item for item in self.items.values() if text and text in item.name]
        self.scene.clearSelection()
        if not found:
            self.message.setText(self.tr("没有找到“%1”的座位。").replace("%1", text))
            return
        for item in found:
            item.setFlag(QGraphicsRectItem.GraphicsItemFlag.ItemIsSelectable)
            item.setSelected(True)
        self.map.centerOn(found[0])
        self.message.setText(self.tr("%1：%2").replace("%1", found[0].name).replace("%2", found[0].label))

    def _seat_menu(self, position) -> None:
        item = self.map.itemAt(position)
        while item is not None and not isinstance(item, SeatItem):
            item = item.parentItem()
        if item is None or not item.name:
            return
        locked = item.locked
        menu = QMenu(self)
        action = menu.addAction(self.tr("解锁") if locked else self.tr("锁定（自动排座时保留）"))
        if menu.exec(self.map.mapToGlobal(position)) is action:
            self._run(set_locked, seat_plan_id=self._plan_id, seat_id=item.seat_id, locked=not locked)

    def auto_seat(self) -> None:
        if self._plan_id is None:
            return
        if self.view_data and self.view_data.assignments and not ask_yes_no(
                self, self.tr("自动排座"), self.tr("重新自动排座将替换所有未锁定的座位，锁定的座位保留。是否继续？")):
            return
        self._run(run_auto_seating, seat_plan_id=self._plan_id)

    def clear_unlocked(self) -> None:
        if self._plan_id is not None and ask_yes_no(self, self.tr("清除座次"), self.tr("清除所有未锁定的座位安排？")):
            self._run(clear, seat_plan_id=self._plan_id, keep_locked=True)

    def _run(self, service, **kwargs) -> None:
        try:
            self._hub.apply(service, **kwargs)
        except RdplannerError as exc:
            show_error(self, exc)

    def _on_changes(self, changes: Changes) -> None:
        if self._event_id is not None and self._event_id in (changes.event_ids | changes.roster_event_ids):
            self.refresh()

    def export(self, kind: str) -> None:
        if self._event_id is None or self._plan_id is None:
            return
        name = "座次图.pdf" if kind == "seatmap" else "席卡.pdf"
        path = ask_save_path(self, self.tr("导出座次图") if kind == "seatmap" else self.tr("导出席卡"), name, ".pdf")
        if not path:
            return
        event_id, viewpoint = self._event_id, self.viewpoint.currentData()

        def work(progress, cancelled):
            if kind == "seatmap":
                return self._hub.read(export_seatmap, event_id=event_id, path=Path(path), viewpoint=viewpoint,
                                      progress=progress)
            return self._hub.read(export_cards, event_id=event_id, path=Path(path), progress=progress)

        tasks.run_task(self, self.tr("正在导出……"), work,
                       done=lambda made: self.message.setText(self.tr("已导出：%1").replace("%1", str(made))),
                       failed=lambda error: report_failure(self, error, self.tr("导出失败")))

