"""The programme as a Qt tree: one row per day, its items under it in time order (no SQL here)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from rdplanner.problems import Problem
from rdplanner.programme.read import Programme, ProgrammeItem, day_text

COLUMNS = ("时间", "名称", "类型", "地点", "参加人员", "车辆", "备注")
ITEM_ID = Qt.ItemDataRole.UserRole + 1
DAY = Qt.ItemDataRole.UserRole + 2
FLAGGED = QColor("#b3261e")


class ProgrammeModel(QStandardItemModel):
    """Days as top-level rows ("1月3日（星期六） 第 1 天"), items as their children; each item row holds
    its id in ``ITEM_ID`` and each day row its date in ``DAY``."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.programme: Programme | None = None

    def fill(self, programme: Programme, problems: tuple[Problem, ...] = ()) -> None:
        self.programme = programme
        flagged: dict[int, list[str]] = {}
        for problem in problems:
            for item_id in problem.ids("item"):
                flagged.setdefault(item_id, []).append(problem.message)
        self.removeRows(0, self.rowCount())
        for day in programme.days():
            number = (day - programme.start_date).days + 1
            inside = programme.start_date <= day <= programme.end_date
            head = QStandardItem(f"{day_text(day)}　" + (f"第 {number} 天" if inside else "（活动日期外）"))
            head.setData(day, DAY)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            row = [head] + [QStandardItem("") for _ in COLUMNS[1:]]
            for cell in row:
                cell.setEditable(False)
            for item in programme.items_on(day):
                head.appendRow(self._item_row(item, flagged.get(item.id, [])))
            self.appendRow(row)
        undated = programme.items_on(None)
        if undated:
            head = QStandardItem("未定时间")
            for item in undated:
                head.appendRow(self._item_row(item, flagged.get(item.id, [])))
            self.appendRow([head] + [QStandardItem("") for _ in COLUMNS[1:]])

    def _item_row(self, item: ProgrammeItem, messages: list[str]) -> list[QStandardItem]:
        texts = (item.time_text, item.name, item.kind_label, item.place_text or "（未定）", item.audience_text,
                 f"{item.trip_count} 趟" if item.trip_count else "", item.notes.replace("\n", " "))
        cells = []
        for column, text in enumerate(texts):
            cell = QStandardItem(text)
            cell.setEditable(False)
            cell.setData(item.id, ITEM_ID)
            tip = "\n".join(messages)
            cell.setToolTip(tip or (text if column in (1, 3, 6) else ""))
            if messages:
                cell.setForeground(QBrush(FLAGGED))
            cells.append(cell)
        if messages:
            cells[1].setText("⚠ " + item.name)
        return cells
