"""Start rdplanner: open the database, build the application and show the main window."""

import argparse
import os
import sys


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rdplanner", description="rdplanner 会务保障规划")
    parser.add_argument("--db", metavar="PATH", help="SQLite 数据库文件（默认在用户数据目录）")
    parser.add_argument("--settings", metavar="INI", help="界面设置文件（默认为用户设置）")
    return parser.parse_known_args(argv)[0]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    from PySide6.QtWidgets import QMessageBox

    from rdplanner.db import open_database, resolve_url
    from rdplanner.errors import RdplannerError
    from ui.app import create_application, user_settings_store
    from ui.hub import Hub
    from ui.main_window import MainWindow
    from ui.settings import Settings
    from ui.startup_probe import install_if_requested

    app = create_application(argv)
    try:
        database = open_database(resolve_url(args.db))
        _first_run_demo(database)
    except RdplannerError as exc:
        QMessageBox.critical(None, "无法打开数据库", str(exc))
        return 1
    window = MainWindow(Hub(database), Settings(user_settings_store(args.settings)))
    for notice in database.notices:
        window.statusBar().showMessage(notice, 15000)
    window.open_initial_event()
    install_if_requested(app, window, _probe_work(database))
    window.show()
    status = app.exec()
    database.close()
    return status


def _first_run_demo(database) -> None:
    """Create the demo event the first time a database is opened with no events in it."""
    from rdplanner.demo.first_run import ensure_demo_on_first_run

    with database.session() as session:
        ensure_demo_on_first_run(session)


def _probe_work(database):
    event_id = os.environ.get("RDPLANNER_PROBE_LOAD_PLANS")
    if not event_id:
        return None

    def load() -> None:
        from rdplanner.events.plans import load_event_plans

        with database.session() as session:
            load_event_plans(session, int(event_id))

    return load


if __name__ == "__main__":
    sys.exit(main())
