"""A room is a directory row shared by every event: its beds are counted over all events' stays on a
night — by the stay services, the allocation, its save, the problems, a room type's beds and the undo."""

from collections import Counter

import pytest
from lodging_world import START, make_world

from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.lodging import hotels, stays
from rdplanner.lodging.allocate import apply_rooms, propose_rooms, save_allocation
from rdplanner.lodging.domain import lodging_findings
from rdplanner.lodging.read import PolicyRow, load_lodging, load_policy
from rdplanner.lodging.snapshots import LODGING
from rdplanner.models import RoomType, Stay
from rdplanner.undo import record, restore_recorded


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    return make_world(session)


def lodge(session, world, name, room, event=None):
    event = event or (world.a if name in ("王一", "李二") else world.b)
    return stays.add_stay(session, event_id=event, participation_id=world.people[name],
                          room_id=world.rooms[room]).value


def test_a_room_full_with_another_events_guests_refuses_a_third(session, world):
    lodge(session, world, "王一", "301")
    lodge(session, world, "李二", "301")
    with pytest.raises(InvalidInput) as raised:
        lodge(session, world, "陈五", "301")
    assert raised.value.params["field"] == "room_id"
    assert str(raised.value) == "会议中心宾馆 301 房间只有 2 个床位，6月2日晚已住满（另一活动“常委会会议”的王一、李二）。"


def test_one_bed_left_by_another_event_is_free(session, world):
    lodge(session, world, "王一", "301")
    assert lodge(session, world, "陈五", "301")


def test_a_move_into_a_room_another_event_fills_is_refused(session, world):
    lodge(session, world, "王一", "301")
    lodge(session, world, "李二", "301")
    chen = lodge(session, world, "陈五", "302")
    with pytest.raises(InvalidInput) as raised:
        stays.move_stay(session, stay_id=chen, room_id=world.rooms["301"])
    assert raised.value.params["field"] == "room_id"


def test_the_allocation_of_one_event_leaves_the_rooms_another_uses_those_nights(session, world):
    lodge(session, world, "王一", "301")
    proposal = propose_rooms(session, event_id=world.b)
    assert {p.number for p in proposal.placements} == {"302", "303"}  # a woman and a man: two rooms


def test_an_over_full_room_is_reported_by_each_event_naming_the_other(session, world):
    lodge(session, world, "王一", "301")
    lodge(session, world, "李二", "301")
    session.add(Stay(event_id=world.b, room_id=world.rooms["301"], participation_id=world.people["陈五"],
                     check_in=START, check_out=START.replace(day=4)))  # written past the checks
    session.commit()
    over_a = [p.message for p in lodging_findings(session, world.a, START) if p.code == "room_over_beds"]
    over_b = [p.message for p in lodging_findings(session, world.b, START) if p.code == "room_over_beds"]
    assert over_a == ["会议中心宾馆 301 房间（标准间，2 个床位）6月2日晚安排了 3 人：王一、李二、另一活动“培训班”的陈五。"]
    assert over_b == ["会议中心宾馆 301 房间（标准间，2 个床位）6月2日晚安排了 3 人：陈五、另一活动“常委会会议”的王一、李二。"]


def test_a_man_and_a_woman_of_two_events_in_one_room_are_mixed_in_both(session, world):
    lodge(session, world, "王一", "301")
    lodge(session, world, "刘芳", "301")
    for event in (world.a, world.b):
        assert [p.code for p in lodging_findings(session, event, START)].count("room_mixed_gender") == 1
    lodge(session, world, "陈五", "302")
    assert "room_mixed_gender" not in [p.code for p in lodging_findings(session, world.a, START)
                                       if "302" in p.message]


def test_saving_a_proposal_after_another_event_took_its_room_is_refused(session, world):
    proposal = propose_rooms(session, event_id=world.a)  # 王一 and 李二 into 301
    lodge(session, world, "陈五", "301")
    with pytest.raises(StaleEdit) as raised:
        apply_rooms(session, event_id=world.a, proposal=proposal)
    assert raised.value.params["field"] == "proposal"
    assert "会议中心宾馆 301 房间6月2日晚将住 3 人，只有 2 个床位" in str(raised.value)
    assert [s.participation_id for s in load_lodging(session, world.a).stays] == []


def test_saving_a_proposal_after_a_stay_was_added_names_the_person(session, world):
    proposal = propose_rooms(session, event_id=world.a)
    lodge(session, world, "王一", "303")
    with pytest.raises(StaleEdit) as raised:
        apply_rooms(session, event_id=world.a, proposal=proposal)
    assert str(raised.value) == "方案生成后新增了王一的住宿安排，方案未保存；请重新生成方案。"
    assert len(load_lodging(session, world.a).stays) == 1


def test_saving_a_proposal_after_the_beds_changed_names_the_room_type(session, world):
    proposal = propose_rooms(session, event_id=world.a)
    kind = session.get(RoomType, world.twin)
    hotels.update_room_type(session, room_type_id=world.twin, expected_version=kind.version, name="标准间",
                            beds=1, is_suite=False, rate_fen=38000)
    with pytest.raises(StaleEdit) as raised:
        apply_rooms(session, event_id=world.a, proposal=proposal)
    assert "会议中心宾馆房型“标准间”已被修改" in str(raised.value)


def test_a_refused_save_of_rules_and_proposal_saves_neither(session, world):
    proposal = propose_rooms(session, event_id=world.a)
    lodge(session, world, "陈五", "301")
    with pytest.raises(StaleEdit):
        save_allocation(session, event_id=world.a, policy=PolicyRow(single_rank_within=5), proposal=proposal)
    assert load_policy(session, world.a).version == 0


def test_fewer_beds_than_a_room_holds_are_refused_naming_the_room(session, world):
    lodge(session, world, "王一", "301")
    lodge(session, world, "陈五", "301")  # one of each event
    kind = session.get(RoomType, world.twin)
    with pytest.raises(InvalidInput) as raised:
        hotels.update_room_type(session, room_type_id=world.twin, expected_version=kind.version, name="标准间",
                                beds=1, is_suite=False, rate_fen=38000)
    assert raised.value.params["field"] == "beds" and "会议中心宾馆 301 房间" in str(raised.value)


def test_fewer_beds_are_accepted_while_every_room_holds_one_guest_a_night(session, world):
    lodge(session, world, "王一", "301")
    lodge(session, world, "陈五", "302")
    kind = session.get(RoomType, world.twin)
    hotels.update_room_type(session, room_type_id=world.twin, expected_version=kind.version, name="标准间",
                            beds=1, is_suite=False, rate_fen=38000)
    assert session.get(RoomType, world.twin, populate_existing=True).beds == 1


def test_an_undo_that_would_overfill_a_room_is_refused(session, world):
    lodge(session, world, "王一", "301")
    li = lodge(session, world, "李二", "301")
    chen = lodge(session, world, "陈五", "302")
    done = record(session, snapshotter=LODGING, key=world.a, action=stays.remove_stays, stay_ids=[li])
    stays.move_stay(session, stay_id=chen, room_id=world.rooms["301"])  # the freed bed, by the other event
    with pytest.raises(StaleEdit) as raised:
        restore_recorded(session, snapshotter=LODGING, key=world.a, state=done.before, expected=done.after)
    assert "会议中心宾馆 301 房间6月2日晚将住 3 人，只有 2 个床位" in str(raised.value)
    assert Counter(s.participation_id for s in load_lodging(session, world.a).stays) == {world.people["王一"]: 1}
