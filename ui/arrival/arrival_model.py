"""The desk's list of people (报到名单) as a Qt table model over the read model's rows; rows are replaced
in place when another desk or this one marks someone."""

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from rdplanner.arrival.handover import labels_of
from rdplanner.arrival.read import ArrivalRow

PID = Qt.ItemDataRole.UserRole


class ArrivalColumn(IntEnum):
    NAME = 0
    GROUP = 1
    ROLE = 2
    EXPECTED = 3
    ARRIVED = 4
    ROOM = 5
    DUE = 6


HEADERS = ("姓名", "代表团/单位", "身份", "应到", "报到时间", "房间", "待发放")
ARRIVED_COLOUR = QColor("#1e7b34")
LEAVE_COLOUR = QColor("#9a6700")


def day_text(row: ArrivalRow) -> str:
    return f"{row.expected.month}月{row.expected.day}日" if row.expected else "未定"


def arrived_text(row: ArrivalRow) -> str:
    if row.arrived_at is None:
        return row.leave_label or "未报到"
    return f"{row.arrived_at.month}月{row.arrived_at.day}日 {row.arrived_at:%H:%M}"


def room_text(room: str) -> str:
    """"814 市人大会议中心宾馆" from "市人大会议中心宾馆 814": in a narrow column the room number, which the
    desk hands the key card by, stays whole and the hotel's name is what gets cut."""
    hotel, _, number = room.rpartition(" ")
    return f"{number} {hotel}" if hotel else room


def cell_text(row: ArrivalRow, column: ArrivalColumn) -> str:
    if column == ArrivalColumn.NAME:
        return row.name + (f"（{row.name_note}）" if row.name_note else "")
    if column == ArrivalColumn.GROUP:
        return row.delegation or row.unit
    if column == ArrivalColumn.ROLE:
        return row.role_label
    if column == ArrivalColumn.EXPECTED:
        return day_text(row)
    if column == ArrivalColumn.ARRIVED:
        return arrived_text(row)
    if column == ArrivalColumn.ROOM:
        return room_text(row.room)
    return labels_of(row.still_due) if row.has_arrived else ""


class ArrivalTableModel(QAbstractTableModel):
    """The people shown, one row each."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ArrivalRow] = []

    def set_rows(self, rows: Sequence[ArrivalRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ArrivalRow]:
        return list(self._rows)

    def row_at(self, n: int) -> ArrivalRow:
        return self._rows[n]

    def position(self, participation_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.participation_id == participation_id), None)

    def replace(self, row: ArrivalRow) -> None:
        """Show a changed row in place (if shown)."""
        n = self.position(row.participation_id)
        if n is not None:
            self._rows[n] = row
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(HEADERS) - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = ArrivalColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(row, column)
        if role == PID:
            return row.participation_id
        if role == Qt.ItemDataRole.ForegroundRole and column == ArrivalColumn.ARRIVED:
            return ARRIVED_COLOUR if row.has_arrived else (LEAVE_COLOUR if row.leave_label else None)
        return None
