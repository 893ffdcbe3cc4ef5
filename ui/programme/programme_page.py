"""The programme page (会议日程): the event's days and items, edited with undo, and its problems.

Every action is one undoable step (the Edit menu's 撤销/重做); the problems list under the programme
names each finding, and choosing one selects its item.
"""

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
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
from rdplanner.problems import ItemRef
from rdplanner.programme.problems import programme_problems
from rdplanner.programme.read import Programme, ProgrammeItem, day_text, load_choices, load_programme
from rdplanner.programme.service import (
    add_item,
    copy_items_to_day,
    move_item,
    remove_items,
    update_item,
    validate_item,
)
from rdplanner.programme.snapshots import PROGRAMME
from rdplanner.programme.templates import apply_programme_template
from ui.actions import page_action
from ui.dialogs import ask_yes_no, show_error
from ui.plan_page import PageFeed
from ui.programme.item_dialog import ItemDialog
from ui.programme.programme_model import DAY, ITEM_ID, ProgrammeModel
from ui.undo import EventUndo

TIME_MARGIN = 24  # the cell's padding and the branch decoration's spacing

ASSUMPTIONS = ("报到可安排在开幕前一天、返程在闭幕后一天；“时间重叠”只计两项都要参加的人（已准假的不计）；"
               "全体会议和分组会议是签到的会次，已有签到记录的不能删除。")


