"""Seating actions on the GUI thread: one session per action (the service between its undo snapshots),
the seats updated from the new assignments instead of a reload of the whole page, and the problems
report from a read off the GUI thread; undo still restores exactly."""

import pytest

from rdplanner.seating.editing import snapshot
from ui import tasks
from ui.seating import seat_map_page as page_module

REAL_RUN_TASK = tasks.run_task  # taken before the UI conftest swaps in run_inline


@pytest.fixture
def seating(window, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    window.show_page("seating")
    return window.seating


@pytest.fixture
def calls(seating, monkeypatch):
    """The services the page runs on the GUI thread, and the background jobs it leaves pending."""
    made = {"read": [], "jobs": []}
    hub, real_read, real_apply = seating._hub, seating._hub.read, seating._hub.apply

    def read(service, *args, **kwargs):
        made["read"].append(service.__name__)
        return real_read(service, *args, **kwargs)

    def apply(service, **kwargs):  # each database session the GUI thread opens, reading or writing
        made["read"].append(service.__name__)
        return real_apply(service, **kwargs)

    monkeypatch.setattr(hub, "read", read)
    monkeypatch.setattr(hub, "apply", apply)
    monkeypatch.setattr(tasks, "run_task", lambda parent, title, work, *, done, failed:
                        made["jobs"].append((work, done)))
    return made


def run_jobs(calls):
    while calls["jobs"]:
        work, done = calls["jobs"].pop(0)
        done(work(lambda _f: None, lambda: False))


def plan_state(page):
    return page._hub.read(snapshot, seat_plan_id=page.view_data.seat_plan_id)


def members(page):
    return [(seat_id, item) for seat_id, item in page.items.items() if item.name and item.zone == "members"]


def test_a_swap_runs_one_session_and_reloads_nothing_on_the_gui_thread(seating, calls):
    seating.auto_seat()
    run_jobs(calls)
    (a_seat, a), (b_seat, b) = members(seating)[0], members(seating)[5]
    a_name, b_name = a.name, b.name
    calls["read"].clear()
    seating.place_person(a.participation_id, b_seat)
    assert calls["read"] == ["record"]
    assert seating.items[b_seat].name == a_name and seating.items[a_seat].name == b_name
    assert seating.items[b_seat].locked


def test_automatic_seating_runs_one_session_and_checks_problems_in_the_background(seating, calls):
    seating.auto_seat()
    assert calls["read"] == ["record"]
    assert sum(bool(item.name) for item in seating.items.values()) > 70
    assert seating.problems.item(0).text().startswith("✖")  # the report of before: nobody seated
    assert len(calls["jobs"]) == 1
    run_jobs(calls)
    assert seating.problems.item(0).text().startswith("未发现问题")


def test_a_late_problem_check_does_not_overwrite_a_newer_seating(seating, calls):
    seating.auto_seat()
    stale = calls["jobs"].pop()
    seating.clear_unlocked()
    run_jobs(calls)
    work, done = stale
    done(work(lambda _f: None, lambda: False))  # the check read after auto seating arrives last
    assert not any(item.name for item in seating.items.values())
    assert seating.problems.item(0).text().startswith("✖")


def test_the_people_list_follows_a_swap_in_place(seating, calls):
    seating.people_filter.setCurrentIndex(seating.people_filter.findData("all"))
    seating.auto_seat()
    run_jobs(calls)
    (_, a), (b_seat, b) = members(seating)[0], members(seating)[5]
    a_name, b_name = a.name, b.name
    first_row = seating.people_list.item(0)
    seating.place_person(a.participation_id, b_seat)
    lines = [seating.people_list.item(i).text() for i in range(seating.people_list.count())]
    assert any(line.startswith(a_name) and line.endswith(b.label) for line in lines)
    assert any(line.startswith(b_name) and line.endswith(a.label) for line in lines)
    assert seating.people_list.item(0) is first_row  # updated, not rebuilt


def test_undo_of_a_swap_and_of_auto_seating_restores_the_plan_exactly(seating, calls):
    empty = plan_state(seating)
    seating.auto_seat()
    after_auto = plan_state(seating)
    (_, a), (b_seat, _) = members(seating)[0], members(seating)[5]
    a_name = a.name
    seating.place_person(a.participation_id, b_seat)
    after_swap = plan_state(seating)
    seating.undo_stack.undo()
    assert plan_state(seating) == after_auto
    assert {s: i.participation_id for s, i in seating.items.items() if i.participation_id} == {
        p.seat_id: p.participation_id for p in after_auto.placements}
    seating.undo_stack.undo()
    assert plan_state(seating) == empty and not any(i.name for i in seating.items.values())
    seating.undo_stack.redo()
    seating.undo_stack.redo()
    assert plan_state(seating) == after_swap
    assert seating.items[b_seat].name == a_name and seating.items[b_seat].locked


def test_the_problem_check_runs_on_a_real_worker_thread(seating, monkeypatch, qtbot):
    monkeypatch.setattr(tasks, "run_task", REAL_RUN_TASK)
    seating.auto_seat()
    qtbot.waitUntil(lambda: seating.problems.item(0).text().startswith("未发现问题"), timeout=10000)
    assert sum(bool(item.name) for item in seating.items.values()) > 70


def test_the_hidden_event_overview_catches_up_when_shown_not_on_every_swap(seating, window, monkeypatch):
    from ui.events import editor as editor_module

    loaded = []
    real = editor_module.load_overview
    monkeypatch.setattr(editor_module, "load_overview", lambda session, event_id: loaded.append(event_id)
                        or real(session, event_id))
    seating.auto_seat()
    (_, a), (b_seat, _) = members(seating)[0], members(seating)[5]
    seating.place_person(a.participation_id, b_seat)
    assert loaded == []
    window.show_page("overview")
    assert len(loaded) == 1


def test_quick_successive_drops_read_the_plan_for_the_problems_report_once(seating, calls):
    seating.auto_seat()
    run_jobs(calls)
    (a_seat, a), (b_seat, _b), (_c_seat, c) = members(seating)[0], members(seating)[5], members(seating)[9]
    seating.place_person(a.participation_id, b_seat)
    seating.place_person(c.participation_id, a_seat)
    calls["read"].clear()
    run_jobs(calls)  # the first drop's check finds a newer action and reads nothing
    assert calls["read"].count("load_seating") == 1
