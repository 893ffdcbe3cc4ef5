"""Choosing the days to copy a trip to (复制到其他日期): the event's other days, each a check box."""

from datetime import date

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from rdplanner.programme.read import day_text
from ui.dialogs import fit_to_screen


class DaysDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, title: str, days: tuple[date, ...]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("复制到其他日期"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("把“%1”复制到（同一时刻、车辆、驾驶员和乘车人员，复制后为“已申请”）：")
                                .replace("%1", title), self, wordWrap=True))
        self.days = tuple(days)
        self.boxes = [QCheckBox(day_text(day), self) for day in days]
        for box in self.boxes:
            layout.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("复制"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 420, self.sizeHint().height())

    def chosen(self) -> list[date]:
        return [day for day, box in zip(self.days, self.boxes, strict=True) if box.isChecked()]

    @classmethod
    def ask(cls, parent: QWidget | None, *, title: str, days: tuple[date, ...]) -> list[date] | None:
        """The days chosen, or None if cancelled (tests monkeypatch this)."""
        dialog = cls(parent, title=title, days=days)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
