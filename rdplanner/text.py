"""Characters that pasted text carries invisibly, stripped from every field an officer types or imports
(a leaf: the people checks and the event form share it)."""

# Control, zero-width and bidirectional-control characters that pasted text carries invisibly. The bidi
# controls (LRM/RLM, embeddings and overrides, isolates, the Arabic letter mark) would reorder what
# follows them on a printed list or in a cell: "\u202e张三" shows as 三张 in some viewers.
BIDI_CONTROLS = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
INVISIBLE = dict.fromkeys(
    [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
    + [0x7F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *BIDI_CONTROLS]
)


def clean_text(text: str) -> str:
    """``text`` without its invisible characters and surrounding spaces (a line the officer typed)."""
    return " ".join((text or "").translate(INVISIBLE).split())
