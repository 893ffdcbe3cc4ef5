"""Undo and redo for the seating editor: every action is a command holding the plan's assignments
before and after it (rdplanner.seating.editing snapshots), so automatic seating and clearing undo as
exactly as a single drag.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from rdplanner.errors import RdplannerError
from rdplanner.seating.editing import Snapshot, restore, snapshot
from ui.hub import Hub


class SeatingCommand(QUndoCommand):
    """An action already applied; undo restores ``before``, redo restores ``after``."""

    def __init__(
        self,
        hub: Hub,
        text: str,
        before: Snapshot,
        after: Snapshot,
        on_error: Callable[[RdplannerError], None],
        on_skipped: Callable[[int], None],
    ) -> None:
        super().__init__(text)
        self._hub, self.before, self.after = hub, before, after
        self._on_error, self._on_skipped = on_error, on_skipped
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
            result = self._hub.apply(restore, seat_plan_id=state.seat_plan_id, state=state, expected=expected)
        except RdplannerError as exc:
            self._on_error(exc)
            return False
        if result.skipped:
            self._on_skipped(result.skipped)
        return True


def run_undoable(
    stack: QUndoStack,
    hub: Hub,
    text: str,
    plan_id: int,
    service: Callable[..., Any],
    on_error: Callable[[RdplannerError], None],
    on_skipped: Callable[[int], None],
    /,
    **kwargs: Any,
) -> bool:
    """Run a seating service through the hub and push it on the undo stack; False if it was refused.

    Raises nothing: a refused action (RdplannerError) goes to ``on_error`` and leaves the stack as it was.
    """
    try:
        before = hub.read(snapshot, seat_plan_id=plan_id)
        hub.apply(service, **kwargs)
        after = hub.read(snapshot, seat_plan_id=plan_id)
    except RdplannerError as exc:
        on_error(exc)
        return False
    if after != before:
        stack.push(SeatingCommand(hub, text, before, after, on_error, on_skipped))
    return True
