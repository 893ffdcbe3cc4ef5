"""The seating page (座次): the seat-map editor of one event.

The hall drawn seat by seat (zoom, pan, fit); people dragged from the list onto a seat, or from seat to
seat (a swap), or back to the list (unseated); several seats selected with a rubber band to lock, unlock
or empty them; the automatic seating with its settings; the problems report, always visible; colours by
zone or delegation with a legend; find (Ctrl+F); undo and redo of every seating action; the printed seat
map, name cards and "find your seat" list, exported or printed through a preview. The widgets are laid
out by ``page_layout.SeatMapLayout``; ``occupants`` puts who sits where on the seats.
"""

import time
from contextlib import contextmanager
from dataclasses import replace

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from rdplanner.changes import Changes
from rdplanner.errors import NotFound, RdplannerError, StaleEdit
from rdplanner.events.service import get_event
from rdplanner.labels import ZONES
from rdplanner.seating.editing import (
    SeatingPerson,
    Snapshot,
    layout_tables,
    plan_layouts,
    seating_people,
    set_locked_many,
    unseat,
)
from rdplanner.seating.service import (
    ReadCancelled,
    SeatingView,
    clear,
    ensure_seat_plan,
    load_seating,
    place,
    run_auto_seating,
    update_plan_settings,
    use_layout,
)
from rdplanner.seating.snapshots import SEATING
from ui import tasks
from ui.dialogs import ask_yes_no, report_failure, show_error
from ui.documents.flow import export_document
from ui.hub import Hub
from ui.plan_page import PageFeed
from ui.seating.hall_drawing import draw_hall, legend_cells
from ui.seating.occupants import OccupantPainter, assignment_views
from ui.seating.page_layout import SeatMapLayout
from ui.seating.scene import EMPTY_COLOUR, ZONE_COLOURS, SeatItem, show_detail
from ui.undo import Feedback, run_undoable

CHECK_DELAY_S = 0.08  # the problems check waits this long after an action, while the change is painted


