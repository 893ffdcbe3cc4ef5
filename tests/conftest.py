"""Fixtures shared by every test: fresh databases on SQLite and, when available, PostgreSQL.

Set RDPLANNER_TEST_PG_URL (an admin URL such as postgresql+psycopg://postgres@127.0.0.1:5433/postgres)
to run the persistence tests on PostgreSQL too; .ci/run starts a throwaway server and sets it.
"""

import os
import uuid
from collections.abc import Iterator

import pytest
from memory_db import memory_engine
from sqlalchemy import create_engine, text
from sqlmodel import Session

from rdplanner.db import Database, open_database, sqlite_url

PG_ADMIN_URL = os.environ.get("RDPLANNER_TEST_PG_URL", "")


@pytest.fixture
def session() -> Iterator[Session]:
    """A fresh in-memory database, migrated and with foreign keys on as in production (fast)."""
    engine = memory_engine()
    with Session(engine, expire_on_commit=False) as s:
        yield s
    engine.dispose()


def _postgres_url() -> Iterator[str]:
    if not PG_ADMIN_URL:
        pytest.skip("PostgreSQL not configured (RDPLANNER_TEST_PG_URL)")
    name = f"rdp_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The URL of a fresh, not yet created database on each supported engine."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "data" / "rdplanner.sqlite")
    else:
        yield from _postgres_url()


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """An opened (migrated) database on each supported engine."""
    db = open_database(db_url)
    yield db
    db.close()
