"""Bring the parts of a found article that the answer needs into the passages answered from: the member that
holds the asked period or date, and the items of a list (or the rest of a sentence) that the next passages hold.

A law is indexed one member (lid, onderdeel) per passage. "Hoe lang mag … gelden?" often finds the right
article by its other members, which share the question's words ('huisvestingsverordening', 'eigenaar'),
while the member with the term ('ten hoogste dertien weken', 'voor 1 juli') reads less like the question and
stays out of the top passages; the answer then quotes a member without a period, or none at all. When the
question asks for a period or a date and none of the found passages of an article holds one, the member of
that article (same document and section, next to it in index order) that does is put right after it; per
article, since a date in another article is about something else. The same way, a passage that opens a list
('… bedraagt ten hoogste:') gets the passages with its items after it (kennisbank.answer.lists). This reads
only the structure of the document (its sections, list markers, punctuation) and the shape of the value (a
number with a unit of time, a day with a month), never the words of a question, so it holds for any law.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from kennisbank.answer.evidence import ANSWER_CHUNKS, TIMED
from kennisbank.answer.lists import breaks_off, continues_list, opens_list
from kennisbank.answer.question_kinds import AnswerKind, answer_kind, kind_fit
from kennisbank.answer.shape import Value, asked_value, carries_value
from kennisbank.ingest.discovery import CARD_PREFIX
from kennisbank.ingest.sentences import is_citation, split_sentences
from kennisbank.models import Hit

if TYPE_CHECKING:
    from kennisbank.store.base import Store

MEMBER_REACH = 12
"""How many passages on either side of a found member are read for its siblings: an article's members and
their parts ('a.', 'b.', '1°.') are indexed one after the other; twelve covers the long articles of the
Huisvestingswet and the Woningwet without reading the whole law."""
LIST_PASSAGES = 4
"""How many passages after a list's lead are read for its items: the lists of the Huisvestingswet, the Woningwet
and the Wmo that answer a question end within two; a glossary of twenty terms is not quoted whole."""


def with_timed_members(
    hits: list[Hit],
    question: str,
    ids: Sequence[str],
    where: Callable[[str], int | None],
    store: Store,
    make: Callable[[str, tuple[str, dict[str, Any], Any], float], Hit],
) -> tuple[list[Hit], int]:
    """`hits` with, after each of the first passages of a user's document, the nearest member of its article
    that holds the period or date the question asks for, when none of the article's passages among them holds
    one; and how many were put in (the answer reads that many passages more: a member counts with its article).

    Per article, not over all first passages: a date in another article ('voor 1 december' of the minister's
    review) does not answer when the corporation's overview must be in, while the found article's own member
    ('jaarlijks op 1 juli') does."""
    value = asked_value(question)
    if value not in TIMED or value is None:
        return hits, 0
    top = hits[:ANSWER_CHUNKS]
    timed = {(hit.source, hit.section) for hit in top if carries_value(value, hit.text, question)}
    open_ = list({(hit.source, hit.section): hit for hit in reversed(top) if (hit.source, hit.section) not in timed}.values())
    taken = {hit.id for hit in top}
    articles = {hit.id: order for hit in open_ if not hit.source.startswith(CARD_PREFIX) and hit.section and (order := _nearest(hit, ids, where))}
    if not articles:
        return hits, 0
    stored = store.fetch(list(dict.fromkeys(cid for order in articles.values() for cid in order)))  # one read for all
    added: dict[str, Hit] = {}
    for hit in top:
        if hit.id not in articles:
            continue
        member = _timed_member(hit, value, question, articles[hit.id], stored, taken)
        if member is not None:
            taken.add(member[0])
            added[hit.id] = make(member[0], member[1], hit.score)
    if not added:
        return hits, 0
    moved = {member.id for member in added.values()}  # a member further down comes up to its article
    merged: list[Hit] = []
    for hit in hits:
        if hit.id not in moved:
            merged.append(hit)
        if hit.id in added:
            merged.append(added[hit.id])
    return merged[: max(len(hits), ANSWER_CHUNKS + len(added))], len(added)


def with_problem_members(
    hits: list[Hit],
    question: str,
    query_vector: np.ndarray,
    ids: Sequence[str],
    where: Callable[[str], int | None],
    store: Store,
    make: Callable[[str, tuple[str, dict[str, Any], Any], float], Hit],
) -> tuple[list[Hit], int]:
    """For a question about what went wrong ('Waar liep … tegenaan?', 'Wat zijn de knelpunten?'), when none of the
    first passages says what went wrong (kennisbank.answer.question_kinds.kind_fit): `hits` with, after those
    passages, the passage of the best passage's document (within MEMBER_REACH) that does and comes closest to the
    question in meaning; and how many were put in (0 or 1).

    The question's words find the document and its sections about the approach; the passage that says what went
    wrong ('… was nog onvoldoende bekend …') shares few of them and stays below the passages the answer reads.
    Like `with_timed_members`, this reads the document the search found and the shape the question asks for,
    not the words of the question, so it holds for any card or document."""
    if answer_kind(question) is not AnswerKind.PROBLEMS or not hits:
        return hits, 0
    top = hits[:ANSWER_CHUNKS]
    if any(_states_problem(hit.text) for hit in top):
        return hits, 0
    first = top[0]
    taken = {hit.id for hit in top}
    near = [cid for cid in _nearest(first, ids, where) if cid not in taken]
    stored = store.fetch(near, vectors=True) if near else {}
    stating = [
        (float(np.asarray(vector, dtype=np.float32) @ query_vector), cid)
        for cid, (text, meta, vector) in stored.items()
        if vector is not None and str(meta.get("source", "")) == first.source and _states_problem(text)
    ]
    if not stating:
        return hits, 0
    _, best = max(stating)
    member = make(best, stored[best], first.score)
    rest = [hit for hit in hits[ANSWER_CHUNKS:] if hit.id != best]
    return [*top, member, *rest][: max(len(hits), ANSWER_CHUNKS + 1)], 1


def _states_problem(text: str) -> bool:
    """A sentence of the passage, not its source note ('(Bron: … op-wachtlijst)'), says what went wrong."""
    return any(kind_fit(AnswerKind.PROBLEMS, sentence) > 0 for sentence in split_sentences(text) if not is_citation(sentence))


def _nearest(hit: Hit, ids: Sequence[str], where: Callable[[str], int | None]) -> list[str]:
    """The ids of the passages within MEMBER_REACH of `hit` in index order, nearest first ([] when it has no place)."""
    position = where(hit.id)
    if position is None:
        return []
    near = range(max(0, position - MEMBER_REACH), min(len(ids), position + MEMBER_REACH + 1))
    return [ids[p] for p in sorted((p for p in near if p != position), key=lambda p: abs(p - position))]


def _timed_member(
    hit: Hit,
    value: Value,
    question: str,
    order: list[str],
    stored: dict[str, tuple[str, dict[str, Any], Any]],
    taken: set[str],
) -> tuple[str, tuple[str, dict[str, Any], Any]] | None:
    """The nearest passage of `order` from the same document and section as `hit` that holds the value, with what the store has."""
    for cid in order:
        if cid in taken or cid not in stored:
            continue
        text, meta, _ = stored[cid]
        same = str(meta.get("source", "")) == hit.source and str(meta.get("section", "")) == hit.section
        if same and carries_value(value, text, question):
            return cid, stored[cid]
    return None


def with_list_items(
    hits: list[Hit],
    window: int,
    ids: Sequence[str],
    where: Callable[[str], int | None],
    store: Store,
    make: Callable[[str, tuple[str, dict[str, Any], Any], float], Hit],
) -> tuple[list[Hit], dict[str, Hit], frozenset[str]]:
    """`hits` with, after each of the first `window` passages of a user's document that opens a list it does not
    finish, the passages that hold the rest of that list (at most LIST_PASSAGES), and after one that breaks off
    inside a sentence, the passage that finishes it; per passage the one that goes on
    with it (the answer follows a list or a sentence only there: those two are known to touch in the document).
    And the passages put in (the answer reads that many more): each is only read to finish its lead's list or
    sentence (evidence.candidates' only_completing); one that was found already stays where it was found.

    A law's member that introduces a list ('De op te leggen bestuurlijke boete bedraagt ten hoogste:') is indexed
    apart from its items ('a. het bedrag …'), which hold the answer; a quote of the lead alone says nothing. The
    passages are read from those that follow in index order, so the cost does not grow with the index."""
    starts = [
        hit for hit in hits[:window]
        if not hit.source.startswith(CARD_PREFIX) and hit.section and (opens_list(hit.text) or breaks_off(hit.text))
    ]
    following: dict[str, list[str]] = {}
    for hit in starts:
        position = where(hit.id)
        if position is not None:
            following[hit.id] = [ids[p] for p in range(position + 1, min(len(ids), position + LIST_PASSAGES + 1))]
    if not following:
        return hits, {}, frozenset()
    stored = store.fetch(list(dict.fromkeys(cid for order in following.values() for cid in order)))
    found = {hit.id: hit for hit in hits[:window]}
    used = {hit.id for hit in starts}
    by_id = {hit.id: hit for hit in starts}
    added: dict[str, list[Hit]] = {}
    for hit in starts:
        chain: list[Hit] = []
        last = hit
        for cid in following.get(hit.id, []):
            if cid in used or cid not in stored:
                break
            item = found.get(cid) or make(cid, stored[cid], hit.score)  # a found passage stays where it was found
            if not continues_list(last, item):
                break
            chain.append(item)
            used.add(cid)
            last = item
            if not opens_list(hit.text):
                break  # a sentence that breaks off goes on in one passage
        if chain:
            added[hit.id] = chain
    if not added:
        return hits, {}, frozenset()
    links = {before.id: after for lead, chain in added.items() for before, after in zip([by_id[lead], *chain], chain, strict=False)}
    fresh = {lead: [item for item in chain if item.id not in found] for lead, chain in added.items()}
    moved = {item.id for chain in fresh.values() for item in chain}  # a passage further down comes up to its lead
    merged: list[Hit] = []
    for hit in hits:
        if hit.id not in moved:
            merged.append(hit)
        merged.extend(fresh.get(hit.id, []))
    return merged[: max(len(hits), window + len(moved))], links, frozenset(moved)
