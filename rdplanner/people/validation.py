"""Checks of the person fields an officer types or imports: name, phone, lengths.

Each check returns a Chinese problem sentence, or None when the value is acceptable.
"""

import re
import unicodedata
from typing import Optional

MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(?:-\d{1,6})?")
NAME_LIMIT = 60
# Rosters pad two-character names with spaces (full-width or not) to align them: 张　三 is 张三.
_SPACES = re.compile(r"[\s\u3000]+")
_LETTER_SPACE = re.compile(r"(?<=[A-Za-z])\s+(?=[A-Za-z])")


def normalise_name(raw: str) -> str:
    """Return the name without padding spaces, keeping one space only between Latin letters.

    "张　三" → "张三"; " 欧阳  娜娜 " → "欧阳娜娜"; "Mary  Smith" → "Mary Smith".
    """
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = _LETTER_SPACE.sub("\0", text)
    return _SPACES.sub("", text).replace("\0", " ")


def check_name(name: str) -> Optional[str]:
    if not name:
        return "姓名为空"
    if len(name) > NAME_LIMIT:
        return f"姓名过长（{len(name)} 字，最多 {NAME_LIMIT} 字）"
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        return "姓名中含有不可见的控制字符"
    return None


def normalise_phone(raw: str) -> str:
    """Drop spaces and the +86 prefix; keep the digits and hyphens."""
    text = unicodedata.normalize("NFKC", raw or "").replace(" ", "").replace("\u3000", "")
    return re.sub(r"^(\+?86)(?=1\d{10}$)", "", text)


def check_phone(phone: str) -> Optional[str]:
    """Accept a mainland mobile number or a landline with its area code (extension allowed)."""
    if not phone or MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone):
        return None
    return f"电话号码“{phone}”格式不对（手机应为 11 位，固定电话应带区号，如 0571-87654321）"
