"""The programme's services (issue 10): adding, editing, moving, copying and removing items, the
template's first draft, copying with a duplicated event and moving with the event's dates."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from programme_data import DAY, at, draft_of, item, make_meeting
from sqlalchemy import select

from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.models import Attendance, Event, Participation, Person, ProgrammeAttendee
from rdplanner.programme.read import load_programme
from rdplanner.programme.service import (
    add_item,
    copy_items_to_day,
    move_item,
    remove_items,
    update_item,
)
from rdplanner.programme.templates import apply_programme_template


@pytest.fixture
def event_id(session) -> int:
    return make_meeting(session)


def names(session, event_id) -> list[str]:
    return [i.name for i in load_programme(session, event_id).items]


def test_added_items_come_in_time_order_with_their_texts(session, event_id):
    add_item(session, event_id=event_id, draft=item("分组审议", "group", at(14, 30), at(17, 30),
                                                  audience="group", audience_value="第一组"))
    first = add_item(session, event_id=event_id, draft=item(place=" 第一 会议室 ")).value
    programme = load_programme(session, event_id)
    assert [i.name for i in programme.items] == ["第一次全体会议", "分组审议"]
    plenary = programme.item(first)
    assert (plenary.time_text, plenary.place_text, plenary.kind_label) == ("09:00—11:30", "第一 会议室", "全体会议")
    assert plenary.label == "3月10日 09:00—11:30 第一次全体会议"
    assert programme.items[1].audience_text == "第一组"
    assert len(programme.items[1].attendee_ids) == 1


@pytest.mark.parametrize(("draft", "field"), [
    (item(name="  "), "name"),
    (item(name="会" * 201), "name"),
    (item(kind="banquet"), "kind"),
    (item(start=None, end=None), "starts_at"),
    (item(end=at(9)), "ends_at"),
    (item(end=at(8)), "ends_at"),
    (item(end=datetime(2027, 3, 11, 1)), "ends_at"),
    (item(audience="crowd"), "audience"),
    (item(audience="role", audience_value="boss"), "audience_value"),
    (item(audience="delegation"), "audience_value"),
    (item(audience="people"), "attendees"),
    (item(hall_id=999), "hall_id"),
])
def test_a_bad_item_is_refused_naming_its_field_and_nothing_is_saved(session, event_id, draft, field):
    with pytest.raises(InvalidInput) as refused:
        add_item(session, event_id=event_id, draft=draft)
    assert refused.value.field == field
    session.rollback()
    assert names(session, event_id) == []


def test_people_of_another_event_cannot_be_named(session, event_id):
    stranger = Person(name="外人")
    other = Event(name="另一活动", event_type="standing_committee", start_date=DAY, end_date=DAY)
    session.add_all([stranger, other])
    session.flush()
    outside = Participation(event_id=other.id, person_id=stranger.id, role="member")
    session.add(outside)
    session.commit()
    with pytest.raises(InvalidInput, match="不在本活动的参会人员名单中") as refused:
        add_item(session, event_id=event_id, draft=item(audience="people", attendees=(outside.id,)))
    assert refused.value.field == "attendees"


def test_control_characters_are_removed_and_spaces_collapsed(session, event_id):
    made = add_item(session, event_id=event_id, draft=item(name="\u202e第一次\u200b  全体会议\x07")).value
    assert load_programme(session, event_id).item(made).name == "第一次 全体会议"


def test_an_edit_is_saved_and_a_stale_one_refused(session, event_id):
    made = add_item(session, event_id=event_id, draft=item()).value
    row = load_programme(session, event_id).item(made)
    update_item(session, item_id=made, expected_version=row.version, draft=item(name="开幕会", end=at(11)))
    saved = load_programme(session, event_id).item(made)
    assert (saved.name, saved.time_text) == ("开幕会", "09:00—11:00")
    with pytest.raises(StaleEdit):
        update_item(session, item_id=made, expected_version=row.version, draft=item(name="旧的"))


def test_named_attendees_are_kept_and_replaced(session, event_id):
    parts = list(session.scalars(select(Participation.id).where(Participation.event_id == event_id)
                                 .order_by(Participation.id)))
    made = add_item(session, event_id=event_id, draft=item(audience="people", attendees=(parts[2], parts[0]))).value
    row = load_programme(session, event_id).item(made)
    assert row.named == (parts[2], parts[0]) and row.audience_text == "指定 2 人"
    update_item(session, item_id=made, expected_version=row.version, draft=item(audience="all"))
    again = load_programme(session, event_id).item(made)
    assert again.named == () and again.attendee_ids == frozenset(parts)


def test_moving_swaps_time_slots_keeping_each_length(session, event_id):
    first = add_item(session, event_id=event_id, draft=item("听取报告", start=at(9), end=at(10))).value
    second = add_item(session, event_id=event_id, draft=item("审议", start=at(10), end=at(11, 30))).value
    move_item(session, item_id=second, step=-1)
    programme = load_programme(session, event_id)
    assert [(i.name, i.time_text) for i in programme.items] == [("审议", "09:00—10:30"), ("听取报告", "10:30—11:30")]
    assert programme.item(first).version == 2


def test_moving_parallel_items_swaps_their_order_only(session, event_id):
    add_item(session, event_id=event_id, draft=item("第一组", "group", at(14), at(17)))
    second = add_item(session, event_id=event_id, draft=item("第二组", "group", at(14), at(17))).value
    move_item(session, item_id=second, step=-1)
    assert [(i.name, i.time_text) for i in load_programme(session, event_id).items] == [
        ("第二组", "14:00—17:00"), ("第一组", "14:00—17:00")]


def test_the_first_item_of_a_day_cannot_move_earlier(session, event_id):
    made = add_item(session, event_id=event_id, draft=item()).value
    add_item(session, event_id=event_id, draft=item("次日", start=at(9, day=date(2027, 3, 11)), end=None))
    with pytest.raises(InvalidInput, match="已是当天第一项"):
        move_item(session, item_id=made, step=-1)
    with pytest.raises(InvalidInput, match="已是当天最后一项"):
        move_item(session, item_id=made, step=1)


def test_copy_to_another_day_keeps_times_and_people(session, event_id):
    part = session.scalar(select(Participation.id).where(Participation.event_id == event_id))
    made = add_item(session, event_id=event_id, draft=item(audience="people", attendees=(part,))).value
    copies = copy_items_to_day(session, item_ids=[made], day=date(2027, 3, 11)).value
    copy = load_programme(session, event_id).item(copies[0])
    assert (copy.day, copy.time_text, copy.named) == (date(2027, 3, 11), "09:00—11:30", (part,))


def test_an_item_with_sign_ins_is_not_removed(session, event_id):
    made = add_item(session, event_id=event_id, draft=item()).value
    part = session.scalar(select(Participation.id).where(Participation.event_id == event_id))
    session.add(Attendance(sitting_id=made, participation_id=part))
    session.commit()
    with pytest.raises(InvalidInput, match="已有 1 条签到记录，不能删除"):
        remove_items(session, item_ids=[made])
    session.rollback()
    assert names(session, event_id) == ["第一次全体会议"]


def test_removing_items_removes_their_named_people_too(session, event_id):
    part = session.scalar(select(Participation.id).where(Participation.event_id == event_id))
    made = add_item(session, event_id=event_id, draft=item(audience="people", attendees=(part,))).value
    outcome = remove_items(session, item_ids=[made])
    assert names(session, event_id) == []
    assert session.scalar(select(ProgrammeAttendee.id)) is None
    assert outcome.changes.touches("attendance", event_id)  # the sign-in page's sittings changed


def test_the_template_gives_a_two_day_meeting_its_draft_once(session, event_id):
    apply_programme_template(session, event_id=event_id)
    programme = load_programme(session, event_id)
    assert [(i.day.day, i.time_text, i.name) for i in programme.items] == [
        (10, "08:30—09:00", "报到、签到"), (10, "09:00—11:30", "第一次全体会议"), (10, "12:00—13:00", "工作餐"),
        (10, "14:30—17:30", "分组审议"), (11, "09:00—11:00", "闭幕全体会议（表决）")]
    assert programme.items[1].hall_name == "第一会议室"
    with pytest.raises(InvalidInput, match="已有日程"):
        apply_programme_template(session, event_id=event_id)


def test_a_one_day_meeting_gets_no_closing_plenary_of_its_own(session, event_id):
    event = session.get(Event, event_id)
    event.end_date = DAY
    session.commit()
    apply_programme_template(session, event_id=event_id)
    assert "闭幕全体会议（表决）" not in names(session, event_id)


def test_a_malformed_template_names_its_file_and_item(session, event_id, tmp_path):
    from rdplanner.errors import RdplannerError

    (tmp_path / "programme_x.toml").write_text(
        'event_types = ["standing_committee"]\n[[items]]\nday = 1\nstart = "25:00"\nname = "会"\nkind = "plenary"\n',
        encoding="utf-8")
    with pytest.raises(RdplannerError, match="日程模板 .*programme_x.toml 第 1 项"):
        apply_programme_template(session, event_id=event_id, folder=tmp_path)


def test_a_duplicated_event_gets_the_programme_with_its_people(session, event_id):
    from rdplanner.planning import duplicate_event

    part = session.scalar(select(Participation.id).where(Participation.event_id == event_id))
    add_item(session, event_id=event_id, draft=item(audience="people", attendees=(part,)))
    copy = duplicate_event(session, event_id=event_id).value
    copied = load_programme(session, copy).items
    assert [(i.name, i.time_text, i.day) for i in copied] == [("第一次全体会议", "09:00—11:30", DAY)]
    new_part = session.scalar(select(Participation.id).where(Participation.event_id == copy))
    assert copied[0].named == (new_part,)


def test_moving_the_opening_day_moves_the_programme_with_it(session, event_id):
    from rdplanner.events.service import get_event
    from rdplanner.planning import save_event

    add_item(session, event_id=event_id, draft=item())
    row = get_event(session, event_id)
    moved = save_event(session, event_id=event_id, expected_version=row.version,
                       draft=replace(draft_of(row), start_date=date(2027, 3, 17), end_date=date(2027, 3, 18)))
    assert moved.value == 7 and moved.changes.touches("programme", event_id)
    assert load_programme(session, event_id).items[0].label == "3月17日 09:00—11:30 第一次全体会议"


def test_changing_only_the_closing_day_moves_nothing(session, event_id):
    from rdplanner.events.service import get_event
    from rdplanner.planning import save_event

    add_item(session, event_id=event_id, draft=item())
    row = get_event(session, event_id)
    moved = save_event(session, event_id=event_id, expected_version=row.version,
                       draft=replace(draft_of(row), end_date=date(2027, 3, 12)))
    assert moved.value == 0 and not moved.changes.touches("programme", event_id)
    assert load_programme(session, event_id).items[0].day == DAY


@pytest.mark.parametrize("day", [date(9999, 12, 31), date(2026, 3, 8), date(2028, 3, 12)])
def test_an_item_a_year_or_more_from_the_event_is_refused(session, event_id, day):
    with pytest.raises(InvalidInput, match="与活动日期相差一年以上") as refused:
        add_item(session, event_id=event_id, draft=item(start=at(9, day=day), end=at(10, day=day)))
    assert refused.value.field == "starts_at"


def test_an_item_within_a_year_of_the_event_is_kept_and_copies_refuse_far_days(session, event_id):
    made = add_item(session, event_id=event_id, draft=item(start=at(9, day=date(2028, 3, 11)),
                                                          end=at(10, day=date(2028, 3, 11)))).value
    with pytest.raises(InvalidInput, match="相差一年以上"):
        copy_items_to_day(session, item_ids=[made], day=date(2099, 1, 1))
