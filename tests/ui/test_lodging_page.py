"""The lodging page (住宿, issue 11) on the demo's standing-committee meeting: its hotel, rooms and the
stays the allocation made; a stay moved by drag and back with Ctrl+Z, locked from the page, a stay added
elsewhere appearing, the automatic allocation proposed, saved as one step and undone, a finding selecting
its stay, and the proposal made on the real worker thread."""

import pytest
from modal import on_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from rdplanner.lodging import stays as svc
from rdplanner.lodging.read import load_lodging
from rdplanner.problems import ItemRef
from ui.lodging.allocate_dialog import AllocateDialog
from ui.lodging.directory_dialog import DirectoryDialog
from ui.lodging.stay_dialogs import NightsDialog, RoomChoiceDialog

HOTEL = "市人大会议中心宾馆"


@pytest.fixture
def page(window):
    return window.show_page("lodging")


def saved(window):
    with window.hub.database.session() as session:
        return load_lodging(session, window.editor.event_id())


def free_room(view) -> int:
    used = {s.room_id for s in view.stays}
    return next(r.id for r in view.directory.rooms if r.id not in used and not view.room_type(r.room_type_id).is_suite)


def test_the_page_shows_the_hotel_its_rooms_and_the_stays(page, window):
    view = saved(window)
    top = page.tree.topLevelItem(0)
    assert top.text(0) == f"{HOTEL}　{len(view.directory.rooms)} 间，已用 {len({s.room_id for s in view.stays})} 间，" \
                          f"入住 {len(view.stays)} 人"
    assert top.isFirstColumnSpanned()
    stay = view.stays[0]
    item = page.tree.items[("stay", stay.id)]
    assert item.text(0).startswith(view.guest(stay.participation_id).name)
    assert item.parent().text(0) == view.room(stay.room_id).number
    assert page.summary.text().endswith(f"入住 {len(view.stays)} 人，用房 {len({s.room_id for s in view.stays})} 间，锁定 0 条。")
    assert page.assumption.text().startswith("日期说明：入住日期取本人报到")


def test_a_stay_dragged_to_another_room_moves_and_ctrl_z_takes_it_back(page, window):
    view = saved(window)
    stay, room = view.stays[0], free_room(view)
    page.tree.dropped.emit("stay", stay.id, "room", room)
    assert next(s.room_id for s in saved(window).stays if s.id == stay.id) == room
    assert page.tree.items[("stay", stay.id)].parent().text(0) == view.room(room).number
    assert window.action_undo.text().startswith(f"撤销 {view.guest(stay.participation_id).name}换到")
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert next(s.room_id for s in saved(window).stays if s.id == stay.id) == stay.room_id


def test_locking_from_the_page_marks_the_stay(page, window):
    stay = saved(window).stays[0]
    assert page.tree.select("stay", [stay.id])
    page.action_lock.trigger()
    assert next(s.locked for s in saved(window).stays if s.id == stay.id)
    assert page.tree.items[("stay", stay.id)].text(4) == "锁定"  # plain text: the fonts lack the emoji
    window.action_undo.trigger()
    assert not next(s.locked for s in saved(window).stays if s.id == stay.id)


def test_a_stay_added_elsewhere_appears(page, window):
    view = saved(window)
    lodged = {s.participation_id for s in view.stays}
    person = next(g for g in view.guests if g.participation_id not in lodged and not g.needs_lodging)
    made = window.hub.apply(svc.add_stay, event_id=view.event_id, participation_id=person.participation_id,
                            room_id=free_room(view)).value
    assert ("stay", made) in page.tree.items
    assert any(p.code == "stay_not_needed" and p.ids("stay") == (made,) for p in page.problems)


def test_a_finding_selects_its_stay(page, window):
    view = saved(window)
    stay = view.stays[-1]
    assert page.select_item(ItemRef("lodging", "stay", stay.id))
    assert page.tree.selected("stay") == [stay.id]


def test_the_allocation_is_proposed_saved_as_one_step_and_undone(page, window, monkeypatch):
    before = {(s.participation_id, s.room_id) for s in saved(window).stays}
    seen = {}

    def run(dialog):
        dialog.pair_by.setCurrentIndex(dialog.pair_by.findData("none"))
        dialog.propose()  # on the worker in the app; inline in UI tests
        seen["rows"] = dialog.table.rowCount()
        seen["rules"] = dialog.rules.text()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(AllocateDialog, "exec", run)
    page.action_allocate.trigger()
    after = saved(window)
    assert seen["rows"] == len({s.room_id for s in after.stays}) and seen["rules"].startswith("规则：只为“需住宿”")
    assert after.policy.pair_by == "none"
    assert window.action_undo.text() == f"撤销 自动分房（{len(after.stays)} 人）"
    window.action_undo.trigger()
    assert {(s.participation_id, s.room_id) for s in saved(window).stays} == before
    assert saved(window).policy.pair_by == "unit"


