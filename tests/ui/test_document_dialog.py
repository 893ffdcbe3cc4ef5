"""The one document dialog and flow (ui.documents): each document's options as the registry declares them,
导出文件… writing the chosen options, 打印预览… for every PDF document (the sign-in sheet included), the
roster without a preview, and a cancelled export leaving no file."""

import pypdfium2
import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel

from rdplanner.registry import documents
from ui import tasks
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentDialog
from ui.seating import seat_map_page as page_module

MM_PER_POINT = 25.4 / 72


def form_labels(dialog) -> list[str]:
    form = dialog.findChild(QFormLayout)
    role = QFormLayout.ItemRole.LabelRole
    return [form.itemAt(row, role).widget().text() for row in range(form.rowCount())]


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def press(monkeypatch, button: str, set_up=lambda dialog: None):
    """Replace the dialog's modal exec: set the options with ``set_up``, then click ``button``."""

    def exec_(dialog):
        set_up(dialog)
        getattr(dialog, button).click()
        return dialog.result()

    monkeypatch.setattr(DocumentDialog, "exec", exec_)


@pytest.fixture
def seating(window, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    window.seating.auto_seat()
    return window.seating


def test_dialog_shows_the_seat_map_options_with_their_choices(qtbot):
    dialog = DocumentDialog(documents()["seatmap"])
    qtbot.addWidget(dialog)
    assert form_labels(dialog) == ["视角", "纸张", "方向", "分页"]
    assert items(dialog.fields["landscape"]) == ["横向", "纵向"]
    assert items(dialog.fields["tiles"])[2] == "分 2×2 共 4 页"
    assert dialog.windowTitle() == "座次图：导出与打印"
    assert "拼接" in dialog.findChild(QLabel, "hint").text()


def test_dialog_turns_the_chosen_items_into_writer_options(qtbot):
    dialog = DocumentDialog(documents()["seatmap"], {"viewpoint": "stage"})
    qtbot.addWidget(dialog)
    dialog.fields["tiles"].setCurrentIndex(2)
    dialog.fields["landscape"].setCurrentIndex(1)
    choice = dialog.choice_for("save")
    assert choice.options == {"viewpoint": "stage", "page": "A3", "landscape": False, "tiles": (2, 2)}
    assert choice.suffix == ".pdf" and dialog.fields["viewpoint"].currentText() == "主席台视角"


def test_a_document_with_two_file_types_asks_the_format_and_previews_only_pdf(qtbot):
    dialog = DocumentDialog(documents()["signin"])
    qtbot.addWidget(dialog)
    assert form_labels(dialog) == ["格式"]
    assert items(dialog.format) == ["PDF（打印张贴）", "Excel（.xlsx，便于修改）"]
    assert dialog.print_button.isEnabled()
    dialog.format.setCurrentIndex(1)
    assert dialog.choice_for("save").suffix == ".xlsx" and not dialog.print_button.isEnabled()


def test_the_roster_has_its_option_and_no_print_preview(qtbot):
    dialog = DocumentDialog(documents()["roster"], {"show_sensitive": True})
    qtbot.addWidget(dialog)
    dialog.show()
    assert form_labels(dialog) == ["手机和身份证号"] and dialog.format is None
    assert dialog.fields["show_sensitive"].currentText() == "显示完整号码"
    assert not dialog.print_button.isVisible() and dialog.save_button.isVisible()


@pytest.mark.parametrize("kind", list(documents()))
def test_every_document_dialog_fits_a_1366_by_768_screen(qtbot, kind):
    dialog = DocumentDialog(documents()[kind])
    qtbot.addWidget(dialog)
    hint = dialog.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768 - 80  # a taskbar and the title bar


def test_exporting_the_seat_map_writes_the_chosen_paper(seating, tmp_path, monkeypatch):
    target = tmp_path / "座次图.pdf"
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))

    def a4_portrait(dialog):
        dialog.fields["page"].setCurrentText("A4")
        dialog.fields["landscape"].setCurrentText("纵向")

    press(monkeypatch, "save_button", a4_portrait)
    seating.export("seatmap")
    width, height = pypdfium2.PdfDocument(str(target))[0].get_size()
    assert (round(width * MM_PER_POINT), round(height * MM_PER_POINT)) == (210, 297)
    assert "已导出" in seating.message.text()


def test_the_seat_map_dialog_starts_from_the_page_viewpoint(seating, monkeypatch):
    seen = []
    seating.viewpoint.setCurrentIndex(seating.viewpoint.findData("stage"))
    press(monkeypatch, "cancel_button", lambda dialog: seen.append(dialog.fields["viewpoint"].currentText()))
    seating.export("seatmap")
    assert seen == ["主席台视角"]


def test_print_preview_of_the_sign_in_sheet_shows_its_pages(window, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.documents.printing.QPrintPreviewDialog.exec",
                        lambda dialog: shown.append((dialog.windowTitle(), dialog.document.page_count())))
    press(monkeypatch, "print_button")
    window.show_page("signin")
    window.signin.export()
    assert shown and shown[0][0] == "打印预览：签到表" and shown[0][1] >= 1


def test_the_sign_in_sheet_as_a_workbook_lists_the_sitting(window, tmp_path, monkeypatch):
    target = tmp_path / "签到表.xlsx"
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    press(monkeypatch, "save_button", lambda dialog: dialog.format.setCurrentIndex(1))
    window.show_page("signin")
    window.signin.export()
    texts = [str(c.value) for row in load_workbook(target).active.iter_rows() for c in row if c.value]
    assert window.signin.sitting.currentText().split("　")[-1] in " ".join(texts)


def test_a_cancelled_print_leaves_no_file(seating, tmp_path, monkeypatch):
    folder = tmp_path / "print"
    monkeypatch.setattr(flow_module.tempfile, "mkdtemp", lambda prefix: str(folder.mkdir() or folder))

    def cancelled_at_once(parent, title, work, *, done, failed):
        try:
            done(work(lambda _f: None, lambda: True))
        except BaseException as exc:
            failed(exc)

    monkeypatch.setattr(tasks, "run_task", cancelled_at_once)
    monkeypatch.setattr("ui.documents.printing.QPrintPreviewDialog.exec", lambda dialog: pytest.fail("shown"))
    press(monkeypatch, "print_button")
    seating.export("seatmap")
    assert not folder.exists() and seating.message.text() == "已取消，未生成文件。"


def test_full_numbers_in_the_roster_are_exported_only_after_the_warning(window, tmp_path, monkeypatch):
    from ui.people import roster_page as roster_module

    target = tmp_path / "名单.xlsx"
    asked = []
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    monkeypatch.setattr(roster_module, "ask_yes_no", lambda parent, title, text: asked.append(text) or False)
    press(monkeypatch, "save_button", lambda dialog: dialog.fields["show_sensitive"].setCurrentIndex(1))
    window.show_page("roster")
    window.roster.action_export_roster.trigger()
    assert len(asked) == 1 and "敏感信息" in asked[0] and not target.exists()
    monkeypatch.setattr(roster_module, "ask_yes_no", lambda *args: True)
    window.roster.action_export_roster.trigger()
    texts = [str(c.value) for row in load_workbook(target).active.iter_rows() for c in row if c.value]
    assert window.roster.model.row_at(0).id_card_no in texts
