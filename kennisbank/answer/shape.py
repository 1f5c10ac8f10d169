"""Does the quote have the kind of value the question asks for: an amount, a share, a date, a term, a number?

"Wat is de inkomensgrens in euro's …?" is close in meaning to the article that introduces the income limit,
and shares its words; that article names no amount, so it does not answer. The question's form says what
an answer must hold (an amount in euro for "in euro" or "welk bedrag", a percentage for "welk percentage", a
date for "op welke datum" or "per/vanaf wanneer" (not for "sinds wanneer", which "al langere tijd" answers), a period for "hoe lang" or "binnen welke termijn" (but "hoe lang is de wachtlijst" asks how many are on a list or in a queue: a number), a phone number for
"telefoonnummer"); a quote without one is no answer, however near. The forms are the ordinary Dutch ways to
ask for such a value, not the words of any one question, and the check reads only the quote: it holds for
every document. "Hoeveel …" is checked more precisely by kennisbank.answer.quantity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from kennisbank.answer.question_kinds import fold
from kennisbank.answer.word_forms import person_noun


class Value(StrEnum):
    """The kind of value a question asks for."""

    MONEY = "dat bedrag"
    SHARE = "dat percentage"
    DATE = "die datum"
    PERIOD = "die termijn"
    CONTACT = "die contactgegevens"
    NAME = "die naam"
    NUMBER = "dat getal"


_MONEY_HEADS = "bedrag|budget|eigen bijdrage|tarief|prijs|kosten|salaris|inkomensgrens|huurgrens|aftoppingsgrens|liberalisatiegrens"
"""Heads of compounds that name a sum of money ('jaarbudget', 'pgb-uurtarief', 'eigen bijdrage', 'huurprijs'):
"Wat is de eigen bijdrage per maand?" is answered by an amount, not by the article that says who sets it."""
_ADVERBIAL = r"(?:(?!(?:met|van|in|op|bij|voor|over|aan|naar|uit|door|om|tot|onder|na|tegen|er|de|het|een) )[\w-]+ ){0,2}?"
"""Up to two words between the verb and the thing, but no preposition, article or 'er' (closed classes): 'wat is dit jaar de inkomensgrens', 'wat is
nu eigenlijk de eigen bijdrage' ask the value as much as 'wat is de …'; 'wat is er met de huurgrens' does not."""
NUMBER_WORDS = "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|honderd"

_LEARNED_SUFFIXES = "aar|eur|ator|ist|ister|aris|eerde"
"""Agent suffixes of Latin or French make (regisseur, coördinator, minister, secretaris, gedeputeerde), which no Dutch
verb stem explains."""
_AGENT = r"[\w-]*(?:er|" + _LEARNED_SUFFIXES + ")"
"""After "wie is de" or "hoe heet de", a noun of this form is a role (voorzitter, wethouder, penningmeester, regisseur,
coördinator, secretaris, gedeputeerde): "Hoe heet de projectleider?" and "Wie is de voorzitter van …?" ask for a
name; "Wie beslist …?" and "Wie is verantwoordelijk …?" (a body, a role) do not. The question word already asks
for a person, so the ending is enough."""
_LEARNED_AGENT = re.compile(r"[\w-]{2,}(?:" + _LEARNED_SUFFIXES + ")")


def agent_noun(word: str) -> bool:
    """A noun for who someone is by its derivation: a verb's stem with '-er' (wethouder, kwartiermaker,
    projectleider) or a learned agent suffix. "Welke wethouder …?" asks for a name, "Welke manier …?" for a way:
    after 'welke', which asks for persons and things alike, '-er' alone is no person."""
    return person_noun(word) or _LEARNED_AGENT.fullmatch(word) is not None