@pytest.mark.real_threads
def test_the_proposal_is_made_on_the_real_worker_thread(page, window, qtbot):
    dialog = AllocateDialog(page, window.hub, saved(window))
    qtbot.addWidget(dialog)
    dialog.propose()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=10000)
    assert dialog.save.isEnabled() and dialog.summary.text().startswith("方案：安排")
    dialog.rank.setValue(3)  # a changed rule: the proposal shown can no longer be saved
    assert dialog.proposal is None and not dialog.save.isEnabled()


def test_the_tree_shows_every_guest_and_the_blocks_their_hotel_type_and_dates_whole(page, window, qtbot):
    window.resize(1366, 768)
    qtbot.wait(50)
    page.reload()
    tree, metrics = page.tree, page.tree.fontMetrics()
    stays = [i for k, i in tree.items.items() if k[0] == "stay"]
    assert tree.header().sectionSize(0) >= max(metrics.horizontalAdvance(i.text(0)) for i in stays) \
        + 2 * tree.indentation()
    blocks, view = page.blocks, saved(window)
    assert [blocks.horizontalHeaderItem(c).text() for c in range(blocks.columnCount())] == \
        ["房型", "晚", "预留", "已用", "剩余", "释放日期"]
    assert len(blocks.block_rows()) == len(view.blocks) > 0
    kind = view.room_type(view.blocks[0].room_type_id)
    hotels = {view.room_type(b.room_type_id).hotel_id for b in view.blocks}
    headings = [r for r in range(blocks.rowCount()) if r not in blocks.block_rows()]
    assert [blocks.item(r, 0).text() for r in headings][0] == view.directory.hotel(kind.hotel_id).name
    assert len(headings) == len(hotels) and all(blocks.columnSpan(r, 0) == 6 for r in headings)
    assert blocks.item(1, 0).text() == kind.name
    for row in blocks.block_rows():
        for column in (0, 1, 5):
            text = blocks.item(row, column).text()
            assert blocks.columnWidth(column) >= blocks.fontMetrics().horizontalAdvance(text) + 8, text


def test_the_room_tab_lists_every_room_with_its_type_and_removes_the_selected(page, window):
    view = saved(window)
    used = {s.room_id for s in view.stays}
    rooms = [r for r in view.directory.rooms if r.hotel_id == view.directory.hotels[0].id]
    spare = [r for r in rooms if r.id not in used][-2:]
    seen = {}

    def act(dialog):
        dialog.tabs.setCurrentIndex(2)
        table = dialog.room_list
        seen["rows"] = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
        for row in range(table.rowCount()):
            if table.item(row, 0).text() in {r.number for r in spare}:
                table.selectionModel().select(table.model().index(row, 0), table.selectionModel().SelectionFlag.Select
                                              | table.selectionModel().SelectionFlag.Rows)
        dialog.remove_rooms()
        dialog.reject()

    driver = on_modal(DirectoryDialog, act)
    page.action_directory.trigger()
    driver.check()
    names = {k.id: k.name + ("（套房）" if k.is_suite else "") for k in view.directory.room_types}
    assert seen["rows"] == [(r.number, str(r.floor), names[r.room_type_id]) for r in rooms]
    left = {r.number for r in saved(window).directory.rooms if r.hotel_id == rooms[0].hotel_id}
    assert left == {r.number for r in rooms} - {r.number for r in spare}


def test_lodging_someone_from_a_rooms_menu_needs_a_person_and_opens_the_room_choice(page, window):
    view = saved(window)
    page.tree.select("room", [free_room(view)])
    page.update_lodge_action()
    assert not page.action_lodge.isEnabled() and "（" in page.action_lodge.text()
    stay = view.stays[0]
    window.hub.apply(svc.remove_stays, stay_ids=[stay.id])
    page.unlodged.setCurrentRow(0)
    person = page.unlodged.current_person()
    assert page.action_lodge.isEnabled() and view.guest(person).name in page.action_lodge.text()
    room = free_room(saved(window))
    page.tree.select("room", [room])
    driver = on_modal(RoomChoiceDialog, lambda dialog: dialog.accept())
    page.action_lodge.trigger()
    assert driver.check().rooms.currentData() == room
    assert any(s.participation_id == person and s.room_id == room for s in saved(window).stays)


def test_moving_a_stay_and_changing_its_nights_open_their_real_dialogs(page, window):
    stay = saved(window).stays[0]
    page.tree.select("stay", [stay.id])
    driver = on_modal(RoomChoiceDialog, lambda dialog: dialog.accept())
    page.action_move.trigger()
    room = driver.check().rooms.currentData()
    assert next(s.room_id for s in saved(window).stays if s.id == stay.id) == room != stay.room_id
    page.tree.select("stay", [stay.id])

    def later(dialog):
        dialog.notes.setText("晚到一天")
        dialog.accept()

    driver = on_modal(NightsDialog, later)
    page.action_nights.trigger()
    driver.check()
    assert next(s.notes for s in saved(window).stays if s.id == stay.id) == "晚到一天"
