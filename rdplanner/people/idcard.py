"""Resident ID numbers (公民身份号码, GB 11643-1999): normalising, checking, upgrading old numbers.

Pure functions with Chinese problem messages; the roster import and any editor can share them.
"""

import re
import unicodedata
from datetime import date
from typing import Optional

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
# First two digits: province-level codes of GB/T 2260, plus 81/82/83 used on the residence
# permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证).
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)
_EIGHTEEN = re.compile(r"\d{17}[\dX]")
_FIFTEEN = re.compile(r"\d{15}")
_SCIENTIFIC = re.compile(r"\d(\.\d+)?E\+\d+")
OLDEST_AGE = 120


def normalise_id_number(text: str) -> str:
    """Return ``text`` with full-width digits made ASCII, spaces removed and x upper-cased."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).upper()


def check_digit(first17: str) -> str:
    """Return the GB 11643 check character of the first 17 digits."""
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def upgrade_fifteen(number: str) -> Optional[str]:
    """Return the 18-digit form of a valid old 15-digit number, or None if it is not one.

    Old numbers were issued to people born in the 1900s: the 18-digit number inserts "19"
    before the two-digit year and appends the check character.
    """
    if not _FIFTEEN.fullmatch(number) or _birth_date("19" + number[6:12]) is None:
        return None
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_digit(first17)


def check_id_number(number: str, *, today: Optional[date] = None) -> Optional[str]:
    """Return a Chinese description of what is wrong with an 18-character ID number, or None.

    Checks the shape (17 digits then a digit or X), the province code, the birth date (a real
    day, not in the future, at most 120 years ago) and the check character.
    """
    today = today or date.today()
    if _SCIENTIFIC.fullmatch(number):
        return (f"身份证号被 Excel 当成了数字（显示为 {number}），末尾几位已经丢失；"
                "请把该列设置为“文本”格式后重新填写")
    if not _EIGHTEEN.fullmatch(number):
        return f"身份证号应为 18 位（前 17 位是数字，最后一位是数字或 X），而不是“{number}”（{len(number)} 位）"
    if number[:2] not in PROVINCES:
        return f"身份证号的前两位“{number[:2]}”不是有效的省级行政区代码"
    born = _birth_date(number[6:14])
    if born is None:
        return f"身份证号中的出生日期“{number[6:14]}”不是有效日期"
    if born > today or today.year - born.year > OLDEST_AGE:
        return f"身份证号中的出生日期 {born:%Y-%m-%d} 不合理"
    expected = check_digit(number[:17])
    if number[17] != expected:
        return f"身份证号校验位错误：最后一位应为 {expected}，实为 {number[17]}（请核对号码是否抄错）"
    return None


def gender_of(number: str) -> str:
    """Return 男 or 女 from the 17th digit of a valid 18-digit number (odd = 男)."""
    return "男" if int(number[16]) % 2 else "女"


def _birth_date(yyyymmdd: str) -> Optional[date]:
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
