"""The dialog to add or edit a programme item: name, kind, day and times, hall or place, who attends."""

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from rdplanner.errors import InvalidInput, RdplannerError
from rdplanner.labels import ROLES
from rdplanner.programme.kinds import AUDIENCES, ITEM_KINDS
from rdplanner.programme.read import ItemChoices, ProgrammeItem
from rdplanner.programme.service import ItemDraft
from ui.dialogs import fit_to_screen

NO_HALL = -1


class ItemDialog(QDialog):
    """``check(draft)`` validates against the database (raises InvalidInput); the dialog stays open and
    shows the message next to its buttons until the draft passes."""

    def __init__(self, parent: QWidget | None, *, choices: ItemChoices, day: date,
                 check: Callable[[ItemDraft], object], item: ProgrammeItem | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑日程") if item else self.tr("添加日程"))
        self._choices, self._check = choices, check
        self.name = QLineEdit(self, maxLength=200, placeholderText=self.tr("如：第一次全体会议"))
        self.kind = QComboBox(self)
        for code, label in ITEM_KINDS.items():
            self.kind.addItem(label, code)
        self.day = QDateEdit(self, calendarPopup=True, displayFormat="yyyy年M月d日")
        self.starts = QTimeEdit(self, displayFormat="HH:mm")
        self.has_end = QCheckBox(self.tr("至"), self, checked=True)
        self.ends = QTimeEdit(self, displayFormat="HH:mm")
        self.hall = QComboBox(self)
        self.hall.addItem(self.tr("（不在会场举行）"), NO_HALL)
        for hall_id, name in choices.halls:
            self.hall.addItem(name, hall_id)
        self.place = QLineEdit(self, maxLength=200, placeholderText=self.tr("会场以外的地点，如 3号会议室、驻地饭店"))
        self.audience = QComboBox(self)
        for code, label in AUDIENCES.items():
            self.audience.addItem(label, code)
        self.value = QComboBox(self, editable=True)
        self.value.setMinimumContentsLength(12)
        self.search = QLineEdit(self, placeholderText=self.tr("筛选姓名或单位"), clearButtonEnabled=True)
        self.people = QListWidget(self)
        for person in choices.people:
            entry = QListWidgetItem(f"{person.name}　{ROLES.get(person.role, person.role)}　{person.unit}")
            entry.setData(Qt.ItemDataRole.UserRole, person.participation_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(entry)
        self.people_count = QLabel(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(56)
        self.error = QLabel(self, objectName="error", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._build_layout()
        self._connect()
        self._fill(item, day)
        fit_to_screen(self, 620, self.sizeHint().height())

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("类型"), self.kind)
        when = QHBoxLayout()
        for widget in (self.day, self.starts, self.has_end, self.ends):
            when.addWidget(widget)
        when.addStretch(1)
        form.addRow(self.tr("时间"), when)
        form.addRow(self.tr("会场"), self.hall)
        form.addRow(self.tr("地点"), self.place)
        who = QHBoxLayout()
        who.addWidget(self.audience)
        who.addWidget(self.value, 1)
        form.addRow(self.tr("参加人员"), who)
        self.people_box = QWidget(self)
        box = QVBoxLayout(self.people_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.search)
        box.addWidget(self.people)
        box.addWidget(self.people_count)
        form.addRow("", self.people_box)
        form.addRow(self.tr("备注"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.has_end.toggled.connect(self.ends.setEnabled)
        self.audience.currentIndexChanged.connect(self._audience_changed)
        self.search.textChanged.connect(self._filter_people)
        self.people.itemChanged.connect(self._count_people)

    def _fill(self, item: ProgrammeItem | None, day: date) -> None:
        if item is None:
            self.day.setDate(QDate(day.year, day.month, day.day))
            self.starts.setTime(QTime(9, 0))
            self.ends.setTime(QTime(11, 30))
            self._audience_changed()
            return
        self.name.setText(item.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        moment = item.starts_at or datetime.combine(day, time(9))
        self.day.setDate(QDate(moment.year, moment.month, moment.day))
        self.starts.setTime(QTime(moment.hour, moment.minute))
        self.has_end.setChecked(item.ends_at is not None)
        if item.ends_at is not None:
            self.ends.setTime(QTime(item.ends_at.hour, item.ends_at.minute))
        self.hall.setCurrentIndex(max(0, self.hall.findData(item.hall_id if item.hall_id else NO_HALL)))
        self.place.setText(item.place)
        self.audience.setCurrentIndex(max(0, self.audience.findData(item.audience)))
        self._audience_changed()
        if item.audience == "role":
            self.value.setCurrentIndex(max(0, self.value.findData(item.audience_value)))
        elif item.audience in ("delegation", "group"):
            self.value.setCurrentText(item.audience_value)
        named = set(item.named)
        for n in range(self.people.count()):
            entry = self.people.item(n)
            if entry.data(Qt.ItemDataRole.UserRole) in named:
                entry.setCheckState(Qt.CheckState.Checked)
        self.notes.setPlainText(item.notes)

    def _audience_changed(self) -> None:
        audience = self.audience.currentData()
        self.value.clear()
        if audience == "role":
            for role in self._choices.roles or tuple(ROLES):
                self.value.addItem(ROLES.get(role, role), role)
        elif audience == "delegation":
            self.value.addItems(list(self._choices.delegations))
        elif audience == "group":
            self.value.addItems(list(self._choices.groups))
        self.value.setEditable(audience in ("delegation", "group"))
        self.value.setVisible(audience in ("role", "delegation", "group"))
        self.people_box.setVisible(audience == "people")
        self._count_people()
        self.adjustSize()

    def _filter_people(self, text: str) -> None:
        text = text.strip()
        for n in range(self.people.count()):
            entry = self.people.item(n)
            entry.setHidden(bool(text) and text not in entry.text())

    def _count_people(self, *_args) -> None:
        self.people_count.setText(self.tr("已选 %1 人").replace("%1", str(len(self._named()))))

    def _named(self) -> tuple[int, ...]:
        return tuple(self.people.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.people.count())
                     if self.people.item(n).checkState() == Qt.CheckState.Checked)

    def draft(self) -> ItemDraft:
        day = self.day.date().toPython()
        start = datetime.combine(day, self.starts.time().toPython())
        end = datetime.combine(day, self.ends.time().toPython()) if self.has_end.isChecked() else None
        hall = self.hall.currentData()
        audience = self.audience.currentData()
        if audience == "role":
            value = self.value.currentData() or ""
        elif audience in ("delegation", "group"):
            value = self.value.currentText()
        else:
            value = ""
        return ItemDraft(name=self.name.text(), kind=self.kind.currentData(), starts_at=start, ends_at=end,
                         hall_id=None if hall == NO_HALL else hall, place=self.place.text(), audience=audience,
                         audience_value=value, notes=self.notes.toPlainText(),
                         attendees=self._named() if audience == "people" else ())

    def accept(self) -> None:
        try:
            self._check(self.draft())
        except InvalidInput as exc:
            self.error.setText(str(exc))
            fields = {"attendees": self.people, "audience_value": self.value, "starts_at": self.starts,
                      "ends_at": self.ends, "hall_id": self.hall}
            widget = fields.get(exc.field, getattr(self, exc.field, None))
            if isinstance(widget, QWidget):
                widget.setFocus()
            return
        except RdplannerError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
