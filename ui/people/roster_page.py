"""The roster page (参会人员): filter, search (name or pinyin initials), official order, add, edit,
remove, bulk change, add from the directory, import and export."""


from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rdplanner.changes import Changes
from rdplanner.errors import NotFound, RdplannerError, StaleEdit
from rdplanner.events.service import get_event
from rdplanner.labels import EVENT_TYPE_BODY, ROLES
from rdplanner.office_settings import NAME_CONVENTIONS, name_convention, name_convention_key, set_setting
from rdplanner.people.attendance import (
    attendance_history,
    count_unapproved_absences,
    flag_unapproved_absences,
)
from rdplanner.people.roster_order import (
    ORDER_MODES,
    identical_name_ids,
    order_roster,
    roster_matches,
    roster_summary,
)
from rdplanner.people.service import (
    add_body_members,
    add_new_person,
    add_people,
    bulk_update,
    default_role,
    load_roster,
    remove_participants,
    update_participant,
)
from rdplanner.people.snapshots import ROSTER
from ui.dialogs import ask_yes_no, show_error
from ui.documents.dialog import DocumentChoice
from ui.documents.flow import export_document
from ui.hub import Hub
from ui.people.bulk_dialog import BulkDialog
from ui.people.directory_dialog import DirectoryDialog
from ui.people.person_dialog import PersonDialog
from ui.people.roster_columns import fit_widths, header_width, text_widths
from ui.people.roster_model import HEADERS, RosterColumn, RosterTableModel, display_texts
from ui.plan_page import PageFeed
from ui.actions import page_action
from ui.undo import Feedback, push_recorded, run_undoable

ALL = ""


MIN_COLUMN = 28
CELL_PADDING = 14
UNIT_CHARS, UNIT_MIN_CHARS, TEXT_CHARS = 16, 6, 8  # the unit grows into any room left; others elide
POST_MIN_CHARS = 3  # 副主任, 秘书长 whole
DELEGATION_MIN_CHARS = 6  # "上城区代表团" whole: a congress delegation stays readable when squeezed
HIDDEN_WHEN_EMPTY = ((RosterColumn.DELEGATION, "delegation"), (RosterColumn.LOCAL, "is_local"),
                     (RosterColumn.NOTES, "notes"))
NARROW_COLUMNS = frozenset({RosterColumn.NUMBER, RosterColumn.GENDER, RosterColumn.LOCAL,
                            RosterColumn.LODGING, RosterColumn.TRANSPORT})
ELIDED_COLUMNS = (RosterColumn.UNIT, RosterColumn.POST, RosterColumn.DELEGATION, RosterColumn.DIETARY,
                  RosterColumn.NOTES)


