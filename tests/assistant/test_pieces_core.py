"""Issue 21, questions the material answers in pieces. A comparison that lists regions asks each column the
question as if it named that region alone; a summary opens with the core of the summarised document (the
section whose heading matches best, its first sentences); a region's profile says who takes part and who
coordinates. Phrasings written for this file; real model and index, no mocks."""

from __future__ import annotations

import re

import pytest

from assistant.compose_profile import COORDINATION_QUESTION, PARTNERS_QUESTION
from assistant.parsing.message import parse_message
from assistant.parsing.places import default_index
from assistant.question_shapes import asked_sentences, each_own
from assistant.router import ConversationState, Route, route
from assistant.session import Assistant
from kennisbank.service import KnowledgeBase


def _route(text: str) -> Route:
    index = default_index()
    return route(parse_message(text, index), ConversationState(), index)


def _spans(text: str, *names: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in re.finditer(re.escape(name), text)] for name in names]


@pytest.mark.parametrize(
    ("question", "names", "alone"),
    [
        (
            "Hoeveel woningen bouwen Haaglanden, Parkstad en Groningen tot 2030? Graag naast elkaar.",
            ("Haaglanden", "Parkstad", "Groningen"),
            ["Hoeveel woningen bouwen Haaglanden tot 2030?", "Hoeveel woningen bouwen Parkstad tot 2030?",
             "Hoeveel woningen bouwen Groningen tot 2030?"],
        ),
        # an aside goes with its name; 'vs' and the article of the other name go with the list
        (
            "wie betaalt de monitor in Twente (regio Enschede) vs de MRA?",
            ("Twente", "MRA"),
            ["wie betaalt de monitor in Twente (regio Enschede)?", "wie betaalt de monitor in MRA?"],
        ),
        # the comparing words leave ('op dezelfde manier'), the question stays
        (
            "telt de wachtlijst in Parkstad en in Haaglanden op dezelfde manier?",
            ("Parkstad", "Haaglanden"),
            ["telt de wachtlijst in Parkstad?", "telt de wachtlijst in Haaglanden?"],
        ),
    ],
)
def test_each_region_gets_the_question_as_if_named_alone(question: str, names: tuple[str, ...], alone: list[str]) -> None:
    assert each_own(question, _spans(question, *names)) == alone


def test_a_name_outside_the_list_goes_with_its_preposition() -> None:
    question = "Hoe zit het met de urgentie in Haaglanden, en wat doen ze daarmee in de MRA?"
    own = each_own(question, _spans(question, "Haaglanden", "MRA"))
    assert own[0] == "Hoe zit het met de urgentie in Haaglanden, en wat doen ze daarmee?"
    assert own[1] == "Hoe zit het met de urgentie, en wat doen ze daarmee in de MRA?"


def test_a_sentence_that_only_asks_for_a_form_leaves() -> None:
    assert asked_sentences("Welke sleutel kiest Parkstad? Graag.") == "Welke sleutel kiest Parkstad?"
    assert asked_sentences("Kort graag.") == "Kort graag."  # nothing else: the text stays


def test_the_router_gives_a_listed_comparison_its_own_questions() -> None:
    decision = _route("Welke woonzorgvisie hebben Parkstad en Haaglanden vastgesteld?")
    assert decision.compare_regions and decision.compare == ["Stadsregio Parkstad Limburg", "Regio Haaglanden"]
    assert decision.compare_questions == [
        "Welke woonzorgvisie hebben Parkstad vastgesteld?", "Welke woonzorgvisie hebben Haaglanden vastgesteld?"
    ]
    # each region with its own words has its own parts instead
    own = _route("de kwartiermaker in Haaglanden en de projectleider in Parkstad: wat doen die?")
    assert own.compare_parts and own.compare_questions == []


@pytest.mark.slow
def test_a_cell_quotes_what_the_question_about_that_region_alone_gets(
    knowledge_assistant: Assistant, knowledge_base: KnowledgeBase
) -> None:
    question = "Met hoeveel gemeenten werken Parkstad en Groningen samen? Graag naast elkaar."
    reply = knowledge_assistant.new_conversation().ask(question)
    table = reply.side_by_side
    assert table is not None and len(table.rows) == 1, reply.answer
    decision = _route(question)
    for cell, alone in zip(table.rows[0].cells, decision.compare_questions, strict=True):
        single = knowledge_base.search(alone, region=cell.column, k=5, general=False)
        assert [q.text for q in cell.quotes] == [s.text for s in single.answer_sentences], (alone, reply.answer)
    assert "Graag" not in table.rows[0].aspect


@pytest.mark.slow
def test_the_outline_of_a_document_has_each_section_once_best_heading_first(knowledge_base: KnowledgeBase) -> None:
    found = knowledge_base.search("Wat staat er in de woondeal van Arnhem-Nijmegen?", k=5)
    hit = next(h for h in found.results if h.source.endswith("regio-arnhem-nijmegen.md"))
    outline = knowledge_base.outline(hit, "Woondeal 2.0: eerlijke spreiding?")
    sections = [h.section for h in outline]
    assert len(sections) == len(set(sections)) > 5 and all(h.source == hit.source for h in outline)
    assert sections[0].startswith("Woondeal 2.0")  # the heading that shares most of the question's terms
    plain = knowledge_base.outline(hit)  # without a question: the document's own order
    assert plain[0].section == "Wat is de Groene Metropoolregio Arnhem-Nijmegen?"
    assert sorted(sections) == sorted(h.section for h in plain)


@pytest.mark.slow
def test_a_summary_opens_with_the_first_sentences_of_the_best_matching_section(
    knowledge_assistant: Assistant, knowledge_base: KnowledgeBase
) -> None:
    reply = knowledge_assistant.new_conversation().ask("Vat in een paar zinnen samen wat het programma Een thuis voor iedereen is")
    body = reply.answer.split("**Bronnen**")[0]
    first = reply.sources[0]
    assert first.section == "Wat is Een thuis voor iedereen?", reply.answer
    assert body.startswith(first.text.split(". ")[0]), reply.answer  # the section's opening sentence leads
    lines = re.sub(r"^- \*\*[^*]+\*\* — ", "", body.replace("Verder in hetzelfde stuk:", ""), flags=re.MULTILINE)
    pieces = re.findall(r"(.+?) \[(\d+)\]", lines.strip().replace("\n", " "))
    assert len(pieces) >= 2, reply.answer
    for sentence, number in pieces:  # every sentence verbatim in the passage it cites
        assert sentence.strip() in reply.sources[int(number) - 1].text, sentence
    assert {h.source for h in reply.sources} == {first.source}  # one document is summarised


@pytest.mark.slow
def test_a_profile_says_who_takes_part_and_who_coordinates(knowledge_assistant: Assistant, knowledge_base: KnowledgeBase) -> None:
    reply = knowledge_assistant.new_conversation().ask("Ik ben net begonnen als beleidsmedewerker in Parkstad, waar begin ik?")
    profile = reply.region_profile
    assert profile is not None and profile.partners, reply.answer
    assert "**Wie doen mee en wie coördineert**" in reply.answer
    region = "Stadsregio Parkstad Limburg"
    expected = [
        s.text.strip()
        for q in (PARTNERS_QUESTION, COORDINATION_QUESTION)
        for s in knowledge_base.search(q.format(region=region), region=region, k=5, general=False).answer_sentences
    ]
    assert [re.sub(r" \[\d+\]$", "", p) for p in profile.partners] == list(dict.fromkeys(expected))
    assert not set(profile.partners) & set(profile.approach)  # nothing is said twice
