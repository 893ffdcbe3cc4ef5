"""What an entry of the frugality word list (节约词表) may hold, pure and a leaf: the office's edits
(catering.words, through catering.rules) and the seed that writes the bundled list (rdplanner.seeds)
check each entry with ``clean_word``."""

import unicodedata
from collections.abc import Mapping
from typing import Any

from rdplanner.errors import InvalidInput
from rdplanner.text import INVISIBLE

# Which events a word of the frugality list applies to: 酒 is forbidden at meetings, while receptions
# may serve ordinary drinks but no premium liquor (茅台 …) or cigarettes.
APPLIES_TO: dict[str, str] = {"all": "会议和公务接待", "meeting": "仅会议", "reception": "仅公务接待"}
WORD_TEXTS = {"word": 40, "category": 40, "rule": 300}
WORD_FIELDS = {"word": "词语", "category": "类别", "rule": "依据", "applies_to": "适用范围"}


def line(value: Any, *, name: str, label: str, limit: int) -> str:
    """A one-line text (a word of the list, its category or rule): without invisible characters
    (rdplanner.text), its runs of spaces, tabs and line breaks made one space; a control or format
    character left is refused."""
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"{label}须为一段文字。", field=name)
    cleaned = " ".join((value or "").translate(INVISIBLE).split())
    bad = next((n for n, ch in enumerate(cleaned, 1) if unicodedata.category(ch) in ("Cc", "Cf", "Cs")), None)
    if bad is not None:
        raise InvalidInput(f"{label}的第 {bad} 个字是不可见的控制字符，请删去后再保存。", field=name)
    if len(cleaned) > limit:
        raise InvalidInput(f"{label}不能超过 {limit} 个字（现有 {len(cleaned)} 个字）。", field=name)
    return cleaned


def clean_word(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return a frugality word's fields as stored.

    Raises:
        InvalidInput: an unknown field; a text that is not a string, too long or holds a control
        character; an empty word; an unknown scope.
    """
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        label = WORD_FIELDS.get(name)
        if label is None:
            raise InvalidInput(f"节约词表没有“{name}”这一项，无法保存。", field=name)
        if name == "applies_to":
            if not isinstance(value, str) or value not in APPLIES_TO:
                raise InvalidInput(f"适用范围只能是{'、'.join(APPLIES_TO.values())}之一。", field=name)
            cleaned[name] = value
        else:
            cleaned[name] = line(value, name=name, label=label, limit=WORD_TEXTS[name])
    if "word" in cleaned and not cleaned["word"]:
        raise InvalidInput("请填写词语。", field="word")
    return cleaned
