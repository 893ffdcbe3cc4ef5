"""The trips page (车辆行程): the event's trips by day and time, edited with undo, their problems, the
selected trip's passengers in seat order, and the fleet directory (车队…).

Every action on trips is one undoable step (the Edit menu's 撤销/重做); the fleet directory is shared by
every event and is not undone. Tools that plan trips (自动安排: rdplanner.transport.planner) add their
button with ``add_tool`` and run through ``run_action``.
"""

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rdplanner.changes import Changes
from rdplanner.errors import RdplannerError
from rdplanner.labels import TRIP_STATUSES
from rdplanner.problems import ERROR, ItemRef
from rdplanner.programme.read import day_text
from rdplanner.transport.trip_rules import STATUS_STEPS
from rdplanner.transport.trips_read import TripRow
from ui.actions import page_action
from ui.dialogs import show_error
from ui.plan_page import PageFeed
from ui.transport.trip_actions import TripActions
from ui.transport.trip_data import TripsView, load_trips_view
from ui.transport.trips_model import DAY, TRIP_ID, TripsModel, vehicle_text
from ui.transport.wording import filled
from ui.undo import Feedback

ASSUMPTIONS = ("未填返回时间的行程按 1 小时计；前一趟返回与后一趟出发时刻相同不算冲突；"
               "车辆和驾驶员的占用跨活动核对。")


