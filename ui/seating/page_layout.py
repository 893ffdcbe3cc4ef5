"""The seating page's widgets and how they are arranged, and how a plan's settings and problems are
shown in them. The page itself (``seat_map_page.SeatMapPage``) adds the behaviour; this emits nothing."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rdplanner.registry import domain
from rdplanner.seating import assign
from rdplanner.seating.editing import PlanLayouts
from rdplanner.seating.service import SeatingView
from ui.seating.fitting_combo import FittingCombo
from ui.seating.people_list import PeopleList
from ui.seating.scene import SeatMapView

VIEWPOINTS = {"audience": "面向主席台", "stage": "主席台视角"}
# A boardroom or banquet is drawn door-side down (the head seat faces the door), as printed.
TABLE_VIEWPOINTS = {"audience": "门口在下方", "stage": "门口在上方"}
COLOURINGS = {"zone": "按区域着色", "delegation": "按代表团着色"}
EVEN = {"majority": "双数：2号在1号左手（多数做法）", "minority": "双数：2号在1号右手"}
SEVERITY_MARKS = {"error": "✖ ", "warning": "⚠ ", "info": "ℹ "}
SHOW = {"unseated": "未安排座位的人员", "all": "全部参会人员"}


class SeatMapLayout(QWidget):
    """The seating page's widgets, laid out; ``export(kind)`` is the subclass's (the output menu calls it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The first child, so the last deleted: clearing itself as it goes, it would otherwise update the
        # undo and redo buttons' tooltips after they are gone.
        self.undo_stack = QUndoStack(self)
        self.scene = QGraphicsScene(self)
        self.map = SeatMapView(self.scene, self)
        self.viewpoint = self._combo(VIEWPOINTS)
        self.colouring = self._combo(COLOURINGS)
        self.find = QLineEdit(
            self,
            placeholderText=self.tr("查找姓名"),
            toolTip=self.tr("输入姓名后回车，选中其座位（Ctrl+F）"),
            clearButtonEnabled=True,
        )
        self.fit_button = QPushButton(self.tr("适合窗口"), self)
        self.undo_button = QPushButton(self.tr("撤销"), self, enabled=False)
        self.redo_button = QPushButton(self.tr("重做"), self, enabled=False)
        self.layout_choice = FittingCombo(
            self, toolTip=self.tr("本次活动使用的座位布局（同一会场的布局可重复使用）")
        )
        self.ordering = self._combo(assign.ORDERINGS)
        self.fill = self._combo(assign.FILLS)
        self.delegations_button = QPushButton(self.tr("代表团顺序…"), self)
        self.even = self._combo(EVEN)
        self.rotate = QCheckBox(
            self.tr("前后轮换"),
            self,
            toolTip=self.tr("按同一机构上次会议的座次前后轮换，使每人都有机会坐在前排"),
        )
        self.even.setToolTip(self.tr("主席台一排为双数时 1 号、2 号的位置（以主席台就座者的左右为准）"))
        self.auto_button = QPushButton(self.tr("自动排座"), self, objectName="primary")
        self.clear_button = QPushButton(
            self.tr("清除"), self, toolTip=self.tr("清除所有未锁定的座位安排，锁定的保留")
        )
        self.layout_button = QPushButton(self.tr("座位布局…"), self)
        self.output_button = QPushButton(self.tr("导出与打印"), self)
        self.problems = QListWidget(self, wordWrap=True)
        self.people_filter = self._combo(SHOW)
        self.people_list = PeopleList(self)
        self.legend = QLabel(self, wordWrap=True)
        self.plan_note = QLabel(self, wordWrap=True, objectName="hint")
        self.explanation = QLabel(self, wordWrap=True, objectName="hint")
        self.explain_button = QToolButton(self, text=self.tr("排座规则说明"), checkable=True)
        self.message = QLabel(self, wordWrap=True)
        self._build()

    def _combo(self, items: dict[str, str]) -> QComboBox:
        combo = FittingCombo(self)
        for code, label in items.items():
            combo.addItem(label, code)
        return combo

    def _build(self) -> None:
        top = QHBoxLayout()
        for widget in (
            QLabel(self.tr("视角"), self),
            self.viewpoint,
            self.colouring,
            self.find,
            self.fit_button,
            self.undo_button,
            self.redo_button,
            self.auto_button,
            self.clear_button,
            self.output_button,
        ):
            top.addWidget(widget)
        # Room for the short placeholder, no more: at 1366 px the page must fit beside a 330 px event list.
        self.find.setMinimumWidth(100)
        settings = QHBoxLayout()
        self.ordering.setToolTip(self.tr("台下（主席台以外）各区的排序方式"))
        for widget in (
            self.layout_choice,
            self.layout_button,
            self.ordering,
            self.fill,
            self.delegations_button,
            self.even,
            self.rotate,
        ):
            settings.addWidget(widget)
        settings.addStretch(1)
        menu = QMenu(self)
        for document in domain("seating").documents:
            menu.addAction(document.title + "…", lambda k=document.kind: self.export(k))
        self.output_button.setMenu(menu)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.map, 1)
        left_layout.addWidget(self.legend)
        right = QWidget(self)
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel(self.tr("问题检查"), self, objectName="sectionTitle"))
        side.addWidget(self.problems, 2)
        side.addWidget(
            QLabel(self.tr("人员（拖到座位上即安排；座位上的人拖回这里即移出）"), self, wordWrap=True)
        )
        side.addWidget(self.people_filter)
        side.addWidget(self.people_list, 3)
        side.addWidget(self.plan_note)
        side.addWidget(self.explain_button)
        side.addWidget(self.explanation)
        self.explanation.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 330])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("座次"), self, objectName="pageTitle"))
        layout.addLayout(top)
        layout.addLayout(settings)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def _show_problems(self, data: SeatingView) -> None:
        lines = [SEVERITY_MARKS.get(problem.severity, "✖ ") + problem.message for problem in data.problems]
        if not any(problem.severity in ("error", "warning") for problem in data.problems):
            lines.insert(0, self.tr("未发现问题：应安排的人人有座，分区正确。"))
        if lines != [self.problems.item(i).text() for i in range(self.problems.count())]:
            self.problems.clear()
            self.problems.addItems(lines)

    def _show_settings(self, data: SeatingView, layouts: PlanLayouts) -> None:
        names = TABLE_VIEWPOINTS if data.layout_kind in ("boardroom", "banquet") else VIEWPOINTS
        for index in range(self.viewpoint.count()):
            self.viewpoint.setItemText(index, names[self.viewpoint.itemData(index)])
        self.layout_choice.blockSignals(True)
        self.layout_choice.clear()
        for layout_id, name in layouts.layouts:
            self.layout_choice.addItem(name, layout_id)
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(data.layout_id)))
        self.layout_choice.blockSignals(False)
        for combo, value in (
            (self.ordering, data.ordering),
            (self.fill, data.fill),
            (self.even, data.even_convention),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.fill.setEnabled(data.ordering == "blocks")
        self.delegations_button.setVisible(data.ordering in ("blocks", "delegation"))
        self.rotate.setChecked(data.rotate)
        self.plan_note.setText(self._rotation_note(data))

    def _rotation_note(self, data: SeatingView) -> str:
        if not data.rotate:
            note = self.tr("前后轮换已关闭。")
        elif data.previous_event_name and not data.rotation_offset:
            note = self.tr("轮换：上次会议为“%1”；本次从第一排起排（已轮换一周，或只有一排）。").replace(
                "%1", data.previous_event_name
            )
        elif data.previous_event_name:
            unit = self.tr("个代表团") if data.ordering == "blocks" else self.tr("排")
            note = (
                self.tr("轮换：上次会议为“%1”，本次整体后移 %2 %3，后面的人轮到前面。")
                .replace("%1", data.previous_event_name)
                .replace("%2", str(data.rotation_offset))
                .replace("%3", unit)
            )
        else:
            note = self.tr("轮换：没有找到同一机构上次会议的座次，本次按原顺序排。")
        return note
