"""The roster page on the demo event: order, filters, search, masking, add, edit, remove, bulk, directory."""

from dataclasses import replace

import pytest

from rdplanner.labels import ROLES
from rdplanner.office_settings import name_convention
from rdplanner.people.service import ParticipationDraft, PersonDraft, load_roster
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentDialog
from ui.people import roster_page as roster_module
from ui.people.bulk_dialog import BulkChange, BulkDialog
from ui.people.directory_dialog import DirectoryDialog, DirectoryRequest
from ui.people.person_dialog import PersonDialog
from ui.people.roster_model import RosterColumn


@pytest.fixture
def roster(window):
    window.show_page("roster")
    assert window.pages.currentWidget() is window.roster
    return window.roster


def shown_names(page) -> list[str]:
    return [page.model.row_at(n).name for n in range(page.model.rowCount())]


def cell(page, row: int, column: RosterColumn) -> str:
    return page.model.data(page.model.index(row, column))


def event_roster(window):
    with window.hub.database.session() as session:
        return load_roster(session, event_id=window.editor.event_id())


# Unranked members of the demo by surname strokes, counted by hand: 万 3, 田 (25121) before
# 付 (32124) at 5, 江 6, 苏 7, 金 8, 赵 9, 黄 11, 董 12, 雷 13, 熊 14, 潘 15.
MEMBERS_BY_STROKES = [
    "万瑞", "田丹卫", "付新秋", "江静", "苏琳", "金丽云", "赵民", "黄思秋", "董子思", "雷明峰",
    "熊安宇", "潘涵娟",
]


def test_roster_lists_everyone_in_official_order(roster, window):
    """Grouped by 身份 (常委会组成人员 first, as the exported roster); in each group the ranked (主任, 副主任,
    秘书长) by rank, then the others in stroke order."""
    rows = roster.model.rows()
    in_event = [r.participation_id for r in event_roster(window)]
    assert sorted(r.participation_id for r in rows) == sorted(in_event)
    roles = [r.role for r in rows]
    assert roles[0] == "member" and roles == sorted(roles, key=list(ROLES).index)
    assert rows[0].post == "主任"
    for role in set(roles):
        ranked = [r.rank_order for r in rows if r.role == role and r.rank_order > 0]
        assert [r.rank_order for r in rows if r.role == role][:len(ranked)] == sorted(ranked)
    members = [r.name for r in rows if r.role == "member" and r.rank_order <= 0]
    assert [name for name in members if name in MEMBERS_BY_STROKES] == MEMBERS_BY_STROKES


def test_roster_filters_by_role(roster, window):
    members = {r.participation_id for r in event_roster(window) if r.role == "member"}
    roster.role_filter.setCurrentIndex(roster.role_filter.findData("member"))
    assert {roster.model.row_at(n).participation_id for n in range(roster.model.rowCount())} == members
    assert f"当前显示 {len(members)} 人" in roster.summary.text()


@pytest.mark.parametrize("typed, found", [
    ("jly", {"金丽云", "金立怡"}),  # jin li yun, jin li yi; not 江静, 蒋霞云, 金婧杰 (jin jing jie)
    ("mf", {"雷明峰", "韩民富"}),  # the given name's initials find it too: ming feng, min fu
])
def test_roster_search_finds_by_pinyin_initials(roster, qtbot, typed, found):
    roster.search.setText(typed)
    qtbot.waitUntil(lambda: set(shown_names(roster)) == found)


def test_roster_masks_sensitive_fields_until_asked(roster):
    row = roster.model.row_at(0)
    assert cell(roster, 0, RosterColumn.ID_NUMBER) != row.id_card_no
    assert "*" in cell(roster, 0, RosterColumn.PHONE)
    roster.show_sensitive.setChecked(True)
    assert cell(roster, 0, RosterColumn.ID_NUMBER) == row.id_card_no
    assert cell(roster, 0, RosterColumn.PHONE) == row.phone


def test_roster_order_by_rank_puts_director_first(roster):
    roster.role_filter.setCurrentIndex(roster.role_filter.findData("member"))
    roster.order.setCurrentIndex(roster.order.findData("rank"))
    assert cell(roster, 0, RosterColumn.POST) == "主任"


def test_roster_xingshi_choice_is_saved_for_the_body(roster, window):
    roster.order.setCurrentIndex(roster.order.findData("xingshi"))
    with window.hub.database.session() as session:
        assert name_convention(session, "standing_committee") == "xingshi"
    assert "姓氏笔画" in roster.assumption.text()


