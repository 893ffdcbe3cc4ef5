"""The main window: event list on the left, the open event's plan pages on the right.

It owns the actions and delegates everything else to the panels; it remembers its geometry and
the last open event of each database. The window is shown first and gets its database afterwards
(``attach``), so it paints at once while the database layer is still being imported and opened.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

import rdplanner
from rdplanner.errors import RdplannerError
from ui.dialogs import ask_save_discard_cancel, ask_yes_no, fit_to_screen, fits_on_screen, show_error
from ui.settings import Settings
from ui.undo_menu import install_undo_actions, show_undo_stack_of

PREFERRED_SIZE = (1360, 860)
EVENT_LIST_WIDTH = 300  # of a 1366 px laptop screen: the plan pages need the rest
NOTICE_MS = 15000  # how long each of the database's opening notices stays in the status bar


class MainWindow(QMainWindow):
    """Top-level window of rdplanner."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.hub = None
        self.event_list = None
        self.editor = None
        self._shown_event_id: int | None = None
        self._entries: tuple = ()  # the plan pages after the overview (ui.pages.PageEntry), in navigation order
        self._built: dict[str, QWidget] = {}
        self.setWindowTitle(self.tr("rdplanner 会务保障规划"))
        self._create_actions()
        self.pages = QStackedWidget(self)
        self.empty = QLabel(self.tr("正在打开数据库……"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.empty)
        self.nav = QListWidget(self)
        self.nav.setObjectName("planNavigation")
        self.nav.setFixedWidth(120)
        self.left = QWidget(self)
        self.left.setLayout(QHBoxLayout())
        self.left.layout().setContentsMargins(0, 0, 0, 0)
        self._build_layout()
        self._create_menus()
        self._enable_event_actions(False)
        self.action_new_event.setEnabled(False)
        self.nav.currentRowChanged.connect(self._show_page)
        self._restore_geometry()

    def attach(self, hub) -> None:
        """Give the window its database: build the panels and open the last event.

        Imports the database-backed panels here, not at module load, so the window paints first.
        """
        from ui.events.editor import EventEditorPage
        from ui.events.list_panel import EventListPanel
        from ui.pages import plan_pages

        self.hub = hub
        self.event_list = EventListPanel(
            hub, [self.action_new_event, self.action_duplicate_event, self.action_delete_event], self
        )
        self.left.layout().addWidget(self.event_list)
        self.editor = EventEditorPage(hub, self)
        self.editor.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self._add_page(self.tr("活动概况"), self.editor)
        self._built["overview"] = self.editor
        self._entries = plan_pages()
        for entry in self._entries:
            self._add_page(entry.title, QWidget(self))  # a placeholder until first shown
        self.empty.setText(self.tr("请在左侧选择一个活动，或点击“新建”创建活动。"))
        self.event_list.current_event_changed.connect(self._show_event)
        self.event_list.table.addAction(self.action_delete_event)
        self.action_new_event.setEnabled(True)
        self.statusBar().showMessage(self.tr("数据库：%1").replace("%1", hub.database.describe()))
        notices = hub.database.notices  # all shown at once: each message would replace the one before
        if notices:
            self.statusBar().showMessage("；".join(notices), NOTICE_MS * len(notices))
        self.open_initial_event()

    @property
    def roster(self) -> QWidget:
        return self.page("roster")

    @property
    def signin(self) -> QWidget:
        return self.page("signin")

    @property
    def seating(self) -> QWidget:
        return self.page("seating")

    def page_keys(self) -> tuple[str, ...]:
        """The keys of the plan pages in navigation order ("overview" first)."""
        return ("overview", *(entry.key for entry in self._entries))

    def page(self, key: str) -> QWidget:
        """The plan page ``key`` (see ui.pages), built on first use; it loads the open event when shown."""
        built = self._built.get(key)
        if built is None:
            row = self.page_keys().index(key)
            built = self._entries[row - 1].build(self.hub, self)
            placeholder = self.pages.widget(row + 1)
            current = self.pages.currentIndex()
            self.pages.insertWidget(row + 1, built)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages.setCurrentIndex(current)
            self._built[key] = built
            built.feed.show_event(self._shown_event_id)
        return built

    def show_page(self, key: str) -> QWidget:
        """Show the plan page ``key`` (as clicking it in the navigation does) and return it."""
        self.nav.setCurrentRow(self.page_keys().index(key))
        return self.page(key)

    def _show_page(self, row: int) -> None:
        """Show a plan page; it loads the open event first if it has not shown it yet."""
        if row < 0 or not self._shown_event_id:
            return
        page = self.page(self.page_keys()[row])
        self.pages.setCurrentIndex(row + 1)
        show_undo_stack_of(self.undo_group, page)

    def _enable_event_actions(self, enabled: bool) -> None:
        for action in (self.action_duplicate_event, self.action_delete_event, self.action_save_event):
            action.setEnabled(enabled)
        self.nav.setEnabled(enabled)

    def _create_actions(self) -> None:
        self.action_new_event = QAction(self.tr("新建活动"), self, shortcut=QKeySequence.StandardKey.New,
                                        toolTip=self.tr("新建活动 (Ctrl+N)"))
        self.action_duplicate_event = QAction(self.tr("复制活动"), self, shortcut=QKeySequence("Ctrl+D"),
                                              toolTip=self.tr("以选中活动为基础复制一个新活动 (Ctrl+D)"))
        self.action_delete_event = QAction(self.tr("删除活动"), self, shortcut=QKeySequence.StandardKey.Delete,
                                           toolTip=self.tr("删除选中的活动 (Delete)"))
        self.action_save_event = QAction(self.tr("保存活动"), self, shortcut=QKeySequence.StandardKey.Save)
        self.action_quit = QAction(self.tr("退出"), self, shortcut=QKeySequence.StandardKey.Quit)
        self.action_about = QAction(self.tr("关于 rdplanner"), self)
        self.action_office = QAction(self.tr("单位设置…"), self,
                                     toolTip=self.tr("单位名称和经办人（打印在派车单、证件等文件上）"))
        self.action_new_event.triggered.connect(self.new_event)
        self.action_duplicate_event.triggered.connect(self.duplicate_current_event)
        self.action_delete_event.triggered.connect(self.delete_current_event)
        self.action_save_event.triggered.connect(self.editor_save)
        self.action_quit.triggered.connect(self.close)
        self.action_about.triggered.connect(self.show_about)
        self.action_office.triggered.connect(self.edit_office)
        self.action_delete_event.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        for action in (self.action_new_event, self.action_duplicate_event, self.action_save_event):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.action_office)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        edit_menu.addAction(self.action_delete_event)
        self.undo_group = install_undo_actions(self, edit_menu)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.action_about)

    def _add_page(self, title: str, page: QWidget) -> None:
        """Add a plan page; pages follow the empty page in the stack, in navigation order."""
        self.nav.addItem(title)
        self.pages.addWidget(page)

    def _build_layout(self) -> None:
        right = QWidget(self)
        layout = QHBoxLayout(right)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([EVENT_LIST_WIDTH, PREFERRED_SIZE[0] - EVENT_LIST_WIDTH])
        self.setCentralWidget(self.splitter)

    def open_initial_event(self) -> None:
        """Fill the list and open the last event of this database, or else the newest one."""
        last = self.settings.last_event_id(self.hub.database.describe())
        self.event_list.reload(select_id=last)
        if self.event_list.current_event_id() is None and self.event_list.model.rowCount():
            self.event_list.table.selectRow(0)

    def _show_event(self, event_id: int) -> None:
        if event_id == (self._shown_event_id or 0):
            return
        if not self._settle_unsaved():
            if self._shown_event_id:
                self.event_list.select_event(self._shown_event_id)
            return
        self._shown_event_id = event_id or None
        self.settings.set_last_event_id(self.hub.database.describe(), self._shown_event_id)
        has_event = bool(event_id)
        self._enable_event_actions(has_event)
        if not has_event:
            self.pages.setCurrentWidget(self.empty)
            return
        for page in self._built.values():
            page.feed.show_event(event_id)
        current = self.nav.currentRow()
        self.nav.setCurrentRow(max(0, current))
        self._show_page(max(0, current))

    def _settle_unsaved(self) -> bool:
        """Resolve unsaved edits before leaving the event; False means stay."""
        if self.editor is None or not self.editor.is_dirty():
            return True
        answer = ask_save_discard_cancel(
            self, self.tr("未保存的修改"),
            self.tr("活动“%1”有未保存的修改，是否保存？").replace("%1", self.editor.title.text()))
        if answer == "save":
            return self.editor.save()
        return answer == "discard"

    def _apply(self, service, **kwargs):
        """Run a mutating service through the hub; show its error and return None if it fails."""
        try:
            return self.hub.apply(service, **kwargs)
        except RdplannerError as exc:
            show_error(self, exc)
            return None

    def editor_save(self) -> None:
        if self.editor is not None:
            self.editor.save()

    def new_event(self) -> None:
        if not self._settle_unsaved():
            return
        from rdplanner.events.service import create_event
        from ui.events.new_event_dialog import NewEventDialog

        draft = NewEventDialog.ask(self)
        if draft is None:
            return
        created = self._apply(create_event, draft=draft)
        if created is None:
            return
        self.event_list.search.clear()
        self.event_list.reload(select_id=created.value)
        self.editor.venue.setFocus()

    def duplicate_current_event(self) -> None:
        from rdplanner.planning import copied_plans, duplicate_event

        source = self.event_list.current_event_id()
        if source is None or not self._settle_unsaved():
            return
        copied = self._apply(duplicate_event, event_id=source)
        if copied is None:
            return
        self.event_list.select_event(copied.value)
        self.statusBar().showMessage(self.tr("已复制。复制内容：%1。请修改名称和日期。").replace("%1", copied_plans()), 10000)
        self.editor.name.setFocus()
        self.editor.name.selectAll()

    def delete_current_event(self) -> None:
        from rdplanner.events.service import delete_event, get_event

        event_id = self.event_list.current_event_id()
        if event_id is None:
            return
        try:
            row = self.hub.read(get_event, event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        question = self.tr(
            "确定删除活动“%1”吗？\n\n该活动的全部安排（%2 名参会人员的参会、座次、车辆、住宿、用餐、经费、任务等）"
            "将一并删除，人员名录保留。此操作不能撤销。"
        ).replace("%1", row.name).replace("%2", str(row.participant_count))
        if not ask_yes_no(self, self.tr("删除活动"), question):
            return
        self.editor.revert()
        if self._apply(delete_event, event_id=event_id) is None:
            return
        self._shown_event_id = None
        if self.event_list.current_event_id() is None and self.event_list.model.rowCount():
            self.event_list.table.selectRow(0)
        self.statusBar().showMessage(self.tr("已删除活动“%1”。").replace("%1", row.name), 8000)

    def edit_office(self) -> None:
        if self.hub is not None:
            from ui.office_dialog import OfficeDialog

            if OfficeDialog(self.hub, self).exec() == OfficeDialog.DialogCode.Accepted:
                self.statusBar().showMessage(self.tr("单位设置已保存，此后导出的文件按新的设置落款。"), 8000)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于 rdplanner"), self.tr(
            "rdplanner %1 — 人大常委会办公室会务保障规划\n\n数据库：%2\n\n"
            "本程序以 GPL-3.0-or-later 许可发布；内置字体 Noto Sans SC、Noto Serif SC 以 SIL OFL 1.1 许可发布。"
        ).replace("%1", rdplanner.__version__).replace("%2", self.hub.database.describe() if self.hub else "—"))

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry(Settings.GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            fit_to_screen(self, *PREFERRED_SIZE)
        elif not self.isMaximized() and not fits_on_screen(self):
            fit_to_screen(self, self.width(), self.height())  # saved on a bigger monitor
        splitter = self.settings.geometry(Settings.SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._settle_unsaved():
            event.ignore()
            return
        self.settings.set_geometry(Settings.GEOMETRY, self.saveGeometry())
        self.settings.set_geometry(Settings.SPLITTER, self.splitter.saveState())
        self.settings.sync()
        event.accept()
