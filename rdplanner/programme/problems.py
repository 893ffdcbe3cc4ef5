"""The programme's problems: pure functions over the read model (rdplanner.programme.read)."""

from datetime import timedelta
from itertools import combinations

from rdplanner.problems import COMPLETE, ERROR, WARNING, Problem, refs
from rdplanner.programme.kinds import SITTING_KINDS
from rdplanner.programme.read import Programme, ProgrammeItem, day_text

DOMAIN = "programme"


def _problem(code: str, message: str, items: list[ProgrammeItem], severity: str = ERROR) -> Problem:
    return Problem(code, message, refs(DOMAIN, "item", [i.id for i in items]), severity, COMPLETE, DOMAIN)


def programme_problems(programme: Programme) -> list[Problem]:
    """Every finding of an event's programme, in item order."""
    return [*overlapping_items(programme), *items_outside_dates(programme), *visits_without_transport(programme),
            *sittings_without_hall(programme)]


def overlapping_items(programme: Programme) -> list[Problem]:
    """Two items at overlapping times that some of the same people attend (one that ends as the next
    begins does not overlap; an item with no end time lasts until it starts, so only an item starting at
    the same moment meets it). People on approved leave are not counted."""
    away = {m.participation_id for m in programme.members if m.on_leave}
    found = []
    for day in programme.days():
        timed = [i for i in programme.items_on(day) if i.starts_at is not None]
        for a, b in combinations(timed, 2):
            if not _overlap(a, b):
                continue
            shared = (a.attendee_ids & b.attendee_ids) - away
            if shared:
                found.append(_problem(
                    "programme_overlap",
                    f"{day_text(day, weekday=False)}的“{a.name}”（{a.time_text}）与“{b.name}”（{b.time_text}）"
                    f"时间重叠，有 {len(shared)} 人两项都要参加。", [a, b]))
    return found


def _overlap(a: ProgrammeItem, b: ProgrammeItem) -> bool:
    a_end, b_end = a.ends_at or a.starts_at, b.ends_at or b.starts_at
    if a.starts_at == b.starts_at:
        return True
    return a.starts_at < b_end and b.starts_at < a_end


def items_outside_dates(programme: Programme) -> list[Problem]:
    """Items on a day outside the event's dates. 报到 the day before the opening and 返程 the day after
    the closing are normal travel days and allowed."""
    early = programme.start_date - timedelta(days=1)
    late = programme.end_date + timedelta(days=1)
    found = []
    for item in programme.items:
        day = item.day
        if day is None or programme.start_date <= day <= programme.end_date:
            continue
        if (item.kind == "arrival" and day == early) or (item.kind == "departure" and day == late):
            continue
        found.append(_problem(
            "programme_outside_dates",
            f"“{item.name}”安排在{day_text(day, weekday=False)}，不在活动日期"
            f"（{day_text(programme.start_date, weekday=False)}至{day_text(programme.end_date, weekday=False)}）内"
            f"（报到可提前一天、返程可推后一天）。", [item]))
    return found


def visits_without_transport(programme: Programme) -> list[Problem]:
    """A site visit (视察点) with no trip planned for it."""
    return [_problem("visit_without_transport", f"视察点“{item.label}”还没有安排车辆行程。", [item], WARNING)
            for item in programme.items if item.kind == "visit" and item.trip_count == 0]


def sittings_without_hall(programme: Programme) -> list[Problem]:
    """A plenary or group meeting with neither a hall nor a place."""
    return [_problem("sitting_without_hall", f"“{item.label}”还没有安排会场。", [item])
            for item in programme.items if item.kind in SITTING_KINDS and item.hall_id is None and not item.place]
