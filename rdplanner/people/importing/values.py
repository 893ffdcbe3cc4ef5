"""Cleaning and checking the cells of one roster row, field by field (pure functions).

Text that starts with = + - @ is kept exactly as text: nothing here evaluates it, and the
exporters store it as a string cell. A name that starts so is refused, though: it is printed on the seat
map and the name cards, and no real name begins with a formula sign. Names lose padding spaces (rosters align two-character
names with a full-width space: "张　三" is 张三); this is silent because it is routine and the
preview shows the result.
"""

import re
import unicodedata
from datetime import date, time, timedelta
from typing import Callable, Optional

from rdplanner.labels import ROLES
from rdplanner.people import idcard, replies
from rdplanner.people.importing.fields import FIELDS, field_label, mode_code, role_code, yes_no
from rdplanner.people.importing.rows import WARNING, Problem
from rdplanner.people.validation import CJK, INVISIBLE, MOBILE, normalise_name

_SPACES = re.compile(r"\s+")
_NAME_ALLOWED = re.compile(rf"[{CJK}A-Za-z·\s'\-]+")

_LANDLINE = re.compile(r"(0\d{2,3})-?(\d{7,8})(?:(?:-|转|ext\.?|EXT\.?|#)(\d{1,6}))?")
_PHONE_SEPARATORS = re.compile(r"[/、,，;；]+")
_THREE_DIGIT_AREAS = ("010", "020", "021", "022", "023", "024", "025", "026", "027", "028", "029")
ROLE_LIST = "、".join(ROLES.values())
MAX_RANK = 1_000_000
FORMULA_SIGNS = frozenset("=+-@")


def clean_text(text: str, *, keep_newlines: bool = False) -> str:
    """Remove invisible characters, trim, and fold runs of spaces (and newlines unless kept)."""
    text = text.translate(INVISIBLE).replace("\r\n", "\n")
    if keep_newlines:
        return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()
    return _SPACES.sub(" ", text).strip()


def shown(value: str, limit: int = 20) -> str:
    """Return a value fit to quote in a one-line message."""
    flat = clean_text(value)
    return flat if len(flat) <= limit else flat[:limit] + "…"


def parse_name(raw: str) -> tuple[str, list[Problem]]:
    """Return the name without padding spaces, and its problems."""
    name = normalise_name(raw)  # the same rule as a name typed in the dialog
    if not name:
        return "", [Problem("name", "姓名为空")]
    problems = _length_problems("name", name)
    sign = formula_sign(name)
    if sign:
        problems.append(Problem("name", f"姓名“{shown(name)}”以“{sign}”开头，像是公式或符号而不是人名"
                                        "（座次图、席卡会原样印出），请改正后再导入"))
    elif re.search(r"\d", unicodedata.normalize("NFKC", name)):
        problems.append(Problem("name", f"姓名“{shown(name)}”中含有数字，不像人名（是否为合计或说明行？）"))
    elif not _NAME_ALLOWED.fullmatch(name):
        problems.append(Problem("name", f"姓名“{shown(name)}”含有特殊符号，将按原样作为文字保存，请核对", WARNING))
    return name, problems


def formula_sign(name: str) -> str:
    """Return the formula sign (= + - @, half or full width) a name starts with, or "".

    A sign inside a name is a real name's ("阿依古丽-买买提", "Jean-Pierre"); only the first character
    makes a spreadsheet read the cell as a formula.
    """
    first = unicodedata.normalize("NFKC", name[:1])
    return name[:1] if first in FORMULA_SIGNS else ""


def parse_gender(raw: str) -> tuple[str, list[Problem]]:
    text = clean_text(raw).replace(" ", "")
    value = {"男": "男", "女": "女", "男性": "男", "女性": "女", "m": "男", "f": "女"}.get(text.lower())
    if value is None:
        return "", [Problem("gender", f"性别应为“男”或“女”，而不是“{shown(text)}”")]
    return value, []


def parse_ethnicity(raw: str) -> tuple[str, list[Problem]]:
    text = clean_text(raw).replace(" ", "")
    if len(text) == 1 and re.fullmatch(f"[{CJK}]", text):
        text += "族"  # "汉" → 汉族: single-character forms are common shorthand
    return text, _length_problems("ethnicity", text)


def parse_text(field: str) -> Callable[[str], tuple[str, list[Problem]]]:
    """Return a parser for a free-text field (unit, post, delegation, dietary, notes)."""

    def parse(raw: str) -> tuple[str, list[Problem]]:
        text = clean_text(raw, keep_newlines=field == "notes")
        return text, _length_problems(field, text)

    return parse


