"""Dutch number formatting and plurals: 1.234.567, 12,3456, 17,69 %, '1 gemeente' / '3 gemeenten'.

Every layer shows numbers to Dutch readers; one implementation keeps tables, the trace, the
assistant's replies and the app's widgets consistent.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from numbers import Real

_SWAP = str.maketrans({",": ".", ".": ","})


def dutch(text: str) -> str:
    """Swap Python's ',' thousands and '.' decimal marks for the Dutch ones."""
    return text.translate(_SWAP)


def _float(value: Fraction | float | int) -> float:
    if isinstance(value, Fraction):
        return value.numerator / value.denominator
    return float(value)


TOO_LARGE_TO_SHOW = 10**15
"""From 16 digits on, a number typed by the user may have passed through a float and lost its last
digits (99999999999999999999999 reads back as 99.999.999.999.999.991.611.392): it is not echoed."""
TOO_LARGE_TEXT = "meer dan 999.999.999.999.999"


def fmt_int(value: int) -> str:
    """An integer with Dutch thousands separators: 1234567 → '1.234.567'."""
    if abs(value) >= TOO_LARGE_TO_SHOW:
        return TOO_LARGE_TEXT
    return f"{value:,}".replace(",", ".")


def fmt_dec(value: Fraction | float | int, digits: int = 4) -> str:
    """A number rounded to `digits` decimals with a decimal comma and thousands dots (display only)."""
    return dutch(f"{_float(value):,.{digits}f}")


def fmt_pct(value: Fraction | float | int, digits: int = 2) -> str:
    """A fraction of 1 as a Dutch percentage: 0.1769 → '17,69 %'."""
    return dutch(f"{_float(value) * 100:,.{digits}f} %")


def fmt_pcts(values: list[float], digits: int) -> list[str]:
    """Many Dutch percentages at once (one translate call instead of one per number: the trace of
    342 municipalities builds about a thousand of them)."""
    joined = "\n".join([f"{v * 100:,.{digits}f} %" for v in values])
    return dutch(joined).split("\n")


def fmt_value(value: Fraction) -> str:
    """An indicator value: exact integers as they are, anything else rounded with '≈'."""
    if value.denominator == 1:
        return fmt_int(value.numerator)
    return "≈" + fmt_int(round(value))


def fmt_weight(value: Fraction) -> str:
    """A weight such as 0,7 without trailing zeros; a fraction like 1/3 when no short decimal is exact."""
    if value.denominator == 1:
        return str(value.numerator)
    text = fmt_dec(value, 6).rstrip("0").rstrip(",")
    exact = Fraction(text.replace(".", "").replace(",", ".")) == value
    return text if exact else f"{value.numerator}/{value.denominator}"


def fmt_exact(value: Fraction) -> str:
    """Exact when that fits in a few decimals, else a rounded decimal marked with '≈'."""
    den = value.denominator
    if den == 1:
        return fmt_int(value.numerator)
    if 10_000 % den == 0:
        for digits in (1, 2, 3, 4):
            if (10**digits) % den == 0:
                return fmt_dec(value, digits)
    return "≈" + fmt_dec(value, 4)


