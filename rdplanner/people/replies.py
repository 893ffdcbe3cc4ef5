"""The 回执 (reply slip) of a participant: how and when they arrive and leave, and whether they are met
(接站) or seen off (送站). Its travel modes, the forms of dates and times accepted from a person (the dialog)
or a file (the roster import), and the checks of one slip. Pure functions, no database.

Whether the dates fit the event is a question for the transport domain, not checked here.
"""

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, time

from rdplanner.models import Participation

MODES = {"train": "高铁", "flight": "飞机", "drive": "自驾", "unit_car": "单位派车"}
MET_MODES = ("train", "flight")  # arrive at a station or airport: the only ones met or seen off
REPLY_FIELDS = ("arrival_date", "arrival_time", "arrival_mode", "arrival_number", "arrival_station",
                "needs_pickup", "departure_date", "departure_time", "departure_mode", "departure_number",
                "departure_station", "needs_dropoff", "pickup_point")
REPLY_LABELS = {"arrival_date": "到达日期", "arrival_time": "到达时间", "arrival_mode": "到达方式",
                "arrival_number": "到达车次/航班", "arrival_station": "到达站点", "needs_pickup": "是否接站",
                "departure_date": "返程日期", "departure_time": "返程时间", "departure_mode": "返程方式",
                "departure_number": "返程车次/航班", "departure_station": "返程站点",
                "needs_dropoff": "是否送站", "pickup_point": "上车地点"}
# The headers of the exported 回执表, each one the roster import recognises (importing/headers.toml).
SLIP_HEADERS = {"arrival_date": "到达日期", "arrival_time": "到达时间", "arrival_mode": "到达方式",
                "arrival_number": "车次/航班（到达）", "arrival_station": "到达站点（车站/机场）",
                "needs_pickup": "是否接站", "departure_date": "返程日期", "departure_time": "返程时间",
                "departure_mode": "返程方式", "departure_number": "返程车次/航班",
                "departure_station": "返程站点", "needs_dropoff": "是否送站", "pickup_point": "上车地点"}
EMPTY_REPLY = {"arrival_date": None, "arrival_time": None, "arrival_mode": "", "arrival_number": "",
               "arrival_station": "", "needs_pickup": False, "departure_date": None, "departure_time": None,
               "departure_mode": "", "departure_number": "", "departure_station": "", "needs_dropoff": False,
               "pickup_point": ""}
TRAIN_NUMBER = re.compile(r"[GDCKTZ]\d{1,4}")
# An airline's two-character code (letters, or a letter and a digit such as 3U, MU) and 3-4 digits.
FLIGHT_NUMBER = re.compile(r"(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\d{3,4}")
TRAIN_HINT = "应为 G、D、C、K、T、Z 加数字，如 G7512"
FLIGHT_HINT = "应为两位航空公司代码加 3～4 位数字，如 CA1234、3U8888"

# An Excel date cell with a time of day reads "2027-01-03 09:30": the date part is the date.
_FULL_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
                        r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_CLOCK = re.compile(r"(?:\d{4}-\d{2}-\d{2}\s+)?(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2})(?:\.\d+)?)?")
_CHINESE_CLOCK = re.compile(r"(\d{1,2})\s*[点时]\s*(?:(\d{1,2})\s*分?|(半))?")
_NOON_WORDS = {"凌晨": 0, "早上": 0, "早晨": 0, "上午": 0, "中午": 12, "下午": 12, "傍晚": 12, "晚上": 12}


def text_limit(field: str) -> int:
    """Return the longest text the column of a reply field holds (from the schema)."""
    return Participation.__table__.c[field].type.length  # type: ignore[attr-defined]


