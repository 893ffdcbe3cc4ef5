"""The arrival desk page (报到) on the demo meeting: Enter on a person's initials marks them arrived with
what they are due, Ctrl+Z takes the mark back, an ambiguous query marks nobody, ticks are saved, a mark
made elsewhere (another window, or another desk through the database) appears, the figures follow,
and the passes are written on the real worker thread."""

from datetime import datetime

import pytest
from modal import on_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from rdplanner.arrival.read import load_arrivals
from rdplanner.arrival.service import mark_arrived
from rdplanner.models import Event, Participation, Person
from rdplanner.people.pinyin import name_initials
from rdplanner.problems import ItemRef
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentChoice, DocumentDialog


@pytest.fixture
def page(window):
    return window.show_page("arrival")


def saved(window):
    with window.hub.database.session() as session:
        return {r.participation_id: r for r in load_arrivals(session, window.editor.event_id()).rows}


def unique_initials(window):
    """A participant whose initials nobody else of the event shares, and those initials."""
    rows = list(saved(window).values())
    counts: dict[str, int] = {}
    for row in rows:
        counts[name_initials(row.name)] = counts.get(name_initials(row.name), 0) + 1
    row = next(r for r in rows if counts[name_initials(r.name)] == 1 and r.is_expected)
    return row, name_initials(row.name)


def elsewhere(window, pid):
    """Another desk marks ``pid`` arrived through its own session (nothing goes through this hub)."""
    with window.hub.database.session() as session:
        start = session.get(Event, window.editor.event_id()).start_date
        mark_arrived(session, event_id=window.editor.event_id(), participation_id=pid,
                     now=max(datetime.now(), datetime.combine(start, datetime.min.time())))


def test_the_page_is_in_the_navigation_and_the_search_box_has_the_focus(page, window, qtbot):
    assert page.isVisible()
    qtbot.waitUntil(lambda: page.entry.hasFocus() or window.focusWidget() is page.entry, timeout=2000)


