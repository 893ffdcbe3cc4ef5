"""Qt table model over EventRow read models."""

from enum import IntEnum
from typing import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from rdplanner.events.service import EventRow


class EventColumn(IntEnum):
    NAME = 0
    TYPE = 1
    DATES = 2
    STATUS = 3


HEADERS = {
    EventColumn.NAME: "活动名称",
    EventColumn.TYPE: "类型",
    EventColumn.DATES: "日期",
    EventColumn.STATUS: "状态",
}


def display_text(row: EventRow, column: EventColumn) -> str:
    if column is EventColumn.NAME:
        return row.name
    if column is EventColumn.TYPE:
        return row.type_label
    if column is EventColumn.DATES:
        return row.dates_text()
    return row.status_label


class EventTableModel(QAbstractTableModel):
    """A thin adapter: rows in, display text out."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []

    def set_rows(self, rows: Sequence[EventRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> EventRow:
        return self._rows[row]

    def row_of(self, event_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == event_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(EventColumn)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = EventColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name}\n{row.type_label}　{row.dates_text()}\n地点：{row.venue_name or '未填写'}"
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[EventColumn(section)]
        return None
