"""Tests of the sign-in services: sittings, marks, the live quorum, history and the art. 62 flag."""

from datetime import date, datetime

import pytest
from sqlmodel import select

from rdplanner.errors import InvalidInput, NotFound
from rdplanner.models import (
    Attendance,
    BodyMembership,
    Event,
    Hall,
    Layout,
    Participation,
    Person,
    Seat,
    SeatAssignment,
    SeatPlan,
    Sitting,
    Venue,
)
from rdplanner.people import attendance

DAY = date(2026, 12, 3)


@pytest.fixture
def make(session):
    """Factories: make.event(type), make.person(...), make.part(event, person, role), make.sitting(event)."""

    class Make:
        n = 0

        def event(self, event_type="standing_committee", start=DAY, name="第二十三次会议"):
            event = Event(name=name, event_type=event_type, start_date=start, end_date=start)
            session.add(event)
            session.flush()
            return event

        def person(self, name=None, body=None, start=date(2023, 1, 1), end=None):
            Make.n += 1
            person = Person(name=name or f"人员{Make.n}", unit="市财政局", post="局长")
            session.add(person)
            session.flush()
            if body:
                session.add(BodyMembership(person_id=person.id, body=body, start_date=start, end_date=end))
            return person

        def part(self, event, person, role="member", **kw):
            part = Participation(event_id=event.id, person_id=person.id, role=role, **kw)
            session.add(part)
            session.flush()
            return part

        def sitting(self, event, name="第一次全体会议", kind="plenary", starts_at=None, **kw):
            sitting = Sitting(event_id=event.id, name=name, kind=kind, starts_at=starts_at, **kw)
            session.add(sitting)
            session.commit()
            return sitting

        def committee(self, members=6, event_type="standing_committee", body="standing_committee",
                      role="member"):
            event = self.event(event_type)
            parts = [self.part(event, self.person(body=body), role) for _ in range(members)]
            return event, parts, self.sitting(event)

    return Make()


def statuses(session, sitting):
    return {r.participation_id: r.status for r in attendance.sitting_rows(session, sitting_id=sitting.id)}


def test_mark_present_then_clear(session, make):
    event, parts, sitting = make.committee(3)
    changes = attendance.mark(session, sitting_id=sitting.id, participation_ids=[parts[0].id],
                              status="present")
    assert (changes.changes.domains, changes.changes.row_ids("sitting")) == ({("attendance", event.id)}, {sitting.id})
    assert statuses(session, sitting)[parts[0].id] == "present"
    assert session.scalars(select(Attendance)).one().signed_at is not None
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[parts[0].id], status="unmarked")
    assert statuses(session, sitting)[parts[0].id] == "unmarked"
    assert session.scalars(select(Attendance)).all() == []


def test_mark_again_updates_the_same_row(session, make):
    _, parts, sitting = make.committee(1)
    ids = [parts[0].id]
    attendance.mark(session, sitting_id=sitting.id, participation_ids=ids, status="present")
    attendance.mark(session, sitting_id=sitting.id, participation_ids=ids, status="absent", reason="未到")
    row = session.scalars(select(Attendance)).one()
    assert (row.status, row.reason, row.signed_at, row.version) == ("absent", "未到", None, 2)


def test_mark_leave_defaults_to_approved_with_the_recorded_reason(session, make):
    event, _, sitting = make.committee(0)
    part = make.part(event, make.person(body="standing_committee"), leave_reason="因公出差")
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[part.id], status="leave")
    row = attendance.sitting_rows(session, sitting_id=sitting.id)[0]
    assert (row.status, row.leave_approved, row.reason) == ("leave", True, "因公出差")


def test_mark_refused_leave_is_kept_as_unapproved(session, make):
    _, parts, sitting = make.committee(1)
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[parts[0].id], status="leave",
                    leave_approved=False)
    row = attendance.sitting_rows(session, sitting_id=sitting.id)[0]
    assert (row.status, row.leave_approved, row.status_label) == ("leave", False, "请假（未获批准）")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "late"}, "status"),
        ({"status": "absent", "leave_approved": True}, "leave_approved"),
        ({"status": "leave", "reason": "长" * 201}, "reason"),
    ],
)
def test_mark_refuses_bad_input(session, make, kwargs, field):
    _, parts, sitting = make.committee(1)
    with pytest.raises(InvalidInput) as caught:
        attendance.mark(session, sitting_id=sitting.id, participation_ids=[parts[0].id], **kwargs)
    assert caught.value.field == field


