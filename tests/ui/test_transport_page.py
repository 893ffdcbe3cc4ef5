"""The trips page (车辆行程, issue 10) on the demo's standing-committee meeting (two days from DAY), its
planned trips replaced by one known trip (浙AZ0000 at 07:40 with 驾驶员01号, 7 riders, 已批准): the tree by day, a trip made for a programme item through the
dialog, passengers seated in protocol order with a seat placed by hand, the next status and its undo with
Ctrl+Z, a double-booked car listed and selecting its trip, a trip added elsewhere appearing."""

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QPushButton

from rdplanner.problems import ItemRef
from rdplanner.transport.trips import assign, create_trip
from rdplanner.transport.trips_read import load_event_trips
from ui.transport import trip_actions
from ui.transport.trip_dialog import NONE, TripDialog
from ui.transport.trips_model import FLAGGED, TRIP_ID

DAY = datetime.combine(date.today() + timedelta(days=14), time())  # the demo meeting's first day
NEXT = DAY + timedelta(days=1)
WEEKDAYS = "一二三四五六日"


def md(day: datetime) -> str:
    """"12月18日" of a day."""
    return f"{day.month}月{day.day}日"


def heading(day: datetime) -> str:
    """"12月18日（星期五）" of a day."""
    return f"{md(day)}（星期{WEEKDAYS[day.weekday()]}）"


def one_known_trip(database, event_id: int) -> None:
    """The event's trips replaced by the one trip these tests describe."""
    from sqlalchemy import delete, select

    from rdplanner.models import Driver, Participation, Trip, TripPassenger, Vehicle

    with database.session() as session:
        session.execute(delete(Trip).where(Trip.event_id == event_id))
        driver = Driver(name="驾驶员01号", phone="13900000000", unit="市机关事务管理局车队", licence_class="B1")
        session.add(driver)
        session.flush()
        car = session.scalar(select(Vehicle.id).where(Vehicle.plate == "浙AZ0000"))
        trip = Trip(event_id=event_id, vehicle_id=car, driver_id=driver.id, purpose="接送参会人员",
                    origin="驻地宾馆", destination="会场", depart_at=DAY.replace(hour=7, minute=40), status="approved",
                    requested_by="车辆组", approved_by="办公室主任")
        session.add(trip)
        session.flush()
        riders = session.scalars(select(Participation.id).where(Participation.event_id == event_id)
                                 .order_by(Participation.id).limit(7)).all()
        session.add_all(TripPassenger(trip_id=trip.id, participation_id=p) for p in riders)
        session.commit()


@pytest.fixture
def page(window):
    one_known_trip(window.hub.database, window.editor.event_id())
    return window.show_page("trips")


def saved(window):
    with window.hub.database.session() as session:
        return load_event_trips(session, window.editor.event_id())


def shown(page, column=1) -> list[str]:
    model, texts = page.model, []
    for day in range(model.rowCount()):
        head = model.index(day, 0)
        texts += [model.index(row, column, head).data() for row in range(model.rowCount(head))]
    return texts


def answer_dialog(monkeypatch, fill, seen=None):
    """The trip dialog, filled in by ``fill(dialog)`` and saved through its own submit."""
    def run(dialog):
        fill(dialog)
        dialog.accept()
        if seen is not None:
            seen["error"] = dialog.error.text()
            seen["seats"] = dialog.passengers.seat_labels()
        return dialog.result()

    monkeypatch.setattr(TripDialog, "exec", run)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def select(page, trip_id: int) -> None:
    assert page.select_item(ItemRef("transport", "trip", trip_id))


def test_the_page_shows_the_trips_under_their_day(page, window):
    assert window.editor.event_id() == 2
    assert page.model.index(0, 0).data() == f"{heading(DAY)}　第 1 天　1 趟"
    assert page.model.index(1, 0).data() == f"{heading(NEXT)}　第 2 天"
    first = page.model.index(0, 0)
    row = [page.model.index(0, column, first).data() for column in range(7)]
    assert row == ["07:40 出发", "接送参会人员", "驻地宾馆 → 会场", "浙A·Z0000 中巴", "驾驶员01号", "7/18",
                   "已批准"]


