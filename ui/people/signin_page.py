"""The sign-in page (签到): mark present / leave / absent per sitting, the live quorum panel, and the
printed sign-in sheet."""

import logging
from enum import IntEnum

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rdplanner.changes import Changes
from rdplanner.events.service import get_event
from rdplanner.labels import EVENT_TYPE_BODY
from rdplanner.office_settings import name_convention
from rdplanner.people.attendance import (
    SignInRow,
    ensure_default_sitting,
    list_sittings,
    mark,
    quorum_for_sitting,
    sitting_rows,
)
from rdplanner.people.documents import voting_roles_of
from rdplanner.people.pinyin import matches_initials, name_initials, name_pinyin, prepare_names
from rdplanner.people.roster_order import official_order
from rdplanner.people.sign_in_closing import close_sign_in, reopen_sign_in
from ui import tasks
from ui.dialogs import ask_yes_no
from ui.documents.flow import export_document
from ui.hub import Hub
from ui.people.delegation_filter import DelegationFilter
from ui.people.quorum_panel import QuorumPanel
from ui.plan_page import PageFeed
from ui.service_call import apply_or_report


class SignInColumn(IntEnum):
    NUMBER = 0
    NAME = 1
    DELEGATION = 2
    ROLE = 3
    UNIT_POST = 4
    SEAT = 5
    STATUS = 6
    REASON = 7


COLUMNS = ("序号", "姓名", "代表团", "身份", "单位职务", "座次号", "状态", "原因")
log = logging.getLogger(__name__)
STATUS_COLOURS = {"present": "#1e7b34", "leave": "#9a6700", "absent": "#b3261e"}


def find_rows(rows: list[SignInRow], query: str) -> list[SignInRow]:
    """Rows whose name is the query, or else contains it or matches it as pinyin initials."""
    query = query.strip()
    if not query:
        return []
    exact = [r for r in rows if r.name == query]
    return exact or [r for r in rows if query in r.name or (query.isascii() and matches_initials(r.name, query))]


def exact_rows(rows: list[SignInRow], query: str) -> list[SignInRow]:
    """Rows the query names exactly: the full name, or the whole name's initials or pinyin ("zs" or
    "zhangsan" for 张三, never 董子思, whose initials are "dzs"). Only a unique one may sign in on Enter."""
    query = query.strip()
    if not query:
        return []
    if not query.isascii():  # spaces as on a two-character name card ("万 瑞") are not part of the name
        typed = "".join(query.split())
        return [r for r in rows if r.name == typed]
    typed = "".join(ch for ch in query.lower() if ch.isalpha())
    return [r for r in rows if typed in (name_initials(r.name), "".join(name_pinyin(r.name)))]


