"""Stress the real worker thread: hundreds of short, long, failing, cancelled and orphaned jobs must all
come back exactly once, on the GUI thread, and the run must end (a watchdog kills a hung process)."""

import faulthandler
import random
import sys
import time

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QThread, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from ui import tasks

pytestmark = pytest.mark.real_threads
JOBS = 400
IN_FLIGHT = 4
WATCHDOG_S = 120  # a deadlock blocks the GUI thread, so only a watchdog on its own thread can end it
KINDS = ["instant", "instant", "long", "long", "raises", "long cancel", "long orphan"]


@pytest.fixture
def watchdog():
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True, file=sys.stderr)
    yield
    faulthandler.cancel_dump_traceback_later()


class Cancelled(Exception):
    pass


def make_work(kind: str, seconds: float):
    def work(progress, cancelled):
        if kind == "instant":
            progress(1.0)
            return kind
        end, step = time.monotonic() + seconds, 0
        while time.monotonic() < end:
            step += 1
            progress(step % 500 / 500)
            if cancelled():
                raise Cancelled(kind)
        if kind == "raises":
            raise ValueError(kind)
        return kind
    return work


class Stress:
    """Posts jobs as earlier ones come back, keeping a few in flight, and records every callback."""

    def __init__(self, parent: QWidget, seed: int) -> None:
        self.parent, self.random = parent, random.Random(seed)
        self.kinds: dict[int, str] = {}
        self.calls: dict[int, list[tuple[str, object, bool]]] = {}
        self.posted = 0

    def delivered(self) -> int:
        return sum(len(calls) for calls in self.calls.values())

    def top_up(self) -> None:
        while self.posted < JOBS and self.posted - self.delivered() - self.orphans() < IN_FLIGHT:
            self.post(self.posted)
            self.posted += 1

    def orphans(self) -> int:
        return sum(1 for n, kind in self.kinds.items() if kind.endswith("orphan") and not self.calls.get(n))

    def post(self, n: int) -> None:
        kind = self.random.choice(KINDS)
        self.kinds[n] = kind
        owner = QWidget(self.parent) if kind.endswith("orphan") else self.parent
        tasks.run_task(owner, "压力测试", make_work(kind.split()[0], self.random.uniform(0.01, 0.05)),
                       done=lambda value: self.record(n, "done", value),
                       failed=lambda error: self.record(n, "failed", error))
        later = self.random.randint(0, 60)
        if kind.endswith("cancel"):
            dialog = owner.findChildren(QProgressDialog)[-1]
            button = dialog.findChild(QPushButton)
            QTimer.singleShot(later, lambda: shiboken6.isValid(button) and button.click())
        elif kind.endswith("orphan"):
            QTimer.singleShot(later, lambda: shiboken6.isValid(owner) and shiboken6.delete(owner))

    def record(self, n: int, how: str, value) -> None:
        on_gui = QThread.currentThread() is QCoreApplication.instance().thread()
        self.calls.setdefault(n, []).append((how, value, on_gui))
        self.top_up()


@pytest.mark.parametrize("seed", [1, 2])
def test_hundreds_of_real_jobs_each_come_back_once_on_the_gui_thread(qtbot, watchdog, seed):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    stress = Stress(parent, seed)
    stress.top_up()
    qtbot.waitUntil(lambda: stress.posted == JOBS and stress.delivered() + stress.orphans() == JOBS,
                    timeout=WATCHDOG_S * 1000)
    tasks.run_task(parent, "最后", lambda progress, cancelled: None,
                   done=lambda v: stress.record(-1, "done", v),
                   failed=lambda e: stress.record(-1, "failed", e))
    qtbot.waitUntil(lambda: -1 in stress.calls)  # every earlier job, orphans included, has come back
    qtbot.wait(20)
    check(stress)


def check(stress: Stress) -> None:
    """One callback per job (none for most orphans), the expected one, always on the GUI thread."""
    expected = {"instant": ("done", str), "long": ("done", str), "raises": ("failed", ValueError)}
    cancelled = 0
    for n, kind in stress.kinds.items():
        calls = stress.calls.get(n, [])
        assert len(calls) <= 1 if kind.endswith("orphan") else len(calls) == 1, (n, kind, calls)
        for how, value, on_gui in calls:
            assert on_gui, (n, kind)
            if isinstance(value, Cancelled):
                assert how == "failed" and kind.endswith(("cancel", "orphan")), (n, kind, how, value)
                cancelled += 1
            else:
                assert (how, type(value)) == expected[kind.split()[0]], (n, kind, how, value)
    assert cancelled > 0
    assert len(stress.calls[-1]) == 1
