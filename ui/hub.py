"""The one channel from the UI to the core services; emits ``changes_applied`` after every change.

Each call runs in its own short session (``Database.read`` / ``Database.run``). Database driver errors
come back as RdplannerError with one Chinese line (the driver text goes to the log), so widgets only
ever catch RdplannerError; any other exception is a bug for the application's error handler.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from rdplanner.changes import Changes
from rdplanner.db import Database

T = TypeVar("T")


class Hub(QObject):
    """Runs core services for the widgets and broadcasts what they changed."""

    changes_applied = Signal(object)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a reading service (a query, an export) and return its plain-data result."""
        return self.database.read(query, *args, **kwargs)

    def announce(self, changes: Changes) -> None:
        """Broadcast changes made by a service run elsewhere (a background task); GUI thread only."""
        self.changes_applied.emit(changes)

    def apply(self, service: Callable[..., T], **kwargs: Any) -> T:
        """Run a mutating service, emit the Changes of the Outcome it returns, and return that Outcome."""
        result = self.database.run(service, **kwargs)
        self.changes_applied.emit(result.changes)  # type: ignore[attr-defined]
        return result
