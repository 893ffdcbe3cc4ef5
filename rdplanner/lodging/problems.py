"""The lodging problems of one event, pure over its read model (lodging.read.LodgingView): rooms over
their beds or shared across genders (counting other events' guests in the same room: rooms are shared), people in two rooms on one night, people needing a room with none
and stays nobody needs, suites (meetings may book 标准间 only), rates above the category's lodging quota
per person and night, nights outside the event's dates (the night before is allowed), and room blocks
taken beyond what is held or still unused past their release date.
"""

from collections import defaultdict
from datetime import date

from rdplanner.lodging.nights import allowed_nights, day_text, nights_of, span_text
from rdplanner.lodging.read import LodgingView, OtherStay, StayItem
from rdplanner.problems import COMPLETE, EARLY, ERROR, FRUGAL, WARNING, Problem, refs

DOMAIN = "lodging"


def _problem(code: str, message: str, kind: str, ids, severity: str, dimension: str) -> Problem:
    return Problem(code, message, refs(DOMAIN, kind, ids), severity, dimension, DOMAIN)


def lodging_problems(view: LodgingView, *, quota_fen: int | None, today: date) -> list[Problem]:
    """Every finding of the event's lodging.

    Args:
        view: the event's lodging.
        quota_fen: the category's 住宿费 per person and night in fen (budget.standards); None: no check.
        today: the date release dates are compared with.
    """
    found: list[Problem] = []
    by_room: dict[int, list[StayItem]] = defaultdict(list)
    for stay in view.stays:
        by_room[stay.room_id].append(stay)
    for room_id, stays in by_room.items():
        found += _room_problems(view, room_id, stays, quota_fen)
    found += _people_problems(view)
    found += _date_problems(view)
    found += _block_problems(view, today)
    return found


def _name(view: LodgingView, participation_id: int) -> str:
    guest = view.guest(participation_id)
    return guest.name if guest else f"编号 {participation_id} 的人员"


def _names(view: LodgingView, stays: list[StayItem], others: list[OtherStay]) -> str:
    """"王一、另一活动“培训班”的李二、张三" (the other events' guests named with their event)."""
    names = [_name(view, s.participation_id) for s in stays]
    by_event: dict[str, list[str]] = defaultdict(list)
    for other in others:
        by_event[other.event_name].append(other.name)
    names += [f"另一活动“{event}”的{'、'.join(people)}" for event, people in by_event.items()]
    return "、".join(names)


