"""The overview of an event's preparation (筹备概况): one line per domain's figure (who, seats, cars,
rooms, meals, money, tasks), as the domains word them (rdplanner.planning.load_overview)."""

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from rdplanner.domain import OverviewLine


class OverviewPanel(QGroupBox):
    """Read-only figures; refreshed by ``show_overview``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("筹备概况"), parent)
        self.values: dict[str, QLabel] = {}
        self._form = QFormLayout(self)

    def show_overview(self, lines: Sequence[OverviewLine]) -> None:
        """Show the lines; a line that needs attention (over the budget ceiling) is red."""
        if [line.title for line in lines] != list(self.values):
            while self._form.rowCount():
                self._form.removeRow(0)
            self.values = {line.title: QLabel(self, wordWrap=True) for line in lines}
            for title, label in self.values.items():
                self._form.addRow(title, label)
        for line in lines:
            label = self.values[line.title]
            label.setText(line.text)
            label.setProperty("warning", line.alert)
            label.setStyleSheet("color: #b3261e;" if line.alert else "")
