"""For a question that asks what a term means: the passages that define it, first.

A law defines its terms in one article ("In deze wet wordt verstaan onder: … – mantelzorg: hulp …"), a
glossary under a heading per term. Neither is near the question in meaning when the passage defines ten
other terms beside it, and a card that uses the term often outranks both. The word index is asked for the
term alone; those few passages are read and the ones with a sentence that defines the term (see
kennisbank.answer.question_kinds.defines) go to the front, the user's own documents before the shipped
cards: the law the user added is what "volgens de wet" means to them. The work is bounded by
DEFINITION_K passages, whatever the size of the library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from kennisbank.answer.question_kinds import defines, defines_formally, term_parts
from kennisbank.ingest.discovery import CARD_PREFIX
from kennisbank.ingest.sentences import sentence_spans
from kennisbank.models import Hit

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from kennisbank.search.word_cache import Words
    from kennisbank.store.base import Store

DEFINITION_K = 60
"""Passages of the word index read per definition question (the term alone as the query)."""
MAX_DEFINITIONS = 2
"""Defining passages put first: the user's law and the glossary may both define a term; more would push
out the passages about the question itself."""


def defining_ids(store: Store, words: Words, term: str, mask: np.ndarray | None) -> list[str]:
    """Ids of the passages with a sentence that defines `term`: the user's own documents first, formal
    definitions ('– term: …') before sentences that merely open with the term, then by the word index's score."""
    positions, scores = words.lexical.top(term, DEFINITION_K, mask)
    order = [int(p) for p in np.asarray(positions)[np.argsort(-np.asarray(scores), kind="stable")]]
    ids = [words.ids[p] for p in order]
    stored = store.fetch(ids)
    found: list[tuple[bool, bool, int, str]] = []
    for rank, cid in enumerate(ids):
        if cid not in stored:
            continue
        text, meta, _ = stored[cid]
        sentences = [text[start:end] for start, end in sentence_spans(text)]
        if any(defines(term, sentence) for sentence in sentences):
            formal = any(defines_formally(term, sentence) for sentence in sentences)
            card = str(meta.get("source", "")).startswith(CARD_PREFIX)
            found.append((card, not formal, rank, cid))
    return [cid for *_, cid in sorted(found)][:MAX_DEFINITIONS]


def defining_ids_of(store: Store, words: Words, terms: list[str], mask: np.ndarray | None) -> list[str]:
    """Ids of the passages that define each of `terms`, the first term's first ('wat is beschermd wonen, en wat
    is het verschil met opvang' quotes both). A term no passage defines is looked up by its longer words
    (question_kinds.term_parts): 'taakstelling statushouders' is defined in the law as 'taakstelling'.
    At most 1 + len(term_parts) word-index reads per term, each bounded by DEFINITION_K."""
    found: list[str] = []
    for index, term in enumerate(terms):
        ids = defining_ids(store, words, term, mask)
        for part in term_parts(term) if not ids else []:
            ids = defining_ids(store, words, part, mask)
            if ids:
                break
        found += ids[: MAX_DEFINITIONS if index == 0 else 1]
    return list(dict.fromkeys(found))


def defined_now(terms: list[str], texts: list[str]) -> list[str]:
    """`terms`, and for a term none of `texts` defines whole the first of its parts that one of them defines:
    the terms whose defining sentence should be quoted ('taakstelling' for 'taakstelling statushouders')."""
    found: list[str] = []
    for term in terms:
        found.append(term)
        if not any(defines(term, text) for text in texts):
            found += [part for part in term_parts(term) if any(defines(part, text) for text in texts)][:1]
    return found


def put_first(
    hits: list[Hit], ids: list[str], store: Store, make: Callable[[str, tuple[str, dict[str, Any], Any], float], Hit], k: int
) -> list[Hit]:
    """`hits` with the passages `ids` in front (in that order), still k long."""
    if not ids:
        return hits
    known = {hit.id: hit for hit in hits}
    missing = [cid for cid in ids if cid not in known]
    stored = store.fetch(missing) if missing else {}
    top = hits[0].score if hits else 0.0
    front = [known.get(cid) or make(cid, stored[cid], top) for cid in ids if cid in known or cid in stored]
    rest = [hit for hit in hits if hit.id not in set(ids)]
    return (front + rest)[: max(k, 1)]
