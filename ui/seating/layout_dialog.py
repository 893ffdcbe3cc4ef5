"""The layout editor (座位布局): choose or create a hall, pick, create, copy or delete a layout, edit the
template's parameters with a live preview, set the zone of selected seats or disable them, and save.
Zones are named for the type of the event the dialog is opened from (代表 or 组成人员, labels.zone_labels).
"""

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsEllipseItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from rdplanner.errors import InvalidInput
from rdplanner.labels import zone_labels
from rdplanner.seating import layout_service as svc
from rdplanner.seating.layouts import (
    KINDS,
    NUMBERINGS,
    SHAPES,
    TABLE_NOTE,
    LayoutSpec,
    SeatSpec,
    TableShape,
    default_spec,
    generate,
    renumber,
    table_shapes,
    with_overrides,
)
from ui.dialogs import ask_save_discard_cancel, ask_yes_no, fit_to_screen, show_error
from ui.hub import Hub
from ui.seating.scene import ZONE_COLOURS
from ui.service_call import apply_or_report

UNIT = 40.0  # scene pixels per seat width
FIELDS: dict[str, list[tuple[str, str, Any]]] = {  # key, label, (low, high) | "ints" | "zones" | choices
    "auditorium": [("rostrum_rows", "主席台各排座位数", "ints")],
    "boardroom": [("shape", "桌形", SHAPES), ("long_side", "长边每边座位数", (1, 40)),
                  ("short_side", "短边每边座位数", (0, 20)), ("outer_rows", "外圈列席排数", (0, 5))],
    "classroom": [("rows", "排数", (1, 100)), ("sections", "每排各区座位数", "ints"),
                  ("front_table", "前排桌（主席台）座位数", (0, 200)), ("zone", "区域", "zones")],
    "banquet": [("main_seats", "主桌座位数", (2, 30)), ("tables", "餐桌数（不含主桌）", (0, 150)),
                ("seats_per_table", "每桌座位数", (2, 20)), ("tables_per_row", "每排餐桌数", (1, 20))],
}


def parse_ints(text: str, name: str) -> list[int]:
    """Read "31,33" (also with Chinese commas or spaces) as [31, 33]."""
    parts = [p for p in re.split(r"[,，、\s]+", text.strip()) if p]
    if not all(p.isdigit() for p in parts):
        raise InvalidInput(f"{name}应为用逗号分隔的整数，如“31,33”，而不是“{text}”。", field=name)
    return [int(p) for p in parts]


def ask_name(parent: QWidget, title: str, label: str, text: str = "") -> str:
    """Ask for a name; "" if cancelled (tests monkeypatch this)."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value.strip() if ok else ""


def ask_new_hall(parent: QWidget) -> tuple[str, str] | None:
    """Ask for the venue and the hall of a new hall; None if cancelled (tests monkeypatch this)."""
    venue = ask_name(parent, "新建会议厅", "场所名称（如：市人大常委会机关）")
    hall = ask_name(parent, "新建会议厅", "会议厅名称（如：第一会议室）") if venue else ""
    return (venue, hall) if venue and hall else None


class SeatBox(QGraphicsRectItem):
    """A previewed seat: tinted by zone, grey when disabled; keeps its label."""

    def __init__(self, seat: SeatSpec, zone: str) -> None:
        super().__init__(-UNIT * 0.45, -UNIT * 0.4, UNIT * 0.9, UNIT * 0.8)
        self.label, self.zone, self.disabled = seat.label, seat.zone, seat.disabled
        self.setPos(seat.x * UNIT, seat.y * UNIT)
        self.setRotation(seat.rotation)
        self.setFlag(QGraphicsRectItem.GraphicsItemFlag.ItemIsSelectable)
        colour = QColor("#bdbdbd" if seat.disabled else ZONE_COLOURS.get(seat.zone, "#eeeeee"))
        pattern = Qt.BrushStyle.BDiagPattern if seat.disabled else Qt.BrushStyle.SolidPattern
        self.setBrush(QBrush(colour, pattern))
        self.setToolTip(f"{seat.label}\n{zone}\n已停用" if seat.disabled else f"{seat.label}\n{zone}")
        number = QGraphicsSimpleTextItem(str(seat.seat_no), self)
        number.setFont(QFont("", 7))
        number.setPos(-number.boundingRect().width() / 2, -number.boundingRect().height() / 2)
        number.setTransformOriginPoint(number.boundingRect().center())
        number.setRotation(-seat.rotation)  # numbers stay upright round a table

    def paint(self, painter, option, widget=None) -> None:
        self.setPen(QPen(QColor("#1a73e8"), 3) if self.isSelected() else QPen(QColor("#7a7a7a"), 1))
        super().paint(painter, option, widget)


class PreviewView(QGraphicsView):
    """The preview: the wheel zooms, dragging selects seats (Ctrl+click adds or removes one)."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def wheelEvent(self, event) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)