def test_mark_refuses_participants_of_another_event(session, make):
    _, _, sitting = make.committee(1)
    _, other_parts, _ = make.committee(1)
    with pytest.raises(InvalidInput):
        attendance.mark(session, sitting_id=sitting.id, participation_ids=[other_parts[0].id],
                        status="present")
    assert session.scalars(select(Attendance)).all() == []


def test_mark_unknown_sitting_is_not_found(session):
    with pytest.raises(NotFound):
        attendance.mark(session, sitting_id=999, participation_ids=[1], status="present")


def test_approved_leave_on_record_shows_as_leave_until_marked(session, make):
    event, _, sitting = make.committee(0)
    on_leave = make.part(event, make.person(body="standing_committee"), leave_status="approved",
                         leave_reason="出差")
    pending = make.part(event, make.person(body="standing_committee"), leave_status="requested",
                        leave_reason="病")
    rows = {r.participation_id: r for r in attendance.sitting_rows(session, sitting_id=sitting.id)}
    assert (rows[on_leave.id].status, rows[on_leave.id].from_leave_record) == ("leave", True)
    assert (rows[pending.id].status, rows[pending.id].reason) == ("unmarked", "病")
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[on_leave.id], status="present")
    assert statuses(session, sitting)[on_leave.id] == "present"


def test_sitting_rows_order_roles_and_leave_out_staff(session, make):
    event = make.event()
    observer = make.part(event, make.person(), "observer")
    staff = make.part(event, make.person(), "staff")
    attendee = make.part(event, make.person(), "attendee")
    second = make.part(event, make.person(), "member", rank_order=2)
    first = make.part(event, make.person(), "member", rank_order=1)
    sitting = make.sitting(event)
    order = [r.participation_id for r in attendance.sitting_rows(session, sitting_id=sitting.id)]
    assert order == [first.id, second.id, attendee.id, observer.id]
    assert staff.id not in order


def test_group_sitting_lists_its_group_only(session, make):
    event = make.event("congress_session")
    west = make.part(event, make.person(), "deputy", delegation="西湖区代表团", group_name="西湖区代表团")
    east = make.part(event, make.person(), "deputy", delegation="上城区代表团", group_name="上城区代表团")
    sitting = make.sitting(event, name="西湖区代表团全体会议", kind="group")
    assert [r.participation_id for r in attendance.sitting_rows(session, sitting_id=sitting.id)] == [west.id]
    unnamed = make.sitting(event, name="分组会议（第1组）", kind="group")
    assert len(attendance.sitting_rows(session, sitting_id=unnamed.id)) == 2
    assert east.id in statuses(session, unnamed)


def test_sitting_rows_carry_the_seat_label(session, make):
    event, parts, sitting = make.committee(1)
    venue = Venue(name="会议中心")
    session.add(venue)
    session.flush()
    hall = Hall(venue_id=venue.id, name="会议厅")
    session.add(hall)
    session.flush()
    layout = Layout(hall_id=hall.id, name="剧场式")
    session.add(layout)
    session.flush()
    seat = Seat(layout_id=layout.id, label="1排5号")
    plan = SeatPlan(event_id=event.id, layout_id=layout.id)
    session.add_all([seat, plan])
    session.flush()
    session.add(SeatAssignment(seat_plan_id=plan.id, seat_id=seat.id, participation_id=parts[0].id))
    session.commit()
    assert attendance.sitting_rows(session, sitting_id=sitting.id)[0].seat_label == "1排5号"


