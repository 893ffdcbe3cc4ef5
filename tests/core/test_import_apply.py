"""Saving an import all or nothing, merging a re-import, and undoing an import exactly."""

import importlib.util
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rdplanner.errors import InvalidInput, StaleEdit
from rdplanner.events.service import EventDraft, create_event
from rdplanner.models import Attendance, ImportBatch, Participation, Person, Sitting
from rdplanner.people.importing import (
    ImportCancelled,
    ImportFileError,
    apply_import,
    build_preview,
    detect_columns,
    read_table,
    undo_import,
)
from rdplanner.people.importing import apply as apply_module
from rdplanner.store import versioned_update

DATA = Path(__file__).parents[1] / "data" / "import"
SNAPSHOT_SKIPS = {"version", "updated_at", "created_at"}


def fixtures_module():
    spec = importlib.util.spec_from_file_location("make_import_fixtures", DATA / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def thousand_rows(tmp_path_factory) -> Path:
    return fixtures_module().write_big_xlsx(tmp_path_factory.mktemp("rows") / "thousand.xlsx", 1000)


def new_event(session, name="常委会第二十三次会议") -> int:
    draft = EventDraft(name=name, event_type="standing_committee", start_date=date(2026, 12, 3),
                       end_date=date(2026, 12, 4))
    return create_event(session, draft=draft).value


def preview_file(session, event_id, path):
    table = read_table(path)
    return build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                         default_role="member")


def import_file(session, event_id, path):
    preview = preview_file(session, event_id, path)
    return apply_import(session, event_id=event_id, preview=preview,
                        accepted_row_numbers=preview.accepted_row_numbers, file_name=Path(path).name)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def snapshot(session) -> dict:
    """Every person and participation, without the bookkeeping columns an undo may move."""
    tables = {}
    for model in (Person, Participation):
        rows = session.execute(select(model.__table__).order_by(model.__table__.c.id)).mappings()
        tables[model.__name__] = [{k: v for k, v in row.items() if k not in SNAPSHOT_SKIPS} for row in rows]
    return tables


def test_apply_saves_accepted_rows_with_formula_text_literal(database):
    with database.session() as session:
        event_id = new_event(session)
        result = import_file(session, event_id, DATA / "roster.xlsx")

    with database.session() as session:
        names = set(session.scalars(select(Person.name)))
        notes = set(session.scalars(select(Participation.notes)))
        batch = session.get(ImportBatch, result.batch_id)
    assert (result.added, result.updated, result.unchanged) == (6, 0, 0)  # a name like a formula is refused
    assert not any(n.startswith("=") for n in names) and "李娜" in names and len(names) == 5
    assert '=HYPERLINK("http://example.com/zhoutao","周涛简历")' in notes
    assert (batch.added, batch.event_id, batch.file_name) == (6, event_id, "roster.xlsx")
    assert result.changes.domains == {("people", event_id)} and result.changes.events_list
    assert result.summary() == "新增 6 人，更新 0 人，未变 0 人"


def test_apply_rolls_back_everything_when_a_row_fails_midway(database, thousand_rows, monkeypatch):
    with database.session() as session:
        event_id = new_event(session)
        preview = preview_file(session, event_id, thousand_rows)
        real_write_row, calls = apply_module._write_row, []

        def failing_write_row(*args, **kwargs):
            calls.append(1)
            if len(calls) == 500:
                raise RuntimeError("disk unplugged")
            return real_write_row(*args, **kwargs)

        monkeypatch.setattr(apply_module, "_write_row", failing_write_row)
        with pytest.raises(RuntimeError):
            apply_import(session, event_id=event_id, preview=preview,
                         accepted_row_numbers=preview.accepted_row_numbers, file_name="thousand.xlsx")
        in_same_session = (count(session, Person), count(session, Participation), count(session, ImportBatch))

    with database.session() as session:
        in_new_session = (count(session, Person), count(session, Participation), count(session, ImportBatch))
    assert len(calls) == 500
    assert in_same_session == in_new_session == (0, 0, 0)


def test_apply_cancelled_midway_writes_nothing(database, thousand_rows):
    checks = []

    def cancel_on_third_check() -> bool:
        checks.append(1)
        return len(checks) >= 3

    with database.session() as session:
        event_id = new_event(session)
        preview = preview_file(session, event_id, thousand_rows)
        with pytest.raises(ImportCancelled):
            apply_import(session, event_id=event_id, preview=preview, cancelled=cancel_on_third_check,
                         accepted_row_numbers=preview.accepted_row_numbers, file_name="thousand.xlsx")

    with database.session() as session:
        assert (count(session, Person), count(session, Participation)) == (0, 0)


