"""单位设置 from the File menu: it shows the saved name, saves an edit for everyone, and keeps the dialog
open with the reason when the name is emptied."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rdplanner.office_settings import office_identity
from ui import dialogs
from ui.office_dialog import OfficeDialog


def _when_shown(qtbot, act):
    def run():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, OfficeDialog) and w.isVisible())
        act(dialog)
    QTimer.singleShot(0, run)


def test_the_office_name_is_edited_from_the_file_menu(window, database, qtbot):
    action = next(a for a in window.menuBar().actions() if a.text() == "文件(&F)").menu().actions()
    office = next(a for a in action if a.text() == "单位设置…")
    seen = []

    def edit(dialog):
        seen.append(dialog.name.text())
        dialog.name.setText("杭州市人大常委会办公厅")
        dialog.officer.setText("张明")
        dialog.save()

    _when_shown(qtbot, edit)
    office.trigger()
    assert seen == ["市人大常委会办公室"]
    assert window.statusBar().currentMessage() == "单位设置已保存，此后导出的文件按新的设置落款。"
    with database.session() as session:
        assert office_identity(session).name == "杭州市人大常委会办公厅"
        assert office_identity(session).officer == "张明"


def test_an_empty_name_is_refused_and_the_dialog_stays_open(window, database, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, error, title="": shown.append(str(error)))
    dialog = OfficeDialog(window.hub, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("   ")
    dialog.save()
    assert dialog.isVisible() and shown and "请填写单位名称" in shown[0]
    with database.session() as session:
        assert office_identity(session).name == "市人大常委会办公室"
