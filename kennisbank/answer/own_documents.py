"""A document the user added, when it answers about as well, comes before a shipped card.

Someone who indexes a law, a decree or a policy note asks about it: in a library of cards and their own
documents, a card that shares the question's everyday words ("corporatie", "gemeente") often edges out the
article that answers it in legal words. Within the fused ranking a user's passage gets OWN_DOCUMENT_LEAD;
a card still wins when it is clearly better (the lead is a fraction of the fused score's 0..1 range), and
with only cards (or only own documents) nothing changes. The window is a fixed number of passages, so the
work does not grow with the library.
"""

from __future__ import annotations

from kennisbank.ingest.discovery import CARD_PREFIX
from kennisbank.models import Hit

OWN_DOCUMENT_LEAD = 0.1
"""Fused-score lead of a user's own passage over a card (fused scores run from 0 to 1). Measured with
bench/bench_answers.py-style runs on the gov_* tuning sets (0 / 0.1 / 0.2) and, as the check that cards do not
lose, the cards_* tuning questions asked in the same library of cards plus government texts: 0.1 gained two
first passages on each government set and cost no card question."""
WINDOW = 20
"""Passages of the fused ranking that are re-ordered (the k shown come from these)."""


def prefer_own(hits: list[Hit], k: int) -> list[Hit]:
    """The k best of `hits` after giving the user's own passages their lead."""
    if not any(hit.source.startswith(CARD_PREFIX) for hit in hits) or all(hit.source.startswith(CARD_PREFIX) for hit in hits):
        return hits[: max(k, 1)]

    def lead(hit: Hit) -> float:
        return hit.score + (0.0 if hit.source.startswith(CARD_PREFIX) else OWN_DOCUMENT_LEAD)

    return sorted(hits, key=lead, reverse=True)[: max(k, 1)]
