"""The person dialog's 回执 group: typed as on the paper slip, saved through the roster, in the tooltip."""

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt

from rdplanner.events.service import get_event
from rdplanner.people.service import load_roster
from ui.people.person_dialog import PersonDialog
from ui.people.roster_model import RosterColumn


@pytest.fixture
def roster(window):
    window.show_page("roster")
    return window.roster


def fill_slip(dialog: PersonDialog, start: date) -> None:
    dialog.arrival_date.setText(f"{start.month}月{start.day}日")
    dialog.arrival_time.setText("9点30")
    dialog.arrival_mode.setCurrentIndex(dialog.arrival_mode.findData("train"))
    dialog.arrival_number.setText("g7512")
    dialog.arrival_station.setText("杭州东站")
    dialog.needs_pickup.setChecked(True)
    dialog.departure_date.setText((start + timedelta(days=1)).strftime("%Y/%m/%d"))
    dialog.departure_time.setText("下午3点")
    dialog.departure_mode.setCurrentIndex(dialog.departure_mode.findData("unit_car"))
    dialog.pickup_point.setText("西湖宾馆")


def test_the_dialog_saves_a_reply_slip_through_the_roster(roster, window, monkeypatch):
    start = window.hub.read(get_event, window.editor.event_id()).start_date

    def filled_and_saved(dialog):
        fill_slip(dialog, start)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PersonDialog, "exec", filled_and_saved)
    roster.table.setCurrentIndex(roster.model.index(2, 0))
    chosen = roster.model.row_at(2)
    roster.action_edit_person.trigger()
    with window.hub.database.session() as session:
        row = next(r for r in load_roster(session, event_id=window.editor.event_id())
                   if r.participation_id == chosen.participation_id)
    assert row.reply() == dict(
        arrival_date=start, arrival_time=time(9, 30), arrival_mode="train", arrival_number="G7512",
        arrival_station="杭州东站", needs_pickup=True, departure_date=start + timedelta(days=1),
        departure_time=time(15, 0),
        departure_mode="unit_car", departure_number="", departure_station="", needs_dropoff=False,
        pickup_point="西湖宾馆")
    index = roster.model.index(roster.model.rows().index(row), RosterColumn.NAME)
    tip = roster.model.data(index, Qt.ItemDataRole.ToolTipRole)
    after = start + timedelta(days=1)
    assert (f"回执：到达：{start.month}月{start.day}日 09:30 高铁 G7512 杭州东站，接站；"
            f"返程：{after.month}月{after.day}日 15:00 单位派车；上车地点：西湖宾馆") in tip


def test_a_time_that_is_none_keeps_the_dialog_open_on_that_field(qtbot):
    dialog = PersonDialog(None, role="member", event_start=date(2027, 1, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("王伟")
    dialog.arrival_date.setText("1月3日")
    dialog.arrival_time.setText("25点")
    dialog.accept()
    assert dialog.result() == 0
    assert dialog.error.text() == "“25点”不是有效的时间（时 0～23，分 0～59）"
    assert dialog.focusWidget() is dialog.arrival_time


def test_a_departure_before_the_arrival_is_refused_in_the_dialog(qtbot):
    dialog = PersonDialog(None, role="member", event_start=date(2027, 1, 3))
    qtbot.addWidget(dialog)
    dialog.name.setText("王伟")
    dialog.arrival_date.setText("1月4日")
    dialog.departure_date.setText("1月3日")
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text() == "返程日期（1月3日）早于到达日期（1月4日）"


def test_pickup_can_be_ticked_only_for_a_train_or_a_plane(qtbot):
    dialog = PersonDialog(None, role="member")
    qtbot.addWidget(dialog)
    assert not dialog.needs_pickup.isEnabled()
    dialog.arrival_mode.setCurrentIndex(dialog.arrival_mode.findData("flight"))
    dialog.needs_pickup.setChecked(True)
    dialog.arrival_mode.setCurrentIndex(dialog.arrival_mode.findData("drive"))
    assert not dialog.needs_pickup.isEnabled() and not dialog.needs_pickup.isChecked()


def test_an_edited_person_shows_the_saved_slip(qtbot, window):
    window.show_page("roster")
    row = window.roster.model.row_at(0)
    dialog = PersonDialog(None, row=row)
    qtbot.addWidget(dialog)
    assert dialog.arrival_date.text() == (row.arrival_date.isoformat() if row.arrival_date else "")
    assert dialog.drafts()[1] == row.participation_draft()


def test_the_roster_exports_the_reply_slips(roster, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from ui.documents import flow as flow_module
    from ui.documents.dialog import DocumentDialog

    target = tmp_path / "回执表.xlsx"
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    monkeypatch.setattr(DocumentDialog, "exec", lambda dialog: dialog.save_button.click() or dialog.result())
    roster.action_export_replies.trigger()
    ws = load_workbook(target).active
    assert ws["A1"].value.endswith("回执表") and ws["A3"].value == "姓名"
    names = [row[0] for row in ws.iter_rows(min_row=4, values_only=True) if row[0]]
    assert sorted(names) == sorted(r.name for r in roster.model.rows())
