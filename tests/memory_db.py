"""In-memory test databases built the way production opens one: migrated schema, same PRAGMAs.

The schema is migrated once per test run into a template file; each database is a private copy of it.
"""

import atexit
import shutil
import sqlite3
import tempfile
from contextlib import closing
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from rdplanner.db import configure_sqlite, open_database, sqlite_url


@cache
def _template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="rdplanner-schema-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "schema.sqlite"
    open_database(sqlite_url(path)).close()
    return path


def memory_engine() -> Engine:
    """A fresh in-memory database with the migrated schema and foreign keys on."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    with closing(sqlite3.connect(_template())) as source:
        source.backup(connection)
    engine = create_engine("sqlite://", creator=lambda: connection, poolclass=StaticPool)
    configure_sqlite(engine, foreign_keys=True)
    return engine


def memory_session() -> Session:
    """A session on a fresh :func:`memory_engine` (objects stay readable after commit)."""
    return Session(memory_engine(), expire_on_commit=False)