def test_apply_refuses_accepted_row_with_error_naming_file_row_and_field(session):
    event_id = new_event(session)
    preview = preview_file(session, event_id, DATA / "roster.xlsx")

    with pytest.raises(ImportFileError, match="roster.xlsx 第 9 行“身份证号”") as caught:
        apply_import(session, event_id=event_id, preview=preview, accepted_row_numbers=[5, 9],
                     file_name="roster.xlsx")

    assert (caught.value.row, caught.value.field) == (9, "id_card_no")
    assert count(session, Person) == 0


@pytest.mark.parametrize("rows", [[], [99]])
def test_apply_refuses_empty_or_unknown_selection(session, rows):
    event_id = new_event(session)
    preview = preview_file(session, event_id, DATA / "roster.xlsx")

    with pytest.raises(InvalidInput):
        apply_import(session, event_id=event_id, preview=preview, accepted_row_numbers=rows, file_name="x")


def test_apply_refuses_preview_overtaken_by_another_users_edit(database):
    with database.session() as session:
        event_id = new_event(session)
        import_file(session, event_id, DATA / "roster.xlsx")
        preview = preview_file(session, event_id, DATA / "roster_updated.xlsx")
    with database.session() as other:
        li_na = other.scalar(select(Person).where(Person.name == "李娜"))
        versioned_update(other, Person, li_na.id, expected_version=li_na.version, values={"notes": "改"},
                         what="人员")
        other.commit()
        before = snapshot(other)

    with database.session() as session:
        with pytest.raises(StaleEdit, match="第 6 行“李娜”"):
            apply_import(session, event_id=event_id, preview=preview,
                         accepted_row_numbers=preview.accepted_row_numbers, file_name="roster_updated.xlsx")
        assert snapshot(session) == before


def test_reimport_merges_and_reports_counts(session):
    event_id = new_event(session)
    import_file(session, event_id, DATA / "roster.xlsx")

    result = import_file(session, event_id, DATA / "roster_updated.xlsx")

    assert (result.added, result.updated, result.unchanged) == (3, 2, 4)  # 吴敏 new: refused the first time
    assert count(session, Person) == 9 and count(session, Participation) == 9
    assert session.scalar(select(Person.phone).where(Person.name == "李娜")) == "13900139002"
    assert session.scalar(select(Person.id_card_no).where(Person.name == "吴敏")) is not None


def test_reimport_of_same_file_changes_nothing(session):
    event_id = new_event(session)
    import_file(session, event_id, DATA / "roster.xlsx")
    before = snapshot(session)

    result = import_file(session, event_id, DATA / "roster.xlsx")

    assert (result.added, result.updated, result.unchanged) == (0, 0, 6)
    assert snapshot(session) == before


def test_import_into_second_event_reuses_directory_people(session):
    first, second = new_event(session), new_event(session, "常委会第二十四次会议")
    import_file(session, first, DATA / "roster.xlsx")

    result = import_file(session, second, DATA / "roster.xlsx")

    assert (result.added, result.updated, result.unchanged) == (6, 0, 0)
    assert count(session, Person) == 6 and count(session, Participation) == 12


def test_undo_restores_exactly_in_reverse_order(database):
    with database.session() as session:
        event_id = new_event(session)
        first = import_file(session, event_id, DATA / "roster.xlsx")
        after_first = snapshot(session)
        second = import_file(session, event_id, DATA / "roster_updated.xlsx")

        undone = undo_import(session, batch_id=second.batch_id)
        assert snapshot(session) == after_first
        assert (undone.removed, undone.restored, undone.kept_people) == (3, 2, ())

        undo_import(session, batch_id=first.batch_id)
    with database.session() as session:
        assert (count(session, Person), count(session, Participation)) == (0, 0)
        assert session.get(ImportBatch, first.batch_id).undone_at is not None


def test_undo_twice_is_refused(session):
    event_id = new_event(session)
    result = import_file(session, event_id, DATA / "roster.xlsx")
    undo_import(session, batch_id=result.batch_id)

    with pytest.raises(InvalidInput, match="已于 .* 撤销"):
        undo_import(session, batch_id=result.batch_id)


