"""Undo and redo for the seating editor: every action is a command holding the plan's assignments
before and after it (rdplanner.seating.editing snapshots), so automatic seating and clearing undo as
exactly as a single drag.

An action takes one session (the snapshots and the service together). The page is then handed the
snapshot it now shows (``Feedback.show``) and updates the seats that changed, instead of reloading
itself when the hub broadcasts the change.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from rdplanner.errors import RdplannerError
from rdplanner.seating.editing import Snapshot, edit_seating, restore
from ui.hub import Hub


@dataclass(frozen=True)
class Feedback:
    """How the page hears of an action.

    ``show(state)``: the plan now holds ``state`` (None: read it again, some of it could not be
    restored); ``error``: the action was refused; ``skipped``: how many placements were not restored;
    ``own_change()``: a context during which the page ignores the hub's broadcast of this change.
    """

    show: Callable[[Snapshot | None], None]
    error: Callable[[RdplannerError], None]
    skipped: Callable[[int], None]
    own_change: Callable[[], AbstractContextManager]


class SeatingCommand(QUndoCommand):
    """An action already applied; undo restores ``before``, redo restores ``after``."""

    def __init__(self, hub: Hub, text: str, before: Snapshot, after: Snapshot, feedback: Feedback) -> None:
        super().__init__(text)
        self._hub, self.before, self.after, self._feedback = hub, before, after, feedback
        self._applied = True  # the action ran before the command was pushed

    def redo(self) -> None:
        if self._applied:
            return
        self._applied = self._restore(self.after, expected=self.before)

    def undo(self) -> None:
        self._applied = not self._restore(self.before, expected=self.after)

    def _restore(self, state: Snapshot, *, expected: Snapshot) -> bool:
        """Restore ``state`` if the plan still holds ``expected``; True when it was done."""
        try:
            with self._feedback.own_change():
                result = self._hub.apply(
                    restore, seat_plan_id=state.seat_plan_id, state=state, expected=expected
                )
        except RdplannerError as exc:
            self._feedback.error(exc)
            return False
        self._feedback.show(None if result.skipped else state)
        if result.skipped:
            self._feedback.skipped(result.skipped)
        return True


def run_undoable(
    stack: QUndoStack,
    hub: Hub,
    text: str,
    plan_id: int,
    service: Callable[..., Any],
    feedback: Feedback,
    /,
    **kwargs: Any,
) -> bool:
    """Run ``service(session, seat_plan_id=plan_id, **kwargs)`` through the hub, show the plan after it
    and push it on the undo stack; False if it was refused.

    Raises nothing: a refused action (RdplannerError) goes to ``feedback.error`` and leaves the stack as
    it was.
    """
    try:
        with feedback.own_change():
            edit = hub.apply(edit_seating, seat_plan_id=plan_id, action=service, **kwargs)
    except RdplannerError as exc:
        feedback.error(exc)
        return False
    feedback.show(edit.after)
    if edit.after != edit.before:
        stack.push(SeatingCommand(hub, text, edit.before, edit.after, feedback))
    return True
