"""The plan-transport command end to end (python -m rdplanner plan-transport): the proposal printed one car
a line, nothing saved without --apply, --apply saving and saying what, and refusals as one Chinese line."""


import pytest
from planner_data import car, plenary, rider
from sqlalchemy import select
from transport_data import make_event

import rdplanner.registry as registry
from rdplanner.cli import main
from rdplanner.db import open_database, sqlite_url
from rdplanner.models import Trip
from rdplanner.transport.command_specs import COMMANDS


def test_the_transport_domain_declares_the_command():
    assert registry.domain("transport").commands == COMMANDS
    assert [c.name for c in COMMANDS] == ["plan-transport"]


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "plan.sqlite"
    db = open_database(sqlite_url(path))
    yield path, db
    db.close()


@pytest.fixture
def world(db_file):
    """A plenary with a leader and three members, a sedan and a minibus: (path, db, event id, item id)."""
    path, db = db_file
    with db.session() as session:
        event_id = make_event(session)
        item = plenary(session, event_id)
        for rank, name in enumerate(("赵明", "钱亮", "孙强", "李工"), 1):
            rider(session, event_id, name, rank=rank)
        car(session, "浙A10001", driver="王师傅")
        car(session, "浙A30001", "minibus", 19, driver="冯师傅", licence="B1")
    return str(path), db, event_id, item


def trips_in(db) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(Trip.id).order_by(Trip.id)))


def plan(path: str, event_id: int, item: int, *extra: str) -> int:
    return main(["plan-transport", "--db", path, "--event", str(event_id), "--item", str(item), *extra])


def test_plan_transport_prints_one_line_per_car_under_its_ride(world, capsys):
    path, _, event_id, item = world

    status = plan(path, event_id, item, "--leaders", "1")

    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert lines[0] == "日程：6月2日 09:00—12:00 第一次全体会议"
    assert ("说明：领导（常委会组成人员、代表、列席人员和嘉宾中职务排序 1–1 位者）"
            "每人单独乘坐一辆轿车或商务车。") in lines
    assert lines[-5:] == ["【驻地→市民中心三楼，6月2日 08:30—12:00】",
                          "  浙A·10001 轿车 王师傅 1人/4座 赵明（领导单独乘车）",
                          "  浙A·30001 中巴 冯师傅 3人/18座 钱亮、孙强、李工",
                          "共 2 辆车，乘车 4 人。",
                          "未保存：加 --apply 保存此方案。"]


def test_plan_transport_without_apply_saves_nothing(world):
    path, db, event_id, item = world

    plan(path, event_id, item)

    assert trips_in(db) == []


def test_plan_transport_lists_who_could_not_be_placed(world, capsys):
    path, _, event_id, item = world

    plan(path, event_id, item, "--leaders", "4")

    lines = capsys.readouterr().out.splitlines()
    assert lines[-6:] == ["共 1 辆车，乘车 1 人。",
                          "未能安排 3 人：",
                          "  钱亮：领导单独乘车，该时段已无空闲的轿车或商务车供其单独乘坐",
                          "  孙强：领导单独乘车，该时段已无空闲的轿车或商务车供其单独乘坐",
                          "  李工：领导单独乘车，该时段已无空闲的轿车或商务车供其单独乘坐",
                          "未保存：加 --apply 保存此方案。"]


def test_plan_transport_apply_saves_the_proposal_and_names_the_trips(world, capsys):
    path, db, event_id, item = world

    status = plan(path, event_id, item, "--leaders", "1", "--apply")

    saved = trips_in(db)
    assert status == 0 and len(saved) == 2
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"已保存 2 趟行程（状态“已申请”），行程编号：{'、'.join(map(str, saved))}。")


def test_plan_transport_apply_again_adds_nobody_twice(world, capsys):
    path, db, event_id, item = world
    plan(path, event_id, item, "--leaders", "1", "--apply")
    capsys.readouterr()

    plan(path, event_id, item, "--leaders", "1", "--apply")

    lines = capsys.readouterr().out.splitlines()
    assert "已在本日程行程上的 4 人不再安排。" in lines and lines[-1] == "没有可保存的行程。"
    assert len(trips_in(db)) == 2


def test_plan_transport_of_an_unknown_item_says_so_in_one_line(world, capsys):
    path, db, event_id, _ = world

    status = plan(path, event_id, 999)

    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert captured.err == "rdplanner: 本活动的日程中没有编号为 999 的事项，可能已被删除。\n"


def test_plan_transport_of_another_events_item_says_so(world, capsys):
    path, db, _, item = world
    with db.session() as session:
        other = make_event(session, "代表视察")

    status = plan(path, other, item)

    assert status == 2 and capsys.readouterr().err.count("\n") == 1


def test_plan_transport_refuses_a_negative_leader_count(world, capsys):
    path, _, event_id, item = world

    with pytest.raises(SystemExit) as stopped:
        plan(path, event_id, item, "--leaders", "-1")

    err = capsys.readouterr().err
    assert stopped.value.code == 2 and err.count("\n") == 1 and "领导人数无效" in err


def test_plan_transport_refuses_a_window_of_more_than_a_day(world, capsys):
    path, _, event_id, item = world

    with pytest.raises(SystemExit) as stopped:
        plan(path, event_id, item, "--window", "99999999999999999999")

    err = capsys.readouterr().err
    assert stopped.value.code == 2 and err.count("\n") == 1 and "（最多 1440）" in err


def test_plan_transport_on_a_mistyped_database_creates_no_file(tmp_path, capsys):
    missing = tmp_path / "typo.sqlite"

    assert main(["plan-transport", "--db", str(missing), "--event", "1", "--item", "1"]) == 2

    assert not missing.exists() and "不存在，未创建任何文件" in capsys.readouterr().err
