"""The lodging page (住宿): the event's hotels, rooms and stays (room_tree), the people still without a
room and the room blocks (side_panels), the findings, the assumptions the nights follow, and the actions:
自动分房 (allocate_dialog), 饭店与房源 (directory_dialog), moving a stay by drag or from its menu,
swapping two, locking, changing nights, removing, and exporting the rooming list.

Every action on the event's lodging is one undoable step (Ctrl+Z); the directory (hotels, types, rooms)
is shared by every event and saved at once. The page reloads whenever lodging or the roster changes.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rdplanner.changes import Changes
from rdplanner.errors import RdplannerError
from rdplanner.lodging.allocate import save_allocation
from rdplanner.lodging.domain import lodging_findings
from rdplanner.lodging.nights import ASSUMPTION
from rdplanner.lodging.read import LodgingView, load_lodging
from rdplanner.lodging.snapshots import LODGING
from rdplanner.problems import ItemRef, Problem
from ui.actions import page_action
from ui.dialogs import show_error
from ui.documents.flow import export_document
from ui.lodging import stay_actions
from ui.lodging.room_tree import RoomTree
from ui.lodging.side_panels import BlockTable, UnlodgedList
from ui.plan_page import PageFeed
from ui.service_call import apply_or_report
from ui.undo import EventUndo

DOMAIN = "lodging"


def read_page(session, event_id: int) -> tuple[LodgingView, tuple[Problem, ...]]:
    """The page's read model and its findings, read in one session."""
    return load_lodging(session, event_id), tuple(lodging_findings(session, event_id))


