"""Issue 21, definitions asked in the users' own words: which terms a question asks the meaning of (a lead-in
before a colon, 'volgens de wet' before the term, a place after it, a term in quotes, a term in brackets, a
term it is contrasted with), and which sentences define a term (a hyphen or a space between its words, a plural
for the law's singular, a description that names the term in brackets). Phrasings written for this file; the
slow tests use the real model and the real Huisvestingswet, no mocks."""

from __future__ import annotations

import pytest

from kennisbank.answer.definitions import defined_now
from kennisbank.answer.question_kinds import defined_terms, defines, term_parts
from kennisbank.service import KnowledgeBase


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("Kort vraagje: wat is een huisvestingsverordening?", ["huisvestingsverordening"]),
        ("Wat is volgens de Woningwet eigenlijk een woongelegenheid? Is dat hetzelfde als een woning?", ["woongelegenheid"]),
        ("wat is de officiele omschrijving van 'huurprijs' in de wet", ["huurprijs"]),
        ("wat is n woonwagen, kom het tegen in een brief", ["woonwagen"]),
        ("wat was dat spreidingsbeginsel bij statushouders?", ["spreidingsbeginsel"]),
        ("wat houdt de Sainte-Laguë methode in bij het afronden", ["sainte-lague methode"]),
        ("Een collega noemde de flexregeling bij de provincie, wat wordt daarmee bedoeld?", ["flexregeling"]),
        ("koopprijs – wat is dat juridisch gezien precies?", ["koopprijs"]),
        ("Telt een kamer in een studentenhuis als 'woonruimte' in de zin van de wet?", ["woonruimte"]),
        ("In de verordening staat steeds 'ingezetene'. Is dat iedereen die hier woont?", ["ingezetene"]),
        ("wat is de wettelijke omschrijving van MO (maatschappelijke opvang)", ["mo", "maatschappelijke opvang"]),
        ("Wat is een huisvestingsvergunning, en wat is het verschil met een urgentieverklaring?", ["huisvestingsvergunning", "urgentieverklaring"]),
        ("Waar staat de afkorting WBV voor?", ["wbv"]),
        # a clause after the term says when it is asked ('als het over … gaat'), not what the term is
        ("ik werk in de zorg: wat bedoelt men met 'uitstroom' als het over beschermd wonen gaat?", ["uitstroom"]),
        ("Wat is een woonwagen wanneer je het de wet vraagt?", ["woonwagen"]),
        # not definitions: a value, a property, a comparison, a list of problems
        ("Wat is de huurgrens in euro's voor een sociale huurwoning?", []),
        ("Wat was de taakstelling voor de eerste helft van 2024?", []),
        ("Wat is de naam van de aanjager in Twente?", []),
        ("Wat is het verschil tussen Hamilton en D'Hondt?", []),
        ("Wat zijn de knelpunten bij het huisvesten in Parkstad?", []),
        ("wat is de hoogste boete die een gemeente kan opleggen?", []),
        ("Ik hoorde dat Enschede meedoet, wat is dat voor regio en wie zit erin?", []),
    ],
)
def test_the_terms_a_question_asks_the_meaning_of(question: str, terms: list[str]) -> None:
    assert defined_terms(question) == terms


def test_a_term_is_found_however_the_text_joins_or_inflects_it() -> None:
    assert defines("sainte lague methode", "De Sainte-Laguë-methode is een delermethode die oneven delers gebruikt.")
    assert defines("vergunninghouders", "g. vergunninghouder: vreemdeling die een verblijfsvergunning heeft;")
    assert defines("spreidingsbeginsel", "Gemeenten kregen elk een deel van de opgave naar hun inwonertal (het spreidingsbeginsel).")
    assert not defines("spreidingsbeginsel", "Het spreidingsbeginsel (zie hierboven) geldt niet meer voor nieuwe aanvragen sinds 2020 in de regio.")
    assert not defines("vergunninghouders", "Burgemeester en wethouders kunnen een vergunning van een vergunninghouder intrekken.")


def test_a_two_word_name_falls_back_on_the_word_the_text_defines() -> None:
    assert term_parts("taakstelling statushouders") == ["taakstelling", "statushouders"]
    assert term_parts("woningmarktregio") == []
    assert term_parts("fair share bij aandachtsgroepen") == []
    texts = ["e. taakstelling: aantal vergunninghouders in wier huisvesting een gemeente dient te voorzien;"]
    assert defined_now(["taakstelling statushouders"], texts) == ["taakstelling statushouders", "taakstelling"]
    assert defined_now(["woningmarktregio"], texts) == ["woningmarktregio"]


