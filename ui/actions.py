"""A page's own actions: a QAction on the page whose shortcut works while focus is inside the page."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def page_action(page: QWidget, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
    """Add an action named ``text`` to ``page``, calling ``slot``; its shortcut is the page's only."""
    made = QAction(text, page)
    if shortcut is not None:
        made.setShortcut(shortcut)
        made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    made.triggered.connect(slot)
    page.addAction(made)
    return made
