"""Issue 21, summaries in the users' own words: the ways people ask for one ('in grote lijnen', 'in een paar
zinnen', 'kort overzichtje', 'tldr', 'Vat … samen'), and what gets searched: the thing to summarise, not the
request words (which the material never uses and which read as a missing name). Phrasings written for this
file; real model and index, no mocks."""

from __future__ import annotations

import re

import pytest

from assistant.models import Reply
from assistant.question_shapes import asks_summary, without_summary
from assistant.session import Assistant


def _quoted_only(reply: Reply) -> None:
    """Every sentence of the summary, the answer and each section's lead, is verbatim in the source it cites."""
    body = reply.answer.split("**Bronnen**")[0].replace("Verder in hetzelfde stuk:", "")
    body = re.sub(r"^- \*\*[^*]+\*\* — ", "", body, flags=re.MULTILINE)
    pieces = re.findall(r"(.+?) \[(\d+)\]", body.strip().replace("\n", " "))
    assert pieces, reply.answer
    for sentence, number in pieces:
        assert sentence.strip() in reply.sources[int(number) - 1].text, sentence


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Wat houdt de Huisvestingswet in grote lijnen in?", "Wat houdt de Huisvestingswet in?"),
        ("Kun je in een paar zinnen vertellen hoe Twente beschermd wonen regelt?", "hoe Twente beschermd wonen regelt?"),
        ("Vat de woonzorgvisie van Groningen even voor me samen", "de woonzorgvisie van Groningen"),
        ("tl;dr over de urgentieregeling in Haaglanden graag", "over de urgentieregeling in Haaglanden"),
        ("De verdeelsleutels van Koploper, kort overzichtje?", "De verdeelsleutels van Koploper?"),
    ],
)
def test_a_summary_request_is_recognised_and_its_request_words_are_not_searched(question: str, searched: str) -> None:
    assert asks_summary(question)
    assert without_summary(question) == searched


@pytest.mark.parametrize(
    "question",
    ["Hoe kort is de wachttijd voor een urgente woning?", "Wie zit er samen in de stuurgroep?", "Welke lijnen lopen er naar Elst?"],
)
def test_a_question_with_a_summary_word_in_another_sense_is_no_summary(question: str) -> None:
    assert not asks_summary(question)


@pytest.mark.slow
def test_vat_samen_of_a_region_quotes_what_the_region_is(knowledge_assistant: Assistant) -> None:
    """'Vat … samen' with the region in between: the region is searched, and the summary opens with what the
    region is (a partnership of seven municipalities), not with who spoke at a meeting."""
    reply = knowledge_assistant.new_conversation().ask("Vat de koploperregio Parkstad Limburg even kort voor me samen")
    body = reply.answer.split("**Bronnen**")[0]
    assert "samenwerkingsverband van zeven" in body, reply.answer
    _quoted_only(reply)


@pytest.mark.slow
def test_vat_samen_is_no_unknown_name(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask("Vat in een paar zinnen samen wat er in de Woondeal 2.0 staat")
    assert "nergens in voor" not in reply.answer and reply.sources, reply.answer
    _quoted_only(reply)


@pytest.mark.parametrize(
    "question",
    [
        "Binnen hoeveel dagen moet het overzicht van de aanvragen bij de raad liggen?",
        "uiterlijk wanneer stuurt de stichting haar overzicht van geplande projecten op",
        "Hoe lang blijft het overzicht van de wachtlijst geldig, in het kort?",
    ],
)
def test_a_question_for_a_value_about_an_overview_is_no_summary_request(question: str) -> None:
    """'Het overzicht van …' is then a document the question asks a value of (a period, a date), not a request."""
    assert not asks_summary(question)
    assert asks_summary("Kun je een overzicht van de geplande projecten geven?")


def test_a_summary_of_a_whole_document_leads_with_its_numbered_main_points(knowledge_assistant: Assistant) -> None:
    """The question names only what the document is about: the section that numbers its main points leads."""
    reply = knowledge_assistant.new_conversation().ask("Geef in het kort weer wat de Wet versterking regie volkshuisvesting regelt")
    lead = reply.answer.split("Verder in hetzelfde stuk")[0]
    assert "drie pijlers" in lead and "(1)" in lead, reply.answer
    _quoted_only(reply)
