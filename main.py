"""Start rdplanner: show the main window at once, then open the database and fill it in."""

import argparse
import sys
import threading


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rdplanner", description="rdplanner 会务保障规划")
    parser.add_argument("--db", metavar="PATH", help="SQLite 数据库文件（默认在用户数据目录）")
    parser.add_argument("--settings", metavar="INI", help="界面设置文件（默认为用户设置）")
    return parser.parse_known_args(argv)[0]


def preload_database_layer() -> threading.Thread:
    """Import the schema (with SQLAlchemy, SQLModel and pydantic: about half of the start-up) on a side
    thread while the main thread builds and paints the window; its own imports then find them loaded.

    Only third-party modules and ``rdplanner.models`` (which imports nothing of the app but the clock)
    are imported there, so the two threads cannot wait on each other's module locks. A failure is left
    for the main thread's own import to report.
    """

    def load() -> None:
        try:
            import rdplanner.models  # noqa: F401
        except BaseException:  # noqa: BLE001  (reported by the main thread's import)
            pass

    thread = threading.Thread(target=load, name="preload-database-layer", daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    preload_database_layer()
    from PySide6.QtWidgets import QMessageBox

    from rdplanner.app_log import log_folder
    from rdplanner.errors import RdplannerError
    from ui.app import create_application, install_error_handler, require_display, user_settings_store
    from ui.main_window import MainWindow
    from ui.settings import Settings
    from ui.startup_probe import StartupProbe

    require_display()
    app = create_application(argv)
    install_error_handler(log_folder())
    window = MainWindow(Settings(user_settings_store(args.settings)))
    probe = StartupProbe.from_environment(app, window)
    window.show()
    app.processEvents()
    try:
        database = open_and_prepare(args.db)
    except RdplannerError as exc:
        QMessageBox.critical(window, "无法打开数据库", str(exc))
        return 1
    from ui.hub import Hub

    window.attach(Hub(database))  # shows the database's notices in the status bar
    from ui.gc_tuning import freeze_startup_objects

    freeze_startup_objects()
    if probe is not None:
        probe.event_loaded(window.pages.currentWidget(), window.event_list.current_event_id())
    status = app.exec()
    database.close()
    return status


def open_and_prepare(db_path: str | None):
    """Open the database (``--db``, the environment, or the default) and add the first-run demo."""
    from rdplanner.db import open_database, resolve_url
    from rdplanner.demo.first_run import ensure_demo_on_first_run

    database = open_database(resolve_url(db_path))
    with database.session() as session:
        ensure_demo_on_first_run(session)
    return database


if __name__ == "__main__":
    sys.exit(main())
