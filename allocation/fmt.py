"""Dutch number formatting for tables and the trace (1.234.567 and 12,3456)."""

from __future__ import annotations

import math
from fractions import Fraction


_SWAP = str.maketrans({",": ".", ".": ","})


def fmt_int(value: int) -> str:
    """An integer with Dutch thousands separators."""
    return f"{value:,}".replace(",", ".")


def fmt_dec(value: Fraction | float | int, digits: int = 4) -> str:
    """A number rounded to `digits` decimals with a decimal comma and thousands dots (display only)."""
    if isinstance(value, Fraction):
        value = value.numerator / value.denominator
    return f"{value:,.{digits}f}".translate(_SWAP)


def fsum(values: list[Fraction]) -> Fraction:
    """Exact sum of fractions, fast when they share small denominators."""
    if all(v.denominator == 1 for v in values):
        return Fraction(sum(v.numerator for v in values))
    common = math.lcm(*(v.denominator for v in values))
    return Fraction(sum(v.numerator * (common // v.denominator) for v in values), common)


def fmt_value(value: Fraction) -> str:
    """An indicator value: exact integers as they are, anything else rounded with '≈'."""
    if value.denominator == 1:
        return fmt_int(value.numerator)
    return "≈" + fmt_int(round(value))


def fmt_pct(value: Fraction | float, digits: int = 2) -> str:
    """A fraction of 1 as a Dutch percentage."""
    if isinstance(value, Fraction):
        value = value.numerator / value.denominator
    return f"{value * 100:,.{digits}f} %".translate(_SWAP)


def fmt_weight(value: Fraction) -> str:
    """A weight such as 0,7 without trailing zeros."""
    if value.denominator == 1:
        return str(value.numerator)
    text = fmt_dec(value, 6).rstrip("0").rstrip(",")
    exact = Fraction(text.replace(".", "").replace(",", ".")) == value
    return text if exact else f"{value.numerator}/{value.denominator}"
