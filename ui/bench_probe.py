"""Timings that need Qt, run by ``python -m rdplanner bench`` in a separate process (offscreen).

Usage: python -m ui.bench_probe roster DB_PATH EVENT_ID  → one JSON line {"roster_open_ms": …}
       python -m ui.bench_probe bare  → a bare PySide6 QMainWindow; {"painted_at": …} at its first paint
"""

import json
import os
import sys
import time


def measure_roster(db_path: str, event_id: int) -> dict:
    """Open the roster page of an event (load, order, fill the model and lay out the view), cold."""
    from PySide6.QtWidgets import QApplication

    from rdplanner.db import open_database, sqlite_url
    from ui.app import create_application
    from ui.hub import Hub
    from ui.people.roster_page import RosterPage

    app = create_application([sys.argv[0]])
    database = open_database(sqlite_url(db_path))
    page = RosterPage(Hub(database))
    page.resize(1200, 800)
    page.show()
    QApplication.processEvents()
    started = time.perf_counter()
    page.load(event_id)
    page.table.viewport().repaint()
    QApplication.processEvents()
    elapsed = (time.perf_counter() - started) * 1000
    rows = page.model.rowCount()
    database.close()
    app.quit()
    return {"roster_open_ms": round(elapsed, 1), "rows": rows}


def bare_window() -> None:
    """The baseline of the start-up ratio: nothing but PySide6, a QMainWindow and its first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()

    class Probe(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                print(json.dumps({"painted_at": time.time()}), flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    probe = Probe()
    window.installEventFilter(probe)
    window.resize(1360, 860)
    window.show()
    app.exec()


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if argv == ["bare"]:
        bare_window()
        return 0
    if len(argv) == 3 and argv[0] == "roster":
        print(json.dumps(measure_roster(argv[1], int(argv[2]))), flush=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
