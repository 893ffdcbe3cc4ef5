"""The catering page (用餐): the event's meals by day with their derived headcounts, the selected meal's
breakdown, dietary needs with names and menu with prices and review findings, and the problems.

Every action on the meals and menus is one undoable step (the Edit menu's 撤销/重做, Ctrl+Z); choosing a
problem selects its meal. The word list (节约词表) is the office's and is edited in its own dialog.
"""

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from rdplanner.catering import service
from rdplanner.catering.documents import breakdown
from rdplanner.catering.headcount import left_out_text
from rdplanner.catering.menu_review import review_dishes
from rdplanner.catering.problems import catering_problems
from rdplanner.catering.read import CateringPlan, MealRow, day_text, load_catering, yuan
from rdplanner.catering.snapshots import CATERING
from rdplanner.changes import Changes
from rdplanner.errors import RdplannerError
from rdplanner.problems import ItemRef
from ui.actions import page_action
from ui.catering.meal_dialog import AdjustDialog, DishDialog, MealDialog
from ui.catering.meals_model import DAY, MEAL_ID, PLACE, MealsModel, fit_columns
from ui.catering.words_dialog import WordsDialog
from ui.dialogs import ask_yes_no, show_error
from ui.documents.flow import export_document
from ui.plan_page import PageFeed
from ui.undo import EventUndo

DISH_HEADERS = ("菜名", "类别", "人均", "审核")
ASSUMPTIONS = ("人数由名单推算：按报到、离会日期在会，未准假且需用餐；本地人员不住会的不计早餐；工作人员、驾驶员按每餐设置计入；"
               "手工调整须填原因。菜单按节约词表审核，会议不得宴请、不得提供烟酒，每天人均合计不超过伙食费标准。")



