"""The venue set-up page (会场布置): the event's hall bookings with the other events' bookings that clash,
each hall's set-up (banner, checks, materials: setup_panel), the page's problems and the checklist export.

Every action is one undoable step (the Edit menu's 撤销/重做); choosing a problem selects its booking,
check or material. Materials derive from the seating and the roster, so their changes refresh the page.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rdplanner.changes import Changes
from rdplanner.errors import RdplannerError
from rdplanner.problems import ItemRef, Problem
from rdplanner.seating.layout_service import list_halls
from rdplanner.venue import service as svc
from rdplanner.venue.domain import venue_findings
from rdplanner.venue.read import BookingRow, VenueView, load_venue, place_name
from rdplanner.venue.snapshots import VENUE
from ui.dialogs import ask_yes_no, show_error
from ui.documents.flow import export_document
from ui.plan_page import PageFeed
from ui.undo import EventUndo
from ui.venue.booking_dialog import BookingDialog
from ui.venue.setup_panel import SetupPanel
from ui.venue.venue_models import booking_model, span_text
from ui.venue.widgets import select_ids, selected_ids, table

DOMAIN = "venue"
DERIVED_FROM = ("seating", "people")  # materials count name cards (seating) and participants (people)


def read_page(session, event_id: int) -> tuple[VenueView, tuple[Problem, ...]]:
    """The page's read model and its problems, read in one session."""
    return load_venue(session, event_id), tuple(venue_findings(session, event_id))