def test_a_trip_for_a_programme_item_takes_its_time_and_place_and_ctrl_z_removes_it(page, window,
                                                                                      monkeypatch):
    def fill(dialog):
        choose(dialog.item, 2)  # the first day's 09:00—11:30 第一次全体会议, in the 常委会会议厅
        dialog.item.activated.emit(dialog.item.currentIndex())
        dialog.origin.setText("市民中心")

    answer_dialog(monkeypatch, fill)
    page.action_add_trip.trigger()
    made = [t for t in saved(window) if t.sitting_id == 2]
    assert len(made) == 1
    trip = made[0]
    assert (trip.purpose, trip.kind, trip.origin, trip.destination) == (
        "第一次全体会议", "meeting", "市民中心", "市人大常委会机关 常委会会议厅")
    assert (trip.depart_at, trip.return_at) == (DAY.replace(hour=9), DAY.replace(hour=11, minute=30))
    assert page.current_trip().id == trip.id
    assert window.action_undo.text() == "撤销 新建行程"
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.id for t in saved(window)] == [1]
    assert "第一次全体会议" not in shown(page)


def test_passengers_are_seated_in_protocol_order_and_a_seat_can_be_placed_by_hand(page, window, monkeypatch):
    seen = {}

    def fill(dialog):
        dialog.purpose.setText("主任会议用车")
        choose(dialog.vehicle, 7)  # 浙AJ0006, a 5-seat sedan
        choose(dialog.driver, 7)
        people = {p.name: p.participation_id for p in dialog._choices.people}
        dialog.passengers.set_riders([people["夏怡"], people["邹成琳"], people["冯俊民"]])
        assert dialog.passengers.seat_labels() == {"邹成琳": "后排右", "冯俊民": "后排左", "夏怡": "副驾驶"}
        dialog.passengers.set_override(people["夏怡"], 1)

    answer_dialog(monkeypatch, fill, seen)
    page.action_add_trip.trigger()
    assert seen["seats"] == {"夏怡": "后排右", "邹成琳": "后排左", "冯俊民": "副驾驶"}
    trip = next(t for t in saved(window) if t.purpose == "主任会议用车")
    assert [(p.name, p.seat_label) for p in trip.passengers] == [
        ("夏怡", "后排右"), ("邹成琳", "后排左"), ("冯俊民", "副驾驶")]
    shown_seats = [page.detail_list.item(n).text() for n in range(3)]
    assert shown_seats == ["后排右　夏怡", "后排左　邹成琳", "副驾驶　冯俊民"]


def test_the_seat_placed_by_hand_is_kept_when_the_trip_is_opened_again(page, window, monkeypatch):
    def fill(dialog):
        dialog.purpose.setText("主任会议用车")
        choose(dialog.vehicle, 7)
        people = {p.name: p.participation_id for p in dialog._choices.people}
        riders = [people["夏怡"], people["邹成琳"], people["冯俊民"]]
        dialog.passengers.set_riders(riders, {people["夏怡"]: 1})

    answer_dialog(monkeypatch, fill)
    page.action_add_trip.trigger()
    seen = {}
    answer_dialog(monkeypatch, lambda dialog: dialog.passengers.set_override(
        next(p.participation_id for p in dialog._choices.people if p.name == "邹成琳"), None), seen)
    page.action_edit_trip.trigger()
    assert seen["seats"] == {"夏怡": "后排右", "邹成琳": "后排左", "冯俊民": "副驾驶"}


def test_a_refused_trip_keeps_the_dialog_open_with_the_reason(page, window, monkeypatch):
    seen = {}

    def fill(dialog):
        dialog.depart.setDateTime(DAY.replace(hour=15))
        dialog.returns.setDateTime(DAY.replace(hour=14))

    def run(dialog):
        fill(dialog)
        dialog.accept()
        seen["error"] = dialog.error.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(TripDialog, "exec", run)
    page.action_add_trip.trigger()
    assert seen["error"] == f"返回时间（{md(DAY)} 14:00）须晚于出发时间（{md(DAY)} 15:00）。"
    assert len(saved(window)) == 1
    assert window.action_undo.isEnabled() is False


def test_the_next_step_dispatches_the_trip_and_ctrl_z_takes_it_back(page, window):
    select(page, 1)
    assert page.action_advance_trip.text() == "下一步：已派车"
    page.action_advance_trip.trigger()
    assert saved(window)[0].status == "dispatched"
    assert page.model.index(0, 6, page.model.index(0, 0)).data() == "已派车"
    assert page.action_advance_trip.text() == "下一步：已回场"
    assert window.action_undo.text() == "撤销 行程“接送参会人员”改为已派车"
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved(window)[0].status == "approved"
    assert page.model.index(0, 6, page.model.index(0, 0)).data() == "已批准"