def normalise_number(text: str) -> str:
    """Return a train or flight number as stored: full-width folded, spaces removed, upper-cased."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()).upper()


def parse_date_text(text: str, *, around: date | None = None) -> date | None:
    """Return the date a person wrote (2027-1-3, 2027/1/3, 2027年1月3日, or 1月3日), None for a blank.

    A date without its year takes the year that puts it nearest to ``around`` (the event's first day),
    so 1月2日 of an event starting on 30 December is in the next year.

    Raises:
        ValueError with a Chinese sentence when the text is no date.
    """
    flat = unicodedata.normalize("NFKC", text or "").strip()
    if not flat:
        return None
    full, short = _FULL_DATE.fullmatch(flat), _MONTH_DAY.fullmatch(flat)
    try:
        if full:
            return date(int(full[1]), int(full[2]), int(full[3]))
        if short and around is not None:
            month, day = int(short[1]), int(short[2])
            years = (around.year - 1, around.year, around.year + 1)
            found = [d for d in (_day_or_none(y, month, day) for y in years) if d is not None]
            if found:
                return min(found, key=lambda d: abs((d - around).days))
            raise ValueError
    except ValueError:
        raise ValueError(f"“{flat}”不是有效的日期") from None
    if short:
        raise ValueError(f"日期“{flat}”没有年份，请写成如 2027-1-3")
    raise ValueError(f"日期“{flat}”格式不对，请写成如 2027-1-3、2027/1/3 或 1月3日")


def _day_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_time_text(text: str) -> time | None:
    """Return the time a person wrote (9:30, 09:30, 9点30, 9点半, 下午3点, an Excel time cell), or None.

    Raises:
        ValueError with a Chinese sentence when the text is no time of day.
    """
    flat = unicodedata.normalize("NFKC", text or "").strip()
    if not flat:
        return None
    shift, said = 0, ""
    for word, hours in _NOON_WORDS.items():
        if flat.startswith(word):
            flat, shift, said = flat[len(word):].strip(), hours, word
            break
    clock, chinese = _CLOCK.fullmatch(flat), _CHINESE_CLOCK.fullmatch(flat)
    if clock:
        hour, minute = int(clock[1]), int(clock[2])
    elif chinese:
        hour, minute = int(chinese[1]), 30 if chinese[3] else int(chinese[2] or 0)
    else:
        raise ValueError(f"时间“{text.strip()}”格式不对，请写成如 9:30 或 9点30")
    if hour == 12 and said in ("晚上", "傍晚"):
        # 晚上12点 is midnight, the start of the next day: stored against this day it would be a day early.
        raise ValueError(f"“{text.strip()}”是午夜，请写成次日 0:00，并把日期改为次日")
    if hour == 12 and said == "凌晨":
        hour = 0
    if shift and hour < 12:
        hour += shift
    if hour > 23 or minute > 59:
        raise ValueError(f"“{text.strip()}”不是有效的时间（时 0～23，分 0～59）")
    return time(hour, minute)


def date_text(day: date | None) -> str:
    """"2027-01-03", or "" for no date (the form the dialog shows and reads back)."""
    return day.isoformat() if day else ""


def time_text(moment: time | None) -> str:
    """"09:30", or "" for no time."""
    return moment.strftime("%H:%M") if moment else ""


def reply_problems(values: Mapping[str, object]) -> list[tuple[str, str]]:
    """Return (field, Chinese sentence) for everything wrong with one reply slip, in field order.

    ``values`` holds the reply fields (missing ones count as not replied); numbers are compared as
    ``normalise_number`` leaves them.
    """
    slip = {**EMPTY_REPLY, **{k: v for k, v in values.items() if k in EMPTY_REPLY}}
    problems: list[tuple[str, str]] = []
    for leg, met in (("arrival", "needs_pickup"), ("departure", "needs_dropoff")):
        problems += _leg_problems(slip, leg, met)
    if len(str(slip["pickup_point"])) > text_limit("pickup_point"):
        problems.append(("pickup_point", f"上车地点过长（最多 {text_limit('pickup_point')} 字）"))
    problems += _order_problems(slip)
    return problems


def _leg_problems(slip: Mapping[str, object], leg: str, met: str) -> list[tuple[str, str]]:
    mode, number, station = slip[f"{leg}_mode"], str(slip[f"{leg}_number"]), str(slip[f"{leg}_station"])
    way = "到达" if leg == "arrival" else "返程"
    found: list[tuple[str, str]] = []
    if mode and mode not in MODES:
        found.append((f"{leg}_mode", f"未知的{way}方式“{mode}”，应为：{'、'.join(MODES.values())}"))
    if len(number) > text_limit(f"{leg}_number"):
        found.append((f"{leg}_number", f"{way}车次/航班号过长（最多 {text_limit(f'{leg}_number')} 个字符）"))
    elif number and not mode:
        found.append((f"{leg}_number", f"填写了{way}车次/航班号“{number}”，请同时选择{way}方式"))
    elif number and mode == "train" and not TRAIN_NUMBER.fullmatch(number):
        found.append((f"{leg}_number", f"{way}乘高铁，车次“{number}”格式不对（{TRAIN_HINT}）"))
    elif number and mode == "flight" and not FLIGHT_NUMBER.fullmatch(number):
        found.append((f"{leg}_number", f"{way}乘飞机，航班号“{number}”格式不对（{FLIGHT_HINT}）"))
    if len(station) > text_limit(f"{leg}_station"):
        found.append((f"{leg}_station", f"{way}站点过长（最多 {text_limit(f'{leg}_station')} 字）"))
    if slip[met] and mode not in MET_MODES:
        service = "接站" if leg == "arrival" else "送站"
        found.append((met, f"{service}只适用于乘高铁或飞机{way}的人员，请先选择{way}方式“高铁”或“飞机”"))
    if slip[f"{leg}_time"] is not None and slip[f"{leg}_date"] is None:
        found.append((f"{leg}_date", f"填写了{way}时间，请同时填写{way}日期"))
    return found


def _order_problems(slip: Mapping[str, object]) -> list[tuple[str, str]]:
    arrival, departure = slip["arrival_date"], slip["departure_date"]
    if not isinstance(arrival, date) or not isinstance(departure, date):
        return []
    if departure < arrival:
        return [("departure_date", f"返程日期（{_day(departure)}）早于到达日期（{_day(arrival)}）")]
    start, end = slip["arrival_time"], slip["departure_time"]
    if departure == arrival and isinstance(start, time) and isinstance(end, time) and end <= start:
        message = f"返程时间（{time_text(end)}）应晚于同一天的到达时间（{time_text(start)}）"
        return [("departure_time", message)]
    return []


def _day(day: date) -> str:
    return f"{day.month}月{day.day}日"


def reply_summary(values: Mapping[str, object]) -> str:
    """"到达：1月3日 9:30 高铁 G7512 杭州东站，接站；返程：…" for a tooltip ("" when nothing is replied)."""
    parts = []
    for leg, way, met, service in (("arrival", "到达", "needs_pickup", "接站"),
                                   ("departure", "返程", "needs_dropoff", "送站")):
        day, moment = values.get(f"{leg}_date"), values.get(f"{leg}_time")
        words = [_day(day) if isinstance(day, date) else "",
                 time_text(moment) if isinstance(moment, time) else "",
                 MODES.get(str(values.get(f"{leg}_mode") or ""), ""), str(values.get(f"{leg}_number") or ""),
                 str(values.get(f"{leg}_station") or "")]
        text = " ".join(w for w in words if w)
        if text:
            parts.append(f"{way}：{text}" + (f"，{service}" if values.get(met) else ""))
    if values.get("pickup_point"):
        parts.append(f"上车地点：{values['pickup_point']}")
    return "；".join(parts)