def test_quorum_counts_marks_and_excludes_attendees_and_observers(session, make):
    event, parts, sitting = make.committee(6)
    attendees = [make.part(event, make.person(), "attendee") for _ in range(4)]
    observer = make.part(event, make.person(), "observer")
    session.commit()

    def mark(ids, status):
        attendance.mark(session, sitting_id=sitting.id, participation_ids=ids, status=status)

    mark([p.id for p in parts[:3]] + [a.id for a in attendees] + [observer.id], "present")
    mark([parts[3].id], "leave")
    mark([parts[4].id], "absent")
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id)
    assert (q.expected, q.present, q.leave, q.absent, q.unmarked) == (6, 3, 1, 1, 1)
    assert (q.attendee_present, q.attendee_total, q.observer_present) == (4, 4, 1)
    assert not q.met  # exactly half of the standing committee
    mark([parts[5].id], "present")
    assert attendance.quorum_for_sitting(session, sitting_id=sitting.id).met


def test_quorum_base_excludes_vacancies(session, make):
    event = make.event()
    sitting = make.sitting(event, starts_at=datetime(2026, 12, 3, 9))
    current = [make.part(event, make.person(body="standing_committee")) for _ in range(4)]
    make.person(body="standing_committee", end=date(2026, 6, 1))  # resigned: a vacancy
    make.person(body="standing_committee", end=date(2026, 12, 3))  # vacant from the sitting's day
    make.person(body="standing_committee", start=date(2027, 1, 1))  # not yet a member
    late = make.person(body="standing_committee", end=date(2026, 12, 4))  # still a member that day
    session.commit()
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[p.id for p in current[:3]],
                    status="present")
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id)
    assert (q.expected, q.present, q.unmarked) == (5, 3, 2)
    assert q.met
    assert late.id in attendance.current_members(session, body="standing_committee", on=DAY)


def test_quorum_counts_members_not_on_the_roster_as_not_present(session, make):
    _, parts, sitting = make.committee(2)
    for _ in range(3):
        make.person(body="standing_committee")
    session.commit()
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[p.id for p in parts],
                    status="present")
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id)
    assert (q.expected, q.present, q.met) == (5, 2, False)


def test_quorum_names_listed_members_off_the_record_and_recorded_members_not_listed(session, make):
    event = make.event()
    sitting = make.sitting(event, starts_at=datetime(2026, 12, 3, 9))
    for _ in range(3):
        make.part(event, make.person(body="standing_committee"))
    make.part(event, make.person(name="赵六"))  # imported as 常委, not on the body's record
    make.person(name="钱七", body="standing_committee")  # a member the list left out
    session.commit()
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id)
    assert (q.expected, q.not_on_record, q.not_listed) == (4, ("赵六",), ("钱七",))
    assert q.basis_notes() == ("名单中的 赵六 不在常委会组成人员名册中，未计入应到人数",
                               "常委会组成人员名册中的 钱七 不在本次参会名单中，已计入应到人数")


def test_quorum_notes_nothing_when_list_and_record_agree(session, make):
    _, _, sitting = make.committee(3)
    assert attendance.quorum_for_sitting(session, sitting_id=sitting.id).basis_notes() == ()


def test_quorum_without_membership_on_record_falls_back_to_the_roster(session, make):
    _, parts, sitting = make.committee(4, body=None)
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[p.id for p in parts[:3]],
                    status="present")
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id)
    assert (q.expected, q.present, q.met, q.base_from_roster) == (4, 3, True, True)


def test_quorum_of_a_congress_counts_deputies_and_uses_its_wording(session, make):
    _, parts, sitting = make.committee(3, event_type="congress_session", body="congress", role="deputy")
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[p.id for p in parts[:2]],
                    status="present")
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id)
    assert q.met
    assert q.report_sentence() == "会议应到代表3名，实到代表2名，请假代表0名，未签到代表1名，符合法定人数"


def test_quorum_before_the_sitting_ends_calls_nobody_absent(session, make):
    _, parts, sitting = make.committee(45)
    sitting.ends_at = datetime(2026, 12, 3, 11, 30)
    session.commit()
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[parts[0].id], status="present")
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[p.id for p in parts[1:3]],
                    status="leave")
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id, now=datetime(2026, 12, 3, 9, 5))
    assert q.report_sentence() == "应到45人，实到1人，请假2人，未签到42人，出席人数不符合法定人数（尚差22人）"


def test_quorum_after_the_sitting_ends_reports_absent_without_those_on_leave(session, make):
    _, parts, sitting = make.committee(45)
    sitting.ends_at = datetime(2026, 12, 3, 11, 30)
    session.commit()
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[p.id for p in parts[:40]],
                    status="present")
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[p.id for p in parts[40:42]],
                    status="leave")
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id, now=datetime(2026, 12, 3, 11, 30))
    assert q.report_sentence() == "应到45人，实到40人，请假2人，缺席3人，出席人数符合法定人数"


