"""The fleet directory dialog (车辆和驾驶员), opened from the trips page's 车队… button on the demo database
(8 vehicles 浙AZ0000 … 浙AJ0007, 8 drivers, each the default driver of one vehicle), whose trips are
replaced by one known trip (浙AZ0000 with its default driver, the first afternoon): adding a vehicle,
refusing a bad plate with the reason next to the buttons, retiring, a driver's leave, and the trips page
hearing of it."""

from datetime import datetime, time

import pytest
from demo_state import default_driver, event_name, event_start, only_trip, vehicle_id

from rdplanner.transport.fleet_read import load_fleet
from ui.transport import fleet_dialog as dialog_module
from ui.transport.fleet_dialog import FleetDialog

TRIP_CAR = "浙AZ0000"


@pytest.fixture
def page(window):
    database, event_id = window.hub.database, window.editor.event_id()
    first_day = event_start(database, event_id)
    only_trip(database, event_id, TRIP_CAR, depart_at=datetime.combine(first_day, time(14)),
              return_at=datetime.combine(first_day, time(17)))
    return window.show_page("trips")


@pytest.fixture
def dialog(page, window, qtbot):
    made = FleetDialog(page, window.hub, day=event_start(window.hub.database, window.editor.event_id()))
    qtbot.addWidget(made)
    return made


def fleet(window):
    with window.hub.database.session() as session:
        return load_fleet(session)


def plates(dialog) -> list[str]:
    return [dialog.vehicles.table.item(n, 0).text() for n in range(dialog.vehicles.table.rowCount())]


def test_the_button_opens_the_directory_with_both_tabs(page, window, monkeypatch):
    opened = []
    monkeypatch.setattr(dialog_module.FleetDialog, "exec", lambda self: opened.append(self) or 0)
    page.action_open_fleet.trigger()
    shown = opened[0]
    assert [shown.tabs.tabText(n) for n in range(shown.tabs.count())] == ["车辆", "驾驶员"]
    assert shown.vehicles.table.rowCount() == 8 and shown.drivers.table.rowCount() == 8
    assert "不能撤销" in shown.hint.text()


def test_adding_a_vehicle_saves_it_and_selects_it(dialog, window):
    tab = dialog.vehicles
    tab.start_new()
    tab.plate.setText("浙b 12345")
    tab.kind.setCurrentIndex(tab.kind.findData("mpv"))
    tab.seats.setValue(7)
    tab.model.setText("别克 GL8")
    tab.hired.setChecked(True)
    tab.hire_company.setText("西湖汽车租赁公司")
    tab.day_rate.setText("850")
    tab.save_button.click()
    added = next(v for v in fleet(window).vehicles if v.plate == "浙B12345")
    assert (added.kind, added.seats, added.model) == ("mpv", 7, "别克 GL8")
    assert (added.hired, added.hire_company, added.day_rate_fen) == (True, "西湖汽车租赁公司", 85000)
    assert "浙B·12345" in plates(dialog)
    assert tab.form_title.text() == "编辑车辆 浙B·12345"
    assert tab.error.text() == ""


def test_a_bad_plate_is_refused_with_the_reason_next_to_the_buttons(dialog, window):
    tab = dialog.vehicles
    tab.start_new()
    tab.plate.setText("浙12345")
    tab.save_button.click()
    assert tab.error.text() == "车牌号“浙12345”格式不对：第二位应为发牌机关的字母，如“A”。"
    assert len(fleet(window).vehicles) == 8
    assert tab.plate.text() == "浙12345"  # the entry stays to be corrected


def test_a_hired_car_without_its_rate_is_refused(dialog, window):
    tab = dialog.vehicles
    tab.start_new()
    tab.plate.setText("浙A88888")
    tab.hired.setChecked(True)
    tab.hire_company.setText("西湖汽车租赁公司")
    tab.save_button.click()
    assert tab.error.text() == "租用车辆请填写日租金（元）。"


def test_retiring_a_vehicle_greys_it_and_offers_to_restore_it(dialog, window):
    tab = dialog.vehicles
    car = vehicle_id(window.hub.database, "浙AJ0006")
    assert tab.select_id(car)
    tab.retire_button.click()
    assert next(v for v in fleet(window).vehicles if v.id == car).active is False
    row = next(n for n in range(tab.table.rowCount()) if tab.table.item(n, 0).text() == "浙A·J0006")
    assert tab.table.item(row, 7).text() == "已停用"
    assert tab.retire_button.text() == "恢复启用"


