"""Crash safety: a writer killed with SIGKILL mid-stream leaves an intact SQLite database that
still holds every row it reported as committed.
"""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import select, text

from rdplanner.db import open_database, sqlite_url
from rdplanner.models import Venue

REPO = Path(__file__).resolve().parents[2]
ROWS_BEFORE_KILL = 300
WRITER = """
import sys
from rdplanner.db import open_database
from rdplanner.models import Venue

db = open_database(sys.argv[1])
n = 0
while True:
    with db.session() as session:
        venues = [Venue(name=f"会场{n}-{k}", notes="会场说明" * 200) for k in range(3)]
        session.add_all(venues)
        session.commit()
    print(*(v.id for v in venues), flush=True)
    n += 1
"""


def _run_writer_until_killed(url: str) -> tuple[list[int], str]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, url],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(60, child.kill)
    watchdog.start()
    committed: list[int] = []
    try:
        while len(committed) < ROWS_BEFORE_KILL:
            line = child.stdout.readline()
            if not line:
                break
            committed += [int(n) for n in line.split()]
        child.send_signal(signal.SIGKILL)
        rest, errors = child.communicate()
    finally:
        watchdog.cancel()
    complete = rest if rest.endswith("\n") else rest.rpartition("\n")[0]
    committed += [int(n) for n in complete.split()]
    return committed, errors


def test_sigkilled_writer_leaves_intact_database_with_committed_rows(tmp_path: Path) -> None:
    path = tmp_path / "rdplanner.sqlite"
    open_database(sqlite_url(path)).close()

    committed, errors = _run_writer_until_killed(sqlite_url(path))

    assert len(committed) >= ROWS_BEFORE_KILL, errors
    db = open_database(sqlite_url(path))
    with db.session() as session:
        integrity = session.execute(text("PRAGMA integrity_check")).scalars().all()
        stored = set(session.scalars(select(Venue.id)))
    db.close()
    assert integrity == ["ok"]
    assert set(committed) <= stored
