"""The office's order of delegations (代表团顺序), which delegation blocks follow in the hall."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rdplanner.people.ordering import sort_people
from rdplanner.seating.editing import delegation_order, set_delegation_order
from ui.dialogs import fit_to_screen
from ui.hub import Hub
from ui.service_call import apply_or_report


class DelegationOrderDialog(QDialog):
    """Drag the delegations into order (or use 上移/下移); 保存 stores it for the whole office."""

    def __init__(self, hub: Hub, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.setWindowTitle(self.tr("代表团顺序"))
        self.names = QListWidget(self)
        self.names.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.names.addItems(list(hub.read(delegation_order, event_id=event_id)))
        self.names.setCurrentRow(0)
        up, down = QPushButton(self.tr("上移"), self), QPushButton(self.tr("下移"), self)
        strokes = QPushButton(self.tr("按名称笔画重排"), self)
        up.clicked.connect(lambda: self.move_current(-1))
        down.clicked.connect(lambda: self.move_current(1))
        strokes.clicked.connect(self.by_strokes)
        side = QVBoxLayout()
        for button in (up, down, strokes):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.names, 1)
        body.addLayout(side)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "按代表团分块排座时，各代表团在会场中的先后顺序（拖动或用按钮调整）。"
                    "此顺序全办通用，保存后请重新自动排座。"
                ),
                self,
                wordWrap=True,
            )
        )
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 420, 480)

    def order(self) -> list[str]:
        return [self.names.item(i).text() for i in range(self.names.count())]

    def move_current(self, step: int) -> None:
        row = self.names.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.names.count():
            return
        item = self.names.takeItem(row)
        self.names.insertItem(target, item)
        self.names.setCurrentRow(target)

    def by_strokes(self) -> None:
        ordered = sort_people(self.order(), key=lambda name: name)
        self.names.clear()
        self.names.addItems(ordered)

    def save(self) -> None:
        if apply_or_report(self, self._hub, set_delegation_order, names=self.order()) is not None:
            self.accept()
