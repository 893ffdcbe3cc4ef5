"""The event list: search, table, and the create / duplicate / delete buttons.

Emits ``current_event_changed(int)`` with the selected event id, or 0 when nothing is selected.
"""

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rdplanner.events.service import list_events
from ui.events.table_model import EventColumn, EventTableModel
from ui.hub import Hub


class EventListPanel(QWidget):
    """Lists the events, newest first, filtered by the search box."""

    current_event_changed = Signal(int)

    def __init__(self, hub: Hub, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.search = QLineEdit(placeholderText=self.tr("搜索活动名称、地点或主办单位"), clearButtonEnabled=True)
        self.model = EventTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "市第十七届…第二十三次会议"
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(EventColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (EventColumn.TYPE, EventColumn.DATES, EventColumn.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.geometriesChanged.connect(self._fit_columns)
        self.count_label = QLabel(self)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.reload)
        hub.changes_applied.connect(self._follow_changes)
        self.search.textChanged.connect(self._search_timer.start)
        self.table.selectionModel().selectionChanged.connect(self._emit_current)
        self._build_layout(actions)

    def _build_layout(self, actions: list[QAction]) -> None:
        buttons = QHBoxLayout()
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        title = QLabel(self.tr("活动"), self)
        title.setObjectName("panelTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def name_width_wanted(self) -> int:
        """The least width for the name column: about a dozen characters, elided in the middle."""
        return self.table.fontMetrics().horizontalAdvance("市第十七届人大常委会第") + 16

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Hide the type and status columns (kept in the tooltip) when the name would be too narrow."""
        header = self.table.horizontalHeader()
        optional = (EventColumn.TYPE, EventColumn.STATUS)
        others = sum(max(self.table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in optional)
        dates = max(self.table.sizeHintForColumn(EventColumn.DATES),
                    header.sectionSizeHint(EventColumn.DATES))
        roomy = self.table.viewport().width() - dates - others >= self.name_width_wanted()
        for column in optional:
            if header.isSectionHidden(column) == roomy:
                header.setSectionHidden(column, not roomy)

    def reload(self, select_id: int | None = None) -> None:
        """Reload from the database, keeping (or moving to) the selected event."""
        keep = select_id if select_id is not None else self.current_event_id()
        rows = self._hub.read(list_events, search=self.search.text())
        blocker = self.table.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self._fit_columns()
        self.table.selectionModel().blockSignals(blocker)
        self.count_label.setText(self.tr("共 %n 个活动", "", len(rows)))
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._emit_current()

    def _follow_changes(self, changes) -> None:
        """Read the list again when an event was added, edited, deleted or its head count changed."""
        if changes.events_list or changes.event_ids or changes.deleted_event_ids:
            self.reload()

    def current_event_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    def select_event(self, event_id: int) -> bool:
        row = self.model.row_of(event_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _emit_current(self, *_args: QItemSelection) -> None:
        self.current_event_changed.emit(self.current_event_id() or 0)
