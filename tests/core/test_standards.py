"""Expense standards and task templates read from the bundled TOML files (errors name the file),
and the money helpers that print fen as yuan and compute the budget ceiling.
"""

import re
from datetime import date
from pathlib import Path

import pytest

from rdplanner.budget.money import ceiling_fen, yuan_text
from rdplanner.budget.standards import STANDARDS_FILE, load_standards
from rdplanner.errors import RdplannerError
from rdplanner.labels import EVENT_TYPES, PHASES
from rdplanner.readiness.templates import TaskTemplate, load_task_templates

TEMPLATE = """
event_types = ["standing_committee"]

[[tasks]]
phase = "before"
title = "印发会议通知"
due = -7

[[tasks]]
phase = {phase}
title = "布置会场"
due = -1
"""


def write_template(folder: Path, phase: str = '"during"') -> Path:
    path = folder / "tasks_meeting.toml"
    path.write_text(TEMPLATE.format(phase=phase), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("category", "label", "lodging", "meals", "other", "total"),
    [
        (1, "一类", 500, 150, 110, 760),
        (2, "二类", 400, 150, 100, 650),
        (3, "三类", 340, 130, 80, 550),
        (4, "四类", 340, 130, 80, 550),
    ],
)
def test_load_standards_defaults_to_the_central_table(category, label, lodging, meals, other, total):
    _, standards = load_standards()

    s = standards[category]
    assert (s.label, s.lodging, s.meals, s.other, s.total) == (label, lodging, meals, other, total)


@pytest.mark.parametrize(("category", "max_days", "max_participants"), [(2, 2, 300), (3, 2, 150), (4, 2, 50)])
def test_load_standards_limits_duration_and_size(category, max_days, max_participants):
    _, standards = load_standards()

    limits = (standards[category].max_days, standards[category].max_participants)
    assert limits == (max_days, max_participants)


def test_load_standards_names_the_source_document():
    source, _ = load_standards()

    assert "财行〔2016〕214号" in source


def test_load_standards_reads_an_edited_file(tmp_path):
    path = tmp_path / "local.toml"
    path.write_text('source = "本省办法"\n[categories.2]\nlabel = "二类"\nlodging = 380\nmeals = 100\n'
                    'other = 70\ntotal = 550\n', encoding="utf-8")

    source, standards = load_standards(path)

    assert (source, standards[2].total, standards[2].max_days, list(standards)) == ("本省办法", 550, 0, [2])


def test_load_standards_of_malformed_file_raises_naming_it(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[categories.1\nlabel = 一类\n", encoding="utf-8")

    with pytest.raises(RdplannerError, match=re.escape(str(path))):
        load_standards(path)


def test_load_standards_of_missing_file_raises_naming_it(tmp_path):
    path = tmp_path / "missing.toml"

    with pytest.raises(RdplannerError, match=re.escape(str(path))):
        load_standards(path)


def test_load_standards_of_entry_without_label_raises_naming_file_and_entry(tmp_path):
    path = tmp_path / "nolabel.toml"
    path.write_text("[categories.3]\nlodging = 340\n", encoding="utf-8")

    with pytest.raises(RdplannerError) as caught:
        load_standards(path)

    assert str(path) in str(caught.value) and "categories.3" in str(caught.value)


def test_load_standards_of_non_numeric_amount_raises_naming_the_entry(tmp_path):
    path = tmp_path / "text.toml"
    path.write_text('[categories.2]\nlabel = "二类"\nlodging = "四百"\n', encoding="utf-8")

    with pytest.raises(RdplannerError, match="categories.2"):
        load_standards(path)


def test_expense_standard_summary_states_the_ceiling_and_limits():
    _, standards = load_standards(STANDARDS_FILE)

    text = standards[2].summary()

    assert "合计650元/人·天" in text and "会期不超过2天" in text and "参会人数不超过300人" in text


@pytest.mark.parametrize("event_type", list(EVENT_TYPES))
def test_load_task_templates_covers_every_event_type(event_type):
    tasks = load_task_templates(event_type)

    assert tasks and {t.phase for t in tasks} <= set(PHASES)


def test_load_task_templates_of_unknown_type_is_empty():
    assert load_task_templates("banquet") == []


def test_load_task_templates_reads_a_folder(tmp_path):
    write_template(tmp_path)

    tasks = load_task_templates("standing_committee", tmp_path)

    assert tasks == [
        TaskTemplate("before", "印发会议通知", "", "", -7),
        TaskTemplate("during", "布置会场", "", "", -1),
    ]


def test_load_task_templates_with_bad_phase_raises_naming_file_and_item(tmp_path):
    path = write_template(tmp_path, phase='"middle"')

    with pytest.raises(RdplannerError) as caught:
        load_task_templates("standing_committee", tmp_path)

    assert str(path) in str(caught.value) and "第 2 项" in str(caught.value)


def test_load_task_templates_without_title_raises_naming_file_and_item(tmp_path):
    path = tmp_path / "tasks_x.toml"
    path.write_text('event_types = ["dual_contact"]\n[[tasks]]\nphase = "after"\n', encoding="utf-8")

    with pytest.raises(RdplannerError) as caught:
        load_task_templates("dual_contact", tmp_path)

    assert str(path) in str(caught.value) and "第 1 项" in str(caught.value)


def test_load_task_templates_of_malformed_file_raises_naming_it(tmp_path):
    path = tmp_path / "tasks_bad.toml"
    path.write_text("event_types = [\n", encoding="utf-8")

    with pytest.raises(RdplannerError, match=re.escape(str(path))):
        load_task_templates("standing_committee", tmp_path)


@pytest.mark.parametrize(("phase", "due"), [("before", date(2026, 11, 26)), ("during", date(2026, 12, 3)),
                                            ("after", date(2026, 12, 9))])
def test_task_template_due_date_counts_after_tasks_from_the_closing_day(phase, due):
    task = TaskTemplate(phase, "任务", "", "", {"before": -7, "during": 0, "after": 5}[phase])

    assert task.due_date(date(2026, 12, 3), date(2026, 12, 4)) == due


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (3725000, "37,250.00 元"),
        (0, "0.00 元"),
        (5, "0.05 元"),
        (99, "0.99 元"),
        (100, "1.00 元"),
        (123456789, "1,234,567.89 元"),
        (-150, "-1.50 元"),
        (-5, "-0.05 元"),
        (-123456789, "-1,234,567.89 元"),
    ],
)
def test_yuan_text_writes_fen_as_yuan(fen, text):
    assert yuan_text(fen) == text


def test_ceiling_fen_is_standard_times_people_times_days():
    assert ceiling_fen(650, 83, 2) == 10_790_000


def test_ceiling_fen_of_nobody_is_zero():
    assert ceiling_fen(760, 0, 5) == 0
