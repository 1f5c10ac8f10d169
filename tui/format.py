"""Dutch number formatting for display, on top of koploper.numbers: values that are no number
(a missing cell, a text) are shown as they are instead of failing the widget."""

from __future__ import annotations

from koploper.numbers import as_number, fmt_dec, fmt_int, fmt_pct, format_euro


def integer(value: object) -> str:
    """1234 → '1.234'."""
    number = as_number(value)
    return str(value) if number is None else fmt_int(round(number))


def decimal(value: object, places: int = 2) -> str:
    """1234.5 → '1.234,50'."""
    number = as_number(value)
    return str(value) if number is None else fmt_dec(number, places)


def percent(share: object, places: int = 1) -> str:
    """0.1234 → '12,3 %'."""
    number = as_number(share)
    return str(share) if number is None else fmt_pct(number, places)


def amount(value: object, unit: object = None, cents: bool = False) -> str:
    """An allocated amount in its unit: '1.234' for counts, '€ 1.234' or '€ 1.234,56' for money."""
    number = as_number(value)
    if number is None or unit != "euro":
        return integer(value)
    return format_euro(round(number, 2), cents=cents)
