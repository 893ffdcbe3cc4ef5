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
    assert dialog.preview.error_row_count > 0
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
    window.show_page("roster")
    before = roster_size(window)
    dialog = ImportDialog(window, window.hub, event_id=window.editor.event_id(), default_role="member")
    dialog.open_file(DATA / "roster.xlsx")
    dialog.run_import()
    assert roster_size(window) > before
    monkeypatch.setattr(roster_module, "ask_yes_no", lambda *args: True)
    window.roster.action_undo_import.trigger()
    assert roster_size(window) == before
    assert "已撤销导入" in window.roster.summary.text()


def table_row_of(dialog, row_number: int) -> int:
    return next(n for n in range(dialog.rows.rowCount())
                if dialog.rows.item(n, 0).data(Qt.ItemDataRole.UserRole) == row_number)


def field_column(dialog, label: str) -> int:
    return next(c for c in range(dialog.rows.columnCount())
                if dialog.rows.horizontalHeaderItem(c).text() == label)


def test_problems_wrap_and_the_selected_row_shows_them_in_full(dialog, qtbot):
    dialog.show()
    dialog.open_file(DATA / "roster.xlsx")
    n = table_row_of(dialog, 5)  # three problems: repeated ID, same name twice
    item = dialog.rows.item(n, 3)
    assert dialog.rows.wordWrap()
    metrics = dialog.rows.fontMetrics()
    lines_needed = metrics.horizontalAdvance(item.text()) // dialog.rows.columnWidth(3) + 1
    assert dialog.rows.rowHeight(n) >= min(lines_needed, 3) * metrics.height()  # not one cut line
    dialog.rows.setCurrentCell(n, 1)
    for problem in dialog.preview.row(5).problems:
        assert problem.message in dialog.detail.text()
    assert dialog.detail.isVisible()


def test_a_row_whose_only_error_is_the_id_can_be_ticked_and_imported_without_it(dialog, window, qtbot):
    dialog.open_file(DATA / "roster.xlsx")
    n = table_row_of(dialog, 9)
    tick = dialog.rows.item(n, 0)
    assert tick.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not dialog.rows.item(table_row_of(dialog, 12), 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    tick.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: not dialog.preview.row(9).has_errors)
    assert 9 in dialog.accepted_rows()
    dialog.run_import()
    with window.hub.database.session() as session:
        zhang = next(r for r in load_roster(session, event_id=window.editor.event_id()) if r.name == "张伟")
    assert not zhang.id_card_no
    assert "校验位" in zhang.participation_draft().notes


def test_the_detail_pane_button_leaves_the_id_empty_and_keeps_other_unticks(dialog):
    dialog.open_file(DATA / "roster.xlsx")
    dialog.rows.item(table_row_of(dialog, 6), 0).setCheckState(Qt.CheckState.Unchecked)
    dialog.rows.setCurrentCell(table_row_of(dialog, 9), 1)
    assert not dialog.leave_id_empty.isHidden()
    dialog.leave_id_empty.click()
    assert 9 in dialog.accepted_rows() and 6 not in dialog.accepted_rows()
    assert "已留空" in dialog.detail.text()


def test_a_cell_fixed_in_the_dialog_checks_the_row_again(dialog, qtbot):
    from rdplanner.people.idcard import check_digit

    dialog.open_file(DATA / "roster.xlsx")
    cell = dialog.rows.item(table_row_of(dialog, 9), field_column(dialog, "身份证号"))
    assert cell.flags() & Qt.ItemFlag.ItemIsEditable
    fixed = "33010219780830031" + check_digit("33010219780830031")
    cell.setText(fixed)
    qtbot.waitUntil(lambda: not dialog.preview.row(9).has_errors)
    assert dialog.preview.row(9).values["id_card_no"] == fixed
    assert 9 in dialog.accepted_rows()
    role = dialog.rows.item(table_row_of(dialog, 12), field_column(dialog, "参会身份"))
    role.setText("随便")
    qtbot.waitUntil(lambda: "随便" in " ".join(p.message for p in dialog.preview.row(12).problems))
    assert dialog.preview.row(12).has_errors


def test_the_mapping_strip_shows_both_rows_above_its_scrollbar(dialog, qtbot):
    dialog.show()
    dialog.open_file(DATA / "roster.xlsx")
    dialog.resize(700, dialog.height())  # narrower than the columns: the strip scrolls sideways
    mapping = dialog.mapping
    qtbot.waitUntil(lambda: mapping.horizontalScrollBar().isVisible())
    visible = mapping.viewport().height()
    assert visible >= mapping.rowHeight(0) + mapping.rowHeight(1)
    assert mapping.rowHeight(1) >= mapping.cellWidget(1, 0).sizeHint().height()
