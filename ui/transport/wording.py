"""Filling a translated sentence's numbered places (%1, %2 …) with values, as Qt's QString.arg does."""


def filled(text: str, *values: object) -> str:
    """Return ``text`` with %1 … %n replaced by ``values`` (highest number first, so %1 never eats %10)."""
    for number in range(len(values), 0, -1):
        text = text.replace(f"%{number}", str(values[number - 1]))
    return text
