"""Errors the core raises: each carries a stable code and a complete Chinese message for the user.

The UI shows ``str(error)``; the command line prints it as its one line on stderr.
"""


class RdplannerError(Exception):
    """Base of every error meant for the user. ``code`` is stable; the message is Chinese."""

    code = "error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return self.message


class DatabaseError(RdplannerError):
    """The database cannot be opened or used; nothing was changed."""

    code = "database"


class DatabaseCorrupt(DatabaseError):
    code = "database_corrupt"


class DatabaseTooNew(DatabaseError):
    code = "database_too_new"


class DatabaseReadOnly(DatabaseError):
    code = "database_read_only"


class DatabaseLocked(DatabaseError):
    code = "database_locked"


class DatabaseUnavailable(DatabaseError):
    code = "database_unavailable"


class DatabaseDiskFull(DatabaseError):
    """The disk holding the database has no room left; what was saved before is intact."""

    code = "database_disk_full"


class MigrationRefused(DatabaseError):
    """The schema upgrade found data it cannot carry over; it was rolled back whole."""

    code = "migration_refused"


class MigrationFailed(DatabaseError):
    """The schema upgrade failed part way; the file is as it was (or restored) and a backup is named."""

    code = "migration_failed"


class NotFound(RdplannerError):
    code = "not_found"


class StaleEdit(RdplannerError):
    """Someone else saved the same row since it was read: the save is refused."""

    code = "stale_edit"


class ConcurrentEdit(StaleEdit):
    """Another session wrote the same data at the same moment (a key taken, a serialization failure or
    a deadlock on the server): the save is refused, as for a stale edit."""

    code = "concurrent_edit"


class InvalidInput(RdplannerError):
    """A value the user entered is not acceptable; ``field`` names it."""

    code = "invalid_input"

    def __init__(self, message: str, *, field: str = "", **params: object) -> None:
        super().__init__(message, field=field, **params)
        self.field = field