class ParamsForm(QWidget):
    """The parameters of one layout kind; emits ``edited`` on every change."""

    edited = Signal()

    def __init__(self, kind: str, zones: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.zones = dict(zones)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for key, label, how in FIELDS[kind]:
            self.widgets[key] = self._widget(how)
            form.addRow(self.tr(label), self.widgets[key])
        self.blocks = QTableWidget(0, 3, self) if kind == "auditorium" else None
        if self.blocks is not None:
            self._build_blocks(form)

    def _widget(self, how: Any) -> QWidget:
        if how == "zones":
            how = self.zones
        if how == "ints":
            widget = QLineEdit(self, placeholderText=self.tr("如 9 或 31,33"))
            widget.textEdited.connect(self.edited)
        elif isinstance(how, tuple):
            widget = QSpinBox(self, minimum=how[0], maximum=how[1])
            widget.valueChanged.connect(self.edited)
        else:
            widget = QComboBox(self)
            for code, text in how.items():
                widget.addItem(text, code)
            widget.currentIndexChanged.connect(self.edited)
        return widget

    def _build_blocks(self, form: QFormLayout) -> None:
        self.blocks.setHorizontalHeaderLabels([self.tr("区域"), self.tr("排数"), self.tr("各区座位数")])
        self.blocks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.blocks.verticalHeader().setVisible(False)
        self.blocks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.blocks.setMinimumHeight(170)
        add, remove = QPushButton(self.tr("添加一块"), self), QPushButton(self.tr("删除所选块"), self)
        add.clicked.connect(self._add_block)
        remove.clicked.connect(self._remove_block)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        hint = self.tr("台下分块（从前往后；各区座位数用逗号分隔，区间为过道）")
        form.addRow(QLabel(hint, self, wordWrap=True))
        form.addRow(self.blocks)
        form.addRow(buttons)

    def add_block(self, block: dict) -> None:
        row = self.blocks.rowCount()
        self.blocks.insertRow(row)
        zone, rows, sections = self._widget("zones"), self._widget((1, 100)), self._widget("ints")
        for widget in (zone, rows, sections):
            widget.blockSignals(True)
        zone.setCurrentIndex(zone.findData(block["zone"]))
        rows.setValue(block["rows"])
        sections.setText(",".join(map(str, block["sections"])))
        for column, widget in enumerate((zone, rows, sections)):
            self.blocks.setCellWidget(row, column, widget)
            widget.blockSignals(False)

    def _add_block(self) -> None:
        self.add_block({"zone": "members", "rows": 1, "sections": [6]})
        self.edited.emit()

    def _remove_block(self) -> None:
        if self.blocks.rowCount() > 1 and self.blocks.currentRow() >= 0:
            self.blocks.removeRow(self.blocks.currentRow())
            self.edited.emit()

    def set_params(self, params: dict) -> None:
        for key, widget in self.widgets.items():
            widget.blockSignals(True)
            value = params.get(key)
            if isinstance(widget, QLineEdit):
                widget.setText(",".join(map(str, value or [])))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value or 0))
            else:
                widget.setCurrentIndex(max(widget.findData(value), 0))
            widget.blockSignals(False)
        if self.blocks is not None:
            self.blocks.setRowCount(0)
            for block in params.get("blocks", []):
                self.add_block(block)

    def params(self) -> dict:
        """The parameters as entered. Raises InvalidInput for a list that is not numbers."""
        labels = {key: label for key, label, _ in FIELDS[self.kind]}
        values: dict[str, Any] = {key: self._value(w, labels[key]) for key, w in self.widgets.items()}
        if self.blocks is not None:
            values["blocks"] = [{"zone": self.blocks.cellWidget(r, 0).currentData(),
                                 "rows": self.blocks.cellWidget(r, 1).value(),
                                 "sections": parse_ints(self.blocks.cellWidget(r, 2).text(), "各区座位数")}
                                for r in range(self.blocks.rowCount())]
        return values

    @staticmethod
    def _value(widget: QWidget, label: str) -> Any:
        if isinstance(widget, QLineEdit):
            return parse_ints(widget.text(), label)
        return widget.value() if isinstance(widget, QSpinBox) else widget.currentData()


