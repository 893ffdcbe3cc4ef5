"""The venue set-up page (会场布置, issue 10) on the demo's standing-committee meeting, its venue emptied
first (no event has a booking or a set-up; the demo's own set-up is not what these tests describe):
bookings added in their dialog and undone with Ctrl+Z, another event's clashing booking shown in red
with its name, a set-up created for a booked hall, the banner approved, a check marked, a prepared
quantity typed in place, changes made elsewhere appearing, the problems selecting their rows, and the
checklist export."""

from datetime import datetime, time, timedelta

import pytest
from demo_state import empty_venue
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from rdplanner.changes import Changes
from rdplanner.events.service import list_events
from rdplanner.venue import service as svc
from rdplanner.venue.read import load_venue
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentChoice, DocumentDialog
from ui.venue import item_dialogs
from ui.venue.booking_dialog import BookingDialog
from ui.venue.venue_models import RED
from ui.venue.widgets import select_ids

CLASH_COLUMN = 4


@pytest.fixture
def page(window):
    empty_venue(window.hub.database)
    return window.show_page("venue")


def saved(window):
    with window.hub.database.session() as session:
        return load_venue(session, window.editor.event_id())


def other_event_id(window) -> int:
    with window.hub.database.session() as session:
        return next(e.id for e in list_events(session) if e.id != window.editor.event_id())


def book(window, event_id: int, start: time, end: time, *, day_offset: int = 0) -> int:
    view = saved(window)
    day = view.start_date + timedelta(days=day_offset)
    return window.hub.apply(svc.book_hall, event_id=event_id, hall_id=view.main_hall_id,
                            starts_at=datetime.combine(day, start), ends_at=datetime.combine(day, end),
                            status="confirmed").value


def set_up(page, window) -> int:
    """Book the main hall for the morning and create its set-up through the page's button."""
    booking_id = book(window, window.editor.event_id(), time(8), time(12))
    page.select_item(type("Ref", (), {"kind": "booking", "id": booking_id})())
    page.setup.create_button.click()
    return saved(window).setups[0].id


def answer_name(monkeypatch, name: str, offered: list | None = None):
    def ask(parent, title, label, default):
        if offered is not None:
            offered.append(default)
        return name

    monkeypatch.setattr(item_dialogs, "ask_name", ask)


def test_the_page_is_in_the_navigation_under_its_title(window):
    assert "venue" in window.page_keys()
    titles = [window.nav.item(n).text() for n in range(window.nav.count())]
    assert "会场布置" in titles


