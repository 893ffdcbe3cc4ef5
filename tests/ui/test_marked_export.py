"""A name the print fonts lack (𠀤七, U+20024): the export asks, 取消 writes nothing, 仍然导出 writes the real
document with 〓 in its place and then names the texts to complete by hand; the same for the print preview
and the sign-in sheet."""

import subprocess

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import select

from rdplanner.models import Participation, Person
from ui import marked_export
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentChoice
from ui.seating import seat_map_page as page_module

RARE_NAME = "\U00020024七"


@pytest.fixture
def rare_name(database):
    """Rename the demo's director (in every demo meeting) 𠀤七 before the window opens."""
    with database.session() as session:
        directors = select(Person).join(Participation, Participation.person_id == Person.id).where(
            Participation.role == "member", Participation.rank_order == 1)
        for person in list(session.exec(directors)):
            person.name = RARE_NAME
            session.add(person)
        session.commit()
    return RARE_NAME


class Answer:
    """Answers each message box as it opens: records its text, presses the button named in ``press``.

    Keep a reference to it: Qt does not keep the polling timer's Python object alive.
    """

    def __init__(self, *press: str) -> None:
        self.press, self.boxes = list(press), []
        self._poll()

    def _poll(self) -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        box = boxes[0] if boxes else None
        if box is not None and self.press:
            self.boxes.append((box.windowTitle(), box.text(), box.informativeText(),
                               box.defaultButton().text() if box.defaultButton() else ""))
            wanted = self.press.pop(0)
            next(b for b in box.buttons() if b.text() == wanted).click()
        if self.press:
            QTimer.singleShot(10, self._poll)


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(text.split()).replace("\u3000", "")


@pytest.fixture
def seating(rare_name, window, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    window.seating.auto_seat()
    return window.seating


def save_to(monkeypatch, target, options):
    choice = DocumentChoice("save", options, target.suffix)
    monkeypatch.setattr(flow_module, "ask_document", lambda *args: choice)
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))


def test_cancel_in_the_missing_glyph_dialog_writes_nothing(seating, tmp_path, monkeypatch):
    target = tmp_path / "座次图.pdf"
    save_to(monkeypatch, target, {"viewpoint": "audience"})
    answer = Answer("取消")

    seating.export("seatmap")

    title, text, hint, default = answer.boxes[0]
    assert title == "打印字体缺字" and "“\U00020024”（U+20024）" in text and RARE_NAME in text
    assert "仍然导出" in hint and "〓" in hint
    assert default == "取消"  # Enter does not print marks
    assert len(answer.boxes) == 1 and not target.exists()
    assert seating.message.text() == "已取消，未生成文件。"


def test_print_anyway_writes_the_seat_map_with_the_mark_and_names_the_marked_text(seating, tmp_path,
                                                                                  monkeypatch):
    target = tmp_path / "座次图.pdf"
    save_to(monkeypatch, target, {"viewpoint": "audience"})
    answer = Answer("仍然导出", "OK")

    seating.export("seatmap")

    assert "〓七" in pdf_text(target) and "已导出" in seating.message.text()
    title, text, _, _ = answer.boxes[1]
    assert title == "请手写补字" and "座次图" in text and RARE_NAME in text and "U+20024" in text


@pytest.mark.parametrize("kind, options", [("cards", {"family": "serif", "per_sheet": False}),
                                           ("seatlist", {})])
def test_print_anyway_writes_cards_and_the_list(seating, tmp_path, monkeypatch, kind, options):
    target = tmp_path / f"{kind}.pdf"
    save_to(monkeypatch, target, options)
    notices = []
    monkeypatch.setattr(marked_export, "show_marked_texts", lambda parent, text: notices.append(text))
    answer = Answer("仍然导出")

    seating.export(kind)

    assert answer.boxes and "〓七" in pdf_text(target)
    assert len(notices) == 1 and RARE_NAME in notices[0]


def test_print_anyway_opens_the_preview_of_the_marked_pdf_after_the_notice(seating, monkeypatch):
    monkeypatch.setattr(flow_module, "ask_document",
                        lambda *args: DocumentChoice("print", {"family": "serif", "per_sheet": False}))
    events = []
    monkeypatch.setattr(marked_export, "show_marked_texts", lambda parent, text: events.append("notice"))

    def preview(dialog):
        events.append("preview")
        events.append(pdf_text(dialog.document.path))

    monkeypatch.setattr("ui.documents.printing.QPrintPreviewDialog.exec", preview)
    answer = Answer("仍然导出")

    seating.export("cards")

    assert answer.boxes
    assert events[:2] == ["notice", "preview"] and "〓七" in events[2]


