"""The sign-in page on the demo event: typed sign-in, marks, the quorum panel and the exported sheet."""

from collections import Counter
from types import SimpleNamespace

import pytest

from rdplanner.people.pinyin import name_initials
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentDialog
from ui.people import signin_page as signin_module

SEAT, UNIT_POST, STATUS = (signin_module.SignInColumn.SEAT, signin_module.SignInColumn.UNIT_POST,
                           signin_module.SignInColumn.STATUS)


@pytest.fixture
def signin(window):
    window.show_page("signin")
    assert window.pages.currentWidget() is window.signin
    return window.signin


def members(page):
    return [r for r in page._rows if r.role == "member"]


def test_signin_lists_voting_members_first(signin):
    roles = [r.role for r in signin._rows]
    voting = roles.count("member")
    assert voting and roles[:voting] == ["member"] * voting
    assert "staff" not in roles


def test_signin_typed_name_marks_present_and_updates_quorum(signin):
    target = members(signin)[0]
    signin.entry.setText(target.name)
    signin.entry.returnPressed.emit()
    assert "已签到" in signin.message.text()
    assert signin.quorum.figures["实到"].text() == "1"
    assert signin.entry.text() == ""


def test_signin_quorum_met_only_above_half(signin):
    people = members(signin)
    signin._mark([r.participation_id for r in people[:22]], "present")
    assert "不符合法定人数" in signin.quorum.verdict.text()
    signin._mark([people[22].participation_id], "present")
    assert signin.quorum.verdict.text() == "符合法定人数"
    assert "实到23人" in signin.quorum.sentence.text()


def test_signin_before_the_sitting_closes_counts_the_unsigned_not_absent(signin):
    people = members(signin)
    signin._mark([people[0].participation_id], "present")
    assert signin.quorum.away_label.text() == "未签到"
    assert "缺席" not in signin.quorum.sentence.text()


def test_signin_given_name_initials_only_list_candidates_and_sign_in_nobody(signin):
    initials = {name_initials(r.name) for r in signin._rows}
    target = next(r for r in members(signin)
                  if len(r.name) == 3 and name_initials(r.name[1:]) not in initials)
    typed = name_initials(target.name[1:])  # "zs" for 董子思: a match, but not the name's initials
    signin.entry.setText(typed)
    signin.entry.returnPressed.emit()
    assert signin.quorum.figures["实到"].text() == "0"
    assert target.name in signin.message.text() and "已签到" not in signin.message.text()
    assert target.participation_id in signin.selected_ids()
    assert signin.entry.text() == typed


def test_signin_unique_full_initials_sign_in_on_enter(signin):
    counts = Counter(name_initials(r.name) for r in signin._rows)
    target = next(r for r in members(signin) if counts[name_initials(r.name)] == 1)
    signin.entry.setText(name_initials(target.name).upper())
    signin.entry.returnPressed.emit()
    assert signin.message.text().startswith(f"已签到：{target.name}")
    assert signin.quorum.figures["实到"].text() == "1"


def test_signin_shared_initials_sign_in_nobody():
    rows = [SimpleNamespace(name="张三"), SimpleNamespace(name="赵森"), SimpleNamespace(name="董子思")]
    assert [r.name for r in signin_module.exact_rows(rows, "zs")] == ["张三", "赵森"]
    assert [r.name for r in signin_module.exact_rows(rows, "dzs")] == ["董子思"]
    assert [r.name for r in signin_module.exact_rows(rows, "zhangsan")] == ["张三"]
    assert signin_module.exact_rows(rows, "张") == []


def test_signin_unknown_name_is_reported(signin):
    signin.entry.setText("查无此人")
    signin.entry.returnPressed.emit()
    assert "没有找到" in signin.message.text()


