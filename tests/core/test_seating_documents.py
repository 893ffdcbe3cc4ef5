"""Seating documents: the rostrum cards follow the protocol rank (No.1 first)."""

import shutil
import subprocess

import pytest
from sqlmodel import select

from rdplanner.demo import build_demo
from rdplanner.errors import InvalidInput
from rdplanner.models import Participation, Person
from rdplanner.seating.documents import export_seatmap, rostrum_names
from seated import seat_event


def test_rostrum_names_start_with_rank_one(session):
    event_id = build_demo(session, size="small")
    seat_event(session, event_id)
    names = rostrum_names(session, event_id=event_id)
    director = session.exec(
        select(Person.name).join(Participation, Participation.person_id == Person.id)
        .where(Participation.event_id == event_id, Participation.role == "member", Participation.rank_order == 1)
    ).one()
    leaders_present = session.exec(
        select(Person.name).join(Participation, Participation.person_id == Person.id)
        .where(Participation.event_id == event_id, Participation.role == "member", Participation.rank_order > 0,
               Participation.leave_status != "approved")
    ).all()
    assert sorted(names) == sorted(leaders_present)  # the leaders present, and no 委员, take the rostrum
    assert names[0] == director


def test_seating_reports_names_the_print_fonts_cannot_draw(session):
    from rdplanner.people.service import ParticipationDraft, PersonDraft, add_new_person
    from rdplanner.seating.service import ensure_seat_plan, load_seating, run_auto_seating

    event_id = build_demo(session, size="small")

    seat_event(session, event_id)
    add_new_person(session, event_id=event_id, person=PersonDraft(name="王\U00020000"),
                   participation=ParticipationDraft(role="attendee"))
    plan_id, _ = ensure_seat_plan(session, event_id=event_id)
    run_auto_seating(session, seat_plan_id=plan_id)
    problems = [p for p in load_seating(session, seat_plan_id=plan_id).problems if p.code == "unprintable_name"]
    assert len(problems) == 1
    assert "U+20000" in problems[0].message and "仍然导出" in problems[0].message and "〓" in problems[0].message


def _pdfinfo(path):
    import subprocess

    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def _boardroom_event(session):
    """A boardroom: a head table of 3 ranked seats (zone rostrum) and an outer row of 2 列席 seats."""
    from datetime import date

    from rdplanner.models import Event, Hall, Layout, Seat, Venue
    from rdplanner.people.service import ParticipationDraft, PersonDraft, add_new_person
    from rdplanner.seating.service import ensure_seat_plan, place

    venue = Venue(name="市人大常委会机关")
    session.add(venue)
    session.flush()
    hall = Hall(venue_id=venue.id, name="第一会议室")
    session.add(hall)
    session.flush()
    layout = Layout(hall_id=hall.id, name="会议桌", kind="boardroom")
    session.add(layout)
    session.flush()
    seats = [Seat(layout_id=layout.id, label=label, zone=zone, rank=rank, row_no=row, seat_no=n, x=x, y=y)
             for label, zone, rank, row, n, x, y in (
                 ("桌1", "rostrum", 2, 1, 1, -1.0, 0.0), ("桌2", "rostrum", 1, 1, 2, 0.0, 0.0),
                 ("桌3", "rostrum", 3, 1, 3, 1.0, 0.0), ("后1", "attendee", None, 2, 1, -1.0, 2.0),
                 ("后2", "attendee", None, 2, 2, 1.0, 2.0))]
    session.add_all(seats)
    event = Event(name="主任会议", event_type="directors_meeting", start_date=date(2026, 12, 1),
                  end_date=date(2026, 12, 1), hall_id=hall.id)
    session.add(event)
    session.commit()
    plan_id, _ = ensure_seat_plan(session, event_id=event.id)
    by_seat = {}
    for name, label in (("甲主任", "桌2"), ("乙副主任", "桌1"), ("丙副主任", "桌3"), ("丁列席", "后2"),
                        ("戊列席", "后1")):
        pid, _ = add_new_person(session, event_id=event.id, person=PersonDraft(name=name),
                                participation=ParticipationDraft(role="attendee"))
        by_seat[label] = pid
        place(session, seat_plan_id=plan_id, participation_id=pid,
              seat_id=next(s.id for s in seats if s.label == label))
    return event.id


def test_default_card_scope_is_the_rostrum_in_an_auditorium(session):
    from rdplanner.seating.documents import card_names, default_card_scope

    event_id = build_demo(session, size="small")

    seat_event(session, event_id)

    assert default_card_scope(session, event_id) == "rostrum"
    assert card_names(session, event_id=event_id) == rostrum_names(session, event_id=event_id)


def test_boardroom_cards_default_to_everyone_seated_by_seat_rank_then_seat(session):
    from rdplanner.seating.documents import card_names, default_card_scope

    event_id = _boardroom_event(session)

    assert default_card_scope(session, event_id) == "tables"
    assert card_names(session, event_id=event_id) == ["甲主任", "乙副主任", "丙副主任", "丁列席", "戊列席"]
    assert card_names(session, event_id=event_id, scope="rostrum") == ["甲主任", "乙副主任", "丙副主任"]


