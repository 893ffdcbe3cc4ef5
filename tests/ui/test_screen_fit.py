"""Windows and dialogs on a 1366×768 laptop: sizes clamped to the available screen, key buttons visible.

The screen is faked by patching ``ui.dialogs.available_rect`` to a laptop's area (1366×728 once the
taskbar is gone); one test starts a real offscreen screen of 1366×768 in a subprocess.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from ui import dialogs
from ui.dialogs import FRAME_HEIGHT, FRAME_WIDTH, available_rect, fit_to_screen, fits_on_screen
from ui.main_window import MainWindow
from ui.settings import Settings

LAPTOP = QRect(0, 0, 1366, 728)
ROOT = Path(__file__).parents[2]


@pytest.fixture
def laptop(monkeypatch):
    monkeypatch.setattr(dialogs, "available_rect", lambda widget: QRect(LAPTOP))
    return LAPTOP


def frame_of(widget: QWidget) -> QRect:
    """The window's frame as the helper assumes it: move() places the frame, which adds its size."""
    return QRect(widget.pos(), widget.size().grownBy(QMargins(0, 0, FRAME_WIDTH, FRAME_HEIGHT)))


def test_fit_to_screen_shrinks_a_tall_dialog_to_the_laptop(qtbot, laptop):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fit_to_screen(dialog, 1100, 800)
    assert dialog.width() == 1100
    assert dialog.height() == 728 - FRAME_HEIGHT
    assert laptop.contains(frame_of(dialog))


def test_fit_to_screen_keeps_a_small_size_and_centres_it(qtbot, laptop):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fit_to_screen(dialog, 400, 300)
    assert (dialog.width(), dialog.height()) == (400, 300)
    centre = frame_of(dialog).center()
    assert abs(centre.x() - laptop.center().x()) <= 2 and abs(centre.y() - laptop.center().y()) <= 2


def test_fit_to_screen_stays_on_a_second_monitor(qtbot, monkeypatch):
    right = QRect(1920, 100, 1366, 728)
    monkeypatch.setattr(dialogs, "available_rect", lambda widget: QRect(right))
    window = QWidget()
    qtbot.addWidget(window)
    fit_to_screen(window, 1900, 1100)
    assert right.contains(frame_of(window))
    assert window.width() == 1366 - FRAME_WIDTH


def test_fit_to_screen_centres_a_dialog_on_its_parent_inside_the_screen(qtbot, laptop):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setGeometry(900, 300, 400, 300)  # near the right edge: the dialog may not spill over it
    dialog = QDialog(parent)
    fit_to_screen(dialog, 700, 500)
    assert laptop.contains(frame_of(dialog))
    assert frame_of(dialog).right() == LAPTOP.right()


def test_fit_to_screen_on_the_real_screen(qtbot):
    """Real path: the offscreen platform's own screen, whatever its size."""
    widget = QWidget()
    qtbot.addWidget(widget)
    assert available_rect(widget) == QGuiApplication.primaryScreen().availableGeometry()
    fit_to_screen(widget, 5000, 5000)
    assert fits_on_screen(widget)


def test_main_window_fits_the_laptop(qtbot, settings, laptop):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert fits_on_screen(window)
    assert window.height() <= 728 - FRAME_HEIGHT


def test_geometry_saved_on_a_big_monitor_is_clamped(qtbot, tmp_path, laptop, monkeypatch):
    settings = Settings(QSettings(str(tmp_path / "big.ini"), QSettings.Format.IniFormat))
    big = MainWindow(settings)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 1900, 1150)
    settings.set_geometry(Settings.GEOMETRY, big.saveGeometry())
    reopened = MainWindow(settings)
    qtbot.addWidget(reopened)
    assert fits_on_screen(reopened)


