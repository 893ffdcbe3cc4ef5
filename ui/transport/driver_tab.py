"""The fleet dialog's 驾驶员 tab: every driver (retired ones grey), the form to add or edit one through
rdplanner.transport.fleet (name, phone, unit, licence class), and the periods the selected driver
cannot drive (请假、另有公务), added and removed."""

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rdplanner.transport.fleet import (
    add_absence,
    add_driver,
    remove_absence,
    remove_driver,
    set_driver_active,
    update_driver,
)
from rdplanner.transport.fleet_read import DriverRow, Fleet
from rdplanner.transport.fleet_rules import LICENCE_CLASSES, DriverDraft, plate_text
from rdplanner.transport.trips_read import when_text
from ui.dialogs import ask_yes_no
from ui.transport.fleet_tab import FleetTab
from ui.transport.wording import filled

COLUMNS = ("姓名", "电话", "所属单位", "准驾车型", "默认驾驶车辆", "状态")
TIME_FORMAT = "yyyy年M月d日 HH:mm"


class DriverTab(FleetTab):
    """``day``: the day a new absence is offered for (the open event's first day), else tomorrow."""

    def __init__(self, hub, parent: QWidget | None = None, *, day: date | None = None) -> None:
        super().__init__(hub, COLUMNS, parent)
        self._day = day or date.today() + timedelta(days=1)
        self.fleet: Fleet | None = None
        self._editing: DriverRow | None = None
        self.name = QLineEdit(self, maxLength=60)
        self.phone = QLineEdit(self, maxLength=40)
        self.unit = QLineEdit(self, maxLength=200)
        self.licence = QComboBox(self, editable=True)
        self.licence.addItem("")
        self.licence.addItems(list(LICENCE_CLASSES))
        self.licence.setToolTip(self.tr("大型客车 A1，中型客车 B1，小型汽车 C1"))
        self.notes = QLineEdit(self)
        self.form_title = QLabel(self, objectName="panelTitle")
        self.add_button = QPushButton(self.tr("新增驾驶员"), self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.retire_button = QPushButton(self.tr("停用"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.absences = QListWidget(self)
        self.away_from = QDateTimeEdit(self, calendarPopup=True, displayFormat=TIME_FORMAT)
        self.away_to = QDateTimeEdit(self, calendarPopup=True, displayFormat=TIME_FORMAT)
        self.away_reason = QLineEdit(self, maxLength=100, placeholderText=self.tr("事由，如：年休假"))
        self.add_absence_button = QPushButton(self.tr("添加"), self)
        self.remove_absence_button = QPushButton(self.tr("删除所选"), self)
        self.fields = {"name": self.name, "phone": self.phone, "unit": self.unit,
                       "licence_class": self.licence, "active": self.retire_button, "driver_id": self.table,
                       "starts_at": self.away_from, "ends_at": self.away_to, "reason": self.away_reason}
        self._build()
        self.start_new()

    def _build(self) -> None:
        for column, width in enumerate((90, 110, 180, 70, 200)):
            self.table.horizontalHeader().resizeSection(column, width)
        form = QFormLayout()
        first = QHBoxLayout()
        first.addWidget(self.name, 1)
        first.addWidget(QLabel(self.tr("电话"), self))
        first.addWidget(self.phone, 1)
        first.addWidget(QLabel(self.tr("准驾车型"), self))
        first.addWidget(self.licence)
        form.addRow(self.tr("姓名"), first)
        second = QHBoxLayout()
        second.addWidget(self.unit, 1)
        second.addWidget(QLabel(self.tr("备注"), self))
        second.addWidget(self.notes, 1)
        form.addRow(self.tr("所属单位"), second)
        away = QHBoxLayout()
        for widget in (self.away_from, QLabel(self.tr("至"), self), self.away_to, self.away_reason,
                       self.add_absence_button, self.remove_absence_button):
            away.addWidget(widget)
        self.absences.setMaximumHeight(72)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form_title)
        layout.addLayout(form)
        layout.addLayout(self.button_row(self.add_button, self.save_button, self.retire_button,
                                         self.remove_button))
        self.absence_title = QLabel(self)
        layout.addWidget(self.absence_title)
        layout.addWidget(self.absences)
        layout.addLayout(away)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.add_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.retire_button.clicked.connect(self.toggle_active)
        self.remove_button.clicked.connect(self.remove)
        self.add_absence_button.clicked.connect(self.add_absence)
        self.remove_absence_button.clicked.connect(self.remove_absence)

    def show_fleet(self, fleet: Fleet) -> None:
        self.fleet = fleet
        rows = [(d.id, d.active, (d.name, d.phone, d.unit, d.licence_class or "未登记",
                                  "、".join(plate_text(p) for p in d.default_of),
                                  "在用" if d.active else "已停用")) for d in fleet.drivers]
        self.fill_table(rows, self.chosen_id)
        self._show(next((d for d in fleet.drivers if d.id == self.chosen_id), None))

    def _row_chosen(self) -> None:
        chosen = self.selected_id()
        if chosen is None or self.fleet is None:
            return
        self.chosen_id = chosen
        self.error.clear()
        self._show(next((d for d in self.fleet.drivers if d.id == chosen), None))

    def _show(self, driver: DriverRow | None) -> None:
        self._editing = driver
        if driver is None:
            return self.start_new()
        self.form_title.setText(self.tr("编辑驾驶员 %1").replace("%1", driver.name))
        for edit, text in ((self.name, driver.name), (self.phone, driver.phone), (self.unit, driver.unit),
                           (self.notes, driver.notes)):
            edit.setText(text)
        self.licence.setCurrentText(driver.licence_class)
        self.retire_button.setText(self.tr("停用") if driver.active else self.tr("恢复启用"))
        self._show_absences(driver)

    def _show_absences(self, driver: DriverRow | None) -> None:
        self.absences.clear()
        enabled = driver is not None
        for widget in (self.retire_button, self.remove_button, self.away_from, self.away_to, self.away_reason,
                       self.add_absence_button, self.remove_absence_button):
            widget.setEnabled(enabled)
        if driver is None:
            self.absence_title.setText(self.tr("不能出车的时段：保存驾驶员后可添加。"))
            return
        self.absence_title.setText(self.tr("%1不能出车的时段（请假、另有公务）：").replace("%1", driver.name))
        for absence in (a for a in self.fleet.absences if a.driver_id == driver.id):
            reason = f"　{absence.reason}" if absence.reason else ""
            entry = QListWidgetItem(when_text(absence.starts_at, absence.ends_at) + reason)
            entry.setData(Qt.ItemDataRole.UserRole, absence.id)
            self.absences.addItem(entry)
        if not self.absences.count():
            self.absences.addItem(self.tr("（无）"))

    def start_new(self) -> None:
        """Clear the form for a new driver."""
        self._editing = self.chosen_id = None
        self.table.clearSelection()
        self.form_title.setText(self.tr("新增驾驶员"))
        for edit in (self.name, self.phone, self.unit, self.notes, self.away_reason):
            edit.clear()
        self.licence.setCurrentText("")
        morning = datetime.combine(self._day, time(8))
        self.away_from.setDateTime(QDateTime(morning))
        self.away_to.setDateTime(QDateTime(morning + timedelta(hours=10)))
        self._show_absences(None)
        self.name.setFocus()

    def draft(self) -> DriverDraft:
        return DriverDraft(name=self.name.text(), phone=self.phone.text(), unit=self.unit.text(),
                           licence_class=self.licence.currentText(), notes=self.notes.text())

    def save(self) -> None:
        if self._editing is None:
            self.run(add_driver, select=lambda made: made.value, driver=self.draft())
        else:
            self.run(update_driver, driver_id=self._editing.id, expected_version=self._editing.version,
                     driver=self.draft())

    def toggle_active(self) -> None:
        if self._editing is not None:
            self.run(set_driver_active, driver_id=self._editing.id, active=not self._editing.active)

    def remove(self) -> None:
        driver = self._editing
        question = filled(self.tr("从车队名录中删除驾驶员 %1（连同其请假记录）？此操作不能撤销；"
                                  "已安排行程的驾驶员不能删除，可改为停用。"), driver.name) if driver else ""
        if driver is None or not ask_yes_no(self, self.tr("删除驾驶员"), question):
            return
        self.run(remove_driver, select=lambda _made: None, driver_id=driver.id)

    def add_absence(self) -> None:
        if self._editing is None:
            return
        starts = self.away_from.dateTime().toPython().replace(second=0, microsecond=0)
        ends = self.away_to.dateTime().toPython().replace(second=0, microsecond=0)
        self.run(add_absence, driver_id=self._editing.id, starts_at=starts, ends_at=ends,
                 reason=self.away_reason.text())

    def remove_absence(self) -> None:
        entry = self.absences.currentItem()
        absence_id = entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None
        if absence_id is not None:
            self.run(remove_absence, absence_id=absence_id)
