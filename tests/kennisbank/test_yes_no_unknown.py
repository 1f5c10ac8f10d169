"""A yes/no question the material answers with "whether that happened is not known" gets that sentence alone.

The cards say, in their own yes/no clause, that it is not known whether an eindakkoord was signed in Haaglanden,
whether the Eerste Kamer voted on the law, whether the Parkstad councils adopted their woonzorgvisie. Quoting the
neighbours about the tussenakkoord or the Eerste Kamer committee beside that clause reads as an answer it is not.
Questions in words of our own, against the real cards and the real model; a yes/no question the material does
answer keeps its fact.
"""

from __future__ import annotations

import re

import pytest

from kennisbank.answer.gate import asks_yes_or_no
from kennisbank.service import KnowledgeBase

_NOT_KNOWN = re.compile(r"niet (?:openbaar )?bekend")


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("Is er voor Haaglanden al een eindakkoord over de woningmarkt getekend?", "eindakkoord"),
        ("Heeft de Eerste Kamer al ingestemd met de Wet versterking regie volkshuisvesting?", "Eerste Kamer"),
        ("Hebben de raden in Parkstad hun gezamenlijke woonzorgvisie al goedgekeurd?", "gemeenteraden"),
    ],
)
def test_whether_it_happened_is_answered_by_the_material_saying_it_does_not_know(
    knowledge_base: KnowledgeBase, question: str, about: str
) -> None:
    assert asks_yes_or_no(question)  # the premise: a yes/no question
    response = knowledge_base.search(question, k=5)
    assert response.answer is not None and response.answer_sentences
    assert all(_NOT_KNOWN.search(s.text) and s.text.startswith("Of ") for s in response.answer_sentences), response.answer
    assert about in response.answer


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Doet Montferland nog mee in de Groene Metropoolregio?", "geen deel meer uit te maken"),
        ("Heeft Parkstad een projectleider voor aandachtsgroepen aangesteld?", "projectleider"),
    ],
)
def test_a_yes_no_question_the_material_answers_keeps_its_fact(knowledge_base: KnowledgeBase, question: str, fact: str) -> None:
    response = knowledge_base.search(question, k=5)
    assert response.answer is not None and fact in response.answer


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("Zijn er al afspraken gemaakt?", True),
        ("Mag een gemeente een urgentieaanvraag weigeren?", True),
        ("Krijgen statushouders voorrang bij de toewijzing?", True),
        ("Hebben de colleges ingestemd?", True),
        ("Binnen hoeveel weken beslist het college?", False),  # a preposition before a question word
        ("Tegen welke prijs mag de woning worden verkocht?", False),
        ("Kun je uitleggen wat een woonzorgvisie is?", False),  # a request to the assistant
        ("Vertel eens over de aanpak van Groningen", False),
        ("Wanneer stemt de Eerste Kamer?", False),
        ("Een regio zonder visie, wat dan?", False),
    ],
)
def test_a_yes_no_question_opens_with_a_finite_verb(question: str, yes_no: bool) -> None:
    assert asks_yes_or_no(question) is yes_no
