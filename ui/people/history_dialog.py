"""A person's attendance across events and sittings, with the attendance rule of the event's body: the
代表法 art. 62 count at a congress session, the standing committee's leave rule at its meetings
(rdplanner.people.attendance_rules)."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rdplanner.labels import EVENT_TYPES, ROLES
from rdplanner.people.attendance import HistoryRow
from rdplanner.people.attendance_rules import attendance_note
from rdplanner.people.quorum import STATUSES
from ui.dialogs import fit_to_screen

COLUMNS = ("日期", "活动", "会次", "身份", "出勤", "原因")


def status_text(row: HistoryRow) -> str:
    if row.status == "leave" and not row.leave_approved:
        return "请假（未获批准）"
    text = STATUSES.get(row.status, row.status)
    return text + ("（按请假记录）" if row.from_leave_record else "")


class HistoryDialog(QDialog):
    """Read-only list, newest first."""

    def __init__(self, parent: QWidget | None, *, name: str, rows: tuple[HistoryRow, ...], unapproved: int,
                 event_type: str) -> None:
        super().__init__(parent, windowTitle=self.tr("出勤记录：%1").replace("%1", name))
        table = QTableWidget(len(rows), len(COLUMNS), self)
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        for n, row in enumerate(sorted(rows, key=lambda r: r.event_date, reverse=True)):
            texts = (f"{row.event_date:%Y-%m-%d}", f"{row.event_name}（{EVENT_TYPES.get(row.event_type, '')}）",
                     row.sitting_name, ROLES.get(row.role, row.role), status_text(row), row.reason)
            for column, text in enumerate(texts):
                table.setItem(n, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        rule = attendance_note(event_type, rows, unapproved)
        note = QLabel(rule.text, self, wordWrap=True, objectName="warning" if rule.is_warning else "hint")
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        layout.addWidget(note)
        layout.addWidget(close)
        self.table = table
        self.note = note
        fit_to_screen(self, 820, 420)
