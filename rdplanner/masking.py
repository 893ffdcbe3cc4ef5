"""Masking of sensitive fields (ID card numbers, phone numbers) for tables, printouts and exports.

Lists show masked values unless the user asks for the full ones; the stored values are never changed.
"""

from __future__ import annotations

import re
from typing import Optional

MASK = "*"
_PHONE_TOKEN = re.compile(r"\+?\d[\d\- ]*\d")
_MIN_PHONE_DIGITS = 7  # shorter digit runs (extensions, 110, room numbers) are not phone numbers
# Inside free text (notes, reasons) only what clearly is an ID or a phone number is masked, so dates,
# amounts and room numbers stay readable: a resident ID (18 or 15 digits), a mobile (1[3-9]… with an
# optional +86), a landline with its 0 area code, or a bare 7–8 digit local number that is not a date.
_TEXT_ID = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
_TEXT_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)"  # mobile
    r"|(?<![\d+])0\d{2,3}[- ]?\d{7,8}(?:-\d{1,6})?(?!\d)"  # landline with area code (extension kept)
    r"|(?<![\d+\-.¥￥])\d{7,8}(?![\d\-.%元万亿人名份次个年月日])"  # local number, not an amount
)
_TEXT_LONG = re.compile(r"(?<![\d*])\d{9,}(?![\d*])")  # any other long number (bank card, passport…)
_DATE = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def mask_id_number(value: Optional[str]) -> str:
    """Return an ID number with its middle hidden: "330102197210095727" → "330102********5727".

    An 18- or 15-digit resident ID keeps its 6-digit region code and last 4 characters (the usual public
    form, which still lets staff tell two people apart); the date of birth and sequence are hidden.
    Other documents (passport, 港澳通行证) keep about a quarter at each end. Empty or None gives "".
    """
    text = (value or "").strip()
    if not text:
        return ""
    n = len(text)
    if n >= 15:
        head, tail = 6, 4
    elif n >= 4:
        head = tail = max(1, n // 4)
    else:
        return MASK * n
    return text[:head] + MASK * (n - head - tail) + text[n - tail:]


def mask_phone(value: Optional[str]) -> str:
    """Return phone numbers with their middle digits hidden, keeping separators and other text.

    Mobile "13812345678" → "138****5678" (also with +86 and spaces); landline "0571-87654321" →
    "0571-****4321" (area code and last 4 kept, an extension "-8001" too); a local "87654321" →
    "****4321". Several numbers in one field ("0571-87654321 / 13812345678") are each masked.
    Empty or None gives "".
    """
    text = (value or "").strip()
    if not text:
        return ""
    return _PHONE_TOKEN.sub(lambda m: _mask_token(m.group()), text)


def mask_free_text(value: Optional[str]) -> str:
    """Return free text (notes, a reason) with every ID number and phone number in it masked.

    "联系人张三 13812345678，身份证330102197210095727" → "联系人张三 138****5678，身份证330102********5727".
    Any other run of 9 or more digits (a bank card) keeps a quarter at each end. Dates ("20261203",
    "2026-12-03"), amounts below 9 digits and short numbers are left as they are. None gives "".
    """
    text = _TEXT_ID.sub(lambda m: mask_id_number(m.group()), value or "")
    text = _TEXT_PHONE.sub(lambda m: m.group() if _DATE.fullmatch(m.group()) else mask_phone(m.group()), text)
    return _TEXT_LONG.sub(lambda m: mask_id_number(m.group()), text)


def shown(value: Optional[str], *, kind: str, show_sensitive: bool = False) -> str:
    """Return ``value`` as a list should show it: full when asked for, masked otherwise.

    Args:
        value: the stored value (may be None).
        kind: "id_number", "phone", or "text" (free text: the numbers in it are masked).
        show_sensitive: the user asked to see full values.
    """
    if show_sensitive:
        return (value or "").strip()
    if kind == "id_number":
        return mask_id_number(value)
    if kind == "phone":
        return mask_phone(value)
    if kind == "text":
        return mask_free_text(value)
    raise ValueError(f"unknown sensitive field kind {kind!r}")


def _mask_token(token: str) -> str:
    positions = [i for i, ch in enumerate(token) if ch.isdigit()]
    if len(positions) < _MIN_PHONE_DIGITS:
        return token
    if len(positions) > 16 and " " in token:  # two numbers separated by a space
        return re.sub(r"[^ ]+", lambda m: _mask_token(m.group()), token)
    hidden = _hidden_digits(token, [token[i] for i in positions])
    chars = list(token)
    for index in hidden:
        chars[positions[index]] = MASK
    return "".join(chars)


def _hidden_digits(token: str, digits: list[str]) -> range:
    """Return which digits (by index among the digits) to hide."""
    number = "".join(digits)
    offset = 0
    if token.startswith("+") or (len(number) in (13, 15) and number.startswith(("86", "0086"))):
        offset = len(number) - 11 if len(number) >= 13 else 0
    if len(number) - offset == 11 and number[offset] == "1":
        return range(offset + 3, offset + 7)
    groups = [g for g in re.split(r"[\- ]+", token.lstrip("+")) if g]
    if number.startswith("0") and len(groups) >= 2:
        start = len(groups[0])
        return range(start, start + max(0, len(groups[1]) - 4))
    if number.startswith("0") and 10 <= len(number) <= 12:
        area = 3 if number[1] in "12" else 4
        return range(area, len(number) - 4)
    return range(0, len(number) - 4)
