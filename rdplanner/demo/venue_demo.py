"""The demo's venue set-up: the main hall booked for the meeting's days, its set-up with the banner
text approved (a meeting) or waiting for approval (a congress, to show the finding), part of the checks
done, and the prepared quantities of the materials counted for some of them."""

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlmodel import Session

from rdplanner.models import Event, VenueCheck, VenueMaterial, VenueSetup
from rdplanner.venue import service


def venue_setup(session: Session, event: Event, *, approved: bool, checks_done: int, contact: str,
                phone: str) -> None:
    """Book the event's hall from the first morning to the last evening and set it up."""
    if event.hall_id is None:
        return
    service.book_hall(session, event_id=event.id, hall_id=event.hall_id,
                      starts_at=datetime.combine(event.start_date, time(7, 30)),
                      ends_at=datetime.combine(event.end_date, time(18)), status="confirmed",
                      contact=contact, phone=phone)
    setup_id = service.ensure_setup(session, event_id=event.id, hall_id=event.hall_id).value
    setup = session.get(VenueSetup, setup_id)
    service.set_banner(session, setup_id=setup_id, text=event.name, expected_version=setup.version)
    when = datetime.combine(event.start_date - timedelta(days=10), time(10))
    if approved:
        service.approve_banner(session, setup_id=setup_id, approved_by="办公室主任", at=when)
    checks = session.scalars(select(VenueCheck).where(VenueCheck.setup_id == setup_id)
                             .order_by(VenueCheck.sort_order).limit(checks_done)).all()
    for check in checks:
        service.mark_check(session, check_id=check.id, checked_by="会务组 王磊", at=when + timedelta(days=8))
    materials = session.scalars(select(VenueMaterial).where(VenueMaterial.setup_id == setup_id)
                                .order_by(VenueMaterial.sort_order)).all()
    for material in materials[2:4]:  # pens and paper counted
        service.update_material(session, material_id=material.id, expected_version=material.version,
                                name=material.name, unit=material.unit, basis=material.basis,
                                per_unit=material.per_unit, prepared=900, notes=material.notes)
