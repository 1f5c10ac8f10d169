"""When the material has nothing on a question, and when a word the material does not use is no reason to refuse.

A name, place, year or amount the material never has rules an answer out. An everyday word the material
happens not to use ("spelen", "knelpunten", "binding") does not: the evidence is graded. A question about
something absent (the colour of a front door, a pet) is still refused: leaving its unknown word out brings
the question closer to the best sentence, so that sentence is not about it. Each case checks its premise.
"""

from __future__ import annotations

import pytest

from kennisbank.service import KnowledgeBase
from koploper.regions import GENERAL

NEAR_TOPIC = [
    ("Mogen statushouders in Arnhem een hond houden in hun woning?", ["hond"]),
    ("Wat vinden de regio's van de kleur van de voordeur?", ["kleur", "voordeur"]),
    ("Wat is de favoriete vakantiebestemming van de kwartiermaker?", ["favoriete", "vakantiebestemming"]),
    ("Wat is het recept voor erwtensoep?", ["recept", "erwtensoep"]),
]
"""(question, the words of it the cards never use)."""


@pytest.mark.parametrize(("question", "absent"), NEAR_TOPIC)
def test_a_question_about_something_the_material_never_names_gets_no_quote(
    knowledge_base: KnowledgeBase, question: str, absent: list[str]
) -> None:
    assert not any(knowledge_base.lexical.covers(word) for word in absent)  # the premise
    response = knowledge_base.search(question, k=3)
    assert response.answer is None and response.answer_sentences == []
    assert response.results  # the nearest passages are still listed
    assert response.note is not None and any(word in response.note for word in absent)
    assert response.note.startswith("Daarover staat niets in het materiaal")


@pytest.mark.parametrize(
    ("question", "absent", "fact"),
    [
        ("Welke problemen spelen er in Heerlen-Noord?", "spelen", "SES-WOA"),
        ("Welke knelpunten zijn er landelijk met statushouders die nog in de COA-opvang wachten?", "knelpunten", "statushouders"),
    ],
)
def test_an_everyday_word_the_material_does_not_use_does_not_block_the_answer(
    knowledge_base: KnowledgeBase, question: str, absent: str, fact: str
) -> None:
    assert not knowledge_base.lexical.covers(absent)  # the premise: the cards never use this word
    response = knowledge_base.search(question, k=3)
    assert response.answer is not None, response.note
    assert fact in response.answer


