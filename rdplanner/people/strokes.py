"""GF 3002-1999 stroke sequences of the 20,902 characters U+4E00–U+9FA5, corrected by overrides.toml.

Nothing is read at import time: the table loads on first use (about 15 ms) and is then cached.
"""

from __future__ import annotations

import bisect
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdplanner.errors import RdplannerError
from rdplanner.os_errors import read_reason
from rdplanner.resources import RESOURCES

STROKES_DIR = RESOURCES / "strokes"
SEQUENCES_FILE = "gf3002_sequences.txt"
OVERRIDES_FILE = "overrides.toml"
FIRST, LAST = 0x4E00, 0x9FA5
STROKE_NAMES = {"1": "横", "2": "竖", "3": "撇", "4": "点", "5": "折"}

# Han ideograph blocks: a character here without data is reported as missing, never guessed.
_HAN_RANGES = (
    (0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF),
)


class StrokeDataError(RdplannerError):
    """The bundled stroke data or its override table is damaged."""

    code = "stroke_data"


@dataclass(frozen=True)
class Override:
    """One correction of the source data, as listed in overrides.toml."""

    char: str
    sequence: str
    data: str
    reason: str


@dataclass(frozen=True)
class StrokeTable:
    """The loaded data: sequences (overrides applied), the characters in GF order, the overrides."""

    sequences: dict[str, str]
    gf_order: str
    overrides: dict[str, Override]


def _read_sequences(path: Path) -> tuple[str, list[str]]:
    """Read the characters in GF order and their sequences (format: see the file's header line)."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").split("\n") if not line.startswith("#")]
    except OSError as exc:
        raise StrokeDataError(f"无法读取笔画数据文件 {path}：{read_reason(exc)}", path=str(path)) from exc
    chars, sequences = (lines[0], lines[1].split(" ")) if len(lines) >= 2 else ("", [])
    if not chars or len(chars) != len(sequences) or not chr(FIRST) <= min(chars) <= max(chars) <= chr(LAST):
        raise StrokeDataError(f"笔画数据文件 {path} 已损坏，请重新安装程序", path=str(path))
    return chars, sequences


def _read_overrides(path: Path) -> dict[str, Override]:
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise StrokeDataError(f"笔画更正表 {path} 无法读取：{read_reason(exc)}", path=str(path)) from exc
    overrides = {}
    for char, entry in entries.items():
        sequence = str(entry.get("sequence", ""))
        if len(char) != 1 or not sequence or set(sequence) - set(STROKE_NAMES):
            raise StrokeDataError(f"笔画更正表 {path} 中“{char}”一条无效：笔顺须为 1–5 的数字",
                                  path=str(path))
        overrides[char] = Override(char, sequence, str(entry.get("data", "")), str(entry.get("reason", "")))
    return overrides


def _gf_key(char: str, sequence: str) -> tuple[int, str, int]:
    # GF order: fewer strokes first, then the shapes 1<2<3<4<5 stroke by stroke (a string comparison of
    # equal-length digit strings), then code point, the order of ties in the source data.
    return len(sequence), sequence, ord(char)


@lru_cache(maxsize=4)
def load_table(directory: Path = STROKES_DIR) -> StrokeTable:
    """Load the stroke table and apply its overrides (cached per directory).

    Raises:
        StrokeDataError: if a data file is missing or malformed.
    """
    chars, seqs = _read_sequences(directory / SEQUENCES_FILE)
    overrides = _read_overrides(directory / OVERRIDES_FILE)
    sequences = dict(zip(chars, seqs, strict=True))
    sequences.update((char, o.sequence) for char, o in overrides.items())
    # The file is already in GF order: move only the corrected characters instead of sorting it all.
    ordered = chars.translate(dict.fromkeys(map(ord, overrides)))
    for char in overrides:
        at = bisect.bisect(ordered, _gf_key(char, sequences[char]), key=lambda ch: _gf_key(ch, sequences[ch]))
        ordered = ordered[:at] + char + ordered[at:]
    return StrokeTable(sequences, ordered, overrides)


def stroke_sequence(ch: str) -> str | None:
    """Return the stroke-shape sequence of one character ('1121' for 王), or None without data."""
    return load_table().sequences.get(ch)


def stroke_count(ch: str) -> int | None:
    """Return the number of strokes of one character, or None without data."""
    sequence = stroke_sequence(ch)
    return None if sequence is None else len(sequence)


def is_han(ch: str) -> bool:
    """Tell whether a character is a Han ideograph (any CJK block, and 〇)."""
    cp = ord(ch)
    return any(low <= cp <= high for low, high in _HAN_RANGES)


def missing_characters(text: str) -> tuple[str, ...]:
    """Return the Han characters of text that have no stroke data, each once, in order of appearance."""
    sequences = load_table().sequences
    return tuple(dict.fromkeys(ch for ch in text if ch not in sequences and is_han(ch)))
