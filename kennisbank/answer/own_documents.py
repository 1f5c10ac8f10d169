"""A document the user added, when it answers about as well, comes before a shipped card.

Someone who indexes a law, a decree or a policy note asks about it: in a library of cards and their own
documents, a card that shares the question's everyday words ("corporatie", "gemeente") often edges out the
article that answers it in legal words. Within the fused ranking a user's passage gets OWN_DOCUMENT_LEAD;
a card still wins when it is clearly better (the lead is a fraction of the fused score's 0..1 range), and
with only cards (or only own documents) nothing changes. A question that names the user's document ('volgens
de Woningwet', 'in de Wmo': a law's name or the initials of its title) or asks for an article gives those
passages NAMED_DOCUMENT_LEAD more. The window is a fixed number of passages, so the work does not grow with
the library.
"""

from __future__ import annotations

import re

from kennisbank.models import Hit
from kennisbank.search.own_weight import shipped

OWN_DOCUMENT_LEAD = 0.1
"""Fused-score lead of a user's own passage over a card (fused scores run from 0 to 1). Measured with
bench/bench_answers.py-style runs on the gov_* tuning sets (0 / 0.1 / 0.2) and, as the check that cards do not
lose, the cards_* tuning questions asked in the same library of cards plus government texts: 0.1 gained two
first passages on each government set and cost no card question."""
NAMED_DOCUMENT_LEAD = 0.1
"""Further lead of a user's passage from the document the question names ('volgens de Woningwet', 'in de
Wmo'), or of an article when the question asks for one ('In welk artikel …'). Chosen on the government
questions of rounds 1-2 (bench/bench_ranks.py, zoek's answer: 84 of 166 without, 88 with 0.1)."""
WINDOW = 20
"""Passages of the fused ranking that are re-ordered (the k shown come from these)."""
_LAW_NAME = re.compile(r"\b\w{3,}(?:wet|besluit|regeling|verordening)\b", re.IGNORECASE)
"""How Dutch laws and decrees are named: one word ending in -wet, -besluit, -regeling or -verordening
(Woningwet, Huisvestingswet, Bouwbesluit)."""
_ASKS_ARTICLE = re.compile(r"\b(?:welk|welke|wat voor) (?:wets)?artikel", re.IGNORECASE)


def document_names(title: str) -> set[str]:
    """The names a question may call a document by: the law names in its title, and the initials of its
    title's words up to the first number, comma or bracket ('Wmo' for 'Wet maatschappelijke ondersteuning 2015')."""
    names = {match.group(0).lower() for match in _LAW_NAME.finditer(title)}
    head = re.split(r"[\d,;(]", title, maxsplit=1)[0]
    initials = "".join(word[0] for word in re.findall(r"[^\W\d_]+", head)).lower()
    if len(initials) >= 3:
        names.add(initials)
    return names


def _named(question: str) -> tuple[set[str], bool]:
    words = {word.lower() for word in re.findall(r"[^\W\d_]+", question)}
    return words, bool(_ASKS_ARTICLE.search(question))


def prefer_own(hits: list[Hit], k: int, question: str = "") -> list[Hit]:
    """The k best of `hits` after giving the user's own passages their lead, and a further lead to those of
    the document the question names (or to articles, when it asks for one)."""
    if not any(shipped(hit) for hit in hits) or all(shipped(hit) for hit in hits):
        return hits[: max(k, 1)]
    words, article = _named(question)
    names: dict[str, bool] = {}

    def lead(hit: Hit) -> float:
        if shipped(hit):
            return hit.score
        if hit.title not in names:
            names[hit.title] = bool(words & document_names(hit.title))
        named = names[hit.title] or (article and hit.section.lower().startswith("artikel"))
        return hit.score + OWN_DOCUMENT_LEAD + (NAMED_DOCUMENT_LEAD if named else 0.0)

    return sorted(hits, key=lead, reverse=True)[: max(k, 1)]
