"""The 是否本地 column of a roster import: it sets the directory entry's default and this event's mark;
a file without it leaves the mark as the directory says; a value other than yes/no is refused."""

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import Participation, Person
from rdplanner.people.importing import (
    RawTable,
    apply_import,
    build_preview,
    describe_problem,
    detect_columns,
    write_template,
)
from rdplanner.people.importing.template import TEMPLATE_COLUMNS


@pytest.fixture
def event_id(session) -> int:
    draft = EventDraft(name="常委会第二十三次会议", event_type="standing_committee",
                       start_date=date(2026, 12, 3), end_date=date(2026, 12, 4))
    return create_event(session, draft=draft).value


def preview_of(session, event_id, *rows):
    table = RawTable("名单.csv", tuple(rows))
    return build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                         default_role="member")


def import_rows(session, event_id, *rows):
    preview = preview_of(session, event_id, *rows)
    apply_import(session, event_id=event_id, preview=preview,
                 accepted_row_numbers=preview.accepted_row_numbers, file_name="名单.csv")


def marks(session, event_id) -> dict[str, tuple[bool, bool]]:
    """name → (the directory's default, this event's mark)."""
    rows = session.execute(select(Person.name, Person.is_local, Participation.is_local)
                           .join(Participation, Participation.person_id == Person.id)
                           .where(Participation.event_id == event_id)).all()
    return {name: (person, part) for name, person, part in rows}


def directory_person(session, name, *, is_local) -> None:
    session.add(Person(name=name, unit="市财政局", is_local=is_local))
    session.commit()


def test_the_column_sets_the_directory_default_and_the_event_mark(session, event_id):
    directory_person(session, "老本地", is_local=True)

    import_rows(session, event_id, ("姓名", "单位", "是否本地"), ("张三", "市人大", "是"),
                ("李四", "市政府", "否"), ("老本地", "市财政局", "否"))

    assert marks(session, event_id) == {"张三": (True, True), "李四": (False, False),
                                        "老本地": (False, False)}


def test_without_the_column_a_directory_person_keeps_the_directorys_mark(session, event_id):
    directory_person(session, "老本地", is_local=True)
    directory_person(session, "老外地", is_local=False)

    import_rows(session, event_id, ("姓名", "单位"), ("老本地", "市财政局"), ("老外地", "市财政局"),
                ("新人", "市政府"))

    assert marks(session, event_id) == {"老本地": (True, True), "老外地": (False, False),
                                        "新人": (False, False)}


def test_reimport_without_the_column_leaves_an_existing_mark(session, event_id):
    import_rows(session, event_id, ("姓名", "单位", "是否本地"), ("张三", "市人大", "是"))

    preview = preview_of(session, event_id, ("姓名", "单位"), ("张三", "市人大"))

    assert preview.rows[0].action == "unchanged"
    assert "is_local" in preview_of(session, event_id, ("姓名", "单位", "本地"), ("张三", "市人大", "否")
                                    ).rows[0].changed_fields


def test_a_value_other_than_yes_or_no_is_refused_naming_the_row_and_field(session, event_id):
    preview = preview_of(session, event_id, ("姓名", "单位", "是否本地"), ("张三", "市人大", "看情况"))
    row = preview.rows[0]

    assert row.has_errors and not row.accepted
    line = describe_problem("名单.csv", row.row_number, row.errors[0])
    assert line == "名单.csv 第 2 行“是否本地”：是否本地应填“是”或“否”，而不是“看情况”"


def test_the_template_has_the_column_with_its_choice_list(tmp_path):
    sheet = load_workbook(write_template(tmp_path / "模板.xlsx")).active
    letter = chr(65 + [field for field, _width in TEMPLATE_COLUMNS].index("is_local"))

    assert sheet[f"{letter}3"].value == "是否本地"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists[f"{letter}4:{letter}2003"] == '"是,否"'
