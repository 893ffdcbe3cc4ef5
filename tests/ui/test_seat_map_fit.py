"""The seat map opens fitted to the view and stays fitted (resize, automatic seating, rebuilt scene)
until the user zooms; 适合窗口 returns to fit mode."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from ui.seating import seat_map_page as page_module


@pytest.fixture
def seating(window, monkeypatch, qtbot):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    window.resize(1366, 740)
    window.show_page("seating")
    qtbot.waitUntil(lambda: window.seating.map.viewport().width() > 400)
    return window.seating


def visible(page):
    return page.map.mapToScene(page.map.viewport().rect()).boundingRect()


def assert_fitted(page):
    hall, shown = page.scene.itemsBoundingRect(), visible(page)
    assert shown.contains(hall), (shown, hall)
    # Fitted, not a thumbnail: the hall spans (almost) the whole view in one direction.
    assert max(hall.width() / shown.width(), hall.height() / shown.height()) > 0.85


def wheel(view, up=True):
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(centre, QPointF(view.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 if up else -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(event)


def test_seat_map_opens_fitted_to_the_view(seating):
    assert_fitted(seating)


def test_seat_map_stays_fitted_when_the_window_is_resized(seating, qtbot):
    seating.window().resize(1300, 560)
    qtbot.waitUntil(lambda: seating.map.viewport().height() < 400)
    assert_fitted(seating)
    seating.window().resize(1440, 860)
    qtbot.waitUntil(lambda: seating.map.viewport().height() > 600)
    assert_fitted(seating)


def test_seat_map_stays_fitted_after_automatic_seating_and_a_new_viewpoint(seating):
    seating.auto_seat()
    assert_fitted(seating)
    seating.viewpoint.setCurrentIndex(seating.viewpoint.findData("stage"))
    assert_fitted(seating)


def test_a_wheel_zoom_leaves_fit_mode_and_fit_returns_to_it(seating, qtbot):
    wheel(seating.map)
    assert not seating.map.fit_mode
    seating.window().resize(1300, 560)
    qtbot.waitUntil(lambda: seating.map.viewport().height() < 400)
    assert not visible(seating).contains(seating.scene.itemsBoundingRect())
    seating.fit_button.click()
    assert seating.map.fit_mode
    assert_fitted(seating)


def test_reloading_the_same_event_keeps_the_zoom_and_another_event_is_fitted(seating, window):
    from sqlalchemy import select

    from rdplanner.models import Event

    with window.hub.database.session() as session:
        other = next(i for i in session.scalars(select(Event.id)) if i != seating._event_id)
    wheel(seating.map)
    seating.load(seating._event_id)
    assert not seating.map.fit_mode
    seating.load(other)
    assert seating.map.fit_mode
    assert_fitted(seating)
