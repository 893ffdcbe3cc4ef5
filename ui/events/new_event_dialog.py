"""The dialog that asks for the essentials of a new event."""

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from rdplanner.errors import InvalidInput
from rdplanner.events.service import EventDraft, validate_draft
from rdplanner.labels import EVENT_TYPES
from ui.dialogs import fit_to_screen
from ui.events.editor import DATE_FORMAT, to_date, to_qdate


class NewEventDialog(QDialog):
    """Name, type and dates; the rest is filled in on the event page."""

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent, windowTitle=self.tr("新建活动"))
        start = (today or date.today()) + timedelta(days=14)
        self.name = QLineEdit(self, maxLength=200, placeholderText=self.tr("如：市第十七届人大常委会第二十四次会议"))
        self.event_type = QComboBox(self)
        for code, label in EVENT_TYPES.items():
            self.event_type.addItem(label, code)
        self.event_type.setCurrentIndex(self.event_type.findData("standing_committee"))
        self.start = QDateEdit(to_qdate(start), self, calendarPopup=True, displayFormat=DATE_FORMAT)
        self.end = QDateEdit(to_qdate(start), self, calendarPopup=True, displayFormat=DATE_FORMAT)
        self.error = QLabel(self, objectName="error", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("活动名称"), self.name)
        form.addRow(self.tr("活动类型"), self.event_type)
        form.addRow(self.tr("开始日期"), self.start)
        form.addRow(self.tr("结束日期"), self.end)
        form.addRow(self.error)
        form.addRow(buttons)
        self.setMinimumWidth(460)
        fit_to_screen(self, 520, self.sizeHint().height())

    def draft(self) -> EventDraft:
        return EventDraft(
            name=self.name.text(),
            event_type=self.event_type.currentData(),
            start_date=to_date(self.start.date()),
            end_date=to_date(self.end.date()),
            organiser="市人大常委会办公室",
        )

    def accept(self) -> None:
        try:
            validate_draft(self.draft())
        except InvalidInput as exc:
            self.error.setText(str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> EventDraft | None:
        """Show the dialog; return the draft, or None if the user cancelled."""
        dialog = cls(parent)
        return dialog.draft() if dialog.exec() == QDialog.DialogCode.Accepted else None
