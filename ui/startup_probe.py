"""Start-up measurement for the benchmark (enabled by RDPLANNER_STARTUP_PROBE=1).

Prints one JSON line on stdout when the main window first paints, and one when the open event is
shown (with the peak memory so far), then quits. RDPLANNER_PROBE_LOAD_PLANS=EVENT_ID first loads
every plan of that event into read models, so the peak memory includes them.
"""

import json
import os
import resource
import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class StartupProbe(QObject):
    """Reports ``painted_at`` at the window's first paint and ``ready_at`` when told."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(app)
        self._app = app
        self._painted = False
        window.installEventFilter(self)

    @classmethod
    def from_environment(cls, app: QApplication, window: QWidget) -> "StartupProbe | None":
        return cls(app, window) if os.environ.get("RDPLANNER_STARTUP_PROBE") == "1" else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            print(json.dumps({"painted_at": time.time()}), flush=True)
        return False

    def ready(self, load_plans: Callable[[int], object] | None = None) -> None:
        """Report that the event is on screen (after the extra loading, if asked) and quit."""
        ready_at = time.time()
        event_id = os.environ.get("RDPLANNER_PROBE_LOAD_PLANS")
        if event_id and load_plans is not None:
            load_plans(int(event_id))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"ready_at": ready_at, "max_rss_mb": round(peak, 1)}), flush=True)
        QTimer.singleShot(0, self._app.quit)
