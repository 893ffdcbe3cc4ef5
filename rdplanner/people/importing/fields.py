"""The roster fields an import can fill, their Chinese labels and limits, and the recognised words.

The words (header variants, role names, yes/no values) are data in headers.toml next to this module.
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Optional

from rdplanner.labels import ROLES
from rdplanner.models import Participation, Person
from rdplanner.people.replies import MODES, REPLY_FIELDS, REPLY_LABELS

WORDS_FILE = Path(__file__).with_name("headers.toml")


@dataclass(frozen=True)
class FieldSpec:
    """One importable field: its code, Chinese label and longest accepted value (None = no limit)."""

    code: str
    label: str
    max_length: Optional[int]


def _length(model: type, column: str) -> Optional[int]:
    return getattr(model.__table__.c[column].type, "length", None)  # type: ignore[attr-defined]


# Lengths come from the schema so that a longer column in a later revision needs no change here.
FIELDS: dict[str, FieldSpec] = {
    spec.code: spec
    for spec in (
        FieldSpec("name", "姓名", _length(Person, "name")),
        FieldSpec("name_note", "区分备注", _length(Person, "name_note")),
        FieldSpec("gender", "性别", _length(Person, "gender")),
        FieldSpec("ethnicity", "民族", _length(Person, "ethnicity")),
        FieldSpec("unit", "工作单位", _length(Person, "unit")),
        FieldSpec("post", "职务", _length(Person, "post")),
        FieldSpec("unit_post", "单位及职务", _length(Person, "post")),
        FieldSpec("delegation", "代表团", _length(Participation, "delegation")),
        FieldSpec("phone", "手机", _length(Person, "phone")),
        FieldSpec("id_card_no", "身份证号", _length(Person, "id_card_no")),
        FieldSpec("role", "参会身份", None),
        FieldSpec("rank_order", "排序", None),
        FieldSpec("dietary", "饮食禁忌", _length(Participation, "dietary")),
        FieldSpec("needs_lodging", "是否住宿", None),
        FieldSpec("is_local", "是否本地", None),
        FieldSpec("needs_transport", "是否用车", None),
        FieldSpec("notes", "备注", None),
        *(FieldSpec(code, REPLY_LABELS[code], _length(Participation, code)) for code in REPLY_FIELDS),
    )
}
# 是否本地 sets both the directory entry's default and this event's mark (as the person dialog does).
PERSON_FIELDS = ("name_note", "gender", "ethnicity", "unit", "post", "delegation", "phone", "id_card_no",
                 "is_local")
PARTICIPATION_FIELDS = ("role", "rank_order", "delegation", "dietary", "needs_lodging", "is_local",
                        "needs_transport", "notes", *REPLY_FIELDS)

_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_NOISE = re.compile(r"[\s*＊:：]+")


def field_label(code: str) -> str:
    """Return the Chinese label of a field code (the code itself if unknown)."""
    spec = FIELDS.get(code)
    return spec.label if spec else code


def normalise_header(text: str) -> str:
    """Return header text reduced for matching: no spaces, asterisks, colons or bracketed notes."""
    return _NOISE.sub("", _BRACKETED.sub("", text)).lower()


@cache
def words() -> dict:
    """Return the parsed headers.toml (read once per process)."""
    with WORDS_FILE.open("rb") as handle:
        return tomllib.load(handle)


@cache
def header_synonyms() -> dict[str, str]:
    """Return normalised header text → field code ("" for recognised-but-ignored headers)."""
    table: dict[str, str] = {}
    for code, variants in words()["headers"].items():
        for variant in variants:
            table.setdefault(normalise_header(variant), code)
    for variants in words()["ignored"].values():
        for variant in variants:
            table.setdefault(normalise_header(variant), "")
    return table


def standard_header(code: str) -> str:
    """Return the header the blank template uses for a field (the first listed variant)."""
    return words()["headers"][code][0]


@cache
def _role_table() -> dict[str, str]:
    table = {code: code for code in ROLES} | {label: code for code, label in ROLES.items()}
    for code, variants in words()["roles"].items():
        for variant in variants:
            table.setdefault(variant, code)
    return {key.lower(): code for key, code in table.items()}


def role_code(text: str) -> Optional[str]:
    """Return the role code a cell such as "组成人员" or "列席" names, or None if unknown."""
    return _role_table().get("".join(text.split()).lower())


@cache
def _yes_no_table() -> dict[str, bool]:
    table = {word.lower(): False for word in words()["booleans"]["no"]}
    return table | {word.lower(): True for word in words()["booleans"]["yes"]}


def yes_no(text: str) -> Optional[bool]:
    """Return True/False for a yes/no cell such as 是, 否, √, ×, or None if it is neither."""
    return _yes_no_table().get("".join(text.split()).lower())


@cache
def _mode_table() -> dict[str, str]:
    table = {code: code for code in MODES} | {label: code for code, label in MODES.items()}
    for code, variants in words()["modes"].items():
        for variant in variants:
            table.setdefault(variant, code)
    return {key.lower(): code for key, code in table.items()}


def mode_code(text: str) -> Optional[str]:
    """Return the travel mode code a cell such as "高铁", "动车" or "派车" names, or None if unknown."""
    return _mode_table().get("".join(text.split()).lower())


# The role a row without a 参会身份 value takes, by event type (the same choice as adding a person
# by hand in rdplanner.people.service). The dialog preselects it; the user can change it.
DEFAULT_ROLES = {"congress_session": "deputy", "standing_committee": "member", "directors_meeting": "member"}


def default_role_for(event_type: str) -> str:
    """Return the default role for rows without a 参会身份 in a roster of this event type."""
    return DEFAULT_ROLES.get(event_type, "deputy")
