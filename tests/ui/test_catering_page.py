"""The catering page (用餐, issue 11) on the demo's standing-committee meeting: meals by day with their
derived headcounts, an adjustment with its reason and its undo with Ctrl+Z, a dish added with its price
and the forbidden one listed and selecting its meal, a participant's dietary need added elsewhere
appearing, the word list dialog, and the kitchen notice exported on the real worker thread."""

from datetime import timedelta

import pytest
from demo_state import event_start
from modal import on_modal
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest

from rdplanner.catering.read import day_text, load_catering
from rdplanner.changes import Changes
from rdplanner.models import Participation
from rdplanner.problems import ItemRef
from ui.catering.meal_dialog import AdjustDialog, DishDialog, MealDialog
from ui.catering.words_dialog import WordForm, WordsDialog
from ui.documents import flow as flow_module
from ui.documents.dialog import DocumentChoice, DocumentDialog


@pytest.fixture
def page(window):
    return window.show_page("catering")


def saved(window):
    with window.hub.database.session() as session:
        return load_catering(session, window.editor.event_id())


def meal_rows(page) -> list[list[str]]:
    model, rows = page.model, []
    for day in range(model.rowCount()):
        head = model.index(day, 0)
        rows += [[model.index(r, c, head).data() for c in range(model.columnCount())] for r in range(model.rowCount(head))]
    return rows


def first_lunch(window):
    return next(m for m in saved(window).meals if m.kind == "lunch")


def test_the_page_shows_each_day_with_its_three_meals_and_their_derived_counts(page, window):
    plan = saved(window)
    start = event_start(window.hub.database, window.editor.event_id())
    heads = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert heads[0].startswith(day_text(start, weekday=True)) and heads[1].startswith(
        day_text(start + timedelta(days=1), weekday=True))
    assert [row[0] for row in meal_rows(page)] == ["早餐", "午餐", "晚餐"] * 2
    assert [row[3] for row in meal_rows(page)] == [str(plan.counts[m.id].total) for m in plan.meals]


def test_an_adjustment_with_its_reason_shows_and_is_undone_with_ctrl_z(page, window, monkeypatch):
    lunch = first_lunch(window)
    derived = saved(window).counts[lunch.id].total
    page.select_item(ItemRef("catering", "meal", lunch.id))
    monkeypatch.setattr(AdjustDialog, "ask", classmethod(lambda cls, parent, meal, derived: (3, "随行记者 3 人")))
    page.action_adjust.trigger()
    assert saved(window).counts[lunch.id].total == derived + 3
    assert f"{derived + 3}（+3）" in [row[3] for row in meal_rows(page)]
    assert window.action_undo.text() == f"撤销 调整{lunch.label}人数"
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved(window).counts[lunch.id].total == derived
    assert str(derived) in [row[3] for row in meal_rows(page)]


def test_an_undo_after_another_writer_changed_the_meal_is_refused_clears_the_stack_and_reloads(
        page, window, monkeypatch):
    from rdplanner.catering import service
    from ui.catering import catering_page

    shown = []
    monkeypatch.setattr(catering_page, "show_error", lambda parent, error, *args: shown.append(str(error)))
    lunch = first_lunch(window)
    page.select_item(ItemRef("catering", "meal", lunch.id))
    monkeypatch.setattr(AdjustDialog, "ask", classmethod(lambda cls, parent, meal, derived: (3, "随行记者 3 人")))
    page.action_adjust.trigger()
    with window.hub.database.session() as session:  # another officer's edit of the same meal
        meal = next(m for m in load_catering(session, window.editor.event_id()).meals if m.id == lunch.id)
        service.adjust_headcount(session, meal_id=lunch.id, expected_version=meal.version, adjustment=5,
                                 reason="增加 5 名工作人员")
    QTest.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown and "无法撤销" in shown[0]
    assert saved(window).counts[lunch.id].total == saved(window).counts[lunch.id].derived + 5
    QTest.qWait(10)  # the stack is cleared once the undo command has returned
    assert page.undo_stack.count() == 0
    assert "+5" in " ".join(row[3] for row in meal_rows(page))  # read again: the other officer's count


def test_a_forbidden_dish_is_listed_with_its_rule_and_selects_its_meal(page, window, monkeypatch):
    lunch = first_lunch(window)
    page.select_item(ItemRef("catering", "meal", lunch.id))
    monkeypatch.setattr(DishDialog, "ask", classmethod(lambda cls, parent, dish=None: {
        "name": "鲍鱼捞饭", "category": "主食", "price_fen": 4500}))
    page.action_add_dish.trigger()
    found = [page.problem_list.item(n) for n in range(page.problem_list.count())]
    entry = next(e for e in found if "鲍鱼捞饭" in e.text())
    assert "含“鲍鱼”" in entry.text() and "财行〔2016〕214号" in entry.text()
    page.select_item(ItemRef("catering", "meal", saved(window).meals[0].id))
    page._problem_chosen(entry)
    assert page.current_meal().id == lunch.id
    assert page.dishes.item(page.dishes.rowCount() - 1, 3).text().startswith("含“鲍鱼”")


def test_a_dietary_need_saved_elsewhere_appears_in_the_counts(page, window):
    lunch = first_lunch(window)
    before = len(saved(window).counts[lunch.id].allergies)
    with window.hub.database.session() as session:
        row = session.get(Participation, sorted(saved(window).counts[lunch.id].eater_ids)[0])
        row.dietary = "菠萝过敏"
        session.commit()
    window.hub.announce(Changes.of("people", window.editor.event_id()))
    page.select_item(ItemRef("catering", "meal", lunch.id))
    assert len(page.plan.counts[lunch.id].allergies) == before + 1
    assert "菠萝过敏 1 人" in page.detail.text()
    assert any("菠萝过敏" in page.problem_list.item(n).text() for n in range(page.problem_list.count()))


