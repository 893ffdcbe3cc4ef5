"""The venue set-up domain (会场) as the registry sees it: its overview line, what duplicating an event
copies (the set-ups with their checks and materials, prepared counts and approvals cleared; bookings
are not copied, their dates change), its problems, its read model and the checklist document."""

from datetime import date

from sqlmodel import Session

from rdplanner.domain import CopyContext, Document, Domain, OverviewLine
from rdplanner.venue.defaults import BASES, BOOKING_STATUSES


def _overview(session: Session, event_id: int) -> tuple[OverviewLine, ...]:
    from rdplanner.venue.read import load_venue

    view = load_venue(session, event_id)
    live = [b for b in view.bookings if b.status != "cancelled"]
    checks = [c for s in view.setups for c in s.checks]
    done = sum(c.is_done for c in checks)
    approved = sum(s.is_banner_approved for s in view.setups)
    clashes = sum(len(b.clashes) for b in live)
    text = (f"场地预订 {len(live)} 处，布置会场 {len(view.setups)} 个；检查已完成 {done}/{len(checks)}，"
            f"会标已审定 {approved}/{len(view.setups)}")
    if clashes:
        text += f"；{clashes} 处预订与其他活动时间重叠"
    unbooked = view.main_hall_id is not None and all(b.hall_id != view.main_hall_id for b in live)
    return (OverviewLine("会场布置", text, alert=bool(clashes) or unbooked),)


def _copy(session: Session, context: CopyContext) -> None:
    from sqlalchemy import select

    from rdplanner.models import VenueCheck, VenueMaterial, VenueSetup
    from rdplanner.store import column_values, copy_event_rows

    setups = copy_event_rows(session, VenueSetup, context.source_id, context.target_id,
                             {"banner_approved_by": "", "banner_approved_at": None})
    context.ids["venue_setup"] = setups
    resets = {VenueCheck: {"checked_by": "", "checked_at": None}, VenueMaterial: {"prepared": None}}
    for model, reset in resets.items():
        rows = session.scalars(select(model).where(model.setup_id.in_(list(setups))).order_by(model.id)).all()
        session.add_all(model(**column_values(row, exclude={"id", "version"}) | reset
                              | {"setup_id": setups[row.setup_id]}) for row in rows)
    session.flush()


def venue_findings(session: Session, event_id: int, today: date | None = None):
    """The venue problems of the event as of ``today`` (None: the computer's date), with the office's
    banner deadline (setting venue.banner_approval_days, default 3 days before the start)."""
    from rdplanner.office_settings import get_setting
    from rdplanner.venue.defaults import BANNER_DAYS_KEY, DEFAULT_BANNER_DAYS, load_setup_template
    from rdplanner.venue.problems import venue_problems
    from rdplanner.venue.read import load_venue

    return venue_problems(load_venue(session, event_id), today=today or date.today(),
                          banner_days=banner_days(get_setting(session, BANNER_DAYS_KEY), DEFAULT_BANNER_DAYS),
                          forbidden_words=load_setup_template().forbidden_words)


def banner_days(text: str, default: int) -> int:
    """The setting's days (0–60) from its stored text; the default when it is blank or not a number."""
    try:
        days = int(text.strip())
    except ValueError:
        return default
    return days if 0 <= days <= 60 else default


def _read(session: Session, event_id: int):
    from rdplanner.venue.read import load_venue

    return load_venue(session, event_id)


DOMAIN = Domain(
    key="venue",
    title="会场",
    overview=_overview,
    copy=_copy,
    copies="会场布置",
    problems=venue_findings,
    read=_read,
    documents=(
        Document("venue", "会场布置清单", (".pdf", ".xlsx"), "rdplanner.venue.documents:export_venue",
                 "会场布置清单（.pdf 或 .xlsx，按文件扩展名）",
                 hint="每个会场列出场地预订、会标及审定、检查项目（留签字栏）和物品的计算数量与实备数量。"),
    ),
    labels={"bases": BASES, "booking_statuses": BOOKING_STATUSES},
)
