"""pytest-qt setup for the UI tests: Qt runs offscreen, so no display is needed."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from rdplanner.db import open_database, sqlite_url  # noqa: E402
from rdplanner.demo.first_run import ensure_demo_on_first_run  # noqa: E402
from ui import main_window as main_window_module  # noqa: E402
from ui.hub import Hub  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture(autouse=True)
def inline_tasks(request, monkeypatch):
    """Background work runs inline in UI tests, so they stay deterministic, unless marked real_threads."""
    from ui import tasks

    if request.node.get_closest_marker("real_threads") is None:
        monkeypatch.setattr(tasks, "run_task", tasks.run_inline)
        monkeypatch.setattr(tasks, "run_quietly", tasks.run_quietly_inline)


@pytest.fixture
def database(tmp_path):
    db = open_database(sqlite_url(tmp_path / "ui.sqlite"))
    with db.session() as session:
        ensure_demo_on_first_run(session)
    yield db
    db.close()


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def open_window(qtbot, database, settings):
    """Open a main window on the demo database (call again to reopen with the same settings)."""

    def opened() -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.attach(Hub(database))
        window.show()
        return window

    return opened


@pytest.fixture
def window(open_window, monkeypatch):
    monkeypatch.setattr(main_window_module, "ask_save_discard_cancel", lambda *args: "discard")
    return open_window()


