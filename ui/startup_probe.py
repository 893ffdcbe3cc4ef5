"""Start-up measurement for the benchmark: report the first paint of a window, then quit.

Enabled by RDPLANNER_STARTUP_PROBE=1; prints one JSON line {"painted_at": epoch seconds,
"max_rss_mb": peak memory} on stdout. RDPLANNER_PROBE_LOAD_PLANS=EVENT_ID first loads every
plan of that event into read models, so the peak memory includes them.
"""

import json
import os
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstPaint(QObject):
    def __init__(self, app: QApplication, extra_work) -> None:
        super().__init__(app)
        self._app = app
        self._extra_work = extra_work
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            painted_at = time.time()
            if self._extra_work is not None:
                self._extra_work()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(json.dumps({"painted_at": painted_at, "max_rss_mb": round(peak, 1)}), flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def install_if_requested(app: QApplication, window: QWidget, extra_work=None) -> None:
    """Watch ``window`` for its first paint when the probe is enabled (no effect otherwise)."""
    if os.environ.get("RDPLANNER_STARTUP_PROBE") != "1":
        return
    probe = _FirstPaint(app, extra_work)
    window.installEventFilter(probe)
    sys.stdout.flush()
