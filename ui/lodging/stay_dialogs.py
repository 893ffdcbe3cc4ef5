"""Small dialogs of the lodging page: choosing a room with a free bed on the nights of a stay (移到房间,
安排到房间), and a stay's nights and note (修改日期). Each has ``ask(...)`` so tests can answer it."""

from collections import Counter
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from rdplanner.lodging.nights import nights_of, span_text
from rdplanner.lodging.read import LodgingView


def free_rooms(view: LodgingView, check_in: date, check_out: date, hotel_id: int | None,
               leaving: int | None = None) -> list[tuple[int, str]]:
    """(room id, "饭店 301 标准间 空 1 床") of the rooms with a free bed on every night, suites last."""
    count: Counter[tuple[int, date]] = Counter()
    for stay in view.stays:
        if stay.id != leaving:
            count.update((stay.room_id, n) for n in nights_of(stay.check_in, stay.check_out))
    nights = list(nights_of(check_in, check_out))
    found = []
    for room in view.directory.rooms:
        if hotel_id is not None and room.hotel_id != hotel_id:
            continue
        kind = view.room_type(room.room_type_id)
        free = min((kind.beds - count[(room.id, n)] for n in nights), default=kind.beds)
        if free > 0:
            hotel = view.directory.hotel(room.hotel_id).name
            label = f"{hotel} {room.number} {kind.name}（空 {free} 床）" + ("　套房" if kind.is_suite else "")
            found.append((kind.is_suite, room.id, label))
    return [(room_id, label) for _, room_id, label in sorted(found, key=lambda f: f[0])]


class RoomChoiceDialog(QDialog):
    """Choose one of ``rooms``."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, rooms: list[tuple[int, str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.rooms = QComboBox(self)
        self.rooms.setMaxVisibleItems(20)
        for room_id, label in rooms:
            self.rooms.addItem(label, room_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self, wordWrap=True))
        layout.addWidget(self.rooms)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent, title: str, prompt: str, rooms: list[tuple[int, str]]) -> int | None:
        dialog = cls(parent, title, prompt, rooms)
        return dialog.rooms.currentData() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class NightsDialog(QDialog):
    """A stay's check-in, check-out and note."""

    def __init__(self, parent: QWidget | None, name: str, check_in: date, check_out: date, notes: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改住宿日期"))
        self.check_in = QDateEdit(_qdate(check_in), self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.check_out = QDateEdit(_qdate(check_out), self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.notes = QLineEdit(notes, self)
        self.span = QLabel(self)
        form = QFormLayout(self)
        form.addRow(QLabel(name, self))
        form.addRow(self.tr("入住日期"), self.check_in)
        form.addRow(self.tr("退房日期"), self.check_out)
        form.addRow("", self.span)
        form.addRow(self.tr("备注"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for edit in (self.check_in, self.check_out):
            edit.dateChanged.connect(self._show_span)
        self._show_span()

    def values(self) -> dict:
        return {"check_in": self.check_in.date().toPython(), "check_out": self.check_out.date().toPython(),
                "notes": self.notes.text()}

    def _show_span(self, *_args) -> None:
        start, end = self.check_in.date().toPython(), self.check_out.date().toPython()
        self.span.setText(span_text(start, end) if end > start else self.tr("退房日期应晚于入住日期"))
        self.span.setAlignment(Qt.AlignmentFlag.AlignLeft)

    @classmethod
    def ask(cls, parent, name: str, check_in: date, check_out: date, notes: str) -> dict | None:
        dialog = cls(parent, name, check_in, check_out, notes)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
