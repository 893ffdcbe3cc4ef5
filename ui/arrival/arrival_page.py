"""The arrival desk page (报到): a large search box (name or pinyin initials; Enter marks the single exact
match arrived), the person card with room, car, seat and the hand-over checklist, the list filtered by
day, delegation and state, and the live figures. Every mark is undoable (Ctrl+Z, per person), and marks
made at another desk appear within seconds (the page polls a cheap fingerprint of the check-ins)."""

import logging
from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QUndoStack
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

from rdplanner.arrival.read import ArrivalRow, arrival_figures, arrival_stamp, load_arrivals
from rdplanner.arrival.search import exact_matches, find_people
from rdplanner.arrival.service import clear_arrival, desk_now, edit_check_in, mark_arrived, set_handed
from rdplanner.arrival.snapshots import ARRIVAL
from rdplanner.changes import Changes
from rdplanner.errors import NotFound, RdplannerError, StaleEdit
from rdplanner.people.pinyin import prepare_names
from rdplanner.problems import ItemRef
from ui import tasks
from ui.arrival.arrival_model import ArrivalColumn, ArrivalTableModel, arrived_text
from ui.arrival.figures_panel import FiguresPanel, headline
from ui.arrival.person_card import PersonCard
from ui.dialogs import ask_yes_no, show_error
from ui.documents.flow import export_document
from ui.plan_page import PageFeed
from ui.undo import Feedback, run_undoable

log = logging.getLogger(__name__)
POLL_MS = 5000
CONCERNED = ("arrival", "people", "lodging", "transport", "seating")
STATES = (("all", "全部"), ("waiting", "未报到"), ("arrived", "已报到"))


def _big(widget: QWidget, points: float) -> QWidget:
    font = QFont(widget.font())
    font.setPointSizeF(points)
    widget.setFont(font)
    return widget


