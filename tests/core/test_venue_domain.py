"""The venue domain as the rest of the product sees it once registered: the overview line, the problems
through planning.event_problems, duplicating an event, and writing the checklist by its kind. The
registry is extended here for the test only (the lead adds the line to rdplanner/registry.py)."""

from datetime import datetime

import pytest
from openpyxl import load_workbook
from venue_world import at, make_world

from rdplanner import planning, registry
from rdplanner.errors import InvalidInput
from rdplanner.venue import service
from rdplanner.venue.domain import DOMAIN
from rdplanner.venue.read import load_venue


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    domains = (*[d for d in registry.DOMAINS if d.key != "venue"], DOMAIN)
    monkeypatch.setattr(registry, "DOMAINS", domains)
    monkeypatch.setattr(planning, "DOMAINS", domains)


@pytest.fixture
def world(session):
    return make_world(session)


def venue_line(session, event_id):
    return next(line for line in planning.load_overview(session, event_id) if line.title == "会场布置")


def test_the_overview_line_counts_bookings_checks_and_approvals(session, world):
    assert venue_line(session, world.event_id).text == ("场地预订 0 处，布置会场 0 个；检查已完成 0/0，"
                                                         "会标已审定 0/0")
    assert venue_line(session, world.event_id).alert  # the main hall is not booked
    service.book_hall(session, event_id=world.event_id, hall_id=world.hall_id, starts_at=at(10, 9),
                      ends_at=at(10, 12))
    service.book_hall(session, event_id=world.other_event_id, hall_id=world.hall_id, starts_at=at(10, 11),
                      ends_at=at(10, 13))
    setup_id = service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id).value
    check_id = load_venue(session, world.event_id).setups[0].checks[0].id
    service.mark_check(session, check_id=check_id, checked_by="张工")
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长")
    line = venue_line(session, world.event_id)
    assert (line.text, line.alert) == ("场地预订 1 处，布置会场 1 个；检查已完成 1/7，会标已审定 1/1；"
                                       "1 处预订与其他活动时间重叠", True)


def test_the_events_problems_include_the_venues(session, world):
    codes = [p.code for p in planning.event_problems(session, world.event_id) if p.domain == "venue"]
    assert codes == ["main_hall_unbooked"]


def test_duplicating_an_event_copies_the_set_up_and_says_so(session, world):
    service.book_hall(session, event_id=world.event_id, hall_id=world.hall_id, starts_at=at(10, 9),
                      ends_at=at(10, 12))
    setup_id = service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id).value
    service.set_banner(session, setup_id=setup_id, text="第十次会议", expected_version=1)
    service.approve_banner(session, setup_id=setup_id, approved_by="李秘书长", at=datetime(2026, 6, 5))
    target = planning.duplicate_event(session, event_id=world.event_id).value
    copied = load_venue(session, target)
    assert (len(copied.bookings), len(copied.setups)) == (0, 1)
    assert (copied.setups[0].banner_text, copied.setups[0].is_banner_approved) == ("第十次会议", False)
    assert "会场布置" in planning.copied_plans().split("、")


def test_the_checklist_is_written_by_its_kind(session, world, tmp_path):
    service.ensure_setup(session, event_id=world.event_id, hall_id=world.hall_id)
    path = planning.write_document(session, kind="venue", event_id=world.event_id,
                                   path=tmp_path / "布置.xlsx", progress=lambda f: None,
                                   cancelled=lambda: False)
    assert load_workbook(path).active["A1"].value == "常委会第十次会议会场布置清单"
    with pytest.raises(InvalidInput):
        planning.write_document(session, kind="venue", event_id=world.event_id, path=tmp_path / "布置.csv")