def _room_problems(view: LodgingView, room_id: int, stays: list[StayItem], quota_fen: int | None) -> list[Problem]:
    room = view.room(room_id)
    kind = view.room_type(room.room_type_id)
    label = view.room_label(room_id)
    ids = [s.id for s in stays]
    nightly: dict[date, list[StayItem]] = defaultdict(list)
    for stay in stays:
        for night in nights_of(stay.check_in, stay.check_out):
            nightly[night].append(stay)
    others: dict[date, list[OtherStay]] = defaultdict(list)
    for other in view.others:
        if other.room_id == room_id:
            for night in nights_of(other.check_in, other.check_out):
                if night in nightly:
                    others[night].append(other)
    found = []
    over = sorted(n for n, here in nightly.items() if len(here) + len(others[n]) > kind.beds)
    if over:
        here = nightly[over[0]]
        found.append(_problem("room_over_beds", f"{label}（{kind.name}，{kind.beds} 个床位）{day_text(over[0])}晚安排了 "
                              f"{len(here) + len(others[over[0]])} 人：{_names(view, here, others[over[0]])}。",
                              "stay", [s.id for s in here], ERROR, COMPLETE))
    for night in sorted(nightly):
        genders = {g.gender for s in nightly[night] if (g := view.guest(s.participation_id)) and g.gender}
        genders |= {o.gender for o in others[night] if o.gender}
        if len(genders) > 1:
            names = _names(view, nightly[night], others[night])
            found.append(_problem("room_mixed_gender", f"{label}男女混住（{day_text(night)}晚：{names}）。", "stay",
                                  [s.id for s in nightly[night]], ERROR, COMPLETE))
            break
    if kind.is_suite:
        names = "、".join(_name(view, s.participation_id) for s in stays)
        found.append(_problem("suite_booked", f"{names}住在{label}（{kind.name}），套房不符合会议住宿标准（只能安排标准间）。",
                              "stay", ids, ERROR, FRUGAL))
    if quota_fen is not None and nightly:
        fewest = min(len(here) for here in nightly.values())
        per_person = -(-kind.rate_fen // fewest)
        if per_person > quota_fen:
            share = f"，{fewest} 人同住每人每晚 {per_person / 100:g} 元" if fewest > 1 else ""
            found.append(_problem("rate_over_quota", f"{label}协议价每晚 {kind.rate_fen / 100:g} 元{share}，"
                                  f"超过住宿费标准每人每天 {quota_fen / 100:g} 元。", "stay", ids, WARNING, FRUGAL))
    return found


def _people_problems(view: LodgingView) -> list[Problem]:
    by_person: dict[int, list[StayItem]] = defaultdict(list)
    for stay in view.stays:
        by_person[stay.participation_id].append(stay)
    found = []
    for pid, stays in by_person.items():
        stays.sort(key=lambda s: s.check_in)
        clash = next(((a, b) for i, a in enumerate(stays) for b in stays[i + 1:]
                      if b.check_in < a.check_out and a.check_in < b.check_out and a.room_id != b.room_id), None)
        if clash:
            a, b = clash
            night = max(a.check_in, b.check_in)
            found.append(_problem("person_two_rooms", f"{_name(view, pid)}{day_text(night)}晚同时住在"
                                  f"{view.room_label(a.room_id)}和{view.room_label(b.room_id)}。", "stay", [a.id, b.id],
                                  ERROR, COMPLETE))
        guest = view.guest(pid)
        if guest is not None and guest.leave_status == "approved":
            found.append(_problem("stay_on_leave", f"{guest.name}已获准请假，仍安排了住宿（{view.room_label(stays[0].room_id)}）。",
                                  "stay", [s.id for s in stays], WARNING, FRUGAL))
        elif guest is not None and not guest.needs_lodging:
            local = "（本地人员）" if guest.is_local else ""
            found.append(_problem("stay_not_needed", f"{guest.name}{local}未注明需要住宿，却安排了"
                                  f"{view.room_label(stays[0].room_id)}。", "stay", [s.id for s in stays], WARNING, FRUGAL))
    for guest in view.guests:
        if guest.needs_lodging and guest.leave_status != "approved" and guest.participation_id not in by_person:
            found.append(_problem("lodging_missing", f"{guest.name}需要住宿，尚未安排房间。", "participation",
                                  [guest.participation_id], ERROR, EARLY))
    return found


def _date_problems(view: LodgingView) -> list[Problem]:
    first, last = allowed_nights(view.start_date, view.end_date)
    found = []
    for stay in view.stays:
        nights = list(nights_of(stay.check_in, stay.check_out))
        if nights and (nights[0] < first or nights[-1] > last):
            found.append(_problem("stay_outside_dates", f"{_name(view, stay.participation_id)}住宿"
                                  f"{span_text(stay.check_in, stay.check_out)}超出会期（可住 {day_text(first)}至"
                                  f"{day_text(last)}晚，会前一晚因路途提前入住视为正常）。", "stay", [stay.id],
                                  WARNING, FRUGAL))
    return found


def _block_problems(view: LodgingView, today: date) -> list[Problem]:
    found = []
    for block in view.blocks:
        kind = view.room_type(block.room_type_id)
        hotel = view.directory.hotel(kind.hotel_id).name
        if block.taken > block.held:
            found.append(_problem("block_over_held", f"{hotel}{kind.name}{day_text(block.night)}晚用房 {block.taken} 间，"
                                  f"超过预留的 {block.held} 间，饭店未必有房。", "block", [block.id], WARNING, COMPLETE))
        elif block.release_date is not None and block.release_date < today and block.taken < block.held:
            found.append(_problem("block_unused_released", f"{hotel}{kind.name}{day_text(block.night)}晚预留 "
                                  f"{block.held} 间，仅用 {block.taken} 间，已过释放日期 {day_text(block.release_date)}，"
                                  f"未用的 {block.remaining} 间可能仍要付费。", "block", [block.id], WARNING, FRUGAL))
    return found