def test_undo_refuses_when_an_imported_value_was_edited_since(session):
    event_id = new_event(session)
    import_file(session, event_id, DATA / "roster.xlsx")
    second = import_file(session, event_id, DATA / "roster_updated.xlsx")
    li_na = session.scalar(select(Person).where(Person.name == "李娜"))
    versioned_update(session, Person, li_na.id, expected_version=li_na.version,
                     values={"phone": "13700137000"}, what="人员")
    session.commit()
    before = snapshot(session)

    with pytest.raises(InvalidInput, match="“李娜”的资料在导入后又被修改过"):
        undo_import(session, batch_id=second.batch_id)

    assert snapshot(session) == before
    assert session.get(ImportBatch, second.batch_id).undone_at is None


def test_undo_refuses_when_plans_hang_on_an_imported_participant(session):
    event_id = new_event(session)
    result = import_file(session, event_id, DATA / "roster.xlsx")
    sitting = Sitting(event_id=event_id, name="第一次全体会议")
    session.add(sitting)
    session.flush()
    zhou = session.scalar(select(Participation.id).join(Person).where(Person.name == "周涛"))
    session.add(Attendance(sitting_id=sitting.id, participation_id=zhou))
    session.commit()

    with pytest.raises(InvalidInput, match="“周涛”在导入后已有签到安排"):
        undo_import(session, batch_id=result.batch_id)

    assert count(session, Participation) == 6


def test_undo_keeps_created_people_now_in_another_event(session):
    event_id, other_event = new_event(session), new_event(session, "主任会议")
    result = import_file(session, event_id, DATA / "roster.xlsx")
    zhou = session.scalar(select(Person.id).where(Person.name == "周涛"))
    session.add(Participation(event_id=other_event, person_id=zhou, role="member"))
    session.commit()

    undone = undo_import(session, batch_id=result.batch_id)

    assert undone.kept_people == ("周涛",) and "周涛" in undone.summary()
    assert count(session, Person) == 1
    assert session.scalar(select(func.count()).where(Participation.event_id == event_id)) == 0


def test_apply_accepts_row_whose_only_problem_is_a_warning_from_matching(session):
    event_id = new_event(session)
    session.add(Person(name="王建国", unit="市财政局", id_card_no="11010519491231002X"))
    session.commit()
    path = DATA / "roster_updated.xlsx"

    result = import_file(session, event_id, path)

    assert result.added == 9
    assert session.scalar(select(func.count()).where(Person.name == "王建国")) == 3


def test_import_with_the_id_left_empty_keeps_the_problem_as_a_note(session):
    from rdplanner.people.service import load_roster

    event_id = new_event(session)
    table = read_table(DATA / "roster.xlsx")
    preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                            default_role="member", ids_left_empty={9})
    assert 9 in preview.accepted_row_numbers
    with pytest.raises(ImportFileError):  # row 12 still has an error: all or nothing
        apply_import(session, event_id=event_id, preview=preview,
                     accepted_row_numbers=[*preview.accepted_row_numbers, 12], file_name="roster.xlsx")
    assert count(session, Person) == 0
    apply_import(session, event_id=event_id, preview=preview,
                 accepted_row_numbers=preview.accepted_row_numbers,
                 file_name="roster.xlsx")
    zhang = next(r for r in load_roster(session, event_id=event_id) if r.name == "张伟")
    assert zhang.id_card_no in ("", None)
    assert "身份证号“330102197808300311”有误" in zhang.participation_draft().notes


def test_reimporting_the_apps_own_roster_export_changes_no_post_and_matches_everyone(session, tmp_path):
    from openpyxl import load_workbook

    from rdplanner.demo import build_demo
    from rdplanner.people.documents import export_roster

    event_id = build_demo(session, size="small")
    posts = dict(session.execute(select(Person.id, Person.post)).all())
    full = export_roster(session, event_id=event_id, path=tmp_path / "名单.xlsx", show_sensitive=True)
    result = import_file(session, event_id, full)
    assert result.added == 0
    assert dict(session.execute(select(Person.id, Person.post)).all()) == posts  # "单位 职务" is no post
    book = load_workbook(full)  # the same roster without its ID and phone columns: matched by unit and post
    sheet = book.active
    header = next(row for row in sheet.iter_rows() if any(c.value == "身份证号" for c in row))
    for cell in header:
        if cell.value in ("身份证号", "手机"):
            for (below,) in sheet.iter_rows(min_row=cell.row + 1, min_col=cell.column, max_col=cell.column):
                if type(below).__name__ != "MergedCell":  # not a group heading
                    below.value = None
    book.save(tmp_path / "无证件号.xlsx")
    preview = preview_file(session, event_id, tmp_path / "无证件号.xlsx")
    assert preview.counts(preview.accepted_row_numbers)["add"] == 0
