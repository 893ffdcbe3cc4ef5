"""How a person's name is set in every PDF (seat map, seat list, cards, sign-in sheet): whether it may break,
where it breaks into two lines (the same place on every document) and the largest size that fits a box."""

from __future__ import annotations

from dataclasses import dataclass

from rdplanner.exports.fonts import printable_text, text_width

DOTS = "·・"  # the separator of minority names (买买提·阿卜杜热合曼), half- or full-width
LONGEST_UNBROKEN = 4  # up to four characters a name is one word and never breaks
LEADING = 1.15


@dataclass(frozen=True)
class NameFit:
    """How a name is set in its box: font size (points) and one or two lines."""

    size: float
    lines: tuple[str, ...]


def may_break(name: str) -> bool:
    """Tell whether a name is long enough to take two lines (more than four characters, spaces aside)."""
    return len(name.replace(" ", "")) > LONGEST_UNBROKEN


def split_point(name: str, font: str) -> int:
    """Return where a name breaks into two lines: the index its second line starts at.

    After the most balanced "·" if it has one (never inside a part of a minority name), else at the most
    balanced space, else between the two characters that balance the lines best, the longer line first
    (a single character cannot break: its second line is empty).
    """
    for marks in (DOTS, " "):
        cuts = [i + 1 for i, ch in enumerate(name[:-1]) if ch in marks]
        if cuts:
            return _balanced(name, cuts, font)
    return _balanced(name, list(range(1, len(name))), font) if len(name) > 1 else len(name)


def split_two(name: str, font: str) -> tuple[str, str]:
    """Return a name's two lines (see split_point), without spaces at the cut."""
    cut = split_point(name, font)
    return name[:cut].strip(), name[cut:].strip()


def fit_name(name: str, font: str, width: float, height: float, *, largest: float = 14.0,
             leading: float = LEADING) -> NameFit:
    """Return the largest size (≤ ``largest``) at which ``name`` fits a ``width`` × ``height`` area.

    A name that may break takes two lines (split_two) when that lets the type be clearly larger; sizes
    are continuous, so a long name simply comes out smaller than a short one.
    """
    name = printable_text(name)
    if not name:
        return NameFit(largest, ())
    one = min(largest, width / text_width(name, font), height / leading)
    best = NameFit(one, (name,))
    if may_break(name):
        first, second = split_two(name, font)
        two = min(largest, width / max(text_width(first, font), text_width(second, font)),
                  height / (2 * leading))
        if two > one * 1.08:
            best = NameFit(two, (first, second))
    return best


def _balanced(name: str, cuts: list[int], font: str) -> int:
    """The cut whose two sides differ least in width; on a tie the later cut (the longer first line)."""
    def imbalance(i: int) -> tuple[float, int]:
        return round(abs(text_width(name[:i], font) - text_width(name[i:], font)), 3), -i

    return min(cuts, key=imbalance)
