"""Qt table model of an event's roster (RosterRow read models), sensitive fields masked by default."""

from enum import IntEnum
from typing import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from rdplanner.labels import unit_and_post
from rdplanner.masking import mask_id_number, mask_phone
from rdplanner.people.replies import reply_summary
from rdplanner.people.service import RosterRow


class RosterColumn(IntEnum):
    NUMBER = 0
    NAME = 1
    GENDER = 2
    ETHNICITY = 3
    UNIT = 4
    POST = 5
    DELEGATION = 6
    ROLE = 7
    PHONE = 8
    ID_NUMBER = 9
    LEAVE = 10
    LOCAL = 11
    LODGING = 12
    TRANSPORT = 13
    DIETARY = 14
    NOTES = 15


HEADERS = ("序号", "姓名", "性别", "民族", "单位", "职务", "代表团", "身份", "手机", "身份证号", "请假",
           "本地", "住宿", "用车", "饮食要求", "备注")
# The table's narrow 身份 column says 组成人员 (as the seating zones do); the tooltip has the full label.
SHORT_ROLES = {"member": "组成人员"}
ELIDED = frozenset({RosterColumn.UNIT, RosterColumn.POST, RosterColumn.DELEGATION, RosterColumn.DIETARY,
                    RosterColumn.NOTES})  # may be elided on screen: the whole text is the tooltip
LOCAL_TIP = "本地人员不安排住宿（除非勾选“住宿”），不计早餐（住会的除外）"
DUPLICATE_NAME_COLOUR = QColor("#fff4ce")
FLAG_COLOUR = QColor("#b3261e")


def display_text(row: RosterRow, column: RosterColumn, *, number: int, show_sensitive: bool) -> str:
    return display_texts(row, number=number, show_sensitive=show_sensitive)[column]


def display_texts(row: RosterRow, *, number: int, show_sensitive: bool) -> dict[RosterColumn, str]:
    """The text of every column of the row, as the table shows it."""
    name = row.name + (f"（{row.name_note}）" if row.name_note else "")
    return {
        RosterColumn.NUMBER: str(number),
        RosterColumn.NAME: name,
        RosterColumn.GENDER: row.gender,
        RosterColumn.ETHNICITY: row.ethnicity,
        RosterColumn.UNIT: row.unit,
        RosterColumn.POST: row.post,
        RosterColumn.DELEGATION: row.delegation,
        RosterColumn.ROLE: SHORT_ROLES.get(row.role, row.role_label),
        RosterColumn.PHONE: row.phone if show_sensitive else mask_phone(row.phone),
        RosterColumn.ID_NUMBER: (row.id_card_no or "") if show_sensitive else mask_id_number(row.id_card_no),
        RosterColumn.LEAVE: "" if row.leave_status == "none" else row.leave_label,
        RosterColumn.LOCAL: "本地" if row.is_local else "",
        RosterColumn.LODGING: "住" if row.needs_lodging else "",
        RosterColumn.TRANSPORT: "用车" if row.needs_transport else "",
        RosterColumn.DIETARY: row.dietary,
        RosterColumn.NOTES: row.notes,
    }


class RosterTableModel(QAbstractTableModel):
    """Rows in display order; ``duplicate_ids`` are the participations whose name occurs twice."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RosterRow] = []
        self._duplicates: frozenset[int] = frozenset()
        self.show_sensitive = False
        self.flagged: dict[int, int] = {}  # person id → unapproved absences from congress sessions

    def set_rows(self, rows: Sequence[RosterRow], duplicate_ids: frozenset[int] = frozenset()) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._duplicates = duplicate_ids
        self.endResetModel()

    def set_show_sensitive(self, show: bool) -> None:
        self.show_sensitive = show
        if self._rows:
            top = self.index(0, RosterColumn.PHONE)
            bottom = self.index(len(self._rows) - 1, RosterColumn.ID_NUMBER)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def rows(self) -> list[RosterRow]:
        return list(self._rows)

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(RosterColumn)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = RosterColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(row, column, number=index.row() + 1, show_sensitive=self.show_sensitive)
        duplicate = row.participation_id in self._duplicates
        if role == Qt.ItemDataRole.BackgroundRole and duplicate and column is RosterColumn.NAME:
            return QBrush(DUPLICATE_NAME_COLOUR)
        absences = self.flagged.get(row.person_id, 0)
        if role == Qt.ItemDataRole.ForegroundRole and absences and column is RosterColumn.NAME:
            return QBrush(FLAG_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column is RosterColumn.NAME:
            tip = f"{row.name}　{unit_and_post(row.unit, row.post, row.role)}"
            if duplicate:
                tip += "\n与他人同名：请在“区分备注”中注明（如单位或性别），以免座次、席卡出错"
            if absences:
                tip += f"\n已 {absences} 次未经批准不出席人民代表大会会议（代表法第六十二条：两次即终止代表资格）"
            reply = reply_summary(row.reply())
            return tip + (f"\n回执：{reply}" if reply else "")
        if role == Qt.ItemDataRole.ToolTipRole and column is RosterColumn.ROLE:
            return row.role_label
        if role == Qt.ItemDataRole.ToolTipRole and column is RosterColumn.LOCAL and row.is_local:
            return LOCAL_TIP
        if role == Qt.ItemDataRole.ToolTipRole and column in ELIDED:
            return display_text(row, column, number=index.row() + 1, show_sensitive=self.show_sensitive) or None
        if role == Qt.ItemDataRole.UserRole:
            return row.participation_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None