def parse_phone(raw: str) -> tuple[str, list[Problem]]:
    """Return one mobile or landline number in a standard form (13800138000, 0571-87654321)."""
    text = unicodedata.normalize("NFKC", clean_text(raw)).replace(" ", "")
    if len([part for part in _PHONE_SEPARATORS.split(text) if part]) > 1:
        return text, [Problem("phone", f"“{shown(text)}”含有多个电话号码，请只填一个（其他号码可写在备注中）")]
    number = _phone_number(text)
    if number is None:
        return text, [Problem("phone", f"电话号码“{shown(text)}”格式不对：手机应为 11 位（1 开头），"
                                       "座机应带区号（如 0571-87654321）")]
    return number, _length_problems("phone", number)


def _phone_number(part: str) -> Optional[str]:
    for prefix in ("+86", "0086", "86-"):
        if part.startswith(prefix) and len(part) > len(prefix) + 10:
            part = part[len(prefix):]
    digits = part.replace("-", "")
    if MOBILE.fullmatch(digits):
        return digits
    landline = _LANDLINE.fullmatch(part)
    if landline is None:
        return None
    area, local, extension = landline.groups()
    if "-" not in part[:5] and len(area) == 4 and area[:3] in _THREE_DIGIT_AREAS:
        area, local = area[:3], area[3] + local  # 01012345678: the area code is 010, not 0101
    if len(area + local) not in (11, 12) or area in ("0400", "0800"):
        return None
    return f"{area}-{local}" + (f"-{extension}" if extension else "")


def parse_id_number(raw: str, *, today: Optional[date] = None) -> tuple[str, list[Problem]]:
    """Return the ID number (old 15-digit numbers upgraded to 18 digits), and its problems."""
    number = idcard.normalise_id_number(clean_text(raw))
    problems = []
    upgraded = idcard.upgrade_fifteen(number)
    if upgraded:
        problems.append(Problem("id_card_no", f"15 位旧身份证号 {number} 已按国家标准升级为 18 位：{upgraded}", WARNING))
        number = upgraded
    message = idcard.check_id_number(number, today=today)
    if message:
        problems.append(Problem("id_card_no", message))
    return number, problems


def parse_role(raw: str) -> tuple[str, list[Problem]]:
    text = clean_text(raw)
    code = role_code(text)
    if code is None:
        return text, [Problem("role", f"未知的参会身份“{shown(text)}”，应为：{ROLE_LIST}")]
    return code, []


def parse_rank(raw: str) -> tuple[object, list[Problem]]:
    text = unicodedata.normalize("NFKC", clean_text(raw))
    if not re.fullmatch(r"\d+", text) or int(text) > MAX_RANK:
        return text, [Problem("rank_order", f"排序应为不小于 0 的整数，而不是“{shown(text)}”")]
    return int(text), []


def parse_yes_no(field: str) -> Callable[[str], tuple[object, list[Problem]]]:
    def parse(raw: str) -> tuple[object, list[Problem]]:
        value = yes_no(clean_text(raw))
        if value is None:
            return clean_text(raw), [Problem(field, f"{field_label(field)}应填“是”或“否”，而不是“{shown(raw)}”")]
        return value, []

    return parse


def parse_mode(field: str) -> Callable[[str], tuple[object, list[Problem]]]:
    """Return a parser for 到达方式 / 返程方式: a mode code of rdplanner.people.replies.MODES."""
    def parse(raw: str) -> tuple[object, list[Problem]]:
        text = clean_text(raw)
        code = mode_code(text)
        if code is None:
            modes = "、".join(replies.MODES.values())
            return text, [Problem(field, f"{field_label(field)}应为{modes}之一，而不是“{shown(text)}”")]
        return code, []

    return parse


def parse_number(field: str) -> Callable[[str], tuple[object, list[Problem]]]:
    """Return a parser for a train or flight number (its pattern is checked with the mode, per row)."""
    def parse(raw: str) -> tuple[object, list[Problem]]:
        return replies.normalise_number(clean_text(raw)), []

    return parse


# A date or time cell that lost its format reads as Excel's serial number: days since 1899-12-30
# (46390 is 2027-01-03), a time as the fraction of a day (0.5 is 12:00). Only this century's days.
_SERIAL_DAY = re.compile(r"(\d{5})(?:\.0+)?")
_SERIAL_TIME = re.compile(r"0?\.\d+|0")
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_DAYS = range(36526, 73051)  # 2000-01-01 .. 2099-12-31


