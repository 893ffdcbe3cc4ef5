"""The keys of the app's per-user settings file (an INI file QSettings writes) that the core writes too:
the bench opens the app on its demo event by remembering it as the last one open."""

import hashlib
from pathlib import Path


def last_event_key(database: str) -> str:
    """The key of the event last open on ``database`` (each database remembers its own)."""
    return "events/last_open_" + hashlib.sha1(database.encode("utf-8")).hexdigest()[:16]


def remember_event(settings: Path, database: str, event_id: int) -> None:
    """Write a settings file that opens ``database`` on ``event_id`` (replacing the file)."""
    section, key = last_event_key(database).split("/", 1)
    settings.write_text(f"[{section}]\n{key}={event_id}\n", encoding="utf-8")