def test_a_place_the_material_never_names_is_still_refused(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Welke problemen spelen er in Leeuwarden?", k=3)
    assert response.answer is None and "Leeuwarden" in (response.note or "")


def test_a_capital_after_a_full_stop_is_no_name(knowledge_base: KnowledgeBase) -> None:
    question = "Ik ben net begonnen bij de GMR. Wat moet ik weten over de woondeal?"
    assert "Wat" not in knowledge_base.unknown_words(question, names_only=True)


def test_a_typo_is_named_so_the_user_can_fix_it(knowledge_base: KnowledgeBase) -> None:
    wrong = knowledge_base.search("Wat is een woonzorgvsie?", k=3)
    assert wrong.answer is None and "woonzorgvsie" in (wrong.note or "")
    assert knowledge_base.search("Wat is een woonzorgvisie?", k=3).answer is not None


@pytest.mark.parametrize(
    ("request_words", "question"),
    [
        ("", "Hoeveel gemeenten werken in de provincie Groningen samen?"),
        ("Vertel eens ongeveer:", "hoeveel gemeenten werken in de provincie Groningen samen?"),
        ("Geef een kort overzicht:", "hoeveel gemeenten werken in de provincie Groningen samen?"),
        ("", "Wat betekent 'eerlijk aandeel'?"),  # quotes and a hyphen that stands for a word are no part of it
        ("", "Welke aandachtsgroepen noemt het programma, zoals dak- en thuislozen?"),
        ("", "Welke aanpak kiest de regio voor statushouders?"),  # the cards say "kiezen", never "kiest"
    ],
)
def test_words_that_shape_a_request_do_not_block_an_answer(
    knowledge_base: KnowledgeBase, request_words: str, question: str
) -> None:
    response = knowledge_base.search(f"{request_words} {question}".strip(), k=3)
    assert response.answer is not None, response.note
    assert knowledge_base.unknown_words(response.query) == []


def test_a_question_in_english_is_not_held_to_dutch_words(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("What does the Groningen association of municipalities do?", k=3)
    assert response.answer is not None
    assert knowledge_base.unknown_words(response.query)  # its English words are not in the material


def test_a_region_filter_keeps_the_general_material(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Wat zijn aandachtsgroepen eigenlijk?", region="Regio Enschede", k=5)
    assert any(hit.region in (None, GENERAL) for hit in response.results)
    assert response.answer is not None and "Enschede" not in response.answer  # the glossary, not a regional sentence
    own = knowledge_base.search("Wat zijn aandachtsgroepen eigenlijk?", region="Regio Enschede", k=5, general=False)
    assert own.results and all(hit.region == "Regio Enschede" for hit in own.results)


def test_a_count_is_answered_only_by_a_number_of_what_is_counted(knowledge_base: KnowledgeBase) -> None:
    # the MRA card speaks of its corporations, never of how many there are: near in meaning, no count
    response = knowledge_base.search("Hoeveel corporaties zijn er actief in de MRA?", k=5)
    assert response.results and response.answer is None
    assert response.note is not None and "Over dat aantal staat in het materiaal niets" in response.note
    # a count that is there is still quoted, verbatim from a passage
    answered = knowledge_base.search("Hoeveel gemeenten telt de regio Haaglanden?", k=5)
    assert answered.answer is not None, answered.note
    assert "acht gemeenten" in answered.answer
    texts = {hit.id: hit.text for hit in answered.results}
    assert all(s.text in texts[s.hit_id] for s in answered.answer_sentences)


@pytest.mark.parametrize(
    ("question", "texts", "gives"),
    [
        ("Hoeveel inwoners heeft de regio?", ["De regio is een samenwerking van zeven gemeenten."], False),
        ("Hoeveel inwoners heeft de regio?", ["De regio heeft ongeveer 590.000 inwoners."], True),
        ("Binnen hoeveel weken beslist het college?", ["Het college beslist binnen acht weken na de aanvraag."], True),
        ("Hoeveel woningen komen erbij?", ["Het plan loopt van 2023-2028 en staat in artikel 45, tweede lid."], False),
        ("Hoeveel nieuwbouwwoningen komen erbij?", ["Er komen 4.000 woningen bij."], True),
        ("Hoeveel euro kost het?", ["De boete hoort bij de vierde categorie."], False),
        ("Hoe ver van tevoren zegt het Rijk hoeveel mensen komen?", ["Het Rijk zegt dat tijdig."], True),
        ("Hoeveel kost een kamer?", ["Een kamer kost € 400 per maand."], True),
        ("Hoeveel extra woningen komen erbij?", ["Er komen 4.000 woningen bij."], True),
    ],
)
def test_what_counts_as_a_count(question: str, texts: list[str], gives: bool) -> None:
    from kennisbank.answer.quantity import gives_count

    assert gives_count(question, texts, known=lambda word: True) is gives


def test_a_value_must_stand_in_a_sentence_about_the_place_asked(knowledge_base: KnowledgeBase) -> None:
    # the cards name the chair of the MRA's steering group, none of Haaglanden's: no name for Haaglanden
    refused = knowledge_base.search("wie is de voorzitter van de stuurgroep in haaglanden?", k=5)
    assert refused.results and refused.answer is None
    assert refused.note is not None and "Haaglanden" in refused.note
    # a place in lower case whose count the material has is still answered, verbatim
    answered = knowledge_base.search("hoeveel gemeenten doen er mee in groningen?", k=5)
    assert answered.answer is not None, answered.note
    assert "tien gemeenten" in answered.answer
    texts = {hit.id: hit.text for hit in answered.results}
    assert all(s.text in texts[s.hit_id] for s in answered.answer_sentences)