def test_export_cards_passes_size_family_and_scope(session, tmp_path):
    import re
    import subprocess

    from rdplanner.seating.documents import export_cards

    event_id = build_demo(session, size="small")

    seat_event(session, event_id)

    path = export_cards(session, event_id=event_id, path=tmp_path / "席卡.pdf", size="150x100", family="sans",
                        scope="tables")

    info = _pdfinfo(path)
    assert re.search(r"Page size:\s+425\.\d+ x 283\.\d+", info)  # 150 × 100 mm, one card a page
    seated = len(load_seating_of(session, event_id).assignments)
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) == seated > 9
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansSC-Bold" in fonts and "Serif" not in fonts


def load_seating_of(session, event_id):
    from rdplanner.seating.service import ensure_seat_plan, load_seating

    return load_seating(session, seat_plan_id=ensure_seat_plan(session, event_id=event_id).value)


@pytest.mark.parametrize("option, field", [({"size": "100x100"}, "size"), ({"family": "mono"}, "family"),
                                           ({"scope": "all"}, "scope")])
def test_export_cards_refuses_bad_options_naming_the_field(session, tmp_path, option, field):
    from rdplanner.seating.documents import export_cards

    event_id = build_demo(session, size="small")

    seat_event(session, event_id)
    with pytest.raises(InvalidInput) as caught:
        export_cards(session, event_id=event_id, path=tmp_path / "席卡.pdf", **option)
    assert caught.value.params["field"] == field
    assert not (tmp_path / "席卡.pdf").exists()


def test_export_seatmap_portrait_a4_in_tiles(session, tmp_path):
    import re

    from rdplanner.seating.documents import export_seatmap

    event_id = build_demo(session, size="small")

    seat_event(session, event_id)

    path = export_seatmap(session, event_id=event_id, path=tmp_path / "座次图.pdf", viewpoint="stage",
                          page="A4", landscape=False, tiles=(2, 1))

    info = _pdfinfo(path)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)
    assert re.search(r"Pages:\s+3\b", info)  # the overview, then two tiles


@pytest.mark.parametrize("option, field", [({"viewpoint": "side"}, "viewpoint"), ({"page": "A5"}, "page"),
                                           ({"tiles": (0, 2)}, "tiles"), ({"tiles": (9, 9)}, "tiles")])
def test_export_seatmap_refuses_bad_options_naming_the_field(session, tmp_path, option, field):
    from rdplanner.seating.documents import export_seatmap

    event_id = build_demo(session, size="small")

    seat_event(session, event_id)
    with pytest.raises(InvalidInput) as caught:
        export_seatmap(session, event_id=event_id, path=tmp_path / "座次图.pdf", **option)
    assert caught.value.params["field"] == field
    assert not (tmp_path / "座次图.pdf").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_boardroom_seat_map_names_the_head_seats_and_the_door(session, tmp_path):
    event_id = _boardroom_event(session)
    path = export_seatmap(session, event_id=event_id, path=tmp_path / "会议桌.pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "主位" in text and "门口在下方" in text
    assert "面向主席台" not in text and "主席台" not in text


def test_a_person_whose_leave_is_approved_after_seating_gets_no_card_and_no_name_in_print(session):
    from rdplanner.seating import service
    from rdplanner.seating.documents import card_names, seatlist_groups

    event_id = build_demo(session)

    seat_event(session, event_id)
    plan_id, _ = service.ensure_seat_plan(session, event_id=event_id)
    service.run_auto_seating(session, seat_plan_id=plan_id)
    first = rostrum_names(session, event_id=event_id)[0]
    participation = session.scalar(select(Participation).join(Person).where(
        Participation.event_id == event_id, Person.name == first))
    participation.leave_status = "approved"
    session.commit()
    assert first not in card_names(session, event_id=event_id, scope="rostrum")
    groups, _ = seatlist_groups(session, event_id=event_id)
    assert first not in str(groups)


def test_documents_of_a_cleared_seating_are_refused_and_write_nothing(session, tmp_path):
    from sqlalchemy import delete, func, select

    from rdplanner.errors import InvalidInput
    from rdplanner.models import SeatAssignment, SeatPlan
    from rdplanner.seating.documents import export_cards, export_seatlist

    event_id = build_demo(session, size="small")
    plan_id = seat_event(session, event_id)
    session.execute(delete(SeatAssignment).where(SeatAssignment.seat_plan_id == plan_id))  # as 清空 does
    session.commit()

    for export, name in ((export_seatmap, "座次图.pdf"), (export_seatlist, "对号入座名单.pdf"),
                         (export_cards, "席卡.pdf")):
        with pytest.raises(InvalidInput, match="还没有排座"):
            export(session, event_id=event_id, path=tmp_path / name)
        assert not (tmp_path / name).exists()
    assert session.scalar(select(func.count(SeatAssignment.id))
                          .where(SeatAssignment.seat_plan_id == plan_id)) == 0  # not re-seated behind the back
    assert session.scalar(select(func.count(SeatPlan.id)).where(SeatPlan.event_id == event_id)) == 1
