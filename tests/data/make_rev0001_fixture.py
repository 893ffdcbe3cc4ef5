"""Build tests/data/rev0001.sqlite: a database at schema revision 0001 with a row in every table.

Run from the repository root: ``python tests/data/make_rev0001_fixture.py [OUT]``. The result is
the upgrade fixture of tests/core/test_migrations.py; rebuild it only when revision 0001 changes.
"""

import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, insert
from sqlalchemy.pool import NullPool

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "rev0001.sqlite"
CREATED = datetime(2026, 3, 1, 8, 30, 0)

ROWS: list[tuple[str, dict]] = [
    ("venue", dict(id=1, name="市人大常委会机关会议中心", address="人民路88号", contact="王建国",
                   phone="0571-87050001", notes="地下车库可停大巴")),
    ("hall", dict(id=1, venue_id=1, name="第一会议厅", capacity=320, notes="主席台三排")),
    ("hall", dict(id=2, venue_id=1, name="第三会议室", capacity=40, notes="")),
    ("event", dict(id=1, name="市第十六届人大常委会第二十三次会议", event_type="standing_committee",
                   start_date=date(2026, 4, 22), end_date=date(2026, 4, 24), venue_id=1, hall_id=1,
                   expense_category=2, organiser="办公厅秘书处", status="planning",
                   notes="审议预算调整方案", previous_event_id=None, created_at=CREATED,
                   updated_at=CREATED, version=3)),
    ("event", dict(id=2, name="代表视察城市防汛工作", event_type="deputy_inspection",
                   start_date=date(2026, 5, 12), end_date=date(2026, 5, 12), venue_id=None,
                   hall_id=None, expense_category=3, organiser="代表工作委员会", status="ready",
                   notes="", previous_event_id=1, created_at=CREATED, updated_at=CREATED, version=1)),
    ("sitting", dict(id=1, event_id=1, name="第一次全体会议", kind="plenary",
                     starts_at=datetime(2026, 4, 22, 9, 0), ends_at=datetime(2026, 4, 22, 11, 30),
                     hall_id=1, place="第一会议厅", sort_order=1)),
    ("sitting", dict(id=2, event_id=1, name="分组审议（第一组）", kind="group",
                     starts_at=datetime(2026, 4, 22, 14, 30), ends_at=datetime(2026, 4, 22, 17, 0),
                     hall_id=2, place="第三会议室", sort_order=2)),
    ("person", dict(id=1, name="欧阳建华", name_note="", gender="男", ethnicity="汉族",
                    unit="市人大常委会", post="主任", delegation="", phone="13800000001",
                    id_card_no="330102196501011234", notes="", created_at=CREATED, updated_at=CREATED)),
    ("person", dict(id=2, name="阿依古丽·买买提", name_note="", gender="女", ethnicity="维吾尔族",
                    unit="市人大常委会", post="副主任", delegation="", phone="13800000002",
                    id_card_no=None, notes="清真饮食", created_at=CREATED, updated_at=CREATED)),
    ("person", dict(id=3, name="丁一", name_note="", gender="男", ethnicity="汉族",
                    unit="市人大常委会", post="委员", delegation="西湖区代表团", phone="",
                    id_card_no=None, notes="", created_at=CREATED, updated_at=CREATED)),
    ("bodymembership", dict(id=1, person_id=1, body="standing_committee", post="主任", rank_order=1,
                            term="第十六届", start_date=date(2022, 1, 10), end_date=None)),
    ("bodymembership", dict(id=2, person_id=2, body="standing_committee", post="副主任", rank_order=2,
                            term="第十六届", start_date=date(2022, 1, 10), end_date=None)),
    ("bodymembership", dict(id=3, person_id=3, body="standing_committee", post="委员", rank_order=12,
                            term="第十六届", start_date=date(2022, 1, 10), end_date=date(2026, 1, 31))),
    ("participation", dict(id=1, event_id=1, person_id=1, role="member", rank_order=1, delegation="",
                           group_name="第一组", needs_lodging=False, needs_meals=True,
                           needs_transport=True, dietary="", leave_status="none", leave_reason="",
                           arrival_date=date(2026, 4, 22), departure_date=date(2026, 4, 24), notes="")),
    ("participation", dict(id=2, event_id=1, person_id=2, role="member", rank_order=2, delegation="",
                           group_name="第一组", needs_lodging=True, needs_meals=True,
                           needs_transport=False, dietary="清真", leave_status="none", leave_reason="",
                           arrival_date=date(2026, 4, 21), departure_date=date(2026, 4, 24), notes="")),
    ("participation", dict(id=3, event_id=1, person_id=3, role="attendee", rank_order=30,
                           delegation="西湖区代表团", group_name="第一组", needs_lodging=False,
                           needs_meals=False, needs_transport=False, dietary="",
                           leave_status="approved", leave_reason="因公出差", arrival_date=None,
                           departure_date=None, notes="")),
    ("attendance", dict(id=1, sitting_id=1, participation_id=1, status="present", leave_approved=False,
                        reason="", signed_at=datetime(2026, 4, 22, 8, 45))),
    ("attendance", dict(id=2, sitting_id=1, participation_id=3, status="leave", leave_approved=True,
                        reason="因公出差", signed_at=None)),
    ("layout", dict(id=1, hall_id=1, name="常委会全体会议", kind="auditorium",
                    spec_json='{"rows": 2, "seats_per_row": 3, "aisle": "中间"}',
                    numbering="odd_even", notes="")),
    ("seat", dict(id=1, layout_id=1, label="主席台1", zone="rostrum", section="主席台", row_no=1,
                  seat_no=1, rank=1, x=0.0, y=0.0, rotation=0.0, disabled=False)),
    ("seat", dict(id=2, layout_id=1, label="主席台2", zone="rostrum", section="主席台", row_no=1,
                  seat_no=2, rank=2, x=-1.0, y=0.0, rotation=0.0, disabled=False)),
    ("seat", dict(id=3, layout_id=1, label="1排1座", zone="members", section="中区", row_no=1,
                  seat_no=1, rank=3, x=0.0, y=5.0, rotation=0.0, disabled=False)),
    ("seatplan", dict(id=1, event_id=1, sitting_id=1, layout_id=1, name="第一次全体会议座次",
                      viewpoint="stage", even_convention="majority", ordering="strokes", rotate=True)),
    ("seatassignment", dict(id=1, seat_plan_id=1, seat_id=1, participation_id=1, locked=True,
                            source="manual")),
    ("seatassignment", dict(id=2, seat_plan_id=1, seat_id=2, participation_id=2, locked=False,
                            source="auto")),
    ("driver", dict(id=1, name="张师傅", phone="13900000011", unit="机关事务管理局车队", notes="")),
    ("vehicle", dict(id=1, plate="浙A·G1234", model="红旗H5", kind="sedan", seats=5,
                     unit="机关事务管理局", default_driver_id=1, active=True, notes="")),
    ("trip", dict(id=1, event_id=1, vehicle_id=1, driver_id=1, purpose="接站", origin="杭州东站",
                  destination="市人大常委会机关会议中心", route="经环城北路",
                  depart_at=datetime(2026, 4, 21, 15, 0), return_at=datetime(2026, 4, 21, 16, 30),
                  status="approved", requested_by="李秘书", approved_by="赵处长", odometer_out=52310,
                  odometer_in=None, notes="")),
    ("trippassenger", dict(id=1, trip_id=1, participation_id=2, seat_position=1)),
    ("hotel", dict(id=1, name="西湖国宾馆", address="杨公堤18号", contact="前台", phone="0571-87979889",
                   is_agreement=True, notes="协议价含早")),
    ("roomtype", dict(id=1, hotel_id=1, name="标准间", beds=2, is_suite=False, rate_fen=48000)),
    ("room", dict(id=1, hotel_id=1, room_type_id=1, number="1208", floor=12, notes="")),
    ("stay", dict(id=1, event_id=1, room_id=1, participation_id=2, check_in=date(2026, 4, 21),
                  check_out=date(2026, 4, 24), notes="需安排清真早餐")),
    ("meal", dict(id=1, event_id=1, meal_date=date(2026, 4, 22), kind="lunch", style="working",
                  place="机关食堂二楼", planned_count=45, standard_fen=10000, notes="")),
    ("menuitem", dict(id=1, meal_id=1, name="清炒时蔬", category="素菜", sort_order=1)),
    ("menuitem", dict(id=2, meal_id=1, name="西湖醋鱼", category="荤菜", sort_order=2)),
    ("mealdiner", dict(id=1, meal_id=1, participation_id=1, table_no=1)),
    ("mealdiner", dict(id=2, meal_id=1, participation_id=2, table_no=1)),
    ("budgetline", dict(id=1, event_id=1, category="lodging", item="住宿费（标准间）",
                        unit_price_fen=48000, quantity=1.0, days=3.0, planned_fen=144000,
                        actual_fen=None, payee="西湖国宾馆", sort_order=1, notes="")),
    ("task", dict(id=1, event_id=1, phase="before", title="印制会议议程", standard="会前三天送达",
                  owner="李秘书", due_date=date(2026, 4, 19), status="done",
                  done_at=datetime(2026, 4, 18, 17, 20), sort_order=1, notes="")),
    ("task", dict(id=2, event_id=1, phase="during", title="会场签到", standard="提前30分钟",
                  owner="王干事", due_date=date(2026, 4, 22), status="todo", done_at=None,
                  sort_order=2, notes="")),
    ("contingencyplan", dict(id=1, event_id=1, risk="power", title="停电应急预案",
                             trigger="会场突然停电或音响故障", measures="启用备用电源，改用手持话筒",
                             owner="后勤保障组", contact="13700000021")),
    ("incident", dict(id=1, event_id=1, occurred_at=datetime(2026, 4, 22, 10, 5),
                      description="第二排话筒无声", action_taken="更换备用话筒", owner="音响师",
                      resolved=True)),
    ("reviewnote", dict(id=1, event_id=1, kind="improve", topic="签到效率",
                        description="签到高峰排队超过十分钟", cause="签到台只设一处",
                        action_next="分设两处签到台", carried_to_event_id=2)),
]


def upgrade_to_0001(path: Path) -> None:
    """Create the schema of revision 0001 the way rdplanner.db migrates a database."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    config = Config()
    config.set_main_option("script_location", str(REPO / "rdplanner" / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()


def insert_rows(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        for table, values in ROWS:
            conn.execute(insert(metadata.tables[table]).values(**values))
    engine.dispose()


def check(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'")]
        empty = [t for t in tables if conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] == 0]
        assert not empty, f"tables without rows: {empty}"
        assert not conn.execute("PRAGMA foreign_key_check").fetchall()
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()


def build(out: Path) -> Path:
    out.unlink(missing_ok=True)
    upgrade_to_0001(out)
    insert_rows(out)
    check(out)
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
