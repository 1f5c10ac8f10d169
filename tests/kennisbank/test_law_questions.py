"""Questions about a law the user added: which passage leads and which sentence is quoted.

- A question that names the user's law ('volgens de Woningwet', 'in de Wmo') or asks for an article gives
  that document's passages a further lead over the shipped cards (answer.own_documents).
- 'Hoe omschrijft de Huisvestingswet …', 'Wie telt volgens de wet als …', and a definition question followed
  by a second question are definition questions, with the term as the law writes it (answer.question_kinds).
- 'Wanneer mag …', 'In welke gevallen …', 'Onder welke voorwaarden …' ask for a condition: a sentence that
  states one ('indien', 'tenzij', 'voor zover') fits the question like a date fits 'wanneer is …'.
- The lettered parts of a law's member ('a.', 'b.', '1°.') are the items of the list their sentence opens.
The phrasings are new, not taken from any evaluation set.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.evidence import Candidate, candidates, choose, weigh_shape
from kennisbank.answer.own_documents import NAMED_DOCUMENT_LEAD, OWN_DOCUMENT_LEAD, document_names, prefer_own
from kennisbank.answer.question_kinds import asks_condition, defined_term, states_condition
from kennisbank.ingest.discovery import CARD_PREFIX
from kennisbank.models import Hit

HUISVESTINGSWET = "Wet van 4 juni 2014, houdende nieuwe regels met betrekking tot de verdeling van woonruimte (Huisvestingswet 2014)"


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Hoe omschrijft de Huisvestingswet het begrip woonruimte?", "woonruimte"),
        ("Hoe definieert de Woningwet een woongelegenheid?", "woongelegenheid"),
        ("Hoe definieert de wet huishoudinkomen", "huishoudinkomen"),
        ("Wie geldt volgens de Huisvestingswet als ingezetene?", "ingezetene"),
        ("Wat valt in de Wmo onder een algemene voorziening (dus niet maatwerk)?", "algemene voorziening"),
        ("Wat is een standplaats? En mag een gemeente die zelf verhuren?", "standplaats"),
        ("Hoe definieert u dat zelf eigenlijk, en hoeveel woningen zijn er?", None),
        ("Hoe pakt de Woningwet dat aan?", None),
    ],
)
def test_ways_of_asking_what_a_law_means_by_a_term(question: str, term: str | None) -> None:
    assert defined_term(question) == term


@pytest.mark.parametrize(
    ("question", "condition"),
    [
        ("Wanneer mag het college een vergunning intrekken?", True),
        ("wanneer moet een corporatie een verklaring van geen bezwaar vragen?", True),
        ("In welke gevallen kan de raad voorrang geven?", True),
        ("Onder welke voorwaarden krijgt een stichting de toelating?", True),
        ("Wanneer is de woondeal getekend?", False),
        ("Wanneer begon de regio met het programma?", False),
        ("Hoeveel gemeenten doen mee?", False),
    ],
)
def test_questions_that_ask_for_a_condition(question: str, condition: bool) -> None:
    assert asks_condition(question) is condition


def test_a_condition_is_told_from_a_reference() -> None:
    assert states_condition("Het college kan de vergunning intrekken indien de aanvrager onjuiste gegevens verstrekte.")
    assert states_condition("De raad stelt regels, tenzij de provincie dat al deed.")
    assert not states_condition("Een vergunning als bedoeld in artikel 8 wordt verleend door het college.")


def _hit(cid: str, source: str, title: str, section: str, score: float, text: str = "") -> Hit:
    return Hit(id=cid, source=source, title=title, section=section, text=text or cid, score=score)


def test_the_names_a_question_may_give_a_law() -> None:
    assert "huisvestingswet" in document_names(HUISVESTINGSWET)
    assert "wmo" in document_names("Wet maatschappelijke ondersteuning 2015 (uittreksel)")
    assert "woningwet" in document_names("Woningwet (uittreksel)")
    assert document_names("Beleidsnotitie") == set()


def test_a_law_the_question_names_leads_a_card_that_is_somewhat_better() -> None:
    card = _hit("kaart", CARD_PREFIX + "begrippen.md", "Begrippenlijst", "Statushouder", 0.90)
    law = _hit("wet", "/home/u/hw.md", HUISVESTINGSWET, "Artikel 28", 0.90 - OWN_DOCUMENT_LEAD - NAMED_DOCUMENT_LEAD / 2)
    other = _hit("ander", "/home/u/wmo.pdf", "Wet maatschappelijke ondersteuning 2015", "Artikel 1.1.1", 0.90 - OWN_DOCUMENT_LEAD * 0.6)
    hits = [card, other, law]
    # the question does not name a law: the user's passage that is about as good leads, the named one does not
    assert prefer_own(hits, 3, "Wie zorgt voor huisvesting van statushouders?")[0].id == "ander"
    # it names the Huisvestingswet: that law's passage leads
    assert prefer_own(hits, 3, "Wie zorgt volgens de Huisvestingswet voor statushouders?")[0].id == "wet"
    # it asks for an article: articles lead
    assert prefer_own(hits, 3, "In welk artikel staat wie voor statushouders zorgt?")[0].id in ("wet", "ander")


def _candidates(hit: Hit) -> list[Candidate]:
    found = candidates([hit])
    for candidate in found:
        candidate.semantic = 0.85
    return found


def test_the_sentence_with_the_condition_answers_when_something_may_happen() -> None:
    text = (
        "1. Het college verleent de vergunning op aanvraag. "
        "2. Het college kan de vergunning intrekken indien de houder de woonruimte niet binnen een maand betrekt."
    )
    hit = _hit("a", "/home/u/wet.md", "Wet", "Artikel 9", 0.9, text)
    found = _candidates(hit)
    found[0].semantic = 0.86  # nearer in meaning, but states no condition
    weigh_shape(found, "Wanneer mag het college de vergunning intrekken?", set(), lambda text: set())
    assert "indien" in choose(found, 0.0)[0].text


def test_a_sentence_that_opens_a_list_of_lettered_parts_brings_them() -> None:
    text = (
        "4. Onze Minister trekt de toelating in indien:\n\n"
        "a. de instelling niet langer uitsluitend in de volkshuisvesting werkzaam is, of\n\n"
        "b. de instelling de volkshuisvesting schade berokkent.\n\n"
        "5. Een besluit tot intrekking wordt bekendgemaakt."
    )
    hit = _hit("a", "/home/u/wet.md", "Wet", "Artikel 19", 0.9, text)
    found = _candidates(hit)
    found[0].semantic = 0.9
    quoted = " ".join(c.text for c in choose(found, 0.0))
    assert "a. de instelling niet langer" in quoted
    assert "b. de instelling de volkshuisvesting schade berokkent" in quoted
    assert "5. Een besluit" not in quoted


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("wie is volgens de Woningwet een 'bewoner'? gaat het om de huurder?", "bewoner"),
        ("Wie is een mantelzorger in de zin van de wet?", "mantelzorger"),
        ("Wie is de regisseur in Twente?", None),
    ],
)
def test_who_is_a_term_asks_its_definition(question: str, term: str | None) -> None:
    assert defined_term(question) == term
