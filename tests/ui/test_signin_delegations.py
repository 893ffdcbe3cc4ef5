"""The sign-in page at a people's congress (620 deputies in 14 delegations): the 代表团 column, the filter,
Enter-to-sign-in within what is shown, and a quorum that still counts the whole sitting."""

import shutil
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from rdplanner.db import open_database, sqlite_url
from rdplanner.demo import build_demo
from rdplanner.people.pinyin import name_initials
from rdplanner.people.roster_order import order_roster
from rdplanner.people.service import load_roster
from ui.hub import Hub
from ui.people.signin_page import SignInColumn, SignInPage


@pytest.fixture(scope="module")
def congress_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("congress") / "template.sqlite"
    db = open_database(sqlite_url(path))
    with db.session() as session:
        event_id = build_demo(session, size="large")
    db.close()
    return path, event_id


@pytest.fixture
def congress(qtbot, tmp_path, congress_file):
    template, event_id = congress_file
    shutil.copy(template, tmp_path / "congress.sqlite")
    db = open_database(sqlite_url(tmp_path / "congress.sqlite"))
    hub = Hub(db)
    page = SignInPage(hub)
    qtbot.addWidget(page)
    page.load(event_id)
    page.show()  # a hidden page only marks itself stale when the hub reports a change (ui.plan_page)
    page.resize(1100, 700)
    page.hub, page.event_id = hub, event_id
    yield page
    db.close()


def choose(page, delegation):
    page.delegation.setCurrentIndex(page.delegation.findText(delegation))
    assert page.delegation.currentText() == delegation


def enter(page, text):
    page.entry.setText(text)
    page.entry.returnPressed.emit()


def shown_delegations(page):
    return {page.table.item(n, SignInColumn.DELEGATION).text() for n in range(page.table.rowCount())}


def test_signin_congress_offers_the_delegations_in_the_rosters_order(congress):
    roster = congress.hub.read(load_roster, event_id=congress.event_id)
    grouped = [r.delegation for r in order_roster(roster, mode="delegation").rows if r.delegation]
    offered = [congress.delegation.itemText(i) for i in range(congress.delegation.count())]
    assert offered == ["全部代表团", *dict.fromkeys(grouped), "未分代表团"]
    assert offered[1] == "上城区代表团"  # 上 has 3 strokes, the fewest
    assert not congress.table.isColumnHidden(SignInColumn.DELEGATION)
    assert not congress.delegation.isHidden()


def test_signin_delegation_filter_narrows_the_table_but_not_the_quorum(congress):
    expected = congress.quorum.figures["应到"].text()
    choose(congress, "西湖区代表团")
    members = [r for r in congress._rows if r.delegation == "西湖区代表团"]
    assert congress.table.rowCount() == len(members) > 0
    assert shown_delegations(congress) == {"西湖区代表团"}
    assert congress.table.item(len(members) - 1, SignInColumn.NUMBER).text() == str(len(members))
    assert congress.quorum.figures["应到"].text() == expected == "620"
    assert congress.quorum.scope.text() == f"当前显示：西湖区代表团 {len(members)} 人；法定人数按全体计算"
    assert not congress.quorum.scope.isHidden()
    assert congress.table.isColumnHidden(SignInColumn.DELEGATION)  # it would repeat the filter in every row
    choose(congress, "全部代表团")
    assert congress.table.rowCount() == len(congress._rows)
    assert congress.quorum.scope.isHidden()
    assert not congress.table.isColumnHidden(SignInColumn.DELEGATION)


def test_signin_unassigned_choice_lists_those_without_a_delegation(congress):
    choose(congress, "未分代表团")
    assert congress.table.rowCount() == sum(not r.delegation for r in congress._rows) > 0
    assert shown_delegations(congress) == {""}


def test_signin_enter_signs_in_initials_unique_within_the_delegation_shown(congress):
    overall = Counter(name_initials(r.name) for r in congress._rows)
    target = next(r for r in congress._rows if r.delegation and overall[name_initials(r.name)] > 1
                  and sum(name_initials(o.name) == name_initials(r.name) for o in congress._rows
                          if o.delegation == r.delegation) == 1)
    enter(congress, name_initials(target.name))
    assert congress.quorum.figures["实到"].text() == "0"  # shared across the sitting: candidates only
    choose(congress, target.delegation)
    enter(congress, name_initials(target.name))
    assert congress.message.text().startswith(f"已签到：{target.name}")
    assert congress.quorum.figures["实到"].text() == "1"
    signed = next(r for r in congress._rows if r.participation_id == target.participation_id)
    assert signed.status == "present"


def test_signin_name_outside_the_filter_is_found_with_a_note_and_not_signed_in(congress):
    counts = Counter(r.name for r in congress._rows)
    other = next(r for r in congress._rows if r.delegation == "滨江区代表团" and counts[r.name] == 1)
    choose(congress, "西湖区代表团")
    enter(congress, other.name)
    assert congress.quorum.figures["实到"].text() == "0"
    text = congress.message.text()
    assert text.startswith(f"当前显示的西湖区代表团中没有“{other.name}”")
    assert f"{other.name}（滨江区代表团）" in text and "没有找到" not in text
    assert congress.entry.text() == other.name
    assert congress.selected_ids() == []


def test_signin_shown_candidates_come_with_those_the_filter_hides(congress):
    surnames = Counter(r.name[0] for r in congress._rows if r.delegation == "西湖区代表团")
    surname = surnames.most_common(1)[0][0]
    choose(congress, "西湖区代表团")
    enter(congress, surname)
    shown = [r for r in congress._rows if r.delegation == "西湖区代表团" and surname in r.name]
    hidden = [r for r in congress._rows if r.delegation != "西湖区代表团" and surname in r.name]
    assert hidden and congress.message.text().startswith(f"有 {len(shown)} 人可能是“{surname}”")
    assert f"其他代表团另有 {len(hidden)} 人" in congress.message.text()
    assert set(congress.selected_ids()) == {r.participation_id for r in shown}


def test_signin_delegation_choice_survives_a_change_of_sitting(congress):
    choose(congress, "西湖区代表团")
    congress.sitting.setCurrentIndex(congress.sitting.count() - 1)  # the closing plenary
    assert congress.delegation.currentText() == "西湖区代表团"
    assert shown_delegations(congress) == {"西湖区代表团"}


def test_signin_mark_after_filtering_marks_the_row_shown(congress):
    choose(congress, "滨江区代表团")
    congress.table.selectRow(0)
    chosen = congress.table.item(0, SignInColumn.NAME).data(Qt.ItemDataRole.UserRole)
    congress.mark_selected("present")
    assert next(r for r in congress._rows if r.participation_id == chosen).delegation == "滨江区代表团"
    assert next(r for r in congress._rows if r.participation_id == chosen).status == "present"
