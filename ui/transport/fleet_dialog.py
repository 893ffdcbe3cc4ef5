"""The fleet directory dialog (车辆和驾驶员): vehicles and drivers kept across events, in two tabs. Each
edit is saved at once through rdplanner.transport.fleet and broadcast by the hub (every event's trips
page hears it); like the person directory it is not undone."""

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from rdplanner.errors import RdplannerError
from rdplanner.transport.fleet_read import load_fleet
from ui.dialogs import fit_to_screen, show_error
from ui.transport.driver_tab import DriverTab
from ui.transport.vehicle_tab import VehicleTab

HINT = ("车辆和驾驶员名录为各活动共用：修改即时保存，不能撤销（撤销只用于行程）。"
        "不再使用的车辆或驾驶员请“停用”，已有行程记录会保留。")


class FleetDialog(QDialog):
    """``day``: the open event's first day, offered for a driver's new absence."""

    def __init__(self, parent: QWidget | None, hub, *, day: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("车辆和驾驶员"))
        self._hub = hub
        self.tabs = QTabWidget(self)
        self.vehicles = VehicleTab(hub, self)
        self.drivers = DriverTab(hub, self, day=day)
        self.tabs.addTab(self.vehicles, self.tr("车辆"))
        self.tabs.addTab(self.drivers, self.tr("驾驶员"))
        self.hint = QLabel(self.tr(HINT), self, objectName="hint", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.tabs.currentChanged.connect(self._default_button)
        self._default_button()
        self.vehicles.saved.connect(self.reload)
        self.drivers.saved.connect(self.reload)
        self.reload()
        fit_to_screen(self, 960, 640)

    def _default_button(self, *_args) -> None:
        for tab in (self.vehicles, self.drivers):
            tab.save_button.setDefault(tab is self.tabs.currentWidget())

    def reload(self) -> None:
        """Read the fleet again and show it in both tabs (each keeps its selected row)."""
        try:
            fleet = self._hub.read(load_fleet)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        self.vehicles.show_fleet(fleet)
        self.drivers.show_fleet(fleet)

    @classmethod
    def show_directory(cls, parent: QWidget | None, hub, *, day: date | None = None) -> None:
        """Show the directory until closed (tests monkeypatch this)."""
        cls(parent, hub, day=day).exec()
