"""Building the QApplication: names, bundled fonts, Qt's Chinese translations, the style sheet."""

import sys

from PySide6.QtCore import QDir, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from rdplanner.resources import ICONS
from ui.fonts import apply_default_font, register_app_fonts

STYLE_SHEET = """
QLabel#pageTitle { font-size: 18pt; font-weight: bold; padding: 4px 0 8px 0; }
QLabel#panelTitle { font-size: 13pt; font-weight: bold; }
QLabel#hint { color: #5f6368; }
QLabel#warning { color: #9a6700; }
QLabel#error { color: #b3261e; }
QListWidget#planNavigation::item { padding: 8px 6px; }
"""


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, ready for Chinese text on a machine with no CJK font."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName("rdplanner")
    app.setApplicationName("rdplanner")
    app.setApplicationDisplayName("rdplanner 会务保障规划")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    register_app_fonts()
    apply_default_font(app)
    _install_translator(app)
    QDir.addSearchPath("icons", str(ICONS))
    app.setStyleSheet(STYLE_SHEET)
    return app


def _install_translator(app: QApplication) -> None:
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path):
        app.installTranslator(translator)


def user_settings_store(path: str | None = None) -> QSettings:
    """Return the settings store: an INI file at ``path`` (tests, benchmark) or the user's."""
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "rdplanner", "rdplanner")
