"""The catering documents (rdplanner.catering.documents) reopened: the 用餐安排表 with openpyxl, the
kitchen's notice and the 菜单审核表 PDF rendered with pdftoppm, and the refusals naming their field."""

import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from test_catering_service import DAY1, DAY2, make_world

from rdplanner.catering import service
from rdplanner.catering.documents import export_kitchen, export_meals, export_menus
from rdplanner.errors import InvalidInput


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


@pytest.fixture
def world(session):
    world = make_world(session)
    lunch = service.create_meal(session, event_id=world.event_id, meal_date=DAY1, kind="lunch", place="机关食堂",
                                adjustment=2, adjustment_reason="随行记者").value
    service.add_dish(session, meal_id=lunch, name="番茄炒蛋", price_fen=800, category="热菜")
    service.add_dish(session, meal_id=lunch, name="葱烧海参", price_fen=3800, category="热菜")
    service.create_meal(session, event_id=world.event_id, meal_date=DAY2, kind="dinner", provisions="清真")
    return world


def texts(path) -> list[str]:
    return [str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value is not None]


def pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages")))


def test_the_meals_workbook_has_a_row_per_meal_with_its_count_and_dietary_figures(session, world, tmp_path):
    path = export_meals(session, event_id=world.event_id, path=tmp_path / "用餐安排表.xlsx")
    rows = [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]
    lunch = next(r for r in rows if r[0] == "午餐")
    assert rows[0][0] == "常委会第十次会议用餐安排表"
    assert lunch[2:8] == ["机关食堂", "工作餐", 5, "参会人员 3，调整 +2（随行记者）", 1, 0]
    assert lunch[9] == "2 桌（清真 1 桌）"


def test_the_meals_workbook_of_one_day(session, world, tmp_path):
    path = export_meals(session, event_id=world.event_id, path=tmp_path / "d.xlsx", day=2)
    assert "晚餐" in texts(path) and "午餐" not in texts(path)


def test_the_menu_review_names_the_forbidden_dish_and_its_rule(session, world, tmp_path):
    found = texts(export_menus(session, event_id=world.event_id, path=tmp_path / "菜单审核表.xlsx"))
    assert "含“海参”，不符合" in found and "符合" in found
    assert any("财行〔2016〕214号" in t for t in found)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler not installed")
def test_the_kitchen_notice_has_a_page_per_meal_and_renders(session, world, tmp_path):
    path = export_kitchen(session, event_id=world.event_id, path=tmp_path / "kitchen.pdf")
    one = export_kitchen(session, event_id=world.event_id, path=tmp_path / "one.pdf", day=1, meal="lunch")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "k")], check=True)
    assert (pages(path), pages(one)) == (2, 1)
    assert sorted(p.name for p in tmp_path.glob("k-*.png")) == ["k-1.png", "k-2.png"]


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler not installed")
def test_the_menu_review_exports_as_pdf(session, world, tmp_path):
    path = export_menus(session, event_id=world.event_id, path=tmp_path / "menus.pdf")
    assert path.read_bytes().startswith(b"%PDF") and pages(path) == 1


@pytest.mark.parametrize(("writer", "options", "field"), [
    (export_meals, {"day": 3}, "day"),
    (export_kitchen, {"meal": "supper"}, "meal"),
    (export_kitchen, {"day": 2, "meal": "lunch"}, "day"),  # nothing planned then
    (export_menus, {"path_suffix": ".csv"}, "path"),
])
def test_the_documents_refuse_naming_the_field(session, world, tmp_path, writer, options, field):
    options = dict(options)
    suffix = options.pop("path_suffix", ".pdf" if writer is export_kitchen else ".xlsx")
    with pytest.raises(InvalidInput) as raised:
        writer(session, event_id=world.event_id, path=tmp_path / f"x{suffix}", **options)
    assert raised.value.field == field


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_the_kitchen_notice_is_signed_by_the_office_named_in_the_settings(session, world, tmp_path):
    from rdplanner.office_settings import save_office_identity

    save_office_identity(session, name="杭州市人大常委会办公厅", officer="", phone="")
    path = export_kitchen(session, event_id=world.event_id, path=tmp_path / "kitchen.pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("杭州市人大常委会办公厅") == 2 and "市人大常委会办公室" not in text  # a footer a page


@pytest.mark.parametrize("writer", [export_meals, export_menus])
def test_a_date_outside_the_event_without_a_meal_is_refused_naming_it(session, world, tmp_path, writer):
    path = tmp_path / "x.xlsx"
    with pytest.raises(InvalidInput) as raised:
        writer(session, event_id=world.event_id, path=path, day=date(2040, 1, 1))
    assert str(raised.value) == ("2040年1月1日（星期日）不在本活动会期（2026年6月10日（星期三）"
                                 "至6月11日（星期四））内，当天也没有用餐安排。")
    assert raised.value.field == "day" and not path.exists()


def test_the_eve_is_refused_until_a_meal_is_planned_on_it(session, world, tmp_path):
    eve = date(2026, 6, 9)
    with pytest.raises(InvalidInput):
        export_meals(session, event_id=world.event_id, path=tmp_path / "x.xlsx", day=eve)
    service.create_meal(session, event_id=world.event_id, meal_date=eve, kind="dinner", place="报到酒店")
    path = export_meals(session, event_id=world.event_id, path=tmp_path / "eve.xlsx", day=eve)
    assert "报到酒店" in texts(path) and "机关食堂" not in texts(path)


@pytest.mark.parametrize(("writer", "options", "message"), [
    (export_meals, {"day": 1}, "2026年6月10日（星期三）没有安排用餐，未生成用餐安排表。"),
    (export_menus, {"day": date(2026, 6, 10)}, "2026年6月10日（星期三）没有安排用餐，未生成菜单审核表。"),
    (export_kitchen, {"day": 1}, "2026年6月10日（星期三）没有安排用餐，未生成厨房备餐通知。"),
])
def test_a_day_of_the_event_with_no_meal_is_refused_naming_the_day(session, world, tmp_path, writer, options,
                                                                   message):
    path = tmp_path / ("x.pdf" if writer is export_kitchen else "x.xlsx")
    with pytest.raises(InvalidInput) as raised:
        writer(session, event_id=world.other_event_id, path=path, **options)
    assert (str(raised.value), raised.value.field) == (message, "day")
    assert not path.exists()


def test_a_kind_not_planned_that_day_is_refused_naming_both(session, world, tmp_path):
    with pytest.raises(InvalidInput) as raised:
        export_kitchen(session, event_id=world.event_id, path=tmp_path / "x.pdf", day=2, meal="lunch")
    assert str(raised.value) == "2026年6月11日（星期四）没有安排午餐，未生成厨房备餐通知。"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_the_kitchen_notice_names_the_officer_to_call_when_set(session, world, tmp_path):
    from rdplanner.office_settings import save_office_identity

    save_office_identity(session, name="市人大常委会办公室", officer="张明", phone="0571-87001234")
    path = export_kitchen(session, event_id=world.event_id, path=tmp_path / "kitchen.pdf")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("经办人：张明 0571-87001234") == 2  # on each page's foot
