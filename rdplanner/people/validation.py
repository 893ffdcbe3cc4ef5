"""Checks of the person fields an officer types or imports: name, phone, lengths.

Each check returns a Chinese problem sentence, or None when the value is acceptable.
"""

import re
import unicodedata
from typing import Optional

from rdplanner.text import INVISIBLE

MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(?:-\d{1,6})?")
NAME_LIMIT = 60
# Han characters (with radicals, 〇 and the extension blocks), not CJK punctuation such as 、。
CJK = r"\u2e80-\u2fdf\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_SPACES = re.compile(r"\s+")
# Rosters pad two-character names with spaces (full-width or not) to align them: 张　三 is 张三.
_SPACE_BY_CJK = re.compile(rf"(?<=[{CJK}])\s+|\s+(?=[{CJK}])")
_NAME_DOTS = re.compile(rf"(?<=[{CJK}])[•∙‧・･．.](?=[{CJK}])")


def normalise_name(raw: str) -> str:
    """Return a name as stored, the same whether typed or imported.

    Invisible characters go, padding spaces next to Han characters go ("张　三" → "张三"), one space stays
    between Latin words ("Mary  Smith" → "Mary Smith"), and the dots of minority names become the
    middle dot "·" (阿依古丽•买买提 → 阿依古丽·买买提). No Unicode normalisation: NFKC would turn
    compatibility ideographs into other characters, changing a person's name.
    """
    text = _SPACES.sub(" ", (raw or "").translate(INVISIBLE)).strip()
    return _NAME_DOTS.sub("·", _SPACE_BY_CJK.sub("", text))


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


def check_printable(text: str) -> Optional[str]:
    """Name the characters of ``text`` the bundled print fonts lack (a warning, not an error).

    Real names use such characters (CJK extension blocks); the seat map, cards and lists would print
    them as a blank box, so the officer is told at once, when the name is typed or imported. Reads only
    the shipped font coverage (no font is parsed).
    """
    from rdplanner.exports.font_files import FAMILIES, missing_glyphs, printable_text

    shown = printable_text(text)
    missing = list(dict.fromkeys(ch for family in FAMILIES for bold in (False, True)
                                 for ch in missing_glyphs(shown, family, bold)))
    if not missing:
        return None
    chars = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing)
    which = "该字" if len(missing) == 1 else "这些字"
    return f"打印字体中没有{chars}，座次图、席卡等打印件将无法正常显示{which}"


def print_font_warnings(name: str, name_note: str = "") -> list[str]:
    """Return "姓名：打印字体中没有…" for each printed field (姓名, 区分备注) the print fonts cannot show."""
    found = [(label, check_printable(text)) for label, text in (("姓名", name), ("区分备注", name_note))]
    return [f"{label}：{warning}" for label, warning in found if warning]
