"""Qt's own dialogs speak Chinese: standard buttons, the line edit's menu, Qt's file and print dialogs."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QMessageBox

from ui.translations import SUPPLEMENT, install_qt_translations

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def chinese(qapp):
    before = QLocale()
    installed = install_qt_translations(qapp)
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_translations_set_the_chinese_locale_and_install_both_catalogs(chinese):
    assert QLocale().name() == "zh_CN"
    assert len(chinese) == 2


def test_standard_buttons_read_ok_and_cancel_in_chinese(chinese, qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    message = QMessageBox(QMessageBox.Icon.Warning, "标题", "内容",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(message)

    assert [b.text() for b in box.buttons()] == ["确定", "取消"]
    assert sorted(b.text() for b in message.buttons()) == sorted(["确定", "取消"])


def test_line_edit_menu_is_chinese(chinese, qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()

    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert "复制(&C)" in texts and "粘贴(&P)" in texts
    assert not [t for t in texts if LATIN_WORD.search(t)]


def test_qt_file_dialog_labels_are_all_chinese(chinese, qtbot, tmp_path):
    dialog = QFileDialog(None, "保存座次图", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.show()

    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    buttons = [b.text() or b.toolTip() for b in dialog.findChildren(QAbstractButton)]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert not [t for t in labels + buttons if LATIN_WORD.search(t)]


def test_qt_print_dialog_labels_are_all_chinese(chinese, qtbot):
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)

    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "打印页面(&S)：" in labels
    assert not [t for t in labels if LATIN_WORD.search(t.replace("PDF", ""))]


def test_supplement_covers_gnome_button_texts(chinese):
    assert QCoreApplication.translate("QPlatformTheme", "Close without Saving") == "关闭且不保存"


def test_supplement_catalog_is_built_from_its_source(tmp_path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease not installed")
    built = tmp_path / "built.qm"
    subprocess.run([str(lrelease), str(SUPPLEMENT.with_suffix(".ts")), "-qm", str(built)], check=True,
                   capture_output=True)

    assert built.read_bytes() == SUPPLEMENT.read_bytes(), "rebuild the .qm from the .ts"
