"""A question that asks how much is answered only by a sentence that gives a quantity of what it asks.

Rules about a thing (the article that caps a rent, the article on deciding an application) come close in meaning
to a question for its amount, and their numbers are mostly references (titel 4, Boek 7, a law's year) or a period
of something else. Questions and sentences written here, on the kind of case; the rules read the question's form
and the sentence's words only.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.answer_type import expected_value, lacking, without_references
from kennisbank.answer.quantity import asks_how_much, gives_count
from kennisbank.answer.shape import Value
from kennisbank.answer.subject import names_subject


def _known(word: str) -> bool:
    return True


def _sentence(text: str, heading: str = "Artikel 9", title: str = "Wet op de parkeervergunningen") -> tuple[str, str, list[str]]:
    return (text, heading, [text, heading, title])


@pytest.mark.parametrize(
    "question",
    ["Hoeveel mag de parkeerheffing volgend jaar stijgen?", "hoeveel van die vergunningen krijgt de binnenstad"],
)
def test_how_much_without_a_counted_noun_asks_a_number(question: str) -> None:
    assert asks_how_much(question)
    assert expected_value(question) is Value.NUMBER


def test_how_much_with_a_counted_noun_is_left_to_the_count_check() -> None:
    assert not asks_how_much("Hoeveel vergunningen geeft de gemeente uit?")


def test_references_and_the_year_of_a_law_are_no_quantity() -> None:
    question = "Hoeveel mag de parkeerheffing stijgen?"
    rule = "De heffing is niet hoger dan bedoeld in titel 4 van Boek 7 van het Burgerlijk Wetboek en de Wet parkeren 2009."
    assert lacking(question, question, [_sentence(rule)], _known) == "dat getal"
    answer = "De heffing stijgt jaarlijks met ten hoogste 3 procent."
    assert lacking(question, question, [_sentence(rule), _sentence(answer)], _known) is None
    assert "2009" not in without_references("de Parkeerwet 2009 geldt", question)
    assert "2019" in without_references("de wet is in 2019 ingegaan", question)


def test_what_is_the_limit_this_year_asks_an_amount() -> None:
    assert expected_value("Wat is dit jaar de inkomensgrens voor een parkeervergunning?") is Value.MONEY
    assert expected_value("wat is er met de inkomensgrens gebeurd?") is None


def test_hours_are_not_answered_by_weeks_of_something_else() -> None:
    question = "Hoeveel uur thuisbegeleiding per week krijgt een bewoner?"
    assert not gives_count(question, ["Het college beslist binnen twee weken op de aanvraag."], _known)
    assert gives_count(question, ["Een bewoner krijgt ten hoogste zes uur thuisbegeleiding per week."], _known)
    question = "over hoeveel jaar moet zo'n parkeerplan vooruitkijken?"
    assert gives_count(question, ["Het plan heeft betrekking op de eerstvolgende drie kalenderjaren."], _known)
    assert not gives_count(question, ["Het college beslist binnen acht weken over het plan."], _known)


def test_a_short_noun_is_named_only_as_a_word_of_its_own() -> None:
    assert not names_subject(["per"], ["Een persoonsgebonden budget wordt verstrekt."])
    assert names_subject(["per"], ["Het bedrag geldt per maand."])
    assert names_subject(["klacht"], ["Klachtschriften worden binnen zes weken afgehandeld."])
