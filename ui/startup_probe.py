"""Start-up measurement for the benchmark (enabled by RDPLANNER_STARTUP_PROBE=1).

Prints one JSON line on stdout when the main window first paints (``painted_at``: the placeholder), and one
when the open event is fully shown (``shown_at``: the first paint of the event's page after its data was
loaded, with the id of the event shown, the peak memory so far and the top-level packages imported), then
quits.
"""

import gc
import json
import os
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

GIVE_UP_MS = 20000


class StartupProbe(QObject):
    """Reports ``painted_at`` at the window's first paint and ``shown_at`` at the event page's next one."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(app)
        self._app = app
        self._window = window
        self._page: QWidget | None = None
        self._event_id: int | None = None
        self._painted = False
        window.installEventFilter(self)

    @classmethod
    def from_environment(cls, app: QApplication, window: QWidget) -> "StartupProbe | None":
        return cls(app, window) if os.environ.get("RDPLANNER_STARTUP_PROBE") == "1" else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self._window and not self._painted:
            self._painted = True
            print(json.dumps({"painted_at": time.time()}), flush=True)
        elif self._page is not None and isinstance(watched, QWidget) and (
                watched is self._page or self._page.isAncestorOf(watched)):
            self._page = None
            QTimer.singleShot(0, self._report_shown)  # after this paint has been drawn
        return False

    def event_loaded(self, page: QWidget, event_id: int | None) -> None:
        """The event's data is in ``page``: report at its (or a child's: a scroll area paints only its
        viewport) first paint from now on, then quit."""
        self._page, self._event_id = page, event_id
        self._app.installEventFilter(self)
        page.update()
        QTimer.singleShot(GIVE_UP_MS, self._app.quit)

    def _report_shown(self) -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        shown_at = time.time()
        packages = sorted({name.partition(".")[0] for name in sys.modules})
        print(json.dumps({"shown_at": shown_at, "event_id": self._event_id, "max_rss_mb": round(peak, 1),
                          "packages": packages, "gc_frozen": gc.get_freeze_count()}), flush=True)
        self._app.quit()
