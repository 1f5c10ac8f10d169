"""Knowledge intents: a question to the material, a region profile, the region filter."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.compose_knowledge import compose_knowledge, compose_summary, summarised_document
from assistant.compose_profile import (
    APPROACH_QUESTION,
    COORDINATION_QUESTION,
    PARTNERS_QUESTION,
    RECENT_QUESTION,
    build_profile,
    compose_profile,
)
from assistant.compose_side_by_side import compose_side_by_side, side_by_side
from assistant.core import ConversationCore
from assistant.engines import KennisbankError, SearchResponse, Side, StoreError, StoreUnavailable
from assistant.models import Reply
from assistant.parsing.places import default_index
from assistant.question_shapes import asks_summary, without_summary
from assistant.router import Route
from koploper.regions import in_sentence

SUMMARY_K = 10
"""Passages searched for a summary: enough for the other sections of the best document to come up."""

if TYPE_CHECKING:
    from assistant.engines import KnowledgeBase


def answer_knowledge(conv: ConversationCore, text: str, decision: Route) -> Reply:
    """Quote the material (opening the knowledge base on first use); say so when it is unavailable. A
    question about which municipalities belong to a region is answered from the data first."""
    reply = _answer_knowledge(conv, text, decision)
    from assistant.compose_membership import membership_answer
    from assistant.parsing.message import parse_message

    members = membership_answer(parse_message(text, default_index()), default_index(), conv.state.own_municipality)
    if members is not None:
        reply.answer = f"{members}\n\n{reply.answer}"
    return reply


def _answer_knowledge(conv: ConversationCore, text: str, decision: Route) -> Reply:
    conv.state.last_intent = "knowledge"
    conv.state.pending = False
    conv.state.last_knowledge_question = decision.query
    conv.state.last_knowledge_region = decision.region
    read_as = None
    if decision.follow_up:
        read_as = f"Ik lees dit als: «{decision.query}», gezocht in het materiaal over {decision.region}."
    elif conv.region_filter and decision.region and decision.region != conv.region_filter:
        named, active = decision.region, conv.region_filter
        read_as = (f"Deze vraag gaat over {named}: ik zoek daarom in het materiaal over {named}, "
                   f"in plaats van in dat over {active} (het filter blijft staan voor andere vragen).")
        if decision.notes:
            read_as = " ".join(decision.notes) + " " + read_as
    elif decision.notes:  # a place name with a typo, searched under its right spelling
        read_as = " ".join(decision.notes) + f" Ik zoek: «{decision.query}»."
    conv.assistant.load_knowledge()
    kb = conv.assistant.knowledge
    if kb is None:
        answer = (
            f"De kennisbank is niet beschikbaar: {conv.assistant.knowledge_error} "
            "Verdeelvragen kan ik wel beantwoorden."
        )
        return Reply(question=text, intent="knowledge", answer=answer, read_as=read_as)
    if decision.compare:
        return _answer_side_by_side(kb, text, decision, read_as)
    summary = asks_summary(decision.query)
    query = without_summary(decision.query) if summary else decision.query
    try:
        try:
            response = kb.search(query, region=decision.region, k=SUMMARY_K if summary else 5)
        except (StoreError, StoreUnavailable):
            raise
        except KennisbankError as exc:  # a region the material does not know: say so, search everything
            from dataclasses import replace

            decision = replace(decision, region=None)
            read_as = f"{exc.message} Ik zoek daarom in al het materiaal: «{decision.query}»."
            response = kb.search(query, k=SUMMARY_K if summary else 5)
    except (StoreError, StoreUnavailable) as exc:  # server down, store damaged: say so, keep going
        answer = f"De kennisbank is nu niet te doorzoeken: {exc.message} Verdeelvragen kan ik wel beantwoorden."
        return Reply(question=text, intent="knowledge", answer=answer, read_as=read_as)
    if summary:
        document = summarised_document(response)
        try:
            outline = kb.outline(document, query) if document is not None and response.answer else []
        except (StoreError, StoreUnavailable, KennisbankError):
            outline = []  # the summary then opens with the quoted answer, as a plain question would
        answer, hits = compose_summary(response, decision.region, read_as, outline)
    else:
        answer, hits = compose_knowledge(response, decision.region, read_as)
    return Reply(question=text, intent="knowledge", answer=answer, read_as=read_as, sources=hits)


def _answer_side_by_side(kb: KnowledgeBase, text: str, decision: Route, read_as: str | None) -> Reply:
    """Each region (or thing) searched on its own, per aspect; cells quote the material or say it is silent."""

    def search(question: str, region: str | None, side: Side | None) -> SearchResponse:
        # one side of a comparison of regions is that region's own material only
        return kb.search(without_everyday_unknowns(kb, question), region=region, k=5, general=not decision.compare_regions, side=side)

    try:
        table, hits = side_by_side(
            search, decision.compare, decision.topic, decision.compare_regions, decision.compare_parts, decision.compare_places,
            decision.compare_questions,
        )
    except (StoreError, StoreUnavailable, KennisbankError) as exc:
        answer = f"De kennisbank is nu niet te doorzoeken: {exc.message} Verdeelvragen kan ik wel beantwoorden."
        return Reply(question=text, intent="knowledge", answer=answer, read_as=read_as)
    answer = compose_side_by_side(table, hits, decision.compare_regions, read_as)
    return Reply(question=text, intent="knowledge", answer=answer, read_as=read_as, sources=hits, side_by_side=table)


def _quotes(answer: str) -> bool:
    """The answer quotes the material (a citation mark), rather than saying it has nothing."""
    return re.search(r"\[\d+\]", answer.split("**Bronnen**")[0]) is not None


def without_everyday_unknowns(kb: KnowledgeBase, question: str) -> str:
    """A cell's question without the everyday words the material never uses ('wie trekt de kar',
    'hetzelfde soort functie'): the columns already name what the cell is about, so such a word must not
    empty the cell. A name the material never uses ('de wethouder Jansen') stays, and still rules it out."""
    names = set(kb.unknown_words(question, names_only=True))
    everyday = [w for w in kb.unknown_words(question) if w not in names]
    for word in everyday:
        question = re.sub(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", " ", question)
    return re.sub(r"\s{2,}", " ", re.sub(r"\s+([,.:;?!])", r"\1", question)).strip()


def answer_profile(conv: ConversationCore, text: str, region: str, via_command: bool, asked: str = "") -> Reply:
    """Members with figures and what the material says about the region's approach. A newcomer who also asks
    something ('…, wie zijn de partners?') gets that answered first, searched in the region's material."""
    if asked:  # the whole message first (its role, 'als projectleider', is context), then the question alone
        known = _answer_knowledge(conv, text, Route("knowledge", query=text, region=region))
        if not known.sources or not _quotes(known.answer):
            known = _answer_knowledge(conv, asked, Route("knowledge", query=asked, region=region))
        reply = answer_profile(conv, text, region, via_command)
        if known.sources and _quotes(known.answer):
            reply.answer = f"**{asked}**\n\n{known.answer}\n\n---\n\n{reply.answer}"
            reply.sources = known.sources + [h for h in reply.sources if h.id not in {k.id for k in known.sources}]
        return reply
    profile = build_profile(region)
    conv.assistant.load_knowledge()
    kb = conv.assistant.knowledge
    response = None
    search_error = None
    recent = None
    partners: list[SearchResponse] = []
    if kb is not None:
        try:
            partners = [kb.search(q.format(region=region), region=region, k=5, general=False) for q in (PARTNERS_QUESTION, COORDINATION_QUESTION)]
            response = kb.search(APPROACH_QUESTION.format(region=region), region=region, k=5, general=False)
            recent = kb.search(RECENT_QUESTION.format(region=region), region=region, k=12, general=False)
        except KennisbankError as exc:  # server down, store damaged: the profile still shows
            search_error = exc.message
    answer, hits = compose_profile(
        profile, response, conv.assistant.knowledge_error if kb is None else search_error, recent, partners
    )
    if via_command:
        answer += (
            f"\n\nKennisvragen zoek ik nu alleen in het materiaal over {in_sentence(region)}; "
            "`/regio` zonder naam zoekt weer overal."
        )
    if kb is None:
        profile.knowledge_error = conv.assistant.knowledge_error
    return Reply(question=text, intent="knowledge", answer=answer, sources=hits, region_profile=profile)


def answer_region_filter(conv: ConversationCore, text: str, decision: Route) -> Reply:
    """`/regio` without a name clears the filter; an unknown name lists the regions."""
    if decision.problem:
        regions = ", ".join(default_index().regions())
        return Reply(question=text, intent="help", answer=f"Onbekende regio '{decision.problem}'. Kies uit: {regions}.")
    conv.region_filter = None
    return Reply(question=text, intent="help", answer="Kennisvragen zoek ik weer in al het materiaal.")
