"""The seating page on the demo event: automatic seating, problems, viewpoint, find, lock, export."""

import pytest

from ui.seating import seat_map_page as page_module


@pytest.fixture
def seating(window, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    window.nav.setCurrentRow(3)
    assert window.pages.currentWidget() is window.seating
    return window.seating


def test_seating_page_draws_every_seat_of_the_hall(seating):
    assert len(seating.items) == 171
    assert not any(item.name for item in seating.items.values())


def test_auto_seating_places_everyone_and_reports_no_problem(seating):
    seating.auto_seat()
    assert sum(bool(item.name) for item in seating.items.values()) == 83
    assert "未发现问题" in seating.problems.item(0).text()


def test_viewpoint_toggle_mirrors_the_drawing(seating):
    seating.auto_seat()
    seat_id, item = next((s, i) for s, i in seating.items.items() if i.name)
    x = item.rect().center().x()
    seating.viewpoint.setCurrentIndex(seating.viewpoint.findData("stage"))
    assert seating.items[seat_id].rect().center().x() == pytest.approx(-x)
    assert seating.items[seat_id].name == item.name


def test_find_person_selects_their_seat(seating):
    seating.auto_seat()
    name = next(i.name for i in seating.items.values() if i.name)
    seating.find.setText(name)
    seating.find_person()
    assert [i.name for i in seating.scene.selectedItems()] == [name]
    seat = seating.scene.selectedItems()[0]
    assert seating.message.text() == f"{name}：{seat.label}"


def test_locked_seat_survives_reseating(seating, window):
    from rdplanner.seating.service import load_seating, place, set_locked

    seating.auto_seat()
    data = seating.view_data
    mover = next(a for a in data.assignments if a.role == "observer")
    empty = next(s.id for s in data.seats if s.zone == "observer" and s.id not in {a.seat_id for a in data.assignments})
    with window.hub.database.session() as session:
        place(session, seat_plan_id=data.seat_plan_id, participation_id=mover.participation_id, seat_id=empty)
        set_locked(session, seat_plan_id=data.seat_plan_id, seat_id=empty, locked=True)
    seating.auto_seat()
    with window.hub.database.session() as session:
        kept = load_seating(session, seat_plan_id=data.seat_plan_id)
    assert any(a.seat_id == empty and a.participation_id == mover.participation_id for a in kept.assignments)


def test_seating_page_exports_seat_map(seating, tmp_path, monkeypatch):
    target = tmp_path / "座次图.pdf"
    monkeypatch.setattr(page_module, "ask_save_path", lambda *args: str(target))
    seating.auto_seat()
    seating.export("seatmap")
    assert target.read_bytes().startswith(b"%PDF")
    assert "已导出" in seating.message.text()
