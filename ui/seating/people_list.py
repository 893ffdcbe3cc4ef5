"""The seating page's list of participants: dragged onto a seat to place them, and the drop target
that takes a seated person out of their seat (emits ``unseat_requested(seat id)``)."""

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from rdplanner.labels import ROLES
from rdplanner.seating.editing import SeatingPerson
from ui.seating.scene import PERSON_MIME, person_mime, read_person_mime


class PeopleList(QListWidget):
    """Participants to drag onto seats; a seated person dropped here is taken out of their seat."""

    unseat_requested = Signal(int)  # seat id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._rows: list[tuple[int, str, str]] = []  # (participation id, line, tooltip) as shown

    def show_people(
        self, people: Iterable[SeatingPerson], seat_of: Mapping[int, str], *, only_unseated: bool
    ) -> None:
        """List ``people`` with their seat label (``seat_of``: participation id → label), or 请假 / 未安排.

        When the same people are listed again (a swap, a lock) only the changed lines are rewritten, so
        the selection and the scroll position stay where the officer left them.
        """
        rows = []
        for person in people:
            seat = seat_of.get(person.participation_id)
            if only_unseated and seat is not None:
                continue
            detail = "·".join(x for x in (ROLES.get(person.role, person.role), person.delegation) if x)
            where = seat if seat is not None else (self.tr("请假") if person.on_leave else self.tr("未安排"))
            rows.append((person.participation_id, f"{person.name}　{detail}　— {where}", person.unit))
        if [row[0] for row in rows] == [row[0] for row in self._rows]:
            for index, (row, old) in enumerate(zip(rows, self._rows, strict=True)):
                if row != old:
                    self.item(index).setText(row[1])
                    self.item(index).setToolTip(row[2])
        else:
            self.clear()
            for participation_id, text, unit in rows:
                item = QListWidgetItem(text, self)
                item.setData(Qt.ItemDataRole.UserRole, participation_id)
                item.setToolTip(unit)
        self._rows = rows

    def clear_people(self) -> None:
        self.clear()
        self._rows = []

    def mimeTypes(self) -> list[str]:
        return [PERSON_MIME]

    def mimeData(self, items):
        pid = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        return person_mime(pid) if pid is not None else None

    def dragEnterEvent(self, event) -> None:
        payload = read_person_mime(event.mimeData())
        if payload is not None and payload[1] is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        payload = read_person_mime(event.mimeData())
        if payload is None or payload[1] is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.unseat_requested.emit(payload[1])