def test_roster_adds_person(roster, window, monkeypatch):
    drafts = (PersonDraft(name="丁一", unit="市审计局", post="局长"), ParticipationDraft(role="attendee"))
    monkeypatch.setattr(PersonDialog, "ask", classmethod(lambda cls, parent, **kw: drafts))
    before = len(event_roster(window))
    roster.action_add_person.trigger()
    assert "丁一" in shown_names(roster)
    attendees = [r.name for r in roster.model.rows() if r.role == "attendee"]
    ranked = sum(r.rank_order > 0 for r in roster.model.rows() if r.role == "attendee")
    assert attendees[ranked] == "丁一"  # the ranked 列席 first, then 丁一 first of the others: two strokes
    window.show_page("overview")  # the hidden overview catches up when it is shown
    assert f"{before + 1} 人" in window.editor.overview.values["参会人员"].text()


def test_roster_edits_current_person(roster, window, monkeypatch):
    roster.table.setCurrentIndex(roster.model.index(3, 0))
    row = roster.model.row_at(3)
    edited = (replace(row.person_draft(), post="新职务"), row.participation_draft())
    monkeypatch.setattr(PersonDialog, "ask", classmethod(lambda cls, parent, **kw: edited))
    roster.action_edit_person.trigger()
    assert {r.post for r in event_roster(window) if r.participation_id == row.participation_id} == {"新职务"}


def test_roster_removes_selected_after_confirmation(roster, window, monkeypatch):
    monkeypatch.setattr(roster_module, "ask_yes_no", lambda *args: True)
    roster.table.selectRow(0)
    removed = roster.model.row_at(0).name
    before = len(event_roster(window))
    roster.action_remove_people.trigger()
    assert len(event_roster(window)) == before - 1
    assert removed not in shown_names(roster)


def test_roster_bulk_changes_delegation(roster, window, monkeypatch):
    monkeypatch.setattr(BulkDialog, "ask", classmethod(lambda cls, parent, **kw: BulkChange(delegation="第一组")))
    roster.table.selectRow(0)
    roster.table.selectionModel().select(roster.model.index(1, 0), roster.table.selectionModel().SelectionFlag.Select
                                         | roster.table.selectionModel().SelectionFlag.Rows)
    roster.action_bulk_change.trigger()
    assert sum(r.delegation == "第一组" for r in event_roster(window)) == 2
    assert roster.delegation_filter.findData("第一组") >= 0


def test_roster_adds_all_body_members_from_directory(roster, window, monkeypatch):
    monkeypatch.setattr(roster_module, "ask_yes_no", lambda *args: True)
    members = [n for n in range(roster.model.rowCount()) if roster.model.row_at(n).role == "member"]
    everyone = {r.participation_id for r in event_roster(window)}
    roster.table.clearSelection()
    for n in members[:3]:
        roster.table.selectionModel().select(roster.model.index(n, 0),
                                             roster.table.selectionModel().SelectionFlag.Select
                                             | roster.table.selectionModel().SelectionFlag.Rows)
    roster.action_remove_people.trigger()
    assert len(event_roster(window)) == len(everyone) - 3
    monkeypatch.setattr(DirectoryDialog, "ask", classmethod(
        lambda cls, parent, hub, **kw: DirectoryRequest(role="member", body="standing_committee")))
    roster.action_add_from_directory.trigger()
    assert sum(r.role == "member" for r in event_roster(window)) == len(members)


def test_directory_dialog_offers_only_people_not_in_event(qtbot, window):
    from PySide6.QtCore import Qt

    from rdplanner.models import Person

    with window.hub.database.session() as session:
        outsider = Person(name="丁一", unit="市审计局")
        session.add(outsider)
        session.commit()
        outsider_id = outsider.id
    in_event = {r.person_id for r in event_roster(window)}
    dialog = DirectoryDialog(window, window.hub, event_id=window.editor.event_id(), role="member",
                             body="standing_committee")
    qtbot.addWidget(dialog)
    listed = {dialog.table.item(n, 0).data(Qt.ItemDataRole.UserRole): dialog.table.item(n, 3).text()
              for n in range(dialog.table.rowCount())}
    assert listed == {**{pid: "已在本活动" for pid in in_event}, outsider_id: ""}
    dialog.table.selectAll()
    dialog.add_selected.click()
    assert dialog.request.person_ids == (outsider_id,)
    assert not dialog.add_body.isHidden()
    assert "常务委员会" in dialog.add_body.text()


def test_person_dialog_refuses_bad_phone(qtbot):
    dialog = PersonDialog(None, role="member")
    qtbot.addWidget(dialog)
    dialog.name.setText("张三")
    dialog.phone.setText("123")
    dialog.accept()
    assert "格式不对" in dialog.error.text()
    assert dialog.result() == 0


