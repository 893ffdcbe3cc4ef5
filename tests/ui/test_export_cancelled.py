"""A seating document whose job was cancelled, by whichever part of the core, says so on the page and shows
no error box (ui.documents.flow catches the one Cancelled base)."""

from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from rdplanner.progress import Cancelled
from rdplanner.registry import documents
from ui import dialogs
from ui.documents import flow


class Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.message = QLabel(self)


def test_a_cancelled_job_is_reported_on_the_page_not_as_an_error(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda *args: shown.append(args))
    page = Page()
    qtbot.addWidget(page)

    job = flow._Export(page, documents()["seatmap"], Path("座次图.pdf"), False, page.message.setText)
    flow._failed(job, Cancelled())

    assert page.message.text() == "已取消，未生成文件。" and shown == []