def test_a_double_booked_car_is_listed_in_red_and_choosing_it_selects_the_first_trip(page, window):
    event_id = window.editor.event_id()
    made = window.hub.apply(create_trip, event_id=event_id, purpose="补充接站", depart_at=DAY.replace(hour=8),
                            return_at=DAY.replace(hour=9)).value
    window.hub.apply(assign, trip_id=made, vehicle_id=1, driver_id=2)
    entry = next(page.problem_list.item(n) for n in range(page.problem_list.count())
                 if "同时安排了两趟行程" in page.problem_list.item(n).text())
    assert entry.text() == ("⚠ 车辆浙A·Z0000同时安排了两趟行程：“接送参会人员”"
                            f"（{md(DAY)} 07:40 出发，未填返回时间，按 1 小时计）"
                            f"与“补充接站”（{md(DAY)} 08:00—09:00），时间重叠。")
    day = page.model.index(0, 0)
    rows = {page.model.index(r, 0, day).data(TRIP_ID): r for r in range(page.model.rowCount(day))}
    flagged = page.model.itemFromIndex(page.model.index(rows[made], 1, day))
    assert flagged.text() == "⚠ 补充接站" and flagged.foreground().color() == FLAGGED
    assert "同时安排了两趟行程" in flagged.toolTip()
    select(page, made)
    page._problem_chosen(entry)
    assert page.current_trip().id == 1


def test_a_trip_added_elsewhere_appears(page, window):
    window.hub.apply(create_trip, event_id=window.editor.event_id(), purpose="晚间送站",
                     depart_at=NEXT.replace(hour=19))
    second_day = page.model.index(1, 0)
    assert second_day.data() == f"{heading(NEXT)}　第 2 天　1 趟"
    assert page.model.index(0, 1, second_day).data() == "晚间送站"
    assert page.model.index(0, 3, second_day).data() == "未派车"


def test_the_way_back_swaps_the_places_and_leaves_at_the_return_time(page, window):
    made = window.hub.apply(create_trip, event_id=window.editor.event_id(), purpose="视察", origin="机关",
                            destination="滨江区", depart_at=DAY.replace(hour=14),
                            return_at=DAY.replace(hour=17)).value
    select(page, made)
    page.action_return_trip.trigger()
    back = next(t for t in saved(window) if t.purpose == "视察（返程）")
    assert (back.origin, back.destination) == ("滨江区", "机关")
    assert (back.depart_at, back.return_at) == (DAY.replace(hour=17), None)
    assert page.current_trip().id == back.id
    assert page.action_return_trip.isEnabled() is False  # the way back has no return time


def test_copying_to_another_day_puts_the_trip_on_that_day(page, window, monkeypatch):
    monkeypatch.setattr(trip_actions.DaysDialog, "ask", lambda *args, **kwargs: [NEXT.date()])
    select(page, 1)
    page.action_copy_trip.trigger()
    copies = [t for t in saved(window) if t.id != 1]
    assert [(t.depart_at, t.status, t.plate, len(t.passengers)) for t in copies] == [
        (NEXT.replace(hour=7, minute=40), "requested", "浙AZ0000", 7)]
    assert window.action_undo.text() == "撤销 复制行程“接送参会人员”到 1 天"


def test_a_car_already_out_is_offered_last_and_marked(page, window, monkeypatch):
    seen = {}

    def look(dialog):
        dialog.depart.setDateTime(DAY.replace(hour=8))
        dialog._refresh_fleet()
        texts = [dialog.vehicle.itemText(n) for n in range(dialog.vehicle.count())]
        seen["last"] = texts[-1]
        seen["tip"] = dialog.vehicle.itemData(dialog.vehicle.count() - 1, Qt.ItemDataRole.ToolTipRole)
        seen["first"] = texts[:2]
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(TripDialog, "exec", look)
    page.action_add_trip.trigger()
    assert seen["first"] == ["（暂不派车）", "浙A·J0006　轿车 5座"]
    assert seen["last"] == "浙A·Z0000　中巴 19座　已有任务"
    assert seen["tip"] == f"已有任务：“接送参会人员”（{md(DAY)} 07:40 出发（未填返回时间））"


def test_deleting_asks_and_is_undone(page, window, monkeypatch):
    monkeypatch.setattr(trip_actions, "ask_yes_no", lambda *args: True)
    select(page, 1)
    page.action_remove_trip.trigger()
    assert saved(window) == ()
    window.action_undo.trigger()
    assert [len(t.passengers) for t in saved(window)] == [7]


def test_no_programme_item_leaves_the_trip_unattached(page, window, monkeypatch):
    answer_dialog(monkeypatch, lambda dialog: (choose(dialog.item, NONE), dialog.purpose.setText("机动用车")))
    page.action_add_trip.trigger()
    assert next(t for t in saved(window) if t.purpose == "机动用车").sitting_id is None


