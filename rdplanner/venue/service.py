"""Venue set-up services (会场布置): hall bookings, a hall's set-up with its banner (会标), checks and
materials. One function per user action; each takes the event's lock (store.lock_roster) first, then
validates, writes and commits, and returns an Outcome naming the "venue" domain and the rows.
"""

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from rdplanner.changes import Changes, Outcome
from rdplanner.clock import utc_now
from rdplanner.errors import InvalidInput
from rdplanner.models import Hall, HallBooking, VenueCheck, VenueMaterial, VenueSetup
from rdplanner.store import get_or_raise, lock_roster, versioned_update
from rdplanner.venue.defaults import BASES, BOOKING_STATUSES, load_setup_template

DOMAIN = "venue"
MAX_PER_UNIT = 1000
MAX_PREPARED = 1_000_000


def _changed(event_id: int, *rows: tuple[str, int]) -> Changes:
    return Changes.of(DOMAIN, event_id, rows=rows)


def _text(value: str, field: str, label: str, limit: int, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(f"请填写{label}。", field=field)
    if len(text) > limit:
        raise InvalidInput(f"{label}最多 {limit} 个字，现有 {len(text)} 个字。", field=field)
    return text


def _moment(at: datetime | None) -> datetime:
    """A naive-UTC timestamp (models._moment): an aware ``at`` is converted, a naive one taken as UTC."""
    if at is None:
        return utc_now()
    return at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo is not None else at



def _booking_values(session: Session, hall_id: int, starts_at: datetime, ends_at: datetime, status: str,
                    contact: str, phone: str, notes: str) -> dict:
    if session.get(Hall, hall_id) is None:
        raise InvalidInput(f"找不到该会场（编号 {hall_id}），请重新选择。", field="hall_id")
    if not isinstance(starts_at, datetime):
        raise InvalidInput("请填写开始时间。", field="starts_at")
    if not isinstance(ends_at, datetime):
        raise InvalidInput("请填写结束时间。", field="ends_at")
    if ends_at <= starts_at:
        raise InvalidInput("结束时间应晚于开始时间。", field="ends_at")
    if status not in BOOKING_STATUSES:
        raise InvalidInput(f"未知的预订状态：{status}", field="status")
    return {"hall_id": hall_id, "starts_at": starts_at, "ends_at": ends_at, "status": status,
            "contact": _text(contact, "contact", "联系人", 100),
            "phone": _text(phone, "phone", "联系电话", 50),
            "notes": (notes or "").strip()}


def book_hall(session: Session, *, event_id: int, hall_id: int, starts_at: datetime, ends_at: datetime,
              status: str = "tentative", contact: str = "", phone: str = "", notes: str = "") -> Outcome:
    """Book a hall for the event from ``starts_at`` to ``ends_at`` (wall-clock times); value: the booking id.

    A clash with another event's booking is not refused: it is reported (problems.hall_double_booked).

    Raises:
        NotFound: no such event. InvalidInput: no such hall, the end not after the start, an unknown status.
    """
    lock_roster(session, event_id)
    values = _booking_values(session, hall_id, starts_at, ends_at, status, contact, phone, notes)
    booking = HallBooking(event_id=event_id, **values)
    session.add(booking)
    session.flush()
    booking_id = booking.id
    session.commit()
    return Outcome(_changed(event_id, ("booking", booking_id)), booking_id)


def update_booking(session: Session, *, booking_id: int, expected_version: int, hall_id: int,
                   starts_at: datetime, ends_at: datetime, status: str, contact: str = "", phone: str = "",
                   notes: str = "") -> Outcome:
    """Save an edit of a booking. Raises as book_hall, and StaleEdit if it changed since it was read."""
    event_id = get_or_raise(session, HallBooking, booking_id, "场地预订").event_id
    lock_roster(session, event_id)
    values = _booking_values(session, hall_id, starts_at, ends_at, status, contact, phone, notes)
    versioned_update(session, HallBooking, booking_id, expected_version=expected_version, values=values,
                     what="场地预订")
    session.commit()
    return Outcome(_changed(event_id, ("booking", booking_id)))


def remove_booking(session: Session, *, booking_id: int) -> Outcome:
    """Delete a booking. Raises NotFound if it is gone."""
    event_id = get_or_raise(session, HallBooking, booking_id, "场地预订").event_id
    lock_roster(session, event_id)
    session.execute(delete(HallBooking).where(HallBooking.id == booking_id))
    session.commit()
    return Outcome(_changed(event_id, ("booking", booking_id)))



def ensure_setup(session: Session, *, event_id: int, hall_id: int) -> Outcome:
    """Return the event's set-up of the hall (value: its id), creating it with the default checks and
    materials of resources/templates/venue_setup.json if it has none yet.

    Raises:
        NotFound: no such event. InvalidInput: no such hall. RdplannerError: the template is unreadable.
    """
    lock_roster(session, event_id)
    if session.get(Hall, hall_id) is None:
        raise InvalidInput(f"找不到该会场（编号 {hall_id}），请重新选择。", field="hall_id")
    found = session.scalar(select(VenueSetup.id).where(VenueSetup.event_id == event_id,
                                                      VenueSetup.hall_id == hall_id))
    if found is not None:
        session.commit()
        return Outcome(Changes(), found)
    template = load_setup_template()
    setup = VenueSetup(event_id=event_id, hall_id=hall_id, spare_percent=template.spare_percent)
    session.add(setup)
    session.flush()
    session.add_all(VenueCheck(setup_id=setup.id, name=c.name, notes=c.notes, sort_order=n)
                    for n, c in enumerate(template.checks, 1))
    session.add_all(VenueMaterial(setup_id=setup.id, name=m.name, unit=m.unit, basis=m.basis,
                                  per_unit=m.per_unit, notes=m.notes, sort_order=n)
                    for n, m in enumerate(template.materials, 1))
    setup_id = setup.id
    session.commit()
    return Outcome(_changed(event_id, ("setup", setup_id)), setup_id)


def remove_setup(session: Session, *, setup_id: int) -> Outcome:
    """Delete a set-up with its checks and materials. Raises NotFound if it is gone."""
    event_id = _locked_setup(session, setup_id).event_id
    session.execute(delete(VenueSetup).where(VenueSetup.id == setup_id))
    session.commit()
    return Outcome(_changed(event_id, ("setup", setup_id)))


def _locked_setup(session: Session, setup_id: int) -> VenueSetup:
    setup = get_or_raise(session, VenueSetup, setup_id, "会场布置")
    lock_roster(session, setup.event_id)
    session.refresh(setup)  # read under the lock: the session may hold the row as it was before
    return setup


def set_banner(session: Session, *, setup_id: int, text: str, expected_version: int) -> Outcome:
    """Set the banner's text (会标); a changed text clears its approval, which was of the old text.

    Raises:
        InvalidInput: longer than 200 characters. StaleEdit, NotFound.
    """
    setup = _locked_setup(session, setup_id)
    banner = " ".join(_text(text, "banner_text", "会标内容", 200).split())
    values: dict = {"banner_text": banner}
    if banner != setup.banner_text:
        values |= {"banner_approved_by": "", "banner_approved_at": None}
    versioned_update(session, VenueSetup, setup_id, expected_version=expected_version, values=values,
                     what="会场布置")
    session.commit()
    return Outcome(_changed(setup.event_id, ("setup", setup_id)))


def approve_banner(session: Session, *, setup_id: int, approved_by: str, at: datetime | None = None,
                   expected_version: int | None = None) -> Outcome:
    """Record who approved the banner's text (审定) and when (None: now).

    Args:
        expected_version: the set-up's version the approver saw; given, a text changed since is refused.

    Raises:
        InvalidInput: no approver, or the banner has no text. StaleEdit, NotFound.
    """
    setup = _locked_setup(session, setup_id)
    who = _text(approved_by, "approved_by", "审定人", 60, required=True)
    if not setup.banner_text.strip():
        raise InvalidInput("会标还没有内容，不能审定；请先填写会标。", field="banner_text")
    values = {"banner_approved_by": who, "banner_approved_at": _moment(at)}
    _save(session, VenueSetup, setup, expected_version, values, "会场布置")
    session.commit()
    return Outcome(_changed(setup.event_id, ("setup", setup_id)))


def clear_banner_approval(session: Session, *, setup_id: int) -> Outcome:
    """Withdraw the banner's approval. Raises NotFound."""
    setup = _locked_setup(session, setup_id)
    values = {"banner_approved_by": "", "banner_approved_at": None}
    _save(session, VenueSetup, setup, None, values, "会场布置")
    session.commit()
    return Outcome(_changed(setup.event_id, ("setup", setup_id)))


def set_spare_percent(session: Session, *, setup_id: int, spare_percent: int,
                      expected_version: int) -> Outcome:
    """Set the spare margin added to the derived quantities (0–100 %).

    Raises:
        InvalidInput: not a whole number from 0 to 100. StaleEdit, NotFound.
    """
    setup = _locked_setup(session, setup_id)
    spare = _whole(spare_percent, "spare_percent", "备用余量", 0, 100)
    versioned_update(session, VenueSetup, setup_id, expected_version=expected_version,
                     values={"spare_percent": spare}, what="会场布置")
    session.commit()
    return Outcome(_changed(setup.event_id, ("setup", setup_id)))


def _save(session: Session, model: type, row, expected_version: int | None, values: dict,
          what: str) -> None:
    """A versioned update when the caller read a version, else one that only moves the version on."""
    if expected_version is not None:
        versioned_update(session, model, row.id, expected_version=expected_version, values=values, what=what)
    else:
        session.execute(update(model).where(model.id == row.id).values(**values, version=model.version + 1))


def _whole(value: object, field: str, label: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{label}应为 {low} 到 {high} 之间的整数。", field=field)
    return value



def _locked_check(session: Session, check_id: int) -> tuple[VenueCheck, int]:
    check = get_or_raise(session, VenueCheck, check_id, "检查项目")
    event_id = get_or_raise(session, VenueSetup, check.setup_id, "会场布置").event_id
    lock_roster(session, event_id)
    session.refresh(check)  # read under the lock: the session may hold the row as it was before
    return check, event_id


def mark_check(session: Session, *, check_id: int, checked_by: str, at: datetime | None = None,
               expected_version: int | None = None) -> Outcome:
    """Record that a check was done, by whom and when (None: now). Raises InvalidInput (no checker)."""
    check, event_id = _locked_check(session, check_id)
    who = _text(checked_by, "checked_by", "检查人", 60, required=True)
    values = {"checked_by": who, "checked_at": _moment(at)}
    _save(session, VenueCheck, check, expected_version, values, "检查项目")
    session.commit()
    return Outcome(_changed(event_id, ("check", check_id)))


def clear_check(session: Session, *, check_id: int) -> Outcome:
    """Mark a check as not done again."""
    check, event_id = _locked_check(session, check_id)
    _save(session, VenueCheck, check, None, {"checked_by": "", "checked_at": None}, "检查项目")
    session.commit()
    return Outcome(_changed(event_id, ("check", check_id)))


def add_check(session: Session, *, setup_id: int, name: str, notes: str = "") -> Outcome:
    """Add a check at the end of the set-up's list; value: its id. Raises InvalidInput (no name)."""
    setup = _locked_setup(session, setup_id)
    check = VenueCheck(setup_id=setup_id, name=_text(name, "name", "检查项目名称", 100, required=True),
                       notes=(notes or "").strip(), sort_order=_next_order(session, VenueCheck, setup_id))
    session.add(check)
    session.flush()
    check_id = check.id
    session.commit()
    return Outcome(_changed(setup.event_id, ("check", check_id)), check_id)


def update_check(session: Session, *, check_id: int, expected_version: int, name: str,
                 notes: str = "") -> Outcome:
    """Rename a check or change its notes. Raises InvalidInput, StaleEdit, NotFound."""
    _check, event_id = _locked_check(session, check_id)
    values = {"name": _text(name, "name", "检查项目名称", 100, required=True), "notes": (notes or "").strip()}
    versioned_update(session, VenueCheck, check_id, expected_version=expected_version, values=values,
                     what="检查项目")
    session.commit()
    return Outcome(_changed(event_id, ("check", check_id)))


def remove_check(session: Session, *, check_id: int) -> Outcome:
    _check, event_id = _locked_check(session, check_id)
    session.execute(delete(VenueCheck).where(VenueCheck.id == check_id))
    session.commit()
    return Outcome(_changed(event_id, ("check", check_id)))


def _next_order(session: Session, model: type, setup_id: int) -> int:
    return (session.scalar(select(func.max(model.sort_order)).where(model.setup_id == setup_id)) or 0) + 1



def _material_values(name: str, unit: str, basis: str, per_unit: int, prepared: int | None,
                     notes: str) -> dict:
    if basis not in BASES:
        raise InvalidInput(f"未知的数量依据：{basis}（应为按席卡、按参会人数或固定数量）", field="basis")
    if prepared is not None:
        prepared = _whole(prepared, "prepared", "实备数量", 0, MAX_PREPARED)
    return {"name": _text(name, "name", "物品名称", 100, required=True),
            "unit": _text(unit, "unit", "单位", 20), "basis": basis,
            "per_unit": _whole(per_unit, "per_unit", "每份数量", 0, MAX_PER_UNIT),
            "prepared": prepared, "notes": (notes or "").strip()}


def _locked_material(session: Session, material_id: int) -> int:
    material = get_or_raise(session, VenueMaterial, material_id, "物品")
    event_id = get_or_raise(session, VenueSetup, material.setup_id, "会场布置").event_id
    lock_roster(session, event_id)
    return event_id


def add_material(session: Session, *, setup_id: int, name: str, unit: str = "", basis: str = "participant",
                 per_unit: int = 1, prepared: int | None = None, notes: str = "") -> Outcome:
    """Add a material at the end of the set-up's list; value: its id.

    Args:
        basis: "card" (per name card), "participant" (per participant not on leave) or "fixed".
        per_unit: how many per card or participant (the quantity itself when fixed), 0–1000.
        prepared: how many are ready (None: not counted yet).

    Raises:
        InvalidInput naming the field. NotFound.
    """
    setup = _locked_setup(session, setup_id)
    values = _material_values(name, unit, basis, per_unit, prepared, notes)
    order = _next_order(session, VenueMaterial, setup_id)
    material = VenueMaterial(setup_id=setup_id, sort_order=order, **values)
    session.add(material)
    session.flush()
    material_id = material.id
    session.commit()
    return Outcome(_changed(setup.event_id, ("material", material_id)), material_id)


def update_material(session: Session, *, material_id: int, expected_version: int, name: str, unit: str,
                    basis: str, per_unit: int, prepared: int | None, notes: str = "") -> Outcome:
    """Save an edit of a material. Raises as add_material, and StaleEdit."""
    event_id = _locked_material(session, material_id)
    values = _material_values(name, unit, basis, per_unit, prepared, notes)
    versioned_update(session, VenueMaterial, material_id, expected_version=expected_version, values=values,
                     what="物品")
    session.commit()
    return Outcome(_changed(event_id, ("material", material_id)))


def remove_material(session: Session, *, material_id: int) -> Outcome:
    event_id = _locked_material(session, material_id)
    session.execute(delete(VenueMaterial).where(VenueMaterial.id == material_id))
    session.commit()
    return Outcome(_changed(event_id, ("material", material_id)))
