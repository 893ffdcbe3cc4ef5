"""The import dialog's row table and detail pane text: one table row per preview row, problems wrapped.

The tick column holds the row number (UserRole); a field cell holds its field code and can be edited
(the dialog then checks the row again with the corrected text).
"""

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
)

from rdplanner.labels import ROLES
from rdplanner.people.importing import FIELDS, ImportPreview
from rdplanner.people.importing.preview import can_leave_id_empty
from rdplanner.people.replies import MODES, time_text

ACTIONS = {"add": "新增", "update": "更新", "unchanged": "不变"}
ERROR_BRUSH = QBrush(QColor("#fde2e1"))
WARNING_BRUSH = QBrush(QColor("#fff4ce"))
FIXED_COLUMNS = ("导入", "行号", "处理", "问题")
PROBLEM_COLUMN = 3
PROBLEM_WIDTH = 320
MAX_ROWS_TO_FIT = 1000  # fitting every row's height to wrapped problems; beyond that the pane shows them
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1


class OneLineDelegate(QStyledItemDelegate):
    """Draws a cell on one line, elided: only the 问题 column wraps (a 70-character name must not)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


def set_up_table(table: QTableWidget) -> None:
    """Wrap the problems column only."""
    table.setWordWrap(True)
    table.setItemDelegate(OneLineDelegate(table))
    table.setItemDelegateForColumn(PROBLEM_COLUMN, QStyledItemDelegate(table))


def fill_rows(table: QTableWidget, preview: ImportPreview, unticked: set[int]) -> None:
    """Show every preview row; rows the officer unticked stay unticked."""
    fields = [f for f in FIELDS if any(f in row.values for row in preview.rows)]
    table.blockSignals(True)
    table.clear()
    table.setColumnCount(len(FIXED_COLUMNS) + len(fields))
    table.setHorizontalHeaderLabels([*FIXED_COLUMNS, *(FIELDS[f].label for f in fields)])
    table.setRowCount(len(preview.rows))
    for n, row in enumerate(preview.rows):
        _fill_row(table, n, row, fields, unticked)
    table.blockSignals(False)
    table.resizeColumnsToContents()
    table.setColumnWidth(PROBLEM_COLUMN, PROBLEM_WIDTH)
    for column in range(PROBLEM_COLUMN + 1, table.columnCount()):
        table.setColumnWidth(column, min(220, table.columnWidth(column)))
    if len(preview.rows) <= MAX_ROWS_TO_FIT:
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def _fill_row(table: QTableWidget, n: int, row, fields: list[str], unticked: set[int]) -> None:
    errors = row.errors
    tickable = not errors or can_leave_id_empty(row)
    tick = QTableWidgetItem()
    tick.setData(Qt.ItemDataRole.UserRole, row.row_number)
    tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                  | (Qt.ItemFlag.ItemIsUserCheckable if tickable else Qt.ItemFlag.NoItemFlags))
    checked = row.accepted and not errors and row.row_number not in unticked
    tick.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    if errors and tickable:
        tick.setToolTip("勾选后该行不带身份证号导入，问题记入备注")
    table.setItem(n, 0, tick)
    brush = ERROR_BRUSH if errors else WARNING_BRUSH if row.problems else None
    texts = [(str(row.row_number), None), (ACTIONS.get(row.action, row.action), None),
             (problems_text(row, "；"), None), *((shown_value(row.values.get(f), f), f) for f in fields)]
    for column, (text, field) in enumerate(texts, 1):
        item = QTableWidgetItem(text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if field is not None:
            item.setData(FIELD_ROLE, field)
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        if brush is not None:
            item.setBackground(brush)
        if column == PROBLEM_COLUMN and row.problems:
            item.setToolTip(problems_text(row, "\n"))
        table.setItem(n, column, item)


def problems_text(row, separator: str) -> str:
    return separator.join(f"{field_name(p.field)}：{p.message}" for p in row.problems)


def field_name(code: str) -> str:
    return FIELDS[code].label if code in FIELDS else (code or "整行")


def detail_text(row) -> str:
    """The selected row in full for the detail pane: its action and every problem on its own line."""
    head = f"第 {row.row_number} 行（{ACTIONS.get(row.action, row.action)}）"
    if not row.problems:
        return head + "：没有问题。"
    lines = [f"{'错误' if p.is_error else '提示'}　{field_name(p.field)}：{p.message}" for p in row.problems]
    advice = "双击单元格可直接改正，改正后重新检查。"
    if can_leave_id_empty(row):
        advice += "也可以不带身份证号导入该人员（勾选该行或点“身份证号留空导入”），问题记入备注。"
    return "\n".join([head + "：", *lines, advice if row.has_errors else ""]).rstrip()


def shown_value(value: object, field: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, time):
        return time_text(value)
    if field.endswith("_mode") and isinstance(value, str):
        return MODES.get(value, value)
    if isinstance(value, str) and value in ROLES:
        return ROLES[value]
    return str(value)
