"""Matching roster rows to the person directory and the event's participants, and what would change.

A row is the same person as a directory entry with its ID number; without one, the same name and
unit (or, for a 单位及职务 column, the same name and post). A directory entry with a different ID
number is never matched by name. Several candidates is an error: the officer must add the ID
number rather than have the import guess.
"""

from dataclasses import dataclass, fields
from datetime import date, time
from typing import Iterable, Optional

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.labels import BODY_POSTS, unit_and_post
from rdplanner.models import Participation, Person
from rdplanner.people.importing.fields import PARTICIPATION_FIELDS, PERSON_FIELDS
from rdplanner.people.importing.rows import WARNING, Problem
from rdplanner.people.importing.values import shown

CHUNK = 500


@dataclass(frozen=True, slots=True)
class PersonSnapshot:
    """A directory entry as read for matching (plain data)."""

    id: int
    name: str
    gender: str
    ethnicity: str
    unit: str
    post: str
    delegation: str
    phone: str
    id_card_no: Optional[str]
    version: int
    is_local: bool = False


@dataclass(frozen=True, slots=True)
class ParticipationSnapshot:
    """An existing participation of the event (plain data)."""

    id: int
    person_id: int
    role: str
    rank_order: int
    delegation: str
    dietary: str
    needs_lodging: bool
    needs_transport: bool
    notes: str
    version: int
    arrival_date: Optional[date] = None
    arrival_time: Optional[time] = None
    arrival_mode: str = ""
    arrival_number: str = ""
    arrival_station: str = ""
    needs_pickup: bool = False
    departure_date: Optional[date] = None
    departure_time: Optional[time] = None
    departure_mode: str = ""
    departure_number: str = ""
    departure_station: str = ""
    needs_dropoff: bool = False
    pickup_point: str = ""
    is_local: bool = False


@dataclass
class Directory:
    """The directory entries and participations that rows of one file could match."""

    people: dict[int, PersonSnapshot]
    by_id_number: dict[str, PersonSnapshot]
    by_name: dict[str, list[PersonSnapshot]]
    participations: dict[int, ParticipationSnapshot]
    participant_names: dict[str, list[PersonSnapshot]]


def load_directory(session: Session, *, event_id: int, rows: Iterable[dict]) -> Directory:
    """Read the people the rows could be (by ID number and name) and the event's participants."""
    rows = list(rows)
    numbers = sorted({str(r["id_card_no"]) for r in rows if r.get("id_card_no")})
    names = sorted({str(r["name"]) for r in rows if r.get("name")})
    people: dict[int, PersonSnapshot] = {}
    for column, keys in ((Person.id_card_no, numbers), (Person.name, names)):
        for start in range(0, len(keys), CHUNK):
            for person in _people(session, column.in_(keys[start:start + CHUNK])):
                people[person.id] = person
    part_columns = [getattr(Participation, f.name) for f in fields(ParticipationSnapshot)]
    participations = {
        p.person_id: p
        for p in (ParticipationSnapshot(*r) for r in session.execute(
            select(*part_columns).where(Participation.event_id == event_id)))
    }
    participants = _people(session, Person.id.in_(
        select(Participation.person_id).where(Participation.event_id == event_id)))
    directory = Directory(people, {}, {}, participations, {})
    for person in people.values():
        if person.id_card_no:
            directory.by_id_number[person.id_card_no] = person
        directory.by_name.setdefault(person.name, []).append(person)
    for person in participants:
        directory.participant_names.setdefault(person.name, []).append(person)
    return directory


def match_person(values: dict, directory: Directory) -> tuple[Optional[PersonSnapshot], Optional[Problem]]:
    """Return the directory entry a row is (or None for a new person), or a problem if unsure."""
    name, number = values.get("name", ""), values.get("id_card_no")
    if number:
        person = directory.by_id_number.get(str(number))
        if person is not None:
            if person.name != name:
                return None, Problem("id_card_no", f"该身份证号已登记为“{shown(person.name)}”"
                                     f"（{shown(person.unit) or '未填单位'}），与本行姓名“{shown(str(name))}”不一致，请核对")
            return person, None
    namesakes = [p for p in directory.by_name.get(str(name), []) if same_unit(values, p)]
    candidates = [p for p in namesakes if not number or not p.id_card_no]
    if len(candidates) > 1:
        return None, Problem("name", f"人员库中有 {len(candidates)} 位同名同单位的“{shown(str(name))}”，"
                             "无法确定是哪一位；请在本行填写身份证号")
    if not candidates and namesakes:
        # Same name and unit but another ID number: a different person, or a mistyped number.
        return None, Problem("id_card_no", f"人员库中已有同名同单位的“{shown(str(name))}”，但身份证号不同，"
                             "将作为另一人新增；请核对身份证号", WARNING)
    return (candidates[0] if candidates else None), None


def unit_post_forms(person: PersonSnapshot) -> set[str]:
    """The ways a 单位及职务 cell can write this person's unit and post: the post alone, the two run
    together, or as the app's own documents print them (``labels.unit_and_post``, "单位 职务")."""
    printed = {unit_and_post(person.unit, person.post, role) for role in (None, *BODY_POSTS)}
    return {person.post, person.unit + person.post, *printed} - {""}


def same_unit(values: dict, person: PersonSnapshot) -> bool:
    """Return True if the row's unit (or its 单位及职务 text) is the person's."""
    if values.get("unit"):
        return person.unit == values["unit"]
    if values.get("unit_post") and not values.get("post"):
        return _squeeze(values["unit_post"]) in {_squeeze(form) for form in unit_post_forms(person)}
    return person.unit == ""


def _squeeze(text: str) -> str:
    return "".join(str(text).split())


def identity_key(values: dict) -> tuple:
    """Return what makes two rows of one file the same person when neither is in the directory."""
    if values.get("unit"):
        return ("unit", values.get("name"), values["unit"])
    if values.get("unit_post") and not values.get("post"):
        return ("post", values.get("name"), values["unit_post"])
    return ("unit", values.get("name"), "")


def person_values(values: dict, person: Optional[PersonSnapshot] = None) -> dict:
    """Return the directory fields a row sets (non-empty values only); 单位及职务 goes to post.

    A 单位及职务 cell that writes the matched ``person``'s own unit and post (a roster exported by this
    app and imported again) changes neither: it must not turn "市第一人民医院 委员" into a post.
    """
    found = {f: values[f] for f in PERSON_FIELDS if values.get(f) not in (None, "")}
    combined = values.get("unit_post")
    if "post" not in found and combined:
        own = person is not None and _squeeze(combined) in {_squeeze(f) for f in unit_post_forms(person)}
        if not own:
            found["post"] = combined
    return found


def participation_values(values: dict) -> dict:
    """Return the event fields a row sets (non-empty values only; a 否 is a value)."""
    return {f: values[f] for f in PARTICIPATION_FIELDS if f in values and values[f] != ""}


def changed(current: object, wanted: dict) -> dict:
    """Return the entries of ``wanted`` that differ from ``current``'s attributes."""
    return {f: v for f, v in wanted.items() if getattr(current, f) != v}


def _people(session: Session, condition) -> list[PersonSnapshot]:
    columns = [getattr(Person, f.name) for f in fields(PersonSnapshot)]
    return [PersonSnapshot(*r) for r in session.execute(select(*columns).where(condition))]