class SeatMapPage(SeatMapLayout):
    """The seating of one event; refreshes when the plans or the roster change."""

    def __init__(self, hub: Hub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self.feed = PageFeed(self, hub)  # the open event and the hub's changes (ui.plan_page)
        self._event_id: int | None = None
        self._plan_id: int | None = None
        self._drawn: tuple | None = None  # (layout id, seat ids, viewpoint) the scene was built for
        self.view_data: SeatingView | None = None
        self.people: tuple[SeatingPerson, ...] = ()
        self.items: dict[int, SeatItem] = {}
        self._painter = OccupantPainter()
        self._applying = False
        self._checks = 0  # the latest background read of the plan; older ones are dropped
        self._feedback = Feedback(self._seating_error, self.show_placements, self._skipped, self._own_change)
        self._connect()

    def _connect(self) -> None:
        self.viewpoint.currentIndexChanged.connect(self._draw)
        self.colouring.currentIndexChanged.connect(self._paint_occupants)
        self.find.returnPressed.connect(self.find_person)
        self._shortcut(QKeySequence.StandardKey.Find, self.find.setFocus)
        self._shortcut(QKeySequence.StandardKey.Delete, self.unseat_selected)
        self._shortcut(QKeySequence.StandardKey.ZoomIn, lambda: self.map.zoom(1.25))
        self._shortcut(QKeySequence.StandardKey.ZoomOut, lambda: self.map.zoom(0.8))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_button.setToolTip(self.tr("撤销：") + text)
        )
        self.undo_stack.redoTextChanged.connect(
            lambda text: self.redo_button.setToolTip(self.tr("重做：") + text)
        )
        self.fit_button.clicked.connect(self.map.fit)
        self.auto_button.clicked.connect(self.auto_seat)
        self.clear_button.clicked.connect(self.clear_unlocked)
        self.layout_button.clicked.connect(self.edit_layouts)
        self.layout_choice.activated.connect(self._layout_chosen)
        self.delegations_button.clicked.connect(self.edit_delegation_order)
        for combo in (self.ordering, self.fill, self.even):
            combo.activated.connect(self._settings_changed)
        self.rotate.clicked.connect(self._settings_changed)
        self.people_filter.currentIndexChanged.connect(self._fill_people)
        self.people_list.unseat_requested.connect(lambda seat_id: self.unseat_seats([seat_id]))
        self.explain_button.toggled.connect(self.explanation.setVisible)
        self.map.person_dropped.connect(self.place_person)
        self.map.detail_changed.connect(lambda on: show_detail(self.items.values(), on))
        self.map.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.map.customContextMenuRequested.connect(self._seat_menu)

    def _shortcut(self, key, slot) -> None:
        action = self.addAction("")
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)

    # --- loading and drawing ------------------------------------------------------------------------
    def load(self, event_id: int) -> None:
        """Show the event's seating (a seat plan is made for its hall if it has none). Another event's
        hall is fitted to the view; reloading the same event keeps the officer's zoom."""
        new_event = event_id != self._event_id
        if new_event:
            self.undo_stack.clear()
        self._event_id = event_id
        self._drawn = None
        try:
            self._plan_id, _ = self._hub.read(ensure_seat_plan, event_id=event_id)
        except RdplannerError as exc:
            self._plan_id = None
            self.view_data = None
            self.scene.clear()
            self.scene.setSceneRect(QRectF())
            self.items = {}
            self._painter.forget()
            self.problems.clear()
            self.people_list.clear_people()
            self.message.setText(str(exc))
            return
        self.message.clear()
        self.refresh()
        if new_event:
            self.map.fit()

    def refresh(self) -> None:
        """Read the plan, the people and the hall's layouts again, and show them."""
        if self._plan_id is None:
            return
        data = self._hub.read(load_seating, seat_plan_id=self._plan_id)
        self.people = self._hub.read(seating_people, event_id=data.event_id)
        self.layouts = self._hub.read(plan_layouts, seat_plan_id=data.seat_plan_id)
        self.show_view(data)

    def show_view(self, data: SeatingView) -> None:
        """Show the plan as read: only the seats, lists and settings that changed are touched."""
        if self.view_data is not None and data.layout_id != self.view_data.layout_id:
            self.layouts = self._hub.read(plan_layouts, seat_plan_id=data.seat_plan_id)
        self._checks += 1  # a background read started before this one is out of date
        self.view_data = data
        self._draw()
        self._show_problems(data)
        self.explanation.setText(data.explanation)
        self._show_settings(data, self.layouts)
        self._fill_people()

    def show_placements(self, state: Snapshot | None) -> None:
        """Show who sits where after an action (``state``: the plan's assignments now; None: read the
        plan again). The seats and the people list change at once; the problems report, which needs the
        whole roster checked, follows from a read off the GUI thread."""
        data = self.view_data
        if state is None or data is None or state.layout_id not in (None, data.layout_id):
            self.refresh()
            return
        self.view_data = replace(data, assignments=assignment_views(data.assignments, state, self.people))
        self._paint_occupants()
        self._fill_people()
        self._check_in_background()

    def _check_in_background(self) -> None:
        self._checks += 1
        check, hub, plan_id = self._checks, self._hub, self._plan_id

        def read(progress, cancelled) -> SeatingView | None:
            # Wait a moment first (without the interpreter lock), so that the GUI thread paints the
            # change undisturbed; a newer action meanwhile makes this check moot, and only the last of
            # quick successive drops reads the plan.
            time.sleep(CHECK_DELAY_S)

            def overtaken() -> bool:
                return check != self._checks or cancelled()

            if overtaken():
                return None
            try:
                return hub.read(load_seating, seat_plan_id=plan_id, cancelled=overtaken)
            except ReadCancelled:
                return None

        def shown(data: SeatingView | None) -> None:
            if data is not None and check == self._checks and data.seat_plan_id == self._plan_id:
                self.show_view(data)

        tasks.run_task(
            self,
            self.tr("正在检查座次问题……"),
            read,
            done=shown,
            failed=lambda error: report_failure(self, error, self.tr("座次问题检查失败")),
        )

    @contextmanager
    def _own_change(self):
        """While an action of this page runs, the hub's broadcast of it does not reload the page: the
        action hands over the plan as it is afterwards (``show_view``). A problems check still reading
        is overtaken by the action: it stops instead of competing with it for the interpreter."""
        self._checks += 1
        self._applying = True
        try:
            yield
        finally:
            self._applying = False

    def _draw(self) -> None:
        """Build the scene if the layout or the viewpoint changed; otherwise update who sits where."""
        data = self.view_data
        if data is None:
            return
        key = (
            data.layout_id,
            tuple(s.id for s in data.seats if not s.disabled),
            self.viewpoint.currentData(),
        )
        if key != self._drawn:
            self._build_scene(data)
            self._drawn = key
        self._paint_occupants()

    def _build_scene(self, data: SeatingView) -> None:
        title = self.tr("主席台") if data.layout_kind in ("auditorium", "classroom") else self.tr("主位")
        tables = self._hub.read(layout_tables, layout_id=data.layout_id)
        stage_view = self.viewpoint.currentData() == "stage"
        self.items = draw_hall(self.scene, data, tables, stage_view=stage_view, caption=title)
        self._painter.forget()  # new items: every seat is painted
        self.map.refit()
        show_detail(self.items.values(), self.map.detailed)

    def _paint_occupants(self) -> None:
        if self.view_data is not None:
            by_delegation = self.colouring.currentData() == "delegation"
            changed, palette = self._painter.paint(self.items, self.view_data.assignments,
                                                   by_delegation=by_delegation)
            if changed:
                self._show_legend(palette)

    def _show_legend(self, palette: dict[str, str] | None) -> None:
        if palette is None:
            zones = dict.fromkeys(item.zone for item in self.items.values())
            names = {**ZONES, **(self.view_data.zone_names if self.view_data is not None else {})}
            if self.view_data is not None and self.view_data.layout_kind in ("boardroom", "banquet"):
                names["rostrum"] = self.tr("主桌（内圈）")
            entries = [(ZONE_COLOURS.get(z, "#eeeeee"), names[z]) for z in ZONES if z in zones]
        else:
            entries = list((colour, name) for name, colour in palette.items())
        entries.append((EMPTY_COLOUR, self.tr("空座（虚线框）")))
        cells = legend_cells(entries)
        self.legend.setText(self.tr("图例：") + cells + self.tr("　红框：已锁定"))

    def _fill_people(self) -> None:
        seat_of = {}
        if self.view_data is not None:
            labels = self.view_data.labels
            seat_of = {a.participation_id: labels.get(a.seat_id, "") for a in self.view_data.assignments}
        only_unseated = self.people_filter.currentData() == "unseated"
        self.people_list.show_people(self.people, seat_of, only_unseated=only_unseated)

    # --- find ---------------------------------------------------------------------------------------
    def find_person(self) -> None:
        """Centre and select the seat of the person typed in the find box."""
        text = self.find.text().strip()
        found = [item for item in self.items.values() if text and text in item.name]
        self.scene.clearSelection()
        if not found:
            self.message.setText(self.tr("没有找到“%1”的座位。").replace("%1", text))
            return
        for item in found:
            item.setSelected(True)
        self.map.centerOn(found[0])
        self.message.setText(self.tr("%1：%2").replace("%1", found[0].name).replace("%2", found[0].label))

    # --- editing (every action goes on the undo stack) ----------------------------------------------
    def _undoable(self, text: str, service, **kwargs) -> bool:
        if self._plan_id is None:
            return False
        done = run_undoable(self.undo_stack, self._hub, text, SEATING, self._plan_id, service, self._feedback,
                            seat_plan_id=self._plan_id, **kwargs)
        return done is not None

    def _seating_error(self, error: RdplannerError) -> None:
        show_error(self, error)
        if isinstance(error, (StaleEdit, NotFound)):
            # The undo history no longer describes the seating: drop it (after the stack has finished
            # the undo or redo it is running) and show what is there now.
            QTimer.singleShot(0, self.undo_stack.clear)
            if isinstance(error, StaleEdit):  # NotFound: the plan is gone, the event list follows
                self.refresh()

    def _skipped(self, count: int) -> None:
        self.message.setText(
            self.tr("有 %1 个座位安排因人员或座位已变动而未能恢复。").replace("%1", str(count))
        )

    def place_person(self, participation_id: int, seat_id: int) -> None:
        """Put a participant in a seat by hand (locked); whoever sat there takes the person's old seat
        (unlocked) or, if the person came from the list, leaves the seating."""
        name = next((p.name for p in self.people if p.participation_id == participation_id), "")
        target = self.items.get(seat_id)
        label = target.label if target is not None else ""
        mine = next((i.label for i in self.items.values() if i.participation_id == participation_id), "")
        taken = target is not None and target.participation_id not in (None, participation_id)
        other = target.name if taken else ""
        if self._undoable(
            self.tr("安排 %1 到 %2").replace("%1", name).replace("%2", label),
            place,
            participation_id=participation_id,
            seat_id=seat_id,
        ):
            self.message.setText(self._placed_message(name, label, other, mine))

    def _placed_message(self, name: str, label: str, other: str, old_label: str) -> str:
        if other and old_label:
            text = self.tr("已交换：%1（%2）与 %3（%4），%1 的座位已锁定。")
        elif other:
            text = self.tr("已将 %1 安排到 %2（已锁定），%3 已移出座位。")
        else:
            text = self.tr("已将 %1 安排到 %2（已锁定）。")
        return text.replace("%3", other).replace("%4", old_label).replace("%1", name).replace("%2", label)

    def selected_seats(self) -> list[SeatItem]:
        return [item for item in self.scene.selectedItems() if isinstance(item, SeatItem)]

    def unseat_seats(self, seat_ids: list[int]) -> None:
        if seat_ids:
            self._undoable(
                self.tr("移出 %1 个座位").replace("%1", str(len(seat_ids))),
                unseat,
                seat_ids=seat_ids,
            )

    def unseat_selected(self) -> None:
        self.unseat_seats([item.seat_id for item in self.selected_seats() if item.participation_id])

    def lock_seats(self, seat_ids: list[int], locked: bool) -> None:
        text = self.tr("锁定 %1 个座位") if locked else self.tr("解锁 %1 个座位")
        self._undoable(
            text.replace("%1", str(len(seat_ids))),
            set_locked_many,
            seat_ids=seat_ids,
            locked=locked,
        )

    def _seat_menu(self, position) -> None:
        clicked = self.map.seat_at(position)
        chosen = self.selected_seats()
        if clicked is not None and clicked not in chosen:
            self.scene.clearSelection()
            clicked.setSelected(True)
            chosen = [clicked]
        occupied = [item.seat_id for item in chosen if item.participation_id]
        if not occupied:
            return
        menu = QMenu(self)
        lock = menu.addAction(self.tr("锁定（自动排座时保留）"))
        unlock = menu.addAction(self.tr("解锁"))
        menu.addSeparator()
        remove = menu.addAction(self.tr("移出座位"))
        picked = menu.exec(self.map.mapToGlobal(position))
        if picked is lock or picked is unlock:
            self.lock_seats(occupied, picked is lock)
        elif picked is remove:
            self.unseat_seats(occupied)

    def auto_seat(self) -> None:
        if self._plan_id is None:
            return
        if (
            self.view_data
            and self.view_data.assignments
            and not ask_yes_no(
                self,
                self.tr("自动排座"),
                self.tr("重新自动排座将替换所有未锁定的座位，锁定的座位保留（可撤销）。是否继续？"),
            )
        ):
            return
        if self._undoable(self.tr("自动排座"), run_auto_seating):
            self.message.setText(self.tr("已完成自动排座。可按 Ctrl+Z 撤销。"))

    def clear_unlocked(self) -> None:
        if self._plan_id is not None and ask_yes_no(
            self, self.tr("清除座次"), self.tr("清除所有未锁定的座位安排（可撤销）？")
        ):
            self._undoable(self.tr("清除座次"), clear, keep_locked=True)

    def _settings_changed(self) -> None:
        data = self.view_data
        if data is None:
            return
        try:
            self._hub.apply(
                update_plan_settings,
                seat_plan_id=data.seat_plan_id,
                version=data.version,
                ordering=self.ordering.currentData(),
                fill=self.fill.currentData(),
                even_convention=self.even.currentData(),
                rotate=self.rotate.isChecked(),
            )
        except RdplannerError as exc:
            show_error(self, exc)
            self.refresh()
            return
        self.message.setText(self.tr("排座设置已保存；点击“自动排座”按新设置重排。"))

    def edit_layouts(self) -> None:
        """Edit the layouts of this event's hall (zones, disabled seats, numbering, new layouts)."""
        from ui.seating.layout_dialog import LayoutDialog

        data = self.view_data
        hall_id = self.layouts.hall_id if data is not None else None
        event_type = self._hub.read(get_event, self._event_id).event_type if self._event_id else None
        LayoutDialog(
            self._hub, hall_id=hall_id, parent=self, layout_id=data.layout_id if data else None,
            event_type=event_type,
        ).exec()
        if self._event_id is not None:
            self.load(self._event_id)

    def edit_delegation_order(self) -> None:
        """Set the office's order of delegations, which delegation blocks follow."""
        from ui.seating.delegation_dialog import DelegationOrderDialog

        if self._event_id is not None and DelegationOrderDialog(self._hub, self._event_id, self).exec():
            self.message.setText(self.tr("代表团顺序已保存；点击“自动排座”按新顺序重排。"))

    def _layout_chosen(self) -> None:
        data, layout_id = self.view_data, self.layout_choice.currentData()
        if data is None or layout_id == data.layout_id:
            return
        if data.assignments and not ask_yes_no(
            self,
            self.tr("更换座位布局"),
            self.tr("更换布局后，新布局中有同名座位的安排保留，其余人员需重新安排（可撤销）。是否继续？"),
        ):
            self._show_settings(data, self.layouts)
            return
        name = self.layout_choice.currentText()
        if self._undoable(self.tr("改用布局 %1").replace("%1", name), use_layout, layout_id=layout_id):
            self.map.fit()
        else:
            self._show_settings(data, self.layouts)

    # --- the plan-page protocol (ui.plan_page) ------------------------------------------------------
    def concerns(self, changes: Changes) -> bool:
        """This event's seating or roster, or a hall's layouts; not the page's own action (already shown)."""
        event = self._event_id
        return not self._applying and event is not None and any(
            changes.touches(key, event) for key in ("seating", "people", "layouts"))

    def apply_changes(self, changes: Changes) -> None:
        self.refresh()  # repaints only the seats whose occupant changed (ui.seating.occupants)

    def select_item(self, ref) -> bool:
        """Select and centre the seat (or the seat of the participant) a finding points to."""
        if ref.kind == "seat":
            found = [item for seat_id, item in self.items.items() if seat_id == ref.id]
        elif ref.kind == "participation":
            seats = {a.seat_id for a in (self.view_data.assignments if self.view_data else ())
                     if a.participation_id == ref.id}
            found = [item for seat_id, item in self.items.items() if seat_id in seats]
        else:
            return False
        self.scene.clearSelection()
        for item in found:
            item.setSelected(True)
        if found:
            self.map.centerOn(found[0])
        return bool(found)

    # --- documents ----------------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        """Ask the options, then write the document to a file or print it through a preview; an event
        nobody is seated in yet is offered 自动排座 first."""
        if self._event_id is None or self._plan_id is None:
            return
        if self.view_data is not None and not self.view_data.assignments:
            if not ask_yes_no(self, self.tr("尚未排座"), self.tr("本活动还没有排座。是否先自动排座再导出？")):
                return
            self.auto_seat()
            if not self.view_data.assignments:
                return
        defaults = {"viewpoint": self.viewpoint.currentData()} if kind == "seatmap" else {}
        export_document(self, self._hub, kind, self._event_id, defaults=defaults,
                        message=self.message.setText)
