"""Caps, floors, years and impossible totals in a Dutch allocation request.

"maximaal 50 per gemeente", "een plafond van 50", "minimaal 2 per gemeente", "gespreid over 3 jaar",
"in 60 jaar". A limit needs its context ('per gemeente', 'plafond', 'ondergrens'): "verdeel
maximaal 250 woningen" names the total, not a cap. Totals that cannot be meant as written
(negative, zero, a fraction of a home, scientific notation) get a question, never a guess.
Read on the raw text because the tokenizer drops minus signs and exponents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.parsing.numbers import words_to_number

_NUM = r"(?P<num>\d{1,3}(?:\.\d{3})+|\d+|[a-z]+)"
_PER = r"(?:\s+(?:woningen|woning|plekken|plek|personen|persoon|huishoudens|statushouders))?\s+(?:per|voor elke|voor iedere|voor een)\s+gemeente"
_CAP_PATTERNS = (
    re.compile(rf"\b(?:maximaal|hooguit|ten hoogste|niet meer dan|max\.?|tot maximaal|maximum van)\s+{_NUM}{_PER}", re.IGNORECASE),
    re.compile(rf"\b(?:plafond|maximum|bovengrens)(?:\s+per\s+gemeente)?\s+(?:van|op|is)\s+{_NUM}", re.IGNORECASE),
    re.compile(rf"\b(?:elke|iedere|geen) gemeente\s+(?:krijgt|mag|hoeft|meer dan)\s+(?:maximaal|hooguit|ten hoogste|niet meer dan|meer dan)?\s*{_NUM}", re.IGNORECASE),
)
_FLOOR_PATTERNS = (
    re.compile(rf"\b(?:minimaal|ten minste|tenminste|minstens|niet minder dan|op zijn minst|minimum van)\s+{_NUM}{_PER}", re.IGNORECASE),
    re.compile(rf"\b(?:ondergrens|minimum|vloer|bodem)(?:\s+per\s+gemeente)?\s+(?:van|op|is)\s+{_NUM}", re.IGNORECASE),
    re.compile(rf"\b(?:elke|iedere) gemeente\s+(?:krijgt|moet)\s+(?:minimaal|ten minste|tenminste|minstens)\s+{_NUM}", re.IGNORECASE),
)
_YEAR_PATTERNS = (
    re.compile(rf"\b(?:gespreid|verspreid|verdeeld|uitgesmeerd)\s+over\s+{_NUM}\s+jaar\b", re.IGNORECASE),
    re.compile(rf"\bper jaar\s+(?:over|gedurende|voor)\s+{_NUM}\s+jaar\b", re.IGNORECASE),
    re.compile(rf"\b(?:in|over|binnen|gedurende)\s+(?:de\s+komende\s+|een\s+periode\s+van\s+)?{_NUM}\s+jaar\b", re.IGNORECASE),
    re.compile(rf"\b{_NUM}\s+jaar\s+lang\b", re.IGNORECASE),
)
_UNIT = r"(?:woningen|woning|plekken|plek|personen|huishoudens|statushouders|mensen|eenheden|units)"
_NEGATIVE = re.compile(rf"(?:^|[\s(])[-−–]\s?(?P<num>\d[\d.,]*)\s*{_UNIT}?", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"\b\d+(?:[.,]\d+)?e[+-]?\d+\b", re.IGNORECASE)
_FRACTION = re.compile(rf"\b(?P<num>\d+,\d+|\d+\.\d{{1,2}})\s+{_UNIT}\b", re.IGNORECASE)
_ZERO = re.compile(rf"(?:\bverdeel\s+0\b|\b0\s+{_UNIT}\b|\bnul\s+{_UNIT}\b)", re.IGNORECASE)


@dataclass
class Limits:
    """What the message says about caps, floors and years; `spans` are the characters used for it."""

    cap_absolute: int | None = None
    floor_absolute: int | None = None
    years: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def _value(raw: str) -> int | None:
    if raw.isdigit() or re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return int(raw.replace(".", ""))
    return words_to_number(raw.lower())


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> tuple[int, tuple[int, int]] | None:
    best: tuple[int, tuple[int, int]] | None = None
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = _value(match.group("num"))
            if value is not None and (best is None or match.start() < best[1][0]):
                best = (value, match.span())
                break
    return best


def find_limits(text: str) -> Limits:
    """Caps, floors and years named in `text` (absolute numbers per municipality)."""
    limits = Limits()
    cap = _first(_CAP_PATTERNS, text)
    if cap:
        limits.cap_absolute, span = cap
        limits.spans.append(span)
    floor = _first(_FLOOR_PATTERNS, text)
    if floor:
        limits.floor_absolute, span = floor
        limits.spans.append(span)
    years = _first(_YEAR_PATTERNS, text)
    if years:
        limits.years, span = years
        limits.spans.append(span)
    return limits


def total_problem(text: str) -> str | None:
    """A Dutch question when the total is written in a way that cannot be meant as is."""
    negative = _NEGATIVE.search(text)
    if negative:
        return (
            f"Een negatief totaal (-{negative.group('num')}) kan ik niet verdelen. "
            "Hoeveel woningen of plekken moeten er verdeeld worden?"
        )
    scientific = _SCIENTIFIC.search(text)
    if scientific:
        return (
            f"'{scientific.group(0)}' lees ik niet als aantal. Schrijf het totaal uit, bijvoorbeeld 1000 of 1.000."
        )
    fraction = _FRACTION.search(text)
    if fraction:
        return (
            f"Het totaal {fraction.group('num')} is geen heel aantal. "
            "Hoeveel hele woningen of plekken moeten er verdeeld worden?"
        )
    if _ZERO.search(text):
        return "Bij een totaal van 0 valt er niets te verdelen. Hoeveel woningen of plekken moeten er verdeeld worden?"
    return None
