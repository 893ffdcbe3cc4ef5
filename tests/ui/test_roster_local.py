"""The 本地 mark on the roster page: the person dialog's check box saved and shown in the 本地 column,
undone with the Edit menu, and set for several people by the bulk change."""

import pytest
from PySide6.QtCore import Qt

from rdplanner.people.service import load_roster
from ui.people.bulk_dialog import BulkChange, BulkDialog
from ui.people.person_dialog import PersonDialog
from ui.people.roster_model import RosterColumn


@pytest.fixture
def roster(window):
    window.show_page("roster")
    return window.roster


def saved(window, participation_id):
    with window.hub.database.session() as session:
        return next(r for r in load_roster(session, event_id=window.editor.event_id())
                    if r.participation_id == participation_id)


def local_cell(roster, participation_id) -> str:
    row = next(n for n in range(roster.model.rowCount())
               if roster.model.row_at(n).participation_id == participation_id)
    return roster.model.data(roster.model.index(row, RosterColumn.LOCAL))


def test_the_dialog_check_box_is_saved_shown_on_the_roster_and_undone(roster, window, monkeypatch):
    number = next(n for n in range(roster.model.rowCount()) if not roster.model.row_at(n).is_local)
    chosen = roster.model.row_at(number)

    def ticked_and_saved(dialog):
        assert dialog.is_local.isChecked() is False
        assert "不安排住宿" in dialog.is_local.toolTip()
        dialog.is_local.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PersonDialog, "exec", ticked_and_saved)
    roster.table.setCurrentIndex(roster.model.index(number, 0))
    roster.action_edit_person.trigger()

    row = saved(window, chosen.participation_id)
    assert (row.is_local, row.person_is_local) == (True, True)
    assert local_cell(roster, chosen.participation_id) == "本地"
    assert roster.model.headerData(RosterColumn.LOCAL, Qt.Orientation.Horizontal) == "本地"

    window.action_undo.trigger()
    row = saved(window, chosen.participation_id)
    assert (row.is_local, row.person_is_local) == (False, False)
    assert local_cell(roster, chosen.participation_id) == ""


def test_the_dialog_shows_a_saved_mark(roster, qtbot):
    row = roster.model.row_at(0)
    dialog = PersonDialog(roster, row=row)
    qtbot.addWidget(dialog)
    assert dialog.is_local.isChecked() is row.is_local
    dialog.is_local.setChecked(not row.is_local)
    person, part = dialog.drafts()
    assert person.is_local is part.is_local is (not row.is_local)


def test_the_bulk_change_marks_the_selected_people_local_and_clears_it(roster, window, monkeypatch):
    ids = [roster.model.row_at(n).participation_id for n in (0, 1)]

    def bulk(change):
        monkeypatch.setattr(BulkDialog, "ask", classmethod(lambda cls, parent, **kw: change))
        roster.table.clearSelection()
        selection = roster.table.selectionModel()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for n in range(roster.model.rowCount()):
            if roster.model.row_at(n).participation_id in ids:
                selection.select(roster.model.index(n, 0), flags)
        roster.action_bulk_change.trigger()

    bulk(BulkChange(is_local=True))
    assert [saved(window, i).is_local for i in ids] == [True, True]
    assert [local_cell(roster, i) for i in ids] == ["本地", "本地"]

    bulk(BulkChange(is_local=False))
    assert [saved(window, i).is_local for i in ids] == [False, False]


def test_the_bulk_dialog_offers_the_mark(qtbot):
    dialog = BulkDialog(None, count=3, delegations=[])
    qtbot.addWidget(dialog)
    assert dialog.change().is_local is None and not dialog.is_local.isEnabled()
    dialog.use_local.setChecked(True)
    dialog.is_local.setCurrentIndex(dialog.is_local.findData(False))
    assert dialog.change() == BulkChange(is_local=False)