class ArrivalPage(QWidget):
    """The desk for the open event."""

    def __init__(self, hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.feed = PageFeed(self, hub)
        self._event_id: int | None = None
        self._rows: list[ArrivalRow] = []
        self._stamp: tuple[int, int, int] | None = None
        self._time_edited = False
        self.undo_stack = QUndoStack(self)
        self._feedback = Feedback(self._undo_error)
        self.headline = _big(QLabel(self), 15)
        self.entry = _big(QLineEdit(self, placeholderText=self.tr("姓名或拼音首字母（如 zs），回车即报到")), 18)
        self.mark_button = _big(QPushButton(self.tr("报到"), self, shortcut=QKeySequence("F5")), 14)
        self.clear_button = QPushButton(self.tr("取消报到"), self)
        self.passes_button = QPushButton(self.tr("印制证件…"), self)
        self.hand_all = QCheckBox(self.tr("报到时登记全部发放"), self, checked=True)
        self.message = _big(QLabel(self, wordWrap=True), 12)
        self.day_filter, self.group_filter = QComboBox(self), QComboBox(self)
        self.state_filter = QComboBox(self)
        self.model = ArrivalTableModel(self)
        self.table = QTableView(self)
        self.card = PersonCard(self)
        self.figures = FiguresPanel(self)
        self._poll = QTimer(self, interval=POLL_MS)
        self._build()
        self._connect()

    def _build(self) -> None:
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "市人大…宾馆 301": the number stays
        _big(self.table, 11)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column, sample in ((ArrivalColumn.NAME, "欧阳小明"), (ArrivalColumn.EXPECTED, "12月31"),
                               (ArrivalColumn.ARRIVED, "1月13日 08:00"), (ArrivalColumn.ROOM, "某宾馆 1203"),
                               (ArrivalColumn.DUE, "房卡、餐券")):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 14)
        self.table.setColumnHidden(ArrivalColumn.ROLE, True)  # the unit or delegation tells; the card too
        header.setSectionResizeMode(ArrivalColumn.GROUP, QHeaderView.ResizeMode.Stretch)
        for value, label in STATES:
            self.state_filter.addItem(self.tr(label), value)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("报到"), self, objectName="pageTitle"))
        top.addSpacing(16)
        top.addWidget(self.headline, 1)
        top.addWidget(self.passes_button)
        search = QHBoxLayout()
        search.addWidget(self.entry, 1)
        search.addWidget(self.mark_button)
        search.addWidget(self.clear_button)
        search.addWidget(self.hand_all)
        filters = QHBoxLayout()
        combos = (("应到日期", self.day_filter), ("代表团", self.group_filter), ("状态", self.state_filter))
        for label, combo in combos:
            filters.addWidget(QLabel(self.tr(label), self))
            filters.addWidget(combo)
        filters.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(filters)
        left.addWidget(self.table, 1)
        right = QVBoxLayout()
        right.addWidget(self.card)
        right.addWidget(self.figures, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(search)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        self.entry.textChanged.connect(self._fill)
        self.entry.returnPressed.connect(self.mark_typed)
        self.entry.installEventFilter(self)
        self.mark_button.clicked.connect(self.mark_current)
        self.clear_button.clicked.connect(self.clear_current)
        self.passes_button.clicked.connect(self.export_passes)
        for combo in (self.day_filter, self.group_filter, self.state_filter):
            combo.currentIndexChanged.connect(self._fill)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.card.when.dateTimeChanged.connect(self._note_time_edit)
        self.card.save_time.clicked.connect(self.save_time)
        self.card.notes.returnPressed.connect(self.save_time)
        for code, box in self.card.items.items():
            box.toggled.connect(lambda given, code=code: self.tick(code, given))
        self._poll.timeout.connect(self.poll_other_desks)
        self.undo_stack.indexChanged.connect(lambda _index: self.message.clear())  # an undone mark's line goes

    # --- the plan-page protocol (ui.plan_page) ------------------------------------------------------
    def load(self, event_id: int) -> None:
        if event_id != self._event_id:
            self.undo_stack.clear()
            self.entry.clear()
            self.message.clear()
        self._event_id = event_id
        self.reload()
        self._poll.start()
        self.entry.setFocus()
        names = [r.name for r in self._rows]
        tasks.run_quietly(self, lambda _progress, _cancelled: prepare_names(names),
                          done=lambda _count: None, failed=lambda error: log.warning("pinyin: %r", error))

    def concerns(self, changes: Changes) -> bool:
        event = self._event_id
        return event is not None and (any(changes.touches(key, event) for key in CONCERNED)
                                      or event in changes.deleted_event_ids)

    def apply_changes(self, changes: Changes) -> None:
        if self._event_id in changes.deleted_event_ids:
            self._event_id = None
            self._poll.stop()
            self.undo_stack.clear()
            return
        ids = changes.row_ids("participation")
        only_ours = all(key == "arrival" for key, _ in changes.domains)
        if ids and only_ours:
            self._refresh_rows(ids)
        else:
            self.reload()

    def select_item(self, ref: ItemRef) -> bool:
        if ref.kind != "participation":
            return False
        self.entry.clear()
        self.state_filter.setCurrentIndex(0)
        self.group_filter.setCurrentIndex(0)
        self.day_filter.setCurrentIndex(0)
        return self._select(ref.id)

    # --- reading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        if self._event_id is None:
            return
        try:
            view = self._hub.read(load_arrivals, self._event_id)
            self._stamp = self._hub.read(arrival_stamp, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        self._rows = list(view.rows)
        self._fill_filters()
        self._fill()
        self._show_figures()

    def _refresh_rows(self, ids) -> None:
        fresh = {r.participation_id: r for r in self._hub.read(load_arrivals, self._event_id, ids).rows}
        self._rows = [fresh.get(r.participation_id, r) for r in self._rows]
        self._stamp = self._hub.read(arrival_stamp, self._event_id)
        if self.state_filter.currentData() != "all":
            self._fill()  # a mark moves the person in or out of the list shown
        else:
            for row in fresh.values():
                self.model.replace(row)
            self._show_current()
        self._show_figures()

    def poll_other_desks(self) -> None:
        """Reload when another desk (another computer) has marked someone since the last read."""
        if self._event_id is None or not self.isVisible():
            return
        try:
            stamp = self._hub.read(arrival_stamp, self._event_id)
        except RdplannerError as exc:
            log.warning("arrival poll: %s", exc)
            return
        if stamp != self._stamp:
            self.reload()

    def _fill_filters(self) -> None:
        for combo, values, everything in (
                (self.day_filter, dict.fromkeys(r.expected for r in self._rows), "全部日期"),
                (self.group_filter, dict.fromkeys(r.group for r in self._rows), "全部")):
            kept = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr(everything), None)
            is_day = combo is self.day_filter
            for value in sorted(values, key=lambda d: (d is None, d or 0)) if is_day else values:
                combo.addItem(f"{value.month}月{value.day}日" if is_day and value else str(value),
                              value)
            combo.setCurrentIndex(max(0, combo.findData(kept)) if kept is not None else 0)
            combo.blockSignals(False)

    def shown_rows(self) -> list[ArrivalRow]:
        day, group, state = (self.day_filter.currentData(), self.group_filter.currentData(),
                             self.state_filter.currentData())
        rows = [r for r in self._rows
                if (day is None or r.expected == day) and (group is None or r.group == group)
                and (state == "all" or r.has_arrived == (state == "arrived"))]
        typed = self.entry.text().strip()
        return find_people(rows, typed) if typed else rows

    def _fill(self) -> None:
        kept = self.card.row.participation_id if self.card.row else None
        self.model.set_rows(self.shown_rows())
        if kept is None or not self._select(kept, scroll=False):
            if self.entry.text().strip() and self.model.rowCount():
                self._select(self.model.row_at(0).participation_id)
            else:
                self._show_current()

    def _show_figures(self) -> None:
        figures = arrival_figures(self._rows)
        self.headline.setText(self.tr(headline(figures)))
        self.figures.show_figures(figures)

    def _select(self, pid: int, *, scroll: bool = True) -> bool:
        n = self.model.position(pid)
        if n is None:
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(self.model.index(n, 0), flags)
        if scroll:
            self.table.scrollTo(self.model.index(n, 0))
        self._show_current()
        return True

    def current_row(self) -> ArrivalRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        row = self.current_row()
        self.card.show_row(row, desk_now())
        self._time_edited = False
        self.clear_button.setEnabled(row is not None and row.has_arrived)
        self.mark_button.setEnabled(row is not None and not row.has_arrived)

    def _note_time_edit(self) -> None:
        self._time_edited = True

    # --- actions ------------------------------------------------------------------------------------
    def mark_typed(self) -> None:
        """Enter: mark the single exact match (full name, or the whole name's initials or pinyin) among
        everyone; otherwise list and select the candidates and mark nobody."""
        typed = self.entry.text().strip()
        if not typed:
            return
        exact = exact_matches(self._rows, typed)
        if len(exact) == 1:
            self.entry.clear()
            self._mark(exact[0])
            return
        found = exact or find_people(self._rows, typed)
        if not found:
            self.message.setText(self.tr("没有找到“%1”，请核对姓名。").replace("%1", typed))
            return
        names = "、".join(f"{r.name}（{r.group}）" for r in found[:6])
        self.message.setText(self.tr("有 %1 人可能是“%2”：%3。请选中后按 F5 或点“报到”。")
                             .replace("%1", str(len(found))).replace("%2", typed).replace("%3", names))

    def mark_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self._mark(row, self.card.chosen_time() if self._time_edited else None)

    def _mark(self, row: ArrivalRow, when: datetime | None = None) -> None:
        if row.has_arrived:
            self._select(row.participation_id)
            self.message.setText(self.tr("%1 已于 %2 报到，无需重复报到。").replace("%1", row.name)
                                 .replace("%2", arrived_text(row)))
            return
        if not row.is_expected and not ask_yes_no(self, self.tr("报到"), self.tr("%1%2，确认报到？").replace(
                "%1", row.name).replace("%2", self.tr("该同志已准假") if row.leave_status == "approved"
                                        else self.tr("该同志%1").replace("%1", row.leave_label or "不参会"))):
            self.message.setText(self.tr("未为%1办理报到。").replace("%1", row.name))
            return
        handed = row.due if self.hand_all.isChecked() else ()
        done = self._run(self.tr("报到"), mark_arrived, row.participation_id, arrived_at=when, handed=handed)
        if done is None:
            return
        marked = done.result.value
        self._select(row.participation_id)
        text = (self.tr("%1 已由其他报到台办理报到。") if marked.already else self.tr("已报到：%1（%2）"))
        self.message.setText(text.replace("%1", row.name).replace("%2", row.group))
        self.entry.setFocus()

    def clear_current(self) -> None:
        row = self.current_row()
        if row is not None and row.has_arrived:
            self._run(self.tr("取消报到"), clear_arrival, row.participation_id)

    def tick(self, code: str, given: bool) -> None:
        row = self.card.row
        if row is not None and row.has_arrived:
            self._run(self.tr("登记发放"), set_handed, row.participation_id, item=code, given=given)

    def save_time(self) -> None:
        row = self.card.row
        if row is None or not row.has_arrived:
            return
        self._run(self.tr("修改报到时间"), edit_check_in, row.participation_id, check_in_id=row.check_in_id,
                  expected_version=row.version, arrived_at=self.card.chosen_time(),
                  notes=self.card.notes.text(), with_event=False)

    def _run(self, text: str, service, pid: int, *, with_event: bool = True, **kwargs):
        ids = {"event_id": self._event_id, "participation_id": pid} if with_event else {}
        return run_undoable(self.undo_stack, self._hub, text, ARRIVAL, (self._event_id, pid), service,
                            self._feedback, **ids, **kwargs)

    def _undo_error(self, error: RdplannerError) -> None:
        show_error(self, error)
        self._show_current()  # a refused tick shows the stored state again
        if isinstance(error, (StaleEdit, NotFound)):
            self.reload()

    def export_passes(self) -> None:
        if self._event_id is None:
            return
        group = self.group_filter.currentData()
        delegation = group if group and any(r.delegation == group for r in self._rows) else None
        export_document(self, self._hub, "passes", self._event_id, message=self.message.setText,
                        extra={"delegation": delegation} if delegation else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z in an empty search box undoes the last mark instead of the box's own typing."""
        if (watched is self.entry and event.type() == QEvent.Type.ShortcutOverride
                and event.matches(QKeySequence.StandardKey.Undo) and not self.entry.text()):
            event.ignore()
            return True
        return super().eventFilter(watched, event)