def test_quorum_counts_a_refused_leave_as_absent_not_as_leave(session, make):
    event, parts, sitting = make.committee(6)
    event.status = "closed"
    session.commit()
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[parts[0].id], status="leave",
                    leave_approved=False)
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[parts[1].id], status="leave")
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id)
    assert (q.leave, q.away, q.closed) == (1, 5, True)


def test_list_sittings_and_ensure_default_sitting(session, make):
    event = make.event("deputy_inspection")
    session.commit()
    assert attendance.list_sittings(session, event_id=event.id) == ()
    sitting_id, changes = attendance.ensure_default_sitting(session, event_id=event.id)
    assert changes.domains == {("attendance", event.id)}
    rows = attendance.list_sittings(session, event_id=event.id)
    assert [(r.id, r.name, r.kind_label) for r in rows] == [(sitting_id, "全体会议", "全体会议")]
    again, changes = attendance.ensure_default_sitting(session, event_id=event.id)
    assert (again, changes.domains) == (sitting_id, frozenset())


def test_attendance_history_across_events(session, make):
    person = make.person(body="congress")
    old = make.event("congress_session", start=date(2025, 1, 10), name="第四次会议")
    new = make.event("standing_committee", start=date(2026, 2, 1), name="第二十次会议")
    bare = make.event("deputy_inspection", start=date(2026, 3, 1), name="视察")
    old_part = make.part(old, person, "deputy")
    make.part(new, person, "attendee", leave_status="approved", leave_reason="出差")
    make.part(bare, person, "deputy")
    first = make.sitting(old, name="开幕大会")
    make.sitting(old, name="闭幕大会")
    make.sitting(new)
    attendance.mark(session, sitting_id=first.id, participation_ids=[old_part.id], status="present")
    rows = attendance.attendance_history(session, person_id=person.id)
    assert [(r.event_name, r.sitting_name, r.status) for r in rows] == [
        ("视察", "（未设会次）", "unmarked"),
        ("第二十次会议", "第一次全体会议", "leave"),
        ("第四次会议", "开幕大会", "present"),
        ("第四次会议", "闭幕大会", "unmarked"),
    ]


def congress_session(make, person, marks, start, **part_kw):
    """A congress session with one plenary per mark; ``marks`` are (status, leave_approved) or None."""
    event = make.event("congress_session", start=start)
    part = make.part(event, person, "deputy", **part_kw)
    for n, mark in enumerate(marks):
        sitting = make.sitting(event, name=f"第{n + 1}次全体会议")
        if mark:
            make_mark = Attendance(sitting_id=sitting.id, participation_id=part.id, status=mark[0],
                                   leave_approved=mark[1])
            make.session.add(make_mark)
    make.session.commit()
    return event


@pytest.fixture
def deputy(session, make):
    make.session = session
    return make.person(body="congress", start=date(2023, 1, 1))


def test_two_unapproved_absent_sessions_flag_the_deputy(session, make, deputy):
    congress_session(make, deputy, [("absent", False), ("absent", False)], date(2024, 1, 10))
    congress_session(make, deputy, [("absent", False)], date(2025, 1, 10))
    assert attendance.flag_unapproved_absences(session) == {deputy.id: 2}


def test_one_unapproved_absence_is_counted_but_not_flagged(session, make, deputy):
    congress_session(make, deputy, [("absent", False)], date(2024, 1, 10))
    assert attendance.count_unapproved_absences(session) == {deputy.id: 1}
    assert attendance.flag_unapproved_absences(session) == {}


def test_approved_leave_does_not_count_toward_the_flag(session, make, deputy):
    congress_session(make, deputy, [("leave", True)], date(2024, 1, 10))
    congress_session(make, deputy, [None], date(2025, 1, 10), leave_status="approved")
    congress_session(make, deputy, [("absent", False)], date(2026, 1, 10))
    assert attendance.flag_unapproved_absences(session) == {}
    assert attendance.count_unapproved_absences(session) == {deputy.id: 1}


