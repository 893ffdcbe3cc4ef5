"""Bulk change of role, delegation, leave status or the 本地 mark for the selected participants."""

from dataclasses import dataclass
from typing import Optional

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from rdplanner.labels import LEAVE_STATUSES, ROLES
from ui.dialogs import fit_to_screen
from ui.people.roster_model import LOCAL_TIP


@dataclass(frozen=True)
class BulkChange:
    role: Optional[str] = None
    delegation: Optional[str] = None
    leave_status: Optional[str] = None
    is_local: Optional[bool] = None


class BulkDialog(QDialog):
    """Each field applies only when its box is ticked."""

    def __init__(self, parent: QWidget | None, *, count: int, delegations: list[str]) -> None:
        super().__init__(parent, windowTitle=self.tr("批量修改"))
        self.use_role = QCheckBox(self.tr("身份"), self)
        self.role = QComboBox(self)
        for code, label in ROLES.items():
            self.role.addItem(label, code)
        self.use_delegation = QCheckBox(self.tr("代表团/组别"), self)
        self.delegation = QComboBox(self, editable=True)
        self.delegation.addItems(["", *delegations])
        self.use_leave = QCheckBox(self.tr("请假"), self)
        self.leave_status = QComboBox(self)
        for code, label in LEAVE_STATUSES.items():
            self.leave_status.addItem(label, code)
        self.use_local = QCheckBox(self.tr("本地"), self)
        self.is_local = QComboBox(self)
        self.is_local.addItem(self.tr("标为本地人员"), True)
        self.is_local.addItem(self.tr("取消本地标记"), False)
        self.is_local.setToolTip(LOCAL_TIP)
        for box, widget in ((self.use_role, self.role), (self.use_delegation, self.delegation),
                            (self.use_leave, self.leave_status), (self.use_local, self.is_local)):
            widget.setEnabled(False)
            box.toggled.connect(widget.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("应用"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("修改选中的 %n 人：", "", count), self))
        form.addRow(self.use_role, self.role)
        form.addRow(self.use_delegation, self.delegation)
        form.addRow(self.use_leave, self.leave_status)
        form.addRow(self.use_local, self.is_local)
        form.addRow(buttons)
        fit_to_screen(self, 420, self.sizeHint().height())

    def change(self) -> BulkChange:
        return BulkChange(
            role=self.role.currentData() if self.use_role.isChecked() else None,
            delegation=self.delegation.currentText() if self.use_delegation.isChecked() else None,
            leave_status=self.leave_status.currentData() if self.use_leave.isChecked() else None,
            is_local=self.is_local.currentData() if self.use_local.isChecked() else None,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, *, count: int, delegations: list[str]) -> BulkChange | None:
        dialog = cls(parent, count=count, delegations=delegations)
        return dialog.change() if dialog.exec() == QDialog.DialogCode.Accepted else None
