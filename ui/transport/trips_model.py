"""An event's trips as a Qt tree: one row per day, its trips under it by departure, a trip with a problem
in red with the findings as its tooltip (no SQL here)."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from rdplanner.labels import VEHICLE_KINDS
from rdplanner.problems import ERROR, Problem
from rdplanner.programme.read import day_text
from rdplanner.transport.fleet_rules import plate_text
from rdplanner.transport.trips_read import TripRow
from ui.transport.trip_data import TripsView

COLUMNS = ("时间", "日程 / 用途", "路线", "车辆", "驾驶员", "人数/座位", "状态")
TRIP_ID = Qt.ItemDataRole.UserRole + 1
DAY = Qt.ItemDataRole.UserRole + 2
FLAGGED = QColor("#b3261e")
NOTED = QColor("#9a6700")


def time_text(trip: TripRow) -> str:
    """"08:00—11:30", "08:00 出发", "08:00—1月5日 10:00", or "未定" (the day is the row's heading)."""
    if trip.depart_at is None:
        return "未定"
    start = f"{trip.depart_at:%H:%M}"
    if trip.return_at is None:
        return f"{start} 出发"
    if trip.return_at.date() != trip.depart_at.date():
        return f"{start}—{trip.return_at.month}月{trip.return_at.day}日 {trip.return_at:%H:%M}"
    return f"{start}—{trip.return_at:%H:%M}"


def vehicle_text(trip: TripRow) -> str:
    if trip.vehicle_id is None:
        return "未派车"
    return f"{plate_text(trip.plate)} {VEHICLE_KINDS.get(trip.vehicle_kind, trip.vehicle_kind)}"


def route_text(trip: TripRow) -> str:
    if not (trip.origin or trip.destination):
        return ""
    return f"{trip.origin or '？'} → {trip.destination or '？'}"


def load_text(trip: TripRow) -> str:
    seats = "—" if trip.capacity is None else trip.capacity
    return f"{len(trip.passengers)}/{seats}"


def texts(trip: TripRow) -> tuple[str, ...]:
    what = trip.sitting_name or trip.purpose or trip.kind_label
    if trip.sitting_name and trip.purpose and not trip.purpose.startswith(trip.sitting_name):
        what = f"{trip.sitting_name}（{trip.purpose}）"
    elif trip.purpose.startswith(trip.sitting_name):  # "代表报到（接站）" already names the item
        what = trip.purpose or what
    return (time_text(trip), what, route_text(trip), vehicle_text(trip), trip.driver_name or "未定",
            load_text(trip), trip.status_label)


class TripsModel(QStandardItemModel):
    """Days as top-level rows, trips as their children; each trip row holds its id in ``TRIP_ID`` and each
    day row its date in ``DAY`` (None for the trips without a time)."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))

    def fill(self, view: TripsView) -> None:
        flagged: dict[int, list[Problem]] = {}
        for problem in view.problems:
            for trip_id in dict.fromkeys(problem.ids("trip")):
                flagged.setdefault(trip_id, []).append(problem)
        self.removeRows(0, self.rowCount())
        days = sorted(set(view.days()) | {t.depart_at.date() for t in view.trips if t.depart_at})
        for day in days:
            trips = [t for t in view.trips if t.depart_at is not None and t.depart_at.date() == day]
            inside = view.start_date <= day <= view.end_date
            number = (day - view.start_date).days + 1
            heading = f"{day_text(day)}　" + (f"第 {number} 天" if inside else "（活动日期外）")
            self._add_day(f"{heading}　{len(trips)} 趟" if trips else heading, day, trips, flagged)
        untimed = [t for t in view.trips if t.depart_at is None]
        if untimed:
            self._add_day(f"未定出发时间　{len(untimed)} 趟", None, untimed, flagged)

    def _add_day(self, heading: str, day: date | None, trips: list[TripRow],
                 flagged: dict[int, list[Problem]]) -> None:
        head = QStandardItem(heading)
        head.setData(day, DAY)
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        row = [head] + [QStandardItem("") for _ in COLUMNS[1:]]
        for cell in row:
            cell.setEditable(False)
        for trip in trips:
            head.appendRow(self._trip_row(trip, flagged.get(trip.id, [])))
        self.appendRow(row)

    def _trip_row(self, trip: TripRow, problems: list[Problem]) -> list[QStandardItem]:
        shown = texts(trip)
        tip = "\n".join(f"⚠ {p.message}" if p.severity == ERROR else f"· {p.message}" for p in problems)
        colour = FLAGGED if any(p.severity == ERROR for p in problems) else NOTED if problems else None
        cells = []
        for text in shown:
            cell = QStandardItem(text)
            cell.setEditable(False)
            cell.setData(trip.id, TRIP_ID)
            cell.setToolTip(tip or text)
            if colour is not None:
                cell.setForeground(QBrush(colour))
            cells.append(cell)
        if colour is FLAGGED:
            cells[1].setText("⚠ " + shown[1])
        return cells
