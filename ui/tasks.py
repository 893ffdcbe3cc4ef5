"""The only threading code of the UI: run long work off the GUI thread, on Qt's own threads.

Contract for callers: ``run_task(parent, title, work, done=..., failed=...)`` returns at once
(``run_quietly(parent, work, ...)``: the same without a progress dialog, for preparation nobody asked for).
``work(progress, cancelled)`` runs on one long-lived worker QThread (jobs run one after another, in
order); it gets ``progress(fraction)`` and ``cancelled()`` callbacks (the core's convention) and must not
touch widgets. Exactly one of ``done(result)`` or ``failed(exception)`` is then called on the GUI
thread, unless ``parent`` was destroyed meanwhile: then the job is cancelled and its outcome dropped.
A window-modal progress dialog appears only if the work takes longer than half a second; its 取消
sets the flag ``cancelled()`` reports. Tests replace ``run_task`` with ``run_inline`` unless they are
marked ``real_threads``.

How it stays free of deadlocks (a plain thread emitting Python objects once hung the app for good):
the worker calls no Qt function while a job runs and never drops the last reference to a Python
object the GUI made (jobs are owned and cleared by the GUI thread); its only Qt call is emitting the
job's number, an int, by a queued signal. Python's cyclic garbage collector, which runs on whatever
thread happens to allocate, is paused while jobs run and run on the GUI thread instead, so the worker
never frees the GUI's widgets or connections. Progress is a float the GUI polls 20 times a second, so the
worker never floods the event loop. The dialog is hidden and deleted by the GUI thread after the
outcome has arrived there. The thread stops at application exit (``aboutToQuit`` and ``atexit``).
"""

import atexit
import gc
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from rdplanner.progress import IsCancelled, Progress, no_progress, not_cancelled

