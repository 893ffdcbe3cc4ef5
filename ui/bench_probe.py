"""Timings that need Qt, run by ``python -m rdplanner bench`` each in a fresh offscreen process, so that what
the officer meets cold is measured cold. Each mode prints one JSON line.

Usage: python -m ui.bench_probe bare                      → {"painted_at"}: a bare PySide6 QMainWindow painted
       python -m ui.bench_probe page NAME DB INI          → {"open_ms"}: the first open of a page (NAME is
                                                            roster, signin or seating), click to painted
       python -m ui.bench_probe actions DB INI FOLDER     → every page opened, then the seating actions timed
                                                            and a script of every action driven under a
                                                            heartbeat; {"auto_seating_click_ms",
                                                            "seat_swap_saved_ms", "gui_longest_block_ms",
                                                            "longest_step", "max_rss_mb", …}
       python -m ui.bench_probe national DB INI           → the seating page of a national-scale event:
                                                            {"open_ms", "auto_seating_click_ms", …}
       python -m ui.bench_probe repaint DB EVENT_ID       → {"drag_repaint_ms", "full_repaint_ms"}
"""

import faulthandler
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_page(name: str, db_path: str, settings_path: str) -> dict:
    """The first open of one page in this process: the click in the navigation list to its paint."""
    from ui.bench_drive import open_main_window, open_page

    app, window, database = open_main_window(db_path, settings_path)
    result = {"open_ms": round(open_page(window, name), 1), "page": name}
    window.close()
    database.close()
    app.quit()
    return result


def measure_actions(db_path: str, settings_path: str, folder: str) -> dict:
    """Open every page, time the seating actions, then drive every action under the heartbeat."""
    from ui.bench_drive import (
        MESSAGES,
        Heartbeat,
        answer_dialogs,
        open_main_window,
        open_page,
        page_widget,
        time_seating_actions,
    )

    out = Path(folder)
    answer_dialogs(out)
    app, window, database = open_main_window(db_path, settings_path)
    first_opens = {name: round(open_page(window, name), 1) for name in window.page_keys()[1:]}
    window.show_page("seating")  # the seating actions are timed on the page shown
    result = time_seating_actions(page_widget(window, "seating"))
    heartbeat = Heartbeat(_script(window, out))
    heartbeat.run()
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    result |= {"gui_longest_block_ms": round(heartbeat.longest_ms, 1), "longest_step": heartbeat.longest_step,
               "max_rss_mb": _peak_mb(), "first_opens_ms": first_opens, "written": written,
               "messages": MESSAGES, "gaps": heartbeat.gaps, "unfinished": heartbeat.unfinished}
    window.close()
    database.close()
    app.quit()
    return result


def _script(window, out: Path) -> list:
    """Every action of the large demo except a page's first open, as the officer would do them."""
    from ui.bench_drive import Step, click_auto_seating, drop_swap, page_widget, seated_pairs

    seating, roster, signin = (page_widget(window, n) for n in ("seating", "roster", "signin"))
    steps = [_page_step(window, name) for name in window.page_keys()]
    steps.append(Step("自动排座", lambda: click_auto_seating(seating)))
    steps += [Step("拖放换座", lambda: drop_swap(seating, *seated_pairs(seating, 1)[0])) for _ in range(3)]
    steps += [Step("撤销", seating.undo_stack.undo), Step("重做", seating.undo_stack.redo)]
    from rdplanner.registry import documents

    for kind in ("seatmap", "cards", "seatlist"):
        name = f"{documents()[kind].title}.pdf"
        steps.append(_export_step(f"导出{name}", lambda k=kind: seating.export(k), out / name))
    steps.append(_page_step(window, "roster"))
    steps.append(_export_step("导出名单", roster.export_roster, out / "参会人员名单.xlsx"))
    steps.append(_page_step(window, "signin"))
    for suffix in (".pdf", ".xlsx"):
        steps.append(_export_step(f"导出签到表{suffix}", lambda s=suffix: signin.export(s),
                                  out / f"签到表{suffix}"))
    return steps


def _page_step(window, name: str):
    from ui.bench_drive import Step

    return Step(f"切换到{name}", lambda: window.show_page(name))


def _export_step(label: str, action, path: Path):
    from ui.bench_drive import Step

    return Step(label, action, done=path.exists)


def measure_national(db_path: str, settings_path: str) -> dict:
    """The seating page of the national-scale event: first open, 自动排座 and a swap, and the peak memory."""
    from ui.bench_drive import (
        MESSAGES,
        answer_dialogs,
        open_main_window,
        open_page,
        page_widget,
        time_seating_actions,
    )

    answer_dialogs(Path(tempfile.gettempdir()))  # only the 自动排座 confirmation is asked
    app, window, database = open_main_window(db_path, settings_path)
    result = {"open_ms": round(open_page(window, "seating"), 1)}
    result |= time_seating_actions(page_widget(window, "seating"))
    result |= {"max_rss_mb": _peak_mb(), "messages": MESSAGES}
    window.close()
    database.close()
    app.quit()
    return result


def measure_repaint(db_path: str, event_id: int) -> dict:
    """The seat map's repaint while a dragged person moves over the seats, and one whole-viewport paint."""
    import statistics

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from rdplanner.db import open_database, sqlite_url
    from ui.app import create_application
    from ui.hub import Hub
    from ui.seating.seat_map_page import SeatMapPage

    app = create_application([sys.argv[0]])
    database = open_database(sqlite_url(db_path))
    page = SeatMapPage(Hub(database))
    page.resize(1366, 820)
    page.show()
    page.load(event_id)
    QApplication.processEvents()
    viewport = page.map.viewport()
    seats = [item for item in page.items.values() if item.zone == "members"][:41]
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
    viewport.update()
    QApplication.processEvents()
    viewport.removeEventFilter(timer)
    result = {"drag_repaint_ms": round(statistics.median(moves), 2), "drag_paints": len(moves),
              "full_repaint_ms": round(paints[-1] if paints else 0.0, 1), "seats": len(page.items)}
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


MODES = {"page": (3, measure_page), "actions": (3, measure_actions), "national": (2, measure_national),
         "repaint": (2, lambda db, event_id: measure_repaint(db, int(event_id)))}


def main(argv: list[str]) -> int:
    faulthandler.enable()  # a crash of Qt prints where it happened, for the benchmark's error message
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if argv == ["bare"]:
        bare_window()
        return 0
    if argv and argv[0] in MODES and len(argv) - 1 == MODES[argv[0]][0]:
        print(json.dumps(MODES[argv[0]][1](*argv[1:]), ensure_ascii=False), flush=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