def test_signin_marks_selected_leave_with_reason(signin, monkeypatch):
    monkeypatch.setattr(signin_module, "ask_reason", lambda parent, title: ("因病", True))
    chosen = signin._rows[0].participation_id
    leave_before = int(signin.quorum.figures["请假"].text())
    signin.table.selectRow(0)
    signin.mark_selected("leave")
    row = next(r for r in signin._rows if r.participation_id == chosen)
    assert (row.status, row.reason) == ("leave", "因病")
    assert int(signin.quorum.figures["请假"].text()) == leave_before + 1


def test_signin_exports_pdf(signin, tmp_path, monkeypatch):
    target = tmp_path / "签到表.pdf"
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    monkeypatch.setattr(DocumentDialog, "exec", lambda dialog: dialog.save_button.click() or dialog.result())
    signin.export_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    assert "已导出" in signin.message.text()


def test_signin_closing_turns_the_unsigned_into_absent_and_reopening_back(signin):
    people = members(signin)
    signin._mark([r.participation_id for r in people[:40]], "present")
    signin.close_button.click()
    leave = int(signin.quorum.figures["请假"].text())
    assert signin.quorum.away_label.text() == "缺席"
    away = len(people) - 40 - leave
    assert signin.quorum.figures["未到"].text() == str(away)
    assert f"请假{leave}人，缺席{away}人，出席人数符合法定人数" in signin.quorum.sentence.text()
    assert signin.close_button.text() == "重新开放签到"
    signin.close_button.click()
    assert signin.quorum.away_label.text() == "未签到" and "缺席" not in signin.quorum.sentence.text()


def test_signin_enter_on_an_empty_entry_says_nothing(signin):
    signin.message.setText("")
    signin.entry.setText("  ")
    signin.entry.returnPressed.emit()
    assert signin.message.text() == ""