def as_number(value: object) -> float | None:
    """A displayable number (int, float, Fraction); None for anything else (shown as is)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return None
    return float(value)


def plural(count: int, singular: str, many: str) -> str:
    """The Dutch word for `count` things: plural(1, 'gemeente', 'gemeenten') → 'gemeente'."""
    return singular if count == 1 else many


def counted(count: int, singular: str, many: str) -> str:
    """'1 gemeente', '3 gemeenten', '1.200 woningen'."""
    return f"{fmt_int(count)} {plural(count, singular, many)}"


def format_euro(amount: Decimal | int | float, cents: bool | None = None) -> str:
    """Dutch currency notation: € 2.500.000, € 1.234,56 (cents only when asked or present)."""
    value = Decimal(str(amount))
    if abs(value) >= TOO_LARGE_TO_SHOW:
        return "meer dan € 999.999.999.999.999"
    show_cents = cents if cents is not None else value != value.to_integral_value()
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    text = f"{whole:,}".replace(",", ".")
    if show_cents:
        fraction = (value - whole).quantize(Decimal("0.01"))
        if fraction >= 1:  # 0,999 rounds up to the next euro
            whole, fraction = whole + 1, fraction - 1
            text = f"{whole:,}".replace(",", ".")
        text += "," + f"{fraction:.2f}"[2:]
    return f"€ {sign}{text}"


def fmt_amount(units: int, unit: str = "woningen", cents: bool = False) -> str:
    """An allocated amount in its unit's notation: '1.234' for counts, '€ 1.234' or '€ 12,34' (units in cents)."""
    if unit != "euro":
        return fmt_int(units)
    if cents:
        return format_euro(Decimal(units) / 100, cents=True)
    return format_euro(units, cents=False)


def amount_value(units: int, cents: bool = False) -> int | float:
    """The amount as a JSON number: whole units as they are, cents as euros with two decimals."""
    return units / 100 if cents else units


MULTIPLIERS: dict[str, Decimal] = {
    "miljard": Decimal(1_000_000_000),
    "mld": Decimal(1_000_000_000),
    "mrd": Decimal(1_000_000_000),
    "miljoen": Decimal(1_000_000),
    "mln": Decimal(1_000_000),
    "mio": Decimal(1_000_000),
    "ton": Decimal(100_000),
    "duizend": Decimal(1_000),
    "k": Decimal(1_000),
}
"""Dutch words for large amounts ('2,5 miljoen', '1,2 mln', 'drie ton'), shared by the CLI and the parser."""
_AMOUNT = re.compile(
    r"^(?:€|eur\b|euro\b)?\s*(?P<num>-?\d[\d.,]*)\s*(?P<mult>[a-z]+)?\.?\s*(?:€|eur|euro'?s?)?$", re.IGNORECASE
)
CURRENCY = re.compile(r"€|\beur\b|\beuro", re.IGNORECASE)


def read_dutch_number(raw: str) -> Decimal | str:
    """'2.500.000' → 2500000, '2,5' → 2.5, '1.234,56' → 1234.56; a Dutch reason (str) when ambiguous."""
    text = raw.strip()
    try:
        if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
            return Decimal(text.replace(".", "").replace(",", "."))
        if re.fullmatch(r"-?\d+(?:,\d+)?", text):
            return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        pass
    if re.fullmatch(r"-?\d+\.\d+", text):
        return (
            f"'{text}' is niet eenduidig: schrijf bedragen op z'n Nederlands, met een komma voor decimalen (2,5) "
            "en punten voor duizendtallen (2.500)."
        )
    return f"'{text}' is geen getal; schrijf bijvoorbeeld 2500000, 2.500.000 of 2,5 miljoen."


def parse_amount(text: str) -> Decimal:
    """An amount as people write it: '2500000', '€ 1.000.000', '2,5 miljoen', '1,2 mln', '3 ton', '€ 1.234,56'.

    Raises ValueError with a Dutch message for anything ambiguous or unreadable.
    """
    match = _AMOUNT.match(text.strip())
    if match is None:
        raise ValueError(f"'{text.strip()}' is geen bedrag of aantal; schrijf bijvoorbeeld 2500000, € 2.500.000 of 2,5 miljoen.")
    mult_word = (match.group("mult") or "").lower()
    if mult_word and mult_word not in MULTIPLIERS and mult_word not in ("eur", "euro", "euros"):
        raise ValueError(f"'{mult_word}' ken ik niet als hoeveelheid; gebruik duizend, ton, miljoen (mln) of miljard.")
    value = read_dutch_number(match.group("num"))
    if isinstance(value, str):
        raise ValueError(value)
    amount = value * MULTIPLIERS.get(mult_word, Decimal(1))
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()
