"""Money helpers: amounts are whole fen (分) in the database and yuan with two decimals on paper."""


def yuan_text(fen: int) -> str:
    """Return ``fen`` as yuan with thousands separators, e.g. 3725000 → "37,250.00 元"."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d} 元"


def ceiling_fen(per_person_day_yuan: int, people: int, days: int) -> int:
    """Return the budget ceiling of a meeting: the standard × people × days, in fen."""
    return per_person_day_yuan * 100 * people * days
