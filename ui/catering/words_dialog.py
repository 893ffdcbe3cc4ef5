"""The frugality word list dialog (节约词表): the words a menu is reviewed against, each with its rule and
scope; add, edit and remove (through rdplanner.catering.words and the hub, so every page re-checks)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rdplanner.catering.kinds import APPLIES_TO
from rdplanner.catering.read import WordRow, load_words
from rdplanner.catering.words import add_word, remove_word, update_word
from rdplanner.errors import RdplannerError
from ui.dialogs import ask_yes_no, fit_to_screen, show_error

HEADERS = ("词语", "类别", "适用范围", "依据")


class WordForm(QDialog):
    """One word: the word, its category, its scope and the rule it comes from."""

    def __init__(self, parent: QWidget | None, word: WordRow | None = None) -> None:
        super().__init__(parent, windowTitle=self.tr("编辑词语") if word else self.tr("添加词语"))
        form = QFormLayout(self)
        self.word = QLineEdit(word.word if word else "", self, placeholderText=self.tr("菜名中含有即不符合，如：鱼翅"))
        self.category = QLineEdit(word.category if word else "", self, placeholderText=self.tr("如：菜肴、烟酒"))
        self.scope = QComboBox(self)
        for code, label in APPLIES_TO.items():
            self.scope.addItem(label, code)
        self.scope.setCurrentIndex(max(0, self.scope.findData(word.applies_to if word else "all")))
        self.rule = QLineEdit(word.rule if word else "", self, placeholderText=self.tr("文件名称和条款"))
        for label, widget in ((self.tr("词语"), self.word), (self.tr("类别"), self.category),
                              (self.tr("适用范围"), self.scope), (self.tr("依据"), self.rule)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        fit_to_screen(self, 560, self.sizeHint().height())

    def values(self) -> dict:
        return {"word": self.word.text(), "category": self.category.text(), "applies_to": self.scope.currentData(),
                "rule": self.rule.text()}

    @classmethod
    def ask(cls, parent: QWidget, word: WordRow | None = None) -> dict | None:
        dialog = cls(parent, word)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class WordsDialog(QDialog):
    """The whole list; every change is saved at once."""

    def __init__(self, parent: QWidget | None, hub) -> None:
        super().__init__(parent, windowTitle=self.tr("节约词表"))
        self._hub = hub
        self.words: tuple[WordRow, ...] = ()
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)  # the 依据 wraps onto as many lines as it needs, never cut with "…"
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self.edit_current)
        hint = QLabel(self.tr("菜单中的菜名含有下列词语即列为不符合，并注明依据。新数据库按内置词表建立，此后以此处为准。"),
                      self, wordWrap=True, objectName="hint")
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("添加…"), self.add), (self.tr("编辑…"), self.edit_current),
                           (self.tr("删除"), self.remove_current)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()
        for column, width in enumerate((90, 60, 110)):
            self.table.setColumnWidth(column, width)
        fit_to_screen(self, 860, 560)

    def reload(self) -> None:
        try:
            self.words = self._hub.read(load_words)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        self.table.setRowCount(len(self.words))
        for row, word in enumerate(self.words):
            for column, text in enumerate((word.word, word.category, APPLIES_TO.get(word.applies_to, word.applies_to),
                                           word.rule)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, word.id)
                self.table.setItem(row, column, item)

    def current(self) -> WordRow | None:
        row = self.table.currentRow()
        return self.words[row] if 0 <= row < len(self.words) else None

    def _apply(self, service, **kwargs) -> bool:
        try:
            self._hub.apply(service, **kwargs)
        except RdplannerError as exc:
            show_error(self, exc)
            return False
        self.reload()
        return True

    def add(self) -> None:
        values = WordForm.ask(self)
        if values is not None:
            self._apply(add_word, **values)

    def edit_current(self, *_args) -> None:
        word = self.current()
        values = WordForm.ask(self, word) if word else None
        if values is not None:
            self._apply(update_word, word_id=word.id, expected_version=word.version, values=values)

    def remove_current(self) -> None:
        word = self.current()
        if word and ask_yes_no(self, self.tr("删除词语"), self.tr("从节约词表删除“%1”？").replace("%1", word.word)):
            self._apply(remove_word, word_id=word.id)
