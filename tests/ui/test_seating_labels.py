"""Every word the seating and document dialogs show is Chinese (format names such as PDF and Excel aside)."""

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel

from rdplanner.registry import documents
from ui.documents.dialog import DocumentDialog

ALLOWED = {"PDF", "Excel", "xlsx"}  # file formats the office knows by these names


def visible_texts(dialog) -> list[str]:
    texts = [dialog.windowTitle()]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    texts += [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    return texts


@pytest.mark.parametrize("kind", list(documents()))
def test_export_options_speak_chinese(qtbot, kind):
    dialog = DocumentDialog(documents()[kind])
    qtbot.addWidget(dialog)
    english = [text for text in visible_texts(dialog)
               if any(word not in ALLOWED for word in re.findall(r"[A-Za-z]{2,}", text))]
    assert english == []


def test_card_typefaces_are_named_song_and_hei(qtbot):
    dialog = DocumentDialog(documents()["cards"])
    qtbot.addWidget(dialog)
    family = dialog.fields["family"]
    assert [family.itemText(i).split("（")[0] for i in range(family.count())] == ["宋体", "黑体"]