def test_enter_on_the_initials_marks_the_person_with_all_due_and_ctrl_z_takes_it_back(page, window):
    row, initials = unique_initials(window)
    QTest.keyClicks(page.entry, initials)
    QTest.keyClick(page.entry, Qt.Key.Key_Return)
    marked = saved(window)[row.participation_id]
    assert marked.has_arrived and marked.handed == row.due
    assert page.card.row.participation_id == row.participation_id and page.card.row.has_arrived
    assert page.message.text().startswith(f"已报到：{row.name}")
    assert page.entry.text() == ""
    QTest.keyClick(page.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not saved(window)[row.participation_id].has_arrived
    assert not page.card.row.has_arrived


def test_an_ambiguous_query_lists_the_candidates_and_marks_nobody(page, window):
    rows = list(saved(window).values())
    surname = next(r.name[0] for r in rows if sum(x.name[0] == r.name[0] for x in rows) > 1)
    page.entry.setText(surname)
    QTest.keyClick(page.entry, Qt.Key.Key_Return)
    assert not any(r.has_arrived for r in saved(window).values())
    assert page.message.text().startswith("有 ")
    assert all(page.model.row_at(n).name.startswith(surname) or surname in page.model.row_at(n).name
               for n in range(page.model.rowCount()))


def test_a_tick_is_saved_and_undone(page, window):
    row, initials = unique_initials(window)
    page.hand_all.setChecked(False)
    QTest.keyClicks(page.entry, initials)
    QTest.keyClick(page.entry, Qt.Key.Key_Return)
    assert saved(window)[row.participation_id].handed == ()
    page.card.items["pass"].click()
    assert saved(window)[row.participation_id].handed == ("pass",)
    page.undo_stack.undo()
    assert saved(window)[row.participation_id].handed == ()
    assert not page.card.items["pass"].isChecked()


def test_a_mark_made_in_another_window_appears_with_the_figures(page, window):
    row, _ = unique_initials(window)
    before = page.headline.text()
    window.hub.apply(mark_arrived, event_id=window.editor.event_id(), participation_id=row.participation_id,
                     now=datetime.now())
    page.select_item(ItemRef("arrival", "participation", row.participation_id))
    assert page.card.row.has_arrived
    assert page.headline.text() != before


def test_a_mark_made_at_another_desk_appears_when_the_page_polls(page, window):
    row, _ = unique_initials(window)
    elsewhere(window, row.participation_id)
    page.poll_other_desks()
    page.select_item(ItemRef("arrival", "participation", row.participation_id))
    assert page.card.row.has_arrived


def test_someone_already_marked_is_not_marked_twice(page, window):
    row, initials = unique_initials(window)
    elsewhere(window, row.participation_id)
    first = saved(window)[row.participation_id].arrived_at
    QTest.keyClicks(page.entry, initials)
    QTest.keyClick(page.entry, Qt.Key.Key_Return)
    assert saved(window)[row.participation_id].arrived_at == first
    assert "已由其他报到台办理报到" in page.message.text() or "无需重复报到" in page.message.text()


def test_the_state_filter_shows_who_is_still_awaited(page, window):
    row, initials = unique_initials(window)
    QTest.keyClicks(page.entry, initials)
    QTest.keyClick(page.entry, Qt.Key.Key_Return)
    page.state_filter.setCurrentIndex(page.state_filter.findData("waiting"))
    shown = {page.model.row_at(n).participation_id for n in range(page.model.rowCount())}
    assert row.participation_id not in shown and len(shown) == len(saved(window)) - 1


def test_the_model_keeps_qt_s_rules(page, qtmodeltester):
    qtmodeltester.check(page.model)


@pytest.mark.real_threads
def test_the_passes_are_written_on_the_worker_thread(page, window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "证件.pdf"
    monkeypatch.setattr(flow_module, "ask_document", lambda *args: DocumentChoice("save", {}, ".pdf"))
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    page.passes_button.click()
    qtbot.waitUntil(lambda: page.message.text().startswith("已导出"), timeout=60_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_the_page_fits_a_laptop_screen(page, window):
    window.resize(1366, 768)
    assert page.minimumSizeHint().height() <= 768 - 120
    with window.hub.database.session() as session:
        assert session.scalar(select(Person.id).join(Participation)) is not None


def on_leave(window):
    """A participant on approved leave, and the initials only they have."""
    rows = list(saved(window).values())
    counts: dict[str, int] = {}
    for row in rows:
        counts[name_initials(row.name)] = counts.get(name_initials(row.name), 0) + 1
    row = next(r for r in rows if r.leave_status == "approved" and counts[name_initials(r.name)] == 1)
    return row, name_initials(row.name)


def press(text):
    def act(box):
        next(b for b in box.buttons() if b.text() == text).click()
    return act


def test_someone_on_approved_leave_is_asked_about_before_being_marked(page, window):
    row, initials = on_leave(window)
    asked = []
    driver = on_modal(QMessageBox, lambda box: (asked.append(box.text()), press("取消")(box)))
    QTest.keyClicks(page.entry, initials)
    QTest.keyClick(page.entry, Qt.Key.Key_Return)
    driver.check()
    assert asked == [f"{row.name}该同志已准假，确认报到？"]
    assert not saved(window)[row.participation_id].has_arrived
    driver = on_modal(QMessageBox, press("确定"))
    page.select_item(ItemRef("arrival", "participation", row.participation_id))
    page.mark_button.click()
    driver.check()
    assert saved(window)[row.participation_id].has_arrived


def test_after_ctrl_z_the_message_no_longer_speaks_of_the_mark(page, window):
    row, initials = unique_initials(window)
    for _ in range(2):  # the second Enter: "已于 … 报到，无需重复报到"
        QTest.keyClicks(page.entry, initials)
        QTest.keyClick(page.entry, Qt.Key.Key_Return)
    assert "无需重复报到" in page.message.text()
    page.entry.clear()
    QTest.keyClick(page.entry, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not saved(window)[row.participation_id].has_arrived
    assert row.name not in page.message.text()


def test_the_passes_dialog_shows_its_whole_explanation(page, window):
    def look(dialog):
        dialog.reject()
        assert dialog.hint.text().startswith("A4 纸印制") and dialog.hint.text().endswith("已准假人员不制证。")
        assert dialog.hint.height() >= dialog.hint.heightForWidth(dialog.hint.width())

    driver = on_modal(DocumentDialog, look)
    page.passes_button.click()
    driver.check()


def test_the_room_column_leads_with_the_room_number(page, window):
    from ui.arrival.arrival_model import ArrivalColumn

    lodged = next(r for r in saved(window).values() if r.room)
    hotel, number = lodged.room.rsplit(" ", 1)
    row = page.model.position(lodged.participation_id)
    assert page.model.index(row, ArrivalColumn.ROOM).data() == f"{number} {hotel}"
