"""Background tasks on the real worker thread: results, errors, progress, cancel, a closed window, exit."""

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QThread
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton, QWidget

from ui import tasks

pytestmark = pytest.mark.real_threads
ROOT = Path(__file__).parents[2]


@pytest.fixture
def parent(qtbot):
    made = QWidget()
    qtbot.addWidget(made)
    made.show()
    return made


class Outcomes:
    """Records each callback with the thread it ran on."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, object, bool]] = []

    def done(self, value) -> None:
        self.seen.append(("done", value, QThread.currentThread() is QCoreApplication.instance().thread()))

    def failed(self, error) -> None:
        self.seen.append(("failed", error, QThread.currentThread() is QCoreApplication.instance().thread()))

    def post(self, parent, work) -> None:
        tasks.run_task(parent, "测试", work, done=self.done, failed=self.failed)


def progress_dialog(parent) -> QProgressDialog:
    return parent.findChildren(QProgressDialog)[-1]


def test_run_task_runs_work_on_the_worker_thread_and_delivers_on_the_gui_thread(qtbot, parent):
    outcomes = Outcomes()
    outcomes.post(parent, lambda progress, cancelled: QThread.currentThread().objectName())
    qtbot.waitUntil(lambda: bool(outcomes.seen))
    assert outcomes.seen == [("done", tasks.THREAD_NAME, True)]


def test_run_task_delivers_error(qtbot, parent):
    outcomes = Outcomes()

    def work(progress, cancelled):
        raise ValueError("坏文件")

    outcomes.post(parent, work)
    qtbot.waitUntil(lambda: bool(outcomes.seen))
    kind, error, on_gui = outcomes.seen[0]
    assert (kind, type(error), str(error), on_gui) == ("failed", ValueError, "坏文件", True)


def test_jobs_run_one_after_another_and_each_calls_back_once(qtbot, parent):
    outcomes, running = Outcomes(), []

    def job(n):
        def work(progress, cancelled):
            running.append(n)
            assert running == list(range(n + 1))  # never two at once, in the order posted
            return n
        return work

    for n in range(20):
        outcomes.post(parent, job(n))
    qtbot.waitUntil(lambda: len(outcomes.seen) == 20)
    qtbot.wait(50)
    assert outcomes.seen == [("done", n, True) for n in range(20)]


class ShowWatcher(QObject):
    """Notes when a progress dialog is shown."""

    def __init__(self) -> None:
        super().__init__()
        self.shown_after: list[int] = []
        self.clock = QElapsedTimer()
        self.clock.start()

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and isinstance(watched, QProgressDialog):
            self.shown_after.append(self.clock.elapsed())
        return False


@pytest.fixture
def shows(qapp):
    watcher = ShowWatcher()
    qapp.installEventFilter(watcher)
    yield watcher
    qapp.removeEventFilter(watcher)


def test_short_work_shows_no_progress_dialog(qtbot, parent, shows):
    outcomes = Outcomes()
    for _ in range(5):
        outcomes.post(parent, lambda progress, cancelled: progress(0.5))
    qtbot.waitUntil(lambda: len(outcomes.seen) == 5)
    assert shows.shown_after == []


def test_long_work_shows_the_dialog_after_half_a_second_and_closes_it_after_delivery(qtbot, parent, shows):
    outcomes, release = Outcomes(), threading.Event()
    outcomes.post(parent, lambda progress, cancelled: release.wait(10))
    dialog = progress_dialog(parent)
    qtbot.waitUntil(lambda: bool(shows.shown_after), timeout=5000)
    assert shows.shown_after[0] >= tasks.SHOW_AFTER_MS * 0.95  # Qt's coarse timers may fire 5 % early
    assert dialog.isVisible() and dialog.isModal()
    visible_at_delivery = []
    tasks.run_task(parent, "测试", lambda progress, cancelled: None, failed=outcomes.failed,
                   done=lambda value: visible_at_delivery.append(dialog.isVisible()))
    release.set()
    qtbot.waitUntil(lambda: bool(visible_at_delivery))
    assert outcomes.seen == [("done", True, True)] and visible_at_delivery == [False]
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))


def test_progress_is_coalesced_before_it_reaches_the_dialog(qtbot, parent):
    outcomes, calls, release = Outcomes(), [0], threading.Event()

    def work(progress, cancelled):
        while not release.is_set():
            calls[0] += 1
            progress((calls[0] % 1000) / 1000)
        return calls[0]

    clock = QElapsedTimer()
    clock.start()
    outcomes.post(parent, work)
    bar = progress_dialog(parent).findChild(QProgressBar)
    updates = []
    bar.valueChanged.connect(updates.append)
    qtbot.waitUntil(lambda: len(updates) >= 5, timeout=5000)
    release.set()
    elapsed = clock.elapsed()
    qtbot.waitUntil(lambda: bool(outcomes.seen))
    assert len(updates) <= elapsed / tasks.PROGRESS_EVERY_MS + 2
    assert outcomes.seen[0][1] > 10 * len(updates)


def test_cancel_in_the_dialog_sets_the_flag_the_work_polls(qtbot, parent):
    outcomes, started = Outcomes(), threading.Event()

    def work(progress, cancelled):
        started.set()
        for _ in range(1000):
            if cancelled():
                return "取消了"
            threading.Event().wait(0.01)
        return "没取消"

    outcomes.post(parent, work)
    qtbot.waitUntil(started.is_set)
    progress_dialog(parent).findChild(QPushButton).click()
    qtbot.waitUntil(lambda: bool(outcomes.seen))
    assert outcomes.seen == [("done", "取消了", True)]


def test_outcome_of_a_destroyed_window_is_dropped_and_its_work_cancelled(qtbot, parent, caplog):
    outcomes, started, saw_cancel = Outcomes(), threading.Event(), threading.Event()
    window = QWidget(parent)

    def work(progress, cancelled):
        started.set()
        for _ in range(1000):
            if cancelled():
                saw_cancel.set()
                raise RuntimeError("已取消")
            threading.Event().wait(0.01)

    outcomes.post(window, work)
    qtbot.waitUntil(started.is_set)
    shiboken6.delete(window)
    outcomes.post(parent, lambda progress, cancelled: "下一个")  # delivered after the first one
    qtbot.waitUntil(lambda: bool(outcomes.seen))
    assert saw_cancel.is_set()
    assert outcomes.seen == [("done", "下一个", True)]
    assert [r.exc_info[1].args for r in caplog.records if r.name == "ui.tasks"] == [("已取消",)]


def test_a_callback_that_raises_does_not_stop_later_deliveries(qtbot, parent):
    outcomes = Outcomes()

    def explode(value):
        raise RuntimeError("回调出错")

    with qtbot.captureExceptions() as raised:
        tasks.run_task(parent, "测试", lambda progress, cancelled: 1, done=explode, failed=outcomes.failed)
        outcomes.post(parent, lambda progress, cancelled: 2)
        qtbot.waitUntil(lambda: bool(outcomes.seen))
    assert [str(e[1]) for e in raised] == ["回调出错"]
    assert outcomes.seen == [("done", 2, True)]


def test_shutdown_stops_the_worker_thread_and_a_later_task_starts_a_new_one(qtbot, parent):
    outcomes = Outcomes()
    outcomes.post(parent, lambda progress, cancelled: QThread.currentThread())
    qtbot.waitUntil(lambda: bool(outcomes.seen))
    first = outcomes.seen[0][1]
    tasks.shutdown()
    assert first.isFinished()
    outcomes.post(parent, lambda progress, cancelled: QThread.currentThread())
    qtbot.waitUntil(lambda: len(outcomes.seen) == 2)
    assert outcomes.seen[1][1] is not first and outcomes.seen[1][1].isRunning()


class Cycle:
    """Garbage only the cyclic collector frees; notes whether that happened on the main thread."""

    def __init__(self, freed: list[bool]) -> None:
        self.me, self.freed = self, freed

    def __del__(self) -> None:
        self.freed.append(threading.get_ident() == threading.main_thread().ident)


def test_cyclic_garbage_is_collected_on_the_gui_thread_while_a_job_runs(qtbot, parent):
    """Widgets and connections in such garbage must never be freed by the worker."""
    outcomes, made, freed = Outcomes(), threading.Event(), []

    def work(progress, cancelled):
        made.wait(10)
        kept = [[] for _ in range(20_000)]  # enough allocations to trigger the collector
        for _ in range(1000):
            if len(freed) == 10:
                break
            threading.Event().wait(0.01)
        return gc.isenabled(), len(kept)

    gc.collect()
    outcomes.post(parent, work)
    for _ in range(10):
        Cycle(freed)
    made.set()
    qtbot.waitUntil(lambda: bool(outcomes.seen))
    qtbot.waitUntil(lambda: len(freed) == 10)
    assert freed == [True] * 10
    assert outcomes.seen == [("done", (False, 20_000), True)] and gc.isenabled()


def test_the_collector_runs_again_before_the_last_outcome_is_delivered(qtbot, parent):
    """A done callback may open a print preview for minutes: the collector must be back by then."""
    enabled = []
    tasks.run_task(parent, "测试", lambda progress, cancelled: gc.isenabled(),
                   done=lambda during: enabled.append((during, gc.isenabled())), failed=enabled.append)
    qtbot.waitUntil(lambda: bool(enabled))
    assert enabled == [(False, True)]


EXIT_SCRIPT = """
import sys, threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from ui import tasks