class SignInPage(QWidget):
    """Sign-in for one sitting at a time; refreshes on attendance and roster changes."""

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.feed = PageFeed(self, hub)  # the open event and the hub's changes (ui.plan_page)
        self._event_id: int | None = None
        self._voting: frozenset[str] = frozenset()
        self._convention = "xingming"
        self._rows: list[SignInRow] = []
        self._shown: list[SignInRow] = []
        self.sitting = QComboBox(self)
        self.delegation = DelegationFilter(self)
        self.delegation_label = QLabel(self.tr("代表团"), self)
        self.entry = QLineEdit(self, placeholderText=self.tr("姓名或拼音首字母，回车签到"))
        self.entry.setToolTip(self.tr("输入完整姓名或全名拼音首字母；只有一人相符时，按回车即签到"))
        self.message = QLabel(self, wordWrap=True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.present_button = QPushButton(self.tr("签到"), self, shortcut=QKeySequence("F5"))
        self.leave_button = QPushButton(self.tr("请假…"), self, shortcut=QKeySequence("F6"))
        self.absent_button = QPushButton(self.tr("缺席…"), self, shortcut=QKeySequence("F7"))
        self.clear_button = QPushButton(self.tr("清除"), self)
        self.close_button = QPushButton(self.tr("结束签到"), self)
        self._closed = False
        self.export_button = QPushButton(self.tr("导出签到表…"), self)
        self.quorum = QuorumPanel(self)
        self._build()

    def _build(self) -> None:
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # "市人大…委员会；常委会委员": elided in the middle, so the body post stays in view
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        seat = self.table.fontMetrics().horizontalAdvance("主席台1排10座") + 16  # a rostrum seat whole
        for column, width in enumerate((40, 80, 0, 64, 0, seat, 64, 100)):
            if width:
                self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(SignInColumn.UNIT_POST, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("会次"), self))
        top.addWidget(self.sitting, 3)
        top.addWidget(self.delegation_label)
        top.addWidget(self.delegation)
        top.addWidget(self.entry, 2)
        buttons = QHBoxLayout()
        for button in (self.present_button, self.leave_button, self.absent_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.message)
        left.addWidget(self.table, 1)
        left.addLayout(buttons)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.quorum, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("签到与法定人数"), self, objectName="pageTitle"))
        layout.addLayout(body, 1)
        self.sitting.currentIndexChanged.connect(self.refresh)
        self.delegation.currentIndexChanged.connect(self._show_delegation)
        self.entry.returnPressed.connect(self._sign_in_typed)
        self.present_button.clicked.connect(lambda: self.mark_selected("present"))
        self.leave_button.clicked.connect(lambda: self.mark_selected("leave"))
        self.absent_button.clicked.connect(lambda: self.mark_selected("absent"))
        self.clear_button.clicked.connect(lambda: self.mark_selected("unmarked"))
        self.close_button.clicked.connect(self.toggle_closed)
        self.export_button.clicked.connect(lambda: self.export())

    def load(self, event_id: int) -> None:
        """Show the sittings of the event (a plenary is created if it has none)."""
        self._event_id = event_id
        event = self._hub.read(get_event, event_id)
        self._voting = voting_roles_of(event.event_type)
        self._convention = self._hub.read(name_convention, EVENT_TYPE_BODY.get(event.event_type, "standing_committee"))
        sittings = self._hub.read(list_sittings, event_id=event_id)
        if not sittings:
            self._hub.apply(ensure_default_sitting, event_id=event_id)
            sittings = self._hub.read(list_sittings, event_id=event_id)
        self.sitting.blockSignals(True)
        self.sitting.clear()
        for sitting in sittings:
            when = f"{sitting.starts_at:%m月%d日 %H:%M}　" if sitting.starts_at else ""
            self.sitting.addItem(f"{when}{sitting.name}", sitting.id)
        self.sitting.blockSignals(False)
        self.refresh()
        self._prepare_pinyin()

    def _prepare_pinyin(self) -> None:
        """Read the names' pinyin off the GUI thread as the page opens, so the first sign-in by initials
        does not wait for pypinyin to load (about 1 s on first use otherwise)."""
        names = [r.name for r in self._rows]
        tasks.run_quietly(self, lambda _progress, _cancelled: prepare_names(names),
                          done=lambda _count: None, failed=lambda error: log.warning("pinyin: %r", error))

    def sitting_id(self) -> int | None:
        return self.sitting.currentData()

    def refresh(self) -> None:
        sitting_id = self.sitting_id()
        if sitting_id is None:
            return
        rows = self._hub.read(sitting_rows, sitting_id=sitting_id)
        self._rows = official_order(rows, convention=self._convention, voting=self._voting)
        result = self._hub.read(quorum_for_sitting, sitting_id=sitting_id)
        self._closed = result.closed
        self.delegation.set_rows(self._rows, convention=self._convention)
        self._fit_delegation_column()
        self._fill_table()
        self.close_button.setText(self.tr("重新开放签到") if result.closed else self.tr("结束签到"))
        self.close_button.setToolTip(self.tr("已结束签到：未到且未请假的人员计为缺席") if result.closed
                                     else self.tr("会议结束后点此结束签到，未到且未请假的人员才计为缺席"))
        self.quorum.show_result(result)

    def _fit_delegation_column(self) -> None:
        """The filter and the 代表团 column only where people have a delegation (no empty column at a
        standing-committee meeting); the column as wide as its longest name."""
        has = self.delegation.has_delegations()
        self.delegation.setVisible(has)
        self.delegation_label.setVisible(has)
        self.table.setColumnHidden(SignInColumn.DELEGATION, not has)
        if has:
            metrics = self.table.fontMetrics()
            widest = max(metrics.horizontalAdvance(r.delegation) for r in self._rows if r.delegation)
            cap = metrics.horizontalAdvance("代" * 8)  # a longer name elides; the unit keeps its room
            self.table.setColumnWidth(SignInColumn.DELEGATION, min(widest, cap) + 16)

    def _show_delegation(self) -> None:
        self.message.clear()
        self._fill_table()

    def _fill_table(self) -> None:
        selected = set(self.selected_ids())
        self._shown = [row for row in self._rows if self.delegation.shows(row)]
        self.quorum.show_scope(self.delegation.scope_note(len(self._shown)))
        # one delegation chosen: its column would repeat the filter in every row; the unit gets the room
        self.table.setColumnHidden(SignInColumn.DELEGATION,
                                   not self.delegation.has_delegations() or self.delegation.is_filtering())
        self.table.clearContents()
        self.table.setRowCount(len(self._shown))
        for n, row in enumerate(self._shown):
            texts = (str(n + 1), row.name + (f"（{row.name_note}）" if row.name_note else ""), row.delegation,
                     row.role_label, row.unit_post, row.seat_label, row.status_text(self._closed), row.reason)
            status = row.shown_status(self._closed)
            for column, text in zip(SignInColumn, texts, strict=True):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.participation_id)
                if column in (SignInColumn.DELEGATION, SignInColumn.UNIT_POST):
                    item.setToolTip(text)
                if column == SignInColumn.STATUS and status in STATUS_COLOURS:
                    item.setForeground(QColor(STATUS_COLOURS[status]))
                self.table.setItem(n, column, item)
        self._select(selected)

    def selected_ids(self) -> list[int]:
        return [self.table.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)
                for index in self.table.selectionModel().selectedRows()]

    def _sign_in_typed(self) -> None:
        """Enter signs in only a unique exact match (full name, or the whole name's initials or pinyin)
        among the rows shown; anything else lists the candidates and selects them, so a wrong person is
        never signed in. Candidates the delegation filter hides are named with their delegation."""
        if not self.entry.text().strip():
            return
        exact = exact_rows(self._shown, self.entry.text())
        if len(exact) == 1 and exact[0].status == "present":
            self.message.setText(self.tr("%1 已签到，无需重复签到。").replace("%1", exact[0].name))
            self.entry.clear()
            return
        if len(exact) == 1 and exact[0].status == "leave" and not ask_yes_no(
                self, self.tr("签到"), self.tr("%1 已请假（%2）。确定改为已签到？")
                .replace("%1", exact[0].name).replace("%2", exact[0].reason or self.tr("未填原因"))):
            return
        if len(exact) == 1:
            self._mark([exact[0].participation_id], "present")
            self.message.setText(self.tr("已签到：%1（%2）").replace("%1", exact[0].name)
                                 .replace("%2", exact[0].unit_post))
            self.entry.clear()
            return
        self._list_candidates(exact or find_rows(self._shown, self.entry.text()))

    def _list_candidates(self, found: list[SignInRow]) -> None:
        """Name and select the shown candidates; add those the delegation filter hides, never signing in."""
        typed = self.entry.text()
        hidden = [row for row in self._rows if not self.delegation.shows(row)]
        outside = exact_rows(hidden, typed) or find_rows(hidden, typed)
        note = self.delegation.outside_note(typed, bool(found), outside)
        if not found:
            self.message.setText(note or self.tr("没有找到“%1”，请核对姓名。").replace("%1", typed))
            return
        names = "、".join(f"{r.name}（{r.unit_post}）" for r in found[:6])
        text = (self.tr("有 %1 人可能是“%2”：%3。请输入完整姓名，或在表中选中后点“签到”。")
                .replace("%1", str(len(found))).replace("%2", typed.strip()).replace("%3", names))
        self.message.setText(text + note)
        self._select({r.participation_id for r in found})
        self.table.scrollTo(self.table.model().index(self._shown.index(found[0]), 0))

    def _select(self, ids: set[int]) -> None:
        self.table.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for n, row in enumerate(self._shown):
            if row.participation_id in ids:
                self.table.selectionModel().select(self.table.model().index(n, 0), flags)

    def mark_selected(self, status: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        reason = ""
        if status in ("leave", "absent"):
            reason, accepted = ask_reason(self, self.tr("请假原因") if status == "leave" else self.tr("缺席原因"))
            if not accepted:
                return
        self._mark(ids, status, reason)

    def _mark(self, ids: list[int], status: str, reason: str = "") -> None:
        apply_or_report(self, self._hub, mark, sitting_id=self.sitting_id(), participation_ids=ids, status=status,
                        reason=reason)

    def toggle_closed(self) -> None:
        """结束签到 (the sitting's end time is now) or reopen it (the end time is cleared)."""
        if self.sitting_id() is None:
            return
        service = reopen_sign_in if self._closed else close_sign_in
        apply_or_report(self, self._hub, service, sitting_id=self.sitting_id())

    # --- the plan-page protocol (ui.plan_page) ------------------------------------------------------
    undo_stack = None

    def concerns(self, changes: Changes) -> bool:
        """This sitting's sign-in (or the event's sittings), or the event's roster."""
        event = self._event_id
        if event is None:
            return False
        sittings = changes.row_ids("sitting")
        return changes.touches("people", event) or (
            changes.touches("attendance", event) and (not sittings or self.sitting_id() in sittings))

    def apply_changes(self, changes: Changes) -> None:
        self.refresh()

    def select_item(self, ref) -> bool:
        return False

    def export(self, suffix: str | None = None) -> None:
        """Export or print this sitting's sign-in sheet (``suffix``: the file type preselected)."""
        if self._event_id is None or self.sitting_id() is None:
            return
        export_document(self, self._hub, "signin", self._event_id, extra={"sitting_id": self.sitting_id()},
                        message=self.message.setText, suffix=suffix)


def ask_reason(parent: QWidget, title: str) -> tuple[str, bool]:
    text, accepted = QInputDialog.getText(parent, title, title)
    return text, accepted