def test_auto_planning_shows_the_proposal_saves_it_as_one_step_and_ctrl_z_takes_it_back(page, window,
                                                                                       monkeypatch):
    from ui.transport.plan_dialog import PlanDialog

    before = {t.id for t in saved(window)}
    seen = {}

    def run(dialog):
        choose(dialog.item, next(i.id for i in items_of(window) if i.name == "第二次全体会议（表决）"))
        dialog.propose()  # on the worker in the app; inline in UI tests
        seen["rows"] = dialog.table.rowCount()
        seen["rules"] = dialog.rules.text()
        seen["riders"] = [dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())]
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PlanDialog, "exec", run)
    assert "自动安排…" in [b.text() for b in page.findChildren(QPushButton)]
    page.action_plan.trigger()
    made = [t for t in saved(window) if t.id not in before]
    assert seen["rows"] == len(made) > 0 and seen["rules"].startswith("规则：")
    assert all(t.sitting_name == "第二次全体会议（表决）" and t.status == "requested" for t in made)
    assert sum(len(t.passengers) for t in made) == sum(r.count("、") + 1 for r in seen["riders"])
    assert window.action_undo.text() == f"撤销 自动安排车辆（{len(made)} 辆）"
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {t.id for t in saved(window)} == before


@pytest.mark.real_threads
def test_the_proposal_is_made_on_the_real_worker_thread(page, window, qtbot):
    from ui.transport.plan_dialog import PlanDialog

    items = items_of(window)
    dialog = PlanDialog(page, window.hub, event_id=window.editor.event_id(), items=items,
                        item_id=next(i.id for i in items if i.name == "第一次全体会议"))
    qtbot.addWidget(dialog)
    dialog.propose()
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=10000)
    assert dialog.save.isEnabled() == bool(dialog.proposal.trips)
    assert dialog.summary.text().startswith("“")
    dialog.leaders.setValue(3)  # a changed setting: the proposal shown can no longer be saved
    assert dialog.proposal is None and not dialog.save.isEnabled()


def items_of(window):
    from rdplanner.programme.read import load_programme

    with window.hub.database.session() as session:
        return load_programme(session, window.editor.event_id()).items


def test_a_fleet_edit_elsewhere_shows_on_the_trips(page, window):
    from rdplanner.transport.fleet import update_vehicle
    from rdplanner.transport.fleet_rules import VehicleDraft

    vehicle = next(v for v in fleet_of(window).vehicles if v.id == 1)
    window.hub.apply(update_vehicle, vehicle_id=1, expected_version=vehicle.version, vehicle=VehicleDraft(
        plate="浙A99999", kind=vehicle.kind, seats=vehicle.seats, model=vehicle.model, unit=vehicle.unit,
        default_driver_id=vehicle.default_driver_id))
    assert page.model.index(0, 3, page.model.index(0, 0)).data() == "浙A·99999 中巴"


def test_the_trips_model_keeps_qt_s_rules(page, qtmodeltester):
    qtmodeltester.check(page.model)


def fleet_of(window):
    from rdplanner.transport.fleet_read import load_fleet

    with window.hub.database.session() as session:
        return load_fleet(session)


def test_the_page_and_the_trip_dialog_fit_a_laptop(page, window, monkeypatch, qtbot):
    from PySide6.QtCore import QRect

    from ui import dialogs
    from ui.dialogs import fits_on_screen

    monkeypatch.setattr(dialogs, "available_rect", lambda widget: QRect(0, 0, 1366, 728))
    hint = page.minimumSizeHint()
    assert hint.width() <= 900 and hint.height() <= 620
    select(page, 1)
    dialog = page._dialog("编辑", page.current_trip())
    qtbot.addWidget(dialog)
    assert (dialog.width(), dialog.height()) == (1000, 660)
    assert fits_on_screen(dialog)
    assert dialog.minimumSizeHint().width() <= 1000 and dialog.minimumSizeHint().height() <= 660


def test_a_trip_named_after_its_item_is_not_named_twice(page):
    from dataclasses import replace

    from ui.transport.trips_model import texts

    trip = replace(saved_any(page), sitting_name="代表报到", purpose="代表报到（接站）")
    assert texts(trip)[1] == "代表报到（接站）"
    assert texts(replace(trip, purpose="接送参会人员"))[1] == "代表报到（接送参会人员）"


def saved_any(page):
    return page.view.trips[0]
