"""The bundled CJK fonts for PDF export: Noto Sans SC and Noto Serif SC, regular and bold (TrueType, OFL).

Finds the files, registers them with reportlab (embedded as subsets), reports the characters a face lacks
(from the shipped coverage, see font_files), and opens canvases that reference no unembedded font. Nothing
is read at import time: a face is parsed once per process, when a document first draws with it.
"""

from __future__ import annotations

import os
import re
import threading
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
from rdplanner.exports.font_files import (  # noqa: F401  (re-exported for the writers)
    FAMILIES,
    _checked,
    family_name,
    font_path,
    missing_glyphs,
    pdf_font_name,
    printable_text,
)

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
    """The reportlab font names of the bundled faces, for ``canvas.setFont`` and paragraph styles.

    A face is parsed and registered with reportlab when its name is first asked for (about 0.1-0.5 s and
    28 MB of memory per 10-15 MB file), so a document that prints in one face never pays for the other
    three. Platypus markup ``<b>`` needs the bold face's name asked for first.
    """

    def name(self, family: str = "sans", bold: bool = False) -> str:
        """Return the reportlab name of one face, registering the face on first use.

        Args:
            family: "sans" or "serif".
            bold: the bold face instead of the regular one.

        Raises:
            FontError: the font file is missing or unreadable.
        """
        return _registered_face(_checked(family), bold)

    @property
    def sans(self) -> str:
        return self.name("sans")

    @property
    def sans_bold(self) -> str:
        return self.name("sans", bold=True)

    @property
    def serif(self) -> str:
        return self.name("serif")

    @property
    def serif_bold(self) -> str:
        return self.name("serif", bold=True)


def register_pdf_fonts() -> PdfFontNames:
    """Map each bundled family onto its bold face (so ``<b>`` picks it) and return the faces' names.

    Cheap and idempotent: no font file is read here. Each face is parsed and registered with reportlab on
    the first access of its name (``names.sans``, ``names.name("serif", bold=True)``); reportlab embeds
    TrueType fonts as subsets.
    """
    for family in FAMILIES:
        _map_family(family)
    return PdfFontNames()


def _map_family(family: str) -> None:
    regular, bold = pdf_font_name(family, False), pdf_font_name(family, True)
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)


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


def _registered_face(family: str, bold: bool) -> str:
    path = font_path(family, bold)
    with _lock:  # exports run on worker threads; parse each 10-15 MB file only once
        if path not in _parsed:
            font = _parse(pdf_font_name(family, bold), path)
            pdfmetrics.registerFont(font)  # which maps the face's bold onto itself: map the family again
            _map_family(family)
            _parsed[path] = font
    return pdf_font_name(family, bold)


def face_code_points(family: str, bold: bool) -> set[int]:
    """Return the code points a face maps to a glyph, parsing the font file (slow: for a stale coverage).

    Raises:
        FontError: the font file is missing or unreadable.
    """
    path = font_path(family, bold)
    return set(_parse(pdf_font_name(family, bold), path).face.charToGlyph)


def _parse(name: str, path: Path) -> BundledTTFont:
    if not path.is_file():
        raise FontError(f"找不到字体文件 {path.name}（应在 {path.parent}），请重新安装本程序。",
                        path=str(path))
    try:
        return BundledTTFont(name, os.fspath(path))
    except Exception as exc:  # reportlab's parser raises TTFError, struct.error, IndexError… on a bad file
        raise FontError(
            f"字体文件 {path.name} 无法读取（文件已损坏或不是 TrueType 字体），请重新安装本程序。", path=str(path)
        ) from exc


def _utf16_bfchar(match: re.Match[str]) -> str:
    utf16 = chr(int(match[2], 16)).encode("utf-16-be").hex().upper()
    return f"{match[1]} <{utf16}>"
