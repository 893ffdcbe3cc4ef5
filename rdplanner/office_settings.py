"""Office-wide settings kept in the database (shared by everyone on a shared server)."""

from dataclasses import dataclass

from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.errors import InvalidInput
from rdplanner.models import OfficeSetting
from rdplanner.text import clean_text

NAME_CONVENTIONS = {"xingming": "姓名笔画", "xingshi": "姓氏笔画"}
DEFAULT_NAME_CONVENTION = "xingming"


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(OfficeSetting, key)
    return row.value if row is not None else default


def set_setting(session: Session, *, key: str, value: str) -> Outcome:
    row = session.get(OfficeSetting, key)
    if row is None:
        session.add(OfficeSetting(key=key, value=value))
    else:
        row.value = value
        row.version += 1
    session.commit()
    return Outcome(Changes(settings=frozenset({key})))


def name_convention_key(body: str) -> str:
    return f"name_order.{body}"


def name_convention(session: Session, body: str) -> str:
    """Return the body's name-ordering convention: 姓名笔画 (xingming, the default) or 姓氏笔画."""
    value = get_setting(session, name_convention_key(body), DEFAULT_NAME_CONVENTION)
    return value if value in NAME_CONVENTIONS else DEFAULT_NAME_CONVENTION


OFFICE_NAME = "office.name"
OFFICER = "office.officer"
OFFICER_PHONE = "office.officer_phone"
DEFAULT_OFFICE_NAME = "市人大常委会办公室"
# (key, Chinese label, longest text): what the printed documents sign with.
IDENTITY_FIELDS = ((OFFICE_NAME, "单位名称", 60), (OFFICER, "经办人", 20), (OFFICER_PHONE, "联系电话", 30))


@dataclass(frozen=True, slots=True)
class OfficeIdentity:
    """Who issues the printed documents: the office's name (派车单, 证件, 住宿安排表 …) and the officer
    who signs as 经办人 with their phone ("" when not set)."""

    name: str
    officer: str
    phone: str


def office_identity(session: Session) -> OfficeIdentity:
    """The office's name (市人大常委会办公室 until the office sets its own) and its officer."""
    return OfficeIdentity(get_setting(session, OFFICE_NAME) or DEFAULT_OFFICE_NAME,
                          get_setting(session, OFFICER), get_setting(session, OFFICER_PHONE))


def save_office_identity(session: Session, *, name: str, officer: str, phone: str) -> Outcome:
    """Save the office's name and its officer in one transaction.

    Raises:
        InvalidInput (field name, officer or phone): an empty office name or a text too long.
    """
    values = dict(zip((OFFICE_NAME, OFFICER, OFFICER_PHONE),
                      (clean_text(name), clean_text(officer), clean_text(phone)), strict=True))
    fields = {OFFICE_NAME: "name", OFFICER: "officer", OFFICER_PHONE: "phone"}
    if not values[OFFICE_NAME]:
        raise InvalidInput("请填写单位名称（打印在派车单、证件等文件上）。", field="name")
    for key, label, longest in IDENTITY_FIELDS:
        if len(values[key]) > longest:
            raise InvalidInput(f"{label}最多 {longest} 个字，现有 {len(values[key])} 个字。", field=fields[key])
    for key, value in values.items():
        row = session.get(OfficeSetting, key)
        if row is None:
            session.add(OfficeSetting(key=key, value=value))
        elif row.value != value:
            row.value = value
            row.version += 1
    session.commit()
    return Outcome(Changes(settings=frozenset(values)))
