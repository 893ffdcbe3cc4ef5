"""Opening the database for a command of the command line.

What the database layer noted for the user while opening (the backup made before an upgrade, a daily
backup that could not be made) is printed on stderr, once per command, in Chinese, as the app shows it
in its status bar.
"""

import sys

from rdplanner.db import Database, open_database


def open_for_command(url: str, *, read_only: bool = False) -> Database:
    """Open the database at ``url`` (see db.open_database) and print its notices on stderr.

    Raises:
        DatabaseError, as open_database.
    """
    db = open_database(url, read_only=read_only)
    for notice in db.notices:
        print(f"rdplanner: {notice}", file=sys.stderr, flush=True)
    return db
