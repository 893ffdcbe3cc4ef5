"""The dialog to add or edit one trip (派车单): its programme item, times, places, route and purpose, the
car and driver (free ones first, busy ones marked), its passengers and their seats, who asked and who
approved, and the odometer readings.

The dialog saves through ``submit(edit)`` (the page's undoable save): a refusal is shown next to its
buttons and the dialog stays open.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rdplanner.errors import InvalidInput, RdplannerError
from rdplanner.transport.trips_read import ASSUMED_DURATION, TRIP_KINDS, TripRow
from ui.dialogs import fit_to_screen
from ui.transport.choices import Option, driver_options, inferred_overrides, vehicle_options
from ui.transport.passenger_panel import PassengerPanel
from ui.transport.trip_data import TripChoices
from ui.transport.trip_save import TripEdit

NONE = -1
TIP = Qt.ItemDataRole.ToolTipRole
TAKEN = QColor("#80868b")  # a busy car or driver in the lists
NO_READING = -1
TIME_FORMAT = "yyyy年M月d日 HH:mm"


def _moment(edit: QDateTimeEdit) -> datetime:
    return edit.dateTime().toPython().replace(second=0, microsecond=0)


def _set_moment(edit: QDateTimeEdit, moment: datetime) -> None:
    edit.setDateTime(QDateTime(moment))


class TripDialog(QDialog):
    """``around(start, end)`` returns the trips of every event overlapping that time (to mark busy cars
    and drivers); ``submit(edit)`` saves and returns the refusal, or None once saved."""

    def __init__(self, parent: QWidget | None, *, choices: TripChoices, day: date,
                 around: Callable[[datetime, datetime], Sequence[TripRow]],
                 submit: Callable[[TripEdit], RdplannerError | None], trip: TripRow | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑行程") if trip else self.tr("新建行程"))
        self._choices, self._trip, self._around, self._submit = choices, trip, around, submit
        self._vehicles = {v.id: v for v in choices.fleet.vehicles}
        self.item = QComboBox(self)
        self.item.addItem(self.tr("（不关联日程）"), NONE)
        for entry in choices.items:
            self.item.addItem(entry.label, entry.id)
        self.kind = QComboBox(self)
        for code, label in TRIP_KINDS.items():
            self.kind.addItem(label, code)
        self.purpose = QLineEdit(self, maxLength=200, placeholderText=self.tr("如：接送参会人员"))
        self.has_depart = QCheckBox(self.tr("出发"), self, checked=True)
        self.depart = QDateTimeEdit(self, calendarPopup=True, displayFormat=TIME_FORMAT)
        self.has_return = QCheckBox(self.tr("返回"), self, checked=True)
        self.returns = QDateTimeEdit(self, calendarPopup=True, displayFormat=TIME_FORMAT)
        self.origin = QLineEdit(self, maxLength=200, placeholderText=self.tr("如：驻地宾馆"))
        self.destination = QLineEdit(self, maxLength=200, placeholderText=self.tr("如：会场"))
        self.route = QLineEdit(self, placeholderText=self.tr("途经道路或停靠点（可不填）"))
        self.vehicle = QComboBox(self)
        self.driver = QComboBox(self)
        self.busy_note = QLabel(self, objectName="warning", wordWrap=True)
        self.requested_by = QLineEdit(self, maxLength=60)
        self.approved_by = QLineEdit(self, maxLength=60)
        self.odometer_out = self._reading()
        self.odometer_in = self._reading()
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(44)
        self.passengers = PassengerPanel(choices.people, convention=choices.convention, parent=self)
        self.error = QLabel(self, objectName="error", wordWrap=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._busy_soon = QTimer(self, singleShot=True, interval=200)
        self._build_layout()
        self._fill(trip, day)
        self._last_depart = _moment(self.depart)
        self._times_toggled()
        self._connect()
        self._refresh_fleet()
        self._initial = (self.passengers.riders(), self.passengers.overrides())
        fit_to_screen(self, 1000, 660)

    def _reading(self) -> QSpinBox:
        spin = QSpinBox(self, minimum=NO_READING, maximum=9_999_999, suffix=self.tr(" 公里"))
        spin.setSpecialValueText(self.tr("未填"))
        spin.setValue(NO_READING)
        return spin

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("日程"), self.item)
        kind = QHBoxLayout()
        kind.addWidget(self.kind)
        kind.addWidget(QLabel(self.tr("用途"), self))
        kind.addWidget(self.purpose, 1)
        form.addRow(self.tr("类别"), kind)
        for check, edit in ((self.has_depart, self.depart), (self.has_return, self.returns)):
            form.addRow(check, edit)
        form.addRow(self.tr("出发地"), self.origin)
        form.addRow(self.tr("目的地"), self.destination)
        form.addRow(self.tr("路线"), self.route)
        form.addRow(self.tr("车辆"), self.vehicle)
        form.addRow(self.tr("驾驶员"), self.driver)
        form.addRow("", self.busy_note)
        people = QHBoxLayout()
        people.addWidget(self.requested_by)
        people.addWidget(QLabel(self.tr("审批人"), self))
        people.addWidget(self.approved_by)
        form.addRow(self.tr("申请人"), people)
        readings = QHBoxLayout()
        readings.addWidget(self.odometer_out)
        readings.addWidget(QLabel(self.tr("回场"), self))
        readings.addWidget(self.odometer_in)
        form.addRow(self.tr("出车里程"), readings)
        form.addRow(self.tr("备注"), self.notes)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(left, 5)
        columns.addWidget(self.passengers, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.item.activated.connect(self._item_chosen)
        self.has_depart.toggled.connect(self._times_toggled)
        self.has_return.toggled.connect(self._times_toggled)
        self.depart.dateTimeChanged.connect(self._depart_moved)
        self.returns.dateTimeChanged.connect(lambda *_: self._busy_soon.start())
        self._busy_soon.timeout.connect(self._refresh_fleet)
        self.vehicle.currentIndexChanged.connect(self._vehicle_chosen)
        self.driver.currentIndexChanged.connect(self._show_busy)

    def _fill(self, trip: TripRow | None, day: date) -> None:
        if trip is None:
            _set_moment(self.depart, datetime.combine(day, time(8)))
            _set_moment(self.returns, datetime.combine(day, time(11, 30)))
            self._current = (None, None)
            return
        self.item.setCurrentIndex(max(0, self.item.findData(trip.sitting_id if trip.sitting_id else NONE)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(trip.kind)))
        self.purpose.setText(trip.purpose)
        start = trip.depart_at or datetime.combine(day, time(8))
        _set_moment(self.depart, start)
        _set_moment(self.returns, trip.return_at or start + ASSUMED_DURATION)
        self.has_depart.setChecked(trip.depart_at is not None)
        self.has_return.setChecked(trip.return_at is not None)
        for edit, text in ((self.origin, trip.origin), (self.destination, trip.destination),
                           (self.route, trip.route), (self.requested_by, trip.requested_by),
                           (self.approved_by, trip.approved_by)):
            edit.setText(text)
        self.notes.setPlainText(trip.notes)
        for spin, value in ((self.odometer_out, trip.odometer_out), (self.odometer_in, trip.odometer_in)):
            spin.setValue(NO_READING if value is None else value)
        self._current = (trip.vehicle_id, trip.driver_id)
        kind = trip.vehicle_kind or None
        stored = {p.participation_id: p.seat_position for p in trip.passengers}
        riders = [p for p in self._choices.people if p.participation_id in stored]
        self.passengers.set_riders(stored, inferred_overrides(kind, riders, stored,
                                                              convention=self._choices.convention))
        self._suggest_for(trip.sitting_id)

    # -- reacting --

    def _item_chosen(self) -> None:
        """A programme item chosen: its time, place, name and kind become the trip's defaults."""
        entry = self._choices.item(self.item.currentData())
        self._suggest_for(entry.id if entry else None)
        if entry is None:
            return
        kinds = {"arrival": "pickup", "departure": "dropoff", "visit": "visit"}
        self.kind.setCurrentIndex(max(0, self.kind.findData(kinds.get(entry.kind, "meeting"))))
        self.purpose.setText(entry.name)
        self.destination.setText(self._choices.place_of(entry))
        if entry.starts_at is not None:
            self.has_depart.setChecked(True)
            _set_moment(self.depart, entry.starts_at)
            self.has_return.setChecked(entry.ends_at is not None)
            if entry.ends_at is not None:
                _set_moment(self.returns, entry.ends_at)

    def _suggest_for(self, item_id: int | None) -> None:
        entry = self._choices.item(item_id)
        self.passengers.suggest(entry.attendee_ids if entry else ())

    def _depart_moved(self, *_args) -> None:
        """Keep the trip's length when its departure moves."""
        moment = _moment(self.depart)
        if self.has_return.isChecked():
            _set_moment(self.returns, _moment(self.returns) + (moment - self._last_depart))
        self._last_depart = moment
        self._busy_soon.start()

    def _times_toggled(self, *_args) -> None:
        self.depart.setEnabled(self.has_depart.isChecked())
        self.has_return.setEnabled(self.has_depart.isChecked())
        self.returns.setEnabled(self.has_depart.isChecked() and self.has_return.isChecked())
        self._busy_soon.start()

    def span(self) -> tuple[datetime | None, datetime | None]:
        """The trip's time as entered: (departure, return), None where not given."""
        if not self.has_depart.isChecked():
            return None, None
        return _moment(self.depart), _moment(self.returns) if self.has_return.isChecked() else None

    def _refresh_fleet(self) -> None:
        """Fill the car and driver lists for the trip's time, keeping the choices."""
        start, end = self.span()
        around = self._around(start, end or start + ASSUMED_DURATION) if start is not None else ()
        trip_id = self._trip.id if self._trip else None
        event_id = self._trip.event_id if self._trip else None
        vehicle = self.vehicle.currentData() if self.vehicle.count() else self._current[0]
        driver = self.driver.currentData() if self.driver.count() else self._current[1]
        fleet = self._choices.fleet
        self._fill_combo(self.vehicle, self.tr("（暂不派车）"), vehicle, vehicle_options(
            fleet, around, trip_id=trip_id, current_id=self._current[0], event_id=event_id))
        self._fill_combo(self.driver, self.tr("（未定）"), driver, driver_options(
            fleet, around, trip_id=trip_id, current_id=self._current[1], start=start, end=end,
            event_id=event_id))
        self._vehicle_chosen(keep_driver=True)

    def _fill_combo(self, combo: QComboBox, empty: str, chosen: int | None, options: list[Option]) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(empty, NONE)
        for option in options:
            combo.addItem(option.text, option.id)
            if option.busy:
                combo.setItemData(combo.count() - 1, option.busy, TIP)
                combo.setItemData(combo.count() - 1, QBrush(TAKEN), Qt.ItemDataRole.ForegroundRole)
        combo.setCurrentIndex(max(0, combo.findData(chosen if chosen is not None else NONE)))
        combo.blockSignals(False)

    def _vehicle_chosen(self, *_args, keep_driver: bool = False) -> None:
        vehicle = self._vehicles.get(self.vehicle.currentData())
        self.passengers.set_vehicle(vehicle.kind if vehicle else None,
                                    vehicle.passenger_seats if vehicle else None)
        if not keep_driver and vehicle is not None and vehicle.default_driver_id is not None \
                and self.driver.currentData() == NONE:
            self.driver.setCurrentIndex(max(0, self.driver.findData(vehicle.default_driver_id)))
        self._show_busy()

    def _show_busy(self, *_args) -> None:
        notes = [combo.itemData(combo.currentIndex(), TIP) for combo in (self.vehicle, self.driver)]
        self.busy_note.setText("\n".join(n for n in notes if n))

    # -- saving --

    def values(self) -> dict:
        start, end = self.span()
        item = self.item.currentData()
        return {"sitting_id": None if item == NONE else item, "kind": self.kind.currentData(),
                "purpose": self.purpose.text(), "origin": self.origin.text(),
                "destination": self.destination.text(), "route": self.route.text(), "depart_at": start,
                "return_at": end, "requested_by": self.requested_by.text(),
                "approved_by": self.approved_by.text(),
                "odometer_out": self._value(self.odometer_out), "odometer_in": self._value(self.odometer_in),
                "notes": self.notes.toPlainText()}

    @staticmethod
    def _value(spin: QSpinBox) -> int | None:
        return None if spin.value() == NO_READING else spin.value()

    def edit(self) -> TripEdit:
        riders, overrides = self.passengers.riders(), self.passengers.overrides()
        before = (set(self._initial[0]), self._initial[1])
        unchanged = (set(riders), overrides) == before if self._trip is not None else not riders
        vehicle, driver = (None if c.currentData() == NONE else c.currentData()
                           for c in (self.vehicle, self.driver))
        return TripEdit(self.values(), vehicle, driver, None if unchanged else riders, overrides)

    def accept(self) -> None:
        error = self._submit(self.edit())
        if error is None:
            super().accept()
            return
        self.error.setText(str(error))
        fields = {"sitting_id": self.item, "depart_at": self.depart, "return_at": self.returns,
                  "participation_ids": self.passengers.people, "overrides": self.passengers.seats,
                  "vehicle_id": self.vehicle, "driver_id": self.driver}
        field = error.field if isinstance(error, InvalidInput) else ""
        widget = fields.get(field) or getattr(self, field, None) if field else None
        if isinstance(widget, QWidget):
            widget.setFocus()
