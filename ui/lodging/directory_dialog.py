"""饭店与房源: the hotel directory (hotels, room types with beds and agreed rate, rooms added one or a
range at a time) and this event's room blocks per room type and night. Directory edits are shared by
every event and saved at once (``save``); block edits are undoable steps of the event (``undoable``).
Both are callables the page passes in; after each the dialog reads the view again (``reload``).
"""

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rdplanner.errors import InvalidInput
from rdplanner.lodging import hotels as directory
from rdplanner.lodging import stays
from rdplanner.lodging.nights import day_text
from rdplanner.lodging.read import LodgingView
from ui.dialogs import fit_to_screen
from ui.lodging.room_tree import ITEM


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _table(parent: QWidget, headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[int, tuple[str, ...]]]) -> None:
    table.setRowCount(len(rows))
    for row, (row_id, texts) in enumerate(rows):
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            cell.setData(ITEM, row_id)
            table.setItem(row, column, cell)


def _chosen(table: QTableWidget) -> list[int]:
    return sorted({table.item(i.row(), 0).data(ITEM) for i in table.selectionModel().selectedRows()})


class DirectoryDialog(QDialog):
    """Edit hotels, room types, rooms and the event's room blocks."""

    def __init__(self, parent: QWidget | None, view: LodgingView, *, save: Callable, undoable: Callable,
                 reload: Callable[[], LodgingView | None], hotel_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("饭店与房源"))
        self.view, self._save, self._undoable, self._reload = view, save, undoable, reload
        self.hotel = QComboBox(self)
        self.tabs = QTabWidget(self)
        self._hotel_tab()
        self._type_tab()
        self._room_tab()
        self._block_tab()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("饭店"), self))
        top.addWidget(self.hotel, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.hotel.currentIndexChanged.connect(self._show_hotel)
        self._fill_hotels(hotel_id)
        fit_to_screen(self, 860, 600)

    # -- building --

    def _hotel_tab(self) -> None:
        page = QWidget(self)
        self.name, self.address = QLineEdit(page), QLineEdit(page)
        self.contact, self.phone = QLineEdit(page), QLineEdit(page)
        self.agreement = QCheckBox(self.tr("协议饭店（定点）"), page, checked=True)
        form = QFormLayout(page)
        for label, widget in ((self.tr("名称"), self.name), (self.tr("地址"), self.address),
                              (self.tr("联系人"), self.contact), (self.tr("电话"), self.phone), ("", self.agreement)):
            form.addRow(label, widget)
        form.addRow(self._buttons(page, (self.tr("保存修改"), self.save_hotel), (self.tr("另存为新饭店"), self.add_hotel),
                                  (self.tr("删除饭店"), self.remove_hotel)))
        self.tabs.addTab(page, self.tr("饭店"))

    def _type_tab(self) -> None:
        page = QWidget(self)
        self.types = _table(page, ("房型", "床位", "套房", "协议价（元/晚）"))
        self.type_name = QLineEdit(page, placeholderText=self.tr("如：标准间"))
        self.beds = QSpinBox(page, minimum=1, maximum=4, value=2)
        self.suite = QCheckBox(self.tr("套房"), page)
        self.rate = QSpinBox(page, minimum=0, maximum=10000, suffix=self.tr(" 元"))
        row = QHBoxLayout()
        for widget in (QLabel(self.tr("名称"), page), self.type_name, QLabel(self.tr("床位"), page), self.beds,
                       self.suite, QLabel(self.tr("协议价"), page), self.rate):
            row.addWidget(widget)
        layout = QVBoxLayout(page)
        layout.addWidget(self.types, 1)
        layout.addLayout(row)
        layout.addLayout(self._buttons(page, (self.tr("添加房型"), self.add_type), (self.tr("保存所选房型"), self.save_type),
                                       (self.tr("删除所选房型"), self.remove_type)))
        self.types.itemSelectionChanged.connect(self._type_chosen)
        self.tabs.addTab(page, self.tr("房型"))

    def _room_tab(self) -> None:
        page = QWidget(self)
        self.room_summary = QLabel(page, wordWrap=True)
        self.room_list = _table(page, ("房号", "楼层", "房型"))
        self.room_list.setSortingEnabled(False)
        self.numbers = QLineEdit(page, placeholderText=self.tr("房号：一间如 301，一段如 301-340，多段用逗号分开"))
        self.room_type = QComboBox(page)
        self.remove_numbers = QLineEdit(page, placeholderText=self.tr("要删除的房号，如 339, 340"))
        row = QHBoxLayout()
        row.addWidget(self.numbers, 2)
        row.addWidget(self.room_type, 1)
        add = QPushButton(self.tr("添加房间"), page)
        add.clicked.connect(self.add_rooms)
        row.addWidget(add)
        gone = QHBoxLayout()
        gone.addWidget(self.remove_numbers, 2)
        remove = QPushButton(self.tr("删除所选或所填房间"), page)
        remove.clicked.connect(self.remove_rooms)
        gone.addWidget(remove)
        layout = QVBoxLayout(page)
        layout.addWidget(self.room_summary)
        layout.addWidget(self.room_list, 1)
        layout.addLayout(row)
        layout.addLayout(gone)
        self.tabs.addTab(page, self.tr("房间"))

    def _block_tab(self) -> None:
        page = QWidget(self)
        self.blocks = _table(page, ("房型", "晚", "预留", "已用", "剩余", "释放日期"))
        self.block_type = QComboBox(page)
        start, end = self.view.start_date, self.view.end_date
        self.first = QDateEdit(_qdate(start), page, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.last = QDateEdit(_qdate(max(start, end - timedelta(days=1))), page, calendarPopup=True,
                              displayFormat="yyyy-MM-dd")
        self.held = QSpinBox(page, minimum=0, maximum=999, value=10, suffix=self.tr(" 间"))
        self.release = QDateEdit(_qdate(start - timedelta(days=7)), page, calendarPopup=True,
                                 displayFormat="yyyy-MM-dd")
        row = QHBoxLayout()
        for widget in (self.block_type, QLabel(self.tr("从"), page), self.first, QLabel(self.tr("至"), page), self.last,
                       QLabel(self.tr("晚，每晚"), page), self.held, QLabel(self.tr("释放日期"), page), self.release):
            row.addWidget(widget)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("本活动在该饭店预留的房间（每种房型每晚）；过了释放日期仍未用的房间可能要付费。"),
                                page, objectName="hint", wordWrap=True))
        layout.addWidget(self.blocks, 1)
        layout.addLayout(row)
        layout.addLayout(self._buttons(page, (self.tr("保存预留"), self.save_block),
                                       (self.tr("删除所选预留"), self.remove_block)))
        self.tabs.addTab(page, self.tr("房源预留"))

    def _buttons(self, parent: QWidget, *buttons) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for text, slot in buttons:
            button = QPushButton(text, parent)
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    # -- showing --

    def _fill_hotels(self, chosen: int | None) -> None:
        self.hotel.blockSignals(True)
        self.hotel.clear()
        for hotel in self.view.directory.hotels:
            self.hotel.addItem(hotel.name, hotel.id)
        self.hotel.blockSignals(False)
        index = self.hotel.findData(chosen) if chosen is not None else 0
        self.hotel.setCurrentIndex(max(0, index))
        self._show_hotel()

    def hotel_id(self) -> int | None:
        return self.hotel.currentData()

    def _show_hotel(self, *_args) -> None:
        hotel_id = self.hotel_id()
        row = next((h for h in self.view.directory.hotels if h.id == hotel_id), None)
        for edit, value in ((self.name, row.name if row else ""), (self.address, row.address if row else ""),
                            (self.contact, row.contact if row else ""), (self.phone, row.phone if row else "")):
            edit.setText(value)
        self.agreement.setChecked(row.is_agreement if row else True)
        kinds = [k for k in self.view.directory.room_types if k.hotel_id == hotel_id]
        _fill(self.types, [(k.id, (k.name, str(k.beds), "是" if k.is_suite else "", f"{k.rate_fen / 100:g}"))
                           for k in kinds])
        for combo in (self.room_type, self.block_type):
            combo.clear()
            for kind in kinds:
                combo.addItem(kind.name, kind.id)
        rooms = [r for r in self.view.directory.rooms if r.hotel_id == hotel_id]
        counts = ", ".join(f"{k.name} {sum(r.room_type_id == k.id for r in rooms)} 间" for k in kinds)
        self.room_summary.setText(self.tr("共 %1 间（%2）；选中若干行（Shift、Ctrl 多选）可一并删除。")
                                  .replace("%1", str(len(rooms))).replace("%2", counts))
        names = {k.id: k.name + ("（套房）" if k.is_suite else "") for k in kinds}
        _fill(self.room_list, [(r.id, (r.number, str(r.floor), names.get(r.room_type_id, ""))) for r in rooms])
        blocks = [b for b in self.view.blocks if b.room_type_id in {k.id for k in kinds}]
        _fill(self.blocks, [(b.id, (self.view.room_type(b.room_type_id).name, day_text(b.night), str(b.held),
                                    str(b.taken), str(b.remaining),
                                    day_text(b.release_date) if b.release_date else "")) for b in blocks])

    def _type_chosen(self) -> None:
        ids = _chosen(self.types)
        if ids:
            kind = self.view.room_type(ids[0])
            self.type_name.setText(kind.name)
            self.beds.setValue(kind.beds)
            self.suite.setChecked(kind.is_suite)
            self.rate.setValue(kind.rate_fen // 100)

    def _after(self, result) -> None:
        if result is None:
            return
        fresh = self._reload()
        if fresh is not None:
            self.view = fresh
            chosen = result.value if isinstance(result.value, int) and self.hotel.findData(result.value) < 0 \
                and any(h.id == result.value for h in fresh.directory.hotels) else self.hotel_id()
            self._fill_hotels(chosen)

    # -- actions --

    def _hotel_fields(self) -> dict:
        return {"name": self.name.text(), "address": self.address.text(), "contact": self.contact.text(),
                "phone": self.phone.text(), "is_agreement": self.agreement.isChecked()}

    def add_hotel(self) -> None:
        self._after(self._save(directory.add_hotel, **self._hotel_fields()))

    def save_hotel(self) -> None:
        row = next((h for h in self.view.directory.hotels if h.id == self.hotel_id()), None)
        if row is not None:
            self._after(self._save(directory.update_hotel, hotel_id=row.id, expected_version=row.version,
                                   notes=row.notes, **self._hotel_fields()))

    def remove_hotel(self) -> None:
        if self.hotel_id() is not None:
            self._after(self._save(directory.remove_hotel, hotel_id=self.hotel_id()))

    def _type_fields(self) -> dict:
        return {"name": self.type_name.text(), "beds": self.beds.value(), "is_suite": self.suite.isChecked(),
                "rate_fen": self.rate.value() * 100}

    def add_type(self) -> None:
        if self.hotel_id() is not None:
            self._after(self._save(directory.add_room_type, hotel_id=self.hotel_id(), **self._type_fields()))

    def save_type(self) -> None:
        ids = _chosen(self.types)
        if ids:
            kind = self.view.room_type(ids[0])
            self._after(self._save(directory.update_room_type, room_type_id=kind.id, expected_version=kind.version,
                                   **self._type_fields()))

    def remove_type(self) -> None:
        for type_id in _chosen(self.types)[:1]:
            self._after(self._save(directory.remove_room_type, room_type_id=type_id))

    def add_rooms(self) -> None:
        if self.hotel_id() is not None and self.room_type.currentData() is not None:
            self._after(self._save(directory.add_rooms, hotel_id=self.hotel_id(),
                                   room_type_id=self.room_type.currentData(), numbers=self.numbers.text()))

    def remove_rooms(self) -> None:
        try:
            wanted = set(directory.parse_numbers(self.remove_numbers.text()))
        except InvalidInput:
            wanted = set()
        chosen = set(_chosen(self.room_list))
        ids = tuple(r.id for r in self.view.directory.rooms
                    if r.hotel_id == self.hotel_id() and (r.number in wanted or r.id in chosen))
        if ids:
            self._after(self._save(directory.remove_rooms, room_ids=ids))

    def save_block(self) -> None:
        kind = self.block_type.currentData()
        if kind is None:
            return
        self._after(self._undoable(self.tr("保存房源预留"), stays.set_block, event_id=self.view.event_id,
                                   room_type_id=kind, first_night=self.first.date().toPython(),
                                   last_night=self.last.date().toPython(), held=self.held.value(),
                                   release_date=self.release.date().toPython()))

    def remove_block(self) -> None:
        ids = _chosen(self.blocks)
        if ids:
            self._after(self._undoable(self.tr("删除房源预留"), stays.remove_blocks, block_ids=ids))
