"""The desk's person card (报到卡片): who is at the desk, their room, car and seat in large type, the
arrival time (editable), the hand-over checklist and the notes. Passive: the arrival page reads its
widgets and connects their signals to its actions."""

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rdplanner.arrival.handover import HANDOVER
from rdplanner.arrival.read import ArrivalRow
from ui.arrival.arrival_model import arrived_text, day_text

FIELDS = ("应到", "报到", "房间", "车辆", "座次")


def _sized(widget: QWidget, points: float, bold: bool = False) -> QWidget:
    font = QFont(widget.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    widget.setFont(font)
    return widget


class PersonCard(QFrame):
    """One participant's card; ``row`` is the participant shown (None: nobody chosen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, frameShape=QFrame.Shape.StyledPanel)
        self.row: ArrivalRow | None = None
        self.name = _sized(QLabel(self), 22, bold=True)
        self.detail = _sized(QLabel(self, wordWrap=True), 11)
        selectable = Qt.TextInteractionFlag.TextSelectableByMouse
        self.values = {f: _sized(QLabel(self, wordWrap=True, textInteractionFlags=selectable), 13)
                       for f in FIELDS}
        self.when = _sized(QDateTimeEdit(self, displayFormat="M月d日 HH:mm", calendarPopup=True), 12)
        self.save_time = QPushButton(self.tr("改时间"), self)
        self.items = {code: _sized(QCheckBox(label, self), 13) for code, label in HANDOVER.items()}
        self.notes = QLineEdit(self, placeholderText=self.tr("备注（回车保存）"))
        self._build()
        self.show_row(None, datetime.now())

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for n, field in enumerate(FIELDS):
            grid.addWidget(_sized(QLabel(self.tr(field), self), 11), n, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.values[field], n, 1)
        time_row = QHBoxLayout()
        time_row.addWidget(QLabel(self.tr("报到时间"), self))
        time_row.addWidget(self.when, 1)
        time_row.addWidget(self.save_time)
        items = QHBoxLayout()
        for box in self.items.values():
            items.addWidget(box)
        items.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.detail)
        layout.addLayout(grid)
        layout.addLayout(time_row)
        layout.addWidget(QLabel(self.tr("发放（勾选已领取的物品）"), self, objectName="hint"))
        layout.addLayout(items)
        layout.addWidget(self.notes)

    def show_row(self, row: ArrivalRow | None, now: datetime) -> None:
        """Show ``row`` (None: an empty card); a person not yet arrived gets ``now`` as the time offered."""
        self.row = row
        if row is None:
            self.name.setText(self.tr("请输入姓名或拼音首字母"))
            self.detail.clear()
            for label in self.values.values():
                label.clear()
        else:
            self.name.setText(row.name + (f"（{row.name_note}）" if row.name_note else ""))
            parts = [row.delegation or row.unit, row.post if row.delegation else "", row.role_label,
                     row.leave_label]
            self.detail.setText("　".join(dict.fromkeys(p for p in parts if p)))  # "代表" once, not twice
            texts = (day_text(row), arrived_text(row), row.room or self.tr("无（不住宿）"),
                     row.car or self.tr("无"), row.seat)
            for field, text in zip(FIELDS, texts, strict=True):
                self.values[field].setText(text)
            self.values["报到"].setStyleSheet("color: #1e7b34; font-weight: bold;" if row.has_arrived else "")
        arrived = row is not None and row.has_arrived
        when = row.arrived_at if arrived else now
        self.when.setDateTime(QDateTime(when.year, when.month, when.day, when.hour, when.minute, 0))
        self.when.setEnabled(row is not None)
        self.save_time.setEnabled(arrived)
        handed, due = (set(row.handed), set(row.due)) if row else (set(), set())
        for code, box in self.items.items():
            box.blockSignals(True)
            box.setChecked(code in handed)
            box.setEnabled(arrived)
            box.setVisible(row is None or code in due or code in handed)
            box.blockSignals(False)
        self.notes.setText(row.notes if arrived else "")
        self.notes.setEnabled(arrived)

    def chosen_time(self) -> datetime:
        value = self.when.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
