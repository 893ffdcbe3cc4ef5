"""The bundled CJK fonts for PDF export: Noto Sans SC and Noto Serif SC, regular and bold (TrueType, OFL).

Finds the files, registers them with reportlab (embedded as subsets), reports the characters a face lacks
(from the shipped coverage, see font_files), and opens canvases that reference no unembedded font. Nothing
is read at import time: a face is parsed once per process, when a document first draws with it.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, TTFontFace
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
from rdplanner.exports.glyph_marks import GlyphMarks, marked_text  # noqa: F401  (re-exported)
from rdplanner.os_errors import os_reason

_lock = threading.Lock()
_parsed: dict[Path, BundledTTFont] = {}
_documents_open = 0  # writers decorated with holds_pdf_faces that are running
_Writer = TypeVar("_Writer", bound=Callable[..., Any])
_ASTRAL_BFCHAR = re.compile(r"^(<[0-9A-F]{2}>) <([0-9A-F]{5,6})>$", re.MULTILINE)


class _FontData:
    """A font file as reportlab's parser reads it (``data[i]``, ``data[a:b]``), with the glyph outlines left
    on disk.

    reportlab keeps a face's whole file in memory (10-15 MB for a CJK face) to cut glyphs out of it when a
    PDF is saved. The ``glyf`` table is 80-90 % of such a file; here every other table is read into memory
    once and the outlines are read from the file, 64 KB at a time, only where a document's glyphs lie.
    The file is opened for each such read and checked to be the one parsed (same size, time and inode):
    if it was changed meanwhile (an update copied over a running install), the export stops with a
    FontError instead of printing wrong glyphs. It is not memory-mapped, because a mapped file truncated
    in place kills the process (SIGBUS).
    """

    BLOCK = 65536

    def __init__(self, path: str) -> None:
        self.name = path
        with open(path, "rb") as file:
            self._stamp = _stamp(os.fstat(file.fileno()))
            self._size = self._stamp[0]
            start, length = _glyf_table(file, self._size)
            self._glyf = (start, start + length)
            file.seek(0)
            self._front = file.read(start)
            file.seek(start + length)
            self._back = file.read()
        self._blocks: dict[int, bytes] = {}
        self._lock = threading.Lock()

    def read(self) -> _FontData:
        return self

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, where: int | slice) -> Any:
        if isinstance(where, int):
            return self[where:where + 1][0] if where >= 0 else self[self._size + where]
        first, last, step = where.indices(self._size)
        if step != 1 or last <= first:
            return b"" if last <= first else bytes(self[first:last])[::step]
        glyf_start, glyf_end = self._glyf
        if last <= glyf_start:
            return self._front[first:last]
        if first >= glyf_end:
            return self._back[first - glyf_end:last - glyf_end]
        return (self._front[first:glyf_start] + self._outlines(max(first, glyf_start), min(last, glyf_end))
                + self._back[:max(0, last - glyf_end)])

    def _outlines(self, first: int, last: int) -> bytes:
        blocks = range(first // self.BLOCK, (last - 1) // self.BLOCK + 1)
        with self._lock:  # documents may be written on two threads at once
            missing = [n for n in blocks if n not in self._blocks]
            if missing:
                self._read_blocks(missing)
            data = b"".join(self._blocks[n] for n in blocks)
        offset = blocks[0] * self.BLOCK
        return data[first - offset:last - offset]

    def _read_blocks(self, numbers: list[int]) -> None:
        path = Path(self.name)
        try:
            with open(path, "rb") as file:
                changed = _stamp(os.fstat(file.fileno())) != self._stamp
                for n in numbers if not changed else ():
                    file.seek(n * self.BLOCK)
                    wanted = min(self.BLOCK, self._size - n * self.BLOCK)
                    block = file.read(wanted)
                    if len(block) != wanted:
                        changed = True
                        break
                    self._blocks[n] = block
        except OSError as exc:
            raise FontError(f"字体文件 {path.name} 无法读取（{os_reason(exc)}），本次导出未完成。"
                            "请确认程序文件完好后重试。", path=str(path)) from exc
        if changed:
            raise FontError(f"字体文件 {path.name} 在导出过程中被改动（可能正在更新或重新安装本程序），"
                            "本次导出未完成。请在更新完成后重新导出。", path=str(path))


def _glyf_table(file: BinaryIO, size: int) -> tuple[int, int]:
    """Return the offset and length of the ``glyf`` table from a TrueType table directory.

    A file with no such table (or a directory that points past the end) gives (size, 0): all of it is then
    read into memory, and reportlab's parser reports what is wrong with it.
    """
    head = file.read(12)
    tables = int.from_bytes(head[4:6], "big") if len(head) == 12 else 0
    directory = file.read(16 * tables)
    for n in range(0, len(directory) - 15, 16):
        if directory[n:n + 4] == b"glyf":
            offset = int.from_bytes(directory[n + 8:n + 12], "big")
            length = int.from_bytes(directory[n + 12:n + 16], "big")
            if offset + length <= size:
                return offset, length
    return size, 0


def _stamp(status: os.stat_result) -> tuple[int, int, int]:
    return status.st_size, status.st_mtime_ns, status.st_ino


class _GlyphTable:
    """The ``glyf`` table as a window on the font data: slicing reads only the glyph asked for."""

    def __init__(self, data: _FontData, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __getitem__(self, where: slice) -> bytes:
        first, last, _ = where.indices(self._length)
        return self._data[self._start + first:self._start + max(first, last)]

    def __len__(self) -> int:
        return self._length


class _Metrics:
    """A face's horizontal metrics, (advance, left side bearing) by glyph, in two arrays of shorts.

    reportlab's list of tuples costs about 130 bytes a glyph, 4 MB for a CJK face; this costs 4 bytes.
    """

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        self._advances = array("H", (aw for aw, _ in pairs))
        self._bearings = array("H", (lsb for _, lsb in pairs))

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        return self._advances[glyph], self._bearings[glyph]

    def __len__(self) -> int:
        return len(self._advances)


class _OnDemandFace(TTFontFace):
    """A face parsed from ``_FontData``; its ``glyf`` table is never read whole."""

    def get_table(self, tag: str) -> Any:
        if tag == "glyf":
            start, length = self.get_table_pos(tag)
            return _GlyphTable(self._ttf_data, start, length)
        return bytes(super().get_table(tag))


class BundledTTFont(TTFont):
    """A reportlab TTFont that leaves its outlines on disk, and whose ToUnicode map is right beyond U+FFFF.

    reportlab 5.1 writes the Unicode value of each glyph as bare hex (``<2C317>``); PDF readers take
    four digits (U+2C31), so copying or searching a PDF turns 王𬌗 into 王ⰱ. The PDF specification wants
    UTF-16BE there (``<D870DF17>``); this class rewrites those entries after reportlab makes the map.

    The face keeps about 4 MB of tables instead of 25-40 MB: the outlines stay on disk (``_FontData``), the
    glyph metrics and offsets are kept in arrays, only the widths that differ from the default are kept,
    and the glyph-to-characters map, used only to shape text (which these documents do not do), is dropped.
    """

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name, _FontData(path), shapable=False)
        self.face.__class__ = _OnDemandFace
        self.face.glyphToChar = {}
        self.face.hmetrics = _Metrics(self.face.hmetrics)
        # A width equal to the default is what a lookup without the entry gives (reportlab's and rl_accel's
        # width functions both ask charWidths.get(code, defaultWidth)): 30,000 of a CJK face's 31,000.
        default = self.face.defaultWidth
        self.face.charWidths = {code: w for code, w in self.face.charWidths.items() if w != default}
        self.face.glyphPos = array("L", self.face.glyphPos)

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


def settle_missing_glyphs(found: list[str], marks: GlyphMarks | None, *, advice: str,
                          what: str = "以下文字含有打印字体中没有的字，打印出来会是空白方框") -> bool:
    """Refuse the texts in ``found`` unless the officer chose to print them marked.

    Returns True when the writer must mark its texts (``marks`` given and something is missing), after
    recording ``found`` in ``marks``; False when nothing is missing.

    Raises:
        MissingGlyphsError: something is missing and ``marks`` is None (the default: refuse).
    """
    if marks is None:
        raise_missing_glyphs(found, advice=advice, what=what)
        return False
    marks.note(found)
    return bool(found)


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
    if "initialFontName" not in kwargs:  # not setdefault: asking for the name parses the face
        kwargs["initialFontName"] = register_pdf_fonts().sans
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


def holds_pdf_faces(writer: _Writer) -> _Writer:
    """Decorate a PDF writer: the faces it parses are released when the last running writer returns.

    A parsed face holds about 10 MB; the officer exports a document now and then, so the faces are not
    kept between documents (parsing one again takes 0.05-0.1 s) and the app's memory does not grow with
    every kind of document it has printed.
    """

    @functools.wraps(writer)
    def holding(*args: Any, **kwargs: Any) -> Any:
        global _documents_open
        with _lock:
            _documents_open += 1
        try:
            return writer(*args, **kwargs)
        finally:
            with _lock:
                _documents_open -= 1
                if _documents_open == 0:
                    _release_faces()

    return holding  # type: ignore[return-value]


def _release_faces() -> None:
    """Unregister and drop every parsed face (the caller holds ``_lock``); the next use parses again."""
    for font in _parsed.values():
        if pdfmetrics._fonts.get(font.fontName) is font:
            del pdfmetrics._fonts[font.fontName]
        if pdfmetrics._dynFaceNames.get(font.face.name) is font:
            del pdfmetrics._dynFaceNames[font.face.name]
    _parsed.clear()


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
            f"字体文件 {path.name} 无法读取（文件已损坏或不是 TrueType 字体），请重新安装本程序。",
            path=str(path),
        ) from exc


def _utf16_bfchar(match: re.Match[str]) -> str:
    utf16 = chr(int(match[2], 16)).encode("utf-16-be").hex().upper()
    return f"{match[1]} <{utf16}>"
