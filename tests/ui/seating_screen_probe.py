"""Open the seating page and its dialogs on the screen given by QT_QPA_PLATFORM and print, as JSON,
where each part ended up (run by test_seating_laptop_screen in a subprocess: a screen size is fixed
when Qt starts). A second argument "large" opens the large demo (a congress in the 大会堂) instead."""

import json
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from rdplanner.db import open_database, sqlite_url
from rdplanner.demo import build_demo
from rdplanner.demo.first_run import ensure_demo_on_first_run


def rect(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def clipped(widget: QWidget) -> bool:
    """A button or combo narrower than it needs to show its text."""
    return widget.isVisible() and widget.width() < widget.minimumSizeHint().width()


def shows_whole_text(combo: QComboBox) -> bool:
    """The combo's edit field is wide enough for its current text (Qt clips or elides it otherwise)."""
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.rect = combo.rect()
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) + 2 <= field.width()


def text_of(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, QAbstractButton) else widget.currentText()


def page_parts(page) -> dict:
    parts = {name: getattr(page, name) for name in ("map", "legend", "problems", "people_list", "find")}
    tools = [w for w in page.findChildren(QWidget) if isinstance(w, (QAbstractButton, QComboBox))
             and w.isVisible()]
    return {"parts": {name: rect(w) for name, w in parts.items()},
            "legend_needs": page.legend.heightForWidth(page.legend.width()),
            "tools": {text_of(w): rect(w) for w in tools},
            "clipped": [text_of(w) for w in tools if clipped(w)],
            "elided": [text_of(w) for w in tools if isinstance(w, QComboBox) and not shows_whole_text(w)]}


def dialogs(window) -> dict:
    from rdplanner.registry import documents
    from ui.documents.dialog import DocumentDialog
    from ui.documents.printing import preview_pdf
    from ui.seating.delegation_dialog import DelegationOrderDialog
    from ui.seating.layout_dialog import LayoutDialog

    page = window.seating
    path = Path(sys.argv[1]).with_name("cards.pdf")
    from rdplanner.exports.cards_pdf import write_cards_pdf

    made = {
        "layout": LayoutDialog(window.hub, hall_id=page.layouts.hall_id, parent=page),
        "delegation": DelegationOrderDialog(window.hub, page._event_id, page),
        "preview": preview_pdf(page, write_cards_pdf(path, names=["张三"]), "席卡"),
    }
    for kind in ("seatmap", "cards", "seatlist"):
        made["export-" + kind] = DocumentDialog(documents()[kind], parent=page)
    found = {}
    for name, dialog in made.items():
        dialog.show()
        QApplication.processEvents()
        found[name] = rect(dialog)
        dialog.close()
    made["preview"].document.close()
    return found


def main() -> None:
    from ui.app import create_application
    from ui.hub import Hub
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = create_application([sys.argv[0]])
    database = open_database(sqlite_url(sys.argv[1]))
    with database.session() as session:
        if sys.argv[2:] == ["large"]:
            build_demo(session, size="large")
        else:
            ensure_demo_on_first_run(session)
    window = MainWindow(Settings(QSettings(sys.argv[1] + ".ini", QSettings.Format.IniFormat)))
    window.attach(Hub(database))
    window.show()
    splitter = {}
    for key, name in (("signin", "signin"), ("seating", "seating"), ("signin", "signin again"),
                      ("seating", "seating again")):
        window.show_page(key)
        app.processEvents()
        splitter[name] = window.splitter.sizes()
    page = window.seating
    page.auto_seat()
    app.processEvents()
    area: QRect = app.primaryScreen().availableGeometry()
    report = {"screen": [area.x(), area.y(), area.width(), area.height()], "window": rect(window),
              "status_bar": rect(window.statusBar()),
              "splitter": splitter, **page_parts(page), "dialogs": dialogs(window)}
    print(json.dumps(report, ensure_ascii=False))
    database.close()


if __name__ == "__main__":
    main()
