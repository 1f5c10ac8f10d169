"""Dutch number formatting for display: presentation only, the numbers come from the assistant."""

from __future__ import annotations

from numbers import Real


def _group(digits: str) -> str:
    """Thousands separated by dots, the Dutch way."""
    sign = "-" if digits.startswith("-") else ""
    digits = digits.lstrip("-")
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return sign + ".".join(parts)


def as_number(value: object) -> float | None:
    """A displayable number (int, float, Fraction); None for anything else, which is shown as is."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return None
    return float(value)


def integer(value: object) -> str:
    """1234 → '1.234'."""
    number = as_number(value)
    if number is None:
        return str(value)
    return _group(str(round(number)))


def decimal(value: object, places: int = 2) -> str:
    """1234.5 → '1.234,50'."""
    number = as_number(value)
    if number is None:
        return str(value)
    whole, _, frac = f"{number:.{places}f}".partition(".")
    return _group(whole) + ("," + frac if frac else "")


def percent(share: object, places: int = 1) -> str:
    """0.1234 → '12,3 %'."""
    number = as_number(share)
    if number is None:
        return str(share)
    return decimal(number * 100, places) + " %"
