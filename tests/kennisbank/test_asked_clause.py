"""Only the clause that asks is what is asked; the asker's case and purpose in the same sentence are not.

"we hebben de aanvraag voor een rolstoel ingediend, binnen welke termijn moet de gemeente beslissen?" asks the
term; the wheelchair is the case. So too a heading before a colon ("Factcheck: …", "voor de nieuwsbrief: …"), a
condition or time clause with its own finite verb ("… als de bewoner de bel niet opendoet"), a purpose after
't.b.v.', and a remark after the question in the verb form only 'ik' has ("zoek een bron voor de nieuwsbrief").
The names and initials there that are no place say who asks or for whom ("Verslaggever van de Stentor belt:"),
not what the material must hold. A word in the asking clause itself still counts, and so does a place.
Told by Dutch clause structure (question words, verb first, subordinating conjunctions, finite verbs), never by a
list of nouns. Phrasings written for this file; real dictionary, real cards, real Wmo extract, real model.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.asker import case_spans, circumstance, context_names, first_person_form, remark
from kennisbank.service import KnowledgeBase


def _known(word: str) -> bool:
    return word.lower() in {"aanvraag", "gemeente", "termijn"}


@pytest.mark.parametrize(
    ("sentence", "spans"),
    [
        ("we hebben de aanvraag voor een rolstoel ingediend, binnen welke termijn moet de gemeente beslissen?", ["we hebben de aanvraag voor een rolstoel ingediend,"]),
        ("Factcheck: hoeveel woningen komen er bij?", ["Factcheck:"]),
        ("Verslaggever van de Stentor belt: klopt het dat de regio krimpt?", ["Verslaggever van de Stentor belt:"]),
        ("mag de controleur een woning in als de bewoner de bel niet opendoet?", ["als de bewoner de bel niet opendoet?"]),
        ("Korte stand van zaken over de wet t.b.v. een memo aan de wethouder, graag.", ["t.b.v. een memo aan de wethouder,"]),
        ("hoeveel jaar moet iemand er wonen om als ingezetene te tellen?", []),  # 'als' without a clause of its own
        ("telt een hellingbaan als woningaanpassing?", []),
        ("regiodeal noord, om hoeveel woningen ging het?", []),  # a topic before the comma, no statement
        ("Hoeveel woningen bouwt de regio?", []),
    ],
)
def test_the_case_of_the_asked_sentence_is_told_by_its_clauses(sentence: str, spans: list[str]) -> None:
    assert [sentence[a:b] for a, b in case_spans(sentence)] == spans


@pytest.mark.parametrize(
    ("question", "word", "case"),
    [
        ("we hebben de aanvraag voor een rolstoel ingediend, binnen welke termijn moet de gemeente beslissen?", "rolstoel", True),
        ("mag de gemeente de aanvraag weigeren als de bewoner de bel niet opendoet?", "bel", True),
        ("Factcheck: binnen welke termijn beslist de gemeente?", "Factcheck", True),
        ("Hoe lang duurt de aanvraag van een rolstoel bij de gemeente?", "rolstoel", False),  # in the asking clause
        ("Wanneer is de aanvraag klaar? zoek een bron voor de nieuwsbrief", "nieuwsbrief", True),
        ("Wanneer is de aanvraag klaar? heb je een bron voor de nieuwsbrief", "nieuwsbrief", False),  # a second question
    ],
)
def test_a_word_of_the_asked_sentences_case_is_no_word_asked(question: str, word: str, case: bool) -> None:
    assert circumstance(question, word, _known) is case


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Ik werk bij de RDW aan de keuring. Welke regeling geldt voor de gemeente?", ["RDW"]),  # initials in the case
        ("Verslaggever van de Stentor belt: klopt het dat Zwolle de regio verlaat?", ["Stentor"]),  # not Zwolle, the asked place
        ("Korte stand van zaken over de wet t.b.v. een memo aan de SG, graag.", ["SG"]),
        ("Wanneer gaat de wet in? zoek een cijfer voor een Q&A", ["Q&A"]),
        ("Voor een stuk over Zwolle: hoeveel woningen komen er bij?", []),  # a place stays a specific
    ],
)
def test_names_of_the_askers_case_and_purpose_are_context(question: str, names: list[str]) -> None:
    assert context_names(question) == names


@pytest.mark.parametrize(
    ("word", "first"),
    [("zoek", True), ("merk", True), ("krijg", True), ("zit", False), ("moet", False), ("kan", False), ("mag", False), ("woning", False)],
)
def test_the_verb_form_only_ik_has(word: str, first: bool) -> None:
    assert first_person_form(word) is first


@pytest.mark.parametrize(
    ("sentence", "is_remark"),
    [("zoek een bron voor de nieuwsbrief", True), ("krijg er veel vragen over", True), ("heb je daar een bron voor", False), ("zit er een grens in", False)],
)
def test_a_remark_in_the_first_persons_verb_form(sentence: str, is_remark: bool) -> None:
    assert remark(sentence) is is_remark


def test_the_case_clause_before_the_question_does_not_refuse_it(wmo_base: KnowledgeBase) -> None:
    assert not wmo_base.lexical.covers("rolstoel")  # the premise: the extract never says 'rolstoel'
    response = wmo_base.search("we hebben de aanvraag voor een rolstoel ingediend, binnen welke termijn moet het college beslissen?", k=5)
    assert response.answer is not None, response.note
    assert "twee weken" in response.answer


def test_the_word_in_the_asking_clause_still_refuses(wmo_base: KnowledgeBase) -> None:
    response = wmo_base.search("Welke kleur heeft de rolstoel die de gemeente verstrekt, als de aanvraag is ingediend?", k=5)
    assert response.answer is None
    assert "rolstoel" in (response.note or "")


def test_a_heading_before_the_colon_does_not_refuse_the_question(knowledge_base: KnowledgeBase) -> None:
    assert not knowledge_base.lexical.covers("factcheck")
    response = knowledge_base.search("Factcheck: hoeveel nieuwe woningen staan er tot en met 2030 in de woondeal Twente?", k=5)
    assert response.answer is not None, response.note
    assert "14.100" in response.answer


def test_a_count_asked_of_the_asker_keeps_their_case_in_the_question() -> None:
    # 'hoeveel … wij': the count is theirs, so where they sit is what is asked
    assert not circumstance("ik werk in regio zwolle, hoeveel aanvragen moeten wij doen?", "zwolle", _known)
    assert circumstance("ik werk in regio zwolle, hoeveel aanvragen doet de gemeente?", "zwolle", _known)


@pytest.mark.parametrize(("word", "discounted"), [("zwolle", False), ("Duitsland", False), ("Factcheck", True), ("journalist", True)])
def test_a_place_or_a_name_is_never_a_word_of_the_case(knowledge_base: KnowledgeBase, word: str, discounted: bool) -> None:
    from kennisbank.answer.gate import _no_place

    assert _no_place(knowledge_base.lexical, word) is discounted


@pytest.mark.parametrize(
    ("question", "names", "spans"),
    [
        # the asking clause points back at the statement: what it says is asked
        ("een collega noemt steeds de VNG, waar staat dat voor?", [], []),
        # a statement about a third party names who is asked about, not who asks
        ("Stichting Thuisbasis krijgt een melding, binnen hoeveel dagen moeten ze handelen?", [], ["Stichting Thuisbasis krijgt een melding,"]),
        ("Ik werk bij Thuisbasis, binnen hoeveel dagen moet de gemeente handelen?", ["Thuisbasis"], ["Ik werk bij Thuisbasis,"]),
    ],
)
def test_a_statement_the_question_points_back_at_or_about_others(question: str, names: list[str], spans: list[str]) -> None:
    assert context_names(question) == names
    assert [question[a:b] for a, b in case_spans(question)] == spans


def test_an_embedded_question_is_asked() -> None:
    sentence = "weet iemand wanneer de Kamer stemt over die wet?"
    assert case_spans(sentence) == []
