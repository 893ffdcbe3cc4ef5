"""Undo and redo on the roster and seating pages through the Edit menu (撤销 %1 / 重做 %1) and Ctrl+Z:
each roster action, the import on its real worker thread, the automatic seating; the menu follows the
page shown, and an undo after someone else's edit is refused."""

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from rdplanner.models import Attendance, SeatAssignment
from rdplanner.people.attendance import ensure_default_sitting, mark
from rdplanner.people.service import bulk_update, load_roster
from rdplanner.seating.service import saved_seat_plan
from ui.people import roster_page as roster_module
from ui.people.bulk_dialog import BulkChange, BulkDialog
from ui.people.import_dialog import ImportDialog
from ui.people.person_dialog import PersonDialog
from ui.seating import seat_map_page as seating_module

DATA = Path(__file__).parents[1] / "data" / "import"


@pytest.fixture
def roster(window):
    window.show_page("roster")
    return window.roster


def event_rows(window) -> dict[int, tuple]:
    with window.hub.database.session() as session:
        rows = load_roster(session, event_id=window.editor.event_id())
    return {r.participation_id: (r.name, r.unit, r.post, r.delegation, r.leave_status) for r in rows}


def seat_rows(window) -> set[tuple]:
    with window.hub.database.session() as session:
        plan = saved_seat_plan(session, event_id=window.editor.event_id())
        a = SeatAssignment
        return {tuple(r) for r in session.execute(select(a.seat_id, a.participation_id, a.locked)
                                                  .where(a.seat_plan_id == plan))}


def first_group() -> BulkChange:
    return BulkChange(delegation="第一组")


def test_an_edit_undone_and_redone_from_the_edit_menu(roster, window, monkeypatch):
    before = event_rows(window)
    roster.table.setCurrentIndex(roster.model.index(2, 0))
    row = roster.model.row_at(2)
    edited = (replace(row.person_draft(), unit="新单位"),
              replace(row.participation_draft(), delegation="第五组"))
    monkeypatch.setattr(PersonDialog, "ask", classmethod(lambda cls, parent, **kw: edited))
    roster.action_edit_person.trigger()
    after = event_rows(window)
    assert after[row.participation_id][1:4] == ("新单位", row.post, "第五组")
    assert window.action_undo.isEnabled() and window.action_undo.text() == f"撤销 编辑 {row.name}"
    window.action_undo.trigger()
    assert event_rows(window) == before
    assert "新单位" not in {r.unit for r in roster.model.rows()}
    assert window.action_redo.text() == f"重做 编辑 {row.name}"
    window.action_redo.trigger()
    assert event_rows(window) == after


def test_ctrl_z_brings_back_a_removed_participant_with_seat_and_sign_in(window, monkeypatch, qtbot):
    monkeypatch.setattr(seating_module, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    window.seating.auto_seat()
    seats = seat_rows(window)
    with window.hub.database.session() as session:
        sitting, _ = ensure_default_sitting(session, event_id=window.editor.event_id())
        person = next(iter(seats))[1]
        mark(session, sitting_id=sitting, participation_ids=[person], status="present")
    window.show_page("roster")
    roster = window.roster
    monkeypatch.setattr(roster_module, "ask_yes_no", lambda *args: True)
    roster.table.selectRow(next(n for n in range(roster.model.rowCount())
                                if roster.model.row_at(n).participation_id == person))
    roster.action_remove_people.trigger()
    assert person not in event_rows(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(roster.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert person in event_rows(window) and seat_rows(window) == seats
    with window.hub.database.session() as session:
        status = session.scalar(select(Attendance.status).where(Attendance.participation_id == person))
    assert status == "present"
    assert person in {r.participation_id for r in roster.model.rows()}


def test_a_bulk_change_undone_after_someone_elses_edit_is_refused(roster, window, monkeypatch):
    shown = []
    monkeypatch.setattr(roster_module, "show_error", lambda parent, error, *a: shown.append(str(error)))
    monkeypatch.setattr(BulkDialog, "ask", classmethod(lambda cls, parent, **kw: first_group()))
    roster.table.selectRow(0)
    roster.action_bulk_change.trigger()
    other = roster.model.row_at(5).participation_id
    window.hub.apply(bulk_update, participation_ids=[other], delegation="第七组")  # another window
    window.action_undo.trigger()
    assert shown and "已被他人或其他窗口修改，无法撤销" in shown[0]
    assert sum(d == "第一组" for *_, d, _leave in event_rows(window).values()) == 1
    assert event_rows(window)[other][3] == "第七组"


@pytest.mark.real_threads
def test_an_import_on_its_worker_thread_is_one_undo_step(roster, window, qtbot):
    before = event_rows(window)
    dialog = ImportDialog(roster, window.hub, event_id=window.editor.event_id(), default_role="member",
                          recorded=roster._imported)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished, timeout=60000):
        dialog.open_file(DATA / "roster.xlsx")
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=60000)
        dialog.run_import()
    imported = event_rows(window)
    assert len(imported) > len(before)
    assert window.action_undo.text() == "撤销 导入 roster.xlsx"
    window.action_undo.trigger()
    assert event_rows(window) == before and roster.model.rowCount() == len(before)
    window.action_redo.trigger()
    assert event_rows(window) == imported


def test_the_automatic_seating_undone_from_the_edit_menu(window, monkeypatch):
    monkeypatch.setattr(seating_module, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    before = seat_rows(window)
    window.seating.auto_seat()
    seated = seat_rows(window)
    assert len(seated) > len(before)
    assert window.action_undo.text() == "撤销 自动排座"
    window.action_undo.trigger()
    assert seat_rows(window) == before
    assert not any(item.name for item in window.seating.items.values())
    window.action_redo.trigger()
    assert seat_rows(window) == seated


def test_the_edit_menu_follows_the_page_shown(roster, window, monkeypatch):
    monkeypatch.setattr(BulkDialog, "ask", classmethod(lambda cls, parent, **kw: first_group()))
    roster.table.selectRow(0)
    roster.action_bulk_change.trigger()
    assert window.action_undo.isEnabled()
    window.show_page("overview")  # the overview has no undo of its own
    assert not window.action_undo.isEnabled() and not window.action_redo.isEnabled()
    window.show_page("seating")
    assert not window.action_undo.isEnabled()  # the seating page's own, empty history
    window.show_page("roster")
    assert window.action_undo.text() == "撤销 批量修改 1 人"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    assert menu.actions()[:2] == [window.action_undo, window.action_redo]