def test_the_word_list_dialog_lists_the_seeded_words(page, window, qtbot):
    dialog = WordsDialog(page, window.hub)
    qtbot.addWidget(dialog)
    words = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert {"鱼翅", "燕窝", "茅台", "香烟"} <= set(words)


@pytest.mark.real_threads
def test_the_kitchen_notice_exports_on_the_worker_thread(page, window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "厨房备餐通知.pdf"
    monkeypatch.setattr(flow_module, "ask_document", lambda *args: DocumentChoice("save", {}, ".pdf"))
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    page.action_export.trigger()
    assert not page.notice.isVisible()
    qtbot.waitUntil(lambda: page.notice.text().startswith("已导出"), timeout=60_000)
    assert target.read_bytes().startswith(b"%PDF")



# -- every dialog of the page opened for real (the tests above replace ``ask``) --

def test_the_adjust_dialog_opens_with_the_derived_count_and_saves_the_adjustment(page, window):
    lunch = first_lunch(window)
    derived = saved(window).counts[lunch.id].derived
    page.select_item(ItemRef("catering", "meal", lunch.id))

    def fill(dialog):
        assert dialog.derived.text() == f"{lunch.label}：按名单推算 {derived} 人"
        dialog.adjustment.setValue(2)
        dialog.reason.setText("随行记者 2 人")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    driver = on_modal(AdjustDialog, fill)
    page.action_adjust.trigger()
    driver.check()
    assert saved(window).counts[lunch.id].total == derived + 2


def test_the_meal_dialog_of_a_meeting_has_no_stray_reception_boxes(page, window):
    lunch = first_lunch(window)
    page.select_item(ItemRef("catering", "meal", lunch.id))

    def fill(dialog):
        assert not dialog.guests.isVisible() and not dialog.hosts.isVisible()
        assert dialog.day.isVisible() and dialog.day.text().startswith(str(lunch.meal_date.year))
        dialog.place.setText("机关食堂三楼")
        dialog.accept()

    driver = on_modal(MealDialog, fill)
    page.action_edit.trigger()
    driver.check()
    assert next(m for m in saved(window).meals if m.id == lunch.id).place == "机关食堂三楼"


def test_the_dish_dialog_adds_a_dish_with_its_price(page, window):
    lunch = first_lunch(window)
    page.select_item(ItemRef("catering", "meal", lunch.id))

    def fill(dialog):
        dialog.name.setText("番茄炒蛋")
        dialog.price.setValue(6.5)
        dialog.accept()

    driver = on_modal(DishDialog, fill)
    page.action_add_dish.trigger()
    driver.check()
    dish = next(m for m in saved(window).meals if m.id == lunch.id).menu[-1]
    assert (dish.name, dish.price_fen) == ("番茄炒蛋", 650)


def test_the_word_form_opens_from_the_word_list_and_long_rules_wrap(page, window, qtbot):
    dialog = WordsDialog(page, window.hub)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    longest = max(range(table.rowCount()), key=lambda r: len(table.item(r, 3).text()))
    metrics, width = table.fontMetrics(), table.columnWidth(3)
    wrapped = metrics.boundingRect(QRect(0, 0, width - 8, 10_000), Qt.TextFlag.TextWordWrap,
                                   table.item(longest, 3).text()).height()
    assert wrapped > table.verticalHeader().defaultSectionSize()  # it does need more than one line
    assert table.rowHeight(longest) >= wrapped
    table.selectRow(longest)
    driver = on_modal(WordForm, lambda form: (form.rule.text() == table.item(longest, 3).text()
                                              or form.reject(), form.reject()))
    dialog.edit_current()
    assert driver.check().rule.text() == table.item(longest, 3).text()


def test_the_export_offers_the_three_documents_each_in_its_real_dialog(page, window, tmp_path, monkeypatch):
    titles = [a.text() for a in page.export_button.menu().actions()]
    assert titles == ["用餐安排表…", "厨房备餐通知…", "菜单审核表…"]
    offered = []
    for made in page.export_button.menu().actions():
        driver = on_modal(DocumentDialog, lambda dialog: (offered.append(dialog.document.title), dialog.reject()))
        made.trigger()
        driver.check()
    assert offered == ["用餐安排表", "厨房备餐通知", "菜单审核表"]
    target = tmp_path / "用餐安排表.xlsx"
    monkeypatch.setattr(flow_module, "ask_save_path", lambda *args: str(target))
    driver = on_modal(DocumentDialog, lambda dialog: dialog.save_button.click())
    page.action_export_meals.trigger()
    driver.check()
    assert target.read_bytes().startswith(b"PK") and page.notice.text().startswith("已导出")


def test_three_meals_on_a_day_that_has_them_says_so(page, window):
    lunch = first_lunch(window)
    page.select_item(ItemRef("catering", "meal", lunch.id))
    page.show_notice("按日程的用餐项生成或关联了 0 餐。")
    before = len(saved(window).meals)
    page.action_standard_day.trigger()
    assert len(saved(window).meals) == before
    assert page.notice.text() == f"{day_text(lunch.meal_date)}已有早餐、午餐和晚餐，没有新增用餐。"


def test_the_meal_table_fits_its_columns_at_1366_by_768(page, window, qtbot):
    window.resize(1366, 768)
    qtbot.wait(50)  # the layout follows the resize
    header, metrics = page.tree.header(), page.tree.fontMetrics()
    last = page.model.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= page.tree.viewport().width()
    assert page.tree.horizontalScrollBar().maximum() == 0
    for column in range(page.model.columnCount()):
        if column != 2:  # the place takes what is left and may be elided
            title = page.model.headerData(column, Qt.Orientation.Horizontal)
            assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + 8, title
