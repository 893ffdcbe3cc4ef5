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


def compact_dates(row: EventRow) -> str:
    """The dates in a narrow list, e.g. 2026.12.3—4 (the tooltip and the editor give them in full)."""
    start, end = row.start_date, row.end_date
    first = f"{start.year}.{start.month}.{start.day}"
    if start == end:
        return first
    if start.year != end.year:
        return f"{first}—{end.year}.{end.month}.{end.day}"
    return f"{first}—{end.month}.{end.day}" if start.month != end.month else f"{first}—{end.day}"


def display_text(row: EventRow, column: EventColumn) -> str:
    if column is EventColumn.NAME:
        return row.name
    if column is EventColumn.TYPE:
        return row.type_label
    if column is EventColumn.DATES:
        return compact_dates(row)
    return row.status_label


def tooltip_text(row: EventRow) -> str:
    """The full name and everything a narrow list may leave out."""
    return (f"{row.name}\n{row.type_label}　{row.dates_text()}　{row.status_label}\n"
            f"地点：{row.venue_name or '未填写'}")


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
            return tooltip_text(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[EventColumn(section)]
        return None
