"""Amounts of money in Dutch text: '€ 2,5 miljoen', '2,5 mln euro', 'EUR 300.000', 'drie ton'.

A budget is never a number of homes: once a currency word or sign stands next to the number, the
request is in euros. Read on the raw text because the tokenizer drops '€' and minus signs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.parsing.numbers import fraction_value, words_to_number
from assistant.parsing.vocab import INDICATORS, NOT_UNITS, UNIT_WORDS
from koploper.numbers import MULTIPLIERS, format_euro

__all__ = ["LARGE_AMOUNT_WORDS", "MoneyParse", "find_money", "format_euro"]

LARGE_AMOUNT_WORDS = ("ton", "mln", "mio", "mld", "mrd")
"""The words for large amounts that Dutch speakers write for money even without 'euro' ('3 ton', '2,5
mln'): without a counted noun after it ('3 ton woningen') such an amount is a budget. The spelled-out
'miljoen' and 'miljard' are not in it: they count anything ('en met 3 miljoen?' in a conversation about
homes is asked about), so they need 'euro', a budget word or a conversation about money. The one place
this closed class lives (their values: koploper.numbers.MULTIPLIERS)."""

_NUMBER = r"-?\s?(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?|\b(?:een\s+)?(?:half|halve)\b|\b[a-z]{2,12}\s+(?:kwart|helft|[a-z]{3,12}(?:de|ste))\b|\b[a-zë]{2,30}\b(?:\u0308[a-z]{1,30}\b)?)"
"""Digits, or a number word ('drie'); the word is bounded so that a long run of letters stays linear."""
_MULT = r"(?:miljard|mld|mrd|miljoen|mln|mio|ton|duizend|k|m)\b\.?"
_SHORT_MILLION = {"m": Decimal(1_000_000)}
"""'€ 1,2M': the one-letter million, read only next to a currency sign or word (as 'k' for thousand)."""
_CURRENCY = r"(?:€|eur\b|euro'?s?\b)"
_GUILDER_DASH = r",\s?[-\u2013\u2014=]{1,2}(?![\d\w])"
"""'45.000,-', '250,--', '1.200,=': the dash or equals sign for no cents that Dutch writes only after amounts of money."""
_PATTERNS = (
    # 45.000,- / 1,5 mln,-
    re.compile(rf"(?P<num>{_NUMBER})(?:\s*(?P<mult>{_MULT}))?{_GUILDER_DASH}", re.IGNORECASE),
    # € 2,5 miljoen / EUR 300.000 / € 1.234,56
    re.compile(rf"{_CURRENCY}\s*(?P<num>{_NUMBER})(?:\s*(?P<mult>{_MULT}))?", re.IGNORECASE),
    # 2,5 mln euro / 750.000 euro / drie ton euro
    re.compile(rf"(?P<num>{_NUMBER})\s*(?:(?P<mult>{_MULT})\s*)?{_CURRENCY}", re.IGNORECASE),
)
_BUDGET_WORDS = re.compile(
    r"\b(?:budget|bedrag|subsidie|middelen|geld|pot|euro|financiering|beschikbaar|besteden|uitgeven|uit te geven)\b", re.IGNORECASE
)
_BARE = re.compile(rf"(?P<num>{_NUMBER})\s*(?P<mult>miljoen|miljard|duizend|{'|'.join(LARGE_AMOUNT_WORDS)})\b\.?", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*(?P<word>[a-z]+)", re.IGNORECASE)
_THOUSANDS_K = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d+)?)\s?(?P<mult>k)\b(?!\.\d)", re.IGNORECASE)
"""'75k voor de opvang': the 'k' of thousands with no counted noun after it is how people write a budget
('2k woningen' counts homes); in a conversation about counted things it stays a count."""


@dataclass(frozen=True)
class MoneyParse:
    """An amount in euros found in the text; `problem` is a Dutch question when it cannot be used."""

    amount: Decimal | None
    start: int
    end: int
    problem: str | None = None

    @property
    def has_cents(self) -> bool:
        return self.amount is not None and self.amount != self.amount.to_integral_value()


def _read_number(raw: str) -> Decimal | str | None:
    """The value of a Dutch number; a string when it is ambiguous (the reason in Dutch)."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", raw.replace(" ", "").lower()) if not unicodedata.combining(ch))
    if text in ("half", "eenhalf", "halve", "eenhalve"):
        return Decimal("0.5")
    if text in ("anderhalf", "anderhalve"):
        return Decimal("1.5")
    fraction = fraction_value(unicodedata.normalize("NFKD", raw).lower().strip())
    if fraction is not None:  # 'een kwart (miljoen)', 'driekwart', 'twee derde'
        return Decimal(str(round(fraction, 6)))
    halves = re.fullmatch(r"([a-z]+?)en(?:half|halve)", text)  # 'tweeënhalf', 'drieënhalve'
    if halves and words_to_number(halves.group(1)) is not None:
        return Decimal(words_to_number(halves.group(1)) or 0) + Decimal("0.5")
    if re.fullmatch(r"-?[a-z]+", text):
        if text in ("een", "-een"):
            return Decimal(1)
        value = words_to_number(text.lstrip("-"))
        return None if value is None else Decimal(value) * (-1 if text.startswith("-") else 1)
    if re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"-?\d+,\d+", text):
        return Decimal(text.replace(",", "."))
    if re.fullmatch(r"-?\d+\.\d+", text):
        return f"'{raw.strip()}' is niet eenduidig: schrijf bedragen op z'n Nederlands, met een komma voor decimalen (2,5) en punten voor duizendtallen (2.500)."
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _counts_something(after: str) -> bool:
    """'1,2 miljoen inwoners', '3 ton woningen': the large number counts the noun after it, no money."""
    word = _NEXT_WORD.match(after)
    if word is None:
        return False
    noun = word.group("word").lower()
    if noun in ("euro", "euros", "eur"):
        return False
    return noun in UNIT_WORDS or noun in NOT_UNITS or any(re.fullmatch(p, noun) for p in INDICATORS.values())