class ProgrammePage(QWidget):
    """Shows one event's programme; refreshes itself when the hub reports programme changes."""

    def __init__(self, hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._event_id: int | None = None
        self.programme: Programme | None = None
        self.problems: tuple = ()
        self.feed = PageFeed(self, hub)
        self.undo = EventUndo(self, hub, PROGRAMME, event_id=lambda: self._event_id, reload=self.reload,
                              show=lambda error: show_error(self, error))
        self.undo_stack = self.undo.stack
        self.title = QLabel(self.tr("会议日程"), self, objectName="pageTitle")
        self.summary = QLabel(self, wordWrap=True)
        self.model = ProgrammeModel(self)
        self.tree = QTreeView(self)
        self.problem_list = QListWidget(self)
        self.problem_title = QLabel(self)
        self.assumption = QLabel(self.tr(ASSUMPTIONS), self, objectName="hint", wordWrap=True)
        self._build_tree()
        self._build_actions()
        self._build_layout()

    def _build_tree(self) -> None:
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)  # the time column keeps its width for 08:30—11:30
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column, width in enumerate((112, 250, 70, 140, 150, 50)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.doubleClicked.connect(self._activated)
        self.tree.selectionModel().selectionChanged.connect(self._update_actions)
        self.problem_list.itemActivated.connect(self._problem_chosen)
        self.problem_list.itemClicked.connect(self._problem_chosen)

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None) -> QAction:
            return page_action(self, text, slot, shortcut)

        self.action_add = action(self.tr("添加日程"), self.add_item, QKeySequence("Ctrl+Shift+N"))
        self.action_edit = action(self.tr("编辑"), self.edit_current, QKeySequence("Return"))
        self.action_up = action(self.tr("上移"), lambda: self.move_current(-1), QKeySequence("Ctrl+Up"))
        self.action_down = action(self.tr("下移"), lambda: self.move_current(1), QKeySequence("Ctrl+Down"))
        self.action_copy = action(self.tr("复制到…"), self.copy_selected, QKeySequence("Ctrl+Shift+D"))
        self.action_remove = action(self.tr("删除"), self.remove_selected, QKeySequence.StandardKey.Delete)
        self.action_template = action(self.tr("按模板生成初稿"), self.apply_template)

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for made in (self.action_add, self.action_edit, self.action_up, self.action_down, self.action_copy,
                     self.action_remove, self.action_template):
            button = QPushButton(made.text(), self)
            button.clicked.connect(made.trigger)
            made.changed.connect(lambda b=button, a=made: b.setEnabled(a.isEnabled()))
            shortcut = made.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{made.text()}（{shortcut}）" if shortcut else made.text())
            buttons.addWidget(button)
        buttons.addStretch(1)
        below = QWidget(self)
        problems = QVBoxLayout(below)
        problems.setContentsMargins(0, 0, 0, 0)
        problems.addWidget(self.problem_title)
        problems.addWidget(self.problem_list)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 120])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.assumption)
        layout.addLayout(buttons)

    # -- the page protocol (ui/plan_page.py) --

    def load(self, event_id: int) -> None:
        if event_id != self._event_id:
            self.undo_stack.clear()
        self._event_id = event_id
        self.reload()

    def concerns(self, changes: Changes) -> bool:
        return self._event_id is not None and (
            changes.touches("programme", self._event_id) or changes.touches("transport", self._event_id)
            or self._event_id in changes.event_ids or changes.touches("people", self._event_id))

    def apply_changes(self, changes: Changes) -> None:
        self.reload(keep=changes.row_ids("item"))

    def select_item(self, ref: ItemRef) -> bool:
        if ref.kind != "item":
            return False
        return self._select_ids({ref.id})

    # -- reading --

    def reload(self, keep: frozenset[int] = frozenset()) -> None:
        if self._event_id is None:
            return
        selected = set(self.selected_ids()) | set(keep)
        try:
            self.programme = self._hub.read(load_programme, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        self.problems = tuple(programme_problems(self.programme))
        self.model.fill(self.programme, self.problems)
        metrics = self.tree.fontMetrics()  # the time column fits "08:30—11:30" whole in the tree's font
        self.tree.header().resizeSection(0, max(self.tree.header().sectionSize(0), metrics.horizontalAdvance(
            "08:30—11:30") + self.tree.indentation() + TIME_MARGIN))
        for row in range(self.model.rowCount()):  # a day's heading runs across the columns
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        self._select_ids(selected, scroll=False)
        self._show_summary()
        self._show_problems()
        self._update_actions()

    def _show_summary(self) -> None:
        programme = self.programme
        days = (programme.end_date - programme.start_date).days + 1
        self.summary.setText(self.tr("%1：%2 至 %3，共 %4 天，日程 %5 项。").replace("%1", programme.event_name)
                             .replace("%2", day_text(programme.start_date)).replace("%3", day_text(programme.end_date))
                             .replace("%4", str(days)).replace("%5", str(len(programme.items))))

    def _show_problems(self) -> None:
        self.problem_list.clear()
        for problem in self.problems:
            entry = QListWidgetItem(("⚠ " if problem.severity == "error" else "· ") + problem.message)
            entry.setData(Qt.ItemDataRole.UserRole, problem.ids("item"))
            entry.setToolTip(problem.message)
            self.problem_list.addItem(entry)
        self.problem_title.setText(self.tr("问题（%1）").replace("%1", str(len(self.problems))) if self.problems
                                   else self.tr("问题：无"))

    # -- selection --

    def selected_ids(self) -> list[int]:
        ids = []
        for index in self.tree.selectionModel().selectedRows(0):
            item_id = index.data(ITEM_ID)
            if item_id is not None:
                ids.append(item_id)
        return ids

    def current_item(self) -> ProgrammeItem | None:
        ids = self.selected_ids()
        return self.programme.item(ids[0]) if ids and self.programme else None

    def _current_day(self) -> date:
        index = self.tree.currentIndex()
        while index.isValid() and index.parent().isValid():
            index = index.parent()
        day = index.sibling(index.row(), 0).data(DAY) if index.isValid() else None
        item = self.current_item()
        return (item.day if item and item.day else day) or self.programme.start_date

    def _select_ids(self, ids: set[int], *, scroll: bool = True) -> bool:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        first = None
        for day_row in range(self.model.rowCount()):
            head = self.model.index(day_row, 0)
            for row in range(self.model.rowCount(head)):
                index = self.model.index(row, 0, head)
                if index.data(ITEM_ID) in ids:
                    selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
                    first = first or index
        if first is not None:
            selection.setCurrentIndex(first, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
            if scroll:
                self.tree.scrollTo(first)
        return first is not None

    def _update_actions(self, *_args) -> None:
        ids = self.selected_ids()
        shown = self.programme is not None
        self.action_add.setEnabled(shown)
        self.action_edit.setEnabled(len(ids) == 1)
        self.action_up.setEnabled(len(ids) == 1)
        self.action_down.setEnabled(len(ids) == 1)
        self.action_copy.setEnabled(bool(ids))
        self.action_remove.setEnabled(bool(ids))
        self.action_template.setEnabled(shown and not self.programme.items)

    def _activated(self, index: QModelIndex) -> None:
        if index.data(ITEM_ID) is not None:
            self.edit_current()
        else:
            self.add_item()

    def _problem_chosen(self, entry: QListWidgetItem) -> None:
        ids = entry.data(Qt.ItemDataRole.UserRole) or ()
        if ids:
            self._select_ids({ids[0]})

    # -- actions, each one undoable step --

    def _dialog(self, item: ProgrammeItem | None) -> ItemDialog | None:
        try:
            choices = self._hub.read(load_choices, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return None
        event_id = self._event_id
        return ItemDialog(self, choices=choices, day=self._current_day(), item=item,
                          check=lambda draft: self._hub.read(validate_item, event_id, draft))

    def add_item(self) -> None:
        if self.programme is None:
            return
        dialog = self._dialog(None)
        if dialog is None or dialog.exec() != ItemDialog.DialogCode.Accepted:
            return
        made = self.undo.run(self.tr("添加日程"), add_item, event_id=self._event_id, draft=dialog.draft())
        if made is not None:
            self._select_ids({made.value})

    def edit_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dialog = self._dialog(item)
        if dialog is None or dialog.exec() != ItemDialog.DialogCode.Accepted:
            return
        self.undo.run(self.tr("编辑日程“%1”").replace("%1", item.name), update_item, item_id=item.id,
                       expected_version=item.version, draft=dialog.draft())
        self._select_ids({item.id})

    def move_current(self, step: int) -> None:
        item = self.current_item()
        if item is None:
            return
        self.undo.run(self.tr("移动日程“%1”").replace("%1", item.name), move_item, item_id=item.id, step=step)
        self._select_ids({item.id})

    def copy_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.programme is None:
            return
        days = [d for d in self.programme.days() if d != self._current_day()] or list(self.programme.days())
        labels = [day_text(d) for d in days]
        chosen, ok = QInputDialog.getItem(self, self.tr("复制日程"), self.tr("复制 %1 项日程到：").replace(
            "%1", str(len(ids))), labels, 0, False)
        if not ok:
            return
        made = self.undo.run(self.tr("复制 %1 项日程").replace("%1", str(len(ids))), copy_items_to_day,
                              item_ids=ids, day=days[labels.index(chosen)])
        if made is not None:
            self._select_ids(set(made.value))

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.programme is None:
            return
        names = "、".join(f"“{self.programme.item(i).name}”" for i in ids[:3]) + ("等" if len(ids) > 3 else "")
        if not ask_yes_no(self, self.tr("删除日程"), self.tr("删除 %1 共 %2 项日程？已安排的车辆行程保留，不再关联日程。可撤销。")
                       .replace("%1", names).replace("%2", str(len(ids)))):
            return
        self.undo.run(self.tr("删除 %1 项日程").replace("%1", str(len(ids))), remove_items, item_ids=ids)

    def apply_template(self) -> None:
        if self._event_id is None:
            return
        self.undo.run(self.tr("按模板生成日程初稿"), apply_programme_template, event_id=self._event_id)
