"""The event page: the event's details (editable, saved with optimistic locking) and its overview.

Emits ``saved(int)`` after a successful save.
"""

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rdplanner.budget.frugality import form_texts, meeting_days
from rdplanner.errors import InvalidInput, RdplannerError
from rdplanner.events.service import EventDraft, EventRow, get_event, list_venue_names
from rdplanner.labels import EVENT_STATUSES, EVENT_TYPES, EXPENSE_CATEGORIES
from rdplanner.planning import load_overview
from ui.dialogs import show_error
from ui.events.overview_panel import OverviewPanel
from ui.hub import Hub
from ui.plan_page import PageFeed

DATE_FORMAT = "yyyy年M月d日"


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class EventEditorPage(QWidget):
    """Edits one event. ``is_dirty()`` tells whether there are unsaved changes."""

    saved = Signal(int)
    notice = Signal(str)  # what the save did besides the event (plans moved with its dates)

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.feed = PageFeed(self, hub)  # the open event and the hub's changes (ui.plan_page)
        self._row: EventRow | None = None
        self._loading = False
        self.title = QLabel(self, objectName="pageTitle", wordWrap=True)
        self.name = QLineEdit(self, maxLength=200)
        self.event_type = self._combo(EVENT_TYPES)
        self.start = self._date_edit()
        self.end = self._date_edit()
        self.venue = QComboBox(self, editable=True)
        self.venue.lineEdit().setPlaceholderText(self.tr("选择或输入会议地点"))
        self.category = self._combo(EXPENSE_CATEGORIES)
        self.organiser = QLineEdit(self, maxLength=200)
        self.status = self._combo(EVENT_STATUSES)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(70)
        self.standard_hint = QLabel(self, wordWrap=True, objectName="hint")
        self.limit_warning = QLabel(self, wordWrap=True, objectName="warning")
        self.error = QLabel(self, wordWrap=True, objectName="error")
        self.save_button = QPushButton(self.tr("保存"), self, enabled=False)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.revert_button = QPushButton(self.tr("撤销修改"), self, enabled=False)
        self.overview = OverviewPanel(self)
        self._build_layout()
        self._connect()

    def _combo(self, labels: dict) -> QComboBox:
        combo = QComboBox(self)
        for code, label in labels.items():
            combo.addItem(label, code)
        return combo

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self, calendarPopup=True, displayFormat=DATE_FORMAT)
        edit.setMinimumWidth(150)
        return edit

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(self.tr("至")))
        dates.addWidget(self.end)
        dates.addStretch(1)
        form.addRow(self.tr("活动名称"), self.name)
        form.addRow(self.tr("活动类型"), self.event_type)
        form.addRow(self.tr("日期"), dates)
        form.addRow(self.tr("会议地点"), self.venue)
        form.addRow(self.tr("会议费类别"), self.category)
        form.addRow("", self.standard_hint)
        form.addRow(self.tr("主办单位"), self.organiser)
        form.addRow(self.tr("筹备状态"), self.status)
        form.addRow(self.tr("备注"), self.notes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        details = QGroupBox(self.tr("基本信息"), self)
        inner = QVBoxLayout(details)
        inner.addLayout(form)
        inner.addWidget(self.limit_warning)
        inner.addLayout(buttons)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.addWidget(self.title)
        column.addWidget(details)
        column.addWidget(self.overview)
        column.addStretch(1)
        scroll = QScrollArea(self, widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _connect(self) -> None:
        for edit in (self.name, self.organiser):
            edit.textEdited.connect(self._mark_dirty)
        self.venue.editTextChanged.connect(self._mark_dirty)
        self.notes.textChanged.connect(self._mark_dirty)
        for combo in (self.event_type, self.category, self.status):
            combo.currentIndexChanged.connect(self._mark_dirty)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(self._mark_dirty)
        self.category.currentIndexChanged.connect(self._refresh_limits)
        self.start.dateChanged.connect(self._refresh_limits)
        self.end.dateChanged.connect(self._refresh_limits)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)

    def event_id(self) -> int | None:
        return self._row.id if self._row else None

    def is_dirty(self) -> bool:
        return self.save_button.isEnabled()

    def load(self, event_id: int) -> None:
        """Show the event (re-read from the database), discarding unsaved edits."""
        self._row = self._hub.read(get_event, event_id)
        self._fill(self._row, self._hub.read(list_venue_names))
        self.overview.show_overview(self._hub.read(load_overview, event_id))

    def _fill(self, row: EventRow, venues: list[str]) -> None:
        self._loading = True
        self.title.setText(row.name)
        self.name.setText(row.name)
        self.event_type.setCurrentIndex(self.event_type.findData(row.event_type))
        self.start.setDate(to_qdate(row.start_date))
        self.end.setDate(to_qdate(row.end_date))
        self.venue.clear()
        self.venue.addItems(venues)
        self.venue.setEditText(row.venue_name)
        self.category.setCurrentIndex(self.category.findData(row.expense_category))
        self.organiser.setText(row.organiser)
        self.status.setCurrentIndex(self.status.findData(row.status))
        self.notes.setPlainText(row.notes)
        self.error.clear()
        self._loading = False
        self._set_dirty(False)
        self._refresh_limits()

    undo_stack = None  # the form's fields have their own undo (Ctrl+Z while typing)

    def concerns(self, changes) -> bool:
        """Any change to this event's plans changes the overview's figures."""
        return (self._row is not None and changes.touches_event(self._row.id)
                and self._row.id not in changes.deleted_event_ids)

    def apply_changes(self, changes) -> None:
        self._reload_overview()

    def select_item(self, ref) -> bool:
        if ref.kind == "event" and self._row is not None and ref.id == self._row.id:
            self.name.setFocus()
            return True
        return False

    def _reload_overview(self) -> None:
        if self._row is None:
            return
        try:
            self.overview.show_overview(self._hub.read(load_overview, self._row.id))
        except RdplannerError:
            return

    def draft(self) -> EventDraft:
        return EventDraft(
            name=self.name.text(),
            event_type=self.event_type.currentData(),
            start_date=to_date(self.start.date()),
            end_date=to_date(self.end.date()),
            venue_name=self.venue.currentText(),
            expense_category=self.category.currentData(),
            organiser=self.organiser.text(),
            status=self.status.currentData(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> bool:
        """Save the edits; on a problem show it next to the buttons and keep the edits."""
        if self._row is None or not self.is_dirty():
            return True
        from rdplanner.planning import save_event, shifted_plans

        try:
            moved = self._hub.apply(save_event, event_id=self._row.id, expected_version=self._row.version,
                                    draft=self.draft()).value
        except InvalidInput as exc:
            self._show_invalid(exc)
            return False
        except RdplannerError as exc:
            show_error(self, exc, self.tr("保存失败"))
            return False
        event_id = self._row.id
        self.load(event_id)
        self.saved.emit(event_id)
        if moved:
            self.notice.emit(self.tr("开始日期%1 %2 天，%3已随之调整。").replace("%1", "推后" if moved > 0 else "提前")
                             .replace("%2", str(abs(moved))).replace("%3", shifted_plans()))
        return True

    def revert(self) -> None:
        if self._row is not None:
            self.load(self._row.id)

    def _show_invalid(self, exc: InvalidInput) -> None:
        self.error.setText(str(exc))
        widget = {"name": self.name, "end_date": self.end, "event_type": self.event_type}.get(exc.field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)
            self.error.clear()

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _refresh_limits(self, *_args: object) -> None:
        """Show the expense standard of the chosen category and any duration or size limit exceeded."""
        days = meeting_days(to_date(self.start.date()), to_date(self.end.date()))
        texts = form_texts(self.category.currentData(), days,
                           self._row.participant_count if self._row else 0)
        self.standard_hint.setText(texts.standard_hint)
        self.limit_warning.setText(texts.limit_warning)
        self.limit_warning.setVisible(bool(texts.limit_warning))
