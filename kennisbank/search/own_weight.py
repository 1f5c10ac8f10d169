"""A user's passage that is about the question outranks a shipped card that only touches it.

In a library of cards and the user's own documents (a law, a decree, a policy note), a card shares the
question's everyday words ('urgentie', 'beschermd wonen') and edges out the article that answers it in legal
words. The fused score of each of the user's passages is therefore weighted by 1 + OWN_WEIGHT: the lead
grows with how well the passage matches, so the article that is about the question gains most and one that
only shares a word gains little (a fixed lead, kennisbank.answer.own_documents, lifts both alike). The
weighting reads only where a passage comes from, never its words, so it holds for any document a user adds;
with only cards, or only the user's documents, the order does not change.

The fused ranking is cut after OWN_REACH passages before the weighting, so a user's passage a little below the
cut of the shown window can still come in; the work is a fixed number of passages, whatever the library's size.
"""

from __future__ import annotations

from kennisbank.models import Hit

SHIPPED_PREFIX = "bronnen/"
"""How the index names the shipped cards' sources (kennisbank.ingest.discovery.CARD_PREFIX is this)."""
OWN_WEIGHT = 0.5
"""Share added to the fused score of a user's passage. Chosen on the government questions of rounds 1-7 (the
tuning halves and the released frozen halves, 430 answerable), asked of the cards plus the government texts, by
replaying the fusion of every question: the first passage carries the fact in 206 without, 213 / 215 / 215 with
0.3 / 0.5 / 0.7 over the 20 passages of the window, 219 with 0.5 over OWN_REACH (top 3: 287 → 306); no set lost a
first passage. A fixed lead of 0.3 instead gave 214 (top 3: 296). bench/bench_answers.py confirms it per set."""
OWN_REACH = 40
"""Fused passages weighed (fetched) per question: the 20 of the window and as many below it; a fixed number,
so the work does not grow with the library."""


def shipped(hit: Hit) -> bool:
    """Whether a passage comes from the shipped cards (not from a document the user added)."""
    return hit.source.startswith(SHIPPED_PREFIX)


def weigh_own(hits: list[Hit], k: int) -> list[Hit]:
    """The k best of `hits` after weighting the fused score of the user's passages; unchanged (cut to k)
    when they are all cards or all the user's own."""
    cards = sum(shipped(hit) for hit in hits)
    if cards in (0, len(hits)):
        return hits[: max(k, 1)]
    weighed = [hit if shipped(hit) else hit.model_copy(update={"score": round(hit.score * (1 + OWN_WEIGHT), 6)}) for hit in hits]
    return sorted(weighed, key=lambda hit: -hit.score)[: max(k, 1)]