_ASKS: tuple[tuple[Value, re.Pattern[str]], ...] = (
    (Value.CONTACT, re.compile(r"\b(?:telefoonnummers?|e-?mailadres(?:sen)?|mailadres(?:sen)?)\b")),
    (Value.SHARE, re.compile(r"\b(?:welk(?:e)? percentage|hoeveel procent|hoe groot is het percentage)\b")),
    (
        Value.MONEY,
        re.compile(
            r"\b(?:in euro'?s?|hoeveel euro|welk bedrag|(?:maximale|minimale|hoogste|laagste) bedrag|hoeveel geld|wat kost|wat kosten|hoeveel kost)\b"
            r"|^(?:\w+ )?hoeveel (?:[\w-]+ ){1,6}?(?:uitgeven|besteden|betalen|verdienen|kosten)\b"
            r"|\b(?:wat|hoe hoog) (?:is|was|zijn|waren) " + _ADVERBIAL + r"(?:de|het) (?:[\w-]+ )?[\w-]*(?:" + _MONEY_HEADS + r")\b"
        ),
    ),
    (
        Value.DATE,
        re.compile(r"\b(?:op welke datum|welke datum|in welk jaar|in welke maand|(?:per|vanaf|met ingang van) wanneer)\b"),
    ),
    (Value.NUMBER, re.compile(r"\bhoe lang (?:is|was|zijn|waren|wordt|werd) (?:de|het|die|deze) (?:[\w-]+ )?[\w-]*(?:lijst|rij)\b")),
    (
        Value.PERIOD,
        re.compile(
            r"\b(?:hoe lang|binnen welke termijn|hoeveel (?:[\w-]*tijd)\b|vanaf welke leeftijd|tot welke leeftijd|hoe oud)\b"
            r"|\bwat (?:is|was|zijn|waren) (?:de|het) (?:[\w-]+ )?[\w-]*(?:termijn|duur|wachttijd|looptijd|leeftijd)\b"
        ),
    ),
    (Value.NUMBER, re.compile(r"^(?:\w+ )?hoe (?:hoog|groot) (?:is|was|zijn|waren)\b")),
    (
        Value.NAME,
        re.compile(
            r"\b(?:hoe (?:heet|heten)|wat (?:is|was|zijn|waren) de na(?:am|men) van|wie (?:is|was|zijn|waren)(?: [\w-]+){0,4}?) "
            r"(?:de|het) (?:[\w-]+ )?" + _AGENT + r"\b"
            r"|^wie (?:zit|zat|zitten|zaten) (?:[\w-]+ ){1,8}voor\W*$"
            # 'wie is voorzitter van …': the role without its article, then what it is the role of
            r"|\bwie (?:is|was) (?:nu |nou |eigenlijk )?[\w-]{4,}(?:er|" + _LEARNED_SUFFIXES + r") (?:van|bij|in|voor)\b"
        ),
    ),
    # 'welke' asks for a person only before a noun for one: 'welke manier' asks for a way
    (Value.NAME, re.compile(r"^(?:\w+ )?welke (?P<agent>" + _AGENT + r")\b")),
)

_MONTHS = r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_PHONE = re.compile(r"\b0\d{1,3}[- ]?\d{6,8}\b|\b\d{3,4}[- ]\d{3,4}[- ]?\d{0,4}\b")
"""A Dutch telephone number ('070-3456789', '0800 1234'); with an address or a website it is a contact."""
_CARRIES: dict[Value, re.Pattern[str]] = {
    Value.MONEY: re.compile(r"€|\beuro\b|\b\d[\d.,]*\s*(?:mln|miljoen|miljard)\b", re.IGNORECASE),
    Value.SHARE: re.compile(r"%|(?:\d|\b(?:een|half|halve|" + NUMBER_WORDS + r"))\s*procent\b|\bpercentage\b\s+van\s+\d", re.IGNORECASE),
    Value.DATE: re.compile(r"\b(?:1[89]\d\d|20\d\d)\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b|\b(?:" + _MONTHS + r")\b", re.IGNORECASE),
    Value.PERIOD: re.compile(
        r"\b(?:\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|twintig|dertig|"
        r"half|halve|anderhalf)\s*(?:dag|dagen|werkdagen|week|weken|maand|maanden|jaar|jaren|kalenderjaren|uur|uren)\b"
        r"|\btot (?:1[89]\d\d|20\d\d|\d{1,2} (?:" + _MONTHS + r"))\b|\bonbepaalde tijd\b|\bvoor (?:de duur|een periode) van\b",
        re.IGNORECASE,
    ),
    Value.NUMBER: re.compile(r"\d|\b(?:" + NUMBER_WORDS.removeprefix("een|") + r"|half|halve|helft|derde|kwart)\b", re.IGNORECASE),
    Value.CONTACT: re.compile(_PHONE.pattern + r"|@|\bwww\.|https?://", re.IGNORECASE),
}
_PHONE_ASKED = re.compile(r"\btelefoonnummers?\b|\bbellen\b")
_MAIL_ASKED = re.compile(r"\b(?:e-?mailadres(?:sen)?|mailadres(?:sen)?|mailen|website|site)\b")