@pytest.mark.slow
def test_two_terms_of_the_law_are_both_quoted(law_base: KnowledgeBase) -> None:
    """'Wat is X, en wat is het verschil met Y?' wants the law's definition of both."""
    response = law_base.search("Wat is volgens de Huisvestingswet een huisvestingsverordening, en wat is het verschil met een huisvestingsvergunning?", k=5)
    assert response.answer is not None, response.note
    assert "verordening als bedoeld in artikel 4" in response.answer
    assert "vergunning als bedoeld in artikel 8" in response.answer


@pytest.mark.slow
def test_the_defining_item_is_quoted_for_a_quoted_term_and_a_lead_in(law_base: KnowledgeBase) -> None:
    response = law_base.search("Voor de nieuwe collega's: wat is volgens de wet precies een 'woningmarktregio'? Is dat de provincie?", k=5)
    assert response.answer is not None, response.note
    assert "functioneren van de woningmarkt als een geheel" in response.answer


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        # a quoted term asked about by a pronoun after it
        ("In onze verordening staat overal 'huisvestingsvergunning'. wat betekent dat eigenlijk", ["huisvestingsvergunning"]),
        ("valt een tiny house ook onder 'woonruimte' volgens de wet? wat verstaan ze daar nou onder", ["woonruimte"]),
        ("De consulent zei dat het 'mantelzorg' is. Wat wordt daar eigenlijk onder verstaan?", ["mantelzorg"]),
        # a term named in the sentence before, asked about as a term
        ("In de raad werd vaak over de huisvestingsverordening gepraat. Hoe definieert de wet dat begrip?", ["huisvestingsverordening"]),
        ("er is een besluit genomen over voorrang voor gezinnen? wat houdt dat in", []),  # 'dat' is the decision
        # sentence adverbs before the term, a remark after a comma, the document's name in key words
        ("Wat is formeel gezien eigenlijk een woonwagen?", ["woonwagen"]),
        ("Wat verstaat de wet onder een standplaats, in tegenstelling tot een woonwagen?", ["standplaats"]),
        ("definitie huurprijs huisvestingswet? weet niet of servicekosten meetellen", ["huurprijs"]),
        ("wat houdt die flexpool regeling in", ["flexpool regeling"]),
        # whether a case falls under a term, with the document it is asked by
        ("is een woonboot ook woonruimte in de zin van de huisvestingswet?", ["woonruimte"]),
        ("telt een schuur als woongelegenheid voor de woningwet? hoe is dat begrip omschreven", ["woongelegenheid"]),
        ("wanneer ben je juridisch gezien vergunninghouder volgens de huisvestingswet?", ["vergunninghouder"]),
        ("wanneer is de huisvestingswet ingegaan?", []),  # a date, no term
    ],
)
def test_a_term_asked_by_a_pronoun_or_a_case_asked_to_fall_under_it(question: str, terms: list[str]) -> None:
    assert defined_terms(question) == terms


def test_a_person_named_by_er_falls_back_on_the_noun_the_law_defines() -> None:
    assert term_parts("mantelzorger") == ["mantelzorg"]
    assert term_parts("mantelzorgers") == ["mantelzorg"]
    texts = ["– mantelzorg: hulp die rechtstreeks voortvloeit uit een tussen personen bestaande sociale relatie;"]
    assert defined_now(["mantelzorger"], texts) == ["mantelzorger", "mantelzorg"]


@pytest.mark.slow
def test_a_case_asked_to_fall_under_a_term_gets_the_laws_definition_not_its_enactment_formula(law_base: KnowledgeBase) -> None:
    """The law's opening ('Zo is het, dat Wij, … goedvinden en verstaan bij deze:') shares 'verstaan' with the question;
    the definition in Artikel 1 answers it."""
    response = law_base.search("is een woonwagen ook 'woonruimte' in de zin van de huisvestingswet? wat verstaan ze daar precies onder", k=5)
    assert response.answer is not None, response.note
    assert "besloten ruimte die, al dan niet tezamen met een of meer andere ruimten" in response.answer
    assert "Wij" not in response.answer
    assert all(hit.section for hit in response.results[:3])  # the opening has no article; it comes after them


def test_a_term_in_brackets_ends_the_clause_that_describes_it() -> None:
    assert defines("spreidingsbeginsel", "Gemeenten kregen een deel naar hun inwonertal (het spreidingsbeginsel) en de provincie hield toezicht.")
    assert not defines("spreidingsbeginsel", "Voor de gemeenten (het spreidingsbeginsel) geldt sinds 2020 een andere regel in de regio.")