class RosterPage(QWidget):
    """Shows one event's participants; refreshes itself when the hub reports roster changes."""

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.feed = PageFeed(self, hub)  # the open event and the hub's changes (ui.plan_page)
        self._event_id: int | None = None
        self._event_type = ""
        self._event_start = None
        self._body = "standing_committee"
        self._convention = "xingming"
        self._all_rows = ()
        self._duplicates: frozenset[int] = frozenset()
        self._notice = ""  # the last action's result (导入完成, 已导出 …), shown above the roster's own summary
        self._roster_text = ""
        self.undo_stack = QUndoStack(self)  # every roster action; the Edit menu's 撤销/重做 act on it
        self._feedback = Feedback(self._undo_error)
        self.search = QLineEdit(self, placeholderText=self.tr("姓名、拼音首字母（如 zs）或单位"), clearButtonEnabled=True)
        self.search.setMinimumWidth(220)
        self.role_filter = QComboBox(self)
        self.role_filter.addItem(self.tr("全部身份"), ALL)
        for code, label in ROLES.items():
            self.role_filter.addItem(label, code)
        self.delegation_filter = QComboBox(self)
        self.order = QComboBox(self)
        for code, label in ORDER_MODES.items():
            self.order.addItem(label, code)
        self.show_sensitive = QCheckBox(self.tr("显示手机和身份证号"), self)
        self.model = RosterTableModel(self)
        self.table = QTableView(self)
        self.summary = QLabel(self, wordWrap=True)
        self.assumption = QLabel(self, objectName="hint", wordWrap=True)
        self._build_table()
        self._build_actions()
        self._build_layout()
        self._connect()

    def _build_table(self) -> None:
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # "市人大华侨…外事委员会": elided in the middle, whole in the tooltip
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(MIN_COLUMN)  # Qt's default is wider than 本地 or 住宿 need
        self._wanted: dict[int, int] = {}
        self.table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _measure_columns(self) -> None:
        """Measure each column's header and content (on refill, not on every resize)."""
        header = self.table.horizontalHeader()
        # A standing committee's roster has no delegations, and notes are rare: an empty column gives
        # its room to the unit.
        for column, attribute in HIDDEN_WHEN_EMPTY:
            empty = not any(getattr(r, attribute) for r in self._all_rows)
            if header.isSectionHidden(column) != empty:
                header.setSectionHidden(column, empty)
        content = self._content_widths([c for c in RosterColumn if not header.isSectionHidden(c)])
        self._wanted = {c: max(header_width(self.table, c, HEADERS[c], narrow=c in NARROW_COLUMNS), width,
                               MIN_COLUMN) for c, width in content.items()}
        for column in ELIDED_COLUMNS:
            if column in self._wanted:
                cap = UNIT_CHARS if column is RosterColumn.UNIT else TEXT_CHARS
                self._wanted[column] = min(self._wanted[column], self._chars(cap))
        self._fit_columns()

    def _content_widths(self, columns: list[RosterColumn]) -> dict[RosterColumn, int]:
        """The width of each column's widest cell, as Qt's sizeHintForColumn gives it, measured on the texts:
        Qt asks the model for every role of every cell (0.8 s for 800 people); this measures the few
        longest texts of each column."""
        texts: dict[RosterColumn, set[str]] = {c: set() for c in columns}
        for number, row in enumerate(self.model.rows(), 1):
            values = display_texts(row, number=number, show_sensitive=self.model.show_sensitive)
            for column in columns:
                texts[column].add(values[column])
        return text_widths(self.table, texts)

    def _chars(self, count: int) -> int:
        return self.table.fontMetrics().horizontalAdvance("中" * count) + CELL_PADDING

    def _fit_columns(self) -> None:
        """Fit every column in the table's width: phone and ID number whole, long text elided."""
        if not self._wanted:
            return
        header = self.table.horizontalHeader()
        minimum = {c: max(header.sectionSizeHint(c), MIN_COLUMN) for c in ELIDED_COLUMNS if c in self._wanted}
        minimum[RosterColumn.UNIT] = max(minimum[RosterColumn.UNIT], self._chars(UNIT_MIN_CHARS))
        minimum[RosterColumn.POST] = min(self._wanted[RosterColumn.POST],
                                         max(minimum[RosterColumn.POST], self._chars(POST_MIN_CHARS)))
        if RosterColumn.DELEGATION in minimum:
            minimum[RosterColumn.DELEGATION] = min(
                self._wanted[RosterColumn.DELEGATION],
                max(minimum[RosterColumn.DELEGATION], self._chars(DELEGATION_MIN_CHARS)))
        available = self.table.viewport().width()
        if self.table.verticalScrollBar().isHidden() and self.model.rowCount() > 0:
            available -= self.table.verticalScrollBar().sizeHint().width()  # it may appear after a refill
        widths = fit_widths(self._wanted, minimum, flexible=minimum, grow=RosterColumn.UNIT,
                            available=available)
        for column, width in widths.items():
            if self.table.columnWidth(column) != width:
                self.table.setColumnWidth(column, width)

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None) -> QAction:
            return page_action(self, text, slot, shortcut)

        self.action_add_person = action(self.tr("添加"), self.add_person, QKeySequence("Ctrl+Shift+N"))
        self.action_add_from_directory = action(self.tr("从名录添加"), self.add_from_directory)
        self.action_edit_person = action(self.tr("编辑"), self.edit_current, QKeySequence("Return"))
        self.action_remove_people = action(self.tr("移除"), self.remove_selected, QKeySequence.StandardKey.Delete)
        self.action_bulk_change = action(self.tr("批量修改"), self.bulk_change)
        self.action_show_history = action(self.tr("出勤记录"), self.show_history)
        self.action_import_roster = action(self.tr("导入名单…"), self.import_roster)
        self.action_undo_import = action(self.tr("撤销导入…"), self.undo_last_import)
        self.action_export_roster = action(self.tr("导出名单…"), self.export_roster)
        self.action_export_replies = action(self.tr("导出回执表…"), self.export_replies)
        self.action_find = action(self.tr("查找"), self.search.setFocus, QKeySequence.StandardKey.Find)
        self.table.addAction(self.action_edit_person)
        self.table.addAction(self.action_remove_people)
        self.extra_buttons = QHBoxLayout()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.role_filter)
        filters.addWidget(self.delegation_filter)
        filters.addWidget(QLabel(self.tr("排序"), self))
        filters.addWidget(self.order)
        filters.addWidget(self.show_sensitive)
        buttons = QHBoxLayout()
        for action in (self.action_add_person, self.action_add_from_directory, self.action_edit_person,
                       self.action_remove_people, self.action_bulk_change, self.action_show_history,
                       self.action_import_roster,
                       self.action_undo_import, self.action_export_roster, self.action_export_replies):
            button = QPushButton(action.text(), self)
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        buttons.addLayout(self.extra_buttons)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("参会人员"), self, objectName="pageTitle")
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.assumption)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        timer = QTimer(self, singleShot=True, interval=150)
        timer.timeout.connect(self._refill)
        self.search.textChanged.connect(timer.start)
        for combo in (self.role_filter, self.delegation_filter):
            combo.currentIndexChanged.connect(self._refill)
        self.order.currentIndexChanged.connect(self._order_changed)
        self.show_sensitive.toggled.connect(self.model.set_show_sensitive)
        self.show_sensitive.toggled.connect(self._measure_columns)
        self.table.doubleClicked.connect(self.edit_current)

    def load(self, event_id: int) -> None:
        """Show the roster of ``event_id`` (re-read from the database)."""
        if event_id != self._event_id:
            self.undo_stack.clear()
        self._event_id = event_id
        self._notice = ""
        event = self._hub.read(get_event, event_id)
        self._event_type = event.event_type
        self._event_start = event.start_date
        self._body = EVENT_TYPE_BODY.get(event.event_type, "standing_committee")
        self._convention = self._hub.read(name_convention, self._body)
        self.order.blockSignals(True)
        self.order.setCurrentIndex(max(0, self.order.findData(self._convention)))
        self.order.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        if self._event_id is None:
            return
        self._all_rows = self._hub.read(load_roster, event_id=self._event_id)
        self._duplicates = identical_name_ids(self._all_rows)
        self.model.flagged = self._hub.read(flag_unapproved_absences,
                                            person_ids=[r.person_id for r in self._all_rows])
        delegations = sorted({r.delegation for r in self._all_rows if r.delegation})
        current = self.delegation_filter.currentData()
        self.delegation_filter.blockSignals(True)
        self.delegation_filter.clear()
        self.delegation_filter.addItem(self.tr("全部代表团/组别"), ALL)
        for delegation in delegations:
            self.delegation_filter.addItem(delegation, delegation)
        self.delegation_filter.setCurrentIndex(max(0, self.delegation_filter.findData(current)))
        self.delegation_filter.blockSignals(False)
        self._refill()

    def _refill(self) -> None:
        role, delegation, query = self.role_filter.currentData(), self.delegation_filter.currentData(), self.search.text()
        rows = [r for r in self._all_rows if (not role or r.role == role)
                and (not delegation or r.delegation == delegation) and roster_matches(r, query)]
        ordered = order_roster(rows, mode=self.order.currentData(), convention=self._convention)
        selected = set(self.selected_ids())
        self.model.set_rows(ordered.rows, self._duplicates)
        for n, row in enumerate(ordered.rows):
            if row.participation_id in selected:
                self.table.selectRow(n)
        self._roster_text = roster_summary(self._all_rows, shown=len(rows), ordered=ordered)
        self._show_summary()
        self._measure_columns()
        self.assumption.setText(ordered.explanation)

    def show_notice(self, text: str) -> None:
        """Show an action's result above the roster's summary, whose warnings stay visible under it."""
        self._notice = text
        self._show_summary()

    def _show_summary(self) -> None:
        self.summary.setText("\n".join(part for part in (self._notice, self._roster_text) if part))

    def _order_changed(self) -> None:
        mode = self.order.currentData()
        if mode in NAME_CONVENTIONS and mode != self._convention and self._event_id is not None:
            self._convention = mode
            self._run(set_setting, key=name_convention_key(self._body), value=mode)
        self._refill()

    # --- the plan-page protocol (ui.plan_page) ------------------------------------------------------

    def concerns(self, changes: Changes) -> bool:
        return self._event_id is not None and changes.touches("people", self._event_id)

    def apply_changes(self, changes: Changes) -> None:
        self.reload()

    def select_item(self, ref) -> bool:
        """Select the participant a finding points to (clearing the filters if they hide them)."""
        if ref.kind != "participation":
            return False
        for attempt in range(2):
            for n in range(self.model.rowCount()):
                if self.model.row_at(n).participation_id == ref.id:
                    self.table.selectRow(n)
                    self.table.scrollTo(self.model.index(n, 0))
                    return True
            if attempt == 0:
                self.search.clear()
                self.role_filter.setCurrentIndex(0)
                self.delegation_filter.setCurrentIndex(0)
                self._refill()
        return False

    def selected_ids(self) -> list[int]:
        return [self.model.row_at(i.row()).participation_id for i in self.table.selectionModel().selectedRows()]

    def _delegations(self) -> list[str]:
        return sorted({r.delegation for r in self._all_rows if r.delegation})

    def _run(self, service, **kwargs):
        try:
            return self._hub.apply(service, **kwargs)
        except RdplannerError as exc:
            show_error(self, exc)
            return None

    def _undoable(self, text: str, service, **kwargs):
        """Run a roster action as one undoable step named ``text``; return its result (None: refused)."""
        if self._event_id is None:
            return None
        done = run_undoable(self.undo_stack, self._hub, text, ROSTER, self._event_id, service, self._feedback,
                            **kwargs)
        return None if done is None else done.result

    def _undo_error(self, error: RdplannerError) -> None:
        show_error(self, error)
        if isinstance(error, (StaleEdit, NotFound)):  # the history no longer describes the roster
            QTimer.singleShot(0, self.undo_stack.clear)
            self.reload()

    def _imported(self, done, file_name: str) -> None:
        if self._event_id is not None:
            text = self.tr("导入 %1").replace("%1", file_name)
            push_recorded(self.undo_stack, self._hub, text, ROSTER, self._event_id, done, self._feedback)

    def add_person(self) -> None:
        if self._event_id is None:
            return
        role = self._hub.read(default_role, self._event_id)
        drafts = PersonDialog.ask(self, role=role, delegations=self._delegations(),
                                  event_start=self._event_start)
        if drafts is not None:
            self._undoable(self.tr("添加 %1").replace("%1", drafts[0].name), add_new_person,
                           event_id=self._event_id, person=drafts[0], participation=drafts[1])

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        drafts = PersonDialog.ask(self, row=row, delegations=self._delegations(),
                                  show_sensitive=self.show_sensitive.isChecked(),
                                  event_start=self._event_start)
        if drafts is not None:
            self._undoable(self.tr("编辑 %1").replace("%1", row.name), update_participant,
                           participation_id=row.participation_id,
                      person_version=row.person_version, participation_version=row.participation_version,
                      person=drafts[0], participation=drafts[1])

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        names = "、".join(r.name for r in self.model.rows() if r.participation_id in set(ids))
        text = self.tr("从本活动移除 %1 人：%2？\n\n他们的座位、住宿、乘车安排会一并取消；人员名录中的信息保留。")
        if ask_yes_no(self, self.tr("移除参会人员"), text.replace("%1", str(len(ids))).replace("%2", names[:300])):
            self._undoable(self.tr("移除 %1 人").replace("%1", str(len(ids))), remove_participants,
                           participation_ids=ids)

    def bulk_change(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        change = BulkDialog.ask(self, count=len(ids), delegations=self._delegations())
        if change is not None:
            self._undoable(self.tr("批量修改 %1 人").replace("%1", str(len(ids))), bulk_update,
                           participation_ids=ids, role=change.role, delegation=change.delegation,
                           leave_status=change.leave_status, is_local=change.is_local)

    def add_from_directory(self) -> None:
        if self._event_id is None:
            return
        role = self._hub.read(default_role, self._event_id)
        body = self._body if self._body in ("congress", "standing_committee", "directors_meeting") else ""
        request = DirectoryDialog.ask(self, self._hub, event_id=self._event_id, role=role, body=body)
        if request is None:
            return
        text = self.tr("从名录添加")
        if request.body:
            self._undoable(text, add_body_members, event_id=self._event_id, body=request.body,
                           role=request.role)
        else:
            self._undoable(text, add_people, event_id=self._event_id, person_ids=request.person_ids,
                           role=request.role)

    def export_roster(self) -> None:
        """Export the roster workbook, grouped by delegation when so ordered, else by role; the full
        phone and ID numbers only after a warning."""
        if self._event_id is None:
            return
        by = "delegation" if self.order.currentData() == "delegation" else "role"
        export_document(self, self._hub, "roster", self._event_id,
                        defaults={"show_sensitive": self.show_sensitive.isChecked()}, extra={"by": by},
                        message=self.show_notice, confirm=self._confirm_sensitive)

    def export_replies(self) -> None:
        """Export the 回执表 to send out; the filled-in copies come back through 导入名单."""
        if self._event_id is not None:
            export_document(self, self._hub, "replies", self._event_id, message=self.show_notice)

    def _confirm_sensitive(self, choice: DocumentChoice) -> bool:
        return not choice.options.get("show_sensitive") or ask_yes_no(self, self.tr("导出名单"), self.tr(
            "导出的名单将包含完整的手机号和身份证号，属于敏感信息，请妥善保管、用后删除。是否继续？"))

    def import_roster(self) -> None:
        """Open the import dialog; its result (added / updated / unchanged) is shown under the table."""
        if self._event_id is None:
            return
        from ui.people.import_dialog import ImportDialog

        role = self._hub.read(default_role, self._event_id)
        text = ImportDialog.ask(self, self._hub, event_id=self._event_id, default_role=role,
                                recorded=self._imported)
        if text:
            self.show_notice(self.tr("导入完成：%1").replace("%1", text))

    def undo_last_import(self) -> None:
        """Undo the newest import of this event that is not undone yet, after confirmation."""
        if self._event_id is None:
            return
        from rdplanner.people.importing import list_import_batches, undo_import  # openpyxl: not at start-up

        batches = [b for b in self._hub.read(list_import_batches, event_id=self._event_id) if b.undone_at is None]
        if not batches:
            show_error(self, self.tr("本活动没有可以撤销的导入。"), self.tr("撤销导入"))
            return
        batch = batches[0]
        question = self.tr("撤销 %1 导入的“%2”（新增 %3 人，更新 %4 人）？").replace(
            "%1", f"{batch.created_at:%Y-%m-%d %H:%M}").replace("%2", batch.file_name).replace(
            "%3", str(batch.added)).replace("%4", str(batch.updated))
        if ask_yes_no(self, self.tr("撤销导入"), question):
            undone = self._undoable(self.tr("撤回导入 %1").replace("%1", batch.file_name), undo_import,
                                    batch_id=batch.id)
            if undone is not None:
                self.show_notice(undone.summary())

    def show_history(self) -> None:
        """Show the attendance record of the current participant across events."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        from ui.people.history_dialog import HistoryDialog

        history = self._hub.read(attendance_history, person_id=row.person_id)
        unapproved = self._hub.read(count_unapproved_absences, person_ids=[row.person_id]).get(row.person_id, 0)
        HistoryDialog(self, name=row.name, rows=history, unapproved=unapproved,
                      event_type=self._event_type).exec()
