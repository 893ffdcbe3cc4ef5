"""Undo and redo for every page: one QUndoCommand over the core's undo protocol (rdplanner.undo).

``run_undoable`` runs a service through the hub between the domain's snapshots (one transaction) and
pushes the command; undo and redo restore a snapshot only if the state is still the one recorded. A
page hears of each step through ``Feedback``; the command holds no logic of its own.
"""

from collections.abc import Callable, Hashable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from rdplanner.errors import NotFound, RdplannerError, StaleEdit
from rdplanner.undo import Recorded, Snapshotter, record, restore_recorded
from ui.hub import Hub


def _ignore(*_args: Any) -> None:
    return None


@dataclass(frozen=True)
class Feedback:
    """How a page hears of an action, an undo or a redo.

    ``shown(state)``: the key now holds ``state`` (None: read it again, some of it could not be
    restored); ``error``: refused; ``skipped``: how many items were not restored; ``own_change()``: a
    context during which the page may ignore the hub's broadcast of this change.
    """

    error: Callable[[RdplannerError], None]
    shown: Callable[[Any], None] = _ignore
    skipped: Callable[[int], None] = _ignore
    own_change: Callable[[], AbstractContextManager] = nullcontext


class UndoCommand(QUndoCommand):
    """An action already applied; undo restores its "before" snapshot, redo its "after"."""

    def __init__(self, hub: Hub, text: str, snapshotter: Snapshotter, key: Hashable, done: Recorded,
                 feedback: Feedback) -> None:
        super().__init__(text)
        self._hub, self._snapshotter, self._key, self._feedback = hub, snapshotter, key, feedback
        self.before, self.after = done.before, done.after
        self._applied = True  # the action ran before the command was pushed

    def redo(self) -> None:
        if self._applied:
            return
        self._applied = self._restore(self.after, expected=self.before, redo=True)

    def undo(self) -> None:
        self._applied = not self._restore(self.before, expected=self.after)

    def _restore(self, state: Any, *, expected: Any, redo: bool = False) -> bool:
        """Restore ``state`` if the key still holds ``expected``; True when it was done."""
        try:
            with self._feedback.own_change():
                result = self._hub.apply(restore_recorded, snapshotter=self._snapshotter, key=self._key,
                                         state=state, expected=expected, redo=redo)
        except RdplannerError as exc:
            self._feedback.error(exc)
            return False
        self._feedback.shown(None if result.skipped else state)
        if result.skipped:
            self._feedback.skipped(result.skipped)
        return True


def push_recorded(stack: QUndoStack, hub: Hub, text: str, snapshotter: Snapshotter, key: Hashable,
                  done: Recorded, feedback: Feedback) -> None:
    """Put an action recorded elsewhere (a background task) on ``stack``, unless it changed nothing."""
    if done.after != done.before:
        stack.push(UndoCommand(hub, text, snapshotter, key, done, feedback))


def run_undoable(stack: QUndoStack, hub: Hub, text: str, snapshotter: Snapshotter, key: Hashable,
                 service: Callable[..., Any], feedback: Feedback, /, **kwargs: Any) -> Recorded | None:
    """Run ``service(session, **kwargs)`` through the hub between the snapshots of ``key``, show the
    state after it and push it on ``stack`` as ``text`` ("自动排座"); None if it was refused.

    Raises nothing: a refused action (RdplannerError) goes to ``feedback.error`` and leaves the stack as
    it was.
    """
    try:
        with feedback.own_change():
            done = hub.apply(record, snapshotter=snapshotter, key=key, action=service, **kwargs)
    except RdplannerError as exc:
        feedback.error(exc)
        return None
    feedback.shown(done.after)
    push_recorded(stack, hub, text, snapshotter, key, done, feedback)
    return done


class EventUndo:
    """A page's undo of one domain's plans of the open event: its stack (``stack``, the page's
    ``undo_stack``) and each mutation run as one step (``run``).

    A refusal goes to ``show(error)`` (the page's own, so a test can patch what it shows); a refusal
    meaning the page is behind (StaleEdit, NotFound) also clears the stack and calls ``reload()``.
    """

    def __init__(self, owner: QObject, hub: Hub, snapshotter: Snapshotter, *, event_id: Callable[[], int | None],
                 reload: Callable[[], None], show: Callable[[RdplannerError], None]) -> None:
        self.stack = QUndoStack(owner)
        self._hub, self._snapshotter, self._event_id = hub, snapshotter, event_id
        self._reload, self._show = reload, show
        self.feedback = Feedback(self._error)

    def run(self, text: str, service: Callable[..., Any], /, **kwargs: Any) -> Any:
        """Run ``service`` as the undo step ``text``; its result, or None if it was refused (or no event
        is open)."""
        event_id = self._event_id()
        if event_id is None:
            return None
        done = run_undoable(self.stack, self._hub, text, self._snapshotter, event_id, service, self.feedback,
                            **kwargs)
        return None if done is None else done.result

    def _error(self, error: RdplannerError) -> None:
        self._show(error)
        if isinstance(error, (StaleEdit, NotFound)):
            QTimer.singleShot(0, self.stack.clear)
            self._reload()
