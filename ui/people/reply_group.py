"""The 回执 group of the person dialog: arrival and departure (date, time, mode, number, station, 接站 or
送站) on one line each, and the 上车地点. Dates and times are typed as on the paper slip (1月3日, 9点30) and
read by the same rules as the roster import; 接站/送站 can be ticked only for a train or a plane.
"""

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from rdplanner.errors import InvalidInput
from rdplanner.people.replies import (
    MET_MODES,
    MODES,
    date_text,
    parse_date_text,
    parse_time_text,
    text_limit,
    time_text,
)

LEGS = (("arrival", "到达", "needs_pickup", "接站"), ("departure", "返程", "needs_dropoff", "送站"))


class ReplyGroup(QGroupBox):
    """Edits the reply fields of a ParticipationDraft; ``around`` (the event's first day) dates 1月3日."""

    def __init__(self, parent: QWidget | None = None, *, around: date | None = None) -> None:
        super().__init__(self.tr("回执（到达与返程）"), parent)
        self._around = around
        grid = QGridLayout(self)
        grid.setVerticalSpacing(4)
        titles = (self.tr("日期"), self.tr("时间"), self.tr("方式"), self.tr("车次/航班"),
                  self.tr("车站/机场"))
        for column, title in enumerate(titles, 1):
            grid.addWidget(QLabel(title, self), 0, column)
        self.fields: dict[str, QWidget] = {}
        for row, (leg, way, met, service) in enumerate(LEGS, 1):
            self._add_leg(grid, row, leg, self.tr(way), met, self.tr(service))
        self.fields["pickup_point"] = QLineEdit(self, maxLength=text_limit("pickup_point"),
                                                placeholderText=self.tr("送站时上车的地点，如驻地宾馆"))
        grid.addWidget(QLabel(self.tr("上车地点"), self), 3, 0)
        grid.addWidget(self.fields["pickup_point"], 3, 1, 1, 6)
        grid.setColumnStretch(4, 1)
        grid.setColumnStretch(5, 2)

    def _add_leg(self, grid: QGridLayout, row: int, leg: str, way: str, met: str, service: str) -> None:
        when = QLineEdit(self, maxLength=20, placeholderText=self.tr("如 1月3日"))
        at = QLineEdit(self, maxLength=12, placeholderText=self.tr("如 9:30"))
        when.setFixedWidth(when.fontMetrics().horizontalAdvance("2027-01-03") + 24)
        at.setFixedWidth(at.fontMetrics().horizontalAdvance("下午12:30") + 16)
        mode = QComboBox(self)
        mode.addItem(self.tr("未填"), "")
        for code, label in MODES.items():
            mode.addItem(label, code)
        number = QLineEdit(self, maxLength=text_limit(f"{leg}_number"), placeholderText=self.tr("如 G7512"))
        station = QLineEdit(self, maxLength=text_limit(f"{leg}_station"),
                            placeholderText=self.tr("如 杭州东站"))
        box = QCheckBox(service, self, toolTip=self.tr("只适用于乘高铁或飞机的人员"))
        mode.currentIndexChanged.connect(lambda _index, m=mode, b=box: self._allow_service(m, b))
        self._allow_service(mode, box)
        grid.addWidget(QLabel(way, self), row, 0)
        for column, widget in enumerate((when, at, mode, number, station, box), 1):
            grid.addWidget(widget, row, column)
        self.fields.update({f"{leg}_date": when, f"{leg}_time": at, f"{leg}_mode": mode,
                            f"{leg}_number": number, f"{leg}_station": station, met: box})

    @staticmethod
    def _allow_service(mode: QComboBox, box: QCheckBox) -> None:
        allowed = mode.currentData() in MET_MODES
        box.setEnabled(allowed)
        if not allowed:
            box.setChecked(False)

    def set_reply(self, reply: dict) -> None:
        """Show the reply fields of a draft (modes first: they decide whether 接站/送站 may be ticked)."""
        for leg, _way, met, _service in LEGS:
            mode = self.fields[f"{leg}_mode"]
            mode.setCurrentIndex(max(0, mode.findData(reply.get(f"{leg}_mode", ""))))
            self.fields[f"{leg}_date"].setText(date_text(reply.get(f"{leg}_date")))
            self.fields[f"{leg}_time"].setText(time_text(reply.get(f"{leg}_time")))
            for field in (f"{leg}_number", f"{leg}_station"):
                self.fields[field].setText(reply.get(field, ""))
            self.fields[met].setChecked(bool(reply.get(met)))
        self.fields["pickup_point"].setText(reply.get("pickup_point", ""))

    def reply(self) -> dict:
        """Return the reply fields as typed. Raises InvalidInput naming a date or time that is none."""
        values: dict = {}
        for leg, _way, met, _service in LEGS:
            for field, parse in ((f"{leg}_date", lambda t: parse_date_text(t, around=self._around)),
                                 (f"{leg}_time", parse_time_text)):
                try:
                    values[field] = parse(self.fields[field].text())
                except ValueError as exc:
                    raise InvalidInput(str(exc), field=field) from None
            values[f"{leg}_mode"] = self.fields[f"{leg}_mode"].currentData()
            values[f"{leg}_number"] = self.fields[f"{leg}_number"].text()
            values[f"{leg}_station"] = self.fields[f"{leg}_station"].text()
            values[met] = self.fields[met].isChecked()
        values["pickup_point"] = self.fields["pickup_point"].text()
        return values
