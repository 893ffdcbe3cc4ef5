"""The venue page's tables as Qt models over the read model (rdplanner.venue.read): the bookings with
the other events' clashing bookings, a set-up's checks and its materials. No SQL here.

``MaterialTableModel`` lets the 实备数量 cell be typed in place; it hands the text to ``edit_prepared``
once the editor has closed (saving reloads the model, which must not happen under the editor).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor

from rdplanner.venue.defaults import BASES, BOOKING_STATUSES, CANCELLED
from rdplanner.venue.read import BookingRow, CheckRow, MaterialRow

ROW_ID = Qt.ItemDataRole.UserRole + 1
RED = QColor("#b3261e")
GREEN = QColor("#1e6b34")
GREY = QColor("#80868b")
Index = QModelIndex | QPersistentModelIndex


def moment_text(moment: datetime, *, year: int | None = None) -> str:
    """"6月10日 09:00" (the year in front when it is not ``year``)."""
    head = "" if moment.year == year else f"{moment.year}年"
    return f"{head}{moment.month}月{moment.day}日 {moment:%H:%M}"


def span_text(starts_at: datetime, ends_at: datetime, *, year: int | None = None) -> str:
    """"6月10日 09:00–12:00"; across days "6月9日 14:00 至 10日 18:00" ("至 7月1日 …" in another month)."""
    start = moment_text(starts_at, year=year)
    if ends_at.date() == starts_at.date():
        return f"{start}–{ends_at:%H:%M}"
    if (ends_at.year, ends_at.month) == (starts_at.year, starts_at.month):
        return f"{start} 至 {ends_at.day}日 {ends_at:%H:%M}"
    return f"{start} 至 {moment_text(ends_at, year=starts_at.year)}"


def local_moment(stored: datetime | None) -> datetime | None:
    """A stored naive-UTC moment (checked, approved) as the computer's local wall-clock time."""
    if stored is None:
        return None
    return stored.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def signed_text(stored: datetime | None) -> str:
    """When a check was done or a banner approved, local time: "6月9日 15:30" ("" if never)."""
    moment = local_moment(stored)
    return "" if moment is None else moment_text(moment, year=datetime.now().year)


def clash_text(booking: BookingRow, *, year: int | None = None) -> str:
    """The other events' overlapping bookings of the hall, each with the event's name."""
    return "；".join(f"“{c.event_name}”已订 {span_text(c.starts_at, c.ends_at, year=year)}"
                    for c in booking.clashes)


@dataclass(frozen=True)
class Column:
    """One column: its heading, its text, and optionally its tooltip and colour for a row."""

    title: str
    text: Callable[[Any], str]
    tip: Callable[[Any], str] | None = None
    colour: Callable[[Any], QColor | None] | None = None
    align_right: bool = False


class RowTableModel(QAbstractTableModel):
    """Rows of one read-model kind (each with an ``id``), shown through ``columns``."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: tuple = ()

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self.rows = tuple(rows)
        self.endResetModel()

    def row_of(self, row_id: int) -> int | None:
        return next((n for n, r in enumerate(self.rows) if r.id == row_id), None)

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ID:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) if column.tip else (column.text(row) or None)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def booking_model(year: Callable[[], int | None], full_place: Callable[[], bool],
                  parent=None) -> RowTableModel:
    """The event's bookings; a clash with another event's booking is red, naming that event. The hall is
    named with its venue when ``full_place()`` (the bookings are in several venues)."""
    def clashing(b: BookingRow) -> QColor | None:
        return RED if b.clashes else None

    def status_colour(b: BookingRow) -> QColor | None:
        return GREY if b.status == CANCELLED else (GREEN if b.status == "confirmed" else None)

    def clash_tip(b: BookingRow) -> str:
        if not b.clashes:
            return "没有其他活动同时预订该会场"
        return "\n".join(f"与“{c.event_name}”{span_text(c.starts_at, c.ends_at)}的预订"
                         f"（{BOOKING_STATUSES.get(c.status, c.status)}）时间重叠" for c in b.clashes)

    def contact(b: BookingRow) -> str:
        return " ".join(p for p in (b.contact, b.phone) if p)

    return RowTableModel((
        Column("会场", lambda b: ("⚠ " if b.clashes else "") + (b.place if full_place() else b.hall_name),
               lambda b: b.place, clashing),
        Column("时间", lambda b: span_text(b.starts_at, b.ends_at, year=year())),
        Column("状态", lambda b: BOOKING_STATUSES.get(b.status, b.status), None, status_colour),
        Column("联系人", contact, lambda b: "\n".join(p for p in (contact(b), b.notes) if p) or None),
        Column("与其他活动冲突", lambda b: clash_text(b, year=year()) or "—", clash_tip, clashing),
    ), parent)


def check_model(parent=None) -> RowTableModel:
    def done(c: CheckRow) -> QColor | None:
        return GREEN if c.is_done else None

    return RowTableModel((
        Column("检查项目", lambda c: ("✓ " if c.is_done else "　") + c.name, lambda c: c.name, done),
        Column("检查人", lambda c: c.checked_by if c.is_done else "未检查",
               None, lambda c: None if c.is_done else GREY),
        Column("时间", lambda c: signed_text(c.checked_at) if c.is_done else ""),
        Column("备注", lambda c: c.notes.replace("\n", " ")),
    ), parent)


PREPARED_COLUMN = 4


def _short(m: MaterialRow) -> bool:
    return m.prepared is not None and m.prepared < m.quantity


class MaterialTableModel(RowTableModel):
    """A set-up's materials; the 实备数量 cell is editable and a shortfall is red."""

    def __init__(self, edit_prepared: Callable[[MaterialRow, str], bool], parent=None) -> None:
        def prepared(m: MaterialRow) -> str:
            return "未清点" if m.prepared is None else str(m.prepared)

        def prepared_tip(m: MaterialRow) -> str:
            if m.prepared is None:
                return "尚未清点；双击填写实际准备的数量"
            if _short(m):
                return f"还差 {m.quantity - m.prepared} {m.unit or '份'}；双击修改"
            return "双击修改实备数量"

        def quantity_tip(m: MaterialRow) -> str:
            if m.basis == "card" and m.base == 0:
                return m.formula + "\n本会场还没有人排在主席台或会议桌上；排座后自动计算"
            return m.formula

        def prepared_colour(m: MaterialRow) -> QColor | None:
            return RED if _short(m) else (GREY if m.prepared is None else None)

        super().__init__((
            Column("名称", lambda m: m.name),
            Column("单位", lambda m: m.unit),
            Column("计算依据", lambda m: BASES.get(m.basis, m.basis) + ("" if m.basis == "fixed"
                                                                        else f" ×{m.per_unit}")),
            Column("计算数量", lambda m: str(m.quantity), quantity_tip, None, True),
            Column("实备数量", prepared, prepared_tip, prepared_colour, True),
            Column("备注", lambda m: m.notes.replace("\n", " ")),
        ), parent)
        self._edit_prepared = edit_prepared

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == PREPARED_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == PREPARED_COLUMN:
            prepared = self.rows[index.row()].prepared
            return "" if prepared is None else str(prepared)
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != PREPARED_COLUMN:
            return False
        row, text = self.rows[index.row()], str(value)
        QTimer.singleShot(0, lambda: self._edit_prepared(row, text))  # after the editor has closed
        return True
