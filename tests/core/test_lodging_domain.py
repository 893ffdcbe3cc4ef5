"""Lodging as the rest of the product sees it, on the small demo: undo of an allocation and of a move
(lodging.snapshots), the rules copied with the event, stays and blocks moved with its dates, the findings
listed by planning.event_problems, the documents reopened and the allocate-rooms command."""

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from memory_db import memory_engine
from openpyxl import load_workbook
from sqlalchemy import select
from sqlmodel import Session

from rdplanner.demo import build_demo
from rdplanner.lodging import stays
from rdplanner.lodging.allocate import apply_rooms, propose_rooms
from rdplanner.lodging.documents import export_rooming, export_rooms_summary, room_nights
from rdplanner.lodging.read import load_lodging
from rdplanner.lodging.snapshots import LODGING
from rdplanner.models import LodgingPolicy, RoomBlock, Stay
from rdplanner.planning import duplicate_event, event_problems
from rdplanner.undo import record, restore_recorded

TODAY = date(2026, 11, 12)


@pytest.fixture
def demo():
    engine = memory_engine()
    with Session(engine, expire_on_commit=False) as session:
        yield session, build_demo(session, size="small", today=TODAY)
    engine.dispose()


def stays_of(session, event_id) -> set[tuple]:
    return {(s.id, s.participation_id, s.room_id, s.check_in, s.check_out, s.locked)
            for s in load_lodging(session, event_id).stays}


def test_the_demo_lodges_a_few_people_for_one_night_most_members_being_local(demo):
    session, event_id = demo
    view = load_lodging(session, event_id)
    assert view.stays and all(s.nights == 1 for s in view.stays)
    assert len(view.stays) == sum(g.needs_lodging for g in view.guests)
    members = [g for g in view.guests if g.role == "member"]
    assert sum(g.is_local for g in members) > len(members) / 2


def test_undo_of_an_allocation_puts_the_stays_back_and_redo_again(demo):
    session, event_id = demo
    session.execute(Stay.__table__.delete().where(Stay.event_id == event_id))
    session.commit()
    proposal = propose_rooms(session, event_id=event_id)
    done = record(session, snapshotter=LODGING, key=event_id, action=apply_rooms, event_id=event_id,
                  proposal=proposal)
    after = stays_of(session, event_id)
    assert len(after) == len(proposal.placements) > 0
    restore_recorded(session, snapshotter=LODGING, key=event_id, state=done.before, expected=done.after)
    assert stays_of(session, event_id) == set()
    restore_recorded(session, snapshotter=LODGING, key=event_id, state=done.after, expected=done.before,
                     redo=True)
    assert stays_of(session, event_id) == after


def test_undo_of_a_move_restores_the_room(demo):
    session, event_id = demo
    before = stays_of(session, event_id)
    stay = load_lodging(session, event_id).stays[0]
    free = next(r.id for r in load_lodging(session, event_id).directory.rooms
                if r.id not in {s.room_id for s in load_lodging(session, event_id).stays})
    done = record(session, snapshotter=LODGING, key=event_id, action=stays.move_stay, stay_id=stay.id, room_id=free)
    assert stays_of(session, event_id) != before
    restore_recorded(session, snapshotter=LODGING, key=event_id, state=done.before, expected=done.after)
    assert stays_of(session, event_id) == before


def test_the_rules_are_copied_with_the_event_and_the_stays_are_not(demo):
    session, event_id = demo
    target = duplicate_event(session, event_id=event_id).value
    policy = session.scalar(select(LodgingPolicy).where(LodgingPolicy.event_id == target))
    assert (policy.single_posts, policy.pair_by) == ("主任,秘书长", "unit")
    assert session.scalar(select(Stay.id).where(Stay.event_id == target)) is None


def test_moving_the_event_moves_its_stays_and_blocks(demo):
    from rdplanner.lodging.domain import DOMAIN

    session, event_id = demo
    before = {(s.id, s.check_in) for s in load_lodging(session, event_id).stays}
    nights = set(session.scalars(select(RoomBlock.night).where(RoomBlock.event_id == event_id)))
    DOMAIN.shift(session, event_id, timedelta(days=7))
    assert {(s.id, s.check_in) for s in load_lodging(session, event_id).stays} == {
        (i, d + timedelta(days=7)) for i, d in before}
    assert set(session.scalars(select(RoomBlock.night).where(RoomBlock.event_id == event_id))) == {
        n + timedelta(days=7) for n in nights}


def test_the_event_problems_include_the_lodging_findings(demo):
    session, event_id = demo
    stay = load_lodging(session, event_id).stays[0]
    session.execute(Stay.__table__.delete().where(Stay.id == stay.id))
    session.commit()
    assert "lodging_missing" in {p.code for p in event_problems(session, event_id)}


