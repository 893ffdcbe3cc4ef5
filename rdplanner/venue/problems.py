"""Problems of the venue set-up (会场问题): a hall booked by another event at the same time, the main hall
not booked, the banner (会标) or the checks not done in time, materials short of the derived quantity,
and flowers or backdrops, which meetings may not pay for. Pure functions over read.VenueView.
"""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from rdplanner.problems import COMPLETE, EARLY, ERROR, FRUGAL, WARNING, Problem, refs
from rdplanner.venue.defaults import CANCELLED, DEFAULT_BANNER_DAYS
from rdplanner.venue.read import BookingRow, ClashRow, SetupRow, VenueView

DOMAIN = "venue"
DOUBLE_BOOKED = "hall_double_booked"
MAIN_HALL_UNBOOKED = "main_hall_unbooked"
BANNER_MISSING = "banner_missing"
BANNER_UNAPPROVED = "banner_unapproved"
CHECKS_NOT_DONE = "venue_checks_not_done"
MATERIAL_SHORT = "material_short"
FORBIDDEN_DECORATION = "forbidden_decoration"
CODES = (DOUBLE_BOOKED, MAIN_HALL_UNBOOKED, BANNER_MISSING, BANNER_UNAPPROVED, CHECKS_NOT_DONE,
         MATERIAL_SHORT, FORBIDDEN_DECORATION)
CHECKS_DAYS = 1  # the checks are done by the day before the event
DEFAULT_WORDS = ("鲜花", "花卉", "绿植摆花", "背景板")


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def span_text(starts_at: datetime, ends_at: datetime) -> str:
    """"2026年6月10日 09:00–12:00", or "2026年6月10日 09:00至6月11日 12:00" across days."""
    start = f"{day_text(starts_at.date())} {starts_at:%H:%M}"
    if ends_at.date() == starts_at.date():
        return f"{start}–{ends_at:%H:%M}"
    end_day = ends_at.date()
    end = day_text(end_day) if end_day.year != starts_at.year else f"{end_day.month}月{end_day.day}日"
    return f"{start}至{end} {ends_at:%H:%M}"


def venue_problems(view: VenueView, *, today: date, banner_days: int = DEFAULT_BANNER_DAYS,
                   forbidden_words: Sequence[str] = DEFAULT_WORDS) -> tuple[Problem, ...]:
    """Return every problem of the event's venue set-up, errors first.

    Args:
        today: the day the deadlines are measured against (the banner and the checks are due from their
            deadline day on).
        banner_days: the banner is approved this many days before the event's start (office setting
            ``venue.banner_approval_days``, default 3).
        forbidden_words: the words that mark flowers or backdrops (the template's ``forbidden_words``).
    """
    found: list[Problem] = []
    for booking in view.bookings:
        found += [_double_booked(booking, clash) for clash in booking.clashes]
    found += _main_hall_unbooked(view)
    for setup in view.setups:
        found += _banner(setup, view.start_date, today, banner_days)
        found += _checks(setup, view.start_date, today)
        found += _short(setup)
        found += _cards_unknown(setup, view.participants)
        found += _decorations(setup, forbidden_words)
    return tuple(sorted(found, key=lambda p: p.severity != ERROR))


def _double_booked(booking: BookingRow, clash: ClashRow) -> Problem:
    message = (f"会场“{booking.place}”{span_text(booking.starts_at, booking.ends_at)}的预订与活动"
               f"“{clash.event_name}”的预订（{span_text(clash.starts_at, clash.ends_at)}）时间重叠，"
               "同一会场不能同时使用，请调整时间或更换会场。")
    return Problem(DOUBLE_BOOKED, message, refs(DOMAIN, "booking", (booking.id,)), ERROR, COMPLETE, DOMAIN)


def _main_hall_unbooked(view: VenueView) -> list[Problem]:
    hall = view.main_hall_id
    if hall is None or any(b.hall_id == hall and b.status != CANCELLED for b in view.bookings):
        return []
    message = f"本活动的主会场“{view.main_hall}”还没有预订（或预订已取消），请在“会场布置”页添加场地预订。"
    return [Problem(MAIN_HALL_UNBOOKED, message, refs(DOMAIN, "hall", (hall,)), WARNING, COMPLETE, DOMAIN)]


