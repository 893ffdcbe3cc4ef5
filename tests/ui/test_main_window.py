"""The main window on the demo database: open, create, edit, duplicate and delete events.

Text is typed with insert(), not QTest.keyClicks: keyClicks aborts Qt on non-Latin-1 characters.
"""

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from rdplanner.events.service import EventDraft, get_event, list_events, update_event
from rdplanner.models import Participation
from ui import main_window as main_window_module
from ui.events.new_event_dialog import NewEventDialog
from ui.events.table_model import EventTableModel
from ui.hub import Hub
from ui.main_window import MainWindow

CURRENT = "市第十七届人大常委会第二十三次会议"
PREVIOUS = "市第十七届人大常委会第二十二次会议"


def event_names(database) -> list[str]:
    with database.session() as session:
        return [e.name for e in list_events(session)]


def select_event(window: MainWindow, name: str) -> None:
    model = window.event_list.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).name == name)
    window.event_list.table.selectRow(row)


def test_plan_pages_are_built_when_first_shown_and_show_the_open_event(window):
    from ui.seating.seat_map_page import SeatMapPage

    assert not window.findChildren(SeatMapPage)  # the start pays only for the overview
    window.show_page("seating")
    pages = window.findChildren(SeatMapPage)
    assert len(pages) == 1 and window.pages.currentWidget() is pages[0] is window.seating
    assert pages[0].items  # it loaded the open event's hall on its first show
    window.show_page("overview")
    window.show_page("seating")
    assert window.findChildren(SeatMapPage) == pages  # built once


def test_main_window_opens_demo_event(window):
    assert window.event_list.model.rowCount() == 2
    assert window.editor.title.text() == CURRENT
    assert window.pages.currentWidget() is window.editor
    with window.hub.database.session() as session:
        members = session.scalar(select(func.count()).select_from(Participation).where(
            Participation.event_id == window.editor.event_id(), Participation.role == "member"))
    assert members and f"常委会组成人员 {members}" in window.editor.overview.values["参会人员"].text()
    assert "在标准以内" in window.editor.overview.values["经费"].text()


def test_main_window_creates_event(window, database, monkeypatch):
    draft = EventDraft(name="关于某某条例的执法检查", event_type="law_enforcement_check",
                       start_date=date(2027, 3, 2), end_date=date(2027, 3, 3))
    monkeypatch.setattr(NewEventDialog, "ask", classmethod(lambda cls, parent: draft))
    window.action_new_event.trigger()
    assert "关于某某条例的执法检查" in event_names(database)
    assert window.editor.title.text() == "关于某某条例的执法检查"
    assert window.event_list.model.rowCount() == 3


def test_main_window_cancelled_new_event_creates_nothing(window, database, monkeypatch):
    monkeypatch.setattr(NewEventDialog, "ask", classmethod(lambda cls, parent: None))
    window.action_new_event.trigger()
    assert len(event_names(database)) == 2


def test_editor_saves_edit(window, database, qtbot):
    window.editor.name.clear()
    window.editor.name.insert("市第十七届人大常委会第二十三次会议（调整）")
    assert window.editor.save_button.isEnabled()
    qtbot.mouseClick(window.editor.save_button, Qt.MouseButton.LeftButton)
    assert "市第十七届人大常委会第二十三次会议（调整）" in event_names(database)
    assert not window.editor.is_dirty()
    assert window.editor.title.text() == "市第十七届人大常委会第二十三次会议（调整）"


def test_editor_refuses_blank_name_and_keeps_edit(window, database, qtbot):
    window.editor.name.clear()
    QTest.keyClicks(window.editor.name, " ")
    qtbot.mouseClick(window.editor.save_button, Qt.MouseButton.LeftButton)
    assert "请填写活动名称" in window.editor.error.text()
    assert window.editor.is_dirty()
    assert CURRENT in event_names(database)