Work = Callable[[Progress, IsCancelled], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
SHOW_AFTER_MS = 500
PROGRESS_EVERY_MS = 50  # at most 20 progress updates a second reach the dialog
THREAD_NAME = "rdplanner-task"
log = logging.getLogger(__name__)


@dataclass(eq=False)
class _Job:
    """One piece of work; created, read back and cleared on the GUI thread, run on the worker."""

    number: int
    work: Work | None
    done: Done | None
    failed: Failed | None
    parent: QWidget | None
    dialog: QProgressDialog | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    fraction: float = 0.0
    outcome: tuple[bool, Any] | None = None

    def report(self, fraction: float) -> None:
        """The work's ``progress`` callback: only stores the number (no Qt call on the worker)."""
        self.fraction = fraction

    def cancelled(self) -> bool:
        return self.stop.is_set()

    def clear(self) -> None:
        """Drop every reference the job holds, on the GUI thread (frames of a traceback point here)."""
        self.work = self.done = self.failed = self.parent = self.dialog = self.outcome = None


class _Worker(QObject):
    """Lives on the worker thread; runs the jobs posted to ``run`` one after another."""

    finished = Signal(int)

    def __init__(self, jobs: dict[int, _Job], lock: threading.Lock) -> None:
        super().__init__()
        self._jobs, self._lock = jobs, lock

    @Slot(int)
    def run(self, number: int) -> None:
        self._execute(number)  # every local reference to the job is gone before the GUI hears of it
        self.finished.emit(number)

    def _execute(self, number: int) -> None:
        with self._lock:
            job = self._jobs.get(number)
        if job is None or job.work is None:
            return
        try:
            job.outcome = (True, job.work(job.report, job.cancelled))
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            job.outcome = (False, exc)


class _Dispatcher(QObject):
    """Lives on the GUI thread: owns the worker thread, posts jobs, shows progress, delivers outcomes."""

    submit = Signal(int)

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._jobs: dict[int, _Job] = {}
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._polling = False
        self._gc_paused = False
        self._arrived: list[int] = []
        self._timer = QTimer(self, interval=PROGRESS_EVERY_MS)
        self._timer.timeout.connect(self._poll)
        self._thread = QThread()
        self._thread.setObjectName(THREAD_NAME)
        self._worker = _Worker(self._jobs, self._lock)
        self._worker.moveToThread(self._thread)
        self.submit.connect(self._worker.run, Qt.ConnectionType.QueuedConnection)
        self._worker.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._thread.start()

    def post(self, parent: QWidget, title: str, work: Work, done: Done, failed: Failed, *,
             quiet: bool = False) -> None:
        job = _Job(next(self._numbers), work, done, failed, parent)
        if not quiet:
            job.dialog = _progress_dialog(parent, title)
            job.dialog.canceled.connect(lambda: job.stop.set())
        with self._lock:
            self._jobs[job.number] = job
        if gc.isenabled():
            gc.disable()  # from now until the last outcome is in, cycles are collected by _poll only
            self._gc_paused = True
        self._timer.start()
        self.submit.emit(job.number)

    @Slot()
    def _poll(self) -> None:
        """Show each running job's progress; cancel jobs whose parent was destroyed."""
        if self._polling:
            return
        self._polling = True  # a modal dialog's setValue processes events: no re-entry from there
        try:
            with self._lock:
                jobs = list(self._jobs.values())
            for job in jobs:
                _show_progress(job)
        finally:
            self._polling = False
        if self._gc_paused:
            _collect_garbage()
        self._deliver_arrived()

    @Slot(int)
    def _finished(self, number: int) -> None:
        self._arrived.append(number)
        if not self._polling:  # else it arrived inside a dialog's setValue: delivered once that returns
            self._deliver_arrived()

    def _deliver_arrived(self) -> None:
        """Deliver the outcomes that arrived, in order, on the GUI thread."""
        while self._arrived:
            number = self._arrived.pop(0)
            with self._lock:
                job = self._jobs.pop(number, None)
                idle = not self._jobs
            if idle:  # before the callback, which may open a dialog of its own for long
                self._timer.stop()
                self._resume_gc()
            if job is not None:
                _deliver(job)

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def stop(self) -> None:
        """Cancel every job, end the worker thread's loop and wait for it (the current job returns)."""
        with self._lock:
            for job in self._jobs.values():
                job.stop.set()
        self._timer.stop()
        self._thread.quit()
        self._thread.wait()
        self._resume_gc()

    def is_running(self) -> bool:
        return self._thread.isRunning()


def _progress_dialog(parent: QWidget, title: str) -> QProgressDialog:
    dialog = QProgressDialog(title, parent.tr("取消"), 0, 1000, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setValue(0)  # starts the dialog's own clock: it shows itself after SHOW_AFTER_MS
    return dialog


def _show_progress(job: _Job) -> None:
    if job.outcome is not None or job.stop.is_set():
        return
    if not shiboken6.isValid(job.parent) or (job.dialog is not None and not shiboken6.isValid(job.dialog)):
        job.stop.set()  # the window that asked is gone: stop the work, its outcome will be dropped
        return
    if job.dialog is None:  # a quiet job shows no progress
        return
    value = int(max(0.0, min(1.0, job.fraction)) * 1000)
    if value != job.dialog.value():
        job.dialog.setValue(value)


def _collect_garbage() -> None:
    """Collect cyclic garbage on the GUI thread as the paused automatic collector would have."""
    counts, limits = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > limits[generation]:
            gc.collect(generation)
            return


def _deliver(job: _Job) -> None:
    dialog, parent, outcome = job.dialog, job.parent, job.outcome
    callback = (job.done if outcome and outcome[0] else job.failed)
    job.clear()
    if dialog is not None and shiboken6.isValid(dialog):
        # reset() stops the dialog's own show-after timer: a job done within SHOW_AFTER_MS would otherwise
        # show its hidden dialog over the callback's (a question waiting in a nested event loop).
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
    if outcome is None or not shiboken6.isValid(parent):
        if outcome is not None and not outcome[0]:
            log.warning("error of a task whose window was closed: %r", outcome[1], exc_info=outcome[1])
        return
    callback(outcome[1])


_dispatcher: _Dispatcher | None = None


def _shared_dispatcher() -> _Dispatcher:
    """The application's one dispatcher and worker thread, started on first use."""
    global _dispatcher
    if _dispatcher is None or not shiboken6.isValid(_dispatcher) or not _dispatcher.is_running():
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("run_task needs a running QApplication")
        _dispatcher = _Dispatcher(app)
        app.aboutToQuit.connect(shutdown)
        atexit.unregister(shutdown)
        atexit.register(shutdown)  # scripts and pytest end without aboutToQuit; runs before Qt's own cleanup
    return _dispatcher


def shutdown() -> None:
    """Stop the worker thread (at application exit; a later ``run_task`` starts a new one)."""
    if _dispatcher is not None and shiboken6.isValid(_dispatcher):
        _dispatcher.stop()



def run_task(parent: QWidget, title: str, work: Work, *, done: Done, failed: Failed) -> None:
    """Run ``work(progress, cancelled)`` on the worker thread; then ``done`` or ``failed`` on the GUI one."""
    _shared_dispatcher().post(parent, title, work, done, failed)


def run_quietly(parent: QWidget, work: Work, *, done: Done, failed: Failed) -> None:
    """Like ``run_task`` but without a progress dialog: for short preparation the user did not ask for."""
    _shared_dispatcher().post(parent, "", work, done, failed, quiet=True)


def run_quietly_inline(parent: QWidget, work: Work, *, done: Done, failed: Failed) -> None:
    """``run_quietly`` at once on the calling thread (deterministic UI tests)."""
    run_inline(parent, "", work, done=done, failed=failed)


def run_inline(parent: QWidget, title: str, work: Work, *, done: Done, failed: Failed) -> None:
    """Run the work at once on the calling thread (deterministic UI tests)."""
    try:
        result = work(no_progress, not_cancelled)
    except BaseException as exc:
        failed(exc)
    else:
        done(result)
