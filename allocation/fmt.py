"""Dutch number formatting for tables and the trace (1.234.567 and 12,3456)."""

from __future__ import annotations

from fractions import Fraction


def fmt_int(value: int) -> str:
    """An integer with Dutch thousands separators."""
    return f"{value:,}".replace(",", ".")


def fmt_dec(value: Fraction | float | int, digits: int = 4) -> str:
    """A number rounded to `digits` decimals with a decimal comma and thousands dots."""
    if isinstance(value, Fraction):
        scaled = round(value * 10**digits)
        sign = "-" if scaled < 0 else ""
        whole, frac = divmod(abs(scaled), 10**digits)
        text = fmt_int(whole) + ("," + str(frac).zfill(digits) if digits else "")
        return sign + text
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_value(value: Fraction) -> str:
    """An indicator value: exact integers as they are, anything else rounded with '≈'."""
    if value.denominator == 1:
        return fmt_int(value.numerator)
    return "≈" + fmt_int(round(value))


def fmt_pct(value: Fraction, digits: int = 2) -> str:
    """A fraction of 1 as a Dutch percentage."""
    return fmt_dec(value * 100, digits) + " %"


def fmt_weight(value: Fraction) -> str:
    """A weight such as 0,7 without trailing zeros."""
    if value.denominator == 1:
        return str(value.numerator)
    text = fmt_dec(value, 6).rstrip("0").rstrip(",")
    exact = Fraction(text.replace(".", "").replace(",", ".")) == value
    return text if exact else f"{value.numerator}/{value.denominator}"
