"""The trips page's actions, each one undoable step through ui.undo.run_undoable and the transport
snapshots: new, edit, copy to other days, the way back, the next status, delete; and opening the fleet
directory, whose edits are saved at once and not undone.
"""

from datetime import datetime

from PySide6.QtCore import QTimer

from rdplanner.errors import NotFound, RdplannerError, StaleEdit
from rdplanner.labels import TRIP_STATUSES
from rdplanner.transport.planner import apply_proposal
from rdplanner.transport.snapshots import TRANSPORT
from rdplanner.transport.trips import advance_status, copy_trip_to_days, remove_trip, return_trip
from rdplanner.transport.trips_read import TripRow, load_trips_around
from ui.dialogs import ask_yes_no, show_error
from ui.transport.days_dialog import DaysDialog
from ui.transport.plan_dialog import PlanDialog
from ui.transport.trip_data import load_trip_choices
from ui.transport.trip_dialog import TripDialog
from ui.transport.trip_save import TripEdit, save_trip
from ui.transport.wording import filled
from ui.undo import run_undoable


class TripActions:
    """Mixed into TripsPage: needs ``_hub``, ``_event_id``, ``view``, ``undo_stack``, ``_feedback``,
    ``current_trip()``, ``_current_day()``, ``_select(id)`` and ``reload()``."""

    _errors: list[RdplannerError] | None = None

    def run_action(self, text: str, service, /, **kwargs):
        """Run ``service(session, **kwargs)`` on the event's trips as one undoable step named ``text``;
        return the service's Outcome, or None if it was refused (the refusal is shown)."""
        if self._event_id is None:
            return None
        done = run_undoable(self.undo_stack, self._hub, text, TRANSPORT, self._event_id, service,
                            self._feedback, **kwargs)
        return None if done is None else done.result

    def _undo_error(self, error: RdplannerError) -> None:
        if self._errors is not None:  # a dialog is open and shows the refusal itself
            self._errors.append(error)
            return
        show_error(self, error)
        if isinstance(error, (StaleEdit, NotFound)):
            QTimer.singleShot(0, self.undo_stack.clear)
            self.reload()

    def _submitting(self, text: str, trip: TripRow | None):
        """The dialog's ``submit``: save the edit as one undoable step; return the refusal or None."""
        def submit(edit: TripEdit) -> RdplannerError | None:
            self._errors = []
            try:
                made = self.run_action(text, save_trip, event_id=self._event_id, edit=edit, trip=trip)
            finally:
                errors, self._errors = self._errors, None
            if made is None:
                return errors[0] if errors else RdplannerError("未保存。")
            self._select(made.value)
            return None

        return submit

    def _around(self, start: datetime, end: datetime):
        try:
            return self._hub.read(load_trips_around, start, end)
        except RdplannerError:
            return ()

    def _dialog(self, text: str, trip: TripRow | None) -> TripDialog | None:
        try:
            choices = self._hub.read(load_trip_choices, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return None
        return TripDialog(self, choices=choices, day=self._current_day(), around=self._around,
                          submit=self._submitting(text, trip), trip=trip)

    def add_trip(self) -> None:
        if self.view is None:
            return
        dialog = self._dialog(self.tr("新建行程"), None)
        if dialog is not None:
            dialog.exec()

    def edit_current(self) -> None:
        trip = self.current_trip()
        if trip is None:
            return
        dialog = self._dialog(self.tr("编辑行程“%1”").replace("%1", trip.title), trip)
        if dialog is not None:
            dialog.exec()

    def copy_current(self) -> None:
        trip = self.current_trip()
        if trip is None:
            return
        own = trip.depart_at.date() if trip.depart_at else None
        days = DaysDialog.ask(self, title=trip.title, days=tuple(d for d in self.view.days() if d != own))
        if not days:
            return
        made = self.run_action(filled(self.tr("复制行程“%1”到 %2 天"), trip.title, len(days)),
                               copy_trip_to_days, trip_id=trip.id, dates=days)
        if made is not None and made.value:
            self._select(made.value[0])

    def make_return(self) -> None:
        trip = self.current_trip()
        if trip is None:
            return
        made = self.run_action(filled(self.tr("生成“%1”的返程"), trip.title), return_trip, trip_id=trip.id)
        if made is not None:
            self._select(made.value)

    def advance_current(self) -> None:
        trip = self.current_trip()
        following = self._next_status(trip)
        if trip is None or following is None:
            return
        self.run_action(filled(self.tr("行程“%1”改为%2"), trip.title, TRIP_STATUSES[following]),
                        advance_status, trip_id=trip.id, expected_version=trip.version)
        self._select(trip.id)

    def remove_current(self) -> None:
        trip = self.current_trip()
        if trip is None:
            return
        riders = f"，连同 {len(trip.passengers)} 名乘车人员的安排" if trip.passengers else ""
        if not ask_yes_no(self, self.tr("删除行程"), self.tr("删除行程“%1”（%2）%3？可撤销。")
                          .replace("%1", trip.title).replace("%2", trip.when).replace("%3", riders)):
            return
        self.run_action(self.tr("删除行程“%1”").replace("%1", trip.title), remove_trip, trip_id=trip.id,
                        expected_version=trip.version)

    def plan_transport(self) -> None:
        """自动安排: the planner's proposal for a programme item (the current trip's, if any), saved as
        one undoable step once the officer accepts it."""
        if self._event_id is None:
            return
        try:
            choices = self._hub.read(load_trip_choices, self._event_id)
        except RdplannerError as exc:
            show_error(self, exc)
            return
        items = tuple(i for i in choices.items if i.starts_at is not None)
        if not items:
            show_error(self, self.tr("本活动还没有带时间的日程，请先在“会议日程”页编排日程。"))
            return
        current = self.current_trip()
        dialog = PlanDialog(self, self._hub, event_id=self._event_id, items=items,
                            item_id=current.sitting_id if current else None)
        if dialog.exec() != PlanDialog.DialogCode.Accepted or dialog.proposal is None:
            return
        made = self.run_action(self.tr("自动安排车辆（%1 辆）").replace("%1", str(len(dialog.proposal.trips))),
                               apply_proposal, event_id=self._event_id, proposal=dialog.proposal)
        if made is not None and made.value:
            self._select(made.value[0])

    def open_fleet(self) -> None:
        from ui.transport.fleet_dialog import FleetDialog

        FleetDialog.show_directory(self, self._hub, day=self.view.start_date if self.view else None)