def test_refused_leave_counts_toward_the_flag(session, make, deputy):
    congress_session(make, deputy, [("leave", False)], date(2024, 1, 10))
    congress_session(make, deputy, [None], date(2025, 1, 10), leave_status="absent")
    assert attendance.flag_unapproved_absences(session) == {deputy.id: 2}


def test_attending_any_sitting_means_the_session_was_attended(session, make, deputy):
    congress_session(make, deputy, [("absent", False), ("present", False)], date(2024, 1, 10))
    congress_session(make, deputy, [("present", False), ("absent", False)], date(2025, 1, 10))
    assert attendance.count_unapproved_absences(session) == {}


def test_sessions_of_a_previous_term_do_not_count(session, make):
    make.session = session
    deputy = make.person(body="congress", start=date(2018, 1, 1), end=date(2023, 1, 1))
    session.add(BodyMembership(person_id=deputy.id, body="congress", start_date=date(2023, 1, 1)))
    congress_session(make, deputy, [("absent", False)], date(2022, 1, 10))
    congress_session(make, deputy, [("absent", False)], date(2024, 1, 10))
    assert attendance.count_unapproved_absences(session) == {deputy.id: 1}


def test_standing_committee_absences_do_not_count(session, make, deputy):
    for start in (date(2024, 1, 10), date(2025, 1, 10)):
        event = make.event("standing_committee", start=start)
        part = make.part(event, deputy, "member")
        sitting = make.sitting(event)
        attendance.mark(session, sitting_id=sitting.id, participation_ids=[part.id], status="absent")
    assert attendance.count_unapproved_absences(session) == {}


def test_flag_can_be_limited_to_some_people(session, make, deputy):
    other = make.person(body="congress")
    for start in (date(2024, 1, 10), date(2025, 1, 10)):
        congress_session(make, deputy, [("absent", False)], start)
        congress_session(make, other, [("absent", False)], start.replace(month=2))
    assert attendance.flag_unapproved_absences(session, person_ids=[other.id]) == {other.id: 2}


def test_close_sign_in_records_the_end_time_and_reopen_clears_it(session, make):
    from rdplanner.people.sign_in_closing import close_sign_in, reopen_sign_in

    _, parts, sitting = make.committee(3)
    attendance.mark(session, sitting_id=sitting.id, participation_ids=[parts[0].id], status="present")
    changes = close_sign_in(session, sitting_id=sitting.id, now=datetime(2026, 12, 3, 11, 42, 31))
    assert sitting.id in changes.changes.row_ids("sitting")
    assert session.get(Sitting, sitting.id).ends_at == datetime(2026, 12, 3, 11, 42)
    q = attendance.quorum_for_sitting(session, sitting_id=sitting.id, now=datetime(2026, 12, 3, 11, 43))
    assert (q.closed, q.away_label, q.away) == (True, "缺席", 2)
    reopen_sign_in(session, sitting_id=sitting.id)
    assert session.get(Sitting, sitting.id).ends_at is None
    assert not attendance.quorum_for_sitting(session, sitting_id=sitting.id).closed


def test_close_sign_in_keeps_an_end_time_already_past(session, make):
    from rdplanner.people.sign_in_closing import close_sign_in

    _, _, sitting = make.committee(1)
    sitting.ends_at = datetime(2026, 12, 3, 11, 30)
    session.commit()
    close_sign_in(session, sitting_id=sitting.id, now=datetime(2026, 12, 3, 15, 0))
    assert session.get(Sitting, sitting.id).ends_at == datetime(2026, 12, 3, 11, 30)


def test_only_plenary_and_group_items_of_the_programme_are_sittings(session, make):
    event = make.event()
    make.sitting(event, name="报到", kind="arrival", sort_order=1)
    make.sitting(event, name="视察市民中心", kind="visit", sort_order=2)
    plenary = make.sitting(event, name="第一次全体会议", kind="plenary", sort_order=3)
    group = make.sitting(event, name="分组审议", kind="group", sort_order=4)

    assert [r.id for r in attendance.list_sittings(session, event_id=event.id)] == [plenary.id, group.id]
    assert attendance.ensure_default_sitting(session, event_id=event.id).value == plenary.id
