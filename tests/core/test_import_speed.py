"""Speed target of the roster import: a 1,000-row .xlsx read, previewed and saved in ≤ 2 s."""

import importlib.util
import time
from datetime import date
from pathlib import Path

import pytest

from rdplanner.events.service import EventDraft, create_event
from rdplanner.people.importing import apply_import, build_preview, detect_columns, read_table

DATA = Path(__file__).parents[1] / "data" / "import"
TARGET_SECONDS = 2.0


def write_big_xlsx(path: Path, count: int) -> Path:
    spec = importlib.util.spec_from_file_location("make_import_fixtures", DATA / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_big_xlsx(path, count)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_import_of_thousand_row_xlsx_takes_at_most_two_seconds(database, tmp_path):
    path = write_big_xlsx(tmp_path / "thousand.xlsx", 1000)
    with database.session() as session:
        draft = EventDraft(name="人民代表大会会议", event_type="congress_session",
                           start_date=date(2027, 1, 10), end_date=date(2027, 1, 14))
        event_id = create_event(session, draft=draft)[0]

    started = time.perf_counter()
    with database.session() as session:
        table = read_table(path)
        preview = build_preview(session, event_id=event_id, table=table, mapping=detect_columns(table),
                                default_role="deputy")
        result = apply_import(session, event_id=event_id, preview=preview,
                              accepted_row_numbers=preview.accepted_row_numbers, file_name=path.name)
    elapsed = time.perf_counter() - started

    print(f"\n1,000-row xlsx imported end to end in {elapsed:.2f} s")
    assert result.added == 1000
    assert elapsed <= TARGET_SECONDS
