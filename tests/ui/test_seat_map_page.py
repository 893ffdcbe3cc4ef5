"""The seating page on the demo event: automatic seating, problems, viewpoint, find, dragging people,
multi-select, colours, undo/redo, and exporting or printing the documents."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from sqlalchemy import select

from rdplanner.models import Participation, Seat
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentChoice
from ui.seating import seat_map_page as page_module
from ui.seating.scene import person_mime


@pytest.fixture
def seating(window, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    assert window.pages.currentWidget() is window.seating
    return window.seating


def seated(page) -> dict[int, str]:
    return {seat_id: item.name for seat_id, item in page.items.items() if item.name}


def expected_seated(page) -> int:
    return sum(not person.on_leave for person in page.people)


def test_seating_page_draws_every_seat_of_the_hall(seating, database):
    with database.session() as session:
        seats = set(session.scalars(select(Seat.id).where(Seat.layout_id == seating.view_data.layout_id)))
        people = set(session.scalars(select(Participation.id)
                                     .where(Participation.event_id == seating.view_data.event_id)))
    assert set(seating.items) == seats
    assert not seated(seating)
    assert {p.participation_id for p in seating.people} == people
    assert seating.people_list.count() == len(people) <= len(seats)


def test_auto_seating_places_everyone_not_on_leave_and_reports_no_error(seating):
    seating.auto_seat()
    assert len(seated(seating)) == expected_seated(seating) > 70
    assert not any(seating.problems.item(i).text().startswith("✖") for i in range(seating.problems.count()))
    # only the people on leave remain in the "unseated" list
    assert seating.people_list.count() == len(seating.people) - expected_seated(seating)


def test_viewpoint_toggle_mirrors_the_drawing(seating):
    seating.auto_seat()
    seat_id, item = next((s, i) for s, i in seating.items.items() if i.name)
    x, name = item.rect().center().x(), item.name
    seating.viewpoint.setCurrentIndex(seating.viewpoint.findData("stage"))
    assert seating.items[seat_id].rect().center().x() == pytest.approx(-x)
    assert seating.items[seat_id].name == name


def test_find_person_selects_their_seat(seating):
    seating.auto_seat()
    name = next(i.name for i in seating.items.values() if i.name)
    seating.find.setText(name)
    seating.find_person()
    assert [i.name for i in seating.scene.selectedItems()] == [name]
    seat = seating.scene.selectedItems()[0]
    assert seating.message.text() == f"{name}：{seat.label}"


def drop(page, participation_id, seat_id, from_seat=None):
    """Deliver a real drop event on the seat's position in the view."""
    item = page.items[seat_id]
    page.map.resetTransform()
    page.map.centerOn(item)
    point = page.map.mapFromScene(item.rect().center())
    mime = person_mime(participation_id, from_seat)  # the event does not own it: keep it alive
    event = QDropEvent(QPointF(point), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    page.map.dropEvent(event)


def test_dropping_a_seated_person_on_another_seat_swaps_them_and_undo_restores(seating):
    seating.auto_seat()
    occupied = [(seat_id, item) for seat_id, item in seating.items.items() if item.name and item.zone == "members"]
    (a_seat, a), (b_seat, b) = occupied[0], occupied[5]
    a_name, b_name, a_pid = a.name, b.name, a.participation_id
    drop(seating, a_pid, b_seat, from_seat=a_seat)
    assert seating.items[b_seat].name == a_name and seating.items[b_seat].locked
    assert seating.items[a_seat].name == b_name
    assert seating.undo_stack.undoText().startswith(f"安排 {a_name}")
    seating.undo_stack.undo()
    assert seating.items[a_seat].name == a_name and seating.items[b_seat].name == b_name
    assert not seating.items[b_seat].locked
    seating.undo_stack.redo()
    assert seating.items[b_seat].name == a_name


def test_a_swap_message_names_both_people_and_their_new_seats(seating):
    seating.auto_seat()
    occupied = [item for item in seating.items.values() if item.name and item.zone == "members"]
    a, b = occupied[0], occupied[5]
    a_name, a_label, b_name, b_label = a.name, a.label, b.name, b.label
    drop(seating, a.participation_id, b.seat_id, from_seat=a.seat_id)
    expected = f"已交换：{a_name}（{b_label}）与 {b_name}（{a_label}），{a_name} 的座位已锁定。"
    assert seating.message.text() == expected
    assert seating.items[b.seat_id].locked and not seating.items[a.seat_id].locked


def test_seating_someone_from_the_list_on_a_taken_seat_says_who_left_it(seating):
    seating.auto_seat()
    leave = next(p for p in seating.people if p.on_leave)
    seat = next(item for item in seating.items.values() if item.name and item.zone == "members")
    sitter, label = seat.name, seat.label
    drop(seating, leave.participation_id, seat.seat_id)
    assert seating.message.text() == f"已将 {leave.name} 安排到 {label}（已锁定），{sitter} 已移出座位。"


def test_dragging_from_the_list_seats_an_unseated_person(seating):
    empty = next(seat_id for seat_id, item in seating.items.items() if item.zone == "observer")
    row = seating.people_list.item(0)
    pid = row.data(Qt.ItemDataRole.UserRole)
    mime = seating.people_list.mimeData([row])
    seating.map.resetTransform()
    seating.map.scale(0.1, 0.1)  # zoomed far out: one screen pixel spans ten scene pixels
    seating.map.centerOn(seating.items[empty])
    event = QDropEvent(QPointF(seating.map.mapFromScene(seating.items[empty].rect().center())),
                       Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    seating.map.dropEvent(event)
    assert seating.items[empty].participation_id == pid
    assert pid not in [seating.people_list.item(i).data(Qt.ItemDataRole.UserRole)
                       for i in range(seating.people_list.count())]


def test_dropping_a_seated_person_on_the_list_unseats_them(seating):
    seating.auto_seat()
    seat_id, item = next((s, i) for s, i in seating.items.items() if i.name)
    seating.people_list.unseat_requested.emit(seat_id)
    assert not seating.items[seat_id].name
    assert seating.undo_stack.undoText() == "移出 1 个座位"


def test_drag_highlight_moves_between_two_seats_only(seating):
    first, second = list(seating.items.values())[:2]
    seating.map.show_target(first)
    seating.map.show_target(second)
    assert not first.target and second.target
    seating.map.show_target(None)
    assert not second.target


def test_undo_and_redo_the_automatic_seating_and_clearing(seating):
    seating.auto_seat()
    after_auto = seated(seating)
    seating.clear_unlocked()
    assert not seated(seating)
    assert seating.undo_button.isEnabled()
    seating.undo_stack.undo()
    assert seated(seating) == after_auto
    seating.undo_stack.undo()
    assert not seated(seating)
    assert not seating.undo_button.isEnabled() and seating.redo_button.isEnabled()
    seating.undo_stack.redo()
    assert seated(seating) == after_auto


def test_multi_select_lock_survives_reseating_and_delete_unseats(seating):
    seating.auto_seat()
    chosen = [item for item in seating.items.values() if item.zone == "observer" and item.name][:3]
    for item in chosen:
        item.setSelected(True)
    seating.lock_seats([item.seat_id for item in seating.selected_seats()], True)
    names = {item.seat_id: item.name for item in chosen}
    assert all(seating.items[seat_id].locked for seat_id in names)
    seating.auto_seat()
    assert {seat_id: seating.items[seat_id].name for seat_id in names} == names
    for seat_id in names:
        seating.items[seat_id].setSelected(True)
    seating.unseat_selected()
    assert not any(seating.items[seat_id].name for seat_id in names)


def test_colour_by_delegation_changes_tints_and_legend(seating):
    seating.auto_seat()
    # a standing-committee meeting: its members' zone is 组成人员, never the generic 组成人员/代表
    assert "组成人员" in seating.legend.text() and "组成人员/代表" not in seating.legend.text()
    members_seat = next(item for item in seating.items.values() if item.zone == "members")
    assert "区域：组成人员" in members_seat.toolTip()
    seating.colouring.setCurrentIndex(seating.colouring.findData("delegation"))
    assert "组成人员" not in seating.legend.text()
    assert "未分代表团" in seating.legend.text() or any(p.delegation in seating.legend.text() for p in seating.people)


def test_tooltip_names_the_person_and_the_seat(seating):
    seating.auto_seat()
    item = next(i for i in seating.items.values() if i.name)
    assert item.name in item.toolTip() and item.label in item.toolTip()


def test_seating_page_exports_seat_map_with_the_chosen_options(seating, tmp_path, monkeypatch):
    target = tmp_path / "座次图.pdf"
    chosen = {}

    def ask(parent, document, defaults, suffix):
        chosen.update(kind=document.kind, **defaults)
        return DocumentChoice("save", {"viewpoint": "stage", "page": "A4", "landscape": True, "tiles": None})

    monkeypatch.setattr(flow_module, "ask_document", ask)
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    seating.auto_seat()
    seating.export("seatmap")
    assert chosen == {"kind": "seatmap", "viewpoint": "audience"}
    assert target.read_bytes().startswith(b"%PDF")
    assert "已导出" in seating.message.text()


def test_printing_cards_opens_a_preview_of_the_pdf(seating, monkeypatch):
    asked = {}

    def ask(parent, document, defaults, suffix):
        asked.update(defaults)
        return DocumentChoice("print", {"family": "serif", "per_sheet": False, **defaults})

    monkeypatch.setattr(flow_module, "ask_document", ask)
    shown = []
    monkeypatch.setattr("ui.documents.printing.QPrintPreviewDialog.exec", lambda dialog: shown.append(dialog))
    seating.auto_seat()
    seating.export("cards")
    assert shown and shown[0].windowTitle() == "打印预览：席卡"
    assert asked == {"scope": "rostrum"}  # an auditorium: cards for the rostrum


def test_printing_paints_every_pdf_page(tmp_path, qapp):
    from PySide6.QtPrintSupport import QPrinter

    from rdplanner.exports.cards_pdf import write_cards_pdf
    from ui.documents.printing import PrintDocument, page_layout_for, paint_pdf

    source = write_cards_pdf(tmp_path / "cards.pdf", names=["张三", "欧阳明月"])
    document = PrintDocument(source)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(page_layout_for(document))
    assert paint_pdf(document, printer, dpi=60) == 2
    printed = PrintDocument(tmp_path / "printed.pdf")
    assert printed.page_count() == 2
    assert printed.page_points(0) == pytest.approx(document.page_points(0), abs=1)


def test_changing_the_ordering_saves_the_plan_setting(seating):
    assert not seating.fill.isEnabled()
    seating.ordering.setCurrentIndex(seating.ordering.findData("blocks"))
    seating.ordering.activated.emit(seating.ordering.currentIndex())
    assert seating.view_data.ordering == "blocks" and seating.fill.isEnabled()
    seating.fill.setCurrentIndex(seating.fill.findData("columns"))
    seating.fill.activated.emit(seating.fill.currentIndex())
    assert seating.view_data.fill == "columns"
    seating.rotate.click()
    assert seating.view_data.rotate is False and "已关闭" in seating.plan_note.text()


def test_rotation_note_names_the_previous_meeting(seating):
    seating.auto_seat()
    assert seating.view_data.rotate
    assert seating.view_data.previous_event_name in seating.plan_note.text()
    assert seating.view_data.previous_event_name


def test_switching_layout_keeps_seats_with_the_same_label(seating, window):
    from rdplanner.seating.layout_service import copy_layout

    seating.auto_seat()
    before = {item.label: item.name for item in seating.items.values() if item.name}
    window.hub.apply(copy_layout, layout_id=seating.view_data.layout_id, name="常委会会议厅（备用）")
    index = seating.layout_choice.findText("常委会会议厅（备用）")
    assert index > 0
    seating.layout_choice.setCurrentIndex(index)
    seating.layout_choice.activated.emit(index)
    assert seating.view_data.layout_id == seating.layout_choice.currentData()
    assert {item.label: item.name for item in seating.items.values() if item.name} == before
    original = seating.undo_stack.undoText()
    assert original.startswith("改用布局")
    seating.undo_stack.undo()  # back to the first layout, everyone where they were
    assert seating.layout_choice.currentIndex() == 0
    assert {item.label: item.name for item in seating.items.values() if item.name} == before
    seating.undo_stack.redo()
    assert seating.layout_choice.currentIndex() == index


def test_a_banquet_layout_draws_its_tables_and_fills_ranked_seats(seating, window):
    from PySide6.QtWidgets import QGraphicsEllipseItem

    from rdplanner.seating.layout_service import save_layout
    from rdplanner.seating.layouts import LayoutSpec
    from rdplanner.seating.service import use_layout

    hall_id = seating.layouts.hall_id
    spec = LayoutSpec("banquet", {"tables": 3, "seats_per_table": 10, "tables_per_row": 3, "main_seats": 10})
    layout_id, _ = window.hub.apply(save_layout, hall_id=hall_id, name="宴会", spec=spec)
    window.hub.apply(use_layout, seat_plan_id=seating.view_data.seat_plan_id, layout_id=layout_id)
    tables = [item for item in seating.scene.items() if isinstance(item, QGraphicsEllipseItem)]
    assert len(tables) == 4  # the main table and three others
    assert "主桌（内圈）" in seating.legend.text()
    assert seating.viewpoint.currentText() == "门口在下方"  # not 面向主席台: a banquet has no rostrum
    seating.auto_seat()
    ranks = seating.view_data.ranks
    best = min(ranks, key=ranks.get)
    assert seating.items[best].name  # the host's seat is taken


def test_exporting_the_find_your_seat_list_as_excel(seating, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    target = tmp_path / "对号入座名单.xlsx"
    monkeypatch.setattr(flow_module, "ask_document", lambda *args: DocumentChoice("save", {}, ".xlsx"))
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    seating.auto_seat()
    seating.export("seatlist")
    cells = [c.value for row in load_workbook(target).active.iter_rows() for c in row if c.value]
    name, label = next((i.name, i.label) for i in seating.items.values() if i.name)
    assert name in cells and label in cells


def test_delegation_order_dialog_moves_and_saves(seating, window, qtbot):
    from rdplanner.seating.editing import delegation_order
    from ui.seating.delegation_dialog import DelegationOrderDialog

    assert seating.delegations_button.isHidden()  # a standing committee seats by strokes
    seating.ordering.setCurrentIndex(seating.ordering.findData("delegation"))
    seating.ordering.activated.emit(seating.ordering.currentIndex())
    assert not seating.delegations_button.isHidden()
    event_id = seating.view_data.event_id
    from sqlalchemy import update

    from rdplanner.models import Participation

    with window.hub.database.session() as session:  # a standing committee has no delegations: make two
        for delegation, rank_parity in (("乙团", 0), ("甲团", 1)):
            session.execute(update(Participation).where(Participation.event_id == event_id,
                                                        Participation.id % 2 == rank_parity)
                            .values(delegation=delegation))
        session.commit()
    dialog = DelegationOrderDialog(window.hub, event_id, seating)
    qtbot.addWidget(dialog)
    before = dialog.order()
    assert sorted(before) == ["乙团", "甲团"]
    dialog.names.setCurrentRow(1)
    dialog.move_current(-1)
    assert dialog.order()[:2] == [before[1], before[0]]
    dialog.save()
    assert list(window.hub.read(delegation_order, event_id=event_id))[:2] == [before[1], before[0]]
    dialog.by_strokes()
    assert dialog.order() == before


def test_print_preview_renders_the_pdf_pages_after_the_caller_let_go(tmp_path, qtbot):
    import gc

    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from rdplanner.exports.cards_pdf import write_cards_pdf
    from ui.documents.printing import preview_pdf

    source = write_cards_pdf(tmp_path / "cards.pdf", names=["张三", "李四", "王五"])
    dialog = preview_pdf(None, source, "席卡")
    qtbot.addWidget(dialog)
    gc.collect()  # nothing but the dialog holds the printer and the document now
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert widget.pageCount() == 3
    dialog.document.close()


def test_undo_after_someone_else_changed_the_seating_is_refused_and_history_dropped(seating, window, monkeypatch,
                                                                                  qtbot):
    from rdplanner.seating.service import place

    errors = []
    monkeypatch.setattr(page_module, "show_error", lambda parent, error, *args: errors.append(str(error)))
    seating.auto_seat()
    seating.clear_unlocked()
    pid = next(p.participation_id for p in seating.people if not p.on_leave)
    seat_id = next(iter(seating.items))
    with window.hub.database.session() as session:  # another officer, on the shared server
        place(session, seat_plan_id=seating.view_data.seat_plan_id, participation_id=pid, seat_id=seat_id)
    seating.undo_stack.undo()
    assert errors and "无法撤销" in errors[0]
    qtbot.waitUntil(lambda: seating.undo_stack.count() == 0)
    assert seating.items[seat_id].participation_id == pid  # their change was kept
    assert sum(bool(i.name) for i in seating.items.values()) == 1


def test_exporting_before_seating_asks_to_seat_first(seating, tmp_path, monkeypatch):
    answers = []
    monkeypatch.setattr(page_module, "ask_yes_no", lambda parent, title, text: answers.append(title) or False)
    asked = []
    monkeypatch.setattr(flow_module, "ask_document", lambda *args: asked.append(args) or None)
    seating.export("cards")
    assert answers == ["尚未排座"] and not asked and not seated(seating)
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    seating.export("cards")
    assert seated(seating) and asked and seating.undo_stack.undoText() == "自动排座"


def test_cancelling_an_export_writes_nothing(seating, tmp_path, monkeypatch):
    from ui import tasks

    target = tmp_path / "座次图.pdf"
    failures = []
    choice = DocumentChoice("save", {"viewpoint": "audience"})
    monkeypatch.setattr(flow_module, "ask_document", lambda *args: choice)
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    monkeypatch.setattr(flow_module, "report_failure", lambda parent, error, title: failures.append(error))

    def cancelled_at_once(parent, title, work, *, done, failed):
        try:
            done(work(lambda _f: None, lambda: True))
        except BaseException as exc:
            failed(exc)

    monkeypatch.setattr(tasks, "run_task", cancelled_at_once)
    seating.auto_seat()
    seating.export("seatmap")
    assert not target.exists() and not failures and seating.message.text() == "已取消，未生成文件。"


def test_export_menu_offers_the_three_documents(seating, monkeypatch):
    kinds = []
    monkeypatch.setattr(seating, "export", kinds.append)
    actions = seating.output_button.menu().actions()
    assert [a.text() for a in actions] == ["座次图…", "席卡…", "对号入座名单…"]
    for action in actions:
        action.trigger()
    assert kinds == ["seatmap", "cards", "seatlist"]