app = QApplication([])
window = QWidget()
started = threading.Event()

def work(progress, cancelled):
    started.set()
    while not cancelled():
        progress(0.5)
    print("work saw cancel", flush=True)

tasks.run_task(window, "测试", work, done=print, failed=print)
started.wait(10)
if sys.argv[1] == "exec":
    QTimer.singleShot(100, app.quit)
    app.exec()
print("exit", flush=True)
"""


@pytest.mark.parametrize("how", ["exec", "script"])
def test_the_app_exits_cleanly_while_a_job_runs(how):
    """aboutToQuit (the real app) or atexit (scripts, pytest) cancel the job and stop the thread."""
    run = subprocess.run([sys.executable, "-c", EXIT_SCRIPT, how], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr
    expected = {"exec": ["work saw cancel", "exit"], "script": ["exit", "work saw cancel"]}[how]
    assert run.stdout.splitlines() == expected
    assert "QThread" not in run.stderr


def test_run_quietly_runs_on_the_worker_thread_without_a_progress_dialog(qtbot, parent):
    outcomes, release = Outcomes(), threading.Event()

    def work(progress, cancelled):
        release.wait(5)
        return QThread.currentThread().objectName()

    tasks.run_quietly(parent, work, done=outcomes.done, failed=outcomes.failed)
    qtbot.wait(tasks.SHOW_AFTER_MS + 200)  # a dialog would have shown itself by now
    assert not parent.findChildren(QProgressDialog)
    release.set()
    qtbot.waitUntil(lambda: bool(outcomes.seen))
    assert outcomes.seen == [("done", tasks.THREAD_NAME, True)]