class CateringPage(QWidget):
    """Shows one event's catering; refreshes itself when the hub reports catering, roster or trip changes."""

    def __init__(self, hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._event_id: int | None = None
        self.plan: CateringPlan | None = None
        self.problems: tuple = ()
        self.feed = PageFeed(self, hub)
        self.undo = EventUndo(self, hub, CATERING, event_id=lambda: self._event_id, reload=self.reload,
                              show=lambda error: show_error(self, error))
        self.undo_stack = self.undo.stack
        self.title = QLabel(self.tr("用餐"), self, objectName="pageTitle")
        self.summary = QLabel(self, wordWrap=True)
        self.model = MealsModel(self)
        self.tree = QTreeView(self)
        self.detail = QLabel(self, wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dishes = QTableWidget(0, len(DISH_HEADERS), self)
        self.problem_title = QLabel(self)
        self.problem_list = QListWidget(self)
        self.notice = QLabel(self, objectName="hint")
        self.assumption = QLabel(self.tr(ASSUMPTIONS), self, objectName="hint", wordWrap=True)
        self._build_views()
        self._build_actions()
        self._build_layout()

    def _build_views(self) -> None:
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PLACE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        self.tree.doubleClicked.connect(lambda *_: self.edit_meal())
        self.tree.selectionModel().currentChanged.connect(self._show_meal)
        self.dishes.setHorizontalHeaderLabels(list(DISH_HEADERS))
        self.dishes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dishes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dishes.verticalHeader().hide()
        self.dishes.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.dishes.doubleClicked.connect(lambda *_: self.edit_dish())
        self.problem_list.itemActivated.connect(self._problem_chosen)
        self.problem_list.itemClicked.connect(self._problem_chosen)

    def _build_actions(self) -> None:
        def action(text, slot, shortcut=None):
            return page_action(self, text, slot, shortcut)

        self.action_add = action(self.tr("添加用餐"), self.add_meal, QKeySequence("Ctrl+Shift+N"))
        self.action_from_programme = action(self.tr("按日程生成"), self.from_programme)
        self.action_standard_day = action(self.tr("当天一日三餐"), self.standard_day)
        self.action_edit = action(self.tr("编辑"), self.edit_meal, QKeySequence("Return"))
        self.action_adjust = action(self.tr("调整人数…"), self.adjust)
        self.action_remove = action(self.tr("删除"), self.remove_meal, QKeySequence.StandardKey.Delete)
        self.action_add_dish = action(self.tr("添加菜品"), self.add_dish)
        self.action_edit_dish = action(self.tr("编辑菜品"), self.edit_dish)
        self.action_remove_dish = action(self.tr("删除菜品"), self.remove_dish)
        self.action_words = action(self.tr("节约词表…"), self.open_words)
        self.action_export_meals = action(self.tr("用餐安排表…"), lambda: self.export("meals"))
        self.action_export = action(self.tr("厨房备餐通知…"), lambda: self.export("kitchen"))
        self.action_export_menus = action(self.tr("菜单审核表…"), lambda: self.export("menus"))
        self.export_actions = (self.action_export_meals, self.action_export, self.action_export_menus)

    def _buttons(self, actions) -> QHBoxLayout:
        row = QHBoxLayout()
        for made in actions:
            button = QPushButton(made.text(), self)
            button.clicked.connect(made.trigger)
            made.changed.connect(lambda b=button, a=made: b.setEnabled(a.isEnabled()))
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_layout(self) -> None:
        right = QWidget(self)
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.detail)
        side.addWidget(self.dishes, 1)
        side.addLayout(self._buttons((self.action_add_dish, self.action_edit_dish, self.action_remove_dish)))
        across = QSplitter(Qt.Orientation.Horizontal, self)
        across.addWidget(self.tree)
        across.addWidget(right)
        across.setSizes([620, 340])  # the meal columns whole at 1366×768; the detail wraps
        across.setStretchFactor(0, 2)
        across.setStretchFactor(1, 1)
        below = QWidget(self)
        problems = QVBoxLayout(below)
        problems.setContentsMargins(0, 0, 0, 0)
        problems.addWidget(self.problem_title)
        problems.addWidget(self.problem_list)
        down = QSplitter(Qt.Orientation.Vertical, self)
        down.addWidget(across)
        down.addWidget(below)
        down.setStretchFactor(0, 3)
        down.setSizes([430, 90])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(down, 1)
        layout.addWidget(self.assumption)
        layout.addWidget(self.notice)
        self.export_button_row = self._buttons((
            self.action_add, self.action_from_programme, self.action_standard_day, self.action_edit,
            self.action_adjust, self.action_remove, self.action_words))
        self.export_button = QPushButton(self.tr("导出…"), self, toolTip=self.tr(
            "用餐安排表（.xlsx）、厨房备餐通知（.pdf，每餐一页）或菜单审核表（.xlsx 或 .pdf）"))
        menu = QMenu(self.export_button)
        for made in self.export_actions:
            menu.addAction(made)
        self.export_button.setMenu(menu)
        self.export_button_row.insertWidget(self.export_button_row.count() - 1, self.export_button)
        layout.addLayout(self.export_button_row)
        self.notice.hide()

    # -- the page protocol (ui/plan_page.py) --

    def load(self, event_id: int) -> None:
        if event_id != self._event_id:
            self.undo_stack.clear()
        self._event_id = event_id
        self.reload()

    def concerns(self, changes: Changes) -> bool:
        return self._event_id is not None and any(
            changes.touches(key, self._event_id) for key in ("catering", "people", "programme", "transport",
                                                             "lodging")) or (
            self._event_id is not None and self._event_id in changes.event_ids)

    def apply_changes(self, changes: Changes) -> None:
        self.reload(keep=changes.row_ids("meal"))

    def select_item(self, ref: ItemRef) -> bool:
        return ref.kind == "meal" and self._select(ref.id)

    # -- reading --

    def reload(self, keep: frozenset[int] = frozenset()) -> None:
        if self._event_id is None:
            return
        current = self.current_meal()
        wanted = current.id if current else (min(keep) if keep else None)
        first = wanted is None
        try:
            self.plan = self._hub.read(load_catering, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        self.problems = catering_problems(self.plan)
        self.model.fill(self.plan, self.problems)
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        fit_columns(self.tree, self.model)
        if first and self.plan.meals:
            wanted = self.plan.meals[0].id
        if wanted is None or not self._select(wanted, scroll=False):
            self._show_meal()
        self._show_summary()
        self._show_problems()

    def _show_summary(self) -> None:
        plan = self.plan
        people = max((c.total for c in plan.counts.values()), default=0)
        quota = (self.tr("；伙食费标准 %1/人·天").replace("%1", yuan(plan.meal_quota_fen))
                 if plan.meal_quota_fen is not None and not plan.is_reception else "")
        self.summary.setText(self.tr("%1：用餐 %2 餐，每餐最多 %3 人%4。").replace("%1", plan.event_name)
                             .replace("%2", str(len(plan.meals))).replace("%3", str(people)).replace("%4", quota))

    def _show_problems(self) -> None:
        self.problem_list.clear()
        for problem in self.problems:
            entry = QListWidgetItem(("⚠ " if problem.severity == "error" else "· ") + problem.message)
            entry.setData(Qt.ItemDataRole.UserRole, problem.ids("meal"))
            entry.setToolTip(problem.message)
            self.problem_list.addItem(entry)
        self.problem_title.setText(self.tr("问题（%1）").replace("%1", str(len(self.problems))) if self.problems
                                   else self.tr("问题：无"))

    def _show_meal(self, *_args) -> None:
        meal = self.current_meal()
        self.dishes.setRowCount(0)
        self._update_actions()
        if meal is None:
            self.detail.setText(self.tr("选择一餐，查看人数构成、特殊餐食和菜单。"))
            return
        count = self.plan.counts[meal.id]
        lines = [f"<b>{meal.label}</b>　{meal.style_label}　{meal.place or '地点未定'}"
                 + (f"　（日程：{meal.sitting_name}）" if meal.sitting_name else ""),
                 f"就餐 {count.total} 人：{breakdown(count, meal)}；{count.tables} 桌（每桌 {meal.table_size} 人"
                 + (f"，清真 {count.halal_tables} 桌" if count.halal_tables else "") + "）",
                 left_out_text(count, meal.kind)]
        for _, label, names in count.needs():
            lines.append(f"{label} {len(names)} 人：{'、'.join(names[:6])}{'等' if len(names) > 6 else ''}")
        lines.append(f"特殊餐食：{'、'.join(meal.provision_list) or '未安排'}；菜单人均 {yuan(meal.price_fen)}")
        self.detail.setText("<br>".join(lines))
        self._fill_dishes(meal)

    def _fill_dishes(self, meal: MealRow) -> None:
        findings: dict[int, list[str]] = {}
        for f in review_dishes(meal.menu, self.plan.words, is_reception=self.plan.is_reception):
            findings.setdefault(f.dish_id, []).append(f"含“{f.word}”：{f.rule}")
        self.dishes.setRowCount(len(meal.menu))
        for row, dish in enumerate(meal.menu):
            found = findings.get(dish.id)
            for column, text in enumerate((dish.name, dish.category, yuan(dish.price_fen),
                                           "；".join(found) if found else self.tr("符合"))):
                item = QTableWidgetItem(("⚠ " if found and column == 0 else "") + text)
                item.setData(Qt.ItemDataRole.UserRole, dish.id)
                item.setToolTip(text)
                if found:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.dishes.setItem(row, column, item)
        self.dishes.resizeColumnToContents(0)

    # -- selection --

    def current_meal(self) -> MealRow | None:
        meal_id = self.tree.currentIndex().data(MEAL_ID)
        return self.plan.meal(meal_id) if self.plan and meal_id is not None else None

    def current_dish(self):
        meal, row = self.current_meal(), self.dishes.currentRow()
        return meal.menu[row] if meal and 0 <= row < len(meal.menu) else None

    def _current_day(self) -> date:
        meal = self.current_meal()
        index = self.tree.currentIndex()
        day = index.sibling(index.row(), 0).data(DAY) if index.isValid() else None
        return meal.meal_date if meal else (day or self.plan.start_date)

    def _select(self, meal_id: int, *, scroll: bool = True) -> bool:
        for day_row in range(self.model.rowCount()):
            head = self.model.index(day_row, 0)
            for row in range(self.model.rowCount(head)):
                index = self.model.index(row, 0, head)
                if index.data(MEAL_ID) == meal_id:
                    self.tree.setCurrentIndex(index)
                    if scroll:
                        self.tree.scrollTo(index)
                    self._show_meal()
                    return True
        return False

    def _update_actions(self) -> None:
        meal, shown = self.current_meal(), self.plan is not None
        for made in (self.action_add, self.action_from_programme, self.action_standard_day, self.action_words,
                     *self.export_actions):
            made.setEnabled(shown)
        self.export_button.setEnabled(shown)
        for made in (self.action_edit, self.action_adjust, self.action_remove, self.action_add_dish):
            made.setEnabled(meal is not None)
        self.action_edit_dish.setEnabled(bool(meal and meal.menu))
        self.action_remove_dish.setEnabled(bool(meal and meal.menu))

    def _problem_chosen(self, entry: QListWidgetItem) -> None:
        ids = entry.data(Qt.ItemDataRole.UserRole) or ()
        if ids:
            self._select(ids[0])

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    # -- actions, each one undoable step --

    def add_meal(self) -> None:
        values = MealDialog.ask(self, day=self._current_day(), is_reception=self.plan.is_reception)
        if values is not None:
            made = self.undo.run(self.tr("添加用餐"), service.create_meal, event_id=self._event_id, **values)
            if made is not None:
                self._select(made.value)

    def edit_meal(self) -> None:
        meal = self.current_meal()
        values = MealDialog.ask(self, day=meal.meal_date, meal=meal, is_reception=self.plan.is_reception) if meal else None
        if values is not None:
            self.undo.run(self.tr("编辑%1").replace("%1", meal.label), service.update_meal, meal_id=meal.id,
                           expected_version=meal.version, values=values)

    def adjust(self) -> None:
        meal = self.current_meal()
        answer = AdjustDialog.ask(self, meal, self.plan.counts[meal.id].derived) if meal else None
        if answer is not None:
            self.undo.run(self.tr("调整%1人数").replace("%1", meal.label), service.adjust_headcount,
                           meal_id=meal.id, expected_version=meal.version, adjustment=answer[0], reason=answer[1])

    def remove_meal(self) -> None:
        meal = self.current_meal()
        if meal and ask_yes_no(self, self.tr("删除用餐"), self.tr("删除%1及其菜单？可撤销。").replace("%1", meal.label)):
            self.undo.run(self.tr("删除%1").replace("%1", meal.label), service.remove_meals, meal_ids=[meal.id])

    def from_programme(self) -> None:
        made = self.undo.run(self.tr("按日程生成用餐"), service.meals_from_programme, event_id=self._event_id)
        if made is not None:
            self.show_notice(self.tr("按日程的用餐项生成或关联了 %1 餐。").replace("%1", str(len(made.value))))

    def standard_day(self) -> None:
        day = self._current_day()
        made = self.undo.run(self.tr("%1一日三餐").replace("%1", day_text(day)), service.standard_day,
                              event_id=self._event_id, day=day)
        if made is None:
            return
        if made.value:
            self._select(made.value[0])
            self.show_notice(self.tr("%1新增 %2 餐。").replace("%1", day_text(day))
                             .replace("%2", str(len(made.value))))
        else:
            self.show_notice(self.tr("%1已有早餐、午餐和晚餐，没有新增用餐。").replace("%1", day_text(day)))

    def add_dish(self) -> None:
        meal = self.current_meal()
        values = DishDialog.ask(self) if meal else None
        if values is not None:
            self.undo.run(self.tr("添加菜品“%1”").replace("%1", values["name"]), service.add_dish, meal_id=meal.id,
                           **values)

    def edit_dish(self) -> None:
        dish = self.current_dish()
        values = DishDialog.ask(self, dish) if dish else None
        if values is not None:
            self.undo.run(self.tr("编辑菜品“%1”").replace("%1", dish.name), service.update_dish, dish_id=dish.id,
                           expected_version=dish.version, values=values)

    def remove_dish(self) -> None:
        dish = self.current_dish()
        if dish is not None:
            self.undo.run(self.tr("删除菜品“%1”").replace("%1", dish.name), service.remove_dishes, dish_ids=[dish.id])

    def open_words(self) -> None:
        WordsDialog(self, self._hub).exec()

    def export(self, kind: str) -> None:
        """Export one of the catering documents: "meals" (用餐安排表), "kitchen" (厨房备餐通知), "menus"."""
        if self._event_id is not None:
            export_document(self, self._hub, kind, self._event_id, message=self.show_notice)
