"""Qt's own dialogs in Chinese: the zh_CN locale, Qt's qtbase_zh_CN catalog, and a small supplement
(resources/translations/qt_supplement_zh_CN.ts) for the texts that catalog lacks, such as the file
dialog's "&Look in:" and "Files of &type:". Rebuild the .qm with
``pyside6-lrelease qt_supplement_zh_CN.ts -qm qt_supplement_zh_CN.qm`` after editing the .ts."""

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from rdplanner.resources import TRANSLATIONS

CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
SUPPLEMENT = TRANSLATIONS / "qt_supplement_zh_CN.qm"


def install_qt_translations(app: QCoreApplication) -> list[QTranslator]:
    """Set the default locale to zh_CN and install Qt's Chinese catalogs; return those installed.

    The supplement is installed last, so Qt asks it first; it holds only texts qtbase_zh_CN lacks.
    A missing catalog is skipped: the dialogs then show Qt's English, nothing fails.
    """
    QLocale.setDefault(CHINESE)
    installed = []
    qtbase = QTranslator(app)
    if qtbase.load(CHINESE, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        installed.append(qtbase)
    supplement = QTranslator(app)
    if supplement.load(str(SUPPLEMENT)):
        installed.append(supplement)
    for translator in installed:
        app.installTranslator(translator)
    return installed
