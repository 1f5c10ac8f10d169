"""The words of statute beside the words users say: 'corporatie' where a law says 'toegelaten instelling'.

Dutch laws name their actors and things by fixed legal terms that users seldom say: a housing association is
a "toegelaten instelling" (Woningwet, artikel 19), the municipality acts as "burgemeester en wethouders" or
"het college", a refugee with a residence permit is a "vergunninghouder", and someone tied to a region is
"gebonden". Neither the word index nor e5-small bridges these: the question's words do not occur in the
article, and the article's vector is far from the question (a card that says "corporatie" wins). A question
that uses an everyday word is searched with the legal term as well, when the material uses that term; the
terms are the standard legal register of Dutch public administration and housing law, not words of any
one question or document, so they hold for laws, decrees and circulars that were never seen here.

Matching is by stem and by compound head ('woningcorporaties' has 'corporatie'), so inflections and
compounds count; an expansion the index never uses is left out (it would find nothing).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kennisbank.search.lexical import LexicalIndex

EQUIVALENTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("corporatie", "woningbouwvereniging", "woningstichting"), ("toegelaten instelling",)),
    (("statushouder", "asielzoeker", "vluchteling"), ("vergunninghouder",)),
    (("vergunninghouder",), ("statushouder",)),
    (("b&w", "wethouder"), ("burgemeester en wethouders", "college")),
    (("provincie",), ("gedeputeerde staten",)),
    (("binding", "band", "gebondenheid"), ("gebonden",)),
    (("inwoner",), ("ingezetene",)),
    (("huis", "huizen"), ("woning", "woonruimte", "woongelegenheid")),
    (("dakloze", "dakloos", "daklozen"), ("opvang", "maatschappelijke opvang")),
    (("boete",), ("bestuurlijke boete", "geldboete")),
)
"""(everyday words, legal terms): a question with one of the first is also searched with the second."""


@lru_cache(maxsize=1)
def _stem_table() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    from kennisbank.search.lexical import _stemmer

    stem = _stemmer().stemWord
    return tuple((tuple(stem(w) for w in everyday), legal) for everyday, legal in EQUIVALENTS)


def _has(word_stems: list[str], stems: tuple[str, ...]) -> bool:
    return any(w == s or (len(s) >= 5 and len(w) > len(s) and w.endswith(s)) for w in word_stems for s in stems)


def legal_terms(query: str, lexical: LexicalIndex) -> list[str]:
    """The legal terms for the everyday words of `query` that the material uses and the query does not."""
    from kennisbank.search.lexical import _stemmer, words

    lowered = query.lower()
    tokens = words(lowered) + (["b&w"] if re.search(r"\bb\s*(?:&|en)\s*w\b", lowered) else [])
    word_stems = [_stemmer().stemWord(t) if t != "b&w" else t for t in tokens]
    found: list[str] = []
    for stems, legal in _stem_table():
        if not _has(word_stems, stems):
            continue
        for term in legal:
            if term in lowered or term in found:
                continue
            if all(lexical.covers(part) for part in term.split() if len(part) > 2):
                found.append(term)
    return found


def expanded(query: str, lexical: LexicalIndex) -> str:
    """The query with the legal terms of its everyday words appended (the query itself when none)."""
    terms = legal_terms(query, lexical)
    return f"{query} {' '.join(terms)}" if terms else query
