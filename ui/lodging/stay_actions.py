"""The lodging page's actions on stays, each one undoable step through ``page.undoable``: lodging a
person dropped on a room or chosen for one, moving a stay by drag or to a room chosen from its menu,
swapping two, locking and unlocking, changing nights and removing. ``page`` is the LodgingPage."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from rdplanner.lodging import stays as svc
from rdplanner.lodging.nights import default_nights
from ui.dialogs import ask_yes_no
from ui.lodging.stay_dialogs import NightsDialog, RoomChoiceDialog, free_rooms


def dropped(page, kind: str, dragged: int, target_kind: str, target: int) -> None:
    if kind == "participation":
        room = target if target_kind == "room" else page.stay_of(target).room_id
        name = page.view.guest(dragged).name
        page.undoable(page.tr("安排%1入住").replace("%1", name), svc.add_stay, event_id=page.event_id,
                      participation_id=dragged, room_id=room)
        return
    stay = page.stay_of(dragged)
    if stay is None:
        return
    if target_kind == "stay" and target != dragged:
        other = page.stay_of(target)
        if other is not None and other.room_id != stay.room_id:
            page.undoable(page.tr("互换%1和%2的房间").replace("%1", page.name_of(stay)).replace("%2", page.name_of(other)),
                          svc.swap_stays, first_id=stay.id, second_id=other.id)
            return
    room = target if target_kind == "room" else page.stay_of(target).room_id
    if room != stay.room_id:
        page.undoable(page.tr("%1换到%2").replace("%1", page.name_of(stay)).replace("%2", page.view.room_label(room)),
                      svc.move_stay, stay_id=stay.id, room_id=room)
    page.tree.select("stay", [stay.id])


def tree_menu(page, point) -> None:
    item = page.tree.itemAt(point)
    if item is None:
        return
    menu = QMenu(page)
    kind = item.data(0, Qt.ItemDataRole.UserRole)[0]
    if kind == "stay":
        for made in (page.action_move, page.action_swap, page.action_nights, page.action_lock, page.action_unlock,
                     page.action_remove):
            menu.addAction(made)
    elif kind == "room":
        page.tree.select("room", [item.data(0, Qt.ItemDataRole.UserRole)[1]])
        page.update_lodge_action()
        menu.addAction(page.action_lodge)
    menu.exec(page.tree.viewport().mapToGlobal(point))


def move_stay(page) -> None:
    ids = page.tree.selected("stay")
    stay = page.stay_of(ids[0]) if len(ids) == 1 else None
    if stay is None:
        return
    hotel = page.view.hotel_of_room(stay.room_id).id
    rooms = [r for r in free_rooms(page.view, stay.check_in, stay.check_out, None, leaving=stay.id)
             if r[0] != stay.room_id]
    rooms.sort(key=lambda r: page.view.room(r[0]).hotel_id != hotel)
    room = RoomChoiceDialog.ask(page, page.tr("移到房间"), page.tr("把%1移到：").replace("%1", page.name_of(stay)), rooms)
    if room is not None:
        page.undoable(page.tr("%1换到%2").replace("%1", page.name_of(stay)).replace("%2", page.view.room_label(room)),
                      svc.move_stay, stay_id=stay.id, room_id=room)


def swap_stays(page) -> None:
    ids = page.tree.selected("stay")
    if len(ids) == 2:
        first, second = page.stay_of(ids[0]), page.stay_of(ids[1])
        page.undoable(page.tr("互换%1和%2的房间").replace("%1", page.name_of(first)).replace("%2", page.name_of(second)),
                      svc.swap_stays, first_id=first.id, second_id=second.id)


def lock_stays(page, locked: bool) -> None:
    ids = page.tree.selected("stay")
    if ids:
        text = page.tr("锁定住宿（%1 条）") if locked else page.tr("解锁住宿（%1 条）")
        page.undoable(text.replace("%1", str(len(ids))), svc.set_locked, stay_ids=ids, locked=locked)
        page.tree.select("stay", ids)


def edit_nights(page) -> None:
    ids = page.tree.selected("stay")
    stay = page.stay_of(ids[0]) if len(ids) == 1 else None
    if stay is None:
        return
    values = NightsDialog.ask(page, page.name_of(stay), stay.check_in, stay.check_out, stay.notes)
    if values is not None:
        page.undoable(page.tr("修改%1的住宿日期").replace("%1", page.name_of(stay)), svc.update_stay, stay_id=stay.id,
                      expected_version=stay.version, **values)


def remove_stays(page) -> None:
    ids = page.tree.selected("stay")
    if not ids:
        return
    names = "、".join(page.name_of(page.stay_of(i)) for i in ids[:5]) + ("等" if len(ids) > 5 else "")
    if ask_yes_no(page, page.tr("取消住宿"), page.tr("取消%1的住宿安排？可撤销。").replace("%1", names)):
        page.undoable(page.tr("取消住宿（%1 条）").replace("%1", str(len(ids))), svc.remove_stays, stay_ids=ids)


def lodge_person(page) -> None:
    person = page.unlodged.current_person()
    if person is None or page.view is None:
        return
    guest = page.view.guest(person)
    check_in, check_out = default_nights(guest.arrival_date, guest.departure_date, page.view.start_date,
                                         page.view.end_date)
    rooms = free_rooms(page.view, check_in, check_out, page.hotel.currentData())
    chosen = page.tree.selected("room")
    if chosen and chosen[0] in {r[0] for r in rooms}:
        rooms.sort(key=lambda r: r[0] != chosen[0])
    room = RoomChoiceDialog.ask(page, page.tr("安排房间"), page.tr("为%1安排：").replace("%1", guest.name), rooms)
    if room is not None:
        page.undoable(page.tr("安排%1入住").replace("%1", guest.name), svc.add_stay, event_id=page.event_id,
                      participation_id=person, room_id=room)
