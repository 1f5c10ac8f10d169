"""One side of a comparison: the quote is about the thing its column names, not about the other one.

"Hamilton of D'Hondt, wat is het verschil?" is answered per column with the question as if it named that
method alone. The material often explains the two in one passage, so the sentences nearest to "Hoe werkt
Hamilton?" include "D'Hondt bevoordeelt grote gemeenten": close in meaning, about the other column. What
tells the sides apart is their own words: the words one name has and the other lacks ('historisch' against
'objectief', '2022' against '2023'). A sentence that names only the other side's words is left out of this
column; one that names its own more often is preferred. A word is matched by its opening
letters (PREFIX), so 'objectieve' names 'objectief' and 'historische' names 'historisch' whichever form the
user wrote, and a number as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kennisbank.answer.evidence import Candidate
from kennisbank.answer.question_kinds import fold
from kennisbank.models import Side
from kennisbank.search.lexical import stopwords, words

OWN_SIDE_WEIGHT = 0.04
"""Bonus for a sentence that names its own side more often than the other: about the size of a matching
section heading (evidence.HEADING_WEIGHT) — it decides between sentences of the same meaning, not against meaning."""
PREFIX = 6
"""Letters that identify a word across its inflections ('objectief'/'objectieve', 'historisch'/'historische')."""
_ORDINALS = {"1e": "eerste", "2e": "tweede", "3e": "derde", "4e": "vierde"}
"""'2e helft 2022' as the material writes it ('de tweede helft van 2022')."""


def _keys(text: str) -> list[str]:
    """The text's words as matched here: numbers whole, other words by their opening letters, without
    stopwords; with and without apostrophes (a user writes 'dhondt' for D'Hondt)."""
    text = re.sub(r"\b[1-4]e\b", lambda m: _ORDINALS[m.group(0).lower()], text, flags=re.IGNORECASE)
    stop = stopwords()
    return [w if w.isdigit() else fold(w)[:PREFIX] for w in words(text) if w not in stop and len(w) > 1]


def _distinct(side: Side) -> tuple[set[str], set[str]]:
    own = set(_keys(side.own))
    others = {key for other in side.others for key in _keys(other)}
    return own - others, others - own


def on_own_side(found: Sequence[Candidate], side: Side | None) -> list[Candidate]:
    """The candidates without those that name only the other side; those naming their own side more often get
    OWN_SIDE_WEIGHT (a sentence about the first half of 2023 may date its source in 2022). A sentence that names
    both stays: it may be the one that says how they differ. With `side.named`, only the sentences that name
    their own side (or stand under a heading that names it, or open a list: 'wordt verstaan onder:') stay, when
    there are any. Sides that share all their words (or have none) leave the
    candidates as they are."""
    if side is None:
        return list(found)
    own, other = _distinct(side)
    if not own or not other:
        return list(found)
    kept, naming = [], []
    for candidate in found:
        keys = _keys(candidate.text)
        mine, theirs = sum(k in own for k in keys), sum(k in other for k in keys)
        if theirs and not mine:
            continue
        if mine > theirs:
            candidate.fit += OWN_SIDE_WEIGHT
        section = set(_keys(candidate.hit.section))
        if mine or len(section & own) > len(section & other) or candidate.text.rstrip().endswith(":"):
            naming.append(candidate)  # it names this side, explains it under its heading, or opens a list that may
        kept.append(candidate)
    return naming if side.named and naming else kept
