"""Each page that runs background work, on the real worker thread (not run_inline): roster import,
sign-in sheet export, seat map and find-your-seat list export, and cancelling an export."""

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton

from rdplanner.people.service import load_roster
from ui import dialogs, tasks
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentChoice
from ui.people.import_dialog import ImportDialog
from ui.seating import seat_map_page as page_module

pytestmark = pytest.mark.real_threads
DATA = Path(__file__).parents[1] / "data" / "import"
WAIT_MS = 60_000  # generous: a hang, not slowness, is what this guards against


def save_to(monkeypatch, target, options):
    choice = DocumentChoice("save", options, target.suffix)
    monkeypatch.setattr(flow_module, "ask_document", lambda *args: choice)
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))


def roster_size(window) -> int:
    with window.hub.database.session() as session:
        return len(load_roster(session, event_id=window.editor.event_id()))


@pytest.fixture
def import_dialog(qtbot, window):
    made = ImportDialog(window, window.hub, event_id=window.editor.event_id(), default_role="member")
    qtbot.addWidget(made)
    return made


def test_import_reads_the_file_and_saves_the_ticked_rows_on_the_worker_thread(qtbot, window, import_dialog):
    before = roster_size(window)
    import_dialog.open_file(DATA / "roster.xlsx")
    assert import_dialog.preview is None  # read in the background: nothing yet
    qtbot.waitUntil(lambda: import_dialog.preview is not None, timeout=WAIT_MS)
    accepted = import_dialog.accepted_rows()
    assert accepted
    import_dialog.run_import()
    assert not import_dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: bool(import_dialog.result_text), timeout=WAIT_MS)
    assert "新增" in import_dialog.result_text
    assert roster_size(window) == before + import_dialog.preview.counts(accepted)["add"]


def test_import_of_an_unreadable_file_reports_it_from_the_worker_thread(qtbot, import_dialog, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, error, title="": shown.append(str(error)))
    import_dialog.open_file(DATA / "binary.xlsx")
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert "binary.xlsx" in shown[0] and import_dialog.preview is None


def test_roster_exports_on_the_worker_thread(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "名单.xlsx"
    save_to(monkeypatch, target, {"show_sensitive": False})
    window.show_page("roster")
    window.roster.action_export_roster.trigger()
    assert "已导出" not in window.roster.summary.text()  # written in the background, not before return
    qtbot.waitUntil(lambda: "已导出" in window.roster.summary.text(), timeout=WAIT_MS)
    assert target.read_bytes().startswith(b"PK")


def test_signin_sheet_exports_on_the_worker_thread(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "签到表.pdf"
    save_to(monkeypatch, target, {})
    window.show_page("signin")
    window.signin.export()
    qtbot.waitUntil(lambda: "已导出" in window.signin.message.text(), timeout=WAIT_MS)
    assert target.read_bytes().startswith(b"%PDF")


@pytest.fixture
def seating(window, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    window.seating.auto_seat()
    return window.seating


@pytest.mark.parametrize("kind, options", [
    ("seatlist", {}),
    ("seatmap", {"viewpoint": "audience"}),
])
def test_seat_documents_export_as_pdf_on_the_worker_thread(qtbot, seating, tmp_path, monkeypatch,
                                                            kind, options):
    target = tmp_path / f"{kind}.pdf"
    save_to(monkeypatch, target, options)
    seating.export(kind)
    qtbot.waitUntil(lambda: "已导出" in seating.message.text(), timeout=WAIT_MS)
    assert target.read_bytes().startswith(b"%PDF")


def test_cancel_in_the_progress_dialog_stops_a_seat_map_export(qtbot, seating, tmp_path, monkeypatch):
    target = tmp_path / "座次图.pdf"
    save_to(monkeypatch, target, {"viewpoint": "audience"})
    release, blocked = threading.Event(), []
    tasks.run_task(seating, "占用", lambda progress, cancelled: release.wait(WAIT_MS / 1000),
                   done=blocked.append, failed=blocked.append)  # the export waits behind this job
    seating.export("seatmap")
    seating.findChildren(QProgressDialog)[-1].findChild(QPushButton).click()
    release.set()
    qtbot.waitUntil(lambda: seating.message.text() == "已取消，未生成文件。", timeout=WAIT_MS)
    assert blocked == [True] and not target.exists()