def visible_in_window(window: QWidget, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


def test_every_page_shows_its_buttons_and_the_status_bar_on_the_laptop(qtbot, database, settings, laptop):
    from ui.hub import Hub

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.attach(Hub(database))
    window.show()
    assert fits_on_screen(window)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.wait(10)
        page = window.pages.currentWidget()
        buttons = [b for b in page.findChildren(QPushButton) if b.isVisibleTo(page)]
        hidden = [b.text() for b in buttons if not visible_in_window(window, b)]
        assert not hidden, f"{window.nav.item(row).text()}：{hidden}"
        assert visible_in_window(window, window.statusBar())
    roster_texts = {b.text() for b in window.roster.findChildren(QPushButton)}
    assert {"添加", "导入名单…", "导出名单…"} <= roster_texts


def test_main_window_fits_a_real_1366x768_screen(tmp_path):
    """Real path: a subprocess on an offscreen screen configured as 1366×768."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366,
                                               "height": 768, "logicalDpi": 96}]}))
    script = ("from PySide6.QtCore import QSettings\n"
              "from ui.app import create_application\n"
              "from ui.main_window import MainWindow\n"
              "from ui.settings import Settings\n"
              "app = create_application(['rdplanner'])\n"
              f"store = QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)\n"
              "w = MainWindow(Settings(store))\n"
              "w.show(); app.processEvents(); g = w.frameGeometry()\n"
              "print(g.x(), g.y(), g.width(), g.height())\n")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                          check=True)
    x, y, width, height = map(int, done.stdout.split()[-4:])
    assert x >= 0 and y >= 0 and x + width <= 1366 and y + height <= 768


def test_event_names_are_readable_in_the_laptop_window(qtbot, database, settings, laptop):
    from ui.events.table_model import EventColumn
    from ui.fonts import bundled_font, register_app_fonts
    from ui.hub import Hub

    register_app_fonts()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.setFont(bundled_font())  # the user's font: offscreen's default has narrow stand-in glyphs
    window.attach(Hub(database))
    window.show()
    qtbot.wait(10)
    table = window.event_list.table
    metrics = table.fontMetrics()
    name_width = table.columnWidth(EventColumn.NAME)
    assert name_width >= metrics.horizontalAdvance("市第十七届人大常委会") + 8  # ten characters at least
    assert name_width >= table.horizontalHeader().sectionSizeHint(EventColumn.NAME)  # header not cut
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    index = window.event_list.model.index(0, EventColumn.NAME)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("市第十七届人大常委会第二十三次会议\n") and "筹备中" in tip
    assert table.viewport().width() >= sum(table.columnWidth(c) for c in EventColumn
                                           if not table.isColumnHidden(c))


def test_event_editor_shows_no_developer_path(window):
    hint = window.editor.standard_hint.text()
    assert "开支标准" in hint
    assert not re.search(r"[A-Za-z_]{3,}|\w/\w+\.", hint), hint


def dialogs_of(window):
    from ui.events.new_event_dialog import NewEventDialog
    from ui.people.bulk_dialog import BulkDialog
    from ui.people.directory_dialog import DirectoryDialog
    from ui.people.history_dialog import HistoryDialog
    from ui.people.import_dialog import ImportDialog
    from ui.people.person_dialog import PersonDialog

    event_id = window.editor.event_id()
    row = window.roster.model.row_at(0)
    return {
        "新建活动": NewEventDialog(window),
        "编辑参会人员": PersonDialog(window.roster, row=row),
        "批量修改": BulkDialog(window.roster, count=3, delegations=["上城区代表团"]),
        "从人员名录添加": DirectoryDialog(window.roster, window.hub, event_id=event_id, role="member",
                                          body="standing_committee"),
        "出勤记录": HistoryDialog(window.roster, name=row.name, rows=(), unapproved=0,
                              event_type="standing_committee"),
        "导入名单": ImportDialog(window.roster, window.hub, event_id=event_id, default_role="member"),
    }


def issue11_dialogs(window):
    """The dialogs of the lodging, catering and arrival pages (issue 11), each built as its page builds it."""
    from rdplanner.registry import documents
    from ui.catering.meal_dialog import AdjustDialog, DishDialog, MealDialog
    from ui.catering.words_dialog import WordForm, WordsDialog
    from ui.documents.dialog import DocumentDialog
    from ui.lodging.allocate_dialog import AllocateDialog
    from ui.lodging.directory_dialog import DirectoryDialog
    from ui.lodging.stay_dialogs import NightsDialog, RoomChoiceDialog

    catering = window.show_page("catering")
    meal = catering.plan.meals[0]
    lodging = window.show_page("lodging")
    view, stay = lodging.view, lodging.view.stays[0]
    arrival = window.show_page("arrival")
    made = {
        "编辑用餐": MealDialog(catering, day=meal.meal_date, meal=meal),
        "调整就餐人数": AdjustDialog(catering, meal, catering.plan.counts[meal.id].derived),
        "添加菜品": DishDialog(catering),
        "节约词表": WordsDialog(catering, window.hub),
        "添加词语": WordForm(catering),
        "饭店与房源": DirectoryDialog(lodging, view, save=lambda *a, **k: None, undoable=lambda *a, **k: None,
                                 reload=lambda: view),
        "自动分房": AllocateDialog(lodging, window.hub, view),
        "移到房间": RoomChoiceDialog(lodging, "移到房间", "把某人移到：", [(r.id, r.number) for r in view.directory.rooms]),
        "修改住宿日期": NightsDialog(lodging, "某人", stay.check_in, stay.check_out, ""),
    }
    for kind in ("passes", "meals", "kitchen", "menus", "rooming"):
        if kind in documents():
            made[documents()[kind].title] = DocumentDialog(documents()[kind], parent=arrival)
    return made


def test_every_dialog_fits_the_laptop_with_its_buttons_visible(qtbot, database, settings, laptop):
    from ui.hub import Hub

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.attach(Hub(database))
    window.show()
    window.show_page("roster")
    for title, dialog in {**dialogs_of(window), **issue11_dialogs(window)}.items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(5)
        assert laptop.contains(frame_of(dialog)), title
        assert dialog.minimumSizeHint().height() <= 728 - FRAME_HEIGHT, title
        for button in dialog.findChildren(QPushButton):
            if button.isVisibleTo(dialog):
                assert visible_in_window(dialog, button), f"{title}：{button.text()}"
        dialog.close()


def test_roster_columns_fit_the_laptop_window_with_phone_and_id_whole(qtbot, database, settings, laptop):
    from ui.fonts import bundled_font, register_app_fonts
    from ui.hub import Hub
    from ui.people.roster_model import RosterColumn

    register_app_fonts()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.setFont(bundled_font())
    window.attach(Hub(database))
    window.show()
    window.show_page("roster")
    qtbot.wait(10)
    page = window.roster
    table = page.table
    for sensitive in (False, True):
        page.show_sensitive.setChecked(sensitive)
        qtbot.wait(10)
        shown = [c for c in RosterColumn if not table.isColumnHidden(c)]
        assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width(), sensitive
        for column in (RosterColumn.PHONE, RosterColumn.ID_NUMBER, RosterColumn.NAME, RosterColumn.ROLE):
            assert table.columnWidth(column) >= table.sizeHintForColumn(column), (column, sensitive)
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    row = max(range(page.model.rowCount()), key=lambda n: len(page.model.row_at(n).unit))
    index = page.model.index(row, RosterColumn.UNIT)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == page.model.row_at(row).unit


def test_a_congress_delegation_stays_readable_in_the_laptop_window(qtbot, database, settings, laptop):
    from sqlmodel import select

    from rdplanner.models import Participation
    from ui.fonts import bundled_font, register_app_fonts
    from ui.hub import Hub
    from ui.people.roster_model import RosterColumn

    with database.session() as session:
        for participation in session.exec(select(Participation)).all():
            participation.delegation = "上城区代表团"
            session.add(participation)
        session.commit()
    register_app_fonts()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.setFont(bundled_font())
    window.attach(Hub(database))
    window.show()
    window.show_page("roster")
    qtbot.wait(10)
    table = window.roster.table
    assert not table.isColumnHidden(RosterColumn.DELEGATION)
    # the whole usual name (区 or 县 and 代表团) is shown, as Qt's cell rectangle elides it
    assert table.columnWidth(RosterColumn.DELEGATION) >= table.sizeHintForColumn(RosterColumn.DELEGATION)
    # and every column is on screen: no notes in this roster, so that column gives way
    assert table.isColumnHidden(RosterColumn.NOTES)
    shown = [c for c in RosterColumn if not table.isColumnHidden(c)]
    assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()


def test_the_sign_in_entry_shows_its_whole_hint_in_the_laptop_window(qtbot, database, settings, laptop):
    from ui.fonts import bundled_font, register_app_fonts
    from ui.hub import Hub

    register_app_fonts()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.setFont(bundled_font())
    window.attach(Hub(database))
    window.resize(1366 - FRAME_WIDTH, 728 - FRAME_HEIGHT)
    window.show()
    page = window.show_page("signin")
    qtbot.wait(10)
    entry = page.entry
    assert entry.placeholderText().endswith("回车签到")
    assert entry.fontMetrics().horizontalAdvance(entry.placeholderText()) + 12 <= entry.width()
