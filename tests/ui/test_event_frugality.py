"""The event page shows the core's 俭 findings: the form's unsaved dates and category are checked as
they change, and the overview's money line turns red when the plan is over the standard's ceiling.
"""

from sqlalchemy import func, select

from rdplanner.models import BudgetLine, Participation


def participants(database, event_id: int) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).where(Participation.event_id == event_id))


def test_event_editor_warns_about_unsaved_dates_over_the_duration_limit(window):
    editor = window.editor
    editor.category.setCurrentIndex(editor.category.findData(2))

    editor.end.setDate(editor.start.date().addDays(2))

    assert editor.limit_warning.text() == "会期 3 天，超过二类会议不超过 2 天的规定。请核对会议类别或报批。"
    assert editor.limit_warning.isVisibleTo(editor)


def test_event_editor_warns_when_the_chosen_category_is_too_small_for_the_roster(window, database):
    editor = window.editor
    editor.end.setDate(editor.start.date())
    people = participants(database, editor.event_id())
    assert people > 50

    editor.category.setCurrentIndex(editor.category.findData(4))

    assert editor.limit_warning.text() == (
        f"参会 {people} 人，超过四类会议不超过 50 人的规定。请核对会议类别或报批。")


def test_event_editor_hides_the_warning_within_the_limits(window):
    editor = window.editor
    editor.end.setDate(editor.start.date().addDays(2))

    editor.end.setDate(editor.start.date().addDays(1))

    assert editor.limit_warning.text() == "" and not editor.limit_warning.isVisibleTo(editor)


def test_overview_marks_a_budget_over_the_ceiling(window, database):
    event_id = window.editor.event_id()
    with database.session() as session:
        session.add(BudgetLine(event_id=event_id, category="other", item="超标测试", planned_fen=10**10))
        session.commit()

    window.editor.load(event_id)

    label = window.editor.overview.values["经费"]
    assert label.text().endswith("超出标准，请压减") and label.property("warning") is True