class VenuePage(QWidget):
    """Shows one event's venue set-up; refreshes itself when the hub reports changes it shows."""

    def __init__(self, hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._event_id: int | None = None
        self.view: VenueView | None = None
        self.problems: tuple[Problem, ...] = ()
        self.feed = PageFeed(self, hub)
        self.undo = EventUndo(self, hub, VENUE, event_id=lambda: self._event_id, reload=self.reload,
                              show=lambda error: show_error(self, error))
        self.undo_stack = self.undo.stack
        self.title = QLabel(self.tr("会场布置"), self, objectName="pageTitle")
        self.summary = QLabel(self, wordWrap=True)
        self.notice = QLabel(self, objectName="hint", wordWrap=True)
        self.notice.hide()
        self.export_button = QPushButton(self.tr("导出清单…"), self, toolTip=self.tr(
            "导出或打印会场布置清单（PDF 或 Excel）：预订、会标、检查签字栏和物品数量"))
        self.export_button.clicked.connect(self.export_checklist)
        self.bookings = booking_model(lambda: self.view.start_date.year if self.view else None,
                                      lambda: len({b.venue_name for b in self.bookings.rows}) > 1, self)
        self.booking_table = table(self, self.bookings, (120, 196, 64, 150))
        self.booking_table.doubleClicked.connect(self.edit_booking)
        self.booking_title = QLabel(self, objectName="panelTitle")
        self.clash_note = QLabel(self, objectName="error")
        self.setup = SetupPanel(self, self)
        self.problem_title = QLabel(self)
        self.problem_list = QListWidget(self, wordWrap=True)
        self.problem_list.itemActivated.connect(self._problem_chosen)
        self.problem_list.itemClicked.connect(self._problem_chosen)
        self._build_actions()
        self._build_layout()
        self.booking_table.selectionModel().selectionChanged.connect(self._update_actions)

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None) -> QAction:
            made = QAction(text, self)
            if shortcut is not None:
                made.setShortcut(shortcut)
                made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            return made

        self.action_add_booking = action(self.tr("添加预订…"), self.add_booking, QKeySequence("Ctrl+Shift+N"))
        self.action_edit_booking = action(self.tr("编辑…"), self.edit_booking)
        self.action_remove_booking = action(self.tr("删除"), self.remove_booking)
        self.addAction(self.action_add_booking)
        self.booking_table.addAction(self.action_remove_booking)
        self.action_remove_booking.setShortcut(QKeySequence.StandardKey.Delete)
        self.action_remove_booking.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def _build_layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.export_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.booking_title)
        buttons.addWidget(self.clash_note)
        buttons.addStretch(1)
        for made in (self.action_add_booking, self.action_edit_booking, self.action_remove_booking):
            button = QPushButton(made.text(), self)
            button.clicked.connect(made.trigger)
            made.changed.connect(lambda b=button, a=made: b.setEnabled(a.isEnabled()))
            buttons.addWidget(button)
        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.booking_table, 1)
        below = QWidget(self)
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.problem_title)
        column.addWidget(self.problem_list, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        for part, stretch in ((top, 2), (self.setup, 5), (below, 2)):
            self.splitter.addWidget(part)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([130, 300, 100])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.notice)

    # -- the page protocol (ui/plan_page.py) --

    def load(self, event_id: int) -> None:
        if event_id != self._event_id:
            self.undo_stack.clear()
            self.notice.hide()
        self._event_id = event_id
        self.reload()

    def concerns(self, changes: Changes) -> bool:
        event = self._event_id
        return event is not None and (
            any(key == DOMAIN for key, _ in changes.domains)  # another event's booking may clash with ours
            or any(changes.touches(key, event) for key in DERIVED_FROM) or changes.touches("layouts", event)
            or event in changes.event_ids or event in changes.deleted_event_ids)

    def apply_changes(self, changes: Changes) -> None:
        if self._event_id in changes.deleted_event_ids:  # the window shows another event next
            self._event_id = None
            self.undo_stack.clear()
            return
        self.reload()

    def select_item(self, ref: ItemRef) -> bool:
        if ref.kind == "booking":
            return select_ids(self.booking_table, {ref.id}, scroll=True)
        if ref.kind == "setup":
            chosen = self.setup.choose_setup(ref.id)
            if chosen:
                self.setup.banner.setFocus()
            return chosen
        if ref.kind == "check":
            return self.setup.select_checks({ref.id})
        if ref.kind == "material":
            return self.setup.select_material(ref.id)
        if ref.kind == "hall":
            booked = {b.id for b in self.bookings.rows if b.hall_id == ref.id}
            return select_ids(self.booking_table, booked, scroll=True) or self.setup.choose_hall(ref.id)
        return False

    # -- reading --

    def reload(self) -> None:
        if self._event_id is None:
            return
        kept = set(selected_ids(self.booking_table))
        try:
            self.view, self.problems = self._hub.read(read_page, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        self.bookings.set_rows(self.view.bookings)
        select_ids(self.booking_table, kept)
        self.setup.show_view(self.view)
        self._show_summary()
        self._show_problems()
        self._update_actions()

    def _show_summary(self) -> None:
        view = self.view
        live = [b for b in view.bookings if b.status != "cancelled"]
        clashes = sum(bool(b.clashes) for b in live)
        self.booking_title.setText(self.tr("场地预订（%1 处）").replace("%1", str(len(live))))
        clash = self.tr("⚠ %1 处与其他活动时间重叠").replace("%1", str(clashes))
        self.clash_note.setText(clash if clashes else "")
        main = self.tr("主会场：%1").replace("%1", view.main_hall)
        if not view.main_hall:
            main = self.tr("未指定主会场")
        self.summary.setText(self.tr("%1　%2；参会 %3 人（不含请假）。").replace("%1", view.event_name)
                             .replace("%2", main).replace("%3", str(view.participants)))

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
        if items and items[0].kind == "check":
            self.setup.select_checks({i.id for i in items if i.kind == "check"})
        elif items:
            self.select_item(items[0])

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- bookings --

    def current_booking(self) -> BookingRow | None:
        ids = selected_ids(self.booking_table)
        return next((b for b in self.bookings.rows if ids and b.id == ids[0]), None)

    def booked_hall(self) -> int | None:
        """The hall of the selected booking (the set-up panel's 建立布置 uses it)."""
        booking = self.current_booking()
        return booking.hall_id if booking is not None else None

    def _update_actions(self, *_args) -> None:
        one = len(selected_ids(self.booking_table)) == 1
        self.action_add_booking.setEnabled(self.view is not None)
        self.action_edit_booking.setEnabled(one)
        self.action_remove_booking.setEnabled(one)
        self.export_button.setEnabled(self.view is not None)
        self.setup._update_buttons()

    def _dialog(self, booking: BookingRow | None) -> BookingDialog | None:
        try:
            halls = self._hub.read(list_halls)
        except RdplannerError as exc:
            show_error(self, exc)
            return None
        view = self.view
        booked = {b.hall_id for b in view.bookings}
        preset = view.main_hall_id if view.main_hall_id not in booked else None
        choices = tuple((h.id, place_name(h.venue_name, h.hall_name)) for h in halls)
        return BookingDialog(self, halls=choices, booking=booking, hall_id=preset, first=view.start_date,
                             last=view.end_date)

    def add_booking(self) -> None:
        if self.view is None:
            return
        dialog = self._dialog(None)
        if dialog is None or dialog.exec() != BookingDialog.DialogCode.Accepted:
            return
        made = self.undoable(self.tr("添加场地预订"), svc.book_hall, event_id=self._event_id,
                             **dialog.draft().values())
        if made is not None:
            select_ids(self.booking_table, {made.value}, scroll=True)

    def edit_booking(self, *_args) -> None:
        booking = self.current_booking()
        if booking is None:
            return
        dialog = self._dialog(booking)
        if dialog is None or dialog.exec() != BookingDialog.DialogCode.Accepted:
            return
        self.undoable(self.tr("编辑“%1”的预订").replace("%1", booking.hall_name), svc.update_booking,
                      booking_id=booking.id, expected_version=booking.version, **dialog.draft().values())
        select_ids(self.booking_table, {booking.id})

    def remove_booking(self) -> None:
        booking = self.current_booking()
        if booking is None:
            return
        question = self.tr("删除“%1”%2的预订？该会场的布置（会标、检查、物品）保留。可撤销。").replace(
            "%1", booking.place).replace("%2", span_text(booking.starts_at, booking.ends_at))
        if not ask_yes_no(self, self.tr("删除场地预订"), question):
            return
        self.undoable(self.tr("删除“%1”的预订").replace("%1", booking.hall_name), svc.remove_booking,
                      booking_id=booking.id)

    # -- actions, each one undoable step --

    def undoable(self, text: str, service, /, **kwargs):
        """Run ``service`` as the undo step ``text``; its Outcome, or None if it was refused."""
        return self.undo.run(text, service, **kwargs)

    def export_checklist(self) -> None:
        if self._event_id is not None:
            export_document(self, self._hub, "venue", self._event_id, message=self.show_notice)