def parse_reply_date(field: str, raw: str, around: Optional[date]) -> tuple[object, list[Problem]]:
    """Parse a 到达日期 / 返程日期 cell; a date without its year takes the event's (``around``)."""
    text = clean_text(raw)
    serial = _SERIAL_DAY.fullmatch(text)
    if serial and int(serial[1]) in _SERIAL_DAYS:
        return _EXCEL_EPOCH + timedelta(days=int(serial[1])), []
    try:
        day = replies.parse_date_text(text, around=around)
    except ValueError as exc:
        return text, [Problem(field, str(exc))]
    return ("" if day is None else day), []


def parse_reply_time(field: str) -> Callable[[str], tuple[object, list[Problem]]]:
    """Return a parser for 到达时间 / 返程时间 (9:30, 9点30, an Excel time cell)."""
    def parse(raw: str) -> tuple[object, list[Problem]]:
        text = clean_text(raw)
        if _SERIAL_TIME.fullmatch(text):
            minutes = round(float(text) * 24 * 60) % (24 * 60)
            return time(minutes // 60, minutes % 60), []
        try:
            moment = replies.parse_time_text(text)
        except ValueError as exc:
            return text, [Problem(field, str(exc))]
        return ("" if moment is None else moment), []

    return parse


DATE_FIELDS = ("arrival_date", "departure_date")
PARSERS: dict[str, Callable[[str], tuple[object, list[Problem]]]] = {
    "name": parse_name,
    "name_note": parse_text("name_note"),
    "gender": parse_gender,
    "ethnicity": parse_ethnicity,
    "unit": parse_text("unit"),
    "post": parse_text("post"),
    "unit_post": parse_text("unit_post"),
    "delegation": parse_text("delegation"),
    "phone": parse_phone,
    "id_card_no": parse_id_number,
    "role": parse_role,
    "rank_order": parse_rank,
    "dietary": parse_text("dietary"),
    "needs_lodging": parse_yes_no("needs_lodging"),
    "is_local": parse_yes_no("is_local"),
    "needs_transport": parse_yes_no("needs_transport"),
    "notes": parse_text("notes"),
    "arrival_time": parse_reply_time("arrival_time"),
    "arrival_mode": parse_mode("arrival_mode"),
    "arrival_number": parse_number("arrival_number"),
    "arrival_station": parse_text("arrival_station"),
    "needs_pickup": parse_yes_no("needs_pickup"),
    "departure_time": parse_reply_time("departure_time"),
    "departure_mode": parse_mode("departure_mode"),
    "departure_number": parse_number("departure_number"),
    "departure_station": parse_text("departure_station"),
    "needs_dropoff": parse_yes_no("needs_dropoff"),
    "pickup_point": parse_text("pickup_point"),
}


def parse_cells(cells: dict[str, str], bad: dict[str, str], *,
                around: Optional[date] = None) -> tuple[dict[str, object], list[Problem]]:
    """Parse the mapped cells of one row; empty optional cells are left out of the values.

    ``bad`` maps a field to why its cell has no trustworthy value (see RawTable.bad_cells); ``around``
    (the event's first day) gives a date written without its year (1月3日) its year.
    """
    values: dict[str, object] = {}
    problems: list[Problem] = [Problem(field, reason) for field, reason in bad.items()]
    for field, raw in cells.items():
        if field in bad or (not raw.strip() and field != "name"):
            continue
        if field in DATE_FIELDS:
            value, found = parse_reply_date(field, raw, around)
        else:
            value, found = PARSERS[field](raw)
        if value != "" or field == "name":
            values[field] = value
        problems.extend(found)
    id_ok = "id_card_no" in values and not any(p.field == "id_card_no" and p.is_error for p in problems)
    if id_ok and "gender" in values and idcard.gender_of(str(values["id_card_no"])) != values["gender"]:
        problems.append(Problem("gender", "性别与身份证号不符（身份证号第 17 位单数为男、双数为女），请核对", WARNING))
    return values, problems


def _length_problems(field: str, text: str) -> list[Problem]:
    limit = FIELDS[field].max_length
    if limit is not None and len(text) > limit:
        label = field_label(field)
        return [Problem(field, f"{label}过长（{len(text)} 字），最多 {limit} 字：“{shown(text)}”")]
    return []
