"""Printing a character the PDF fonts lack as a visible mark (〓) instead of refusing the document.

By default a PDF writer refuses a text with such a character (MissingGlyphsError). When the officer
chooses 仍然导出, the caller passes a GlyphMarks: the writer then replaces each such character by the mark
before it lays the texts out (a name's size and line split are those of the text as printed), and
records in it the texts that carry a mark, so they can be written in by hand. Qt-free and cheap: reads
only the shipped coverage (font_files).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdplanner.exports.font_files import missing_glyphs

MARK = "\u3013"  # 〓 GETA MARK: the customary stand-in for a character the type lacks
FALLBACK_MARK = "\u25a1"  # □, should a face ever lack 〓


@dataclass
class GlyphMarks:
    """The officer's consent to print missing characters as a mark, and what was marked.

    ``texts`` holds one entry per marked text, as the refusal names it: 姓名“𠀤七”中的“𠀤”（U+20024）.
    A writer appends to it; one GlyphMarks may be passed to one export at a time.
    """

    texts: list[str] = field(default_factory=list)

    def note(self, found: list[str]) -> None:
        """Record the texts of ``found`` (entries made by fonts.note_missing_glyphs) not recorded yet."""
        self.texts.extend(text for text in dict.fromkeys(found) if text not in self.texts)

    def summary(self, what: str = "文档") -> str:
        """Return the sentence telling the officer which texts carry a mark ("" when none do)."""
        if not self.texts:
            return ""
        listed = "；".join(self.texts[:20]) + ("……" if len(self.texts) > 20 else "")
        return (f"{what}中以下文字含有打印字体中没有的字，已印成“{MARK}”，请在打印件上手写补上：{listed}。")


def glyph_mark(family: str = "sans", bold: bool = False) -> str:
    """Return the mark the face prints for a missing character: 〓, or □ if the face lacks 〓.

    Raises:
        FontError: the coverage is stale and the font file is missing or unreadable.
    """
    for mark in (MARK, FALLBACK_MARK):
        if not missing_glyphs(mark, family, bold):
            return mark
    raise ValueError(f"the {family} face has neither {MARK!r} nor {FALLBACK_MARK!r}")


def marked_text(text: str, family: str = "sans", bold: bool = False) -> str:
    """Return ``text`` with every character the face lacks replaced by its mark (``text`` if none).

    Pass the text as it will be drawn (after printable_text): a tab or newline would be marked too.
    """
    missing = set(missing_glyphs(text, family, bold))
    if not missing:
        return text
    mark = glyph_mark(family, bold)
    return "".join(mark if ch in missing else ch for ch in text)
