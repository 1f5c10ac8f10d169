"""Pick the one to three sentences of the best chunks that answer the question, quoted verbatim.

Each sentence of the top chunks is scored by meaning (cosine between the question and the sentence),
by the share of the question's terms it contains, and by its chunk's rank. The best sentence and
those close to it make the answer. Whether to answer at all is decided by `is_answerable`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from kennisbank.answer.definitions import defined_now
from kennisbank.answer.enactment import formula_spans
from kennisbank.answer.lists import LIST_ITEM, cut_off, item_kind
from kennisbank.answer.question_kinds import (
    AnswerKind,
    answer_kind,
    asks_condition,
    defined_terms,
    defines,
    fold,
    kind_fit,
    periods,
    states_condition,
)
from kennisbank.answer.role_holder import asked_role, holds_role
from kennisbank.answer.shape import NUMBER_WORDS, Value, asked_value, carries_value
from kennisbank.ingest.discovery import CARD_PREFIX
from kennisbank.ingest.sentences import is_citation, sentence_spans
from kennisbank.models import AnswerSentence, Hit
from kennisbank.search.lexical import LONG_RUN

ANSWER_CHUNKS = 3
"""How many of the best chunks the answer may quote from."""
MAX_SENTENCES = 3
LEXICAL_WEIGHT = 0.15
"""Weight of the share of question terms found in a sentence, beside its cosine (0..1)."""
RANK_PENALTY = 0.02
"""Score lost per rank of the chunk a sentence comes from: prefer the best chunk on near ties."""
_CONTINUES = re.compile(
    r"^(?:die|dit|dat|deze|daarbij|daarvan|daarin|daarmee|het gaat om|dat zijn|dit zijn|zij|ze)\b", re.IGNORECASE
)
"""A sentence opening like this leans on the one before ('Die acht gemeenten zijn …')."""
_COUNTED = re.compile(r"\b(\d+|" + NUMBER_WORDS + r") ([^\W\d_]{3,})", re.IGNORECASE)
_AGAIN = re.compile(r"^(?:de|die|deze) (\d+|" + NUMBER_WORDS + r") ([^\W\d_]{3,})", re.IGNORECASE)


def names_again(sentence: str, after: str) -> bool:
    """`after` opens with the counted things of `sentence` as known ones ('… in vier sporen.' then 'De vier sporen
    van het programma zijn: …'): it says what they are, so a quote of the count brings it along."""
    again = _AGAIN.match(after)
    if again is None:
        return False
    number, noun = again.group(1).lower(), again.group(2).lower()
    return any(m.group(1).lower() == number and m.group(2).lower() == noun for m in _COUNTED.finditer(sentence))


MIN_WORDS = 4
KIND_WEIGHT = 0.03
"""Bonus for a sentence with the shape the question asks for (a date for 'wanneer', a number for
'hoeveel'): enough to pick it over a neighbour that only shares the words, not to outvote meaning."""
HEADING_WEIGHT = 0.03
"""Bonus when the sentence's section heading has a term of the question (a section titled
'Knelpunten' answers 'Wat zijn de knelpunten …?'), or is an approach section for 'hoe pakt … aan'.
Larger than one rank of RANK_PENALTY: the right section of the second passage beats the first."""
DEFINITION_WEIGHT = 0.05
"""Bonus for the sentence that defines what the question asks the meaning of ('Wat is een standplaats?'):
a definition beats a sentence that uses the term, however close in meaning."""
FIRST_DEFINITION_WEIGHT = 0.1
"""Bonus for a sentence that defines the asked term in the first of the user's own passages that has one: the
search already put that definition first (answer.definitions), and a card's sentence that is nearer in meaning
should not be quoted over the user's law. Cards get none: between two cards the question's other words decide
('Wat is een woonzorgvisie volgens de MRA?' wants the MRA card's sentence, not the glossary's). Chosen on the
government questions of rounds 1-2 (0 / 0.1: 28 / 29 of 46 on gov_tuning, no other change there)."""
OWN_DOCUMENT_WEIGHT = 0.02
"""Bonus for a sentence from a document the user added that is about the question (it defines the term or
its heading names it): the user's own law or policy note beats a shipped card that only touches it."""
PERIOD_WEIGHT = 0.06
"""Bonus for a sentence that names a half-year the question asks about ('de tweede helft van 2022' for '2e
helft 2022'): the figure for the first half is not the answer to a question about the second, however alike
the two sentences read. Larger than the kind and heading bonuses together, so the right half wins."""
TIMED_WEIGHT = 0.06
"""Bonus for a sentence with the period or date the question asks for ('Hoe lang …', 'Binnen welke termijn …',
'Op welke datum …'): a sentence without one is no answer (gate.gives_value refuses it), so within the found
passages the member of the article that has the term beats its siblings that share more of the question's words."""
TIMED = (Value.PERIOD, Value.DATE)
ROLE_HOLDER_WEIGHT = 0.12
"""Bonus for a sentence that names a person with the role a "who" question asks about ('Voorzitter … is Froukje
de Jonge' for 'Wie is voorzitter …?', kennisbank.answer.role_holder): the sentence that lists the body's members
and mentions the role shares more of the question's words, yet names no one. A person named with the asked role
is the answer's type itself, so the bonus is larger than the shape and heading bonuses together."""
_APPROACH_HEADING = re.compile(r"\b(?:aanpak|werkwijze|zo werkt|hoe|rol)\b", re.IGNORECASE)
MAX_LIST_ITEMS = 12
LONG_SENTENCE = 400
"""Sentences longer than this are embedded one by one: in one batch, a single 512-token 'sentence'
(a hex dump, a table flattened to one line) pads every other candidate to its length and made a search
many seconds slower (bench/bench_long_token.py)."""


@dataclass
class Candidate:
    """A sentence of a hit with its scores."""

    hit_rank: int
    hit: Hit
    start: int
    end: int
    semantic: float = 0.0
    lexical: float = 0.0
    fit: float = 0.0
    """Bonus for the answer's shape and a matching section heading (see `weigh_shape`)."""

    @property
    def text(self) -> str:
        return self.hit.text[self.start : self.end]

    @property
    def score(self) -> float:
        return self.semantic + LEXICAL_WEIGHT * self.lexical + self.fit - RANK_PENALTY * self.hit_rank


def candidates(hits: list[Hit], members: int = 0, only_completing: frozenset[str] = frozenset()) -> list[Candidate]:
    """Sentences of the best chunks that could answer: no '(Bron: …)' notes, no fragments, no enactment formula
    of a law (kennisbank.answer.enactment). `members`
    passages put in after their article (kennisbank.answer.members) widen the window by as many. The passages of
    `only_completing` were put in to finish a list or a sentence of the passage before them: they are quoted only
    with it (`choose`), never on their own, so they cannot push a found passage out of the answer."""
    found = []
    rank = -1
    for index, hit in enumerate(hits[: ANSWER_CHUNKS + members]):
        before = hits[index - 1] if index else None
        if not (members and before is not None and (before.source, before.section) == (hit.source, hit.section)):
            rank += 1  # a member put in after its article keeps the article's rank
        if hit.id in only_completing:
            continue
        formula = formula_spans(hit.text)  # the King's words that enact a law answer nothing about it
        for start, end in sentence_spans(hit.text):
            sentence = hit.text[start:end]
            if is_citation(sentence) or len(re.findall(r"\w+", sentence)) < MIN_WORDS or (start, end) in formula:
                continue
            found.append(Candidate(rank, hit, start, end))
    return found


def score_candidates(
    found: list[Candidate],
    query_vector: np.ndarray,
    encode: Callable[[list[str]], np.ndarray],
    query_terms: set[str],
    sentence_terms: Callable[[str], set[str]],
    stored: dict[str, dict[tuple[int, int], np.ndarray]] | None = None,
) -> None:
    """Fill in the semantic and lexical score of every candidate.

    `stored` holds the sentence vectors made at index time (per hit id and span); only sentences
    without one are embedded now, so a normal search makes no model call here.
    """
    if not found:
        return
    stored = stored or {}
    known: list[np.ndarray | None] = [stored.get(c.hit.id, {}).get((c.start, c.end)) for c in found]
    texts = [LONG_RUN.sub(" ", c.text) for c in found]  # what the model reads; the quote stays verbatim
    missing = [i for i, vector in enumerate(known) if vector is None]
    groups = [[i for i in missing if len(texts[i]) <= LONG_SENTENCE]]
    groups += [[i] for i in missing if len(texts[i]) > LONG_SENTENCE]
    for group in groups:
        if group:
            for index, vector in zip(group, encode([texts[i] for i in group]), strict=True):
                known[index] = vector
    vectors = np.vstack([np.asarray(v, dtype=np.float32) for v in known])
    similarities = vectors @ query_vector
    for candidate, similarity in zip(found, similarities, strict=True):
        candidate.semantic = float(similarity)
        if query_terms:
            candidate.lexical = len(query_terms & sentence_terms(candidate.text)) / len(query_terms)


def weigh_shape(
    found: list[Candidate], question: str, query_terms: set[str], terms: Callable[[str], set[str]]
) -> None:
    """Add the bonus for the answer's shape (question kind) and for a section heading that matches."""
    kind = answer_kind(question)
    value = asked_value(question)
    asked_terms = defined_now(defined_terms(question), [c.text for c in found])
    condition = asks_condition(question)
    headings: dict[str, float] = {}
    asked = periods(question)
    explained = {spot for term in asked_terms for spot in _explanations(found, term)}
    role = asked_role(question)
    defining = [c.hit_rank for c in found if not c.hit.source.startswith(CARD_PREFIX) and _defines_any(asked_terms, c.text)]
    first_defining = min(defining) if defining else None
    for candidate in found:
        section = candidate.hit.section
        if section not in headings:
            named = bool(section) and bool(query_terms & terms(section))
            approach = kind is AnswerKind.APPROACH and bool(_APPROACH_HEADING.search(section))
            approach = approach or (kind is AnswerKind.PROBLEMS and kind_fit(kind, section) > 0)
            headings[section] = HEADING_WEIGHT if named or approach else 0.0
        definition = DEFINITION_WEIGHT if _defines_any(asked_terms, candidate.text) or (candidate.hit.id, candidate.start) in explained else 0.0
        if definition and candidate.hit_rank == first_defining:
            definition += FIRST_DEFINITION_WEIGHT
        about = bool(definition or headings[section])
        own = OWN_DOCUMENT_WEIGHT if about and not candidate.hit.source.startswith(CARD_PREFIX) else 0.0
        # the member of an article that has the value asked ('ten hoogste dertien weken' for 'hoe lang')
        carried = value is not None and carries_value(value, candidate.text, question)
        fit = max(kind_fit(kind, candidate.text), float(carried) * (TIMED_WEIGHT / KIND_WEIGHT if value in TIMED else 1.0))
        fit = max(fit, float(condition and states_condition(candidate.text)))  # 'indien …' answers 'wanneer mag …'
        holder = ROLE_HOLDER_WEIGHT if role is not None and holds_role(role, candidate.text, question) else 0.0
        candidate.fit = KIND_WEIGHT * fit + headings[section] + definition + own + _period_fit(asked, candidate.text) + holder


def _defines_any(terms: list[str], sentence: str) -> bool:
    return any(defines(term, sentence) for term in terms)


def _explanations(found: list[Candidate], term: str) -> set[tuple[str, int]]:
    """The sentences right after one that ends by naming the term ('Hamilton heeft één eigenaardigheid: de
    Alabama-paradox.'): a text that introduces a name explains it in the next sentence."""
    def flat(text: str) -> str:
        return re.sub(r"[\W_]+", " ", fold(text)).strip()

    name = flat(term)
    return {
        (after.hit.id, after.start)
        for before, after in pairwise(found)
        if before.hit is after.hit and flat(before.text).endswith(name) and name
    }


def _period_fit(asked: set[tuple[int, str]], sentence: str) -> float:
    """PERIOD_WEIGHT when the sentence names a half-year the question asks, else 0. Only a bonus: a malus for
    other half-years would push a sentence saying the asked period is not known below its neighbours."""
    return PERIOD_WEIGHT if asked and periods(sentence) & asked else 0.0


def _neighbour(
    found: list[Candidate],
    of: Candidate,
    before: bool,
    spans_of: dict[str, list[tuple[int, int]]],
    following: dict[str, Hit] | None = None,
) -> Candidate | None:
    """The sentence right before (or after) `of` in the same passage, also when it was no candidate; after the
    last sentence of a passage that stops inside a list, the first sentence of the passage in `following` that
    holds the rest of that list.

    `spans_of` keeps each passage's sentence spans, so walking a list splits its passage once."""
    hit = of.hit
    if hit.id not in spans_of:
        spans_of[hit.id] = sentence_spans(hit.text)
    spans = spans_of[hit.id]
    index = next((i for i, span in enumerate(spans) if span == (of.start, of.end)), None)
    if index is None:
        return None
    other = index - 1 if before else index + 1
    if not before and other == len(spans) and following and hit.id in following:
        hit = following[hit.id]  # the list goes on in the next passage of the same article
        if hit.id not in spans_of:
            spans_of[hit.id] = sentence_spans(hit.text)
        spans, other = spans_of[hit.id], 0
    if not 0 <= other < len(spans):
        return None
    start, end = spans[other]
    known = next((c for c in found if c.hit is hit and c.start == start), None)
    return known or Candidate(of.hit_rank, hit, start, end, of.semantic, of.lexical, of.fit)


def _items(
    found: list[Candidate], lead: Candidate, spans_of: dict[str, list[tuple[int, int]]], following: dict[str, Hit] | None
) -> list[Candidate]:
    """The items of the list that `lead` ('…:') opens, also where they go on in the next passage. In a law a
    member's number ('3. ') reads like an item: after items marked by letters or degrees it is the next member
    of the article, where the list has ended."""
    items: list[Candidate] = []
    item = _neighbour(found, lead, before=False, spans_of=spans_of, following=following)
    while item is not None and len(items) < MAX_LIST_ITEMS and LIST_ITEM.match(item.text):
        if items and item_kind(item.text) == "number" and item_kind(items[0].text) != "number":
            break
        items.append(item)
        item = _neighbour(found, item, before=False, spans_of=spans_of, following=following)
    return items


def _self_contained(
    found: list[Candidate], chosen: list[Candidate], following: dict[str, Hit] | None = None
) -> list[Candidate]:
    """Each quote carries its own fact: a sentence that leans on the one before ('Dit …', 'Het gaat
    om …') brings that one along, one that continues into the next brings the next, and a sentence
    that opens a list ('…:') brings the whole list, also its items in the passages that follow."""
    whole = list(chosen)
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for candidate in chosen:
        if _CONTINUES.match(candidate.text):
            before = _neighbour(found, candidate, before=True, spans_of=spans_of)
            if before is not None and before not in whole and not is_citation(before.text):
                whole.append(before)
        after = _neighbour(found, candidate, before=False, spans_of=spans_of)
        if after is not None and after not in whole and candidate is chosen[0] and (
            _CONTINUES.match(after.text) or names_again(candidate.text, after.text)
        ):
            whole.append(after)
        if candidate.text.rstrip().endswith(":"):
            whole += [item for item in _items(found, candidate, spans_of, following) if item not in whole]
        elif following and candidate.hit.id in following and candidate.end == len(candidate.hit.text.rstrip()):
            rest = _neighbour(found, candidate, before=False, spans_of=spans_of, following=following)
            if rest is not None and rest.hit is not candidate.hit and cut_off(candidate.text, rest.text) and rest not in whole:
                whole.append(rest)  # the sentence goes on in the next passage ('… en zorg en' + 'overige diensten …')
    return whole


def choose(
    found: list[Candidate],
    margin: float,
    passages: list[Hit] | None = None,
    following: dict[str, Hit] | None = None,
    problems: bool = False,
) -> list[Candidate]:
    """The best sentence with what it leans on, and runners-up within `margin` of it: at most three
    besides what the quote needs to stand on its own, in reading order (chunk rank, passage, position).
    `passages`: the passages answered from, in order; `following`: per passage, the next one of its article that
    goes on with its list or its last sentence (kennisbank.answer.members.with_list_items). `problems`: the
    question asks what went wrong; when a sentence within `margin` of the closest in meaning says so
    (question_kinds.kind_fit), it is quoted first, with the best of the others beside it: the sentences about the
    approach share more of the question's words (the region, 'de opgave') and would otherwise crowd it out."""
    if not found:
        return []
    ranked = sorted(found, key=lambda c: c.score, reverse=True)
    closest = max(c.semantic for c in ranked)  # in meaning: a problem is said in other words than the question's
    stating = [c for c in ranked if c.semantic >= closest - margin and kind_fit(AnswerKind.PROBLEMS, c.text) > 0] if problems else []
    # 'waar liep … tegenaan?': of the sentences near the best, those that say what went wrong come first
    ranked = [*stating[:1], *(c for c in ranked if c not in stating[:1])]
    best = ranked[0]
    chosen = [best]
    for candidate in ranked[1:]:
        if len(chosen) >= MAX_SENTENCES or candidate.score < best.score - margin:
            break
        if candidate not in chosen:
            chosen.append(candidate)
    whole = _self_contained(found, chosen, following)
    place = {hit.id: index for index, hit in enumerate(passages or [])}
    lead = {after.id: before for before, after in (following or {}).items()}

    def reading(candidate: Candidate) -> tuple[int, int, int, int]:
        """A passage that goes on with another one's list is read right after it, wherever it was found."""
        hit, step = candidate.hit.id, 0
        while hit in lead and step < len(lead):
            hit, step = lead[hit], step + 1
        rank = min((c.hit_rank for c in whole if c.hit.id == hit), default=candidate.hit_rank)
        return rank, place.get(hit, 0), step, candidate.start

    return sorted(whole, key=reading)


def as_answer(chosen: list[Candidate]) -> tuple[str | None, list[AnswerSentence]]:
    """The answer text and its sentences, each tied to the hit it is quoted from."""
    sentences = [AnswerSentence(text=c.text, hit_id=c.hit.id) for c in chosen]
    return (" ".join(s.text for s in sentences) or None), sentences
