"""Timings that need Qt, run by ``python -m rdplanner bench`` in a separate process (offscreen).

Usage: python -m ui.bench_probe roster DB_PATH EVENT_ID  → one JSON line {"roster_open_ms": …}
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


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if len(argv) == 3 and argv[0] == "roster":
        print(json.dumps(measure_roster(argv[1], int(argv[2]))), flush=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
