"""The venue page's small dialogs: a check (name, notes), a material (name, unit, basis, per unit,
prepared, notes) and the question who signs (检查人, 审定人)."""

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rdplanner.venue.defaults import BASES, BASIS_HELP
from rdplanner.venue.read import CheckRow, MaterialRow, formula_text
from rdplanner.venue.service import MAX_PER_UNIT, MAX_PREPARED
from ui.dialogs import fit_to_screen

NOT_COUNTED = -1  # the prepared spin box's special value: 未清点


def ask_name(parent: QWidget | None, title: str, label: str, default: str) -> str | None:
    """Ask who signs; the stripped name, or None if cancelled or left blank."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(default)
    dialog.setOkButtonText(dialog.tr("确定"))
    dialog.setCancelButtonText(dialog.tr("取消"))
    fit_to_screen(dialog, 360, dialog.sizeHint().height())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.textValue().strip() or None


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(dialog.tr("确定"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("取消"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CheckDialog(QDialog):
    """Add or edit a check: its name and notes (what to look at)."""

    def __init__(self, parent: QWidget | None, check: CheckRow | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑检查项目") if check else self.tr("添加检查项目"))
        self.name = QLineEdit(check.name if check else "", self, maxLength=100,
                              placeholderText=self.tr("如：同声传译设备"))
        self.notes = QLineEdit(check.notes if check else "", self,
                               placeholderText=self.tr("检查什么、怎样才算合格"))
        self.error = QLabel(self, objectName="error")
        form = QFormLayout()
        form.addRow(self.tr("检查项目"), self.name)
        form.addRow(self.tr("备注"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        fit_to_screen(self, 440, self.sizeHint().height())

    def values(self) -> dict:
        return {"name": self.name.text().strip(), "notes": self.notes.text().strip()}

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("请填写检查项目名称。"))
            self.name.setFocus()
            return
        super().accept()


@dataclass(frozen=True)
class MaterialDraft:
    name: str
    unit: str
    basis: str
    per_unit: int
    prepared: int | None
    notes: str

    def values(self) -> dict:
        return {"name": self.name, "unit": self.unit, "basis": self.basis, "per_unit": self.per_unit,
                "prepared": self.prepared, "notes": self.notes}


class MaterialDialog(QDialog):
    """Add or edit a material; ``bases`` gives the count behind each basis ("card": 23 name cards)."""

    def __init__(self, parent: QWidget | None, *, bases: dict[str, int], spare_percent: int,
                 material: MaterialRow | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑物品") if material else self.tr("添加物品"))
        self._bases, self._spare = bases, spare_percent
        self.name = QLineEdit(self, maxLength=100, placeholderText=self.tr("如：会议手册"))
        self.unit = QLineEdit(self, maxLength=20, placeholderText=self.tr("张、份、瓶……"))
        self.basis = QComboBox(self)
        for code, label in BASES.items():
            self.basis.addItem(label, code)
            self.basis.setItemData(self.basis.count() - 1, BASIS_HELP[code], Qt.ItemDataRole.ToolTipRole)
        self.per_unit = QSpinBox(self, minimum=0, maximum=MAX_PER_UNIT, value=1)
        self.per_unit_label = QLabel(self)
        self.prepared = QSpinBox(self, minimum=NOT_COUNTED, maximum=MAX_PREPARED, value=NOT_COUNTED,
                                 specialValueText=self.tr("未清点"))
        self.notes = QLineEdit(self)
        self.explain = QLabel(self, objectName="hint", wordWrap=True)
        self.error = QLabel(self, objectName="error")
        self.form = QFormLayout()
        self.form.addRow(self.tr("名称"), self.name)
        self.form.addRow(self.tr("单位"), self.unit)
        self.form.addRow(self.tr("计算依据"), self.basis)
        self.form.addRow(self.per_unit_label, self.per_unit)
        self.form.addRow(self.tr("实备数量"), self.prepared)
        self.form.addRow(self.tr("备注"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.explain)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self))
        if material is not None:
            self.name.setText(material.name)
            self.unit.setText(material.unit)
            self.basis.setCurrentIndex(max(0, self.basis.findData(material.basis)))
            self.per_unit.setValue(material.per_unit)
            self.prepared.setValue(NOT_COUNTED if material.prepared is None else material.prepared)
            self.notes.setText(material.notes)
        else:
            self.basis.setCurrentIndex(self.basis.findData("participant"))
        for signal in (self.basis.currentIndexChanged, self.per_unit.valueChanged, self.unit.textChanged):
            signal.connect(self._explain)
        self._explain()
        fit_to_screen(self, 440, self.sizeHint().height())

    def _explain(self, *_args) -> None:
        """The quantity this basis gives now, as the page will compute it."""
        basis = self.basis.currentData()
        self.per_unit_label.setText(self.tr("数量") if basis == "fixed" else self.tr("每份数量"))
        base = self._bases.get(basis, 0)
        formula = formula_text(basis, base, self.per_unit.value(), self._spare, self.unit.text().strip())
        self.explain.setText(self.tr("%1。计算数量：%2").replace("%1", BASIS_HELP[basis])
                             .replace("%2", formula))

    def draft(self) -> MaterialDraft:
        prepared = self.prepared.value()
        return MaterialDraft(self.name.text().strip(), self.unit.text().strip(), self.basis.currentData(),
                             self.per_unit.value(), None if prepared == NOT_COUNTED else prepared,
                             self.notes.text().strip())

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("请填写物品名称。"))
            self.name.setFocus()
            return
        super().accept()
