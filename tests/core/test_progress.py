"""The one progress/cancel convention: a sub-step's 0..1 lands on its slice of the parent's range and
stops on cancel; every long job's cancellation is a ``Cancelled`` with its own code and Chinese message."""

import pytest

from rdplanner.errors import RdplannerError
from rdplanner.exports.cards_pdf import write_cards_pdf
from rdplanner.people.importing import read_table
from rdplanner.progress import Cancelled, check_cancelled, no_progress, not_cancelled, sub_step
from rdplanner.seating.assign import SeatSpot, Sitter, auto_assign


class Stop(Cancelled):
    code = "stop"
    default_message = "已停止。"


def test_sub_step_maps_its_fractions_onto_the_parents_slice():
    reported = []
    step = sub_step(reported.append, 0.2, 0.6)
    for fraction in (0.0, 0.5, 1.0):
        step(fraction)
    assert reported == pytest.approx([0.2, 0.4, 0.6])


def test_sub_step_raises_the_given_error_before_reporting_once_cancelled():
    reported = []
    step = sub_step(reported.append, 0.0, 1.0, cancelled=lambda: True, error=Stop)
    with pytest.raises(Stop, match="已停止"):
        step(0.5)
    assert reported == []


def test_check_cancelled_raises_only_when_asked():
    check_cancelled(not_cancelled)
    with pytest.raises(Cancelled) as caught:
        check_cancelled(lambda: True)
    assert isinstance(caught.value, RdplannerError) and "已取消" in str(caught.value)


def test_defaults_report_nothing_and_never_cancel():
    assert no_progress(0.5) is None and not_cancelled() is False


def test_auto_seating_cancel_is_a_cancelled():
    seats = [SeatSpot(1, "members", 1, 1, 0.0, 1.0)]
    with pytest.raises(Cancelled) as caught:
        auto_assign(seats, [Sitter(1, "张三", "member")], cancelled=lambda: True)
    assert caught.value.code == "seating_cancelled" and "排座" in str(caught.value)


def test_export_cancel_is_a_cancelled(tmp_path):
    with pytest.raises(Cancelled) as caught:
        write_cards_pdf(tmp_path / "c.pdf", names=["张三"], cancelled=lambda: True)
    assert caught.value.code == "export_cancelled" and not (tmp_path / "c.pdf").exists()


def test_import_cancel_is_a_cancelled(tmp_path):
    path = tmp_path / "名册.csv"
    path.write_text("姓名\n" + "张三\n" * 5000, encoding="utf-8")
    with pytest.raises(Cancelled) as caught:
        read_table(path, cancelled=lambda: True)
    assert caught.value.code == "import_cancelled" and "导入" in str(caught.value)
