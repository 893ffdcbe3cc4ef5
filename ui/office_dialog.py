"""单位设置: the office's name and the officer who signs the printed documents (rdplanner.office_settings),
kept in the database so everyone on a shared server prints the same."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from rdplanner.office_settings import IDENTITY_FIELDS, office_identity, save_office_identity
from ui.dialogs import fit_to_screen
from ui.service_call import apply_or_report, read_or_report


class OfficeDialog(QDialog):
    def __init__(self, hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self.setWindowTitle(self.tr("单位设置"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("单位名称印在派车单、证件、住宿安排表和厨房备餐通知上；经办人和电话印在"
                                        "住宿安排表和厨房备餐通知上，供饭店和厨房联系。共用服务器时所有人看到同一设置。"),
                                self, wordWrap=True))
        form = QFormLayout()
        identity = read_or_report(self, hub, office_identity)
        values = (identity.name, identity.officer, identity.phone) if identity else ("", "", "")
        self.name, self.officer, self.phone = (QLineEdit(value, self) for value in values)
        for edit, (_key, label, longest) in zip((self.name, self.officer, self.phone), IDENTITY_FIELDS, strict=True):
            edit.setMaxLength(longest)
            form.addRow(self.tr(label) + "：", edit)
        self.officer.setPlaceholderText(self.tr("如：张明"))
        self.phone.setPlaceholderText(self.tr("如：0571-80001234"))
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 460, self.sizeHint().height())

    def save(self) -> None:
        done = apply_or_report(self, self.hub, save_office_identity, error_title=self.tr("无法保存单位设置"),
                               name=self.name.text(), officer=self.officer.text(), phone=self.phone.text())
        if done is not None:
            self.accept()
