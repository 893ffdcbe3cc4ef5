"""Running a service from a widget: its result on success; on a core error the message is shown over the
widget under the given title and None comes back; a bug is not swallowed."""

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput
from rdplanner.models import Venue
from ui import dialogs
from ui.hub import Hub
from ui.service_call import apply_or_report, read_or_report


@pytest.fixture
def shown(monkeypatch):
    calls = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, error, title="": calls.append((parent, str(error),
                                                                                              title)))
    return calls


@pytest.fixture
def widget(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def add_venue(session, *, name: str) -> Outcome:
    if not name.strip():
        raise InvalidInput("场所名称不能为空。", field="name")
    venue = Venue(name=name)
    session.add(venue)
    session.commit()
    return Outcome(Changes.of("venues"), venue.id)


def venue_names(session, prefix: str) -> list[str]:
    return sorted(name for name in session.scalars(select(Venue.name)) if name.startswith(prefix))


def test_apply_or_report_returns_the_result_and_broadcasts_the_changes(database, widget, shown, qtbot):
    hub = Hub(database)
    with qtbot.waitSignal(hub.changes_applied):
        venue_id = apply_or_report(widget, hub, add_venue, name="测试会场甲").value
    assert venue_id > 0 and hub.read(venue_names, "测试会场") == ["测试会场甲"] and shown == []


def test_apply_or_report_shows_a_core_error_over_the_widget_and_returns_none(database, widget, shown):
    hub = Hub(database)
    assert apply_or_report(widget, hub, add_venue, error_title="保存失败", name=" ") is None
    assert shown == [(widget, "场所名称不能为空。", "保存失败")]


def test_apply_or_report_lets_a_bug_through(database, widget, shown):
    def broken(session):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        apply_or_report(widget, Hub(database), broken)
    assert shown == []


def test_read_or_report_returns_the_query_result(database, widget, shown):
    hub = Hub(database)
    hub.apply(add_venue, name="测试会场乙")
    assert read_or_report(widget, hub, venue_names, "测试会场") == ["测试会场乙"] and shown == []


def test_read_or_report_shows_a_core_error_with_the_default_title_and_returns_none(database, widget, shown):
    def refused(session):
        raise InvalidInput("查询条件无效。")

    assert read_or_report(widget, Hub(database), refused) is None
    assert shown == [(widget, "查询条件无效。", "操作未完成")]