class LodgingPage(QWidget):
    """Shows one event's lodging; refreshes itself when the hub reports changes it shows."""

    def __init__(self, hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._event_id: int | None = None
        self.view: LodgingView | None = None
        self.problems: tuple[Problem, ...] = ()
        self.feed = PageFeed(self, hub)
        self.undo = EventUndo(self, hub, LODGING, event_id=lambda: self._event_id, reload=self.reload,
                              show=lambda error: show_error(self, error))
        self.undo_stack = self.undo.stack
        self.title = QLabel(self.tr("住宿"), self, objectName="pageTitle")
        self.summary = QLabel(self, wordWrap=True)
        self.hotel = QComboBox(self)
        self.hotel.currentIndexChanged.connect(self._show_rooms)
        self.used_only = QCheckBox(self.tr("只显示已入住的房间"), self)
        self.used_only.toggled.connect(self._show_rooms)
        self.tree = RoomTree(self)
        self.tree.dropped.connect(lambda *drop: stay_actions.dropped(self, *drop))
        self.tree.customContextMenuRequested.connect(lambda point: stay_actions.tree_menu(self, point))
        self.tree.itemSelectionChanged.connect(self._update_actions)
        self.unlodged_title = QLabel(self)
        self.unlodged = UnlodgedList(self)
        self.unlodged.itemDoubleClicked.connect(lambda *_: stay_actions.lodge_person(self))
        self.unlodged.currentItemChanged.connect(lambda *_: self.update_lodge_action())
        self.blocks_title = QLabel(self.tr("房源预留"), self)
        self.blocks = BlockTable(self)
        self.problem_title = QLabel(self)
        self.problem_list = QListWidget(self, wordWrap=True)
        self.problem_list.itemActivated.connect(self._problem_chosen)
        self.problem_list.itemClicked.connect(self._problem_chosen)
        self.assumption = QLabel(self.tr("日期说明：") + ASSUMPTION, self, objectName="hint", wordWrap=True)
        self.notice = QLabel(self, objectName="hint", wordWrap=True)
        self.notice.hide()
        self._build_actions()
        self._build_layout()
        self._update_actions()

    def _build_actions(self) -> None:
        self.action_allocate = page_action(self, self.tr("自动分房…"), self.allocate)
        self.action_directory = page_action(self, self.tr("饭店与房源…"), self.edit_directory)
        self.action_export = page_action(self, self.tr("住宿安排表…"), self.export_rooming)
        self.action_export_summary = page_action(self, self.tr("住宿用房汇总表…"), self.export_summary)
        self.action_move = page_action(self, self.tr("移到房间…"), lambda: stay_actions.move_stay(self))
        self.action_swap = page_action(self, self.tr("互换房间"), lambda: stay_actions.swap_stays(self))
        self.action_lock = page_action(self, self.tr("锁定"), lambda: stay_actions.lock_stays(self, True))
        self.action_unlock = page_action(self, self.tr("解锁"), lambda: stay_actions.lock_stays(self, False))
        self.action_nights = page_action(self, self.tr("修改日期…"), lambda: stay_actions.edit_nights(self))
        self.action_remove = page_action(self, self.tr("取消住宿"), lambda: stay_actions.remove_stays(self))
        self.action_lodge = page_action(self, self.tr("安排房间…"), lambda: stay_actions.lodge_person(self))
        self.action_remove.setShortcut(QKeySequence.StandardKey.Delete)
        self.action_remove.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _build_layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.summary, 1)
        for made in (self.action_allocate, self.action_directory):
            head.addWidget(self._button(made))
        self.export_button = QPushButton(self.tr("导出…"), self, toolTip=self.tr(
            "住宿安排表（每家饭店一份，供前台）或住宿用房汇总表（按饭店和房型的间·夜与金额）"))
        menu = QMenu(self.export_button)
        menu.addAction(self.action_export)
        menu.addAction(self.action_export_summary)
        self.export_button.setMenu(menu)
        head.addWidget(self.export_button)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("饭店"), self))
        bar.addWidget(self.hotel)
        bar.addWidget(self.used_only)
        bar.addStretch(1)
        below = QHBoxLayout()
        for made in (self.action_move, self.action_swap, self.action_lock, self.action_unlock, self.action_remove):
            below.addWidget(self._button(made))
        below.addStretch(1)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.tree, 1)
        column.addLayout(below)
        right = QSplitter(Qt.Orientation.Vertical, self)
        for title, widget in ((self.unlodged_title, self.unlodged), (self.blocks_title, self.blocks),
                              (self.problem_title, self.problem_list)):
            part = QWidget(right)
            box = QVBoxLayout(part)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(title)
            box.addWidget(widget, 1)
            right.addWidget(part)
        right.setSizes([110, 210, 230])
        right.setMinimumWidth(330)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([560, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.assumption)
        layout.addWidget(self.notice)

    def _button(self, made) -> QPushButton:
        button = QPushButton(made.text(), self)
        button.clicked.connect(made.trigger)
        made.changed.connect(lambda b=button, a=made: b.setEnabled(a.isEnabled()))
        return button

    # -- the page protocol (ui/plan_page.py) --

    def load(self, event_id: int) -> None:
        if event_id != self._event_id:
            self.undo_stack.clear()
            self.notice.hide()
        self._event_id = event_id
        self.reload()

    def concerns(self, changes: Changes) -> bool:
        event = self._event_id
        return event is not None and (changes.touches(DOMAIN, event) or changes.touches("people", event)
                                      or event in changes.event_ids or event in changes.deleted_event_ids)

    def apply_changes(self, changes: Changes) -> None:
        if self._event_id in changes.deleted_event_ids:
            self._event_id = None
            self.undo_stack.clear()
            return
        self.reload()

    def select_item(self, ref: ItemRef) -> bool:
        if ref.kind in ("stay", "room", "hotel"):
            if self.tree.select(ref.kind, [ref.id]):
                return True
            self.hotel.setCurrentIndex(0)  # shown under 全部饭店
            self.used_only.setChecked(False)
            return self.tree.select(ref.kind, [ref.id])
        if ref.kind == "participation":
            for row in range(self.unlodged.count()):
                if self.unlodged.item(row).data(Qt.ItemDataRole.UserRole) == ref.id:
                    self.unlodged.setCurrentRow(row)
                    return True
            return False
        if ref.kind == "block":
            return self.blocks.select_block(ref.id)
        return False

    # -- reading --

    def reload(self) -> None:
        if self._event_id is None:
            return
        try:
            self.view, self.problems = self._hub.read(read_page, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        self._fill_hotels()
        self._show_rooms()
        self.unlodged_title.setText(self.tr("需住宿未安排（%1 人，拖到房间即安排）")
                                    .replace("%1", str(self.unlodged.show_view(self.view))))
        self._show_problems()
        self._show_summary()
        self._update_actions()

    def _fill_hotels(self) -> None:
        chosen = self.hotel.currentData()
        self.hotel.blockSignals(True)
        self.hotel.clear()
        self.hotel.addItem(self.tr("全部饭店"), None)
        for hotel in self.view.directory.hotels:
            self.hotel.addItem(hotel.name, hotel.id)
        self.hotel.setCurrentIndex(max(0, self.hotel.findData(chosen)))
        self.hotel.blockSignals(False)

    def _show_rooms(self, *_args) -> None:
        if self.view is None:
            return
        self.tree.show_view(self.view, self.hotel.currentData(), self.used_only.isChecked())
        self.blocks.show_view(self.view, self.hotel.currentData())

    def _show_summary(self) -> None:
        view = self.view
        rooms = len({s.room_id for s in view.stays})
        self.summary.setText(self.tr("%1：入住 %2 人，用房 %3 间，锁定 %4 条。")
                             .replace("%1", view.event_name).replace("%2", str(len(view.stays)))
                             .replace("%3", str(rooms)).replace("%4", str(sum(s.locked for s in view.stays))))

    def _show_problems(self) -> None:
        self.problem_list.clear()
        for problem in self.problems:
            entry = QListWidgetItem(("⚠ " if problem.severity == "error" else "· ") + problem.message)
            entry.setData(Qt.ItemDataRole.UserRole, problem.items)
            entry.setToolTip(problem.message)
            self.problem_list.addItem(entry)
        count = self.tr("问题（%1）").replace("%1", str(len(self.problems)))
        self.problem_title.setText(count if self.problems else self.tr("问题：无"))

    def _problem_chosen(self, entry: QListWidgetItem) -> None:
        items = entry.data(Qt.ItemDataRole.UserRole) or ()
        if items and items[0].kind == "stay":
            self.tree.select("stay", [i.id for i in items if i.kind == "stay"])
        elif items:
            self.select_item(items[0])

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _update_actions(self) -> None:
        chosen = [s for s in (self.view.stays if self.view else ()) if s.id in set(self.tree.selected("stay"))]
        for made, enabled in ((self.action_move, len(chosen) == 1), (self.action_swap, len(chosen) == 2),
                              (self.action_nights, len(chosen) == 1), (self.action_remove, bool(chosen)),
                              (self.action_lock, any(not s.locked for s in chosen)),
                              (self.action_unlock, any(s.locked for s in chosen)),
                              (self.action_allocate, self.view is not None),
                              (self.action_directory, self.view is not None),
                              (self.action_export, self.view is not None),
                              (self.action_export_summary, self.view is not None)):
            made.setEnabled(enabled)
        self.update_lodge_action()

    def update_lodge_action(self) -> None:
        """安排房间… lodges the person chosen in 需住宿未安排; with nobody chosen it is disabled and says why."""
        person = self.unlodged.current_person()
        name = self.view.guest(person).name if person is not None and self.view is not None else ""
        self.action_lodge.setEnabled(bool(name))
        self.action_lodge.setText(self.tr("安排%1入住此房间…").replace("%1", name) if name
                                  else self.tr("安排房间…（先在“需住宿未安排”中选人）") if self.unlodged.count()
                                  else self.tr("安排房间…（需住宿的人员都已安排）"))

    @property
    def event_id(self) -> int | None:
        return self._event_id

    def stay_of(self, stay_id: int):
        """The stay shown with this id, or None."""
        return next((s for s in self.view.stays if s.id == stay_id), None)

    def name_of(self, stay) -> str:
        return self.view.guest(stay.participation_id).name

    # -- actions, each one undoable step --

    def undoable(self, text: str, service, /, **kwargs):
        """Run ``service`` as the undo step ``text``; its Outcome, or None if it was refused."""
        return self.undo.run(text, service, **kwargs)

    def allocate(self) -> None:
        from ui.lodging.allocate_dialog import AllocateDialog

        if self.view is None:
            return
        dialog = AllocateDialog(self, self._hub, self.view)
        if dialog.exec() != AllocateDialog.DialogCode.Accepted or dialog.proposal is None:
            return
        proposal = dialog.proposal
        self.undoable(self.tr("自动分房（%1 人）").replace("%1", str(len(proposal.placements))), save_allocation,
                      event_id=self._event_id, policy=dialog.policy(), proposal=proposal)

    def edit_directory(self) -> None:
        from ui.lodging.directory_dialog import DirectoryDialog

        if self.view is None:
            return

        def fresh():
            self.reload()
            return self.view

        dialog = DirectoryDialog(self, self.view, hotel_id=self.hotel.currentData(), reload=fresh,
                                 save=lambda service, **kw: apply_or_report(self, self._hub, service, **kw),
                                 undoable=self.undoable)
        dialog.exec()

    def export_rooming(self) -> None:
        if self._event_id is None:
            return
        hotel = self.hotel.currentData()
        export_document(self, self._hub, "rooming", self._event_id, message=self.show_notice,
                        extra={"hotel": hotel} if hotel is not None else None)

    def export_summary(self) -> None:
        if self._event_id is not None:
            export_document(self, self._hub, "rooms-summary", self._event_id, message=self.show_notice)
