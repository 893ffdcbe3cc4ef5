"""The only threading code of the UI: run one piece of long work off the GUI thread.

The work gets ``progress(fraction)`` and ``cancelled()`` callbacks (the core's convention) and must not
touch widgets. Its result or exception comes back on the GUI thread. A progress dialog appears only
if the work takes longer than half a second. Tests replace ``run_task`` with ``run_inline``.
"""

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Work = Callable[[Callable[[float], None], Callable[[], bool]], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
SHOW_AFTER_MS = 500


class _Bridge(QObject):
    progressed = Signal(float)
    finished = Signal(object)
    failed = Signal(object)


def run_task(parent: QWidget, title: str, work: Work, *, done: Done, failed: Failed) -> None:
    """Run ``work(progress, cancelled)`` on a worker thread; call ``done`` or ``failed`` on the GUI thread."""
    bridge = _Bridge(parent)
    dialog = QProgressDialog(title, parent.tr("取消"), 0, 1000, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    stop = threading.Event()
    dialog.canceled.connect(stop.set)
    bridge.progressed.connect(lambda f: dialog.setValue(int(max(0.0, min(1.0, f)) * 1000)))

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        dialog.close()
        bridge.deleteLater()
        callback(value)

    bridge.finished.connect(lambda value: finish(done, value))
    bridge.failed.connect(lambda error: finish(failed, error))

    def body() -> None:
        try:
            result = work(bridge.progressed.emit, stop.is_set)
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            bridge.failed.emit(exc)
        else:
            bridge.finished.emit(result)

    QTimer.singleShot(0, lambda: threading.Thread(target=body, name="rdplanner-task", daemon=True).start())


def run_inline(parent: QWidget, title: str, work: Work, *, done: Done, failed: Failed) -> None:
    """Run the work at once on the calling thread (deterministic UI tests)."""
    try:
        result = work(lambda _fraction: None, lambda: False)
    except BaseException as exc:
        failed(exc)
    else:
        done(result)
