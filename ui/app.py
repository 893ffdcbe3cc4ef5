"""Building the QApplication: names, bundled fonts, Qt's Chinese translations, the style sheet."""

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDir, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from rdplanner.resources import ICONS
from ui.fonts import apply_default_font, register_app_fonts
from ui.translations import install_qt_translations

STYLE_SHEET = """
QLabel#pageTitle { font-size: 18pt; font-weight: bold; padding: 4px 0 8px 0; }
QLabel#panelTitle { font-size: 13pt; font-weight: bold; }
QLabel#hint { color: #5f6368; }
QLabel#warning { color: #9a6700; }
QLabel#error { color: #b3261e; }
QListWidget#planNavigation::item { padding: 8px 6px; }
"""


HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb",
                                "vkkhrdisplay"})
NO_DISPLAY_MESSAGE = ("无法打开图形界面：没有可用的显示器（%1 未设置）。"
                      "可在命令行使用 python -m rdplanner …（如 demo、import-roster、export）完成工作。")


def missing_display(environ=os.environ, platform: str = sys.platform) -> str:
    """Return why Qt could not open a window here (in Chinese), or "" if it can.

    Qt itself would print an English "could not connect to display" and abort with status 250, so
    the check runs before the QApplication exists. Only Linux needs a display server named in the
    environment; a headless platform plugin (QT_QPA_PLATFORM=offscreen, vnc, …) needs none.
    """
    if not platform.startswith("linux"):
        return ""
    wanted = [name.split(":")[0].strip() for name in environ.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [name for name in wanted if name] or ["xcb", "wayland"]
    for name in wanted:
        if name in HEADLESS_PLATFORMS:
            return ""
        if name == "xcb" and environ.get("DISPLAY"):
            return ""
        if name.startswith("wayland") and environ.get("WAYLAND_DISPLAY"):
            return ""
    needed = "WAYLAND_DISPLAY" if all(n.startswith("wayland") for n in wanted) else "DISPLAY"
    return NO_DISPLAY_MESSAGE.replace("%1", needed)


def require_display(environ=os.environ, platform: str = sys.platform) -> None:
    """Exit with status 2 and one Chinese line on stderr when no window can be opened."""
    reason = missing_display(environ, platform)
    if reason:
        print(reason, file=sys.stderr)
        raise SystemExit(2)


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, ready for Chinese text on a machine with no CJK font."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("rdplanner")
    app.setApplicationName("rdplanner")
    app.setApplicationDisplayName("rdplanner 会务保障规划")
    register_app_fonts()
    apply_default_font(app)
    install_qt_translations(app)
    QDir.addSearchPath("icons", str(ICONS))
    app.setStyleSheet(STYLE_SHEET)
    return app


def user_settings_store(path: str | None = None) -> QSettings:
    """Return the settings store: an INI file at ``path`` (tests, benchmark) or the user's."""
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "rdplanner", "rdplanner")


def install_error_handler(log_folder: Path) -> None:
    """Show unexpected errors in Chinese and log the traceback, instead of dying or printing it.

    Data already saved is safe: every change is committed in its own transaction.
    """
    previous = sys.excepthook

    def handle(kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        log = log_folder / "rdplanner-errors.log"
        try:
            log_folder.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as stream:
                stream.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n")
                stream.write("".join(traceback.format_exception(kind, error, trace)))
            where = f"详细信息已记录到 {log}。"
        except OSError:
            where = "详细信息无法写入日志文件。"
        QMessageBox.critical(
            QApplication.activeWindow(), "程序内部错误",
            f"操作未完成：{error}\n\n已保存的数据不受影响。{where}请将该文件提供给技术人员。",
        )

    sys.excepthook = handle
