"""The hub never lets driver or SQLAlchemy text reach a widget: one Chinese line, the driver text logged."""

import logging
import re

import pytest
from sqlalchemy import text

from rdplanner.changes import Outcome
from rdplanner.errors import ConcurrentEdit, DatabaseError, RdplannerError
from rdplanner.models import Venue
from ui.hub import Hub


def _english(message: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", message)) - {"rdplanner", "backups", "postgresql", "psycopg",
                                                         "postgres", "sqlite", "tmp", "pytest", "of",
                                                         "root", "data"}


def _add_venue(session, *, name: str = "机关会议中心") -> Outcome:
    session.add(Venue(name=name))
    session.commit()
    return Outcome()


def test_hub_apply_reports_a_taken_key_as_a_conflict_in_chinese(database, qtbot, caplog) -> None:
    hub = Hub(database)
    hub.apply(_add_venue)

    with caplog.at_level(logging.INFO, logger="rdplanner.db"), pytest.raises(ConcurrentEdit) as caught:
        hub.apply(_add_venue)

    assert "其他人刚刚修改了同一项数据" in str(caught.value)
    assert _english(str(caught.value).replace(database.describe(), "")) == set()
    assert re.search("unique|duplicate", caplog.text, re.IGNORECASE)


def test_hub_apply_runs_a_write_that_lost_a_race_once_more(database, qtbot) -> None:
    hub = Hub(database)
    hub.apply(_add_venue)
    names = iter(["机关会议中心", "代表之家"])  # the first try collides, the retry sees fresh data

    with qtbot.waitSignal(hub.changes_applied):
        hub.apply(lambda session: _add_venue(session, name=next(names)))

    assert "代表之家" in hub.read(lambda s: list(s.scalars(text("SELECT name FROM venue"))))


def test_hub_read_translates_a_raw_driver_error(database, qtbot) -> None:
    hub = Hub(database)

    def broken(session):
        cursor = session.connection().connection.dbapi_connection.cursor()
        cursor.execute("SELECT * FROM no_such_table")

    with pytest.raises(DatabaseError) as caught:
        hub.read(broken)

    assert "详情已记入日志" in str(caught.value)
    assert _english(str(caught.value).replace(database.describe(), "")) == set()


def test_hub_leaves_a_programming_error_to_the_error_handler(database, qtbot) -> None:
    hub = Hub(database)

    def buggy(_session):
        raise ValueError("bug")

    with pytest.raises(ValueError) as caught:
        hub.read(buggy)

    assert not isinstance(caught.value, RdplannerError)