def test_the_rooming_list_and_the_summary_reopen(demo, tmp_path):
    session, event_id = demo
    view = load_lodging(session, event_id)
    export_rooming(session, event_id=event_id, path=tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert sheet["A1"].value == f"{view.event_name}住宿安排表（市人大会议中心宾馆）"
    assert [c.value for c in sheet[3]] == ["序号", "房号", "房型", "入住人员", "晚数", "入住日期", "退房日期", "备注"]
    lines = [row for row in sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)]
    assert sum(len(r[3].split("、")) for r in lines) == len(view.stays)
    export_rooms_summary(session, event_id=event_id, path=tmp_path / "s.xlsx")
    summary = load_workbook(tmp_path / "s.xlsx").active
    total = next(row for row in summary.iter_rows(values_only=True) if row[0] == "合计")
    assert total[-2] == sum(n for *_, n in room_nights(session, event_id))


def test_the_rooming_pdf_is_written_for_one_hotel(demo, tmp_path):
    session, event_id = demo
    path = export_rooming(session, event_id=event_id, path=tmp_path / "r.pdf", hotel="市人大会议中心宾馆")
    assert path.read_bytes().startswith(b"%PDF")


def test_room_nights_per_hotel_and_type_count_a_shared_room_once(demo):
    session, event_id = demo
    view = load_lodging(session, event_id)
    rooms = {s.room_id for s in view.stays}
    assert sum(n for *_, n in room_nights(session, event_id)) == len(rooms)  # one night each


def test_allocate_rooms_prints_the_proposal_and_saves_with_apply(tmp_path):
    db = tmp_path / "demo.sqlite"
    env = {"PYTHONPATH": str(Path(__file__).parents[2])}
    run = [sys.executable, "-m", "rdplanner"]
    subprocess.run([*run, "demo", "--db", str(db)], check=True, capture_output=True, env=env)
    shown = subprocess.run([*run, "allocate-rooms", "--db", str(db), "--event", "2"], capture_output=True,
                           text=True, env=env)
    assert shown.returncode == 0 and shown.stdout.startswith("规则：只为“需住宿”")
    assert shown.stdout.rstrip().endswith("未保存：加 --apply 保存此方案。")
    saved = subprocess.run([*run, "allocate-rooms", "--db", str(db), "--event", "2", "--apply"], capture_output=True,
                           text=True, env=env)
    assert saved.returncode == 0 and saved.stdout.rstrip().endswith("条住宿安排（未锁定的原有安排已替换）。")


def test_the_summary_holds_numbers_with_the_held_total_and_says_what_a_night_column_counts(demo, tmp_path):
    session, event_id = demo
    export_rooms_summary(session, event_id=event_id, path=tmp_path / "s.xlsx")
    sheet = load_workbook(tmp_path / "s.xlsx").active
    headers = [c.value for c in sheet[3]]
    assert headers[2] == "协议价（元/晚）" and all(h.endswith("晚用房") for h in headers[3:-3])
    assert "每晚一列为当晚实际用房间数" in sheet["A2"].value
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    lines, total = rows[:-1], rows[-1]
    number = (int, float)  # openpyxl reads 380.0 back as 380
    assert lines and all(isinstance(r[2], number) and isinstance(r[-1], number) for r in lines)
    assert total[0] == "合计" and isinstance(total[-1], number)
    assert total[-3] == sum(r[-3] for r in lines) and total[-3] > 0  # the rooms held, in all
    assert sheet.cell(4, len(headers)).number_format == "#,##0.00"


def test_each_hotels_rooming_list_counts_its_own_pages_and_is_signed_by_the_office(demo, tmp_path):
    from rdplanner.office_settings import save_office_identity

    session, event_id = demo
    save_office_identity(session, name="杭州市人大常委会办公厅", officer="张明", phone="0571-87001234")
    path = export_rooming(session, event_id=event_id, path=tmp_path / "r.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = ["".join(page.split()) for page in text.split("\f")[:-1]]
    hotels = sum(1 for page in pages if "第1页" in page)
    assert hotels == len(load_lodging(session, event_id).directory.hotels) >= 1  # the demo fills each
    assert all(page.count("共") >= 1 for page in pages)
    signed = [page for page in pages if "制表单位：杭州市人大常委会办公厅经办人：张明联系电话：0571-87001234" in page]
    assert len(signed) == hotels  # once, under each hotel's totals
    export_rooming(session, event_id=event_id, path=tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert sheet.cell(sheet.max_row, 1).value.startswith("制表单位：杭州市人大常委会办公厅　经办人：张明")
