"""The fleet dialog's 车辆 tab: every vehicle (retired ones grey), and the form to add or edit one through
rdplanner.transport.fleet (plate, kind, seats, model, unit, own or hired with company and day rate,
default driver); 停用 keeps a vehicle with its trips."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rdplanner.labels import VEHICLE_KINDS
from rdplanner.transport.fleet import add_vehicle, remove_vehicle, set_vehicle_active, update_vehicle
from rdplanner.transport.fleet_read import Fleet, VehicleRow
from rdplanner.transport.fleet_rules import SEAT_RANGES, VehicleDraft
from ui.dialogs import ask_yes_no
from ui.transport.fleet_tab import FleetTab

COLUMNS = ("车牌号", "车型", "核定人数", "品牌型号", "所属单位", "自有/租用", "默认驾驶员", "状态")
NO_DRIVER = -1


class VehicleTab(FleetTab):
    def __init__(self, hub, parent: QWidget | None = None) -> None:
        super().__init__(hub, COLUMNS, parent)
        self.fleet: Fleet | None = None
        self._editing: VehicleRow | None = None
        self.plate = QLineEdit(self, maxLength=20, placeholderText=self.tr("如：浙A12345，点和空格可不输"))
        self.kind = QComboBox(self)
        for code, label in VEHICLE_KINDS.items():
            low, high = SEAT_RANGES[code]
            self.kind.addItem(self.tr("%1（%2–%3 座）").replace("%1", label).replace("%2", str(low))
                              .replace("%3", str(high)), code)
        self.seats = QSpinBox(self, minimum=1, maximum=99, suffix=self.tr(" 座（含驾驶员）"))
        self.model = QLineEdit(self, maxLength=100, placeholderText=self.tr("如：红旗 H5"))
        self.unit = QLineEdit(self, maxLength=200)
        self.hired = QCheckBox(self.tr("租用车辆"), self)
        self.hire_company = QLineEdit(self, maxLength=200, placeholderText=self.tr("租车公司"))
        self.day_rate = QLineEdit(self, placeholderText=self.tr("日租金（元），如 850"))
        self.default_driver = QComboBox(self)
        self.notes = QLineEdit(self)
        self.form_title = QLabel(self, objectName="panelTitle")
        self.add_button = QPushButton(self.tr("新增车辆"), self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.retire_button = QPushButton(self.tr("停用"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.fields = {"plate": self.plate, "kind": self.kind, "seats": self.seats, "model": self.model,
                       "unit": self.unit, "hire_company": self.hire_company, "day_rate": self.day_rate,
                       "default_driver_id": self.default_driver, "vehicle_id": self.table}
        self._build()
        self.start_new()

    def _build(self) -> None:
        widths = (96, 60, 70, 110, 150, 150, 80)
        for column, width in enumerate(widths):
            self.table.horizontalHeader().resizeSection(column, width)
        form = QFormLayout()
        first = QHBoxLayout()
        first.addWidget(self.plate, 2)
        first.addWidget(self.kind, 2)
        first.addWidget(self.seats, 2)
        form.addRow(self.tr("车牌号"), first)
        second = QHBoxLayout()
        second.addWidget(self.model, 1)
        second.addWidget(QLabel(self.tr("所属单位"), self))
        second.addWidget(self.unit, 1)
        form.addRow(self.tr("品牌型号"), second)
        hire = QHBoxLayout()
        hire.addWidget(self.hired)
        hire.addWidget(self.hire_company, 2)
        hire.addWidget(self.day_rate, 1)
        form.addRow(self.tr("来源"), hire)
        third = QHBoxLayout()
        third.addWidget(self.default_driver, 1)
        third.addWidget(QLabel(self.tr("备注"), self))
        third.addWidget(self.notes, 1)
        form.addRow(self.tr("默认驾驶员"), third)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form_title)
        layout.addLayout(form)
        layout.addLayout(self.button_row(self.add_button, self.save_button, self.retire_button,
                                         self.remove_button))
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.hired.toggled.connect(self._hired_toggled)
        self.add_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.retire_button.clicked.connect(self.toggle_active)
        self.remove_button.clicked.connect(self.remove)

    def show_fleet(self, fleet: Fleet) -> None:
        self.fleet = fleet
        rows = [(v.id, v.active, (v.plate_text, v.kind_label, str(v.seats), v.model, v.unit, v.ownership_text,
                                  v.default_driver, "在用" if v.active else "已停用"))
                for v in fleet.vehicles]
        self._fill_drivers()
        self.fill_table(rows, self.chosen_id)
        self._show(next((v for v in fleet.vehicles if v.id == self.chosen_id), None))

    def _fill_drivers(self) -> None:
        current = self.default_driver.currentData()
        self.default_driver.clear()
        self.default_driver.addItem(self.tr("（无）"), NO_DRIVER)
        for driver in self.fleet.drivers if self.fleet else ():
            if driver.active:
                licence = (f"（{driver.licence_class}）" if driver.licence_class
                           else self.tr("（未登记准驾车型）"))
                self.default_driver.addItem(driver.name + licence, driver.id)
        self.default_driver.setCurrentIndex(max(0, self.default_driver.findData(current)))

    def _row_chosen(self) -> None:
        chosen = self.selected_id()
        if chosen is None or self.fleet is None:
            return
        self.chosen_id = chosen
        self.error.clear()
        self._show(next((v for v in self.fleet.vehicles if v.id == chosen), None))

    def _show(self, vehicle: VehicleRow | None) -> None:
        self._editing = vehicle
        if vehicle is None:
            return self.start_new()
        self.form_title.setText(self.tr("编辑车辆 %1").replace("%1", vehicle.plate_text))
        self.plate.setText(vehicle.plate_text)
        self.kind.setCurrentIndex(max(0, self.kind.findData(vehicle.kind)))
        self.seats.setValue(vehicle.seats)
        self.model.setText(vehicle.model)
        self.unit.setText(vehicle.unit)
        self.hired.setChecked(vehicle.hired)
        self.hire_company.setText(vehicle.hire_company)
        self.day_rate.setText(f"{vehicle.day_rate_fen / 100:g}" if vehicle.day_rate_fen is not None else "")
        self.default_driver.setCurrentIndex(max(0, self.default_driver.findData(vehicle.default_driver_id
                                                                                or NO_DRIVER)))
        self.notes.setText(vehicle.notes)
        self.retire_button.setText(self.tr("停用") if vehicle.active else self.tr("恢复启用"))
        self._hired_toggled(vehicle.hired)
        for button in (self.retire_button, self.remove_button):
            button.setEnabled(True)

    def start_new(self) -> None:
        """Clear the form for a new vehicle."""
        self._editing = self.chosen_id = None
        self.table.clearSelection()
        self.form_title.setText(self.tr("新增车辆"))
        for edit in (self.plate, self.model, self.unit, self.hire_company, self.day_rate, self.notes):
            edit.clear()
        self.kind.setCurrentIndex(0)
        self.seats.setValue(5)
        self.hired.setChecked(False)
        self.default_driver.setCurrentIndex(0)
        self._hired_toggled(False)
        for button in (self.retire_button, self.remove_button):
            button.setEnabled(False)
        self.plate.setFocus()

    def _hired_toggled(self, hired: bool) -> None:
        self.hire_company.setEnabled(hired)
        self.day_rate.setEnabled(hired)

    def draft(self) -> VehicleDraft:
        driver = self.default_driver.currentData()
        return VehicleDraft(plate=self.plate.text(), kind=self.kind.currentData(), seats=self.seats.value(),
                            model=self.model.text(), unit=self.unit.text(),
                            default_driver_id=None if driver in (None, NO_DRIVER) else driver,
                            hired=self.hired.isChecked(), hire_company=self.hire_company.text(),
                            day_rate=self.day_rate.text() if self.hired.isChecked() else None,
                            notes=self.notes.text())

    def save(self) -> None:
        if self._editing is None:
            self.run(add_vehicle, select=lambda made: made.value, vehicle=self.draft())
        else:
            self.run(update_vehicle, vehicle_id=self._editing.id, expected_version=self._editing.version,
                     vehicle=self.draft())

    def toggle_active(self) -> None:
        if self._editing is not None:
            self.run(set_vehicle_active, vehicle_id=self._editing.id, active=not self._editing.active)

    def remove(self) -> None:
        vehicle = self._editing
        if vehicle is None or not ask_yes_no(self, self.tr("删除车辆"), self.tr(
                "从车队名录中删除车辆 %1？此操作不能撤销；已安排行程的车辆不能删除，可改为停用。")
                .replace("%1", vehicle.plate_text)):
            return
        self.run(remove_vehicle, select=lambda _made: None, vehicle_id=vehicle.id)
