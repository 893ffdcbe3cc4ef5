"""Rostrum protocol (DOMAIN §2): every case of the domain reference, both viewpoints and conventions."""

import subprocess
import sys
from pathlib import Path

import pytest

from rdplanner.errors import InvalidInput
from rdplanner.seating.protocol import rostrum_row, rostrum_rows

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("n, view, even, expected", [
    (7, "stage", "majority", [6, 4, 2, 1, 3, 5, 7]),
    (7, "audience", "majority", [7, 5, 3, 1, 2, 4, 6]),
    (7, "stage", "minority", [6, 4, 2, 1, 3, 5, 7]),
    (8, "stage", "majority", [8, 6, 4, 2, 1, 3, 5, 7]),
    (8, "audience", "majority", [7, 5, 3, 1, 2, 4, 6, 8]),
    (8, "stage", "minority", [7, 5, 3, 1, 2, 4, 6, 8]),
    (8, "audience", "minority", [8, 6, 4, 2, 1, 3, 5, 7]),
    (2, "stage", "majority", [2, 1]),
    (2, "stage", "minority", [1, 2]),
    (1, "audience", "majority", [1]),
])
def test_rostrum_row_matches_domain_reference(n, view, even, expected):
    assert rostrum_row(n, view=view, even=even) == expected


def test_rostrum_views_mirror_each_other():
    for n in range(1, 30):
        assert rostrum_row(n, view="audience") == rostrum_row(n, view="stage")[::-1]


def test_rostrum_rows_front_row_outranks_rows_behind():
    front, back = rostrum_rows([5, 6])
    assert sorted(front) == [1, 2, 3, 4, 5]
    assert sorted(back) == [6, 7, 8, 9, 10, 11]
    assert back == [11, 9, 7, 6, 8, 10]


@pytest.mark.parametrize("kwargs", [{"n": 0}, {"n": 3, "view": "left"}, {"n": 4, "even": "odd"}])
def test_rostrum_row_refuses_bad_request(kwargs):
    with pytest.raises(InvalidInput):
        rostrum_row(**kwargs)


def test_cli_rostrum_prints_ranks_left_to_right():
    done = subprocess.run([sys.executable, "-m", "rdplanner", "rostrum", "8", "--view", "audience"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0
    assert done.stdout.split() == ["7", "5", "3", "1", "2", "4", "6", "8"]


def test_cli_rostrum_refuses_zero_in_one_line():
    done = subprocess.run([sys.executable, "-m", "rdplanner", "rostrum", "0"], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1


def test_auditorium_puts_first_rostrum_row_nearest_audience():
    from rdplanner.seating.layouts import Block, auditorium

    seats = auditorium(rostrum_rows=(5, 7), blocks=(Block("members", 1, (4,)),))
    first = {s.y for s in seats if s.zone == "rostrum" and s.row_no == 1}
    second = {s.y for s in seats if s.zone == "rostrum" and s.row_no == 2}
    audience = min(s.y for s in seats if s.zone == "members")
    assert max(second) < min(first) < audience