_SHARE_VERB = re.compile(r"\bverde(?:el|len|elt|eld|eling)\b|\buitdelen\b|\bverspreiden\b", re.IGNORECASE)


def find_money(text: str, euro_context: bool = False, count_context: bool = False) -> MoneyParse | None:
    """The first amount of money in `text`, or None when no currency or budget word goes with a number.

    `euro_context` says the conversation is already about money, so a follow-up such as
    "en met 3 miljoen?" is an amount in euros too. Without any conversation about counted things
    (`count_context` False), a message that shares out 'een kwart miljoen' with no counted noun after
    it shares out money: millions of homes or places is no request anyone makes.
    """
    matches = [m for pattern in _PATTERNS for m in pattern.finditer(text)]
    if not matches:
        budget = euro_context or _BUDGET_WORDS.search(text) is not None or (
            not count_context and _SHARE_VERB.search(text) is not None
            and any(m.group("mult").lower() in ("miljoen", "miljard") and not _counts_something(text[m.end() :]) for m in _BARE.finditer(text))
        )
        matches = [
            m for m in _BARE.finditer(text)
            if budget or (m.group("mult").lower() in LARGE_AMOUNT_WORDS and not _counts_something(text[m.end() :]))
        ]
        matches += [m for m in _THOUSANDS_K.finditer(text) if not count_context and not _counts_something(text[m.end() :])]
    for match in sorted(matches, key=lambda m: m.start()):
        value = _read_number(match.group("num"))
        if value is None:
            continue
        mult = (match.group("mult") or "").lower().rstrip(".")
        if isinstance(value, str):
            return MoneyParse(None, match.start(), match.end(), problem=value)
        amount = value * MULTIPLIERS.get(mult, _SHORT_MILLION.get(mult, Decimal(1)))
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))
        if amount <= 0:
            return MoneyParse(
                None, match.start(), match.end(),
                problem=f"Een bedrag van {format_euro(amount)} kan ik niet verdelen: hoeveel euro moet er verdeeld worden?",
            )
        return MoneyParse(amount, match.start(), match.end())
    return None
