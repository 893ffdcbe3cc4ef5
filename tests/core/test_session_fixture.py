"""The core tests' database fixture is built like production's: migrated schema, foreign keys enforced."""

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from rdplanner.db import HEAD_REVISION
from rdplanner.models import Event, Hall, Venue


def test_session_fixture_refuses_a_row_pointing_nowhere(session):
    session.add(Hall(venue_id=999, name="第一会议室"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_session_fixture_cascades_deletes_like_production(session):
    venue = Venue(name="市人大常委会机关")
    session.add(venue)
    session.flush()
    session.add(Hall(venue_id=venue.id, name="第一会议室"))
    session.commit()
    session.execute(text("DELETE FROM venue"))
    assert session.execute(text("SELECT count(*) FROM hall")).scalar_one() == 0


def test_session_fixture_schema_is_the_migrated_head(session):
    assert session.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION


def test_session_fixture_rolls_back_uncommitted_writes(session):
    session.add(Event(name="常委会第一次会议", event_type="standing", start_date=date(2026, 11, 12),
                      end_date=date(2026, 11, 12)))
    session.flush()
    session.rollback()
    assert session.execute(text("SELECT count(*) FROM event")).scalar_one() == 0
