"""The meals as a Qt tree: one row per day, its meals under it in breakfast–lunch–dinner order, each with
its derived headcount, dietary counts, tables and menu price (no SQL here)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from rdplanner.catering.read import CateringPlan, MealRow, day_text, yuan
from rdplanner.problems import Problem

COLUMNS = ("餐次", "形式", "地点", "人数", "清真", "素食", "过敏等", "桌数（清真）", "人均")
PLACE = 2  # the column that takes the room left
MEAL_ID = Qt.ItemDataRole.UserRole + 1
DAY = Qt.ItemDataRole.UserRole + 2
FLAGGED = QColor("#b3261e")


class MealsModel(QStandardItemModel):
    """Days as top-level rows, meals as their children; a meal row holds its id in ``MEAL_ID``."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))

    def fill(self, plan: CateringPlan, problems: tuple[Problem, ...] = ()) -> None:
        flagged: dict[int, list[str]] = {}
        for problem in problems:
            for meal_id in problem.ids("meal")[:1]:
                flagged.setdefault(meal_id, []).append(problem.message)
        self.removeRows(0, self.rowCount())
        for day in plan.days():
            meals = plan.meals_on(day)
            number = (day - plan.start_date).days + 1
            inside = plan.start_date <= day <= plan.end_date
            head = QStandardItem(f"{day_text(day, weekday=True)}　" + (f"第 {number} 天" if inside else "（会期外）")
                                 + f"　{len(meals)} 餐")
            head.setData(day, DAY)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            row = [head] + [QStandardItem("") for _ in COLUMNS[1:]]
            for cell in row:
                cell.setEditable(False)
            for meal in meals:
                head.appendRow(self._meal_row(plan, meal, flagged.get(meal.id, [])))
            self.appendRow(row)

    def _meal_row(self, plan: CateringPlan, meal: MealRow, messages: list[str]) -> list[QStandardItem]:
        count = plan.counts[meal.id]
        others = sum(len(names) for need, _, names in count.needs() if need not in ("清真", "素食"))
        adjusted = f"{count.total}（{meal.adjustment:+d}）" if meal.adjustment else str(count.total)
        texts = (meal.kind_label, meal.style_label, meal.place or "（未定）", adjusted, str(len(count.halal) or ""),
                 str(len(count.vegetarian) or ""), str(others or ""),
                 f"{count.tables}（{count.halal_tables}）" if count.halal_tables else str(count.tables),
                 yuan(meal.price_fen) if meal.menu else "无菜单")
        cells = []
        for text in texts:
            cell = QStandardItem(text)
            cell.setEditable(False)
            cell.setData(meal.id, MEAL_ID)
            cell.setToolTip("\n".join(messages) or text)
            if messages:
                cell.setForeground(QBrush(FLAGGED))
            cells.append(cell)
        if messages:
            cells[0].setText("⚠ " + meal.kind_label)
        return cells


def fit_columns(tree: QTreeView, model: MealsModel) -> None:
    """Each column as wide as its header and its meals' texts (the day rows span the first column and do
    not count); the place (Stretch) takes what is left, so the price stays in view at 1366×768."""
    metrics, header = tree.fontMetrics(), tree.header()
    days = [model.index(day, 0) for day in range(model.rowCount())]
    for column in range(model.columnCount()):
        if column == PLACE:
            continue
        texts = [model.index(row, column, day).data() or ""
                 for day in days for row in range(model.rowCount(day))]
        width = max([metrics.horizontalAdvance(t) for t in texts] + [0]) + 12
        title = metrics.horizontalAdvance(COLUMNS[column]) + 16
        indent = 2 * tree.indentation() + 4 if column == 0 else 0
        header.resizeSection(column, max(width + indent, title))
