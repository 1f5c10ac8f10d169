"""A question whose asked thing the material says outright is not known gets that sentence alone.

The cards say which things public sources do not tell: the law a local allocation rule would rest on, what
regional agreements contain, whether a council adopted its vision, a key for dividing target groups. When such a
sentence is what the material has on the asked thing, quoting a neighbour about the plan or the region beside it
reads as an answer it is not. The match is structural (kennisbank.answer.not_known): the words before 'is niet
bekend' mirror the question's question word and the thing it asks about, its yes/no clause or its asked noun.
Questions in words of our own; the search tests use the real cards and the real model.
"""

from __future__ import annotations

import re

import pytest

from kennisbank.answer.not_known import says_asked_unknown, unknown_subject
from kennisbank.service import KnowledgeBase

_NOT_KNOWN = re.compile(r"niet (?:openbaar |uit openbare \w+ )?bekend")


def test_the_subject_is_what_the_sentence_says_is_not_known() -> None:
    assert unknown_subject("Welke regel de raad volgt, is ook niet openbaar bekend.") == "Welke regel de raad volgt"
    assert unknown_subject("De cijfers voor 2030 zijn niet uit openbare berichtgeving bekend.") == "De cijfers voor 2030"
    assert unknown_subject("Volgens de krant moesten alle raden de regel vaststellen; of dat is gebeurd, is niet bekend.") == "of dat is gebeurd"
    assert unknown_subject("De raad stelde de regel in 2022 vast.") is None


@pytest.mark.parametrize(
    ("question", "sentence", "yes_no", "when"),
    [
        # the same question word asking about the same thing, in another inflection or as a compound's head
        ("Op basis van welke regeling weigert het college de vergunning?", "Op welke regeling het college die weigering baseert, is niet openbaar bekend.", False, False),
        ("Welke sleutel hanteren de dorpen voor de verdeling?", "Welke verdeelsleutel de dorpen hanteren, is niet bekend.", False, False),
        ("Hoeveel gezinnen kreeg de stad sinds de start onder dak?", "Hoeveel gezinnen de stad sinds 2020 heeft gehuisvest, is niet openbaar bekend.", False, False),
        # a question word asking no thing: half the question's words beside it
        ("Wat staat er in het convenant van de dorpen over jongeren?", "Wat er in het convenant van de dorpen over jongeren staat, is niet openbaar bekend.", False, False),
        # whether it happened is not known, so neither is when: the very act named
        ("Op welke dag heeft de raad de nota vastgesteld?", "Of de raad de nota heeft vastgesteld, is niet openbaar bekend.", False, True),
        ("Heeft het bestuur de nota al aangenomen?", "Of het bestuur de nota heeft aangenomen, is niet openbaar bekend.", True, False),
        # a second embedded clause, and a noun phrase, naming the asked thing
        ("Welke verdeelsleutel gebruikt de provincie voor jongeren?", "Wat de provincie heeft besloten, en of daarin een verdeelsleutel voor jongeren staat, is niet openbaar bekend.", False, False),
        ("Welke verdeelsleutel gebruikt de provincie voor jongeren?", "Een vaste verdeelsleutel voor jongeren in de provincie is niet openbaar bekend.", False, False),
    ],
)
def test_a_sentence_saying_the_asked_thing_is_not_known(question: str, sentence: str, yes_no: bool, when: bool) -> None:
    assert says_asked_unknown(question, sentence, yes_no, when)


@pytest.mark.parametrize(
    ("question", "sentence", "yes_no", "when"),
    [
        # another question word, or the same word asking about another thing
        ("Hoeveel gezinnen kreeg de stad onder dak?", "Welke regel de stad volgt voor gezinnen, is niet openbaar bekend.", False, False),
        ("Op welke regeling baseert het college de weigering?", "Op welke datum het college de weigering stuurde, is niet openbaar bekend.", False, False),
        # when the nota is adopted is not asked by 'wanneer gaat de nota in', nor the date by another act
        ("Op welke dag heeft de raad de nota vastgesteld?", "Of de raad over de nota heeft gedebatteerd, is niet openbaar bekend.", False, True),
        ("Wanneer gaat de regeling in?", "Een stemming in de raad over de regeling is niet openbaar bekend.", False, True),
        # a yes/no question about another act of the same body
        ("Heeft de stad een regisseur voor jongeren benoemd?", "Of de monitor van de stad cijfers over jongeren bevat, is niet openbaar bekend.", True, False),
        # the clause before the semicolon names the counted thing, but what is not known is whether it happened
        ("Hoeveel raden doen er mee?", "Volgens de krant moesten alle raden de regel vaststellen; of dat is gebeurd, is niet bekend.", False, False),
        # a sentence that knows
        ("Welke verdeelsleutel gebruikt de provincie?", "De provincie gebruikt het aantal inwoners als verdeelsleutel.", False, False),
    ],
)
def test_a_sentence_about_something_else_not_known(question: str, sentence: str, yes_no: bool, when: bool) -> None:
    assert not says_asked_unknown(question, sentence, yes_no, when)


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("Welke wettelijke grondslag gebruikt Heerlen om in Heerlen-Noord huurwoningen alleen aan mensen met een baan toe te wijzen? Op welke wet steunt dat?", "wet"),
        ("Wanneer hebben de raden van de Parkstadgemeenten hun gezamenlijke woonzorgvisie vastgesteld?", "vastgesteld"),
        ("Wat staat er in de afspraken over aandachtsgroepen die de Haaglandse gemeenten in 2021 sloten?", "afspraken"),
        ("Welke verdeelsleutel hanteren de gemeenten van de Groene Metropoolregio voor de aandachtsgroepen?", "verdeelsleutel"),
    ],
)
def test_the_card_that_says_the_asked_thing_is_not_known_is_quoted_alone(knowledge_base: KnowledgeBase, question: str, about: str) -> None:
    response = knowledge_base.search(question, k=5)
    assert response.answer is not None and response.answer_sentences
    assert all(_NOT_KNOWN.search(s.text) for s in response.answer_sentences), response.answer
    assert about in response.answer


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Per welke datum wil het kabinet de Wet versterking regie volkshuisvesting laten ingaan?", "1 juli 2026"),
        ("Hoeveel woningen voor ouderen zijn er in Groningen tot 2041 nodig volgens het Stec-onderzoek?", "18.410"),
    ],
)
def test_a_question_the_cards_answer_keeps_its_fact(knowledge_base: KnowledgeBase, question: str, fact: str) -> None:
    response = knowledge_base.search(question, k=5)
    assert response.answer is not None and fact in response.answer
