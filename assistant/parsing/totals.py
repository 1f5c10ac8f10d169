"""Which number is the total to share out: '240 woningen', 'verdeel 300', not '2021' or '70%'."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.parsing.numbers import NumberToken
from assistant.parsing.text import Token
from assistant.parsing.vocab import NOT_UNITS, TOTAL_LEADS, UNIT_SUFFIXES, UNIT_WORDS, YEAR_LEADS


@dataclass(frozen=True)
class TotalParse:
    """The total when the message names one; `bare` is a lone number that only a follow-up may use."""

    total: NumberToken | None
    unit: str | None = None
    bare: NumberToken | None = None


def _is_unit(word: str) -> bool:
    return word in UNIT_WORDS or (len(word) > 6 and word.endswith(UNIT_SUFFIXES))


_KEY_LEADS = frozenset(["naar", "obv"])


def _unit_after(tokens: list[Token], n: NumberToken) -> str | None:
    for j in range(n.end, min(n.end + 3, len(tokens))):
        word = tokens[j].text
        if word in NOT_UNITS or word[:1].isdigit() or word in _KEY_LEADS or (j > n.end and tokens[j].after_break):
            return None  # 'er 75, naar huishoudens': past a comma or a key cue the noun is the key, not the unit
        if _is_unit(word):
            return word
    return None


def _looks_like_year(tokens: list[Token], n: NumberToken) -> bool:
    if n.written or not (1900 <= n.value <= 2100):
        return False
    before = tokens[n.start - 1].text if n.start > 0 else ""
    return before in YEAR_LEADS or before not in TOTAL_LEADS


_DATE_LEADS = frozenset(["in", "sinds", "vanaf", "tot", "na", "per", "peiljaar", "eind", "begin", "medio", "rond", "uiterlijk"])


def _dated(tokens: list[Token], n: NumberToken, unit: str) -> bool:
    """'in 2026 voor uitstromers': a year with a date word before it and the unit further on is a date."""
    before = tokens[n.start - 1].text if n.start > 0 else ""
    right_after = tokens[n.end].text if n.end < len(tokens) else ""
    return before in _DATE_LEADS and right_after != unit


_TASK_NOUNS = frozenset(["opgave", "taakstelling", "taak", "totaal", "aantal", "opdracht", "quotum", "omvang", "hoeveelheid", "totaalaantal"])
_COPULAS = frozenset(
    ["is", "zijn", "bedraagt", "bedragen", "wordt", "worden", "ligt", "liggen", "komt", "komen", "staat", "staan", "gaat", "gaan", "telt", "tellen",
     "vastgesteld", "gesteld", "uitkomt", "blijft", "betreft", "behelst", "omvat"]
)
"""'de taakstelling is 120', 'de opgave bedraagt 300', 'het gaat om 80', 'de opgave ligt op 140': a verb that
ties its subject to a number."""


_DESCRIBING = frozenset(["inwoners", "inwonertal", "inwonersaantal", "woningvoorraad", "bevolking", "gemeenten", "leden"])


def tied_to_the_task(tokens: list[Token], n: NumberToken) -> bool:
    """'de taakstelling van statushouders is 120', 'in Haaglanden bedraagt de opgave 300', 'het totaal
    komt uit op 250': a task noun and a copula in the clause before the number (in either order) tie the
    number to what is shared out, so it is the total. A count of an indicator between them ('het aantal
    inwoners is 86.000') describes a place and is no task."""
    start = n.start
    while start > 0 and not tokens[start].after_break:
        start -= 1
    clause = [t.text for t in tokens[start : n.start]]
    if not set(clause) & _TASK_NOUNS or not set(clause) & _COPULAS:
        return False
    task = max(i for i, w in enumerate(clause) if w in _TASK_NOUNS)
    counted = next((w for w in clause[task + 1 :] if w not in ("van", "de", "het", "te", "aan")), "")
    return counted not in NOT_UNITS and counted not in _DESCRIBING


def find_total(tokens: list[Token], numbers: list[NumberToken]) -> TotalParse:
    """The first whole, positive, non-percentage number with a unit after it or a 'verdeel' before it, or
    one a copula ties to the task ('de opgave bedraagt 300')."""
    candidates = [n for n in numbers if n.integer and not n.percent and n.value >= 1]
    for n in candidates:
        unit = _unit_after(tokens, n)
        if unit and not (_looks_like_year(tokens, n) and (unit in ("jaar",) or _dated(tokens, n, unit))):
            return TotalParse(total=n, unit=unit)
    for n in candidates:
        if tied_to_the_task(tokens, n) and not _looks_like_year(tokens, n):
            return TotalParse(total=n)
    for n in candidates:
        lead = {t.text for t in tokens[max(0, n.start - 3) : n.start]}
        follow = tokens[n.end].text if n.end < len(tokens) else ""
        if lead & TOTAL_LEADS and follow not in NOT_UNITS and not _looks_like_year(tokens, n):
            return TotalParse(total=n)
    bare = next(
        (n for n in candidates if not _looks_like_year(tokens, n)
         and (tokens[n.end].text if n.end < len(tokens) else "") not in NOT_UNITS),
        None,
    )
    return TotalParse(total=None, bare=bare)
