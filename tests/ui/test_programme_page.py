"""The programme page (会议日程, issue 10) on the demo's standing-committee meeting: the tree of days and
items, adding and editing through the item dialog, undo with Ctrl+Z, a change made elsewhere, the
problems list selecting its item, and moving the event's dates moving the programme."""

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from rdplanner.programme.read import load_programme
from rdplanner.programme.service import ItemDraft, add_item
from ui.programme import programme_page as page_module
from ui.programme.item_dialog import ItemDialog


@pytest.fixture
def page(window):
    return window.show_page("programme")


def saved(window):
    with window.hub.database.session() as session:
        return load_programme(session, window.editor.event_id())


def shown_names(page) -> list[str]:
    model, names = page.model, []
    for day in range(model.rowCount()):
        head = model.index(day, 0)
        names += [model.index(row, 1, head).data().removeprefix("⚠ ") for row in range(model.rowCount(head))]
    return names


def answer_dialog(monkeypatch, fill):
    """The item dialog, filled in by ``fill(dialog)`` and accepted through its own check."""
    def run(dialog):
        fill(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ItemDialog, "exec", run)


def test_the_page_shows_the_demo_programme_by_day_in_time_order(page, window):
    programme = saved(window)
    assert shown_names(page) == [i.name for i in programme.items]
    assert page.model.rowCount() == len(programme.days())
    first_day = page.model.index(0, 0).data()
    assert first_day.endswith("第 1 天") and first_day.startswith(f"{programme.start_date.month}月")


def test_an_item_added_in_the_dialog_is_saved_selected_and_undone_with_ctrl_z(page, window, monkeypatch, qtbot):
    before = [i.name for i in saved(window).items]

    def fill(dialog):
        dialog.name.setText("专题询问会")
        dialog.kind.setCurrentIndex(dialog.kind.findData("forum"))
        dialog.place.setText("第二会议室")

    answer_dialog(monkeypatch, fill)
    page.action_add.trigger()
    after = saved(window)
    assert "专题询问会" in [i.name for i in after.items]
    assert page.current_item().name == "专题询问会"
    assert window.action_undo.text() == "撤销 添加日程"
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [i.name for i in saved(window).items] == before
    assert "专题询问会" not in shown_names(page)


def test_the_dialog_keeps_a_bad_item_open_with_the_reason(page, window, monkeypatch):
    seen = {}

    def fill(dialog):
        dialog.name.setText("下午会议")
        dialog.starts.setTime(dialog.starts.time().fromString("15:00", "HH:mm"))
        dialog.ends.setTime(dialog.ends.time().fromString("14:00", "HH:mm"))

    def run(dialog):
        fill(dialog)
        dialog.accept()
        seen["error"] = dialog.error.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ItemDialog, "exec", run)
    count = len(saved(window).items)
    page.action_add.trigger()
    assert seen["error"] == "“下午会议”的结束时间应晚于开始时间。"
    assert len(saved(window).items) == count


def test_editing_changes_the_time_and_the_undo_text_names_the_item(page, window, monkeypatch):
    item = saved(window).items[1]
    page.select_item(type("Ref", (), {"kind": "item", "id": item.id})())
    answer_dialog(monkeypatch, lambda d: d.ends.setTime(d.ends.time().fromString("11:00", "HH:mm")))
    page.action_edit.trigger()
    assert saved(window).item(item.id).ends_at.time() == time(11)
    assert window.action_undo.text() == f"撤销 编辑日程“{item.name}”"


def test_an_item_added_elsewhere_appears_without_reloading_by_hand(page, window):
    event_id = window.editor.event_id()
    start = datetime.combine(saved(window).start_date, time(19))
    window.hub.apply(add_item, event_id=event_id, draft=ItemDraft("晚间预备会", "forum", start, place="第三会议室"))
    assert "晚间预备会" in shown_names(page)


def test_choosing_a_problem_selects_its_item(page, window):
    event_id = window.editor.event_id()
    day = saved(window).start_date
    window.hub.apply(add_item, event_id=event_id, draft=ItemDraft(
        "补充分组会议", "group", datetime.combine(day, time(19)), datetime.combine(day, time(20))))
    entry = next(page.problem_list.item(n) for n in range(page.problem_list.count())
                 if "补充分组会议" in page.problem_list.item(n).text())
    assert "还没有安排会场" in entry.text()
    page._problem_chosen(entry)
    assert page.current_item().name == "补充分组会议"


def test_removing_asks_and_can_be_undone(page, window, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    item = next(i for i in saved(window).items if i.kind == "meal")
    page.select_item(type("Ref", (), {"kind": "item", "id": item.id})())
    page.action_remove.trigger()
    assert saved(window).item(item.id) is None
    window.action_undo.trigger()
    assert saved(window).item(item.id).name == item.name


def test_moving_the_opening_day_in_the_editor_moves_the_programme(window):
    from PySide6.QtCore import QDate

    first = saved(window).items[0]
    editor = window.editor
    window.show_page("overview")
    start = editor.start.date().addDays(7)
    editor.end.setDate(editor.end.date().addDays(7))
    editor.start.setDate(QDate(start))
    assert editor.save()
    assert saved(window).item(first.id).starts_at == first.starts_at + timedelta(days=7)
    message = window.statusBar().currentMessage()
    assert message.startswith("开始日期推后 7 天，") and "会议日程" in message and message.endswith("已随之调整。")


def test_the_time_column_shows_a_whole_time_span(page):
    from ui.fonts import bundled_font, register_app_fonts

    register_app_fonts()
    font = bundled_font()
    font.setPointSize(font.pointSize() + 4)  # a larger font on the officer's screen
    page.tree.setFont(font)
    page.reload()
    needed = page.tree.fontMetrics().horizontalAdvance("08:30—11:30") + page.tree.indentation() + 20
    assert page.tree.header().sectionSize(0) >= needed
