"""The layout editor: each kind previews, parameter errors, seat zone and disabling, save and reopen,
refusal for occupied seats, copy, delete and the unsaved-changes question."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from sqlalchemy import delete, select

from rdplanner.models import Event, Layout, Participation, Seat, SeatAssignment, SeatPlan
from rdplanner.seating.layout_service import create_hall
from rdplanner.seating.layouts import KINDS, default_spec, generate
from rdplanner.seating.service import ensure_seat_plan
from ui import dialogs
from ui.hub import Hub
from ui.seating import layout_dialog
from ui.seating.layout_dialog import LayoutDialog, SeatBox


@pytest.fixture
def errors(monkeypatch):
    shown = []
    monkeypatch.setattr(layout_dialog, "show_error", lambda parent, error, *args: shown.append(str(error)))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, error, *args: shown.append(str(error)))
    return shown


@pytest.fixture
def hall_id(database):
    with database.session() as session:
        return session.scalar(select(Event.hall_id).where(Event.hall_id.is_not(None)).order_by(Event.id))


@pytest.fixture
def open_dialog(qtbot, database, monkeypatch):
    monkeypatch.setattr(layout_dialog, "ask_save_discard_cancel", lambda *args: "discard")

    def opened(hall_id=None) -> LayoutDialog:
        dialog = LayoutDialog(Hub(database), hall_id=hall_id)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return opened


def seat_items(dialog) -> dict[str, SeatBox]:
    return {item.label: item for item in dialog.scene.items() if isinstance(item, SeatBox)}


def new_hall(dialog, monkeypatch, name="第一会议室"):
    monkeypatch.setattr(layout_dialog, "ask_new_hall", lambda parent: ("市人大常委会机关", name))
    dialog.buttons["new_hall"].click()


def test_layout_dialog_opens_the_halls_layout(open_dialog, hall_id, database):
    with database.session() as session:
        layout_id = session.scalar(select(Layout.id).where(Layout.hall_id == hall_id).order_by(Layout.id))
        labels = set(session.scalars(select(Seat.label).where(Seat.layout_id == layout_id)))
    dialog = open_dialog(hall_id)
    assert set(seat_items(dialog)) == labels
    assert dialog.hall.currentData() == hall_id
    assert dialog.forms["auditorium"].widgets["rostrum_rows"].text() == "9"


@pytest.mark.parametrize("kind", list(KINDS))
def test_layout_dialog_previews_each_kind_with_tables(open_dialog, hall_id, kind):
    dialog = open_dialog(hall_id)
    dialog.buttons["new"].click()
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    assert len(seat_items(dialog)) == len(generate(default_spec(kind)))
    tables = [i for i in dialog.scene.items() if not isinstance(i, SeatBox) and i.parentItem() is None
              and i.type() in (3, 4)]  # rect and ellipse items
    assert tables and dialog.error.text() == ""


def test_layout_dialog_shows_parameter_error_and_keeps_preview(open_dialog, hall_id):
    dialog = open_dialog(hall_id)
    shown = set(seat_items(dialog))
    rostrum = dialog.forms["auditorium"].widgets["rostrum_rows"]
    rostrum.setText("9,x")
    rostrum.textEdited.emit("9,x")
    assert "主席台各排座位数" in dialog.error.text() and shown and set(seat_items(dialog)) == shown
    rostrum.setText("300")
    rostrum.textEdited.emit("300")
    assert "1 到 200" in dialog.error.text()


def test_layout_dialog_boardroom_zone_disable_save_and_reopen(open_dialog, monkeypatch):
    dialog = open_dialog()
    new_hall(dialog, monkeypatch)
    dialog.kind.setCurrentIndex(dialog.kind.findData("boardroom"))
    dialog.name.setText("主任会议")
    items = seat_items(dialog)
    items["会议桌15座"].setSelected(True)
    items["会议桌16座"].setSelected(True)
    assert dialog.selection.text() == "已选 2 个座位"
    dialog.zone.setCurrentIndex(dialog.zone.findData("staff"))
    dialog.buttons["set_zone"].click()
    seat_items(dialog)["会议桌16座"].setSelected(False)
    dialog.buttons["disable"].click()
    dialog.buttons["save"].click()
    reopened = open_dialog(dialog.hall.currentData())
    items = seat_items(reopened)
    assert reopened.kind.currentData() == "boardroom" and reopened.name.text() == "主任会议"
    assert (items["会议桌15座"].zone, items["会议桌15座"].disabled) == ("staff", True)
    assert (items["会议桌16座"].zone, items["会议桌16座"].disabled) == ("staff", False)
    assert items["会议桌1座"].zone == "rostrum" and not reopened.dirty


def test_layout_dialog_zone_without_selection_asks_to_select(open_dialog, hall_id):
    dialog = open_dialog(hall_id)
    dialog.buttons["set_zone"].click()
    assert "框选" in dialog.error.text() and not dialog.dirty


def test_layout_dialog_refuses_disabling_an_occupied_seat(open_dialog, hall_id, database, errors):
    with database.session() as session:
        event = session.scalar(select(Event).where(Event.hall_id == hall_id))
        layout_id = session.scalar(select(Layout.id).where(Layout.hall_id == hall_id).order_by(Layout.id))
        plan_id, _ = ensure_seat_plan(session, event_id=event.id)  # the event's one plan (maybe seated)
        assert session.get(SeatPlan, plan_id).layout_id == layout_id
        seat_id = session.scalar(select(Seat.id).where(Seat.layout_id == layout_id, Seat.label == "1排1座"))
        pid = session.scalar(select(Participation.id).where(Participation.event_id == event.id))
        session.execute(delete(SeatAssignment).where(SeatAssignment.seat_plan_id == plan_id,
                                                     (SeatAssignment.seat_id == seat_id)
                                                     | (SeatAssignment.participation_id == pid)))
        session.add(SeatAssignment(seat_plan_id=plan_id, seat_id=seat_id, participation_id=pid))
        session.commit()
    dialog = open_dialog(hall_id)
    seat_items(dialog)["1排1座"].setSelected(True)
    dialog.buttons["disable"].click()
    dialog.buttons["save"].click()
    assert errors and "1排1座" in errors[0] and "不能停用" in errors[0]
    assert dialog.dirty


def test_layout_dialog_copies_and_deletes_a_layout(open_dialog, hall_id, monkeypatch):
    dialog = open_dialog(hall_id)
    monkeypatch.setattr(layout_dialog, "ask_name", lambda *args: "备用布局")
    dialog.buttons["copy"].click()
    assert dialog.name.text() == "备用布局" and dialog.layout_choice.count() == 2
    monkeypatch.setattr(layout_dialog, "ask_yes_no", lambda *args: True)
    dialog.buttons["delete"].click()
    assert dialog.layout_choice.count() == 1 and dialog.name.text() != "备用布局"


def test_layout_dialog_new_hall_starts_a_new_layout(open_dialog, monkeypatch):
    dialog = open_dialog()
    new_hall(dialog, monkeypatch, "第二会议室")
    assert "第二会议室" in dialog.hall.currentText() and dialog.layout_choice.count() == 0
    dialog.buttons["save"].click()
    assert dialog.layout_choice.count() == 1


def test_layout_dialog_close_with_unsaved_edits_can_be_cancelled(open_dialog, hall_id, monkeypatch):
    dialog = open_dialog(hall_id)
    dialog.numbering.setCurrentIndex(dialog.numbering.findData("odd_even"))
    assert "单号在右侧" in dialog.numbering_hint.text()
    monkeypatch.setattr(layout_dialog, "ask_save_discard_cancel", lambda *args: "cancel")
    dialog.reject()
    assert dialog.isVisible()


def test_layout_dialog_switching_hall_with_unsaved_edits_can_be_cancelled(open_dialog, hall_id, database,
                                                                         monkeypatch):
    with database.session() as session:
        create_hall(session, venue_name="市人大常委会机关", hall_name="第二会议室")
    dialog = open_dialog(hall_id)
    dialog.numbering.setCurrentIndex(dialog.numbering.findData("odd_even"))
    monkeypatch.setattr(layout_dialog, "ask_save_discard_cancel", lambda *args: "cancel")
    other = next(i for i in range(dialog.hall.count()) if dialog.hall.itemData(i) != hall_id)
    dialog.hall.setCurrentIndex(other)
    dialog.hall.activated.emit(other)
    assert dialog.hall.currentData() == hall_id and dialog.numbering.currentData() == "odd_even"


def test_layout_dialog_renumbering_keeps_disabled_seat_in_place(open_dialog, hall_id):
    dialog = open_dialog(hall_id)
    seat_items(dialog)["1排1座"].setSelected(True)
    dialog.buttons["disable"].click()
    x = seat_items(dialog)["1排1座"].x()
    dialog.numbering.setCurrentIndex(dialog.numbering.findData("odd_even"))
    disabled = [item for item in seat_items(dialog).values() if item.disabled]
    assert [(item.label, item.x()) for item in disabled] == [("1排18座", x)]


def test_layout_dialog_preview_zooms_with_the_wheel(open_dialog, hall_id, qtbot):
    dialog = open_dialog(hall_id)
    before = dialog.view.transform().m11()
    centre = QPointF(dialog.view.viewport().rect().center())
    event = QWheelEvent(centre, dialog.view.mapToGlobal(centre.toPoint()), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    dialog.view.wheelEvent(event)
    assert dialog.view.transform().m11() > before


def test_layout_dialog_opens_on_the_layout_it_is_asked_for(qtbot, database, hall_id):
    from rdplanner.seating.layout_service import copy_layout

    hub = Hub(database)
    first = LayoutDialog(hub, hall_id=hall_id)
    qtbot.addWidget(first)
    copied, _ = hub.apply(copy_layout, layout_id=first.layout_choice.currentData(), name="备用布局")
    dialog = LayoutDialog(hub, hall_id=hall_id, layout_id=copied)
    qtbot.addWidget(dialog)
    assert dialog.layout_choice.currentData() == copied and dialog.name.text() == "备用布局"


def zone_words(dialog) -> list[str]:
    """Every place the dialog names a zone: the zone combo, each block's and the classroom's zone
    combos, the seats' tooltips and the status line."""
    from PySide6.QtWidgets import QComboBox

    words = [dialog.status.text()]
    for combo in dialog.findChildren(QComboBox):
        words += [combo.itemText(i) for i in range(combo.count())]
    words += [item.toolTip() for item in seat_items(dialog).values()]
    return words


