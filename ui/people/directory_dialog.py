"""Adding people from the directory to the event: picked one by one, or every member of a body at once."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rdplanner.labels import BODIES, ROLES
from rdplanner.people.service import search_directory
from ui.dialogs import fit_to_screen
from ui.hub import Hub


@dataclass(frozen=True)
class DirectoryRequest:
    """What to add: chosen people, or (when ``body`` is set) every current member of that body."""

    role: str
    person_ids: tuple[int, ...] = ()
    body: str = ""


class DirectoryDialog(QDialog):
    """Search the directory and choose whom to add."""

    def __init__(self, parent: QWidget | None, hub: Hub, *, event_id: int, role: str, body: str) -> None:
        super().__init__(parent, windowTitle=self.tr("从人员名录添加"))
        self._hub, self._event_id, self._body = hub, event_id, body
        self.request: DirectoryRequest | None = None
        self.search = QLineEdit(self, placeholderText=self.tr("按姓名、单位、职务或代表团查找"), clearButtonEnabled=True)
        self.role = QComboBox(self)
        for code, label in ROLES.items():
            self.role.addItem(label, code)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("单位"), self.tr("职务"), self.tr("状态")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.add_selected = QPushButton(self.tr("添加选中人员"), self)
        self.add_body = QPushButton(self.tr("添加全部%1（现任）").replace("%1", BODIES.get(body, body) + "成员"), self)
        self.add_body.setVisible(bool(body))
        close = QPushButton(self.tr("关闭"), self)
        timer = QTimer(self, singleShot=True, interval=200)
        timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(timer.start)
        self.add_selected.clicked.connect(self._choose_selected)
        self.add_body.clicked.connect(self._choose_body)
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(QLabel(self.tr("身份"), self))
        top.addWidget(self.role)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_body)
        buttons.addStretch(1)
        buttons.addWidget(self.add_selected)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 760, 520)
        self.refresh()

    def refresh(self) -> None:
        rows = self._hub.read(search_directory, event_id=self._event_id, search=self.search.text())
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            for column, text in enumerate((row.name, row.unit, row.post, self.tr("已在本活动") if row.in_event else "")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if row.in_event:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(n, column, item)

    def _choose_selected(self) -> None:
        ids = tuple(sorted({self.table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
                            for i in self.table.selectionModel().selectedRows()}))
        if ids:
            self.request = DirectoryRequest(role=self.role.currentData(), person_ids=ids)
            self.accept()

    def _choose_body(self) -> None:
        self.request = DirectoryRequest(role=self.role.currentData(), body=self._body)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, hub: Hub, *, event_id: int, role: str, body: str) -> DirectoryRequest | None:
        dialog = cls(parent, hub, event_id=event_id, role=role, body=body)
        dialog.exec()
        return dialog.request
