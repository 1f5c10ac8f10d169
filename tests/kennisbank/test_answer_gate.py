"""When the material has nothing on a question: near-topic questions get no quote, request words do not block.

Questions in the field's own words about something no card says (the pay of a kwartiermaker, solar panels
on flexwoningen) score as close to the cards as answerable ones do; a word of the question that the
material never uses is what gives them away. Each case first checks its premise against the material.
"""

from __future__ import annotations

import pytest

from kennisbank.service import KnowledgeBase

NEAR_TOPIC = [
    ("Wat verdient een kwartiermaker per uur?", ["uur"]),  # "verdient" is known: the cards say "verdienen"
    ("Hoeveel zonnepanelen liggen er op de flexwoningen in Nijmegen?", ["zonnepanelen"]),
    ("Mogen statushouders in Arnhem een hond houden in hun woning?", ["hond"]),
    ("Wat vinden de regio's van de kleur van de voordeur?", ["kleur", "voordeur"]),
]
"""(question, the words of it the cards never use)."""


@pytest.mark.parametrize(("question", "absent"), NEAR_TOPIC)
def test_a_question_about_something_the_material_never_names_gets_no_quote(
    knowledge_base: KnowledgeBase, question: str, absent: list[str]
) -> None:
    assert not any(knowledge_base.lexical.covers(word) for word in absent)  # the premise
    assert all(knowledge_base.lexical.covers(word) for word in ("kwartiermaker", "flexwoningen", "statushouders"))
    response = knowledge_base.search(question, k=3)
    assert response.answer is None and response.answer_sentences == []
    assert response.results  # the nearest passages are still listed
    assert response.note is not None and all(word in response.note for word in absent)
    assert response.note.startswith("Daarover staat niets in het materiaal")


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

