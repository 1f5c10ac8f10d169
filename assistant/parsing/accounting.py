"""The accounting rule: every number in a message gets a role, or the reply asks about it.

Readers (limits, money, totals, existing effort, years, the key) each claim the characters of the
numbers they use, with a role. `unaccounted` lists the numbers no reader claimed: the router turns
them into a question instead of dropping them. Roles are kept on character spans of the message as
typed, so two readers never claim the same number twice and the check is independent of phrasing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.parsing.numbers import NumberToken, find_numbers
from assistant.parsing.text import Token, tokenize

RoleName = Literal["total", "cap", "floor", "existing", "years", "year", "key", "per_year", "asked", "date", "members", "when", "context"]
ROLE_WORDS: dict[str, str] = {
    "total": "het totaal",
    "cap": "een maximum per gemeente",
    "floor": "een minimum per gemeente",
    "existing": "wat een gemeente al gedaan heeft",
    "years": "het aantal jaren",
    "year": "een jaartal",
    "key": "een gewicht in de verdeelsleutel",
    "per_year": "een aantal per jaar",
    "asked": "een getal waarover ik een vraag stel",
    "date": "een datum",
    "members": "het aantal gemeenten",
    "when": "een tijdsaanduiding",
    "context": "een gegeven over een gemeente",
}
"""How the reply names each role (Dutch)."""


@dataclass(frozen=True)
class NumberSpan:
    """One number as typed: its characters in the message and its value."""

    start: int
    end: int
    text: str
    value: float
    percent: bool = False
    written: bool = False


@dataclass(frozen=True)
class Role:
    """A reader's claim on the characters [start, end): what the number there means."""

    start: int
    end: int
    role: RoleName
    detail: str | None = None
    """For existing effort: the municipality; for a year: the year itself."""


def char_span(tokens: list[Token], number: NumberToken) -> tuple[int, int]:
    """The characters of the message a number token came from."""
    return tokens[number.start].start, tokens[number.end - 1].end


def number_spans(text: str) -> list[NumberSpan]:
    """Every number in the message as typed: digits (with Dutch separators), percentages, number words."""
    tokens = tokenize(text)
    spans: list[NumberSpan] = []
    for n in find_numbers(tokens):
        start, end = char_span(tokens, n)
        spans.append(NumberSpan(start, end, text[start:end], n.value, percent=n.percent, written=n.written))
    return spans


def unaccounted(numbers: list[NumberSpan], roles: list[Role]) -> list[NumberSpan]:
    """The numbers that no role covers (a role covers a number when their characters overlap)."""
    return [n for n in numbers if not any(r.start < n.end and n.start < r.end for r in roles)]


def role_of(number: NumberSpan, roles: list[Role]) -> Role | None:
    """The role that claimed `number`, if any."""
    return next((r for r in roles if r.start < number.end and number.start < r.end), None)