def test_a_vehicle_on_a_trip_cannot_be_removed(dialog, window, monkeypatch):
    from ui.transport import vehicle_tab

    monkeypatch.setattr(vehicle_tab, "ask_yes_no", lambda *args: True)
    tab = dialog.vehicles
    assert tab.select_id(vehicle_id(window.hub.database, TRIP_CAR))  # on the one known trip
    tab.remove_button.click()
    day = event_start(window.hub.database, window.editor.event_id())
    name = event_name(window.hub.database, window.editor.event_id())
    assert tab.error.text() == (f"车辆“浙A·Z0000”已安排在1 趟行程（{name} "
                                f"{day.year}年{day.month}月{day.day}日 14:00 接送参会人员）中，不能删除；"
                                "不再使用的车辆请“停用”，行程记录会保留。")
    assert len(fleet(window).vehicles) == 8


def test_retiring_a_default_driver_is_refused_naming_the_car(dialog, window):
    tab = dialog.drivers
    dialog.tabs.setCurrentWidget(tab)
    driver = default_driver(window.hub.database, "浙AZ0000")
    assert tab.select_id(driver.id)
    tab.retire_button.click()
    assert tab.error.text() == (f"驾驶员“{driver.name}”是车辆 浙A·Z0000的默认驾驶员，不能停用；"
                                "请先为这些车辆更换默认驾驶员。")
    assert next(d for d in fleet(window).drivers if d.id == driver.id).active is True


def test_a_drivers_leave_is_listed_and_marks_them_in_the_trip_form(dialog, window, page, monkeypatch):
    tab = dialog.drivers
    away = fleet(window).drivers[0]  # listed first, so only the leave can put them last
    day = event_start(window.hub.database, window.editor.event_id())
    assert tab.select_id(away.id)
    tab.away_from.setDateTime(datetime.combine(day, time(8)))
    tab.away_to.setDateTime(datetime.combine(day, time(18)))
    tab.away_reason.setText("年休假")
    tab.add_absence_button.click()
    assert tab.absences.item(0).text() == f"{day.month}月{day.day}日 08:00—18:00　年休假"
    from ui.transport.trip_dialog import TripDialog

    seen = {}

    def look(trip_dialog):
        texts = [trip_dialog.driver.itemText(n) for n in range(trip_dialog.driver.count())]
        seen["texts"] = texts
        return 0

    monkeypatch.setattr(TripDialog, "exec", look)
    page.action_add_trip.trigger()  # a new trip defaults to 08:00—11:30 on the first day: no one else is busy
    assert seen["texts"][-1] == f"{away.name}　{away.licence_class}　不能出车"
    assert not any("不能出车" in text or "已有任务" in text for text in seen["texts"][:-1])
    tab.absences.setCurrentRow(0)
    tab.remove_absence_button.click()
    assert fleet(window).absences == ()


def test_a_new_vehicle_appears_in_the_trip_form(dialog, window, page, monkeypatch):
    tab = dialog.vehicles
    tab.start_new()
    tab.plate.setText("浙A54321")
    tab.save_button.click()
    from ui.transport.trip_dialog import TripDialog

    seen = {}
    monkeypatch.setattr(TripDialog, "exec", lambda d: seen.update(
        texts=[d.vehicle.itemText(n) for n in range(d.vehicle.count())]) or 0)
    page.action_add_trip.trigger()
    assert "浙A·54321　轿车 5座" in seen["texts"]


def test_enter_in_the_form_saves_the_vehicle(dialog, window):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    dialog.show()
    tab = dialog.vehicles
    tab.start_new()
    tab.plate.setText("浙A66666")
    QTest.keyClick(tab.plate, Qt.Key.Key_Return)
    assert "浙A66666" in [v.plate for v in fleet(window).vehicles]
    assert dialog.isVisible()


def test_the_dialog_fits_a_laptop(page, window, monkeypatch, qtbot):
    from PySide6.QtCore import QRect

    from ui import dialogs
    from ui.dialogs import fits_on_screen

    monkeypatch.setattr(dialogs, "available_rect", lambda widget: QRect(0, 0, 1366, 728))
    made = FleetDialog(page, window.hub)
    qtbot.addWidget(made)
    assert (made.width(), made.height()) == (960, 640)
    assert fits_on_screen(made)
    assert made.minimumSizeHint().height() <= 640
