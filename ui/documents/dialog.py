"""The options asked before any document is exported or printed, built from the document's declaration
(rdplanner.domain.Document): one combo per option, a 格式 combo for a document with several file types,
its hint, and 导出文件… / 打印预览… / 取消."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rdplanner.domain import DocOption, Document
from ui.dialogs import fit_to_screen

FORMATS = {".pdf": "PDF（打印张贴）", ".xlsx": "Excel（.xlsx，便于修改）"}
SAVE, PRINT = "save", "print"


@dataclass
class DocumentChoice:
    """What the officer chose: ``action`` is "save" or "print"; ``options`` go to the document's writer."""

    action: str
    options: dict[str, Any] = field(default_factory=dict)
    suffix: str = ".pdf"


class DocumentDialog(QDialog):
    """The options of one document, each preset from ``defaults`` (option key → value) when it is a choice.

    ``suffix`` preselects the file type of a document that has several.
    """

    def __init__(self, document: Document, defaults: Mapping[str, Any] | None = None, *,
                 suffix: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.choice: DocumentChoice | None = None
        self.setWindowTitle(self.tr("%1：导出与打印").replace("%1", document.title))
        form = QFormLayout()
        self.fields: dict[str, QComboBox] = {}
        for option in document.options:
            self.fields[option.key] = self._combo([label for _, label in option.choices],
                                                  _index_of(option, defaults or {}))
            form.addRow(option.label, self.fields[option.key])
        self.format: QComboBox | None = None
        if len(document.suffixes) > 1:
            start = document.suffixes.index(suffix) if suffix in document.suffixes else 0
            self.format = self._combo([FORMATS.get(s, s) for s in document.suffixes], start)
            form.addRow(self.tr("格式"), self.format)
            self.format.currentIndexChanged.connect(self._update_print)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.hint = QLabel(document.hint, self, wordWrap=True, objectName="hint")
        self.hint.setVisible(bool(document.hint))
        layout.addWidget(self.hint)
        layout.addWidget(self._buttons())
        self._update_print()
        # A wrapped hint's sizeHint is one guess of its lines; the height for the dialog's width is exact,
        # so a long hint (the passes') is shown whole, not cut at its first and last lines.
        fit_to_screen(self, 480, max(self.sizeHint().height(), layout.totalHeightForWidth(480)))

    def _combo(self, labels: list[str], current: int) -> QComboBox:
        combo = QComboBox(self)
        combo.addItems(labels)
        combo.setCurrentIndex(current)
        return combo

    def _buttons(self) -> QDialogButtonBox:
        # Plain buttons only: a standard Cancel gets the style's icon (on most desktops), the two
        # custom buttons none, and the row looked unfinished.
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("导出文件…"), self)
        self.print_button = QPushButton(self.tr("打印预览…"), self)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.setVisible(".pdf" in self.document.suffixes)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self._finish(SAVE))
        self.print_button.clicked.connect(lambda: self._finish(PRINT))
        return buttons

    def suffix(self) -> str:
        """The chosen file type (".pdf", ".xlsx")."""
        suffixes = self.document.suffixes
        return suffixes[self.format.currentIndex()] if self.format is not None else suffixes[0]

    def choice_for(self, action: str) -> DocumentChoice:
        """The current options as the writer's keyword arguments (without the path), for ``action``."""
        options = {option.key: option.choices[self.fields[option.key].currentIndex()][0]
                   for option in self.document.options}
        return DocumentChoice(action, options, self.suffix())

    def _update_print(self) -> None:
        self.print_button.setEnabled(self.suffix() == ".pdf")

    def _finish(self, action: str) -> None:
        self.choice = self.choice_for(action)
        self.accept()


def _index_of(option: DocOption, defaults: Mapping[str, Any]) -> int:
    """The position of the option's default among its choices, else of its initial value (else 0)."""
    values = [value for value, _ in option.choices]
    if option.key in defaults and defaults[option.key] in values:
        return values.index(defaults[option.key])
    return values.index(option.initial) if option.initial in values else 0


def ask_document(parent: QWidget, document: Document, defaults: Mapping[str, Any] | None = None,
                 suffix: str | None = None) -> DocumentChoice | None:
    """Ask how to export or print ``document``; None if cancelled."""
    dialog = DocumentDialog(document, defaults, suffix=suffix, parent=parent)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
