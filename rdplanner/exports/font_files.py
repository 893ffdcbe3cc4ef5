"""Which font files are bundled and what they are called, without loading any font library.

The UI imports this at start-up; rdplanner.exports.fonts (reportlab) re-exports it for documents.
"""

from pathlib import Path

from rdplanner import resources

FAMILIES = ("sans", "serif")
_FAMILY_NAMES = {"sans": "Noto Sans SC", "serif": "Noto Serif SC"}
_FILE_STEMS = {"sans": "NotoSansSC", "serif": "NotoSerifSC"}


def family_name(family: str = "sans") -> str:
    """Return the family name the font itself declares (what Qt lists), e.g. "Noto Sans SC"."""
    return _FAMILY_NAMES[_checked(family)]


def pdf_font_name(family: str = "sans", bold: bool = False) -> str:
    """Return the name a face is registered under with reportlab, e.g. "NotoSansSC-Bold"."""
    return f"{_FILE_STEMS[_checked(family)]}-{'Bold' if bold else 'Regular'}"


def font_path(family: str = "sans", bold: bool = False) -> Path:
    """Return the path of a bundled font file (it is not opened).

    Raises:
        ValueError: ``family`` is not one of FAMILIES.
    """
    return resources.FONTS / f"{pdf_font_name(family, bold)}.ttf"


def _checked(family: str) -> str:
    if family not in FAMILIES:
        raise ValueError(f"unknown font family {family!r}; expected one of {FAMILIES}")
    return family
