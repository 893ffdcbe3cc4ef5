"""The import dialog on the demo event: preview with problems, unticking, importing, template, undo."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from rdplanner.people.service import load_roster
from ui import dialogs
from ui.people import import_dialog as import_module
from ui.people import roster_page as roster_module
from ui.people.import_dialog import ImportDialog

DATA = Path(__file__).parents[1] / "data" / "import"


@pytest.fixture
def dialog(qtbot, window):
    made = ImportDialog(window, window.hub, event_id=window.editor.event_id(), default_role="member")
    qtbot.addWidget(made)
    return made


def roster_size(window) -> int:
    with window.hub.database.session() as session:
        return len(load_roster(session, event_id=window.editor.event_id()))


def test_import_dialog_previews_rows_with_problems(dialog):
    dialog.open_file(DATA / "roster.xlsx")
    assert dialog.rows.rowCount() == len(dialog.preview.rows) > 0
    assert dialog.preview.error_count > 0
    assert "不能导入" in dialog.summary.text()
    error_rows = [n for n in range(dialog.rows.rowCount())
                  if not dialog.rows.item(n, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable]
    assert error_rows
    assert all(dialog.rows.item(n, 0).checkState() == Qt.CheckState.Unchecked for n in error_rows)


def test_import_dialog_imports_only_ticked_rows(dialog, window):
    before = roster_size(window)
    dialog.open_file(DATA / "roster.xlsx")
    ticked = dialog.accepted_rows()
    first = next(n for n in range(dialog.rows.rowCount())
                 if dialog.rows.item(n, 0).checkState() == Qt.CheckState.Checked)
    dialog.rows.item(first, 0).setCheckState(Qt.CheckState.Unchecked)
    assert len(dialog.accepted_rows()) == len(ticked) - 1
    dialog.run_import()
    assert "新增" in dialog.result_text
    assert roster_size(window) == before + dialog.preview.counts(dialog.accepted_rows())["add"]


def test_import_dialog_reports_unreadable_file(dialog, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, error, title="": shown.append(str(error)))
    dialog.open_file(DATA / "binary.xlsx")
    assert shown and "binary.xlsx" in shown[0]
    assert dialog.preview is None


def test_import_dialog_remapping_a_column_refreshes_preview(dialog):
    dialog.open_file(DATA / "roster.xlsx")
    name_column = dialog._guess.column_of("name")
    dialog.mapping.cellWidget(1, name_column).setCurrentIndex(0)
    assert dialog._guess.column_of("name") is None
    assert "姓名" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_import_dialog_exports_template(dialog, tmp_path, monkeypatch):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(import_module, "ask_save_path", lambda *args: str(target))
    dialog.export_template()
    assert target.exists()
    assert "模板已导出" in dialog.summary.text()


def test_roster_page_undoes_last_import(window, monkeypatch):
    window.nav.setCurrentRow(1)
    before = roster_size(window)
    dialog = ImportDialog(window, window.hub, event_id=window.editor.event_id(), default_role="member")
    dialog.open_file(DATA / "roster.xlsx")
    dialog.run_import()
    assert roster_size(window) > before
    monkeypatch.setattr(roster_module, "ask_yes_no", lambda *args: True)
    window.roster.action_undo_import.trigger()
    assert roster_size(window) == before
    assert "已撤销导入" in window.roster.summary.text()
