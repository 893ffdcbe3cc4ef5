"""What the fleet dialog's two tabs share: a table of rows above a form, buttons with the refusal shown
next to them, and running a fleet service through the hub (saved at once, never undone)."""

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from rdplanner.changes import Outcome
from rdplanner.errors import InvalidInput, RdplannerError

ROW_ID = Qt.ItemDataRole.UserRole
RETIRED = QColor("#80868b")


class FleetTab(QWidget):
    """A tab of the fleet directory. Emits ``saved`` after a change was saved (the dialog re-reads)."""

    saved = Signal()

    def __init__(self, hub, columns: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = QLabel(self, objectName="error", wordWrap=True)
        self.fields: dict[str, QWidget] = {}  # a service's field name → the widget to focus
        self.chosen_id: int | None = None  # the row the form shows (None: a new one)

    def button_row(self, *buttons: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in buttons:
            button.setAutoDefault(False)  # Enter in the form saves (the dialog makes 保存 the default)
            row.addWidget(button)
        row.addWidget(self.error, 1)
        return row

    def fill_table(self, rows: Sequence[tuple[int, bool, Sequence[str]]], selected: int | None) -> None:
        """Rows as (id, active, texts); a retired row is grey; the row ``selected`` is selected again."""
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(rows))
        again = None
        for n, (row_id, active, texts) in enumerate(rows):
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setData(ROW_ID, row_id)
                cell.setToolTip(text)
                if not active:
                    cell.setForeground(QBrush(RETIRED))
                self.table.setItem(n, column, cell)
            if row_id == selected:
                again = n
        self.table.blockSignals(False)
        if again is not None:
            self.table.selectRow(again)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows(0)
        return rows[0].data(ROW_ID) if rows else None

    def select_id(self, row_id: int) -> bool:
        for n in range(self.table.rowCount()):
            if self.table.item(n, 0).data(ROW_ID) == row_id:
                self.table.selectRow(n)
                return True
        return False

    def run(self, service: Callable[..., Outcome], /, select: Callable[[Outcome], int | None] | None = None,
            **kwargs) -> Outcome | None:
        """Run a fleet service and emit ``saved``; ``select(outcome)`` names the row to show afterwards.
        A refusal is shown next to the buttons (its field focused) and None returned."""
        try:
            outcome = self._hub.apply(service, **kwargs)
        except RdplannerError as exc:
            self.error.setText(str(exc))
            widget = self.fields.get(exc.field or "") if isinstance(exc, InvalidInput) else None
            if widget is not None:
                widget.setFocus()
            return None
        self.error.clear()
        if select is not None:
            self.chosen_id = select(outcome)
        self.saved.emit()
        return outcome
