"""The answer gate: whether the found passages answer the question, and which sentences to quote.

A question word the material never uses rules an answer out (`unknown_words`); so does a year or amount
the chosen sentences do not carry. Otherwise the sentences closest to the question (their vectors were
stored at index time, so no model call) are quoted when the closest clears the calibrated bound.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from kennisbank.answer.evidence import Candidate, as_answer, candidates, choose, score_candidates, weigh_shape
from kennisbank.answer.question_kinds import (
    ENGLISH_NOTE,
    REQUEST_WORDS,
    looks_english,
    missing_line,
    missing_specifics,
    unknown_line,
)
from kennisbank.models import SearchResponse
from kennisbank.store.base import Store

if TYPE_CHECKING:
    import numpy as np

    from kennisbank.model.embedding import Embedder
    from kennisbank.search.lexical import LexicalIndex


class AnswerCalibration(NamedTuple):
    """How the quoted answer is chosen, for one kind of stored sentence vectors."""

    bound: float
    """Below this cosine between the question and the closest chosen sentence the material is taken to
    have nothing on the question (answer null). The bound alone does not separate near-topic questions;
    a question word the material never uses does most of that (`unknown_words`)."""
    margin: float
    """Sentences within this distance of the best one join the answer."""


ANSWER_CALIBRATION = {
    1: AnswerCalibration(bound=0.83, margin=0.08),
    2: AnswerCalibration(bound=0.82, margin=0.06),
}
"""Per IndexState.sentence_vectors (1: a model pass per sentence, 2: late chunking), measured with e5-small
in bench/bench_answer_gate.py. Late-chunked vectors share their passage's context: answerable development
questions reach 0.825 (0.837 with separate vectors), and they lie closer together, so 0.08 let in 104
sentences on the development answers (95 with separate vectors), often a drifting third one; 0.06 gives 88
and keeps every expected fact (44/44). An index made before late chunking keeps its own calibration until
the next `koploper index` or `voorbereiden` embeds it again."""


def unknown_words(lexical: LexicalIndex, query: str, names_only: bool = False) -> list[str]:
    """Words of the question, as written, that the material never mentions: names (capitalised, not
    the first word) and every other content word.

    A question about Vaals, about the hourly pay of a kwartiermaker or about solar panels cannot be
    answered from material that never names them, however close in meaning the rest of it comes:
    e5's cosines for such near-topic questions overlap those of answerable ones. `names_only` for a
    question in English, whose other words the Dutch material cannot be expected to contain.
    """
    from kennisbank.search.lexical import cap_query, stopwords

    # letters joined by inner hyphens or apostrophes ("ggz-instellingen", "regio's"); "dak- en" and
    # "'eerlijk aandeel'" leave the hyphen and the quotes out
    found = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", cap_query(query))
    stop = stopwords() | REQUEST_WORDS
    unknown: list[str] = []
    for position, word in enumerate(found):
        lowered = word.lower()
        name = position > 0 and word[0].isupper()
        content = not names_only and lowered not in stop and len(lowered) > 2
        if (name or content) and not _knows(lexical, word) and word not in unknown:
            unknown.append(word)
    return unknown

def _knows(lexical: LexicalIndex, word: str) -> bool:
    """A word the material has; 'MRA-programma' when it has each part ('MRA' and 'programma'); 'kiest'
    when it has its dictionary form 'kiezen'."""
    from kennisbank.answer.lemmas import lemma

    parts = [part for part in re.split(r"[-'’]", word) if part]
    if lexical.covers(word) or (len(parts) > 1 and all(lexical.covers(p) for p in parts)):
        return True
    base = lemma(word)
    return base != word.lower() and lexical.covers(base)

def answer(
    response: SearchResponse,
    query_vector: np.ndarray,
    lexical: LexicalIndex,
    store: Store,
    embedder: Embedder,
    sentence_vectors: int,
) -> None:
    """Fill in the quoted answer, or leave it None when the material has nothing on the question."""
    if not response.results:
        return
    english = looks_english(response.query)
    unknown = unknown_words(lexical, response.query, names_only=english)
    if unknown:
        response.note = unknown_line(unknown)
        return
    if lexical.coverage(response.query) == 0.0 and not english:
        return  # not one word of the question occurs in the material
    found = candidates(response.results)
    query_terms = set(lexical.query_terms(response.query))
    stored = store.sentence_vectors(list(dict.fromkeys(c.hit.id for c in found)))
    score_candidates(
        found, query_vector, embedder.encode_passages, query_terms, lexical.text_terms, stored
    )
    weigh_shape(found, response.query, query_terms, lexical.text_terms)
    calibration = ANSWER_CALIBRATION.get(sentence_vectors) or ANSWER_CALIBRATION[max(ANSWER_CALIBRATION)]  # unknown: newest
    chosen = choose(found, calibration.margin)
    if not chosen:
        return
    if max(c.semantic for c in chosen) < calibration.bound:
        return
    anchored = [c for c in chosen if (query_terms - {t for t in query_terms if t.isdigit()}) & lexical.text_terms(c.text)]
    missing = missing_specifics(
        response.query, _context(chosen), [text for c in anchored for text in (c.text, c.hit.section)]
    )
    if missing:
        # a question about 2031 is not answered by a sentence about 2022, however close in meaning
        response.note = missing_line(missing)
        return
    response.answer, response.answer_sentences = as_answer(chosen)
    if english:
        response.note = ENGLISH_NOTE


def _context(chosen: list[Candidate]) -> list[str]:
    """What the chosen sentences stand in: the sentences, their headings, titles and region names.

    A year or amount must be in a quoted sentence or its heading; a region may also be named by its
    title or one of its aliases ('Twente' for Regio Enschede).
    """
    from koploper.regions import registry

    texts: list[str] = []
    for candidate in chosen:
        hit = candidate.hit
        texts += [candidate.text, hit.section, hit.title]
        region = registry().regions.get(hit.region or "")
        if region is not None:
            texts += [region.name, *region.aliases, *region.core_cities]
    return texts
