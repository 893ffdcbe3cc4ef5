"""Nights of a stay (住宿晚数): a stay from ``check_in`` to ``check_out`` covers the nights check_in …
check_out − 1. The defaults a new stay takes from the person's arrival and departure, and the nights
the event's dates allow (the night before the opening day is allowed for travel)."""

from collections.abc import Iterator
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def nights_of(check_in: date, check_out: date) -> Iterator[date]:
    """Every night a stay covers, as the date the night begins."""
    day = check_in
    while day < check_out:
        yield day
        day += ONE_DAY


def default_nights(arrival: date | None, departure: date | None, start: date, end: date) -> tuple[date, date]:
    """(check_in, check_out) of a new stay: check-in on the arrival date, else the event's first day;
    check-out on the departure date, else the day after the event's last day. A departure on or before
    the arrival keeps one night."""
    check_in = arrival or start
    check_out = departure or end + ONE_DAY
    if check_out <= check_in:
        check_out = check_in + ONE_DAY
    return check_in, check_out


def allowed_nights(start: date, end: date) -> tuple[date, date]:
    """(first, last) night the event's dates allow: the night before the first day (travel) to the night
    of the last day (leaving the next morning)."""
    return start - ONE_DAY, end


def day_text(day: date) -> str:
    """"6月2日"."""
    return f"{day.month}月{day.day}日"


def span_text(check_in: date, check_out: date) -> str:
    """"6月1日—6月3日（2 晚）"."""
    return f"{day_text(check_in)}—{day_text(check_out)}（{(check_out - check_in).days} 晚）"


ASSUMPTION = ("入住日期取本人报到（抵达）日期，未填写的取会议首日；退房日期取本人离会日期，未填写的取会议"
              "最后一天的次日。会前一晚因路途提前入住的视为正常。")
