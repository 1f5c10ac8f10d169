"""Caps, floors, years and impossible totals in a Dutch allocation request.

"maximaal 50 per gemeente", "een plafond van 50", "minimaal 2 per gemeente", "gespreid over 3 jaar",
"in 60 jaar". Caps and floors may be a share: of the total ("maximaal 20% per gemeente", "hoogstens een
kwart per gemeente") or of an indicator ("maximaal 1% van de inwoners per gemeente", which the engine
takes as fraction × column). A limit needs its context ('per gemeente', 'plafond', 'ondergrens'): "verdeel
maximaal 250 woningen" names the total, not a cap. Totals that cannot be meant as written
(negative, zero, a fraction of a home, scientific notation) get a question, never a guess.
Read on the raw text because the tokenizer drops minus signs and exponents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from assistant.parsing.numbers import words_to_number
from assistant.parsing.vocab import INDICATORS

_T = TypeVar("_T")

_NUM = (
    r"(?P<num>\d{1,3}(?:\.\d{3})+|\d+|[a-z]+)"
    r"(?!\d|[.,]\d|\s?(?:%|procent)|\s+(?:kwart|derde|vijfde|tiende|helft)\b)"
)
"""A number of units; a share ('20%', 'een kwart') is read by the share patterns below."""
_PER = r"(?:\s+(?:woningen|woning|plekken|plek|personen|persoon|huishoudens|statushouders))?\s+(?:per|voor elke|voor iedere|voor een)\s+gemeente"
_CAP_PATTERNS = (
    re.compile(rf"\b(?:maximaal|hooguit|hoogstens|ten hoogste|niet meer dan|max\.?|tot maximaal|maximum van)\s+{_NUM}{_PER}", re.IGNORECASE),
    re.compile(rf"\b(?:plafond|maximum|bovengrens)(?:\s+per\s+gemeente)?\s+(?:van|op|is)\s+{_NUM}", re.IGNORECASE),
    re.compile(rf"\b(?:elke|iedere|geen) gemeente\s+(?:krijgt|mag|hoeft|meer dan)\s+(?:maximaal|hooguit|hoogstens|ten hoogste|niet meer dan|meer dan)?\s*{_NUM}", re.IGNORECASE),
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


_SHARE = (
    r"(?P<share>\d{1,3}(?:[.,]\d{1,2})?\s?(?:%|procent)|een kwart|een derde|de helft|een vijfde|een tiende"
    r"|twee derde|drie ?kwart)"
)
_OF = r"(?P<of>\s+van\s+(?:(?:het|de|alle)\s+)?(?:aantal\s+)?[a-z]+(?:\s+[a-z]+)?)?"
"""'van het totaal', 'van de inwoners', 'van de sociale huurvoorraad': at most two words after the article."""
_CAP_WORDS = r"(?:maximaal|hooguit|hoogstens|ten hoogste|niet meer dan|max\.?|tot maximaal|een plafond van|maximum van)"
_FLOOR_WORDS = r"(?:minimaal|ten minste|tenminste|minstens|niet minder dan|op zijn minst|een ondergrens van|minimum van)"
_EACH = r"(?:per|voor elke|voor iedere)\s+gemeente"


def _share_patterns(cue: str, each_verbs: str) -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"\b{cue}\s+{_SHARE}{_OF}\s+{_EACH}\b", re.IGNORECASE),
        re.compile(rf"\b{_EACH}\s+{cue}\s+{_SHARE}{_OF}(?=$|[\s,.;?!])", re.IGNORECASE),
        re.compile(rf"\b{each_verbs}\s+{_SHARE}{_OF}(?=$|[\s,.;?!])", re.IGNORECASE),
    )


_CAP_SHARES = _share_patterns(
    _CAP_WORDS,
    r"(?:(?:elke|iedere) gemeente\s+(?:krijgt|mag|hoeft|draagt)\s+" + _CAP_WORDS
    + r"|geen gemeente\s+(?:krijgt|mag|hoeft|draagt)\s+meer dan)",
)
_FLOOR_SHARES = _share_patterns(
    _FLOOR_WORDS, r"(?:elke|iedere) gemeente\s+(?:krijgt|moet|draagt)\s+" + _FLOOR_WORDS
)
_SHARE_WORDS = {
    "een kwart": 0.25, "een derde": 1 / 3, "de helft": 0.5, "een vijfde": 0.2, "een tiende": 0.1,
    "twee derde": 2 / 3, "drie kwart": 0.75, "driekwart": 0.75,
}
_OF_TOTAL = re.compile(r"\b(?:totaal|opgave|taakstelling|geheel|alles|aantal)\b")


@dataclass
class Share:
    """'20% per gemeente' (of the total: `indicator` None) or '1% van de inwoners' (of a column)."""

    fraction: float
    indicator: str | None = None


@dataclass
class Limits:
    """What the message says about caps, floors and years; `spans` are the characters used for it."""

    cap_absolute: int | None = None
    floor_absolute: int | None = None
    cap_share: Share | None = None
    floor_share: Share | None = None
    years: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def _share_value(raw: str) -> float | None:
    raw = raw.lower()
    if raw in _SHARE_WORDS:
        return _SHARE_WORDS[raw]
    number = float(re.sub(r"\s?(?:%|procent)$", "", raw).replace(",", "."))
    return number / 100 if 0 < number <= 100 else None


def _of_what(of: str | None, text: str) -> tuple[bool, str | None]:
    """'van het totaal' -> (True, None); 'van de inwoners' -> (True, 'inwoners'); '' -> (True, None);
    something that is neither -> (False, None): then the share is not read as a limit. 'van de
    woningen' in 'verdeel 250 woningen' is the total being divided, not the housing stock."""
    if not of:
        return True, None
    words = of.lower()
    last = words.split()[-1]
    if re.search(rf"\d\s+{re.escape(last)}\b", text, re.IGNORECASE):
        return True, None
    indicator = next((name for name, pattern in INDICATORS.items() if re.search(rf"\b(?:{pattern})\b", words)), None)
    if _OF_TOTAL.search(words) and not re.search(r"aantal (?:mensen|woningen|inwoners)", words):
        return True, None
    if indicator is not None:
        return True, indicator
    return False, None


def _first_share(patterns: tuple[re.Pattern[str], ...], text: str) -> tuple[Share, tuple[int, int]] | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = _share_value(match.group("share"))
            ok, indicator = _of_what(match.group("of"), text)
            if value is not None and ok:
                return Share(value, indicator), match.span()
    return None


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


def _take(found: tuple[_T, tuple[int, int]] | None, spans: list[tuple[int, int]]) -> _T | None:
    """The value found, its characters noted in `spans` as used."""
    if found is None:
        return None
    value, span = found
    spans.append(span)
    return value


def find_limits(text: str) -> Limits:
    """Caps, floors and years named in `text` (absolute numbers per municipality)."""
    limits = Limits()
    limits.cap_absolute = _take(_first(_CAP_PATTERNS, text), limits.spans)
    limits.floor_absolute = _take(_first(_FLOOR_PATTERNS, text), limits.spans)
    if limits.cap_absolute is None:
        limits.cap_share = _take(_first_share(_CAP_SHARES, text), limits.spans)
    if limits.floor_absolute is None:
        limits.floor_share = _take(_first_share(_FLOOR_SHARES, text), limits.spans)
    limits.years = _take(_first(_YEAR_PATTERNS, text), limits.spans)
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
