"""The app's log file (the user's log folder): where log records go, never the terminal.

The command line prints exactly its one Chinese line on stderr; parser texts, driver errors and
Python warnings logged on the way are for a technician and go to ``rdplanner-errors.log``.
"""

import logging
from pathlib import Path

APP_NAME = "rdplanner"
LOG_FILE = "rdplanner-errors.log"
LOG_FORMAT = "--- %(asctime)s %(levelname)s %(name)s: %(message)s"


def log_folder() -> Path:
    """Return the user's log folder for rdplanner (platformdirs' user_log_path)."""
    from platformdirs import user_log_path

    return Path(user_log_path(APP_NAME, appauthor=False))


class _QuietFileHandler(logging.FileHandler):
    """Append to the log file, made on the first record; a log that cannot be written stays silent."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:
                Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            super().emit(record)
        except OSError:
            pass  # a read-only or full disk: the command's own message is what the user needs

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # logging's default prints a traceback on stderr


def log_to_file(folder: Path | None = None) -> logging.Handler | None:
    """Send log records and Python warnings to the app's log file, or nowhere if it has none.

    Does nothing (returns None) when the root logger already has a handler: a host program or a
    test harness chose where records go.
    """
    root = logging.getLogger()
    if root.handlers:
        return None
    try:
        path = (folder if folder is not None else log_folder()) / LOG_FILE
        handler: logging.Handler = _QuietFileHandler(path, encoding="utf-8", delay=True)
    except Exception:  # noqa: BLE001  (no log folder can be named: then records go nowhere)
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT, "%Y-%m-%d %H:%M:%S"))
    root.addHandler(handler)
    logging.captureWarnings(True)
    return handler