_CAPITAL = r"[A-Z][\w'’-]*[a-z][\w'’-]*"
_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|van der|van den|van de|in 't|op de) )?"
_NAMED = re.compile(rf"(?<![\w-])({_CAPITAL}) {_PARTICLES}({_CAPITAL})(?![\w-])")
_TITLED = re.compile(
    r"\b(?:wethouder|burgemeester|minister|staatssecretaris|gedeputeerde|mevrouw|mevr\.|de heer|dhr\.|mr\.|drs\.|dr\.|ir\.|prof\.)"
    rf" {_PARTICLES}({_CAPITAL})(?![\w-])"
)
_NO_NAME = frozenset(
    [
        "de",
        "het",
        "een",
        "in",
        "op",
        "met",
        "voor",
        "bij",
        "van",
        "sinds",
        "vanaf",
        "tot",
        "na",
        "om",
        "als",
        "dit",
        "deze",
        "die",
        "dat",
        "er",
        "en",
        "of",
        "ook",
        "zo",
        "wat",
        "wie",
        "waar",
        "hoe",
        "onze",
        "ons",
    ]
)


def carries_name(text: str, question: str) -> bool:
    """The text names someone the question does not: a first and last name ('Froukje de Jonge'), a title and a
    name ('wethouder Rohaan'), or a proper name of several words ('Vereniging van Groninger Gemeenten').
    Words the question has (the region, the body it asks about) are no answer to "who"."""
    asked = {fold(word)[:5] for word in re.findall(r"[^\W\d_]+", question)}

    def new(word: str) -> bool:
        return fold(word) not in _NO_NAME and fold(word)[:5] not in asked

    for match in _NAMED.finditer(text):
        if new(match.group(1)) and new(match.group(2)):
            return True
    return any(new(match.group(1)) for match in _TITLED.finditer(text))


def asked_value(question: str) -> Value | None:
    """The kind of value the question asks for, or None when it asks for something else."""
    text = fold(question).strip()
    for value, pattern in _ASKS:
        if any("agent" not in pattern.groupindex or agent_noun(m.group("agent")) for m in pattern.finditer(text)):
            return value
    return None


def carries_value(value: Value, text: str, question: str = "") -> bool:
    """The text holds a value of that kind (an amount, a share, a date, a period, a phone number, a name
    the question does not have)."""
    if value is Value.NAME:
        return carries_name(text, question)
    if value is Value.CONTACT and _PHONE_ASKED.search(fold(question)) and not _MAIL_ASKED.search(fold(question)):
        return bool(_PHONE.search(text))  # a website or an address is no telephone number
    return bool(_CARRIES[value].search(text))


def gives_value(question: str, texts: Iterable[str]) -> Value | None:
    """The kind of value the question asks for when none of `texts` holds one; None when answered or not asked."""
    value = asked_value(question)
    if value is None:
        return None
    return None if carries_value(value, " ".join(texts), question) else value
