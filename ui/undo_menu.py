"""The Edit menu's 撤销 %1 / 重做 %1 (Ctrl+Z, Ctrl+Shift+Z) for every page: one QUndoGroup whose active
stack is the ``undo_stack`` of the page shown; on a page without one both actions are disabled."""

from PySide6.QtGui import QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget


def install_undo_actions(window: QMainWindow, edit_menu: QMenu) -> QUndoGroup:
    """Put 撤销 and 重做 at the top of ``edit_menu`` (``window.action_undo`` / ``action_redo``), acting on
    the stack ``show_undo_stack_of`` makes active; return the group."""
    group = QUndoGroup(window)
    undo = group.createUndoAction(window, window.tr("撤销"))
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    redo = group.createRedoAction(window, window.tr("重做"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    first = next(iter(edit_menu.actions()), None)
    edit_menu.insertActions(first, [undo, redo])
    if first is not None:
        edit_menu.insertSeparator(first)
    window.addActions([undo, redo])  # the shortcuts work with the menu bar hidden too
    window.action_undo, window.action_redo = undo, redo
    return group


def show_undo_stack_of(group: QUndoGroup, page: QWidget | None) -> None:
    """Make the shown page's ``undo_stack`` the one the Edit menu acts on (none: the actions disable)."""
    stack = getattr(page, "undo_stack", None)
    if stack is not None and stack not in group.stacks():
        group.addStack(stack)
    group.setActiveStack(stack)