def test_without_missing_glyphs_no_question_is_asked(window, tmp_path, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    monkeypatch.setattr(marked_export, "ask_print_marked", lambda *args: pytest.fail("asked"))
    window.show_page("seating")
    window.seating.auto_seat()
    target = tmp_path / "座次图.pdf"
    save_to(monkeypatch, target, {"viewpoint": "audience"})
    window.seating.export("seatmap")
    assert target.read_bytes().startswith(b"%PDF")


def test_sign_in_sheet_print_anyway_writes_the_mark(rare_name, window, tmp_path, monkeypatch):
    target = tmp_path / "签到表.pdf"
    save_to(monkeypatch, target, {})
    notices = []
    monkeypatch.setattr(marked_export, "show_marked_texts", lambda parent, text: notices.append(text))
    window.show_page("signin")
    answer = Answer("仍然导出")

    window.signin.export()

    assert answer.boxes and "U+20024" in answer.boxes[0][1]
    assert "〓七" in pdf_text(target) and "已导出" in window.signin.message.text()
    assert len(notices) == 1 and notices[0].startswith("签到表中") and RARE_NAME in notices[0]


def test_sign_in_sheet_cancel_writes_nothing(rare_name, window, tmp_path, monkeypatch):
    target = tmp_path / "签到表.pdf"
    save_to(monkeypatch, target, {})
    window.show_page("signin")
    answer = Answer("取消")

    window.signin.export()

    assert answer.boxes and not target.exists() and "已导出" not in window.signin.message.text()


@pytest.mark.real_threads
def test_print_anyway_on_the_worker_thread(qtbot, seating, tmp_path, monkeypatch):
    target = tmp_path / "座次图.pdf"
    save_to(monkeypatch, target, {"viewpoint": "audience"})
    notices = []
    monkeypatch.setattr(marked_export, "show_marked_texts", lambda parent, text: notices.append(text))
    answer = Answer("仍然导出")

    seating.export("seatmap")

    qtbot.waitUntil(lambda: "已导出" in seating.message.text(), timeout=60_000)
    assert answer.boxes and notices and "〓七" in pdf_text(target)


def test_saving_a_person_whose_name_the_fonts_lack_warns_once_then_saves(qtbot):
    from ui.people.person_dialog import PersonDialog

    dialog = PersonDialog(None, role="member")
    qtbot.addWidget(dialog)
    dialog.name.setText(RARE_NAME)

    dialog.accept()
    assert dialog.result() == 0
    assert dialog.error.text().startswith("姓名：打印字体中没有“\U00020024”（U+20024），座次图、席卡等打印件")
    dialog.accept()
    assert dialog.result() == PersonDialog.DialogCode.Accepted
    assert dialog.drafts()[0].name == RARE_NAME


def test_saving_a_person_with_a_printable_name_asks_nothing(qtbot):
    from ui.people.person_dialog import PersonDialog

    dialog = PersonDialog(None, role="member")
    qtbot.addWidget(dialog)
    dialog.name.setText("王伟")
    dialog.accept()
    assert dialog.result() == PersonDialog.DialogCode.Accepted and dialog.error.text() == ""


@pytest.mark.real_threads
def test_a_quick_failure_never_shows_its_progress_dialog_over_the_question(qtbot):
    """The missing-glyph refusal comes back within SHOW_AFTER_MS: the hidden progress dialog must not
    show itself (with its own 取消) over the question asked from the failure callback."""
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from ui import tasks

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    seen = []

    def failed(_error):
        box = QMessageBox(QMessageBox.Icon.Warning, "打印字体缺字", "…", parent=parent)

        def look():
            seen.append([d.isVisible() for d in parent.findChildren(QProgressDialog)])
            box.close()

        QTimer.singleShot(tasks.SHOW_AFTER_MS + 300, look)
        box.exec()

    def work(progress, cancelled):
        raise ValueError("refused at once")

    tasks.run_task(parent, "正在生成座次图……", work, done=lambda _made: None, failed=failed)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == [[False]]