def test_a_booking_added_in_the_dialog_is_saved_selected_and_undone_with_ctrl_z(page, window, monkeypatch):
    def run(dialog):
        dialog.status.setCurrentIndex(dialog.status.findData("confirmed"))
        dialog.contact.setText("王建国")
        dialog.phone.setText("0571-87051234")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(BookingDialog, "exec", run)
    page.action_add_booking.trigger()
    booking = saved(window).bookings[0]
    view = saved(window)
    assert (booking.hall_id, booking.status, booking.contact) == (view.main_hall_id, "confirmed", "王建国")
    assert booking.starts_at == datetime.combine(view.start_date, time(8))  # the event's days, 08:00–18:00
    assert booking.ends_at == datetime.combine(view.end_date, time(18))
    assert page.current_booking().id == booking.id
    assert page.bookings.index(0, 3).data() == "王建国 0571-87051234"
    assert window.action_undo.text() == "撤销 添加场地预订"
    page.booking_table.setFocus()
    QTest.keyClick(page.booking_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved(window).bookings == ()
    assert page.bookings.rowCount() == 0


def test_the_dialog_keeps_an_end_before_the_start_open_with_the_reason(page, window, monkeypatch):
    seen = {}

    def run(dialog):
        dialog.end_day.setDate(dialog.start_day.date())
        dialog.start_time.setTime(dialog.start_time.time().fromString("15:00", "HH:mm"))
        dialog.end_time.setTime(dialog.end_time.time().fromString("15:00", "HH:mm"))
        dialog.accept()
        seen["error"] = dialog.error.text()
        return dialog.result()

    monkeypatch.setattr(BookingDialog, "exec", run)
    page.action_add_booking.trigger()
    assert seen["error"] == "结束时间应晚于开始时间。"
    assert saved(window).bookings == ()


def test_another_events_overlapping_booking_shows_in_red_with_its_name(page, window):
    other = other_event_id(window)
    with window.hub.database.session() as session:
        other_name = next(e.name for e in list_events(session) if e.id == other)
    book(window, window.editor.event_id(), time(8), time(12))
    book(window, other, time(11, 30), time(13))  # made elsewhere: the page hears of it and shows the clash
    clash = page.bookings.index(0, CLASH_COLUMN)
    assert clash.data() == f"“{other_name}”已订 {saved(window).start_date.month}月" \
                           f"{saved(window).start_date.day}日 11:30–13:00"
    assert clash.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(RED)
    assert page.bookings.index(0, 0).data().startswith("⚠ ")
    assert page.clash_note.text() == "⚠ 1 处与其他活动时间重叠"


def test_a_booking_of_another_event_touching_ours_is_no_clash(page, window):
    book(window, window.editor.event_id(), time(8), time(12))
    book(window, other_event_id(window), time(12), time(13))
    assert page.bookings.index(0, CLASH_COLUMN).data() == "—"
    assert page.bookings.index(0, CLASH_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is None
    assert page.clash_note.text() == ""


def test_choosing_the_clash_problem_selects_its_booking(page, window):
    book(window, window.editor.event_id(), time(14), time(17), day_offset=1)
    clashing = book(window, window.editor.event_id(), time(8), time(12))
    book(window, other_event_id(window), time(9), time(10))
    entry = next(page.problem_list.item(n) for n in range(page.problem_list.count())
                 if "时间重叠" in page.problem_list.item(n).text())
    page.booking_table.clearSelection()
    page._problem_chosen(entry)
    assert page.current_booking().id == clashing


def test_the_set_up_is_created_for_the_selected_booked_hall(page, window):
    assert not page.setup.create_button.isEnabled()  # nothing booked yet
    setup_id = set_up(page, window)
    assert page.setup.current_setup().id == setup_id
    assert page.setup.checks.model.rowCount() == 7  # the template's checks and materials
    assert page.setup.materials.model.rowCount() == 5
    assert not page.setup.create_button.isEnabled()  # the only booked hall has its set-up
    assert window.action_undo.text() == "撤销 建立会场布置"


def test_approving_the_banner_asks_who_and_shows_who_and_when(page, window, monkeypatch):
    set_up(page, window)
    page.setup.banner.setText("市第十七届人大常委会第二十三次会议")
    page.setup.save_banner_button.click()
    answer_name(monkeypatch, "李明")
    page.setup.approve_button.click()
    setup = saved(window).setups[0]
    assert (setup.banner_text, setup.banner_approved_by) == ("市第十七届人大常委会第二十三次会议", "李明")
    assert page.setup.approval.text().startswith("✓ 李明 已审定（")
    assert page.setup.unapprove_button.isVisible()
    assert window.action_undo.text() == "撤销 审定会标"
    window.action_undo.trigger()
    assert saved(window).setups[0].banner_approved_by == ""
    assert page.setup.approval.text() == "未审定"


def test_marking_a_check_asks_who_offering_the_last_name(page, window, monkeypatch):
    set_up(page, window)
    offered = []
    answer_name(monkeypatch, "张伟", offered)
    checks = page.setup.checks
    select_ids(checks.table, {checks.model.rows[0].id})
    checks.buttons[0].click()  # 标记已检查…
    first = saved(window).setups[0].checks[0]
    assert (first.checked_by, first.is_done) == ("张伟", True)
    assert checks.model.index(0, 0).data() == f"✓ {first.name}"
    assert checks.model.index(0, 1).data() == "张伟"
    assert checks.title.text() == "检查项目（已完成 1/7）"
    assert window.action_undo.text() == f"撤销 标记“{first.name}”已检查"
    select_ids(checks.table, {checks.model.rows[1].id})
    checks.buttons[0].click()
    assert offered == ["", "张伟"]
    select_ids(checks.table, {checks.model.rows[0].id})
    checks.buttons[1].click()  # 清除
    assert not saved(window).setups[0].checks[0].is_done


def test_a_prepared_quantity_typed_in_the_table_is_saved_and_a_shortfall_is_red(page, window, qtbot):
    set_up(page, window)
    materials = page.setup.materials
    row = next(n for n, m in enumerate(materials.model.rows) if m.basis == "participant")
    material = materials.model.rows[row]
    index = materials.model.index(row, 4)
    assert index.data() == "未清点"
    materials.table.setCurrentIndex(index)
    materials.table.edit(index)
    editor = materials.table.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    QTest.keyClicks(editor, "x-")
    assert editor.text() == ""  # digits only
    QTest.keyClicks(editor, str(material.quantity - 3))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: saved(window).setups[0].materials[row].prepared == material.quantity - 3)
    qtbot.wait(50)
    assert page.undo_stack.count() == 2  # the set-up, then the one quantity (the editor commits once)
    shown = materials.model.index(row, 4)
    assert shown.data() == str(material.quantity - 3)
    assert shown.data(Qt.ItemDataRole.ForegroundRole).color() == QColor(RED)
    problems = [page.problem_list.item(n).text() for n in range(page.problem_list.count())]
    assert any(f"还差 3 {material.unit}" in text for text in problems)
    assert window.action_undo.text() == f"撤销 “{material.name}”实备数量改为 {material.quantity - 3}"


def test_the_spare_margin_changes_the_quantities_and_is_undone(page, window):
    set_up(page, window)
    materials = page.setup.materials
    row = next(n for n, m in enumerate(materials.model.rows) if m.basis == "participant")
    people = saved(window).participants
    materials.spare.setValue(20)
    materials.save_spare()
    assert materials.model.index(row, 3).data() == str(-(-people * 120 // 100))
    assert materials.model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole) == \
        f"{people} 人 × 1 × (1+20%) = {-(-people * 120 // 100)}"
    window.action_undo.trigger()
    assert saved(window).setups[0].spare_percent == 10
    assert materials.spare.value() == 10


def test_changes_made_elsewhere_appear(page, window):
    setup_id = set_up(page, window)
    window.hub.apply(svc.add_check, setup_id=setup_id, name="同声传译设备")
    assert page.setup.checks.model.rows[-1].name == "同声传译设备"
    material = saved(window).setups[0].materials[0]
    window.hub.apply(svc.update_material, material_id=material.id, expected_version=material.version,
                     name=material.name, unit=material.unit, basis=material.basis, per_unit=material.per_unit,
                     prepared=7, notes="")
    assert page.setup.materials.model.index(0, 4).data() == "7"


def test_seating_and_roster_changes_concern_the_page(page, window):
    event_id = window.editor.event_id()
    assert page.concerns(Changes.of("seating", event_id))
    assert page.concerns(Changes.of("people", event_id))
    assert page.concerns(Changes.of("venue", other_event_id(window)))  # its bookings may clash with ours
    assert not page.concerns(Changes.of("seating", other_event_id(window)))


def test_choosing_a_shortfall_problem_selects_its_material(page, window):
    set_up(page, window)
    material = next(m for m in saved(window).setups[0].materials if m.basis == "participant")
    window.hub.apply(svc.update_material, material_id=material.id, expected_version=material.version,
                     name=material.name, unit=material.unit, basis=material.basis, per_unit=material.per_unit,
                     prepared=1, notes="")
    entry = next(page.problem_list.item(n) for n in range(page.problem_list.count())
                 if f"“{material.name}”按计算需要" in page.problem_list.item(n).text())
    page._problem_chosen(entry)
    assert [m.id for m in page.setup.materials.chosen()] == [material.id]


def test_the_checklist_exports_as_a_workbook(page, window, tmp_path, monkeypatch):
    set_up(page, window)
    target = tmp_path / "会场布置清单.xlsx"
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))

    def save_xlsx(dialog):
        dialog.format.setCurrentIndex(dialog.document.suffixes.index(".xlsx"))
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(DocumentDialog, "exec", save_xlsx)
    page.export_button.click()
    from openpyxl import load_workbook

    texts = [str(c.value) for row in load_workbook(target).active.iter_rows() for c in row if c.value]
    assert any("会场布置清单" in t for t in texts)
    assert page.notice.text() == f"已导出：{target}"


@pytest.mark.real_threads
def test_the_checklist_exports_as_a_pdf_on_the_worker_thread(page, window, qtbot, tmp_path, monkeypatch):
    set_up(page, window)
    target = tmp_path / "会场布置清单.pdf"
    monkeypatch.setattr(flow_module, "ask_document", lambda *args: DocumentChoice("save", {}, ".pdf"))
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    page.export_button.click()
    assert not page.notice.isVisible()  # written in the background, not before return
    qtbot.waitUntil(lambda: page.notice.text().startswith("已导出"), timeout=60_000)
    assert target.read_bytes().startswith(b"%PDF")



def test_the_shown_event_deleted_elsewhere_empties_the_undo_stack_without_an_error(page, window, monkeypatch):
    from ui.venue import venue_page

    set_up(page, window)
    shown = []
    monkeypatch.setattr(venue_page, "show_error", lambda *args: shown.append(args))
    event_id = window.editor.event_id()
    with window.hub.database.session() as session:
        from rdplanner.events.service import delete_event

        delete_event(session, event_id=event_id)
    page.feed._arrived(Changes(deleted_event_ids=frozenset({event_id})))
    assert shown == []
    assert page.undo_stack.count() == 0
