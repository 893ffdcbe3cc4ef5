"""Bidirectional control characters (which reorder the text after them when shown or printed) are
stripped like zero-width characters, from imported cells and from what is typed in the person dialog.
"""

import pytest

from rdplanner.people.importing.values import parse_cells
from rdplanner.people.service import PersonDraft, validate_person

BIDI_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
                 "\u200e", "\u200f", "\u061c"]


@pytest.mark.parametrize("control", BIDI_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_imported_name_and_unit_lose_bidi_controls_silently(control):
    values, problems = parse_cells({"name": f"{control}张{control}三", "unit": f"市人大{control}常委会办公厅",
                                    "post": f"主任{control}"}, {})

    assert (values["name"], values["unit"], values["post"]) == ("张三", "市人大常委会办公厅", "主任")
    assert problems == []


@pytest.mark.parametrize("control", BIDI_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_typed_name_and_unit_lose_bidi_controls(control):
    draft = validate_person(PersonDraft(name=f"{control}张三", unit=f"市人大{control}常委会办公厅",
                                        post=f"{control}主任", notes=f"第一行{control}\n第二行"))

    assert (draft.name, draft.unit, draft.post, draft.notes) == ("张三", "市人大常委会办公厅", "主任",
                                                                  "第一行\n第二行")