class TripsPage(QWidget, TripActions):
    """Shows one event's trips; refreshes itself when the hub reports transport, programme or roster
    changes of the event, or fleet changes (transport of every event)."""

    def __init__(self, hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._event_id: int | None = None
        self.view: TripsView | None = None
        self._errors: list[RdplannerError] | None = None  # set while a dialog collects a refusal
        self.feed = PageFeed(self, hub)
        self.undo_stack = QUndoStack(self)
        self._feedback = Feedback(self._undo_error)
        self.title = QLabel(self.tr("车辆行程"), self, objectName="pageTitle")
        self.summary = QLabel(self, wordWrap=True)
        self.model = TripsModel(self)
        self.tree = QTreeView(self)
        self.problem_title = QLabel(self)
        self.problem_list = QListWidget(self)
        self.detail_title = QLabel(self, wordWrap=True)
        self.detail_list = QListWidget(self)
        self.assumption = QLabel(self.tr(ASSUMPTIONS), self, objectName="hint", wordWrap=True)
        self.tools = QHBoxLayout()  # room for planning tools (add_tool)
        self._build_tree()
        self._build_actions()
        self._build_layout()

    def _build_tree(self) -> None:
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in enumerate((112, 190, 170, 128, 84, 66, 58)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.doubleClicked.connect(self._activated)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.problem_list.setWordWrap(True)
        self.problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_list.itemActivated.connect(self._problem_chosen)
        self.problem_list.itemClicked.connect(self._problem_chosen)

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None) -> QAction:
            return page_action(self, text, slot, shortcut)

        key = QKeySequence
        self.action_add_trip = action(self.tr("新建行程"), self.add_trip, key("Ctrl+Shift+N"))
        self.action_edit_trip = action(self.tr("编辑"), self.edit_current, key("Return"))
        self.action_copy_trip = action(self.tr("复制到其他日期…"), self.copy_current, key("Ctrl+Shift+D"))
        self.action_return_trip = action(self.tr("生成返程"), self.make_return)
        self.action_advance_trip = action(self.tr("下一步"), self.advance_current, key("Ctrl+Shift+Right"))
        self.action_remove_trip = action(self.tr("删除"), self.remove_current, key.StandardKey.Delete)
        self.action_open_fleet = action(self.tr("车队…"), self.open_fleet)
        self.action_plan = QAction(self.tr("自动安排…"), self, toolTip=self.tr("按日程为需用车的人员自动排车，先看方案再保存"))
        self.action_plan.triggered.connect(self.plan_transport)

    def _button(self, made: QAction) -> QPushButton:
        button = QPushButton(made.text(), self)
        button.clicked.connect(made.trigger)

        def follow() -> None:
            button.setEnabled(made.isEnabled())
            button.setText(made.text())
            shortcut = made.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(made.toolTip() + (f"（{shortcut}）" if shortcut else ""))

        made.changed.connect(follow)
        follow()
        return button

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for made in (self.action_add_trip, self.action_edit_trip, self.action_copy_trip,
                     self.action_return_trip, self.action_advance_trip, self.action_remove_trip):
            buttons.addWidget(self._button(made))
        buttons.addLayout(self.tools)
        self.add_tool(self.action_plan)
        buttons.addStretch(1)
        buttons.addWidget(self._button(self.action_open_fleet))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(self._column(self.problem_title, self.problem_list))
        below.addWidget(self._column(self.detail_title, self.detail_list))
        below.setSizes([560, 320])
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 150])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.assumption)
        layout.addLayout(buttons)

    def _column(self, title: QLabel, body: QWidget) -> QWidget:
        column = QWidget(self)
        box = QVBoxLayout(column)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(title)
        box.addWidget(body)
        return column

    def add_tool(self, made: QAction) -> QPushButton:
        """Put a tool's action (自动安排) on the button row after the trip actions; return its button."""
        self.addAction(made)
        button = self._button(made)
        self.tools.addWidget(button)
        return button

    # -- the page protocol (ui/plan_page.py) --

    def load(self, event_id: int) -> None:
        if event_id != self._event_id:
            self.undo_stack.clear()
        self._event_id = event_id
        self.reload()

    def concerns(self, changes: Changes) -> bool:
        event = self._event_id
        return event is not None and (
            changes.touches("transport", event) or changes.touches("programme", event)
            or changes.touches("people", event) or event in changes.event_ids)

    def apply_changes(self, changes: Changes) -> None:
        self.reload()

    def select_item(self, ref: ItemRef) -> bool:
        trips = self.view.trips if self.view else ()
        if ref.kind == "trip":
            ids = {ref.id}
        elif ref.kind == "item":
            ids = {t.id for t in trips if t.sitting_id == ref.id}
        elif ref.kind == "participation":
            ids = {t.id for t in trips if ref.id in t.passenger_ids}
        else:
            return False
        first = next((t.id for t in trips if t.id in ids), None)
        return first is not None and self._select(first)

    # -- reading --

    def reload(self) -> None:
        if self._event_id is None:
            return
        current = self.current_trip()
        try:
            self.view = self._hub.read(load_trips_view, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        self.model.fill(self.view)
        for row in range(self.model.rowCount()):  # a day's heading runs across the columns
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        if current is not None:
            self._select(current.id, scroll=False)
        self._show_summary()
        self._show_problems()
        self._selection_changed()

    def _show_summary(self) -> None:
        trips = self.view.trips
        sent = sum(1 for t in trips if t.status in ("dispatched", "done"))
        riders = sum(len(t.passengers) for t in trips)
        cars = len({t.vehicle_id for t in trips if t.vehicle_id is not None})
        first, last = (day_text(d, weekday=False) for d in (self.view.start_date, self.view.end_date))
        sentence = self.tr("%1：%2 至 %3，行程 %4 趟（已派车 %5 趟），用车 %6 辆，乘车 %7 人次。")
        self.summary.setText(filled(sentence, self.view.event_name, first, last, len(trips), sent, cars,
                                    riders))

    def _show_problems(self) -> None:
        self.problem_list.clear()
        problems = self.view.problems
        for problem in problems:
            entry = QListWidgetItem(("⚠ " if problem.severity == ERROR else "· ") + problem.message)
            entry.setData(Qt.ItemDataRole.UserRole, problem.pointer)
            entry.setToolTip(problem.message)
            if problem.severity == ERROR:
                entry.setForeground(Qt.GlobalColor.darkRed)
            self.problem_list.addItem(entry)
        errors = sum(1 for p in problems if p.severity == ERROR)
        self.problem_title.setText(self.tr("问题（%1，其中错误 %2）").replace("%1", str(len(problems)))
                                   .replace("%2", str(errors)) if problems else self.tr("问题：无"))

    def _show_detail(self, trip: TripRow | None) -> None:
        self.detail_list.clear()
        if trip is None:
            self.detail_title.setText(self.tr("选中一趟行程，这里列出乘车人员和座次。"))
            return
        driver = trip.driver_name or self.tr("未定驾驶员")
        if trip.driver_phone:
            driver = f"{driver}（{trip.driver_phone}）"
        self.detail_title.setText(f"“{trip.title}”　{trip.when}\n{vehicle_text(trip)}　{driver}")
        for rider in trip.passengers:
            self.detail_list.addItem(f"{rider.seat_label or '座次未排'}　{rider.name}")
        if not trip.passengers:
            self.detail_list.addItem(self.tr("（尚未安排乘车人员）"))

    # -- selection --

    def current_trip(self) -> TripRow | None:
        index = self.tree.currentIndex()
        chosen = index.isValid() and self.tree.selectionModel().isSelected(index)
        trip_id = index.data(TRIP_ID) if chosen else None
        return self.view.trip(trip_id) if self.view and trip_id is not None else None

    def _select(self, trip_id: int, *, scroll: bool = True) -> bool:
        for day_row in range(self.model.rowCount()):
            head = self.model.index(day_row, 0)
            for row in range(self.model.rowCount(head)):
                index = self.model.index(row, 0, head)
                if index.data(TRIP_ID) == trip_id:
                    self.tree.selectionModel().setCurrentIndex(
                        index, self.tree.selectionModel().SelectionFlag.ClearAndSelect
                        | self.tree.selectionModel().SelectionFlag.Rows)
                    if scroll:
                        self.tree.scrollTo(index)
                    return True
        return False

    def _current_day(self) -> date:
        index = self.tree.currentIndex()
        while index.isValid() and index.parent().isValid():
            index = index.parent()
        day = index.sibling(index.row(), 0).data(DAY) if index.isValid() else None
        trip = self.current_trip()
        if trip is not None and trip.depart_at is not None:
            return trip.depart_at.date()
        return day or self.view.start_date

    def _selection_changed(self, *_args) -> None:
        trip = self.current_trip()
        shown = self.view is not None
        self.action_add_trip.setEnabled(shown)
        for made in (self.action_edit_trip, self.action_copy_trip, self.action_remove_trip):
            made.setEnabled(trip is not None)
        self.action_return_trip.setEnabled(trip is not None and trip.return_at is not None)
        self.action_return_trip.setToolTip(self.tr("生成返程：起终点互换，返回时刻出发") if trip is None
                                           or trip.return_at else self.tr("去程未填返回时间，无法生成返程"))
        following = self._next_status(trip)
        self.action_advance_trip.setEnabled(following is not None)
        self.action_advance_trip.setText(self.tr("下一步：%1").replace("%1", TRIP_STATUSES[following])
                                         if following else self.tr("下一步"))
        self.action_advance_trip.setToolTip(self.tr("状态依次为 ") + " → ".join(TRIP_STATUSES.values()))
        self._show_detail(trip)

    @staticmethod
    def _next_status(trip: TripRow | None) -> str | None:
        if trip is None or trip.status not in STATUS_STEPS or trip.status == STATUS_STEPS[-1]:
            return None
        return STATUS_STEPS[STATUS_STEPS.index(trip.status) + 1]

    def _activated(self, index: QModelIndex) -> None:
        if index.data(TRIP_ID) is not None:
            self.edit_current()
        else:
            self.add_trip()

    def _problem_chosen(self, entry: QListWidgetItem) -> None:
        pointer = entry.data(Qt.ItemDataRole.UserRole)
        if pointer is not None:
            self.select_item(pointer)
