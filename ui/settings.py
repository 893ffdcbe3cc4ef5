"""Typed access to the user's UI settings (window geometry, last open event) over QSettings."""


from PySide6.QtCore import QByteArray, QSettings

from rdplanner.ui_keys import last_event_key

SETTINGS_VERSION = 1


class Settings:
    """Key constants and defaults in one place; pass an instance in, never import a global."""

    VERSION = "settings_version"
    GEOMETRY = "window/geometry"
    STATE = "window/state"
    SPLITTER = "window/splitter"

    def __init__(self, store: QSettings) -> None:
        self._store = store
        self.migrate()

    def migrate(self) -> None:
        """Bring settings written by an older version up to date (nothing to convert yet)."""
        if int(self._store.value(self.VERSION, 0) or 0) < SETTINGS_VERSION:
            self._store.setValue(self.VERSION, SETTINGS_VERSION)

    def geometry(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self._store.setValue(key, value)

    def last_event_id(self, database: str) -> int | None:
        """Return the event last open on this database (each database remembers its own)."""
        value = self._store.value(self._last_event_key(database))
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def set_last_event_id(self, database: str, event_id: int | None) -> None:
        self._store.setValue(self._last_event_key(database), "" if event_id is None else event_id)

    def sync(self) -> None:
        self._store.sync()

    @staticmethod
    def _last_event_key(database: str) -> str:
        return last_event_key(database)
