"""What every plan page is to the main window, and the one object that feeds it events and changes.

A plan page (the overview, the roster, sign-in, seating, and every domain's page to come) is a QWidget
with ``load(event_id)`` (show that event, re-read), ``concerns(changes) -> bool`` (does this change set
touch what it shows), ``apply_changes(changes)`` (update for it, in place where it can), ``select_item(ref)``
(select what a finding points to; False if it has no such item) and ``undo_stack`` (a QUndoStack, or None).
Each page makes its ``PageFeed`` (``self.feed = PageFeed(self, hub)``), which calls them: a hidden page is
only marked stale and catches up when it is shown.
"""

from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from rdplanner.changes import Changes
from rdplanner.errors import RdplannerError
from rdplanner.problems import ItemRef
from ui.dialogs import show_error


class PlanPage(Protocol):
    undo_stack: QUndoStack | None
    feed: "PageFeed"

    def load(self, event_id: int) -> None: ...

    def concerns(self, changes: Changes) -> bool: ...

    def apply_changes(self, changes: Changes) -> None: ...

    def select_item(self, ref: ItemRef) -> bool: ...


class PageFeed(QObject):
    """Feeds one page the open event and the hub's changes; a hidden page waits until it is shown."""

    def __init__(self, page: QWidget, hub) -> None:
        super().__init__(page)
        self.page = page
        self._event_id: int | None = None
        self._loaded: int | None = None  # the event the page shows
        self._stale = False
        page.installEventFilter(self)
        hub.changes_applied.connect(self._arrived)

    def show_event(self, event_id: int | None) -> None:
        """The event the page is to show: loaded now if the page is visible, else when it is shown."""
        self._event_id = event_id
        if self.page.isVisible():
            self.catch_up()

    def catch_up(self) -> None:
        """Load the wanted event, or refresh a stale page, if either is due."""
        if self._event_id is None:
            return
        if self._loaded != self._event_id or self._stale:
            self._stale = False
            self._loaded = self._event_id
            try:
                self.page.load(self._event_id)
            except RdplannerError as exc:
                show_error(self.page, exc)

    def _arrived(self, changes: Changes) -> None:
        if not self.page.concerns(changes):  # (a page that shows no event is concerned by nothing)
            return
        if not self.page.isVisible():
            self._stale = True
            return
        try:
            self.page.apply_changes(changes)
        except RdplannerError as exc:
            show_error(self.page, exc)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Show:
            self.catch_up()
        return False