def _banner(setup: SetupRow, start: date, today: date, days: int) -> list[Problem]:
    due = start - timedelta(days=days)
    if setup.is_banner_approved or today < due:
        return []
    when = f"应在{day_text(due)}（开会前 {days} 天）前"
    if not setup.banner_text.strip():
        code, message = BANNER_MISSING, f"会场“{setup.place}”的会标（横幅）还没有填写内容，{when}定稿并审定。"
    else:
        code = BANNER_UNAPPROVED
        message = f"会场“{setup.place}”的会标“{setup.banner_text}”还没有审定，{when}审定。"
    return [Problem(code, message, refs(DOMAIN, "setup", (setup.id,)), WARNING, EARLY, DOMAIN)]


def _checks(setup: SetupRow, start: date, today: date) -> list[Problem]:
    due = start - timedelta(days=CHECKS_DAYS)
    open_checks = [c for c in setup.checks if not c.is_done]
    if not open_checks or today < due:
        return []
    names = "、".join(f"“{c.name}”" for c in open_checks)
    message = (f"会场“{setup.place}”还有 {len(open_checks)} 项检查未完成：{names}，"
               f"应在{day_text(due)}（开会前一天）完成并由检查人签字。")
    items = refs(DOMAIN, "check", [c.id for c in open_checks])
    return [Problem(CHECKS_NOT_DONE, message, items, WARNING, EARLY, DOMAIN)]


def _short(setup: SetupRow) -> list[Problem]:
    found = []
    for m in setup.materials:
        if m.prepared is None or m.prepared >= m.quantity:
            continue
        unit = m.unit or "份"
        message = (f"会场“{setup.place}”的“{m.name}”按计算需要 {m.quantity} {unit}（{m.formula}），"
                   f"实备 {m.prepared} {unit}，还差 {m.quantity - m.prepared} {unit}。")
        found.append(Problem(MATERIAL_SHORT, message, refs(DOMAIN, "material", (m.id,)), WARNING, COMPLETE,
                             DOMAIN))
    return found


def _cards_unknown(setup: SetupRow, participants: int) -> list[Problem]:
    """Name cards are counted from the seat plan: with people but nobody seated in this hall yet, their
    number is not known (the list would print 0)."""
    if participants == 0:
        return []
    return [Problem("cards_not_counted",
                    f"会场“{setup.place}”还没有排座次，“{m.name}”的数量无法按席卡计算；请先在“座次”页排座。",
                    refs(DOMAIN, "material", (m.id,)), WARNING, COMPLETE, DOMAIN)
            for m in setup.materials if m.basis == "card" and m.base == 0]


def _mentioned(text: str, words: Sequence[str]) -> list[str]:
    return [w for w in words if w and w in text]


def _decorations(setup: SetupRow, words: Sequence[str]) -> list[Problem]:
    rule = "按会议费管理规定，会议不得摆放鲜花、制作背景板，请删去或改为横幅等简朴布置。"
    found = []
    for m in setup.materials:
        hits = _mentioned(f"{m.name} {m.notes}", words)
        if hits:
            message = f"会场“{setup.place}”的物品“{m.name}”涉及{'、'.join(f'“{w}”' for w in hits)}：{rule}"
            found.append(Problem(FORBIDDEN_DECORATION, message, refs(DOMAIN, "material", (m.id,)), ERROR,
                                 FRUGAL, DOMAIN))
    hits = _mentioned(setup.banner_text, words)
    if hits:
        message = (f"会场“{setup.place}”的会标“{setup.banner_text}”提到"
                   f"{'、'.join(f'“{w}”' for w in hits)}：按会议费管理规定，会议不得摆放鲜花、制作背景板，"
                   "会标只用横幅，请核对。")
        found.append(Problem(FORBIDDEN_DECORATION, message, refs(DOMAIN, "setup", (setup.id,)), ERROR, FRUGAL,
                             DOMAIN))
    return found
