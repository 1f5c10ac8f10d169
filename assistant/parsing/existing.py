"""Existing effort named in words: "Den Haag heeft al 40 gehuisvest", "in Delft zijn er al 25 gebouwd".

A municipality, then in the same clause a number that is marked as already done: an 'already' word
before it ('al', 'reeds', 'inmiddels') or a past participle after it with a form of 'hebben'/'zijn'
before it. The number becomes that municipality's existing effort (the engine's correction), never
the total. Past participles are recognised by their form (ge-…-d/t/en, with or without a separable
prefix), not from a list of verbs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.parsing.numbers import NumberToken
from assistant.parsing.places import PlaceMention
from assistant.parsing.text import Token
from assistant.parsing.vocab import UNIT_WORDS

ALREADY = frozenset(["al", "reeds", "inmiddels", "intussen", "eerder"])
_HAVE = frozenset(["heeft", "hebben", "had", "hadden", "is", "zijn", "was", "waren", "huisvest", "huisvestte", "levert", "leverde"])
_PARTICIPLE = re.compile(
    r"^(?:op|onder|toe|uit|in|aan|bij|mee|af|over|onder|weg|terug|neer)?ge[a-z]{3,}(?:d|t|en)$|^(?:op|uit|aan|mee|af)?ge(?:d|g|st)aan$"
    r"|^(?:be|ont|ver|her|ge)[a-z]{3,}(?:eerd|aald|teed|egd|ven|den)$"
)
"""'gehuisvest', 'opgevangen', 'gerealiseerd', 'gebouwd', 'betaald', 'besteed', 'ontvangen'."""
_WINDOW = 7
_TIME_UNITS = frozenset(["jaar", "jaren", "maand", "maanden", "week", "weken", "dag", "dagen", "uur", "uren", "min", "minuten", "kwartier", "sec", "seconden"])
_JOINT = frozenset(["samen", "gezamenlijk", "gezamelijk", "opgeteld", "tezamen"])
_EACH = frozenset(["elk", "elke", "ieder", "iedere", "allebei", "beide", "beiden"])
_BREAKS = re.compile(r"[,;:.?!()]")


@dataclass(frozen=True)
class ExistingMention:
    """'Den Haag heeft al 40 gehuisvest': the municipality, the amount and where both stand."""

    municipality: str
    amount: int
    number: NumberToken
    mention: PlaceMention


def _clause_gap(text: str, tokens: list[Token], a: int, b: int) -> bool:
    """True when punctuation stands between token a and token b (another clause)."""
    return bool(_BREAKS.search(text[tokens[a].end : tokens[b].start])) if a < b else False


_DATE_PREPOSITIONS = frozenset(["sinds", "vanaf", "in", "tot", "na", "voor", "per", "begin", "eind", "medio", "sedert", "uit"])


def _dated(words: list[str], n: NumberToken) -> bool:
    """'sinds 2023', 'in 2024': a calendar year after a preposition of time is when, never how many."""
    before = words[n.start - 1] if n.start > 0 else ""
    return not n.written and 1900 <= n.value <= 2100 and before in _DATE_PREPOSITIONS


def _labelled(text: str, tokens: list[Token], a: int, b: int) -> bool:
    """'Den Haag: al 100 gehuisvest': a colon right after the name labels what follows (same clause)."""
    gap = text[tokens[a].end : tokens[a + 1].start] if a + 1 < len(tokens) else ""
    return gap.strip() == ":" and not _BREAKS.search(text[tokens[a + 1].start : tokens[b].start])


def _said_already(text: str, tokens: list[Token], m: PlaceMention, n: NumberToken) -> bool:
    """'wat Heerlen al heeft: 25', 'wat Heerlen al heeft gedaan (15 plekken)': an 'already' clause about the
    place ends in a colon or an opening bracket and the number follows it."""
    words = {t.text for t in tokens[m.end : n.start]}
    gap = text[tokens[n.start - 1].end : tokens[n.start].start] if n.start > 0 else ""
    inner = text[tokens[m.end - 1].end : tokens[n.start - 1].end] if n.start - 1 >= m.end else ""
    return bool(words & ALREADY) and gap.strip() in (":", "(") and not _BREAKS.search(inner)


def is_participle(word: str) -> bool:
    return bool(_PARTICIPLE.match(word))


def find_existing(text: str, tokens: list[Token], numbers: list[NumberToken], mentions: list[PlaceMention]) -> list[ExistingMention]:
    """Every 'municipality … al N (…participle)' in the message, at most one per municipality.

    Also the shapes that lean on such a clause: 'Zoetermeer en Westland hebben er elk al 12' (one
    amount for each subject when 'elk' says so) and 'Heerlen heeft er al 15 gerealiseerd en Kerkrade 6'
    (the verb left out after 'en': the same role for the next municipality and number).
    """
    found: list[ExistingMention] = []
    words = [t.text for t in tokens]
    munis = [m for m in mentions if m.municipality is not None]
    amounts = [
        n for n in numbers
        if n.integer and not n.percent and not (n.end < len(words) and words[n.end] in _TIME_UNITS) and not _dated(words, n)
    ]

    def add(m: PlaceMention, n: NumberToken) -> None:
        assert m.municipality is not None
        if all(e.municipality != m.municipality.name for e in found):
            found.append(ExistingMention(m.municipality.name, int(n.value), n, m))

    for k, m in enumerate(munis):
        stop = munis[k + 1].start if k + 1 < len(munis) else len(tokens)
        for n in amounts:
            if n.start < m.end or n.start >= min(stop, m.end + _WINDOW):
                continue
            if _clause_gap(text, tokens, m.end - 1, n.start) and not _labelled(text, tokens, m.end - 1, n.start) and not _said_already(text, tokens, m, n):
                break
            between = words[m.end : n.start]
            after = words[n.end : n.end + 3]
            already = bool(set(between) & ALREADY) or bool(set(words[n.end : n.end + 2]) & ALREADY)  # 'Heerlen: 25 al gedaan'
            done = bool(set(between) & _HAVE) and any(is_participle(w) for w in after)
            if set(between) & _JOINT:  # 'Heerlen en Kerkrade hebben er samen al 40': not one municipality's; asked about
                break
            if already or done:
                add(m, n)
                if set(between) & _EACH:  # 'Zoetermeer en Westland hebben er elk al 12'
                    j = k - 1
                    while j >= 0 and words[munis[j].end : munis[j + 1].start] in (["en"], [], ["of"]):
                        add(munis[j], n)
                        j -= 1
            break
    for m, n in _under_a_heading(text, tokens, munis, amounts) + _pairs_then_already(text, tokens, munis, amounts) + _number_then_place(tokens, munis, amounts):
        add(m, n)  # 'Al gerealiseerd: Wassenaar 10, Voorschoten 5.', 'Nijmegen 30 en Arnhem 25 zijn al klaar'
    for m in munis:  # 'Heerlen heeft er al 15 gerealiseerd en Kerkrade 6'
        if not found or any(e.mention is m for e in found) or m.start == 0:
            continue
        nxt = next((n for n in amounts if 0 <= n.start - m.end <= 3 and all(w in _LINK_WORDS or w in ALREADY or w in _HAVE for w in words[m.end : n.start])), None)
        earlier = [e for e in found if e.number.end <= m.start]
        # what stands between the last clause's number and this place: 'en', 'ook', its participle
        # ('Westerkwartier heeft er 18 gebouwd, Het Hogeland 6')
        linked = bool(earlier) and (words[m.start - 1] in ("en", "ook") or _clause_tail(text, tokens, earlier[-1].number.end, m.start))
        if nxt is not None and linked:
            add(m, nxt)
    return found


def _gap(text: str, tokens: list[Token], i: int) -> str:
    """The characters between token i-1 and token i ('' at the start)."""
    return text[tokens[i - 1].end : tokens[i].start] if i > 0 else ""


def _under_a_heading(text: str, tokens: list[Token], munis: list[PlaceMention], amounts: list[NumberToken]) -> list[tuple[PlaceMention, NumberToken]]:
    """'Al gerealiseerd: Wassenaar 10, Voorschoten 5', 'Reeds gehuisvest: Delft 12 en Rijswijk 3': a
    heading that says 'already' (an already-word or a past participle) and ends in a colon, then pairs of
    a municipality and its number, up to the end of the sentence."""
    words = [t.text for t in tokens]
    pairs: list[tuple[PlaceMention, NumberToken]] = []
    for i in range(1, len(tokens)):
        if _gap(text, tokens, i).strip() != ":":
            continue
        start = i - 1
        while start > 0 and not tokens[start].after_break:
            start -= 1
        heading = words[start:i]
        if not (set(heading) & ALREADY or any(is_participle(w) for w in heading)):
            continue
        pairs += _pair_run(text, tokens, munis, amounts, i)[0]
    return pairs


def _pair_run(text: str, tokens: list[Token], munis: list[PlaceMention], amounts: list[NumberToken], at: int) -> tuple[list[tuple[PlaceMention, NumberToken]], int]:
    """'Wassenaar 10, Voorschoten 5 en Delft 2' from token `at`: each municipality right before its number,
    joined by commas or 'en', up to the end of the sentence; returns the pairs and where the run ends."""
    words = [t.text for t in tokens]
    pairs: list[tuple[PlaceMention, NumberToken]] = []
    end = at
    while True:
        m = next((m for m in munis if m.start == at), None)
        n = next((n for n in amounts if m is not None and n.start == m.end), None)
        if m is None or n is None:
            return pairs, end
        pairs.append((m, n))
        end = n.end
        if n.end >= len(tokens) or re.search(r"[.!?;]", _gap(text, tokens, n.end)):
            return pairs, end  # the sentence ends
        at = n.end + (1 if words[n.end] == "en" else 0)


def _number_then_place(tokens: list[Token], munis: list[PlaceMention], amounts: list[NumberToken]) -> list[tuple[PlaceMention, NumberToken]]:
    """'de 12 die Heerlen al heeft gerealiseerd', 'de 30 woningen die Delft al bouwde': the number first, a
    relative pronoun, the municipality, then an already-word in the same clause."""
    words = [t.text for t in tokens]
    found: list[tuple[PlaceMention, NumberToken]] = []
    for n in amounts:
        j = n.end + (1 if n.end < len(words) and words[n.end] in UNIT_WORDS else 0)
        if j >= len(words) or words[j] not in ("die", "dat", "welke", "waarvan"):
            continue
        m = next((m for m in munis if m.start == j + 1), None)
        clause = words[j + 1 : j + 7]
        if m is not None and set(clause) & ALREADY and not any(tokens[k].after_break for k in range(j + 1, min(j + 4, len(tokens)))):
            found.append((m, n))
    return found


_DONE_WORDS = frozenset(["klaar", "gedaan", "af", "gereed", "opgeleverd", "geregeld", "gerealiseerd", "gehuisvest", "gebouwd"])


def _pairs_then_already(text: str, tokens: list[Token], munis: list[PlaceMention], amounts: list[NumberToken]) -> list[tuple[PlaceMention, NumberToken]]:
    """'Nijmegen 30 en Arnhem 25 zijn al klaar', 'Delft 12, Rijswijk 4: reeds gehuisvest': pairs of a
    municipality and its number, then in the same sentence an already-word with a word of being done."""
    words = [t.text for t in tokens]
    for m in munis:
        if m.start > 0 and not tokens[m.start].after_break and words[m.start - 1] not in ("en",):
            continue  # a run starts a clause
        pairs, end = _pair_run(text, tokens, munis, amounts, m.start)
        tail = words[end : end + 4]
        if pairs and set(tail) & ALREADY and (set(tail) & _DONE_WORDS or any(is_participle(w) for w in tail)):
            return pairs
    return []


def _clause_tail(text: str, tokens: list[Token], end: int, start: int) -> bool:
    """What stands between the last existing clause's number and the next place is only the end of that
    clause: its participle, unit or separable particle ('Westerkwartier heeft er 18 gebouwd, Het Hogeland 6',
    'Enschede biedt er nu al 30 aan, Hengelo 12'), or up to three words closed by a comma. The next place
    and its number then repeat the clause with the verb left out."""
    words = [t.text for t in tokens[end:start]]
    if not 0 <= len(words) <= 3 or any(w[:1].isdigit() for w in words):
        return False
    if all(w in ("en", "ook") or w in ALREADY or is_participle(w) or w in UNIT_WORDS or w in _PARTICLES for w in words):
        return True
    return start > 0 and bool(_BREAKS.search(text[tokens[start - 1].end : tokens[start].start]))


_PARTICLES = frozenset(["aan", "op", "uit", "in", "af", "mee", "bij", "toe", "over", "weg", "terug", "vast", "klaar", "beschikbaar", "staan", "liggen"])
"""The particle of a separable verb or a predicate that closes a clause ('biedt er 30 aan', 'vangt er 12 op')."""


_LINK_WORDS = frozenset(["er", "ook", "op", "met", "aan", "nu", "nog", "zit", "zitten", "staat", "staan", "dus", "zo", "n", "ongeveer", "circa"])
"""What may stand between the next municipality and its number when the verb is left out: 'Arnhem zit
al op 70, Zevenaar op 12 en Rheden op 9', 'Heerlen heeft er al 15 en Kerkrade nu 6'."""


NOTHING = frozenset(["niks", "niets", "geen", "nul"])
"""'Nijmegen had nog niks gedaan': the words for none of it."""


def find_nothing_done(text: str, tokens: list[Token], mentions: list[PlaceMention]) -> list[str]:
    """'stel dat Nijmegen nog niks gedaan had': municipalities whose existing effort is taken away (a
    nothing-word and a past participle in the clause after the name)."""
    words = [t.text for t in tokens]
    cleared: list[str] = []
    for m in mentions:
        if m.municipality is None:
            continue
        window = words[m.end : m.end + _WINDOW]
        cut = next((i for i in range(1, len(window)) if _clause_gap(text, tokens, m.end + i - 1, m.end + i)), len(window))
        clause = window[:cut]
        if set(clause) & NOTHING and any(is_participle(w) for w in clause) and m.municipality.name not in cleared:
            cleared.append(m.municipality.name)
    return cleared
