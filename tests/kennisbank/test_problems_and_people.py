"""Two shapes a question asks for that the words of the material need not share.

'Hoeveel mensen …' is answered by a number of any noun of persons ('120 inwoners', '40 woningzoekenden'),
told by its derivation (an agent in -er, a participle in -ende), not by a list of nouns. 'Waar liep … tegenaan?'
asks what went wrong: the passage of the found document that says so is read, and its sentences are quoted
before the sentences about the approach that share more of the question's words. Phrasings written for this
file; real cards, real model.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.quantity import gives_count
from kennisbank.answer.word_forms import person_noun
from kennisbank.service import KnowledgeBase


@pytest.mark.parametrize(
    ("word", "person"),
    [
        ("inwoners", True),
        ("statushouders", True),  # a compound whose head is an agent noun
        ("woningzoekenden", True),  # a nominalised participle
        ("woningen", False),
        ("gemeenten", False),
        ("cijfers", False),
    ],
)
def test_a_noun_of_persons_is_told_by_its_derivation(word: str, person: bool) -> None:
    assert person_noun(word) is person


def test_a_count_of_people_is_answered_by_a_number_of_persons_not_of_things() -> None:
    assert gives_count("Hoeveel mensen stonden er op de lijst?", ["Er wachtten 40 woningzoekenden op een plek."], lambda _: True)
    assert not gives_count("Hoeveel mensen stonden er op de lijst?", ["Er kwamen 40 woningen bij."], lambda _: True)


def test_how_many_people_waited_is_answered_by_how_many_residents_waited(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Hoeveel mensen uit Twente wachtten in 2021 op een plek in beschermd wonen?", k=5)
    assert response.answer is not None, response.note
    assert "120 inwoners" in response.answer


def test_what_went_wrong_quotes_the_sentence_that_says_so(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Welke knelpunten kwam de regio Enschede in de eerste jaren tegen?", k=5)
    assert response.answer is not None, response.note
    assert "onvoldoende bekend" in response.answer
