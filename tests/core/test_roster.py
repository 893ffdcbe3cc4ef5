"""Roster services: adding, editing, removing and bulk-changing participants; the directory; ordering."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import BodyMembership, Participation, Person
from rdplanner.people.idcard import check_digit
from rdplanner.office_settings import name_convention, name_convention_key, set_setting
from rdplanner.people.ordering import order_names
from rdplanner.people.roster_order import identical_name_ids, order_roster, roster_matches
from rdplanner.people.service import (
    ParticipationDraft,
    PersonDraft,
    add_body_members,
    add_new_person,
    add_people,
    bulk_update,
    load_roster,
    remove_participants,
    search_directory,
    update_participant,
    validate_person,
)

FIRST17 = "33010219721009572"


def valid_id() -> str:
    return FIRST17 + check_digit(FIRST17)


@pytest.fixture
def event_id(session):
    new_id, _ = create_event(session, draft=EventDraft(
        name="市第十七届人大常委会第二十四次会议", event_type="standing_committee",
        start_date=date(2027, 2, 24), end_date=date(2027, 2, 25)))
    return new_id


def add(session, event_id, name, role="member", **person):
    pid, _ = add_new_person(session, event_id=event_id, person=PersonDraft(name=name, **person),
                            participation=ParticipationDraft(role=role))
    return pid


def test_validate_person_removes_alignment_spaces_in_names():
    assert validate_person(PersonDraft(name="张　三")).name == "张三"
    assert validate_person(PersonDraft(name=" 欧阳  娜娜 ")).name == "欧阳娜娜"


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "姓名为空"),
    ("name", "张" * 61, "姓名过长"),
    ("phone", "12345", "格式不对"),
    ("unit", "单" * 201, "单位过长"),
])
def test_validate_person_names_the_bad_field(field, value, message):
    draft = replace(PersonDraft(name="张三"), **{field: value})
    with pytest.raises(InvalidInput, match=message) as caught:
        validate_person(draft)
    assert caught.value.field == field


def test_validate_person_checks_id_number():
    wrong = FIRST17 + ("0" if check_digit(FIRST17) != "0" else "1")
    with pytest.raises(InvalidInput) as caught:
        validate_person(PersonDraft(name="张三", id_card_no=wrong))
    assert caught.value.field == "id_card_no"


def test_add_new_person_adds_participant_and_directory_entry(session, event_id):
    add(session, event_id, "王五", unit="市财政局", phone="13800000000", id_card_no=valid_id())
    rows = load_roster(session, event_id=event_id)
    assert [(r.name, r.unit, r.role, r.id_card_no) for r in rows] == [("王五", "市财政局", "member", valid_id())]


def test_add_new_person_refuses_id_number_already_in_directory(session, event_id):
    add(session, event_id, "王五", id_card_no=valid_id())
    with pytest.raises(InvalidInput, match="已属于人员名录中的“王五”") as caught:
        add(session, event_id, "王伍", id_card_no=valid_id())
    assert caught.value.field == "id_card_no"
    assert len(load_roster(session, event_id=event_id)) == 1


def test_update_participant_saves_both_parts(session, event_id):
    add(session, event_id, "王五")
    row = load_roster(session, event_id=event_id)[0]
    update_participant(session, participation_id=row.participation_id, person_version=row.person_version,
                       participation_version=row.participation_version,
                       person=replace(row.person_draft(), post="副主任"),
                       participation=replace(row.participation_draft(), needs_lodging=True, rank_order=2))
    saved = load_roster(session, event_id=event_id)[0]
    assert (saved.post, saved.needs_lodging, saved.rank_order) == ("副主任", True, 2)
    assert saved.person_version == row.person_version + 1


def test_update_participant_refuses_stale_version_and_saves_nothing(session, event_id):
    add(session, event_id, "王五")
    row = load_roster(session, event_id=event_id)[0]
    update_participant(session, participation_id=row.participation_id, person_version=row.person_version,
                       participation_version=row.participation_version,
                       person=replace(row.person_draft(), post="第一次"), participation=row.participation_draft())
    with pytest.raises(StaleEdit):
        update_participant(session, participation_id=row.participation_id, person_version=row.person_version,
                           participation_version=row.participation_version,
                           person=replace(row.person_draft(), post="第二次"),
                           participation=row.participation_draft())
    assert load_roster(session, event_id=event_id)[0].post == "第一次"


def test_remove_participants_keeps_directory(session, event_id):
    pid = add(session, event_id, "王五")
    remove_participants(session, participation_ids=[pid])
    assert load_roster(session, event_id=event_id) == ()
    assert session.scalar(select(Person.name)) == "王五"


def test_bulk_update_changes_only_given_fields(session, event_id):
    ids = [add(session, event_id, name) for name in ("王五", "文六")]
    bulk_update(session, participation_ids=ids, delegation="第一组", leave_status="approved")
    rows = load_roster(session, event_id=event_id)
    assert {(r.delegation, r.leave_status, r.role) for r in rows} == {("第一组", "approved", "member")}


def test_bulk_update_refuses_unknown_role(session, event_id):
    ids = [add(session, event_id, "王五")]
    with pytest.raises(InvalidInput):
        bulk_update(session, participation_ids=ids, role="boss")


def test_add_people_skips_those_already_in_event(session, event_id):
    add(session, event_id, "王五")
    other = Person(name="文六", unit="市司法局")
    session.add(other)
    session.commit()
    everyone = [r.id for r in search_directory(session, event_id=event_id)]
    added, _ = add_people(session, event_id=event_id, person_ids=everyone, role="attendee")
    assert added == 1
    assert {(r.name, r.role) for r in load_roster(session, event_id=event_id)} == {("王五", "member"),
                                                                                 ("文六", "attendee")}


def test_search_directory_marks_people_in_event(session, event_id):
    add(session, event_id, "王五", unit="市财政局")
    found = search_directory(session, event_id=event_id, search="财政")
    assert [(r.name, r.in_event) for r in found] == [("王五", True)]


def test_add_body_members_adds_current_members_with_rank(session, event_id):
    people = [Person(name=n) for n in ("主任甲", "委员乙", "离任丙")]
    session.add_all(people)
    session.flush()
    session.add_all([
        BodyMembership(person_id=people[0].id, body="standing_committee", rank_order=1),
        BodyMembership(person_id=people[1].id, body="standing_committee", rank_order=9),
        BodyMembership(person_id=people[2].id, body="standing_committee", rank_order=5, end_date=date(2026, 6, 1)),
    ])
    session.commit()
    added, _ = add_body_members(session, event_id=event_id, body="standing_committee", role="member")
    assert added == 2
    ranks = dict(session.execute(select(Person.name, Participation.rank_order).join(
        Participation, Participation.person_id == Person.id)).all())
    assert ranks == {"主任甲": 1, "委员乙": 9}


def test_order_roster_follows_name_strokes_and_flags_identical(session, event_id):
    for name, unit in (("田富", "甲"), ("田大利", "乙"), ("王五", "丙"), ("王五", "丁")):
        add(session, event_id, name, unit=unit)
    rows = load_roster(session, event_id=event_id)
    ordered = order_roster(rows, mode="xingming")
    assert [r.name for r in ordered.rows] == ["王五", "王五", "田大利", "田富"]
    assert len(identical_name_ids(rows)) == 2
    assert any("姓名相同" in w for w in ordered.warnings)
    assert [r.name for r in order_roster(rows, mode="xingshi").rows][2:] == ["田富", "田大利"]


def test_roster_matches_pinyin_initials_and_text(session, event_id):
    add(session, event_id, "曾国藩", unit="市财政局")
    row = load_roster(session, event_id=event_id)[0]
    assert roster_matches(row, "zgf")
    assert roster_matches(row, "财政")
    assert not roster_matches(row, "cgf")


def test_name_convention_is_an_office_setting(session):
    assert name_convention(session, "standing_committee") == "xingming"
    set_setting(session, key=name_convention_key("standing_committee"), value="xingshi")
    assert name_convention(session, "standing_committee") == "xingshi"
    assert name_convention(session, "congress") == "xingming"


@pytest.mark.parametrize("raw, stored", [
    ("张　三", "张三"),
    ("阿依古丽•买买提", "阿依古丽·买买提"),
    ("Mary  Smith", "Mary Smith"),
    ("王\u200b五", "王五"),
    ("\uf9a8明", "\uf9a8明"),
])
def test_typed_and_imported_names_are_stored_alike(raw, stored):
    from rdplanner.people.importing.values import parse_name

    assert validate_person(PersonDraft(name=raw)).name == stored
    assert parse_name(raw)[0] == stored


def test_stroke_order_groups_by_role_first_like_the_exported_roster(session, event_id):
    from rdplanner.people.documents import roster_groups

    for name, role in (("丁一", "attendee"), ("王五", "member"), ("田富", "staff"), ("王二", "attendee"),
                       ("乙三", "observer"), ("马六", "member")):
        add(session, event_id, name, role=role)
    rows = load_roster(session, event_id=event_id)
    for mode in ("xingming", "xingshi"):
        ordered = order_roster(rows, mode=mode)
        roles = ["member", "member", "attendee", "attendee", "observer", "staff"]
        assert [r.role for r in ordered.rows] == roles
        assert [r.name for r in ordered.rows] == ["马六", "王五", "丁一", "王二", "乙三", "田富"]
        assert ordered.explanation.startswith("先按身份分组")
        groups = roster_groups(rows, by="role", convention=mode)
        exported = [line.name for _, lines in groups for line in lines]
        assert exported == [r.name for r in ordered.rows]
    assert [r.name for r in order_roster(rows, mode="pinyin").rows][0] == "丁一"  # not grouped


LEADERS_AND_MEMBERS = (("王一", "委员", 0), ("邹成琳", "主任", 1), ("丁二", "委员", 0), ("罗林跃", "副主任", 3),
                       ("冯俊民", "副主任", 2), ("谢秘书", "秘书长", 4), ("马三", "委员", 0))
OFFICIAL = ["邹成琳", "冯俊民", "罗林跃", "谢秘书", "丁二", "马三", "王一"]


def test_stroke_order_lists_ranked_leaders_first_then_members_by_strokes(session, event_id):
    from rdplanner.people.documents import roster_groups

    for name, post, rank in LEADERS_AND_MEMBERS:
        add_new_person(session, event_id=event_id, person=PersonDraft(name=name, post=post),
                       participation=ParticipationDraft(role="member", rank_order=rank))
    add(session, event_id, "丁列席", role="attendee")
    rows = load_roster(session, event_id=event_id)
    for mode in ("xingming", "xingshi"):
        ordered = order_roster(rows, mode=mode)
        assert [r.name for r in ordered.rows] == OFFICIAL + ["丁列席"]
        assert "职务排序" in ordered.explanation
        exported = [line.name for _, lines in roster_groups(rows, by="role", convention=mode) for line in lines]
        assert exported == OFFICIAL + ["丁列席"]


def test_signin_sheet_lists_ranked_leaders_first_like_the_roster(session, event_id):
    from rdplanner.people.attendance import ensure_default_sitting
    from rdplanner.people.documents import signin_document

    add(session, event_id, "丁列席", role="attendee")
    for name, post, rank in LEADERS_AND_MEMBERS:
        add_new_person(session, event_id=event_id, person=PersonDraft(name=name, post=post),
                       participation=ParticipationDraft(role="member", rank_order=rank))
    sitting_id, _ = ensure_default_sitting(session, event_id=event_id)
    lines = signin_document(session, sitting_id=sitting_id)["lines"]
    assert [line.name for line in lines] == OFFICIAL + ["丁列席"]


def test_deputies_are_listed_by_strokes_whatever_their_rank(session, event_id):
    # a deputy's rank seats them on the presidium's rostrum; on a list of deputies all go by strokes
    for name, _post, rank in LEADERS_AND_MEMBERS:
        add_new_person(session, event_id=event_id, person=PersonDraft(name=name),
                       participation=ParticipationDraft(role="deputy", rank_order=rank))
    rows = load_roster(session, event_id=event_id)
    names = [r.name for r in rows]
    for mode in ("xingming", "xingshi"):
        assert [r.name for r in order_roster(rows, mode=mode).rows] == order_names(names, mode).apply(names)
