"""The dialog to add a new participant or edit one (directory fields, event fields and the 回执).

The phone and ID number are masked as in the roster until the officer ticks 显示 or edits the field.
"""

from datetime import date

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rdplanner.errors import InvalidInput
from rdplanner.labels import LEAVE_STATUSES, ROLES
from rdplanner.masking import shown
from rdplanner.people.replies import REPLY_FIELDS
from rdplanner.people.service import (
    ParticipationDraft,
    PersonDraft,
    RosterRow,
    validate_participation,
    validate_person,
)
from rdplanner.people.validation import print_font_warnings
from ui.dialogs import fit_to_screen
from ui.people.reply_group import ReplyGroup
from ui.people.roster_model import LOCAL_TIP

ETHNICITIES = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 "
    "傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 "
    "毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 "
    "独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
).split()


class SensitiveLineEdit(QLineEdit):
    """A line edit that shows its value masked unless revealed (by the 显示 toggle, or while edited).

    ``value()`` is what gets saved: the real value, never the masked text on screen (text put in
    by any other means than the mask counts as the new value).
    """

    def __init__(self, kind: str, parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self._kind = kind
        self._value = ""
        self._shown = False
        self._editing = False
        self._masked: str | None = None

    def value(self) -> str:
        return self._value if self._masked is not None and self.text() == self._masked else self.text()

    def set_value(self, value: str) -> None:
        self._value = value
        self._render()

    def is_revealed(self) -> bool:
        return self._shown or self._editing

    def set_shown(self, shown_: bool) -> None:
        self._value = self.value()
        self._shown = shown_
        self._render()

    def _render(self) -> None:
        self._masked = None if self.is_revealed() or not self._value else shown(self._value, kind=self._kind)
        self.setText(self._value if self._masked is None else self._masked)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if not self.is_revealed():
            self._editing = True
            self._render()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._editing:
            self._value = self.text()
            self._editing = False
            self._render()


class PersonDialog(QDialog):
    """Edits a PersonDraft and a ParticipationDraft; refuses to close on invalid input."""

    def __init__(self, parent: QWidget | None = None, *, row: RosterRow | None = None, role: str = "member",
                 delegations: list[str] = (), show_sensitive: bool = False, event_start: date | None = None,
                 ) -> None:
        super().__init__(parent, windowTitle=self.tr("编辑参会人员") if row else self.tr("添加参会人员"))
        self.name = QLineEdit(self, maxLength=60)
        self.name_note = QLineEdit(self, maxLength=60, placeholderText=self.tr("同名时填写，如单位或性别"))
        self.gender = QComboBox(self)
        self.gender.addItems(["", "男", "女"])
        self.ethnicity = QComboBox(self, editable=True)
        self.ethnicity.addItems(["", *ETHNICITIES])
        self.unit = QLineEdit(self, maxLength=200)
        self.post = QLineEdit(self, maxLength=200)
        self.delegation = QComboBox(self, editable=True)
        self.delegation.addItems(["", *delegations])
        self.phone = SensitiveLineEdit("phone", self, maxLength=30)
        self.id_card_no = SensitiveLineEdit("id_number", self, maxLength=18)
        self.show_sensitive = QCheckBox(self.tr("显示完整的手机和身份证号"), self, checked=show_sensitive)
        for field in (self.phone, self.id_card_no):
            field.set_shown(show_sensitive)
            self.show_sensitive.toggled.connect(field.set_shown)
        self.role = QComboBox(self)
        for code, label in ROLES.items():
            self.role.addItem(label, code)
        self.rank_order = QSpinBox(self, maximum=99999, specialValueText=self.tr("未设"))
        self.leave_status = QComboBox(self)
        for code, label in LEAVE_STATUSES.items():
            self.leave_status.addItem(label, code)
        self.leave_reason = QLineEdit(self, maxLength=200)
        self.needs_lodging = QCheckBox(self.tr("住宿"), self)
        self.needs_meals = QCheckBox(self.tr("用餐"), self, checked=True)
        self.needs_transport = QCheckBox(self.tr("用车"), self)
        self.is_local = QCheckBox(self.tr("本地"), self)
        self.is_local.setToolTip(LOCAL_TIP)
        self.dietary = QLineEdit(self, maxLength=200, placeholderText=self.tr("如：清真、素食、忌辣"))
        self.notes = QLineEdit(self)
        self.reply = ReplyGroup(self, around=event_start)
        for field, widget in self.reply.fields.items():
            setattr(self, field, widget)  # an InvalidInput's field names the widget to focus
        self.error = QLabel(self, objectName="error", wordWrap=True)
        self._build_layout()
        self._fill(row, role)
        fit_to_screen(self, 900, self.sizeHint().height())

    def _build_layout(self) -> None:
        person = QGroupBox(self.tr("个人信息（人员名录）"), self)
        form = QFormLayout(person)
        for label, widget in ((self.tr("姓名"), self.name), (self.tr("区分备注"), self.name_note),
                              (self.tr("性别"), self.gender), (self.tr("民族"), self.ethnicity),
                              (self.tr("单位"), self.unit), (self.tr("职务"), self.post),
                              (self.tr("手机"), self.phone), (self.tr("身份证号"), self.id_card_no)):
            form.addRow(label, widget)
        form.addRow("", self.show_sensitive)
        wide = self.fontMetrics().horizontalAdvance("33010219721009572X") + 24  # 18 digits, never cut
        for widget in (self.name, self.name_note, self.unit, self.post, self.phone, self.id_card_no):
            widget.setMinimumWidth(wide)
        event = QGroupBox(self.tr("本次活动"), self)
        needs = QHBoxLayout()
        for box in (self.needs_lodging, self.needs_meals, self.needs_transport):
            needs.addWidget(box)
        needs.addSpacing(self.fontMetrics().horizontalAdvance("中中"))
        needs.addWidget(self.is_local)
        needs.addStretch(1)
        form2 = QFormLayout(event)
        for label, widget in ((self.tr("身份"), self.role), (self.tr("职务排序"), self.rank_order),
                              (self.tr("代表团/组别"), self.delegation), (self.tr("请假"), self.leave_status),
                              (self.tr("请假原因"), self.leave_reason), (self.tr("饮食要求"), self.dietary),
                              (self.tr("备注"), self.notes)):
            form2.addRow(label, widget)
        form2.addRow(self.tr("需要"), needs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(person)
        columns.addWidget(event)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.reply)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fill(self, row: RosterRow | None, role: str) -> None:
        person = row.person_draft() if row else PersonDraft(name="")
        part = row.participation_draft() if row else ParticipationDraft(role=role)
        for field in ("name", "name_note", "unit", "post"):
            getattr(self, field).setText(getattr(person, field))
        self.phone.set_value(person.phone)
        self.id_card_no.set_value(person.id_card_no)
        self.gender.setCurrentText(person.gender)
        self.ethnicity.setCurrentText(person.ethnicity)
        self.delegation.setCurrentText(part.delegation or person.delegation)
        self.role.setCurrentIndex(max(0, self.role.findData(part.role)))
        self.rank_order.setValue(part.rank_order)
        self.leave_status.setCurrentIndex(max(0, self.leave_status.findData(part.leave_status)))
        self.leave_reason.setText(part.leave_reason)
        self.needs_lodging.setChecked(part.needs_lodging)
        self.needs_meals.setChecked(part.needs_meals)
        self.needs_transport.setChecked(part.needs_transport)
        self.is_local.setChecked(bool(part.is_local))
        self.dietary.setText(part.dietary)
        self.notes.setText(part.notes)
        self.reply.set_reply({field: getattr(part, field) for field in REPLY_FIELDS})
        self._notes_person = person.notes

    def drafts(self) -> tuple[PersonDraft, ParticipationDraft]:
        """Return the drafts as typed. Raises InvalidInput for a 回执 date or time that is none."""
        person = PersonDraft(
            name=self.name.text(), name_note=self.name_note.text(), gender=self.gender.currentText(),
            ethnicity=self.ethnicity.currentText(), unit=self.unit.text(), post=self.post.text(),
            delegation=self.delegation.currentText(), phone=self.phone.value(),
            id_card_no=self.id_card_no.value(), notes=self._notes_person, is_local=self.is_local.isChecked())
        part = ParticipationDraft(
            role=self.role.currentData(), rank_order=self.rank_order.value(),
            delegation=self.delegation.currentText(), needs_lodging=self.needs_lodging.isChecked(),
            needs_meals=self.needs_meals.isChecked(), needs_transport=self.needs_transport.isChecked(),
            dietary=self.dietary.text(), leave_status=self.leave_status.currentData(),
            leave_reason=self.leave_reason.text(), notes=self.notes.text(),
            is_local=self.is_local.isChecked(), **self.reply.reply())
        return person, part

    def accept(self) -> None:
        try:
            person, part = self.drafts()
            person = validate_person(person)
            validate_participation(part)
        except InvalidInput as exc:
            self.error.setText(str(exc))
            widget = getattr(self, exc.field, None)
            if isinstance(widget, QWidget):
                widget.setFocus()
            return
        warnings = print_font_warnings(person.name, person.name_note)
        warning = "；".join(warnings) + self.tr("。再次点击“保存”仍按此保存。") if warnings else ""
        if warning and self.error.text() != warning:  # told once; the second 保存 saves the name as typed
            self.error.setText(warning)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, *, row: RosterRow | None = None, role: str = "member",
            delegations: list[str] = (), show_sensitive: bool = False, event_start: date | None = None,
            ) -> tuple[PersonDraft, ParticipationDraft] | None:
        dialog = cls(parent, row=row, role=role, delegations=list(delegations), show_sensitive=show_sensitive,
                     event_start=event_start)
        return dialog.drafts() if dialog.exec() == QDialog.DialogCode.Accepted else None
