"""Questions written partly or wholly in English (international staff of Dutch municipalities).

An English word is no reason to refuse: 'I' is a pronoun, not a name the material lacks; 'houses' or 'affordable' are
synonyms in the user's other language, which the Dutch material cannot use. The English interrogatives ask what their
Dutch ones ask ('how many' a count like 'hoeveel', 'when' a date like 'wanneer', 'how much time' a period). A name, a
place or a year the material lacks is still refused, in English as in Dutch. Each case checks its premise.
"""

from __future__ import annotations

import pytest

from kennisbank.service import KnowledgeBase


@pytest.mark.parametrize("word", ["I", "the", "There", "until", "which", "their"])
def test_english_closed_class_words_are_function_words(word: str) -> None:
    from koploper.text import english_function_word

    assert english_function_word(word)


@pytest.mark.parametrize(
    ("word", "english"),
    [("houses", True), ("affordable", True), ("research", False), ("plan", False), ("woningen", False), ("vaals", False), ("parkstad", False)],
)
def test_an_english_word_is_one_the_english_dictionary_knows_and_the_dutch_one_does_not(word: str, english: bool) -> None:
    from koploper.text import english_word

    assert english_word(word) is english  # 'research' and 'plan' are Dutch words too; places are no English words


def test_a_question_in_english_is_told_from_a_dutch_one() -> None:
    from kennisbank.answer.question_kinds import looks_english

    assert looks_english("How many houses must the region build until 2030?")
    assert looks_english("In province Groningen, how much homes for old people are needed?")
    assert not looks_english("Is er in de regio Haaglanden een kwartiermaker?")  # 'is', 'in' are Dutch too
    assert not looks_english("Hoeveel woningen moeten er in de regio bij tot 2030?")


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("Twente woondeal: how many new houses until 2030?", "Twente woondeal: hoeveel new houses until 2030?"),
        ("When does the law start?", "Wanneer does the law start?"),
        ("Which gemeenten did reach their target?", "Welke gemeenten did reach their target?"),
        ("With the new law, how much time does a region get?", "With the new law, hoe lang does a region get?"),
        ("statushouders first half 2022", "statushouders eerste helft van 2022"),
        ("Hoeveel woningen komen er bij?", "Hoeveel woningen komen er bij?"),  # Dutch stays as it is
    ],
)
def test_english_interrogatives_are_read_as_their_dutch_ones(question: str, read: str) -> None:
    from kennisbank.answer.question_kinds import dutch_reading

    assert dutch_reading(question) == read


def test_what_an_english_question_asks_is_read_like_a_dutch_one() -> None:
    from kennisbank.answer.quantity import counted
    from kennisbank.answer.question_kinds import AnswerKind, answer_kind, dutch_reading, halves, specifics
    from kennisbank.answer.shape import Value, asked_value

    assert answer_kind(dutch_reading("Which gemeenten take part?")) is AnswerKind.LIST
    assert asked_value(dutch_reading("How much time does the college get to decide?")) is Value.PERIOD
    assert halves(dutch_reading("Haaglanden, first half 2022: which gemeenten reached it?")) == {"eerste helft"}
    # a thing counted in English cannot be looked up in the Dutch material: the count is not held to that word
    assert counted(dutch_reading("How many people got a house?")) == []
    assert counted("Hoeveel mensen kregen een woning?") == ["mensen"]
    # an English function word is no name to look for; a name is
    assert specifics("Which gemeenten did The Hague And Delft name?") == ["Hague", "Delft"]


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Regio Haaglanden: how many gemeenten work together there? I need it for my slides.", "acht gemeenten"),
        ("When did the woondeal Twente get signed? I heard december", "december 2022"),
    ],
)
def test_a_question_with_english_words_gets_its_answer(knowledge_base: KnowledgeBase, question: str, fact: str) -> None:
    assert not knowledge_base.lexical.covers("I")  # the premise: the cards never write the English 'I'
    response = knowledge_base.search(question, k=5)
    assert response.answer is not None, response.note
    assert fact in response.answer


def test_a_name_the_material_lacks_is_still_refused_in_english(knowledge_base: KnowledgeBase) -> None:
    assert not knowledge_base.lexical.covers("Leeuwarden")  # the premise
    response = knowledge_base.search("How many statushouders did Leeuwarden house in 2023? I need it today", k=5)
    assert response.answer is None and "Leeuwarden" in (response.note or "")
    assert "I " not in (response.note or "").replace("In ", "")


def test_an_english_word_is_a_synonym_only_where_the_question_writes_english() -> None:
    from kennisbank.answer.gate import _foreign

    assert _foreign("houses", english=False, mixed=True)  # 'how many new houses until 2030? En hoeveel …'
    assert not _foreign("max", english=False, mixed=False)  # 'een huurcontract voor max 5 jaar': a Dutch sentence
    assert _foreign("association", english=True, mixed=True)  # Dutch knows the word too, but the question is English
    assert not _foreign("zwolle", english=True, mixed=True)  # a place stays a specific the material may lack
