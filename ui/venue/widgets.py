"""Small pieces the venue page's parts share: a read-only row table, a row of buttons, selecting rows
by id, and several services as one undo step."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QWidget

from ui.venue.venue_models import ROW_ID


def table(parent: QWidget, model, widths: tuple[int, ...]) -> QTableView:
    """A read-only, row-selecting table over a RowTableModel, the last column stretched."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setMinimumSectionSize(30)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    return view


def button_row(parent: QWidget, *buttons: tuple[str, Callable, str]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """Buttons (text, slot, tooltip) left to right, then a stretch."""
    row, made = QHBoxLayout(), []
    for text, slot, tip in buttons:
        button = QPushButton(text, parent, toolTip=tip)
        button.clicked.connect(slot)
        row.addWidget(button)
        made.append(button)
    row.addStretch(1)
    return row, made


def selected_ids(view: QTableView) -> list[int]:
    """The ids of the selected rows, top to bottom."""
    return sorted((index.data(ROW_ID) for index in view.selectionModel().selectedRows(0)),
                  key=lambda i: view.model().row_of(i))


def select_ids(view: QTableView, ids: set[int], *, scroll: bool = False) -> bool:
    """Select the rows whose id is in ``ids``; False if none is shown."""
    selection = view.selectionModel()
    selection.clearSelection()
    model, first = view.model(), None
    for row in range(model.rowCount()):
        if model.rows[row].id in ids:
            index = model.index(row, 0)
            selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
            first = first or index
    if first is not None:
        selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
        if scroll:
            view.scrollTo(first)
    return first is not None


@contextmanager
def one_step(stack: QUndoStack, text: str, count: int) -> Iterator[None]:
    """Several actions pushed inside as one undo step (a macro) when there is more than one."""
    if count > 1:
        stack.beginMacro(text)
    try:
        yield
    finally:
        if count > 1:
            stack.endMacro()
