"""The answer gate: whether the found passages answer the question, and which sentences to quote.

A specific the material never has (a name, place, year or amount) rules an answer out. A content word the
material never uses does not on its own: users say "vergelijk", "knelpunten", "binding" or "beslecht" where
the material says "verschil", "problemen", "gebonden" or "behandelt". The evidence is graded instead:
- most of what the question names is absent (more unknown content words than known ones): no answer;
- an unknown word the best sentence does not carry: leaving the word out of the question brings the
  question *closer* to that sentence (by more than ABLATION_DROP), so the sentence is about the rest of the
  question, not about what the word asks (the colour of the front doors, the pay per hour);
- every other unknown word raises the bound the best sentence must clear by UNKNOWN_STEP.
None of these counts a common word that stands only in the asker's case (a sentence before the asked one: "Een
huurder heeft een traplift nodig. Mag de gemeente de woningaanpassing aanbrengen?") or that only renames a word
the material knows ('het onderzoek (keukentafelgesprek)'): the question is asked in the material's words
(kennisbank.answer.asker.circumstance). A name, a place written in lower case and a word of the asked sentence
count as before.
Both measures are cosines of the model itself, on the question and the material at hand: nothing is a list
of words, so they hold on documents that were never seen when they were set.
A word the material writes another way is no unknown word at all (kennisbank.answer.word_forms): 'client' for
'cliënt', 'afrondmethode' for 'afrondingsmethode', 'binding' beside 'gebonden', 'Hvw', 'B&W', 'pgb' and 'woco'
for words of the found passages; nor is a function word ('niks', 'daarmee', 'hoelang').
English, which international staff write in whole or in part, is read the same way: an English function word ('I',
'the', 'until': the English stop words that ship with bm25s) is no name and no unknown word; an English content word
('houses', 'affordable': the English dictionary knows it, the Dutch one does not), in a question that writes English,
is a synonym in the user's other language and counts neither against the coverage nor in the bound; the English
interrogatives are read as their Dutch ones ('how many' as 'hoeveel': kennisbank.answer.question_kinds.dutch_reading).
A place, a year or a name the material lacks is refused in English as in Dutch.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from kennisbank.answer.answer_type import (
    absent_places,
    asks_value,
    named_roots,
    place_words,
    question_roots,
    without_references,
)
from kennisbank.answer.answer_type import lacking as lacking_value
from kennisbank.answer.asker import circumstance, without_context
from kennisbank.answer.evidence import ANSWER_CHUNKS, MAX_SENTENCES, Candidate, as_answer, candidates, choose, score_candidates, weigh_shape
from kennisbank.answer.not_known import NOT_KNOWN, says_asked_unknown
from kennisbank.answer.places import as_names, as_regions, membership_lines, refusal_lines
from kennisbank.answer.quantity import gives_count, mentions_counted
from kennisbank.answer.question_kinds import (
    ENGLISH_NOTE,
    QUESTION_WORDS,
    REQUEST_WORDS,
    AnswerKind,
    answer_kind,
    defined_term,
    defines,
    dutch_reading,
    halves,
    looks_english,
    missing_line,
    missing_specifics,
    unknown_line,
)
from kennisbank.answer.shape import gives_value
from kennisbank.answer.sides import on_own_side
from kennisbank.answer.which_ones import names_no_members
from kennisbank.answer.word_forms import (
    abbreviates,
    compound_parts,
    function_word,
    material_roots,
    root,
    same_compound,
    spellings,
)
from kennisbank.models import Hit, SearchResponse, Side
from kennisbank.store.base import Store
from koploper.text import dictionary_word, english_dictionary_word, english_function_word, english_word

if TYPE_CHECKING:
    from kennisbank.model.encoder import QueryEncoder
    from kennisbank.search.lexical import LexicalIndex


class AnswerCalibration(NamedTuple):
    """How the quoted answer is chosen, for one kind of stored sentence vectors."""

    bound: float
    """Below this cosine between the question and the closest chosen sentence the material is taken to
    have nothing on the question (answer null). The bound alone does not separate near-topic questions;
    a missing specific and the graded evidence on unknown words do most of that (see the module docstring)."""
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


UNKNOWN_STEP = 0.01
"""Bound raised per content word of the question that the material never uses (bench/bench_answers.py)."""
ABLATION_DROP = 0.01
"""An unknown word whose removal from the question raises the best sentence's cosine by more than this is
not what that sentence is about. Measured on the tuning halves, the development sets and the near-topic
questions: answerable questions with a paraphrased word lie between -0.008 and +0.015, questions about
something absent (colour, pets, passwords, lunch) mostly below -0.01."""


def _sentence_starts(text: str) -> set[int]:
    """Positions of the words that open a sentence (a capital there is no name)."""
    starts = {0}
    for match in re.finditer(r"[.!?:]\s+", text):
        starts.add(match.end())
    return starts


def _no_word_here(word: str, english: bool) -> bool:
    """An English function word ('I', 'the', 'until'; koploper.text.english_function_word) that names nothing here: in a
    question written in English any of them, in a Dutch one those the Dutch dictionary does not know ('we', 'over' and
    'door' are Dutch words and stay as they were)."""
    return english_function_word(word) and (english or not dictionary_word(word.lower()))


def unknown_words(lexical: LexicalIndex, query: str, names_only: bool = False, english: bool | None = None) -> list[str]:
    """Words of the question, as written, that the material never mentions: names (capitalised, not
    the first word) and every other content word.

    A question about Vaals, about the hourly pay of a kwartiermaker or about solar panels cannot be
    answered from material that never names them, however close in meaning the rest of it comes:
    e5's cosines for such near-topic questions overlap those of answerable ones. `names_only`: the names alone
    (checked before everything else). An English function word
    is neither (`_no_word_here`; `english`: the question is written in English, by default as `looks_english` tells).
    """
    from kennisbank.search.lexical import cap_query, stopwords

    # letters joined by inner hyphens or apostrophes ("ggz-instellingen", "regio's"); "dak- en" and
    # "'eerlijk aandeel'" leave the hyphen and the quotes out
    text = cap_query(query)
    starts = _sentence_starts(text)
    stop = stopwords() | REQUEST_WORDS
    english = looks_english(query) if english is None else english
    unknown: list[str] = []
    for match in re.finditer(r"[^\W_]+(?:['’&-][^\W_]+)*", text):  # 'B&W' is one word
        word = match.group(0)
        if any(character.isdigit() for character in word):
            continue  # a code with digits (G13, H2, Wmo-2015): its letters alone are no word to look up
        lowered = word.lower()
        if _no_word_here(lowered, english):
            continue  # 'I', 'There', 'until': English names no thing with them
        name = match.start() not in starts and word[0].isupper()
        content = not names_only and lowered not in stop and len(lowered) > 2 and not function_word(lowered)
        if (name or content) and not _knows(lexical, word) and word not in unknown:
            unknown.append(word)
    return unknown

def _knows(lexical: LexicalIndex, word: str) -> bool:
    """A word the material has; 'MRA-programma' when it has each part ('MRA' and 'programma'); 'kiest'
    when it has its dictionary form 'kiezen'; 'D'Hondt' when it has 'd', 'hondt' as written; 'client' when
    it has 'cliënt'; 'afrondmethode' when it has 'afrondingsmethode'; 'binding' when it has 'gebonden'
    (kennisbank.answer.word_forms). A stopword ('het' of 'het hogeland') is known: the word index leaves
    stopwords out by design, not because the material lacks them."""
    from kennisbank.answer.lemmas import lemma
    from kennisbank.search.lexical import stopwords

    if word.lower() in stopwords():
        return True
    if "&" in word:
        return False  # 'B&W' is the initials of words, known only beside the found passages (`_short_for`)
    parts = [part for part in re.split(r"[-'’]", word) if part]
    if lexical.covers(word) or (len(parts) > 1 and all(lexical.covers(p) for p in parts if len(p) > 1)):
        return True
    base = lemma(word)
    if base != word.lower() and lexical.covers(base):
        return True
    if any(lexical.covers(other) for other in spellings(word)) or same_compound(word, lexical.splitter.vocabulary):
        return True
    return "-" not in word and root(word) in _roots(lexical)


@lru_cache(maxsize=2)
def _roots(lexical: LexicalIndex) -> frozenset[str]:
    """The roots of the words the material uses ('gebonden' → 'binden'), once per word index."""
    return material_roots(lexical.splitter.vocabulary)


def _common(lexical: LexicalIndex, word: str) -> bool:
    """A common word of the language, no name: written in lower case, and a dictionary word whose dictionary
    form is lower case ('traplift', 'meewerken'; not 'belgie', whose form is 'België'), or a compound of
    dictionary words whose last part the material uses ('keukentafelgesprek': 'gesprek'). A place written in
    lower case ('apeldoorn', 'drechtsteden') is neither, and stays a specific the material lacks."""
    from kennisbank.answer.lemmas import lemma

    if word != word.lower() or not word.isalpha():
        return False
    if dictionary_word(word):
        return lemma(word) == lemma(word).lower()
    return any(_knows(lexical, parts[-1]) for parts in compound_parts(word, dictionary_word))


def _place(word: str) -> bool:
    """The word names a place the gazetteer or the region registry knows, however written ('zwolle')."""
    from koploper.gazetteer import mentions

    return word.lower() in place_words() or any(m.text.lower() == word.lower() for m in mentions(word))


def _foreign(word: str, english: bool, mixed: bool) -> bool:
    """An English word the Dutch material cannot be expected to use, no place: in a question that writes English
    function words (`mixed`: 'how many new houses until 2030? En hoeveel …') one the Dutch dictionary does not know
    ('houses', 'affordable'), in a question written in English any word of the English dictionary ('association',
    'research'): a synonym in another language, no specific the material lacks. Without English grammar around it a
    word stays Dutch ('max', 'benchmark' in a Dutch sentence are graded like any word the material does not use)."""
    lowered = word.lower()
    return ((mixed and english_word(lowered)) or (english and english_dictionary_word(lowered))) and not _place(word)


def _no_place(lexical: LexicalIndex, word: str) -> bool:
    """A word of the asker's case may be discounted unless it names a place: a common word (`_common`), or any
    word the gazetteer and the region registry do not know as a place ('Scope', 'amv'ers'); 'apeldoorn' or
    'zwolle' written in lower case stays a specific the material lacks."""
    if _place(word):
        return False
    return _common(lexical, word.lower()) or not dictionary_word(word.lower())  # not the name 'Duitsland'


def _names(lexical: LexicalIndex, query: str, english: bool) -> list[str]:
    """The capitalised words of the question (no sentence openers) that the material never mentions."""
    return unknown_words(lexical, query, names_only=True, english=english)


def _weak_words(
    unknown: list[str], query: str, query_vector: np.ndarray, best: Candidate, best_vector: np.ndarray, embedder: QueryEncoder
) -> list[str]:
    """The unknown words the best sentence does not carry: without them the question comes closer to it."""
    import numpy as np

    ablated = [re.sub(r"\s+", " ", re.sub(r"(?<![\w'’-])" + re.escape(word) + r"(?![\w'’-])", " ", query)).strip() for word in unknown]
    vectors = embedder.encode_queries(ablated)
    base = float(best_vector @ query_vector)
    return [word for word, vector in zip(unknown, vectors, strict=True) if float(best_vector @ np.asarray(vector)) - base > ABLATION_DROP]

def place_refusal(response: SearchResponse) -> None:
    """A refusal about a municipality the question names says where it belongs and what the rekenmodule can
    tell instead (kennisbank.answer.places.refusal_lines); run after `answer`."""
    if response.answer is None and response.note:
        response.note = " ".join([response.note, *refusal_lines(as_names(response.query))])


def answer(
    response: SearchResponse,
    query_vector: np.ndarray,
    lexical: LexicalIndex,
    store: Store,
    embedder: QueryEncoder,
    sentence_vectors: int,
    members: int = 0,
    continued: dict[str, Hit] | None = None,
    completing: frozenset[str] = frozenset(),
    side: Side | None = None,
) -> None:
    """Fill in the quoted answer, or leave it None when the material has nothing on the question.

    `members` is how many passages were put in after their article (kennisbank.answer.members): the answer
    reads that many passages more. `continued`: per passage, the one that goes on with its list or its sentence;
    `completing`: the passages put in only to finish those (kennisbank.answer.members.with_list_items).
    `side`: the question is one column of a comparison, and quotes only what is about its own side
    (kennisbank.answer.sides). A refusal gets its place lines from `place_refusal`."""
    if not response.results:
        return
    english = looks_english(response.query)
    question = dutch_reading(response.query)  # 'how many' asks a count like 'hoeveel', 'when' a date like 'wanneer'
    # 'hoeveel statushouders moet berkelland …': a municipality the material never names, however written, is a name it lacks
    written = as_names(question, lambda place: not all(_knows(lexical, word) for word in place.words))
    asked = without_context(written, lambda name: _knows(lexical, name))  # 'wij als gemeente (Zwolle)'
    abbreviations = _abbreviations(response.results)
    texts = [f"{hit.title}. {hit.section}. {hit.text}" for hit in response.results]
    names = [name for name in _names(lexical, asked, english) if not _short_for(lexical, name, abbreviations, texts) and not _common_compound(lexical, name)]
    if names:
        response.note = unknown_line(names)  # a place, person or organisation the material never names
        return
    absent = unknown_words(lexical, asked, english=english)
    mixed = english or any(_no_word_here(word, english=False) for word in re.findall(r"[^\W\d_]+", response.query))
    foreign = [w for w in absent if _foreign(w, english, mixed)]
    short = [w for w in absent if _short_for(lexical, w, abbreviations, texts)]
    case = [w for w in absent if w not in short and _no_place(lexical, w) and circumstance(response.query, w, lambda other: _knows(lexical, other))]
    # an English word ('houses', 'affordable') is a synonym in the user's other language: like the old English-only
    # path, it neither counts against the coverage nor raises the bound; a Dutch word and a name still do
    unknown = [w for w in absent if w not in short and w not in case and w not in foreign]
    if _coverage(lexical, asked, short + case, foreign, english) < 0.5:
        # most of what the question names is absent (the recipe for pea soup)
        if unknown:
            response.note = unknown_line(unknown)
        return
    window = response.results[: ANSWER_CHUNKS + members]
    found = candidates(response.results, members, completing)
    query_terms = set(lexical.query_terms(response.query))
    stored = store.sentence_vectors(list(dict.fromkeys(c.hit.id for c in found)))
    score_candidates(
        found, query_vector, embedder.encode_passages, query_terms, lexical.text_terms, stored
    )
    weigh_shape(found, question, query_terms, lexical.text_terms)
    found = on_own_side(found, side)  # one column of a comparison: about its own side
    calibration = ANSWER_CALIBRATION.get(sentence_vectors) or ANSWER_CALIBRATION[max(ANSWER_CALIBRATION)]  # unknown: newest
    chosen = choose(found, calibration.margin, window, continued, answer_kind(question) is AnswerKind.PROBLEMS)
    if not chosen:
        return
    best = max(chosen, key=lambda c: c.semantic)
    if best.semantic < calibration.bound + UNKNOWN_STEP * len(unknown):
        if unknown:
            response.note = unknown_line(unknown)
        return
    if unknown:
        vector = stored.get(best.hit.id, {}).get((best.start, best.end))
        best_vector = np.asarray(vector if vector is not None else embedder.encode_passages([best.text])[0], dtype=np.float32)
        weak = _weak_words(unknown, response.query, query_vector, best, best_vector, embedder)
        if weak:
            response.note = unknown_line(weak)
            return
    anchored = [c for c in chosen if (query_terms - {t for t in query_terms if t.isdigit()}) & lexical.text_terms(c.text)]
    context = _context(chosen) + _defining_context(question, chosen)
    places = absent_places(named_as_in_material(asked, response.results), _found_context(response.results))
    missing = missing_specifics(
        as_regions(places, context),  # a member municipality is covered by its region's material (not for a value: `lacking_value`)
        context + [w for w in short if abbreviates(w, context)],  # 'Hvw' is named by 'Huisvestingswet'
        [text for c in anchored for text in (c.text, c.hit.section, c.hit.title)],
    )
    if missing:
        # a question about 2031 is not answered by a sentence about 2022, however close in meaning; a member
        # municipality whose region is missing is named as the user named it
        own = missing_specifics(places, context, [text for c in anchored for text in (c.text, c.hit.section, c.hit.title)])
        response.note = missing_line(own or missing)
        return
    short_of = _count_or_members_lacking(question, chosen, lexical)
    if short_of is not None:
        response.note = missing_line([short_of])
        return
    lacking = gives_value(question, [c.text for c in chosen])
    if lacking is not None:
        # "Wat is de inkomensgrens in euro's?" is not answered by the article that introduces the limit
        response.note = missing_line([lacking.value])
        return
    without = lacking_value(
        question,
        places,
        [(c.text, c.hit.section, _context([c])) for c in chosen],
        lexical.covers,
        [c.hit.text for c in chosen],
        [(hit.title, hit.section, hit.text) for hit in response.results],
    )
    if without is not None:
        # "Hoe heet de kwartiermaker van Haaglanden?" is not answered by the name of the national one
        response.note = missing_line([without])
        return
    later = _not_known_later(response.results[len(window) :], len(window), query_vector, query_terms, lexical, store, embedder)
    quoted = asked_unknown(found + later, chosen, question, places, calibration.margin) or unknown_value_first(
        not_known_first(chosen, question), question, places
    )
    response.answer, response.answer_sentences = as_answer(quoted)
    notes = [*membership_lines(written, [text for c in quoted for text in (c.text, c.hit.section)]), *([ENGLISH_NOTE] if english else [])]
    if notes:
        response.note = " ".join(notes)


def _not_known_later(
    hits: list[Hit], rank: int, query_vector: np.ndarray, query_terms: set[str], lexical: LexicalIndex, store: Store, embedder: QueryEncoder
) -> list[Candidate]:
    """The scored sentences of the found passages after the answer window (`hits`, the first at `rank`) that say
    something is not known: one of them may say it of the very thing asked (`asked_unknown`)."""
    later = [c for c in candidates(hits) if NOT_KNOWN.search(c.text)]
    stored = store.sentence_vectors(list(dict.fromkeys(c.hit.id for c in later))) if later else {}
    score_candidates(later, query_vector, embedder.encode_passages, query_terms, lexical.text_terms, stored)
    for candidate in later:
        candidate.hit_rank += rank
    return later


def _count_or_members_lacking(query: str, chosen: list[Candidate], lexical: LexicalIndex) -> str | None:
    """What the chosen sentences lack of a count or of a group's members: "Hoeveel inwoners …?" is not answered
    by "zeven gemeenten", "Welke corporaties zitten in de G13?" not by "alle dertien Groninger woningcorporaties",
    however close in meaning (kennisbank.answer.quantity, kennisbank.answer.which_ones). None when nothing lacks."""
    if not gives_count(query, [text for c in chosen for text in (c.text, c.hit.section)], lexical.covers):
        return "dat aantal"
    if names_no_members(query, [c.text for c in chosen]):
        return "die namen"
    return None


def _acronyms(text: str) -> list[str]:
    """The initials of runs of two to five words: questions name a law or a group by them ('Wmo' for the
    Wet maatschappelijke ondersteuning, 'BW' for beschermd wonen) where the text writes the words out."""
    from kennisbank.search.lexical import stopwords

    words = [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in stopwords() or w[0].isupper()]
    return ["".join(w[0] for w in words[i : i + n]) for n in range(2, 6) for i in range(len(words) - n + 1)]


def _abbreviations(hits: list[Hit]) -> frozenset[str]:
    """The initials (lower case) of the runs of words in the found passages, their headings and titles."""
    return frozenset(a.lower() for hit in hits for a in _acronyms(f"{hit.title}. {hit.section}. {hit.text}"))


def _abbreviates(word: str, abbreviations: frozenset[str]) -> bool:
    """A capitalised part of the word ('Wlz' of 'Wlz-indicatie') is the initials of words in the found passages:
    it names what they write out, no place or person the material lacks (its other parts are content words)."""
    return any(part.lower() in abbreviations for part in re.split(r"[-'’]", word) if len(part) > 1 and part[0].isupper())


def _abbreviated(lexical: LexicalIndex, word: str, abbreviations: frozenset[str]) -> bool:
    """'Wlz-zorg', 'DAEB-taken': every part of the word is a word of the material or the initials of words
    that stand in the found passages ('Wet langdurige zorg', 'diensten van algemeen economisch belang')."""
    parts = [part for part in re.split(r"[-'’]", word) if len(part) > 1]
    return _abbreviates(word, abbreviations) and all(part.lower() in abbreviations or lexical.covers(part) for part in parts)


def _coverage(lexical: LexicalIndex, query: str, short: list[str], foreign: tuple[str, ...] | list[str] = (), english: bool = False) -> float:
    """Share of the question's content words the material knows, as `_knows` knows them ('kiest',
    'afrondmethode', 'client'), or that name what the found passages write out (`short`); function words
    ('niks', 'daarmee') and English words (`foreign`: 'houses', 'until'; the Dutch material cannot use them) do not count."""
    from kennisbank.search.lexical import cap_query, stopwords, words

    stop = stopwords()
    shorts = {part.lower() for word in short for part in re.split(r"[-'’&]", word)}
    skip = {word.lower() for word in foreign}
    content = [
        t for t in words(cap_query(query)) if t not in stop and (len(t) > 1 or t.isdigit()) and not function_word(t) and not _no_word_here(t, english) and t not in skip
    ]
    if not content:
        return 1.0
    return sum(lexical.covers(t) or t in shorts or _knows(lexical, t) for t in content) / len(content)


def _common_compound(lexical: LexicalIndex, word: str) -> bool:
    """'Wmo-loket', 'EU-migrant': capitalised only through a known name before the hyphen; the rest is a common
    noun, which the graded evidence weighs like any content word instead of refusing it as a name."""
    parts = [part for part in re.split(r"[-'’]", word) if part]
    named = [part for part in parts if part[0].isupper()]
    return len(parts) > 1 and len(named) < len(parts) and all(_knows(lexical, part) for part in named)


def _short_for(lexical: LexicalIndex, word: str, abbreviations: frozenset[str], texts: list[str]) -> bool:
    """The word, or each of its parts that the material lacks, is a short form of words in the found passages
    ('Hvw', 'B&W', 'woco', 'DAEB-taken') or the found passages hold its short form ('azc' for
    'asielzoekerscentrum'): it names what they write (kennisbank.answer.word_forms.abbreviates)."""
    if _abbreviated(lexical, word, abbreviations) or abbreviates(word, texts):
        return True
    parts = [part for part in re.split(r"[-'’]", word) if len(part) > 1]
    return len(parts) > 1 and all(lexical.covers(part) or abbreviates(part, texts) for part in parts)


def _context(chosen: list[Candidate]) -> list[str]:
    """What the chosen sentences stand in: the sentences, their headings, titles and region names.

    A year or amount must be in a quoted sentence or its heading; a region may also be named by its
    title or one of its aliases ('Twente' for Regio Enschede), a law by the initials of its title.
    """
    texts: list[str] = []
    for candidate in chosen:
        hit = candidate.hit
        texts += [candidate.text, hit.section, hit.title, *_acronyms(f"{hit.title}. {hit.section}. {candidate.text}"), *_region_names(hit)]
    return texts


def _defining_context(question: str, chosen: list[Candidate]) -> list[str]:
    """For a question that asks what a term means where ('Wat verstaat men in Parkstad onder …?', '… die regeling in
    Twente'): the whole passage of each chosen sentence that defines the term, with the names of the regions that
    passage names. A definition holds for its entry: the entry may name the place in its next sentence ('Parkstad
    Limburg wil dat voorkomen …') or by another of the region's names ('de regio Enschede' for Twente)."""
    from koploper.regions import registry
    from koploper.text import fold

    term = defined_term(question)
    if term is None:
        return []
    texts: list[str] = []
    for candidate in chosen:
        if not defines(term, candidate.text):
            continue
        passage = f" {fold(candidate.hit.text)} "
        named = {region for alias, region in registry().aliases.items() if re.search(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", passage)}
        texts += [candidate.hit.text, *(name for region in sorted(named) for name in _names_of(region))]
    return texts


def _found_context(hits: list[Hit]) -> list[str]:
    """The found passages with their headings, titles and their regions' names."""
    return [text for hit in hits for text in (hit.text, hit.section, hit.title, *_region_names(hit))]


def _region_names(hit: Hit) -> list[str]:
    """The names of the passage's region: its name, aliases and core cities ('Twente' for Regio Enschede)."""
    return _names_of(hit.region or "")


def _names_of(code: str) -> list[str]:
    """A region's name, aliases and core cities; [] for a code the registry does not know."""
    from koploper.regions import registry

    region = registry().regions.get(code)
    return [] if region is None else [region.name, *region.aliases, *region.core_cities]


def asked_unknown(found: list[Candidate], chosen: list[Candidate], question: str, asked: str, margin: float) -> list[Candidate]:
    """The sentences of the found passages that say the very thing the question asks is not known
    (kennisbank.answer.not_known), when one comes within `margin` of the chosen sentence closest in meaning: that
    sentence alone is the answer, whatever its neighbours state about nearby things. Its context must name the
    question's places, years and counted thing. [] when none does. `asked`: the question with its places capitalised."""
    closest = max(c.semantic for c in chosen)
    said = [
        c
        for c in found
        if c.semantic >= closest - margin
        and says_asked_unknown(question, c.text, asks_yes_or_no(question), answer_kind(question) is AnswerKind.DATE)
        and not missing_specifics(asked, _context([c]), [c.text])  # the asked year in the sentence itself
        and halves(question) <= halves(c.text)  # and the asked half-year: a heading names the other one too
        and mentions_counted(question, c.text)
    ]
    said = sorted(said, key=lambda c: c.score, reverse=True)[:MAX_SENTENCES]
    return sorted(said, key=lambda c: (c.hit_rank, c.hit.id, c.start))


def not_known_first(chosen: list[Candidate], question: str = "") -> list[Candidate]:
    """When the sentence that fits the question best says the thing is not known, that sentence (and any other
    that says so) is the answer: quoting neighbours about nearby facts beside it reads as an answer it is not.
    Only when it is about what the question asks: it names the thing a 'hoeveel' question counts, and the
    question's years and half-years ('Hoeveel gemeenten …?' is not answered by 'hoeveel mensen … is niet bekend').

    A yes/no question ("Is het eindakkoord al getekend?") is answered by the material's own yes/no clause: a
    chosen sentence "Of het eindakkoord is getekend, is niet bekend" says the material does not know, however
    close a neighbour about the tussenakkoord comes; it is quoted alone (see `_says_whether_unknown`)."""
    unknown = _says_whether_unknown(chosen, question)
    if unknown:
        return unknown
    best = max(chosen, key=lambda c: c.score)
    if not NOT_KNOWN.search(best.text) or missing_specifics(question, [best.text]):
        return chosen
    if not mentions_counted(question, best.text):
        return chosen
    return [c for c in chosen if NOT_KNOWN.search(c.text)]


def unknown_value_first(chosen: list[Candidate], question: str, asked: str) -> list[Candidate]:
    """For a question that asks a value or a date, when the sentence closest in meaning says the thing is not
    known ('Een stemming in de Eerste Kamer … is niet openbaar bekend'), the sentences that say so are the answer:
    a neighbour's date or number is about something else. So too when a not-known sentence names every word of
    the question the closest sentence names and more ('stemming' for 'stemt', where the closest is about a
    committee's report): the closest is about something near the asked thing.
    A neighbour that states the very value the not-known sentence names ('het kabinet wil de wet op 1 juli 2026
    laten ingaan' beside '… niet openbaar bekend, dus 1 juli 2026 is een streefdatum') and names as much of the
    question is the value of the asked thing, with its uncertainty: it comes first, then the sentences that say
    what is not known. `asked`: the question with its places capitalised."""
    if len(chosen) < 2 or not (asks_value(question) or answer_kind(question) is AnswerKind.DATE):
        return chosen
    closest = max(chosen, key=lambda c: c.semantic)
    about = [c for c in chosen if NOT_KNOWN.search(c.text) and not missing_specifics(asked, _context([c])) and mentions_counted(question, c.text)]
    if closest not in about:
        roots = question_roots(question)
        near = named_roots(closest.text, roots)
        if NOT_KNOWN.search(closest.text) or not any(named_roots(c.text, roots) > near for c in about):
            return chosen
    unknown = [c for c in chosen if NOT_KNOWN.search(c.text)]
    roots = question_roots(question)
    stated = [
        c
        for c in chosen
        if c not in unknown
        and any(_values(c.text, question) & _values(u.text, question) and named_roots(c.text, roots) >= named_roots(u.text, roots) for u in about)
    ]
    return stated + unknown


_DATED = re.compile(
    r"\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}\b"
    r"|€\s?\d[\d.,]*(?:\s?(?:miljoen|miljard))?|\b\d[\d.,]*\s?(?:%|procent)|\b\d{1,3}(?:\.\d{3})+\b",
    re.IGNORECASE,
)
"""Values precise enough that two sentences naming the same one speak of the same thing: a full date, an
amount in euro, a percentage, a number with thousands ('1 juli 2026', '€ 37,1 miljoen', '14.100')."""


def _values(text: str, question: str) -> set[str]:
    """The precise values a sentence names (`_DATED`), not those that refer or that the question names itself."""
    return {re.sub(r"\s+", " ", match.group(0).lower()) for match in _DATED.finditer(without_references(text, question))}


_WHETHER = re.compile(r"^\W*of\b", re.IGNORECASE)
"""A sentence that opens with an embedded yes/no clause ('Of de raden de visie vaststelden, is niet bekend')."""


def asks_yes_or_no(question: str) -> bool:
    """The question opens with a finite verb ('Is …', 'Heeft …', 'Hebben de raden …', 'Zijn er …'): a yes/no
    question. The verb is recognised by its dictionary form (an infinitive, '-n'); a request to the assistant
    ('Kun je …', 'Vertel …', 'Geef …') is no yes/no question about the material."""
    from kennisbank.answer.lemmas import lemma

    words = re.findall(r"[^\W\d_]+", question.lower())
    if len(words) < 3 or words[0] in REQUEST_WORDS or words[1] in ("je", "jij", "u", "jullie", "me", "mij", "eens"):
        return False
    if words[1] in QUESTION_WORDS:
        return False  # 'Binnen hoeveel weken …', 'Tegen welke prijs …': a preposition before a question word
    first, base = words[0], lemma(words[0])
    return base.endswith("n") and (base != first or (len(first) > 4 and first.endswith("en")) or first == "zijn")


def _says_whether_unknown(chosen: list[Candidate], question: str) -> list[Candidate]:
    """For a yes/no question, the chosen sentences that say the material does not know whether it happened
    ('Of …, is niet bekend'), when they are about the question: they share at least half as many of its terms
    as the chosen sentence that shares most, and the question's names, years and counted thing stand in them
    or in their heading, document or region. [] otherwise."""
    if not asks_yes_or_no(question):
        return []
    most = max(c.lexical for c in chosen)
    return [
        c
        for c in chosen
        if _WHETHER.search(c.text)
        and NOT_KNOWN.search(c.text)
        and c.lexical * 2 >= most
        and not missing_specifics(question, _context([c]))
        and mentions_counted(question, c.text)
    ]


def named_as_in_material(query: str, hits: list[Hit]) -> str:
    """The question with the place names it writes in lower case ('groningen', 'enschede') capitalised, when the
    found passages write that word only with a capital, not at a sentence start: a quote must then mention the
    place like any name the user capitalised. Places are the words of the region registry's names, aliases and
    core cities; other words the passages happen to capitalise ('Onze Minister', 'Staat der Nederlanden') stay."""
    from kennisbank.search.lexical import stopwords

    text = " ".join(f"{hit.title}. {hit.section}. {hit.text}" for hit in hits)
    starts = _sentence_starts(text)
    capital: set[str] = set()
    lower: set[str] = set()
    for match in re.finditer(r"[^\W\d_]+", text):
        word = match.group(0)
        if not word[0].isupper():
            lower.add(word)
        elif match.start() not in starts and not word.isupper():
            capital.add(word.lower())
    names = {word for word in capital - lower if len(word) > 2 and word not in stopwords()} & place_words()
    return re.sub(r"(?<![\w-])[^\W\d_]+(?![\w-])", lambda m: m.group(0).capitalize() if m.group(0) in names else m.group(0), query)