class LayoutDialog(QDialog):
    """Edit the layouts of a hall; saving regenerates the seats in place (see layout_service)."""

    def __init__(self, hub: Hub, hall_id: int | None = None, parent: QWidget | None = None,
                 layout_id: int | None = None, event_type: str | None = None) -> None:
        """``event_type``: the type of the event it is opened for, which names the members' zone."""
        super().__init__(parent, windowTitle=self.tr("座位布局"))
        self._hub = hub
        self.zones = zone_labels(event_type)
        self._hall_id: int | None = None
        self._layout_id: int | None = None
        self._version: int | None = None
        self._overrides: dict = {}
        self._numbering = "sequential"
        self.dirty = False
        self.hall = QComboBox(self)
        self.layout_choice = QComboBox(self)
        self.name = QLineEdit(self, maxLength=200)
        self.kind = QComboBox(self)
        self.numbering = QComboBox(self)
        self.numbering_hint = QLabel(self, wordWrap=True, objectName="hint")
        self.forms = {kind: ParamsForm(kind, self.zones, self) for kind in KINDS}
        self.stack = QStackedWidget(self)
        self.note = QLabel(self, wordWrap=True, objectName="hint")
        self.error = QLabel(self, wordWrap=True, objectName="error")
        self.status = QLabel(self, wordWrap=True)
        self.selection = QLabel(self.tr("已选 0 个座位"), self)
        self.zone = QComboBox(self)
        self.scene = QGraphicsScene(self)
        self.view = PreviewView(self.scene, self)
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        fit_to_screen(self, 1240, 760)
        self._load_halls(hall_id, layout_id)

    def _button(self, key: str, text: str, slot) -> QPushButton:
        self.buttons[key] = QPushButton(text, self)
        self.buttons[key].clicked.connect(slot)
        return self.buttons[key]

    def _build(self) -> None:
        for code, text in KINDS.items():
            self.kind.addItem(text, code)
        for code, text in NUMBERINGS.items():
            self.numbering.addItem(text.split("：")[0], code)
        for code, text in self.zones.items():
            self.zone.addItem(text, code)
        for kind, form in self.forms.items():
            form.set_params(default_spec(kind).params)
            form.edited.connect(self._edited)
            self.stack.addWidget(form)
        hall_row, layout_row = QHBoxLayout(), QHBoxLayout()
        hall_row.addWidget(self.hall, 1)
        hall_row.addWidget(self._button("new_hall", self.tr("新建会议厅…"), self.new_hall))
        for key, text, slot in (("new", "新建布局", self.new_layout), ("copy", "复制…", self.copy_layout),
                                ("delete", "删除", self.delete_layout)):
            layout_row.addWidget(self._button(key, self.tr(text), slot))
        form = QFormLayout()
        form.addRow(self.tr("会议厅"), hall_row)
        form.addRow(self.tr("座位布局"), self.layout_choice)
        form.addRow("", layout_row)
        form.addRow(self.tr("布局名称"), self.name)
        form.addRow(self.tr("布局类型"), self.kind)
        form.addRow(self.tr("编号方式"), self.numbering)
        form.addRow(self.numbering_hint)
        panel = QWidget(self)
        column = QVBoxLayout(panel)
        column.addLayout(form)
        column.addWidget(self.stack)
        column.addWidget(self.note)
        column.addWidget(self.error)
        column.addStretch(1)
        scroll = QScrollArea(self, widgetResizable=True)
        scroll.setWidget(panel)
        scroll.setMinimumWidth(430)
        tools = QHBoxLayout()
        for widget in (self.selection, QLabel(self.tr("设为区域"), self), self.zone,
                       self._button("set_zone", self.tr("应用区域"), self.apply_zone),
                       self._button("disable", self.tr("停用"), lambda: self.set_disabled(True)),
                       self._button("enable", self.tr("启用"), lambda: self.set_disabled(False))):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self._button("fit", self.tr("适合窗口"), self.fit))
        right = QVBoxLayout()
        right.addLayout(tools)
        right.addWidget(self.view, 1)
        right.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(scroll, 0)
        body.addLayout(right, 1)
        box = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        box.addButton(self._button("save", self.tr("保存"), self.save), role.ActionRole)
        box.addButton(self._button("close", self.tr("关闭"), self.reject), role.RejectRole)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addWidget(box)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.hall.activated.connect(self._hall_chosen)
        self.layout_choice.activated.connect(self._layout_chosen)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.numbering.currentIndexChanged.connect(self._renumbered)
        self.name.textEdited.connect(lambda: setattr(self, "dirty", True))

    def _load_halls(self, select_id: int | None = None, layout_id: int | None = None) -> None:
        self.hall.clear()
        for row in self._hub.read(svc.list_halls):
            self.hall.addItem(f"{row.venue_name} · {row.hall_name}", row.id)
        self.hall.setCurrentIndex(max(self.hall.findData(select_id), 0))
        self._load_layouts(layout_id)

    def _hall_chosen(self) -> None:
        # The combo has already moved: unsaved edits still belong to the previous hall (self._hall_id).
        if self._confirm_discard():
            self._load_layouts()
        else:
            self.hall.setCurrentIndex(self.hall.findData(self._hall_id))

    def _layout_chosen(self) -> None:
        if self._confirm_discard():
            self._open(self.layout_choice.currentData())
        else:
            self.layout_choice.setCurrentIndex(self.layout_choice.findData(self._layout_id))

    def _load_layouts(self, select_id: int | None = None) -> None:
        self.layout_choice.clear()
        hall_id = self._hall_id = self.hall.currentData()
        rows = self._hub.read(svc.list_layouts, hall_id=hall_id) if hall_id is not None else ()
        for row in rows:
            text = self.tr("%1（%2 座）").replace("%1", row.name).replace("%2", str(row.seat_count))
            self.layout_choice.addItem(text, row.id)
        if rows:
            self.layout_choice.setCurrentIndex(max(self.layout_choice.findData(select_id), 0))
            self._open(self.layout_choice.currentData())
        else:
            self.start_new()

    def _open(self, layout_id: int) -> None:
        view = self._hub.read(svc.load_layout, layout_id=layout_id)
        self._layout_id, self._version = view.id, view.version
        self.name.setText(view.name)
        spec = view.spec or default_spec(view.kind if view.kind in KINDS else "auditorium")
        self._show(spec)
        if view.spec is None:
            self.error.setText(self.tr("该布局由旧版本建立，没有模板参数；修改参数并保存将按新参数重新生成座位。"))

    def start_new(self, kind: str = "auditorium") -> None:
        """Begin a new, unsaved layout of ``kind`` with the default parameters."""
        self._layout_id = self._version = None
        self.layout_choice.setCurrentIndex(-1)
        self.name.setText(self.tr("新布局"))
        self._show(default_spec(kind))
        self.dirty = self._hall_id is not None

    def _show(self, spec: LayoutSpec) -> None:
        for combo, value in ((self.kind, spec.kind), (self.numbering, spec.numbering)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        self.forms[spec.kind].set_params(dict(spec.params))
        self.stack.setCurrentWidget(self.forms[spec.kind])
        self._overrides = {k: dict(v) for k, v in spec.overrides.items()}
        self.refresh()
        self.fit()
        self.dirty = False

    def current_spec(self) -> LayoutSpec:
        """The template as on screen. Raises InvalidInput for an unreadable list of numbers."""
        kind = self.kind.currentData()
        params = self.forms[kind].params()
        return LayoutSpec(kind, params, self.numbering.currentData(), dict(self._overrides))

    def _kind_changed(self) -> None:
        self.stack.setCurrentWidget(self.forms[self.kind.currentData()])
        self._edited()
        self.fit()

    def _renumbered(self) -> None:
        # Seat edits follow the seat, not its old number: rekey them to the new labels.
        try:
            spec = self.current_spec()
            before = replace(spec, numbering=self._numbering)
            self._overrides = dict(renumber(before, spec.numbering).overrides)
        except InvalidInput:
            pass  # the form has an error; refresh() shows it
        self.scene.clearSelection()  # the selection is kept by label, and the labels just changed
        self._edited()

    def _edited(self) -> None:
        self.dirty = True
        self.refresh()

    def refresh(self) -> None:
        """Regenerate the preview from the form; a parameter error is shown, the last preview kept."""
        kind = self.kind.currentData()
        self._numbering = self.numbering.currentData()
        self.numbering_hint.setText(NUMBERINGS[self._numbering])
        self.note.setText(TABLE_NOTE if kind in ("boardroom", "banquet") else "")
        try:
            spec = self.current_spec()
            seats, shapes = generate(spec), table_shapes(spec)
        except InvalidInput as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        selected = set(self.selected_labels())
        self.scene.clear()
        for shape in shapes:
            self._draw_table(shape)
        for seat in seats:
            item = SeatBox(seat, self.zones.get(seat.zone, seat.zone))
            self.scene.addItem(item)
            item.setSelected(seat.label in selected)
        self._caption(kind, seats)
        counts = {code: sum(s.zone == code and not s.disabled for s in seats) for code in self.zones}
        zones = "，".join(f"{self.zones[c]} {n}" for c, n in counts.items() if n)
        view = (self.tr("预览为面向主席台的视角（观众视角）。") if kind in ("auditorium", "classroom")
                else self.tr("预览中门口在下方，1 号主位面向门口。"))
        self.status.setText(self.tr("共 %1 个座位（停用 %2）：%3。").replace("%1", str(len(seats)))
                            .replace("%2", str(sum(s.disabled for s in seats))).replace("%3", zones) + view)

    def _draw_table(self, shape: TableShape) -> None:
        rect = QRectF((shape.x - shape.w / 2) * UNIT, (shape.y - shape.h / 2) * UNIT,
                      shape.w * UNIT, shape.h * UNIT)
        item = QGraphicsEllipseItem(rect) if shape.kind == "circle" else QGraphicsRectItem(rect)
        item.setBrush(QBrush(QColor("#ffffff" if shape.hollow else "#e8dcc8")))
        item.setPen(QPen(QColor("#8d6e63")))
        self.scene.addItem(item)
        if shape.label:
            text = self.scene.addSimpleText(shape.label, QFont("", 9))
            text.setPos(rect.center().x() - text.boundingRect().width() / 2, rect.center().y() - 8)

    def _caption(self, kind: str, seats: list[SeatSpec]) -> None:
        if not seats:
            return
        top, bottom = min(s.y for s in seats) * UNIT, max(s.y for s in seats) * UNIT
        stage = kind in ("auditorium", "classroom")
        rows = {(s.row_no, s.y) for s in seats if s.zone != "rostrum" and s.section not in ("列席席",)}
        if kind in ("auditorium", "classroom"):
            left = min(s.x for s in seats) * UNIT - UNIT * 1.6
            for row_no, y in rows:
                label = self.scene.addSimpleText(self.tr("%1排").replace("%1", str(row_no)), QFont("", 8))
                label.setPos(left, y * UNIT - label.boundingRect().height() / 2)
        caption = self.tr("▲ 主席台") if stage else self.tr("▼ 门口")
        text = self.scene.addSimpleText(caption, QFont("", 12, QFont.Weight.Bold))
        text.setPos(-text.boundingRect().width() / 2, top - 60 if stage else bottom + 30)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit()

    def fit(self) -> None:
        bounds = self.scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        self.view.fitInView(bounds, Qt.AspectRatioMode.KeepAspectRatio)

    def selected_labels(self) -> list[str]:
        return [item.label for item in self.scene.selectedItems() if isinstance(item, SeatBox)]

    def _selection_changed(self) -> None:
        self.selection.setText(self.tr("已选 %1 个座位").replace("%1", str(len(self.selected_labels()))))

    def apply_zone(self) -> None:
        """Put the selected seats into the zone chosen in the combo (saved with 保存)."""
        self._override(zone=self.zone.currentData())

    def set_disabled(self, disabled: bool) -> None:
        """Disable or enable the selected seats (saved with 保存)."""
        self._override(disabled=disabled)

    def _override(self, **change: Any) -> None:
        labels = self.selected_labels()
        if not labels:
            self.error.setText(self.tr("请先在预览中框选或按住 Ctrl 点选座位。"))
            return
        kind = self.kind.currentData()
        edited = with_overrides(LayoutSpec(kind, {}, overrides=self._overrides), labels, **change)
        self._overrides = dict(edited.overrides)
        self._edited()

    def save(self) -> bool:
        """Save the layout (new, or regenerated in place); True if saved."""
        try:
            spec = self.current_spec()
        except InvalidInput as exc:
            show_error(self, exc)
            return False
        saved = apply_or_report(self, self._hub, svc.save_layout, hall_id=self._hall_id, name=self.name.text(),
                                spec=spec, layout_id=self._layout_id, version=self._version)
        if saved is None:
            return False
        layout_id, _ = saved
        self.dirty = False
        self._load_layouts(layout_id)
        return True

    def new_hall(self) -> None:
        answer = ask_new_hall(self)
        if answer is None or not self._confirm_discard():
            return
        made = apply_or_report(self, self._hub, svc.create_hall, venue_name=answer[0], hall_name=answer[1])
        if made is not None:
            self._load_halls(made.value)

    def new_layout(self) -> None:
        if self._confirm_discard():
            self.start_new(self.kind.currentData())

    def copy_layout(self) -> None:
        if self._layout_id is None:
            return
        suggested = self.tr("%1（副本）").replace("%1", self.name.text())
        name = ask_name(self, self.tr("复制座位布局"), self.tr("新布局名称"), suggested)
        if name and self._confirm_discard():
            self._run_then_reload(svc.copy_layout, layout_id=self._layout_id, name=name)

    def delete_layout(self) -> None:
        question = self.tr("删除座位布局“%1”及其全部座位？").replace("%1", self.name.text())
        if self._layout_id is not None and ask_yes_no(self, self.tr("删除座位布局"), question):
            self._run_then_reload(svc.delete_layout, layout_id=self._layout_id)

    def _run_then_reload(self, service, **kwargs: Any) -> None:
        result = apply_or_report(self, self._hub, service, **kwargs)
        if result is None:
            return
        self.dirty = False
        self._load_layouts(result.value)

    def _confirm_discard(self) -> bool:
        """With unsaved edits, ask whether to save them first; False means stay."""
        if not self.dirty:
            return True
        question = self.tr("当前布局的修改尚未保存，是否保存？")
        answer = ask_save_discard_cancel(self, self.tr("座位布局"), question)
        return answer == "discard" or (answer == "save" and self.save())

    def reject(self) -> None:
        if self._confirm_discard():
            super().reject()
