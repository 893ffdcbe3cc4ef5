"""The lodging page's tree: hotel → room (type, beds taken, guests) → stay (guest, dates, nights, lock).

A stay dragged onto a room moves there, onto another room's stay swaps the two; a person dragged from
the list of people without a room (MIME ``PERSON_MIME``) onto a room is lodged there. The tree only
reports what was dropped (``dropped``); the page runs the services. Rows carry (kind, id) in ITEM.
"""

from collections import defaultdict

from PySide6.QtCore import QItemSelectionModel, QMimeData, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from rdplanner.lodging.nights import span_text
from rdplanner.lodging.read import LodgingView

ITEM = Qt.ItemDataRole.UserRole
STAY_MIME = "application/x-rdplanner-stay"
PERSON_MIME = "application/x-rdplanner-participation"
COLUMNS = ("房间 / 入住人员", "房型", "床位", "入住人员 / 日期", "状态")


class RoomTree(QTreeWidget):
    """Rooms and stays of one view; emits ``dropped(kind, dragged id, target kind, target id)``."""

    dropped = Signal(str, int, str, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((140, 56, 40, 260, 44)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setIndentation(14)
        self.items: dict[tuple[str, int], QTreeWidgetItem] = {}

    def show_view(self, view: LodgingView, hotel_id: int | None, used_only: bool) -> None:
        """Fill the tree: every hotel (or ``hotel_id``), its rooms (only those with guests if
        ``used_only``), each room's stays."""
        kept = {self._key(i) for i in self.selectedItems()}
        self.setUpdatesEnabled(False)
        self.clear()
        self.items = {}
        by_room = defaultdict(list)
        for stay in view.stays:
            by_room[stay.room_id].append(stay)
        rooms = defaultdict(list)
        for room in view.directory.rooms:
            rooms[room.hotel_id].append(room)
        for hotel in view.directory.hotels:
            if hotel_id is not None and hotel.id != hotel_id:
                continue
            top = self._item(None, ("hotel", hotel.id), [hotel.name, "", "", "", ""])
            used = guests = 0
            for room in rooms[hotel.id]:
                here = by_room.get(room.id, [])
                used += bool(here)
                guests += len(here)
                if used_only and not here:
                    continue
                self._room(top, view, room, here)
            top.setText(0, f"{hotel.name}　{len(rooms[hotel.id])} 间，已用 {used} 间，入住 {guests} 人")
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
        self.addTopLevelItems([i for k, i in self.items.items() if k[0] == "hotel"])
        for key, item in self.items.items():
            if key[0] == "hotel":
                item.setFirstColumnSpanned(True)  # the hotel's name and figures across the whole row
        self.expandAll()
        self._fit_first_column()
        for key in kept:
            if key in self.items:
                self.items[key].setSelected(True)
        self.setUpdatesEnabled(True)

    def _fit_first_column(self) -> None:
        """The first column as wide as its longest room or guest (indented), at most 40 % of the tree."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(i.text(0)) + (2 if k[0] == "stay" else 1) * self.indentation()
                      for k, i in self.items.items() if k[0] != "hotel"), default=100)
        self.header().resizeSection(0, min(widest + 16, max(140, self.viewport().width() * 2 // 5)))

    def _room(self, top: QTreeWidgetItem, view: LodgingView, room, stays) -> None:
        kind = view.room_type(room.room_type_id)
        names = "、".join(view.guest(s.participation_id).name for s in stays)
        flag = "套房" if kind.is_suite else ""
        item = self._item(top, ("room", room.id), [room.number, kind.name, f"{len(stays)}/{kind.beds}", names, flag])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDropEnabled)
        for stay in stays:
            guest = view.guest(stay.participation_id)
            who = f"{guest.name}（{guest.gender}）" if guest.gender else guest.name
            group = guest.delegation or guest.unit
            child = self._item(item, ("stay", stay.id), [who, "", "", f"{span_text(stay.check_in, stay.check_out)}"
                                                         + (f"　{group}" if group else ""),
                                                         "锁定" if stay.locked else ""])
            child.setToolTip(3, child.text(3))
            child.setFlags(child.flags() | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)

    def _item(self, parent, key: tuple[str, int], texts: list[str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, texts) if parent is not None else QTreeWidgetItem(texts)
        item.setData(0, ITEM, key)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.items[key] = item
        return item

    @staticmethod
    def _key(item: QTreeWidgetItem) -> tuple[str, int]:
        return tuple(item.data(0, ITEM))

    def selected(self, kind: str) -> list[int]:
        """The ids of the selected rows of ``kind`` ("stay", "room", "hotel"), top to bottom."""
        return [self._key(i)[1] for i in sorted(self.selectedItems(), key=self._position)
                if self._key(i)[0] == kind]

    def _position(self, item: QTreeWidgetItem) -> tuple:
        path = []
        while item is not None:
            parent = item.parent()
            path.insert(0, parent.indexOfChild(item) if parent else self.indexOfTopLevelItem(item))
            item = parent
        return tuple(path)

    def select(self, kind: str, ids) -> bool:
        """Select the rows of ``kind`` with these ids and scroll to the first; False if none is shown."""
        self.clearSelection()
        shown = [self.items[(kind, i)] for i in ids if (kind, i) in self.items]
        if shown:
            self.setCurrentItem(shown[0], 0, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollToItem(shown[0])
        for item in shown:
            item.setSelected(True)
        return bool(shown)

    # -- drag and drop --

    def mimeTypes(self) -> list[str]:
        return [STAY_MIME, PERSON_MIME]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        stays = [self._key(i)[1] for i in items if self._key(i)[0] == "stay"]
        if stays:
            data.setData(STAY_MIME, str(stays[0]).encode())
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def _target(self, event) -> tuple[str, int] | None:
        item = self.itemAt(event.position().toPoint())
        return self._key(item) if item is not None and self._key(item)[0] in ("room", "stay") else None

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(STAY_MIME) or event.mimeData().hasFormat(PERSON_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._target(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        target = self._target(event)
        mime = event.mimeData()
        kind = "stay" if mime.hasFormat(STAY_MIME) else "participation" if mime.hasFormat(PERSON_MIME) else ""
        if target is None or not kind:
            event.ignore()
            return
        dragged = int(bytes(mime.data(STAY_MIME if kind == "stay" else PERSON_MIME)).decode())
        event.setDropAction(Qt.DropAction.CopyAction)  # the tree is refilled from the database, never moved
        event.accept()
        self.dropped.emit(kind, dragged, target[0], target[1])