def test_editor_refuses_stale_save(window, database, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.events.editor.show_error", lambda parent, error, title="": shown.append(str(error)))
    event_id = window.editor.event_id()
    with database.session() as session:
        row = get_event(session, event_id)
        update_event(session, event_id=event_id, expected_version=row.version,
                     draft=replace(row.to_draft(), organiser="他人修改"))
    window.editor.notes.insertPlainText("补充说明")
    qtbot.mouseClick(window.editor.save_button, Qt.MouseButton.LeftButton)
    assert shown and "已被其他人修改" in shown[0]
    with database.session() as session:
        assert get_event(session, event_id).organiser == "他人修改"
    assert window.editor.is_dirty()


def test_main_window_deletes_after_confirmation(window, database, monkeypatch):
    asked = []
    monkeypatch.setattr(main_window_module, "ask_yes_no", lambda parent, title, text: asked.append(text) or True)
    window.action_delete_event.trigger()
    assert CURRENT in asked[0] and "不能撤销" in asked[0]
    assert event_names(database) == [PREVIOUS]
    assert window.editor.title.text() == PREVIOUS


def test_main_window_keeps_event_when_delete_declined(window, database, monkeypatch):
    monkeypatch.setattr(main_window_module, "ask_yes_no", lambda parent, title, text: False)
    window.action_delete_event.trigger()
    assert len(event_names(database)) == 2


def test_main_window_duplicates_event(window, database):
    window.action_duplicate_event.trigger()
    assert CURRENT + "（副本）" in event_names(database)
    assert window.editor.title.text() == CURRENT + "（副本）"


def test_switching_event_with_unsaved_edit_can_be_cancelled(window, monkeypatch):
    monkeypatch.setattr(main_window_module, "ask_save_discard_cancel", lambda *args: "cancel")
    window.editor.organiser.insert("（改）")
    select_event(window, PREVIOUS)
    assert window.editor.title.text() == CURRENT
    assert window.event_list.current_event_id() == window.editor.event_id()
    assert window.editor.is_dirty()


def test_switching_event_with_unsaved_edit_can_discard(window, database, monkeypatch):
    monkeypatch.setattr(main_window_module, "ask_save_discard_cancel", lambda *args: "discard")
    window.editor.organiser.insert("（改）")
    select_event(window, PREVIOUS)
    assert window.editor.title.text() == PREVIOUS
    with database.session() as session:
        assert all("（改）" not in e.organiser for e in list_events(session))


def test_main_window_remembers_last_event(window, open_window):
    select_event(window, PREVIOUS)
    window.close()
    reopened = open_window()
    assert reopened.editor.title.text() == PREVIOUS


def test_search_filters_event_list(window, qtbot):
    window.event_list.search.insert("二十二")
    qtbot.waitUntil(lambda: window.event_list.model.rowCount() == 1)
    assert window.event_list.model.row_at(0).name == PREVIOUS


def test_event_table_model_is_consistent(window, qtmodeltester):
    qtmodeltester.check(window.event_list.model)
    assert isinstance(window.event_list.model, EventTableModel)


def test_new_event_dialog_refuses_blank_name(qtbot):
    dialog = NewEventDialog()
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "请填写活动名称" in dialog.error.text()
    assert dialog.result() == 0


def test_error_handler_shows_chinese_message_and_logs(tmp_path, monkeypatch):
    import sys

    from ui import app as app_module

    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_error_handler(tmp_path)
    try:
        raise ValueError("测试错误")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "已保存的数据不受影响" in shown[0]
    assert "ValueError: 测试错误" in (tmp_path / "rdplanner-errors.log").read_text(encoding="utf-8")


def test_main_window_shows_every_notice_of_the_database_in_the_status_bar(qtbot, database, settings):
    database.notices[:] = ["数据库结构将从版本 0003 升级到 0004，升级前已备份到 甲", "今日自动备份未完成：乙"]
    window = MainWindow(settings)
    qtbot.addWidget(window)

    window.attach(Hub(database))

    assert window.statusBar().currentMessage() == (
        "数据库结构将从版本 0003 升级到 0004，升级前已备份到 甲；今日自动备份未完成：乙")


def test_the_menus_say_their_event_actions_act_on_the_event(window):
    texts = {menu.title(): [a.text() for a in menu.actions() if a.text()]
             for menu in (a.menu() for a in window.menuBar().actions()) if menu is not None}
    assert "删除活动" in texts["编辑(&E)"] and "删除" not in texts["编辑(&E)"]  # the roster's Delete removes a person: this one says what it deletes
    assert texts["文件(&F)"][:3] == ["新建活动", "复制活动", "保存活动"]


def test_an_event_remembered_by_the_core_is_the_one_the_app_opens(tmp_path, qtbot, database):
    from PySide6.QtCore import QSettings

    from rdplanner.events.service import list_events
    from rdplanner.ui_keys import remember_event
    from ui.hub import Hub
    from ui.main_window import MainWindow
    from ui.settings import Settings

    with database.session() as session:
        events = list_events(session)
    older = events[-1].id  # not the one the list shows first
    ini = tmp_path / "remembered.ini"
    remember_event(ini, database.describe(), older)
    window = MainWindow(Settings(QSettings(str(ini), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.attach(Hub(database))
    window.show()
    assert window.editor.event_id() == older != events[0].id
