"""Does the quote have the kind of value the question asks for: an amount, a share, a date, a term, a number?

"Wat is de inkomensgrens in euro's …?" is close in meaning to the article that introduces the income limit,
and shares its words; that article names no amount, so it does not answer. The question's form says what
an answer must hold (an amount in euro for "in euro" or "welk bedrag", a percentage for "welk percentage", a
date for "op welke datum" (not for "sinds wanneer", which "al langere tijd" answers), a period for "hoe lang" or "binnen welke termijn", a phone number for
"telefoonnummer"); a quote without one is no answer, however near. The forms are the ordinary Dutch ways to
ask for such a value, not the words of any one question, and the check reads only the quote: it holds for
every document. "Hoeveel …" is checked more precisely by kennisbank.answer.quantity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from kennisbank.answer.question_kinds import fold


class Value(StrEnum):
    """The kind of value a question asks for."""

    MONEY = "dat bedrag"
    SHARE = "dat percentage"
    DATE = "die datum"
    PERIOD = "die termijn"
    CONTACT = "die contactgegevens"


_ASKS: tuple[tuple[Value, re.Pattern[str]], ...] = (
    (Value.CONTACT, re.compile(r"\b(?:telefoonnummers?|e-?mailadres(?:sen)?|mailadres(?:sen)?)\b")),
    (Value.SHARE, re.compile(r"\b(?:welk(?:e)? percentage|hoeveel procent|hoe groot is het percentage)\b")),
    (
        Value.MONEY,
        re.compile(
            r"\b(?:in euro'?s?|hoeveel euro|welk bedrag|(?:maximale|minimale|hoogste|laagste) bedrag|hoeveel geld|wat kost|wat kosten|hoeveel kost)\b"
        ),
    ),
    (
        Value.DATE,
        re.compile(r"\b(?:op welke datum|welke datum|in welk jaar|in welke maand)\b"),
    ),
    (Value.PERIOD, re.compile(r"^(?:\w+ )?(?:hoe lang|binnen welke termijn|binnen hoeveel tijd)\b")),
)

_MONTHS = r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_CARRIES: dict[Value, re.Pattern[str]] = {
    Value.MONEY: re.compile(r"€|\beuro\b|\b\d[\d.,]*\s*(?:mln|miljoen|miljard)\b", re.IGNORECASE),
    Value.SHARE: re.compile(r"%|\bprocent\b|\bpercentage\b\s+van\s+\d", re.IGNORECASE),
    Value.DATE: re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b|\b(?:" + _MONTHS + r")\b", re.IGNORECASE),
    Value.PERIOD: re.compile(
        r"\b(?:\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|dertig|"
        r"half|halve|anderhalf)\s*(?:dag|dagen|werkdagen|week|weken|maand|maanden|jaar|jaren|kalenderjaren|uur|uren)\b"
        r"|\btot (?:1[89]\d\d|20\d\d|\d{1,2} (?:" + _MONTHS + r"))\b|\bonbepaalde tijd\b|\bvoor (?:de duur|een periode) van\b",
        re.IGNORECASE,
    ),
    Value.CONTACT: re.compile(r"\b0\d{1,3}[- ]?\d{6,8}\b|\b\d{3,4}[- ]\d{3,4}[- ]?\d{0,4}\b|@|\bwww\.|https?://", re.IGNORECASE),
}


def asked_value(question: str) -> Value | None:
    """The kind of value the question asks for, or None when it asks for something else."""
    text = fold(question).strip()
    for value, pattern in _ASKS:
        if pattern.search(text):
            return value
    return None


def carries_value(value: Value, text: str) -> bool:
    """The text holds a value of that kind (an amount, a share, a date, a period, a phone number)."""
    return bool(_CARRIES[value].search(text))


def gives_value(question: str, texts: Iterable[str]) -> Value | None:
    """The kind of value the question asks for when none of `texts` holds one; None when answered or not asked."""
    value = asked_value(question)
    if value is None:
        return None
    return None if _CARRIES[value].search(" ".join(texts)) else value
