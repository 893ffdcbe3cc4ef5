"""The benchmark runner: its JSON report (one object per figure, fixed keys) and its exit status,
with the measurements cut down to plan loading so the run stays quick.
"""

import json
from collections.abc import Iterator

import pytest

import rdplanner.bench
from rdplanner.bench import BenchRow, measure_plan_loading, run_benchmark

KEYS = {"name", "value", "unit", "target", "ok"}


def missed_target(_context) -> list[BenchRow]:
    return [BenchRow(name="too_slow", value=2.5, unit="s", target=1.0, ok=False, label="慢的指标")]


def met_target(_context) -> list[BenchRow]:
    return [BenchRow(name="quick", value=0.5, unit="s", target=1.0, ok=True, label="快的指标")]


@pytest.fixture(scope="module")
def json_run() -> Iterator[tuple[int, list[dict]]]:
    printed: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rdplanner.bench, "MEASUREMENTS", (measure_plan_loading,))
        status = run_benchmark(as_json=True, report=printed.append)
    yield status, json.loads("".join(printed))


def test_run_benchmark_json_rows_have_exactly_the_documented_keys(json_run):
    _, rows = json_run

    assert rows and [set(row) for row in rows] == [KEYS] * len(rows)


def test_run_benchmark_json_reports_demo_creation_and_plan_loading(json_run):
    _, rows = json_run

    assert {row["name"] for row in rows} == {"demo_large_create", "event_plans_load"}


def test_run_benchmark_json_rows_compare_value_with_target(json_run):
    _, rows = json_run

    assert all(row["ok"] == (row["value"] <= row["target"]) for row in rows)
    units = {row["name"]: row["unit"] for row in rows}
    assert units == {"demo_large_create": "s", "event_plans_load": "ms"}


def test_run_benchmark_status_follows_the_rows(json_run):
    status, rows = json_run

    assert status == (0 if all(row["ok"] for row in rows) else 1)


def test_run_benchmark_returns_1_when_a_row_misses_its_target(monkeypatch):
    monkeypatch.setattr(rdplanner.bench, "MEASUREMENTS", (missed_target,))
    printed: list[str] = []

    status = run_benchmark(as_json=True, report=printed.append)

    assert status == 1
    missed = {"name": "too_slow", "value": 2.5, "unit": "s", "target": 1.0, "ok": False}
    assert missed in json.loads(printed[0])


def test_run_benchmark_returns_0_when_every_row_meets_its_target(monkeypatch):
    monkeypatch.setattr(rdplanner.bench, "MEASUREMENTS", (met_target,))

    assert run_benchmark(as_json=False, report=lambda _line: None) == 0


def test_run_benchmark_text_report_gives_a_verdict_per_row(monkeypatch):
    monkeypatch.setattr(rdplanner.bench, "MEASUREMENTS", (missed_target, met_target))
    printed: list[str] = []

    run_benchmark(as_json=False, report=printed.append)

    verdicts = {line.split("\t")[0].strip(): line.rsplit("\t", 1)[-1] for line in printed}
    assert (verdicts["慢的指标"], verdicts["快的指标"]) == ("未达标", "达标")


@pytest.fixture(scope="module")
def national_run() -> Iterator[tuple[list[dict], dict]]:
    import rdplanner.bench_national
    from rdplanner.bench_national import measure_national_sorting

    seen: dict = {}

    def count_the_event(context) -> list[BenchRow]:
        from sqlalchemy import func, select

        from rdplanner.models import Participation, Seat
        from rdplanner.seating.service import ensure_seat_plan, load_seating

        with context.database.session() as session:
            seen["participants"] = session.scalar(
                select(func.count()).where(Participation.event_id == context.event_id))
            seen["seats"] = session.scalar(select(func.count(Seat.id)))
            plan_id, _ = ensure_seat_plan(session, event_id=context.event_id)
            seen["seated"] = len(load_seating(session, seat_plan_id=plan_id).assignments)
        return []

    printed: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rdplanner.bench_national, "NATIONAL_MEASUREMENTS",
                      (measure_national_sorting, count_the_event))
        run_benchmark(as_json=True, report=printed.append, scale="national")
    yield json.loads("".join(printed)), seen


def test_national_scale_reports_only_national_rows(national_run):
    rows, _ = national_run

    assert [row["name"] for row in rows] == ["national_demo_create", "national_names_sort_10000"]


def test_national_scale_seats_3000_participants_in_a_10000_seat_hall(national_run):
    _, seen = national_run

    assert seen["participants"] == 3000
    assert seen["seats"] == 10000
    assert seen["seated"] >= 2990  # all but those on approved leave


def test_bench_measures_the_sign_in_sheet_and_reading_a_10000_row_roster(tmp_path):
    from rdplanner.bench import MEASUREMENTS, BenchContext, measure_import_read, measure_signin_export
    from rdplanner.db import open_database, sqlite_url
    from rdplanner.demo import build_demo

    database = open_database(sqlite_url(tmp_path / "bench.sqlite"))
    with database.session() as session:
        event_id = build_demo(session)
    context = BenchContext(database=database, event_id=event_id, folder=tmp_path)
    try:
        rows = measure_signin_export(context) + measure_import_read(context)
    finally:
        database.close()

    assert [row.name for row in rows] == ["signin_pdf_800", "import_read_10000_xlsx"]
    assert (tmp_path / "signin.pdf").read_bytes().startswith(b"%PDF")
    assert {measure_signin_export, measure_import_read} <= set(MEASUREMENTS)
