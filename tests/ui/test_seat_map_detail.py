"""The seat map's level of detail: seat texts are drawn only at a zoom where they can be read, and what
is drawn is always what is saved (an empty seat looks empty from the first paint on)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from rdplanner.seating.service import load_seating
from ui.seating import seat_map_page as page_module
from ui.seating.scene import DETAIL_SCALE, EMPTY_COLOUR


@pytest.fixture
def seating(window, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    return window.seating


def zoom_to(page, scale: float) -> None:
    page.map.zoom(scale / page.map.transform().m11())


def saved_names(page) -> dict[int, str]:
    data = page._hub.read(load_seating, seat_plan_id=page._plan_id)
    return {a.seat_id: a.name for a in data.assignments}


def test_seat_texts_are_not_drawn_at_a_far_zoom(seating):
    seating.auto_seat()
    zoom_to(seating, DETAIL_SCALE / 2)
    assert not seating.map.detailed
    assert all(item.texts() is None for item in seating.items.values())
    assert all(not child.isVisible() for item in seating.items.values() for child in item.childItems())


def test_seat_texts_drawn_when_zoomed_in_are_the_saved_names_and_labels(seating):
    zoom_to(seating, DETAIL_SCALE / 2)
    seating.auto_seat()  # seated while no text is drawn
    zoom_to(seating, DETAIL_SCALE * 2)
    assert seating.map.detailed
    names = saved_names(seating)
    assert len(names) > 70
    for seat_id, item in seating.items.items():
        assert item.texts() == (names.get(seat_id, ""), item.label)


def test_a_swap_made_while_zoomed_out_shows_when_zoomed_back_in(seating):
    seating.auto_seat()
    zoom_to(seating, DETAIL_SCALE * 2)  # the texts exist, then are hidden
    zoom_to(seating, DETAIL_SCALE / 2)
    members = [item for item in seating.items.values() if item.zone == "members" and item.name]
    a, b = members[0], members[3]
    a_name, b_name = a.name, b.name
    seating.place_person(a.participation_id, b.seat_id)
    zoom_to(seating, DETAIL_SCALE * 2)
    names = saved_names(seating)
    assert b.texts()[0] == names[b.seat_id] == a_name
    assert a.texts()[0] == names[a.seat_id] == b_name


def test_an_empty_seat_is_drawn_dashed_and_white_from_the_first_paint(seating):
    empty = next(item for item in seating.items.values() if not item.name)
    assert empty.pen().style() == Qt.PenStyle.DashLine
    assert empty.brush().color() == QColor(EMPTY_COLOUR)
    assert "空座" in empty.toolTip()


def test_a_swap_repaints_only_the_two_seats_and_the_map_matches_the_database(seating, monkeypatch):
    from ui.seating.scene import SeatItem

    seating.auto_seat()
    members = [item for item in seating.items.values() if item.zone == "members" and item.name]
    a, b = members[0], members[4]
    touched = []
    show = SeatItem.show_occupant

    def counted(item, *args, **kwargs):
        touched.append(item.seat_id)
        return show(item, *args, **kwargs)

    monkeypatch.setattr(SeatItem, "show_occupant", counted)
    seating.place_person(a.participation_id, b.seat_id)  # the problems check runs inline here
    assert sorted(touched) == sorted([a.seat_id, b.seat_id])
    names = saved_names(seating)
    assert {seat_id: item.name for seat_id, item in seating.items.items() if item.name} == names


def test_switching_the_colouring_repaints_every_seat(seating):
    seating.auto_seat()
    seating.colouring.setCurrentIndex(seating.colouring.findData("delegation"))
    tints = {item.brush().color().name() for item in seating.items.values() if item.name}
    seating.colouring.setCurrentIndex(seating.colouring.findData("zone"))
    zone_tints = {item.brush().color().name() for item in seating.items.values() if item.name}
    assert tints != zone_tints and len(zone_tints) <= 6


def test_a_problems_check_overtaken_by_an_action_while_reading_is_dropped(seating, monkeypatch):
    from rdplanner.seating import service
    from ui import tasks

    seating.auto_seat()
    works = []
    monkeypatch.setattr(tasks, "run_task", lambda parent, title, work, *, done, failed: works.append(
        (work, done)))
    monkeypatch.setattr(page_module, "CHECK_DELAY_S", 0)
    members = [item for item in seating.items.values() if item.zone == "members" and item.name]
    seating.place_person(members[0].participation_id, members[2].seat_id)
    (work, done), = works
    roster = service._roster

    def action_meanwhile(*args, **kwargs):
        result = roster(*args, **kwargs)
        seating.place_person(members[1].participation_id, members[3].seat_id)  # a second drop, meanwhile
        return result

    monkeypatch.setattr(service, "_roster", action_meanwhile)
    assert work(lambda _f: None, lambda: False) is None  # stopped after the roster, not shown
    monkeypatch.setattr(service, "_roster", roster)
    second_work, second_done = works[1]
    second_done(second_work(lambda _f: None, lambda: False))
    shown = {seat_id: item.name for seat_id, item in seating.items.items() if item.name}
    assert shown == saved_names(seating)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform's tooltip window
def test_hovering_a_seat_shows_its_tooltip(seating, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    seating.auto_seat()
    item = next(i for i in seating.items.values() if i.name)
    seating.map.resetTransform()
    seating.map.centerOn(item)
    point = seating.map.mapFromScene(item.rect().center())
    viewport = seating.map.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == item.toolTip()
    assert item.name in QToolTip.text() and f"座位：{item.label}" in QToolTip.text()
    QToolTip.hideText()


@pytest.mark.parametrize("viewpoint", ["audience", "stage"])
def test_the_scene_rect_is_the_drawn_hall_with_its_margin(seating, viewpoint):
    from ui.seating.hall_drawing import FIT_MARGIN

    seating.viewpoint.setCurrentIndex(seating.viewpoint.findData(viewpoint))
    drawn = seating.scene.itemsBoundingRect().adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
    rect = seating.scene.sceneRect()
    for ours, qts in zip(rect.getCoords(), drawn.getCoords(), strict=True):
        assert ours == pytest.approx(qts, abs=1e-6)


def test_the_scene_rect_of_a_banquet_covers_its_tables_and_their_names(seating, window):
    from rdplanner.seating.layout_service import save_layout
    from rdplanner.seating.layouts import LayoutSpec
    from rdplanner.seating.service import use_layout
    from ui.seating.hall_drawing import FIT_MARGIN

    spec = LayoutSpec("banquet", {"tables": 3, "seats_per_table": 10, "tables_per_row": 3, "main_seats": 10})
    layout_id, _ = window.hub.apply(save_layout, hall_id=seating.layouts.hall_id, name="宴会", spec=spec)
    window.hub.apply(use_layout, seat_plan_id=seating.view_data.seat_plan_id, layout_id=layout_id)
    drawn = seating.scene.itemsBoundingRect().adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
    for ours, qts in zip(seating.scene.sceneRect().getCoords(), drawn.getCoords(), strict=True):
        assert ours == pytest.approx(qts, abs=1e-6)