def test_roster_model_is_consistent(roster, qtmodeltester):
    qtmodeltester.check(roster.model)


def test_roster_exports_masked_workbook(roster, tmp_path, monkeypatch):
    target = tmp_path / "名单.xlsx"
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    monkeypatch.setattr(DocumentDialog, "exec", lambda dialog: dialog.save_button.click() or dialog.result())
    roster.action_export_roster.trigger()
    from openpyxl import load_workbook

    texts = [str(c.value) for row in load_workbook(target).active.iter_rows() for c in row if c.value]
    first = roster.model.row_at(0)
    assert first.name in texts
    assert first.id_card_no not in texts


def test_roster_flags_deputy_with_two_unapproved_absences(window, monkeypatch):
    from datetime import date

    from PySide6.QtCore import Qt

    from rdplanner.events.service import EventDraft, create_event
    from rdplanner.models import BodyMembership
    from rdplanner.people.attendance import ensure_default_sitting, mark
    from rdplanner.people.service import add_new_person, add_people
    from ui.people import history_dialog

    with window.hub.database.session() as session:
        events = [create_event(session, draft=EventDraft(
            name=f"市第十七届人民代表大会第{n}次会议", event_type="congress_session",
            start_date=date(2024 + n, 1, 10), end_date=date(2024 + n, 1, 12))).value for n in (1, 2)]
        part_id, _ = add_new_person(session, event_id=events[0], person=PersonDraft(name="缺席甲"),
                                    participation=ParticipationDraft(role="deputy"))
        person_id = next(r.person_id for r in load_roster(session, event_id=events[0]))
        session.add(BodyMembership(person_id=person_id, body="congress", start_date=date(2023, 1, 1)))
        session.commit()
        add_people(session, event_id=events[1], person_ids=[person_id], role="deputy")
        for event_id in events:
            sitting_id, _ = ensure_default_sitting(session, event_id=event_id)
            participation = next(r.participation_id for r in load_roster(session, event_id=event_id))
            mark(session, sitting_id=sitting_id, participation_ids=[participation], status="absent")
    window.event_list.reload(select_id=events[1])
    window.show_page("roster")
    roster = window.roster
    assert roster.model.flagged == {person_id: 2}
    index = roster.model.index(0, RosterColumn.NAME)
    assert "代表法第六十二条" in roster.model.data(index, Qt.ItemDataRole.ToolTipRole)
    shown = {}
    monkeypatch.setattr(history_dialog.HistoryDialog, "exec", lambda self: shown.update(
        rows=self.table.rowCount(), note=self.note.text()))
    roster.table.setCurrentIndex(index)
    roster.action_show_history.trigger()
    assert shown["rows"] == 2
    assert "2 次" in shown["note"]


def person_with_phone_and_id(roster):
    return next(r for r in roster.model.rows() if len(r.phone) == 11 and len(r.id_card_no) == 18)


def test_person_dialog_masks_phone_and_id_like_the_roster(roster, qtbot):
    row = person_with_phone_and_id(roster)
    dialog = PersonDialog(roster, row=row)
    qtbot.addWidget(dialog)
    assert dialog.phone.text() == row.phone[:3] + "****" + row.phone[7:]
    assert dialog.id_card_no.text() == row.id_card_no[:6] + "*" * 8 + row.id_card_no[14:]
    person, _ = dialog.drafts()
    assert (person.phone, person.id_card_no) == (row.phone, row.id_card_no)  # never the masked text
    dialog.show_sensitive.setChecked(True)
    assert (dialog.phone.text(), dialog.id_card_no.text()) == (row.phone, row.id_card_no)
    dialog.show_sensitive.setChecked(False)
    assert "*" in dialog.phone.text()


def test_person_dialog_reveals_a_field_while_it_is_edited(roster, qtbot):
    row = person_with_phone_and_id(roster)
    dialog = PersonDialog(roster, row=row)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.phone.setFocus()
    qtbot.waitUntil(dialog.phone.hasFocus)
    assert dialog.phone.text() == row.phone
    dialog.phone.setText("13912345678")
    dialog.name.setFocus()
    qtbot.waitUntil(dialog.name.hasFocus)
    assert dialog.phone.text() == "139****5678"
    person, _ = dialog.drafts()
    assert person.phone == "13912345678" and person.id_card_no == row.id_card_no