@pytest.mark.parametrize("event_type, word",
                         [("congress_session", "代表"), ("standing_committee", "组成人员")])
def test_layout_dialog_names_the_members_zone_for_the_event_type(qtbot, database, hall_id, event_type, word):
    dialog = LayoutDialog(Hub(database), hall_id=hall_id, event_type=event_type)
    qtbot.addWidget(dialog)
    words = zone_words(dialog)

    assert not [w for w in words if "组成人员/代表" in w]
    assert dialog.zone.itemText(dialog.zone.findData("members")) == word
    classroom = dialog.forms["classroom"].widgets["zone"]
    assert classroom.itemText(classroom.findData("members")) == word
    block_zone = dialog.forms["auditorium"].blocks.cellWidget(0, 0)
    assert block_zone.itemText(block_zone.findData("members")) == word
    assert f"{word} " in dialog.status.text()
    assert any(tip.endswith(f"\n{word}") for tip in words)


def test_seating_page_opens_the_layout_dialog_with_its_events_type(window, monkeypatch):
    opened = {}
    monkeypatch.setattr(LayoutDialog, "exec", lambda self: opened.update(zone=self.zone.itemText(
        self.zone.findData("members"))))
    window.show_page("seating")

    window.seating.edit_layouts()

    assert opened["zone"] == "组成人员"  # the demo event is a 常委会会议
