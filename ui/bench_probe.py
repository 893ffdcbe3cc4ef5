"""Timings that need Qt, run by ``python -m rdplanner bench`` in a separate process (offscreen).

Usage: python -m ui.bench_probe roster DB_PATH EVENT_ID  → one JSON line {"roster_open_ms": …}
       python -m ui.bench_probe seating DB_PATH EVENT_ID → {"scene_build_ms", "drag_repaint_ms", "swap_ms", …}
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


def measure_seating(db_path: str, event_id: int) -> dict:
    """The seat-map editor on a seated hall: building the scene (every seat with its occupant, painted),
    the repaint while a dragged person moves over the seats, and a whole drop (swap saved, reloaded,
    repainted). Medians; the page is shown at 1366×820 and fitted, as the officer sees it."""
    import statistics

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from rdplanner.db import open_database, sqlite_url
    from rdplanner.seating.editing import set_locked_many
    from rdplanner.seating.service import ensure_seat_plan, load_seating, run_auto_seating
    from ui.app import create_application
    from ui.hub import Hub
    from ui.seating.seat_map_page import SeatMapPage

    app = create_application([sys.argv[0]])
    database = open_database(sqlite_url(db_path))
    hub = Hub(database)
    with database.session() as session:
        plan_id, _ = ensure_seat_plan(session, event_id=event_id)
        if not load_seating(session, seat_plan_id=plan_id).assignments:
            run_auto_seating(session, seat_plan_id=plan_id)
    page = SeatMapPage(hub)
    page.resize(1366, 820)
    page.show()
    page.load(event_id)
    QApplication.processEvents()
    viewport = page.map.viewport()
    builds = []
    for _ in range(3):
        started = time.perf_counter()
        page._drawn = None
        page._draw()
        viewport.repaint()
        builds.append((time.perf_counter() - started) * 1000)
    seats = [item for item in page.items.values() if item.zone == "members" and item.participation_id][:41]
    paints: list[float] = []

    class PaintTimer(QObject):
        """Times each paint event of the viewport: what the drag costs per frame."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                started = time.perf_counter()
                page.map.viewportEvent(event)  # the view paints its viewport here
                paints.append((time.perf_counter() - started) * 1000)
                return True
            return False

    timer = PaintTimer()
    viewport.installEventFilter(timer)
    for seat in seats:
        page.map.show_target(seat)  # what a drag-move over a new seat does
        QApplication.processEvents()
        QApplication.processEvents()
    moves = paints[1:] or [0.0]
    paints.clear()
    viewport.update()  # for scale: one whole-viewport paint of the fitted hall
    QApplication.processEvents()
    viewport.removeEventFilter(timer)
    full = paints[-1] if paints else 0.0
    page.map.show_target(None)
    hub.apply(set_locked_many, seat_plan_id=page.view_data.seat_plan_id,
              seat_ids=[seat.seat_id for seat in seats], locked=False)  # a previous run's hand swaps lock seats
    swaps = []
    for first, second in zip(seats[0:10:2], seats[1:10:2]):
        started = time.perf_counter()
        page.place_person(first.participation_id, second.seat_id)
        viewport.repaint()
        swaps.append((time.perf_counter() - started) * 1000)
    result = {"scene_build_ms": round(statistics.median(builds), 1),
              "drag_repaint_ms": round(statistics.median(moves), 2), "drag_paints": len(moves),
              "full_repaint_ms": round(full, 1),
              "swap_ms": round(statistics.median(swaps), 1), "seats": len(page.items)}
    page.undo_stack.clear()
    database.close()
    app.quit()
    return result


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
    if len(argv) == 3 and argv[0] in ("roster", "seating"):
        measure = measure_roster if argv[0] == "roster" else measure_seating
        print(json.dumps(measure(argv[1], int(argv[2]))), flush=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
