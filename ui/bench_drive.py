"""What the benchmark's Qt probes do to the app: open the main window as main.py does, time an action until
its result is painted, and drive a script of actions while a heartbeat timer measures how long the GUI
thread stays blocked.

The seating actions go through ``click_auto_seating`` and ``drop_swap`` only, so that they can follow the
seating page's public methods as they change.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PAINT_TIMEOUT_S = 30.0


def click_auto_seating(page) -> None:
    """The officer presses 自动排座 (the confirmation is answered yes by ``answer_dialogs``)."""
    page.auto_button.click()


def drop_swap(page, participation_id: int, seat_id: int) -> None:
    """The officer drops a seated person on another person's seat: the two swap, saved at once."""
    page.place_person(participation_id, seat_id)


def open_main_window(db_path: str, settings_path: str):
    """Start the app as main.py does (window first, then the database) and wait until the event is shown.

    Returns (app, window, database).
    """
    from rdplanner.db import open_database, sqlite_url
    from ui.app import create_application, user_settings_store
    from ui.hub import Hub
    from ui.main_window import MainWindow
    from ui.settings import Settings

    app = create_application(["rdplanner-bench"])
    window = MainWindow(Settings(user_settings_store(settings_path)))
    window.resize(1366, 768)
    window.show()
    QApplication.processEvents()
    database = open_database(sqlite_url(db_path))
    window.attach(Hub(database))
    from ui.gc_tuning import freeze_startup_objects

    freeze_startup_objects()  # as main.py does once the window is attached
    until_painted(window.pages.currentWidget(), lambda: None)
    return app, window, database


def page_widget(window, name: str) -> QWidget:
    return window.page(name)


def open_page(window, name: str) -> float:
    """Click the page in the navigation list; return the ms until the page has painted with its data.

    A plan page is built on its first open, so the paint awaited is the page stack's, which holds the
    page once built: the time includes building it."""
    return until_painted(window.pages, lambda: window.show_page(name))


class _PaintSeen(QObject):
    """Notes a paint of the widget or of one of its descendants (a scroll area paints only its viewport)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget, self.seen = widget, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and (
                watched is self.widget or self.widget.isAncestorOf(watched)):
            self.seen = True
        return False


def until_painted(widget: QWidget, action: Callable[[], object]) -> float:
    """Run ``action`` and process events until ``widget`` (or a child) has painted; return the elapsed ms."""
    seen = _PaintSeen(widget)
    app = QApplication.instance()
    app.installEventFilter(seen)
    started = time.perf_counter()
    action()
    widget.update()  # an action that changed nothing visible still ends with a paint, as the probe needs
    while not seen.seen and time.perf_counter() - started < PAINT_TIMEOUT_S:
        QApplication.processEvents()
    elapsed = (time.perf_counter() - started) * 1000
    app.removeEventFilter(seen)
    if not seen.seen:
        raise RuntimeError(f"{type(widget).__name__} never painted")
    return elapsed


MESSAGES: list[str] = []


def answer_dialogs(folder: Path) -> None:
    """Answer every question of the pages as the officer would: yes, the default options, save in ``folder``.

    A message box (an error, a warning) is not shown but kept in MESSAGES, so that a probe whose action
    failed says so instead of waiting for a click that never comes.
    """
    from PySide6.QtWidgets import QMessageBox

    import ui.documents.flow as documents_flow
    import ui.people.roster_page as roster_page
    import ui.people.signin_page as signin_page
    import ui.seating.seat_map_page as seat_map_page
    from ui.documents.dialog import SAVE, DocumentDialog

    def save_path(_parent, _title, name: str, _suffix: str) -> str:
        return str(folder / name)

    for module in (roster_page, signin_page, seat_map_page, documents_flow):
        module.ask_save_path = save_path
        if hasattr(module, "ask_yes_no"):
            module.ask_yes_no = lambda *_args, **_kwargs: True
    def keep(_parent, title: str, text: str, *_args, **_kwargs):
        MESSAGES.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information"):
        setattr(QMessageBox, name, staticmethod(keep))
    documents_flow.ask_document = (lambda parent, document, defaults=None, suffix=None: DocumentDialog(
        document, defaults, suffix=suffix, parent=parent).choice_for(SAVE))


def seated_pairs(page, count: int) -> list[tuple[int, int]]:
    """(participation id, seat id of another seated member) pairs: each a drop that swaps two people.

    Only unlocked seats: a swap locks both, and a locked seat refuses a drop."""
    seats = [item for item in page.items.values()
             if item.zone == "members" and item.participation_id and not item.locked]
    return [(a.participation_id, b.seat_id) for a, b in zip(seats[0:2 * count:2], seats[1:2 * count:2],
                                                            strict=True)]


def time_seating_actions(page, *, clicks: int = 3, swaps: int = 5) -> dict:
    """Median ms of 自动排座 and of a swapping drop, each until the seat map has painted the result."""
    viewport = page.map.viewport()
    click_ms = [until_painted(viewport, lambda: click_auto_seating(page)) for _ in range(clicks)]
    swap_ms = []
    for participation_id, seat_id in seated_pairs(page, swaps):
        swap_ms.append(until_painted(viewport, lambda p=participation_id, s=seat_id: drop_swap(page, p, s)))
    return {"auto_seating_click_ms": round(statistics.median(click_ms), 1),
            "seat_swap_saved_ms": round(statistics.median(swap_ms), 1), "seats": len(page.items)}


@dataclass
class Step:
    """One action of the script; ``done`` says when work it started elsewhere (a worker thread) is over."""

    label: str
    action: Callable[[], object]
    done: Callable[[], bool] = field(default=lambda: True)


class Heartbeat(QObject):
    """Runs the steps one after the other from the event loop, beating every 2 ms: the longest gap between
    two beats is the longest time the GUI thread was blocked (``longest_ms``, during ``longest_step``)."""

    def __init__(self, steps: list[Step], *, pause_ms: int = 40, step_timeout_s: float = 60.0) -> None:
        super().__init__()
        self._steps, self._pause_ms, self._timeout_s = list(steps), pause_ms, step_timeout_s
        self._current = "idle"
        self._last = 0.0
        self.longest_ms, self.longest_step = 0.0, ""
        self.gaps: list[tuple[float, str]] = []  # every gap over 50 ms, with its step
        self.unfinished: list[str] = []
        self._timer = QTimer(self, interval=2, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._beat)

    def run(self) -> None:
        """Run every step; return when the last one is done."""
        self._last = time.perf_counter()
        self._timer.start()
        for step in self._steps:
            self._wait(self._pause_ms / 1000)
            self._current = step.label
            QTimer.singleShot(0, step.action)
            deadline = time.perf_counter() + self._timeout_s
            self._wait(0.005)
            while not step.done() and time.perf_counter() < deadline:
                self._wait(0.02)
            if not step.done():
                self.unfinished.append(step.label)
            self._wait(0.01)  # the beat overdue after a block is counted to the step that blocked
            self._current = f"{step.label}之后"
        self._wait(self._pause_ms / 1000)
        self._timer.stop()

    def _wait(self, seconds: float) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            QApplication.processEvents()
            time.sleep(0.0005)

    def _beat(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000
        if gap > self.longest_ms:
            self.longest_ms, self.longest_step = gap, self._current
        if gap > 50:
            self.gaps.append((round(gap, 1), self._current))
        self._last = now
