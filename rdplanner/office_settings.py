"""Office-wide settings kept in the database (shared by everyone on a shared server)."""

from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.models import OfficeSetting

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
