"""The desk's live figures (报到进度): arrived against expected in all, per expected day and per
delegation, as a headline and two small tables."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rdplanner.arrival.read import ArrivalFigures, Tally


class FiguresPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.by_day = self._table()
        self.by_group = self._table()
        self.tabs.addTab(self.by_day, self.tr("按日期"))
        self.tabs.addTab(self.by_group, self.tr("按代表团"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _table(self) -> QTableWidget:
        table = QTableWidget(0, 3, self)
        table.setHorizontalHeaderLabels((self.tr("应到日期 / 代表团"), self.tr("已到 / 应到"), self.tr("未到")))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def show_figures(self, figures: ArrivalFigures) -> None:
        self._fill(self.by_day, figures.by_day)
        self._fill(self.by_group, figures.by_group)

    @staticmethod
    def _fill(table: QTableWidget, tallies: tuple[Tally, ...]) -> None:
        table.setRowCount(len(tallies))
        for n, tally in enumerate(tallies):
            texts = (tally.label, f"{tally.arrived} / {tally.expected}", str(tally.expected - tally.arrived))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(n, column, item)


def headline(figures: ArrivalFigures) -> str:
    total = figures.total
    return f"已报到 {total.arrived} / 应到 {total.expected} 人，未到 {total.expected - total.arrived} 人"
