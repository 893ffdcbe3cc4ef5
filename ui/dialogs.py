"""Message helpers every widget uses; tests monkeypatch these instead of clicking real dialogs."""

from pathlib import Path

from PySide6.QtCore import QMargins, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rdplanner.errors import RdplannerError


def available_rect(widget: QWidget) -> QRect:
    """The usable area (without taskbars) of the screen the widget is on, or of the primary screen."""
    parent = widget.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or widget.screen() \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


FRAME_WIDTH = 8    # left and right window borders drawn by the window manager
FRAME_HEIGHT = 40  # title bar and bottom border


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Give a window or dialog its preferred size, shrunk to the available screen, and centre it there.

    A 1366×768 laptop leaves about 1366×728 for windows; the frame takes some 30 px more, so the size is
    clamped to the available area less a margin for the frame. Dialogs centre on their parent's window;
    the whole frame stays inside the available area (of any monitor, wherever it lies).
    """
    area = available_rect(widget)
    w = max(1, min(width, area.width() - FRAME_WIDTH))
    h = max(1, min(height, area.height() - FRAME_HEIGHT))
    widget.resize(w, h)
    w, h = widget.width(), widget.height()  # a minimum size may have refused to shrink
    parent = widget.parentWidget()
    centre = parent.window().frameGeometry().center() if parent is not None else area.center()
    x = min(centre.x() - (w + FRAME_WIDTH) // 2, area.left() + area.width() - w - FRAME_WIDTH)
    y = min(centre.y() - (h + FRAME_HEIGHT) // 2, area.top() + area.height() - h - FRAME_HEIGHT)
    widget.move(max(area.left(), x), max(area.top(), y))


def fits_on_screen(widget: QWidget) -> bool:
    """Tell whether a window with its frame lies wholly inside the available screen area."""
    frame = widget.frameGeometry()
    if frame == widget.geometry():  # not shown yet: move() placed the frame, allow for its size
        frame = QRect(widget.pos(), widget.size().grownBy(QMargins(0, 0, FRAME_WIDTH, FRAME_HEIGHT)))
    return available_rect(widget).contains(frame)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a question whose safe answer is No (the default button)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton("确定", QMessageBox.ButtonRole.YesRole)
    no = box.addButton("取消", QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is yes


def ask_save_discard_cancel(parent: QWidget | None, title: str, text: str) -> str:
    """Return "save", "discard" or "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return "save"
    return "discard" if clicked is discard else "cancel"


def show_error(parent: QWidget | None, error: RdplannerError | str, title: str = "操作未完成") -> None:
    QMessageBox.warning(parent, title, str(error))


def report_failure(parent: QWidget | None, error: BaseException, title: str) -> None:
    """Show a core error from a background task; anything else is a bug and goes to the error handler."""
    if not isinstance(error, RdplannerError):
        raise error
    show_error(parent, error, title)


def ask_save_path(parent: QWidget | None, title: str, name: str, suffix: str) -> str:
    """Ask where to save a document; return the path with ``suffix`` ensured, or "" if cancelled."""
    filters = {".pdf": "PDF 文件 (*.pdf)", ".xlsx": "Excel 工作簿 (*.xlsx)"}
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), filters[suffix])
    if path and not path.lower().endswith(suffix):
        path += suffix
    return path