def test_person_dialog_follows_the_roster_toggle_and_shows_the_whole_id(roster, qtbot):
    from ui.fonts import bundled_font, register_app_fonts

    register_app_fonts()
    roster.window().setFont(bundled_font())  # the user's font: offscreen's stand-in glyphs are narrow
    roster.show_sensitive.setChecked(True)
    row = person_with_phone_and_id(roster)
    dialog = PersonDialog(roster, row=row, show_sensitive=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.id_card_no.text() == row.id_card_no
    field = dialog.id_card_no
    assert field.width() >= field.fontMetrics().horizontalAdvance(row.id_card_no) + 8


def test_person_dialog_saves_the_real_values_through_the_roster(roster, monkeypatch):
    row = person_with_phone_and_id(roster)
    monkeypatch.setattr(PersonDialog, "exec", lambda self: PersonDialog.DialogCode.Accepted)
    roster.table.selectRow(next(n for n in range(roster.model.rowCount())
                                if roster.model.row_at(n).participation_id == row.participation_id))
    roster.edit_current()
    saved = next(r for r in event_roster(roster.window()) if r.participation_id == row.participation_id)
    assert (saved.phone, saved.id_card_no) == (row.phone, row.id_card_no)


def test_roster_name_tooltip_writes_unit_then_post_apart(roster):
    from PySide6.QtCore import Qt

    from ui.people.roster_model import RosterColumn

    row = next(n for n in range(roster.model.rowCount()) if roster.model.row_at(n).unit and roster.model.row_at(n).post)
    person = roster.model.row_at(row)
    tip = roster.model.data(roster.model.index(row, RosterColumn.NAME), Qt.ItemDataRole.ToolTipRole)
    assert f"{person.unit} {person.post}" in tip


def test_attendance_record_at_a_standing_committee_meeting_cites_its_leave_rule(window, monkeypatch):
    from ui.people import history_dialog

    window.show_page("roster")
    roster = window.roster
    shown = {}
    monkeypatch.setattr(history_dialog.HistoryDialog, "exec",
                        lambda self: shown.update(note=self.note.text()))
    roster.table.setCurrentIndex(roster.model.index(0, RosterColumn.NAME))
    roster.action_show_history.trigger()

    assert "常委会议事规则" in shown["note"] and "代表法" not in shown["note"]


def test_roster_import_result_keeps_the_rosters_own_warnings_in_view(roster, window, monkeypatch):
    from rdplanner.people.service import add_new_person
    from ui.people.import_dialog import ImportDialog

    def imported(cls, parent, hub, **kw):
        hub.apply(add_new_person, event_id=kw["event_id"], person=PersonDraft(name="王\U0002a6a5"),
                  participation=ParticipationDraft(role="member"))
        return "新增 1 人，更新 0 人，未变 0 人"

    monkeypatch.setattr(ImportDialog, "ask", classmethod(imported))
    before = len(event_roster(window))
    roster.action_import_roster.trigger()
    text = roster.summary.text()
    assert text.startswith("导入完成：新增 1 人") and "无笔画数据" in text and f"共 {before + 1} 人" in text


def test_fit_widths_gives_room_to_the_unit_and_takes_a_shortfall_from_elided_columns_only():
    from ui.people.roster_columns import fit_widths

    wanted, minimum = {0: 50, 1: 300, 2: 100}, {1: 80, 2: 40}
    assert fit_widths(wanted, minimum, flexible=minimum, grow=1, available=500) == {0: 50, 1: 350, 2: 100}
    shrunk = fit_widths(wanted, minimum, flexible=minimum, grow=1, available=300)
    assert sum(shrunk.values()) == 300 and shrunk[0] == 50 and shrunk[1] >= 80 and shrunk[2] >= 40
    assert fit_widths(wanted, minimum, flexible=minimum, grow=1, available=100) == {0: 50, 1: 80, 2: 40}


@pytest.mark.parametrize("sensitive", [False, True])
def test_roster_measures_each_column_as_qt_would_without_asking_every_cell(roster, sensitive):
    roster.show_sensitive.setChecked(sensitive)
    header = roster.table.horizontalHeader()
    header.setResizeContentsPrecision(-1)  # Qt's own measure over every row, for the comparison
    columns = [c for c in RosterColumn if not header.isSectionHidden(c)]

    measured = roster._content_widths(columns)

    for column in columns:
        assert abs(measured[column] - roster.table.sizeHintForColumn(column)) <= 2, column.name


def test_the_column_measure_takes_the_longest_texts_counting_chinese_characters_double():
    from ui.people.roster_columns import LONGEST_MEASURED, display_length, longest_texts

    assert display_length("上城区ab") == 8
    texts = {"a" * n for n in range(1, 20)} | {"中" * 10}  # 20 half-width cells: the widest
    chosen = longest_texts(texts)
    assert len(chosen) == LONGEST_MEASURED == 8
    assert chosen == ["中" * 10] + ["a" * n for n in range(19, 12, -1)]
