"""The lodging page's side: the people who need a room and have none (dragged onto a room to lodge
them) and the room blocks (房源预留) with held, taken and remaining per night."""

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
)

from rdplanner.lodging.nights import day_text
from rdplanner.lodging.read import LodgingView
from ui.lodging.room_tree import ITEM, PERSON_MIME

BLOCK_COLUMNS = ("房型", "晚", "预留", "已用", "剩余", "释放日期")
KIND, NIGHT, HELD, TAKEN, REMAINING, RELEASE = range(len(BLOCK_COLUMNS))


def unlodged(view: LodgingView) -> list:
    """Guests needing lodging, not on approved leave, with no stay: by delegation, then name."""
    lodged = {s.participation_id for s in view.stays}
    return sorted((g for g in view.guests if g.needs_lodging and g.leave_status != "approved"
                   and g.participation_id not in lodged), key=lambda g: (g.delegation, g.participation_id))


class UnlodgedList(QListWidget):
    """People without a room; each item carries its participation id (ITEM)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def show_view(self, view: LodgingView) -> int:
        self.clear()
        people = unlodged(view)
        for guest in people:
            group = guest.delegation or guest.unit
            item = QListWidgetItem(f"{guest.name}（{guest.gender or '未填性别'}）" + (f"　{group}" if group else ""))
            item.setData(ITEM, guest.participation_id)
            self.addItem(item)
        return len(people)

    def mimeTypes(self) -> list[str]:
        return [PERSON_MIME]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(PERSON_MIME, str(items[0].data(ITEM)).encode())
        return data

    def current_person(self) -> int | None:
        item = self.currentItem()
        return item.data(ITEM) if item is not None else None


class BlockTable(QTableWidget):
    """The event's room blocks under a heading row per hotel (its name whole, across the table), one row
    per type and night; each block row carries the block id (ITEM), a heading row none."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(BLOCK_COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(BLOCK_COLUMNS))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(20)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in ((NIGHT, "12月31日"), (HELD, "预留"), (TAKEN, "已用"), (REMAINING, "剩余"),
                               (RELEASE, "12月31日")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 12)

    def show_view(self, view: LodgingView, hotel_id: int | None) -> None:
        blocks = [b for b in view.blocks
                  if hotel_id is None or view.room_type(b.room_type_id).hotel_id == hotel_id]
        hotels = list(dict.fromkeys(view.room_type(b.room_type_id).hotel_id for b in blocks))
        self.clearSpans()
        self.setRowCount(len(blocks) + len(hotels))
        row = 0
        for hotel_id_shown in hotels:
            hotel = view.directory.hotel(hotel_id_shown).name
            heading = QTableWidgetItem(hotel)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.setItem(row, 0, heading)
            self.setSpan(row, 0, 1, len(BLOCK_COLUMNS))
            row += 1
            for block in blocks:
                kind = view.room_type(block.room_type_id)
                if kind.hotel_id == hotel_id_shown:
                    self._block_row(row, block, kind.name, hotel)
                    row += 1

    def _block_row(self, row: int, block, kind: str, hotel: str) -> None:
        texts = (kind, day_text(block.night), str(block.held), str(block.taken), str(block.remaining),
                 day_text(block.release_date) if block.release_date else "")
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            cell.setData(ITEM, block.id)
            cell.setToolTip(f"{hotel} {kind}，{day_text(block.night)}晚")
            if column > KIND:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if column == REMAINING and block.remaining < 0:
                cell.setForeground(Qt.GlobalColor.red)
            self.setItem(row, column, cell)

    def block_rows(self) -> list[int]:
        """The rows holding a block (not a hotel's heading)."""
        return [r for r in range(self.rowCount()) if self.item(r, 0).data(ITEM) is not None]

    def select_block(self, block_id: int) -> bool:
        for row in self.block_rows():
            if self.item(row, 0).data(ITEM) == block_id:
                self.selectRow(row)
                self.scrollToItem(self.item(row, 0))
                return True
        return False
