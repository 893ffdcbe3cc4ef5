"""The dialog to add or edit a hall booking (场地预订): the hall, from and to (date and time), status,
contact, phone and notes. It refuses an end not after the start before the core is asked."""

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rdplanner.venue.defaults import BOOKING_STATUSES
from rdplanner.venue.read import BookingRow
from ui.dialogs import fit_to_screen


@dataclass(frozen=True)
class BookingDraft:
    """What the officer filled in: the keyword arguments of book_hall / update_booking."""

    hall_id: int
    starts_at: datetime
    ends_at: datetime
    status: str
    contact: str
    phone: str
    notes: str

    def values(self) -> dict:
        return {"hall_id": self.hall_id, "starts_at": self.starts_at, "ends_at": self.ends_at,
                "status": self.status, "contact": self.contact, "phone": self.phone, "notes": self.notes}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class BookingDialog(QDialog):
    """``halls``: (hall id, "场所 会议厅") in the order offered; ``hall_id``, ``first`` and ``last``
    preset a new booking (the event's main hall, its first and last day)."""

    def __init__(self, parent: QWidget | None, *, halls: tuple[tuple[int, str], ...],
                 booking: BookingRow | None = None, hall_id: int | None = None,
                 first: date | None = None, last: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑场地预订") if booking else self.tr("添加场地预订"))
        self.hall = QComboBox(self)
        for hall, name in halls:
            self.hall.addItem(name, hall)
        self.hall.setMinimumContentsLength(24)
        self.start_day = QDateEdit(self, calendarPopup=True, displayFormat="yyyy年M月d日")
        self.start_time = QTimeEdit(self, displayFormat="HH:mm")
        self.end_day = QDateEdit(self, calendarPopup=True, displayFormat="yyyy年M月d日")
        self.end_time = QTimeEdit(self, displayFormat="HH:mm")
        self.status = QComboBox(self)
        for code, label in BOOKING_STATUSES.items():
            self.status.addItem(label, code)
        self.contact = QLineEdit(self, maxLength=100, placeholderText=self.tr("场地方联系人"))
        self.phone = QLineEdit(self, maxLength=50, placeholderText=self.tr("如 0571-87001234"))
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(56)
        self.error = QLabel(self, objectName="error", wordWrap=True)
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        self.buttons.button(standard.Ok).setText(self.tr("确定"))
        self.buttons.button(standard.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._build_layout()
        self._fill(booking, hall_id, first or date.today(), last or first or date.today())
        self.start_day.dateChanged.connect(self._keep_end_after_start)
        fit_to_screen(self, 520, self.sizeHint().height())

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("会场"), self.hall)
        for label, day, at in ((self.tr("从"), self.start_day, self.start_time),
                               (self.tr("至"), self.end_day, self.end_time)):
            row = QHBoxLayout()
            row.addWidget(day)
            row.addWidget(at)
            row.addStretch(1)
            form.addRow(label, row)
        form.addRow(self.tr("状态"), self.status)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("备注"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _fill(self, booking: BookingRow | None, hall_id: int | None, first: date, last: date) -> None:
        if booking is None:
            self.hall.setCurrentIndex(max(0, self.hall.findData(hall_id)))
            self._set(first, time(8), last, time(18))
            return
        self.hall.setCurrentIndex(max(0, self.hall.findData(booking.hall_id)))
        self._set(booking.starts_at.date(), booking.starts_at.time(), booking.ends_at.date(),
                  booking.ends_at.time())
        self.status.setCurrentIndex(max(0, self.status.findData(booking.status)))
        self.contact.setText(booking.contact)
        self.phone.setText(booking.phone)
        self.notes.setPlainText(booking.notes)

    def _set(self, first: date, starts: time, last: date, ends: time) -> None:
        self.start_day.setDate(_qdate(first))
        self.start_time.setTime(QTime(starts.hour, starts.minute))
        self.end_day.setDate(_qdate(last))
        self.end_time.setTime(QTime(ends.hour, ends.minute))

    def _keep_end_after_start(self, day: QDate) -> None:
        if self.end_day.date() < day:
            self.end_day.setDate(day)

    def draft(self) -> BookingDraft:
        starts = datetime.combine(self.start_day.date().toPython(), self.start_time.time().toPython())
        ends = datetime.combine(self.end_day.date().toPython(), self.end_time.time().toPython())
        return BookingDraft(self.hall.currentData(), starts.replace(second=0, microsecond=0),
                            ends.replace(second=0, microsecond=0), self.status.currentData(),
                            self.contact.text().strip(), self.phone.text().strip(),
                            self.notes.toPlainText().strip())

    def accept(self) -> None:
        draft = self.draft()
        if draft.hall_id is None:
            self.error.setText(self.tr("请选择会场；没有会场时请先在“座次”页的“座位布局…”中新建会场。"))
            self.hall.setFocus()
            return
        if draft.ends_at <= draft.starts_at:
            self.error.setText(self.tr("结束时间应晚于开始时间。"))
            self.end_time.setFocus()
            return
        super().accept()
