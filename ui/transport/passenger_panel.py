"""The trip form's passengers: the event's people as a checkable list with a filter, and the seat order
(乘车座次) computed from them as the core computes it, with seats placed by hand (指定座位).

Emits ``changed`` whenever who rides or where changes.
"""

from collections.abc import Collection, Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rdplanner.transport.seat_order import SeatPlace, seat_order
from ui.transport.trip_data import Passenger
from ui.transport.wording import filled

PID = Qt.ItemDataRole.UserRole
SEAT_COLUMNS = ("座位", "姓名", "指定座次")
PICK = 2  # the column of the hand-set seat


class PassengerPanel(QWidget):
    """``set_vehicle(kind, capacity)`` for the chosen car; ``riders()`` and ``overrides()`` to save."""

    changed = Signal()

    def __init__(self, people: tuple[Passenger, ...], *, convention: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = {p.participation_id: p for p in people}
        self._convention = convention
        self._kind: str | None = None
        self._capacity: int | None = None
        self._overrides: dict[int, int] = {}
        self._suggested: tuple[int, ...] = ()
        self.places: list[SeatPlace] = []
        self.search = QLineEdit(self, placeholderText=self.tr("筛选姓名或单位"), clearButtonEnabled=True)
        self.needy_only = QCheckBox(self.tr("只看需用车的"), self)
        self.people = QListWidget(self)
        for person in people:
            entry = QListWidgetItem(person.text)
            entry.setData(PID, person.participation_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(entry)
        self.add_suggested = QPushButton(self.tr("加入日程中需用车的人员"), self, enabled=False)
        self.count = QLabel(self)
        self.seats = QTableWidget(0, len(SEAT_COLUMNS), self)
        self.explain = QLabel(self.tr("座次按名单顺序自动排定（1 为尊位）；"
                                      "在“指定座次”中填座次号可手动指定，清空恢复自动。"),
                              self, objectName="hint", wordWrap=True)
        self._refresh_soon = QTimer(self, singleShot=True, interval=0)
        self._build()

    def _build(self) -> None:
        self.seats.setHorizontalHeaderLabels(list(SEAT_COLUMNS))
        self.seats.verticalHeader().setVisible(False)
        self.seats.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.seats.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.seats.horizontalHeader()
        for column, width in enumerate((96, 120, 70)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.seats.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.needy_only)
        below = QHBoxLayout()
        below.addWidget(self.count, 1)
        below.addWidget(self.add_suggested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.people, 3)
        layout.addLayout(below)
        layout.addWidget(QLabel(self.tr("乘车座次"), self))
        layout.addWidget(self.seats, 2)
        layout.addWidget(self.explain)
        self.search.textChanged.connect(self._filter)
        self.needy_only.toggled.connect(self._filter)
        self.people.itemChanged.connect(lambda *_: self._refresh_soon.start())
        self.seats.itemChanged.connect(self._override_edited)
        self.add_suggested.clicked.connect(self._add_suggested)
        self._refresh_soon.timeout.connect(self.refresh)

    # -- what the form sets --

    def set_riders(self, ids: Collection[int], overrides: Mapping[int, int] | None = None) -> None:
        """Check exactly these people (blocking the per-tick refresh) and seat them."""
        wanted = set(ids)
        self.people.blockSignals(True)
        for n in range(self.people.count()):
            entry = self.people.item(n)
            riding = entry.data(PID) in wanted
            entry.setCheckState(Qt.CheckState.Checked if riding else Qt.CheckState.Unchecked)
        self.people.blockSignals(False)
        self._overrides = dict(overrides or {})
        self.refresh()

    def set_vehicle(self, kind: str | None, capacity: int | None) -> None:
        self._kind, self._capacity = kind, capacity
        self.refresh()

    def suggest(self, ids: Collection[int]) -> None:
        """The people a programme item brings who need a ride (None chosen: nobody)."""
        self._suggested = tuple(i for i in ids if i in self._people and self._people[i].needs_transport)
        self.add_suggested.setEnabled(bool(self._suggested))
        self.add_suggested.setToolTip(filled(self.tr("该日程需用车的参加人员共 %1 人"), len(self._suggested)))

    def set_override(self, participation_id: int, position: int | None) -> None:
        """Place a rider in seat ``position`` by hand (None: back to the computed order)."""
        if position is None:
            self._overrides.pop(participation_id, None)
        else:
            self._overrides[participation_id] = position
        self.refresh()

    # -- what the form reads --

    def riders(self) -> tuple[int, ...]:
        return tuple(self.people.item(n).data(PID) for n in range(self.people.count())
                     if self.people.item(n).checkState() == Qt.CheckState.Checked)

    def overrides(self) -> dict[int, int]:
        riding = set(self.riders())
        return {pid: pos for pid, pos in self._overrides.items() if pid in riding}

    def seat_labels(self) -> dict[str, str]:
        """Name → seat label as shown (for checks and tests)."""
        return {self._people[p.participation_id].name: p.label for p in self.places}

    # -- showing --

    def refresh(self) -> None:
        riders = [self._people[i] for i in self.riders()]
        overrides, clash = {}, ""
        for pid, position in self.overrides().items():
            if position in overrides.values():
                clash = self.tr("两人指定了同一座次（%1），后者按自动排定。").replace("%1", str(position))
                continue
            overrides[pid] = position
        self.places = seat_order(self._kind, riders, overrides, convention=self._convention)
        self._show_seats(set(overrides))
        self._show_count(len(riders), clash)
        self.changed.emit()

    def _show_seats(self, placed: set[int]) -> None:
        self.seats.blockSignals(True)
        self.seats.setRowCount(len(self.places))
        for row, place in enumerate(self.places):
            by_hand = place.participation_id in placed
            numbered = place.label == f"第{place.seat_position}座"
            seat = place.label if numbered else f"{place.label}（{place.seat_position}）"
            name = self._people[place.participation_id].name
            texts = (seat, name, str(place.seat_position) if by_hand else "")
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setData(PID, place.participation_id)
                if column != PICK:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                else:
                    cell.setToolTip(self.tr("填座次号（1 为尊位）手动指定；清空恢复自动"))
                self.seats.setItem(row, column, cell)
        self.seats.blockSignals(False)

    def _show_count(self, riders: int, note: str) -> None:
        if self._capacity is None:
            text = filled(self.tr("已选 %1 人（未选车辆）"), riders)
        else:
            text = filled(self.tr("已选 %1 人，可乘 %2 人"), riders, self._capacity)
        over = self._capacity is not None and riders > self._capacity
        if over:
            text += self.tr("，超员 %1 人").replace("%1", str(riders - self._capacity))
        self.count.setText(text + ("。" + note if note else ""))
        self.count.setObjectName("error" if over or note else "")
        self.count.setStyleSheet("color: #b3261e;" if over or note else "")

    def _override_edited(self, cell: QTableWidgetItem) -> None:
        if cell.column() != PICK:
            return
        text = cell.text().strip()
        pid = cell.data(PID)
        if not text:
            self._overrides.pop(pid, None)
        elif text.isdigit() and int(text) >= 1:
            self._overrides[pid] = int(text)
        self._refresh_soon.start()

    def _filter(self, *_args) -> None:
        text = self.search.text().strip()
        needy = self.needy_only.isChecked()
        for n in range(self.people.count()):
            entry = self.people.item(n)
            person = self._people[entry.data(PID)]
            unwanted = needy and not person.needs_transport
            entry.setHidden((bool(text) and text not in entry.text()) or unwanted)

    def _add_suggested(self) -> None:
        self.set_riders(set(self.riders()) | set(self._suggested), self._overrides)
