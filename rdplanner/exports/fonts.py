"""The bundled CJK fonts for PDF export: Noto Sans SC and Noto Serif SC, regular and bold (TrueType, OFL).

Finds the files, registers them with reportlab (embedded as subsets), checks which characters a face lacks,
and opens canvases that reference no unembedded font. Nothing is read at import time: each file is parsed
once per process, on first use (about 0.1 s each), and the parsed font serves both reportlab and the checks.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas

from rdplanner.errors import RdplannerError
from rdplanner.exports.errors import ExportError
from rdplanner.exports.font_files import FAMILIES, _checked, family_name, font_path, pdf_font_name  # noqa: F401

_lock = threading.Lock()
_parsed: dict[Path, BundledTTFont] = {}
_ASTRAL_BFCHAR = re.compile(r"^(<[0-9A-F]{2}>) <([0-9A-F]{5,6})>$", re.MULTILINE)


class BundledTTFont(TTFont):
    """A reportlab TTFont whose ToUnicode map is right for characters beyond U+FFFF.

    reportlab 5.1 writes the Unicode value of each glyph as bare hex (``<2C317>``); PDF readers take
    four digits (U+2C31), so copying or searching a PDF turns 王𬌗 into 王ⰱ. The PDF specification wants
    UTF-16BE there (``<D870DF17>``); this class rewrites those entries after reportlab makes the map.
    """

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if max(subset, default=0) > 0xFFFF:
                base = (SUBSETN(n) + b"+" + self.face.name + self.face.subfontNameX).decode("pdfdoc")
                stream = doc.idToObject.get("toUnicodeCMap:" + base)  # reportlab's name for it
                if stream is not None:
                    stream.content = _ASTRAL_BFCHAR.sub(_utf16_bfchar, stream.content)


class FontError(RdplannerError):
    """A bundled font file is missing or cannot be read; ``params["path"]`` names it."""

    code = "font"


@dataclass(frozen=True)
class PdfFontNames:
    """The reportlab font names of the bundled faces, for ``canvas.setFont`` and paragraph styles."""

    sans: str
    sans_bold: str
    serif: str
    serif_bold: str

    def name(self, family: str = "sans", bold: bool = False) -> str:
        """Return the reportlab name of one face.

        Args:
            family: "sans" or "serif".
            bold: the bold face instead of the regular one.
        """
        return getattr(self, _checked(family) + ("_bold" if bold else ""))


def register_pdf_fonts() -> PdfFontNames:
    """Register the four bundled faces with reportlab, and each family so ``<b>`` picks the bold face.

    Idempotent and cheap after the first call; the first call parses the four files (about 0.5 s in all),
    so call it from the export, not at start-up. reportlab embeds TrueType fonts as subsets.

    Raises:
        FontError: a font file is missing or unreadable.
    """
    for family in FAMILIES:
        regular, bold = pdf_font_name(family, False), pdf_font_name(family, True)
        pdfmetrics.registerFont(_parsed_font(family, False))
        pdfmetrics.registerFont(_parsed_font(family, True))
        pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    return PdfFontNames(
        sans=pdf_font_name("sans", False),
        sans_bold=pdf_font_name("sans", True),
        serif=pdf_font_name("serif", False),
        serif_bold=pdf_font_name("serif", True),
    )


def missing_glyphs(text: str, family: str = "sans", bold: bool = False) -> list[str]:
    """Return the distinct characters of ``text`` the face cannot draw, in the order first seen.

    reportlab draws such a character as the font's .notdef glyph (an empty box) without any warning, so
    check every name before printing it. Whitespace and control characters are checked too: the fonts
    lack tab, newline, thin space, zero-width space and the variation selectors, and each of those also
    prints as a box. Pass text through printable_text() first to drop them.

    Args:
        text: the text exactly as it will be drawn.
        family: "sans" or "serif".
        bold: check the bold face (its coverage equals the regular one's in the bundled fonts).

    Raises:
        FontError: the font file is missing or unreadable.
    """
    cmap = _parsed_font(family, bold).face.charToGlyph
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in cmap))


@lru_cache(maxsize=16384)
def unit_width(ch: str, font: str) -> float:
    """Return the advance of one character at 1 point (cached: the same characters recur everywhere)."""
    return stringWidth(ch, font, 1000) / 1000


def text_width(text: str, font: str) -> float:
    """Return the width of ``text`` at 1 point, never 0 so that it can divide."""
    return sum(unit_width(ch, font) for ch in text) or 0.01


class MissingGlyphsError(ExportError):
    """Some texts hold characters the PDF font cannot draw; ``params["texts"]`` lists them."""

    code = "missing_glyphs"


def note_missing_glyphs(found: list[str], label: str, text: str, family: str = "sans",
                        bold: bool = False) -> None:
    """Add "label“text”中的“X”（U+XXXX）" to ``found`` when the font lacks characters of ``text``."""
    missing = missing_glyphs(text, family, bold)
    if missing:
        chars = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in missing)
        found.append(f"{label}“{text}”中的{chars}")


def raise_missing_glyphs(found: list[str], *, advice: str,
                         what: str = "以下文字含有打印字体中没有的字，打印出来会是空白方框") -> None:
    """Raise MissingGlyphsError naming (at most 20 of) the texts in ``found``; nothing if it is empty."""
    if found:
        listed = "；".join(found[:20]) + ("……" if len(found) > 20 else "")
        raise MissingGlyphsError(f"{what}：{listed}。{advice}", texts=found)


def printable_text(text: str) -> str:
    """Return ``text`` as one line fit to draw: whitespace runs become one space, invisible marks go.

    Drops control and format characters (zero-width space, joiners, byte-order mark, soft hyphen) and
    variation selectors, none of which reportlab can draw; strips the ends.
    """
    kept = "".join(ch for ch in text if ch.isspace() or not _is_invisible(ch))
    return " ".join(kept.split())


def new_canvas(path: str | os.PathLike[str] | BinaryIO, *, title: str = "", subject: str = "",
               **kwargs: Any) -> Canvas:
    """Open a reportlab canvas whose initial font is the bundled sans, after registering the fonts.

    A plain ``Canvas`` selects Helvetica at the top of every page, which leaves an unembedded Helvetica
    in the PDF even when no text uses it. For platypus, pass ``initialFontName=register_pdf_fonts().sans``
    to the DocTemplate and set ``fontName`` on every ParagraphStyle (their default is Helvetica too).

    Args:
        path: the PDF file to write, or a binary file object.
        title, subject: the document's properties (the author is left blank, the creator is rdplanner).
        **kwargs: passed to ``reportlab.pdfgen.canvas.Canvas`` (pagesize, …).

    Raises:
        FontError: a font file is missing or unreadable.
    """
    kwargs.setdefault("initialFontName", register_pdf_fonts().sans)
    canvas = Canvas(os.fspath(path) if isinstance(path, os.PathLike) else path, **kwargs)
    canvas.setTitle(title)
    canvas.setSubject(subject)
    canvas.setAuthor("")
    canvas.setCreator("rdplanner")
    return canvas


def _parsed_font(family: str, bold: bool) -> BundledTTFont:
    path = font_path(family, bold)
    with _lock:  # exports run on worker threads; parse each 10-15 MB file only once
        font = _parsed.get(path)
        if font is None:
            font = _parsed[path] = _parse(pdf_font_name(family, bold), path)
    return font


def _parse(name: str, path: Path) -> BundledTTFont:
    if not path.is_file():
        raise FontError(f"找不到字体文件 {path.name}（应在 {path.parent}），请重新安装本程序。", path=str(path))
    try:
        return BundledTTFont(name, os.fspath(path))
    except Exception as exc:  # reportlab's parser raises TTFError, struct.error, IndexError… on a bad file
        raise FontError(
            f"字体文件 {path.name} 无法读取（{exc}），请重新安装本程序。", path=str(path)
        ) from exc


def _utf16_bfchar(match: re.Match[str]) -> str:
    utf16 = chr(int(match[2], 16)).encode("utf-16-be").hex().upper()
    return f"{match[1]} <{utf16}>"


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf") or "\ufe00" <= ch <= "\ufe0f" or (
        "\U000e0100" <= ch <= "\U000e01ef"
    )