def test_signin_seat_numbers_fit_their_column(window, monkeypatch):
    from ui.fonts import bundled_font, register_app_fonts
    from ui.seating import seat_map_page

    register_app_fonts()
    window.setFont(bundled_font())  # the user's font: offscreen's default has narrow stand-in glyphs
    monkeypatch.setattr(seat_map_page, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    window.seating.auto_seat()
    window.show_page("signin")
    table = window.signin.table
    seats = [table.item(row, SEAT).text() for row in range(table.rowCount()) if table.item(row, SEAT)]
    assert any(seat.startswith("主席台") for seat in seats)  # the demo is seated, leaders on the rostrum
    widest = max(table.fontMetrics().horizontalAdvance(seat) for seat in seats)
    assert widest + 8 <= table.columnWidth(SEAT)  # "主席台1排1座" whole, not "主席台…"


def type_and_enter(page, text):
    page.entry.setText(text)
    page.entry.returnPressed.emit()


def test_signin_twice_says_already_signed_and_a_spaced_name_is_found(signin):
    target = next(r for r in members(signin) if len(r.name) == 2)
    type_and_enter(signin, f"{target.name[0]} {target.name[1]}")  # as printed on a two-character card
    assert signin.quorum.figures["实到"].text() == "1"
    type_and_enter(signin, target.name)
    assert "已签到，无需重复签到" in signin.message.text()
    assert signin.quorum.figures["实到"].text() == "1"


@pytest.mark.parametrize("answer, present", [(False, "0"), (True, "1")])
def test_signin_of_someone_on_leave_asks_first(signin, monkeypatch, answer, present):
    asked = []
    monkeypatch.setattr(signin_module, "ask_yes_no", lambda *args: asked.append(args[2]) or answer)
    away = next(r for r in signin._rows if r.status == "leave")
    type_and_enter(signin, away.name)
    assert asked and "已请假" in asked[0]
    assert signin.quorum.figures["实到"].text() == present


def test_signin_table_lists_the_chair_and_ranked_leaders_before_members(signin):
    voting = members(signin)
    ranked = [r for r in voting if r.rank_order > 0]
    assert ranked and voting[:len(ranked)] == sorted(ranked, key=lambda r: r.rank_order)
    assert signin.table.item(0, UNIT_POST).text().endswith("主任") and voting[0].rank_order == 1


def test_signin_closing_shows_absent_in_every_unsigned_row(signin):
    people = members(signin)
    signin._mark([people[0].participation_id], "present")
    signin.close_button.click()
    statuses = {signin.table.item(n, STATUS).text() for n, r in enumerate(signin._rows) if r.role == "member"}
    assert "未签到" not in statuses and {"已签到", "缺席"} <= statuses
    absent = sum(signin.table.item(n, STATUS).text() == "缺席" for n, r in enumerate(signin._rows)
                 if r.role == "member")
    assert str(absent) == signin.quorum.figures["未到"].text()
    signin.close_button.click()
    assert "缺席" not in {signin.table.item(n, STATUS).text() for n, r in enumerate(signin._rows)
                         if r.status == "unmarked"}


def quorum_panel(qtbot, result):
    panel = signin_module.QuorumPanel()
    qtbot.addWidget(panel)
    panel.show_result(result)
    return panel


def test_quorum_panel_counts_congress_shortfall_in_the_reports_measure_word(qtbot):
    from rdplanner.people.quorum import CONGRESS, evaluate

    panel = quorum_panel(qtbot, evaluate(CONGRESS, expected=620, present=0, leave=0, absent=0))
    assert "尚差 414 名" in panel.verdict.text()
    assert "414名" in panel.rule.text()


def test_quorum_panel_breaks_the_verdict_before_the_shortfall_and_fits_its_first_line(qtbot):
    from PySide6.QtGui import QFontMetrics

    from rdplanner.people.quorum import STANDING_COMMITTEE, evaluate

    panel = quorum_panel(qtbot, evaluate(STANDING_COMMITTEE, expected=45, present=3, leave=3, absent=0))
    panel.resize(panel.minimumWidth(), 700)
    panel.show()
    qtbot.waitExposed(panel)
    first, second = panel.verdict.text().split("\n")
    assert (first, second) == ("不符合法定人数", "尚差 20 人")
    assert QFontMetrics(panel.verdict.font()).horizontalAdvance(first) <= panel.verdict.contentsRect().width()


def test_quorum_panel_names_listed_members_left_out_of_the_count(qtbot):
    from rdplanner.people.quorum import STANDING_COMMITTEE, evaluate

    result = evaluate(STANDING_COMMITTEE, expected=45, present=3, leave=0, absent=0, not_on_record=("赵六",),
                      body="standing_committee")
    panel = quorum_panel(qtbot, result)
    assert panel.basis.text() == "名单中的 赵六 不在常委会组成人员名册中，未计入应到人数"
    assert not panel.basis.isHidden()
    panel.show_result(evaluate(STANDING_COMMITTEE, expected=45, present=3, leave=0, absent=0))
    assert panel.basis.isHidden()


def test_signin_page_reads_the_names_pinyin_as_it_opens(window, monkeypatch):
    prepared = []
    monkeypatch.setattr(signin_module, "prepare_names", lambda names: prepared.append(list(names)) or 0)
    window.show_page("signin")
    assert prepared and sorted(prepared[-1]) == sorted(r.name for r in window.signin._rows)



def test_signin_long_unit_elides_in_the_middle_keeping_the_body_post(signin):
    from PySide6.QtCore import Qt

    assert signin.table.textElideMode() == Qt.TextElideMode.ElideMiddle
    n = max(range(len(signin._rows)), key=lambda i: len(signin._rows[i].unit_post))
    assert signin.table.item(n, UNIT_POST).toolTip() == signin._rows[n].unit_post


def test_signin_standing_committee_meeting_has_no_delegation_column_or_filter(signin):
    assert not any(r.delegation for r in signin._rows)
    assert signin.table.isColumnHidden(signin_module.SignInColumn.DELEGATION)
    assert signin.delegation.isHidden() and signin.delegation_label.isHidden()
    assert signin.quorum.scope.isHidden()
    assert signin.table.rowCount() == len(signin._rows)
