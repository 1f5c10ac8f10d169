"""A value answers only in a sentence that names what the question asks the value of.

A question for a period or a date about one thing ('de termijn van een klacht', 'de geldigheid van een pas')
comes close in meaning to an article that names the thing in one sentence and a period of something else in
the next: the quote then holds a period, but not that one. Sentences and questions written here, on the
kind of case; the rule reads only the question's form and the sentence's words.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.answer_type import lacking
from kennisbank.answer.shape import Value, asked_value, carries_value
from kennisbank.answer.subject import asks_time, names_subject, subject_nouns


def _known(word: str) -> bool:
    """The material of these sentences uses every word (the index answers this for real material)."""
    return True


def _sentence(text: str, heading: str = "Artikel 7", title: str = "Wet op de parkeervergunningen") -> tuple[str, str, list[str]]:
    return (text, heading, [text, heading, title])


def test_a_period_of_another_thing_beside_the_asked_thing_does_not_answer() -> None:
    question = "binnen welke termijn kan een bewoner een klacht indienen?"
    names_it = _sentence("Het college behandelt een klacht van een bewoner zorgvuldig.")
    other = _sentence("De raad stelt binnen zes weken een verslag vast.")
    assert lacking(question, question, [names_it, other], _known) == "die termijn"
    own = _sentence("Een klacht wordt binnen zes weken na de gebeurtenis ingediend.")
    assert lacking(question, question, [names_it, other, own], _known) is None


def test_the_asked_thing_named_in_another_inflection_or_compound_still_answers() -> None:
    question = "hoe lang blijft een parkeerpas geldig?"
    assert lacking(question, question, [_sentence("Parkeerpassen gelden voor de duur van vijf jaar.")], _known) is None
    question = "binnen welke termijn beslist het college op een klacht?"
    assert lacking(question, question, [_sentence("Op klachtschriften wordt binnen acht weken beslist.")], _known) is None


def test_a_question_without_nouns_of_the_material_holds_no_sentence_to_them() -> None:
    question = "hoe lang duurt het eigenlijk?"
    assert subject_nouns(question, _known) == []
    assert lacking(question, question, [_sentence("De raad stelt binnen zes weken een verslag vast.")], _known) is None


@pytest.mark.parametrize(
    ("question", "nouns"),
    [
        # verbs, participles, the degree asked and the units of time are no things the value is of
        ("hoeveel weken heeft een bewoner om bezwaar te maken?", ["bewoner", "bezwaar"]),
        ("hoe lang blijft een vergunning geldig?", ["vergunning"]),
        # a name and a place are checked on the sentence's whole context elsewhere; a hyphenated word by its parts
        ("Binnen hoeveel dagen beslist Utrecht over een Wmo-aanvraag?", ["aanvraag"]),
    ],
)
def test_the_nouns_a_value_is_asked_of(question: str, nouns: list[str]) -> None:
    assert subject_nouns(question, _known, frozenset({"utrecht"})) == nouns


def test_nouns_the_material_never_uses_are_the_users_own_words() -> None:
    assert subject_nouns("hoe lang blijft een vergunning geldig?", lambda word: word != "vergunning") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Het bezwaarschrift wordt binnen zes weken ingediend.", True),  # a part of a compound
        ("De aanvraag werd afgewezen.", True),  # 'afwijzing' by its verb
        ("De cliënt krijgt een beschikking.", True),  # written with a diaeresis
        ("De raad stelt een verslag vast.", False),
    ],
)
def test_a_sentence_names_a_noun_in_another_form(text: str, names: bool) -> None:
    assert names_subject(["bezwaar", "afwijzing", "client"], [text]) is names


def test_per_or_from_when_asks_a_date() -> None:
    assert asked_value("Per wanneer gaat de regeling in?") is Value.DATE
    assert asked_value("vanaf wanneer geldt de nieuwe regel?") is Value.DATE
    assert asked_value("sinds wanneer geldt de regel?") is None  # 'al langere tijd' answers that


def test_a_website_is_no_telephone_number() -> None:
    question = "op welk telefoonnummer kan ik met vragen terecht?"
    assert not carries_value(Value.CONTACT, "Meer informatie staat op http://www.example.nl.", question)
    assert carries_value(Value.CONTACT, "Bel 070-3456789 voor vragen.", question)
    both = "wat is het mailadres of telefoonnummer van het loket?"
    assert carries_value(Value.CONTACT, "Mail naar loket@example.nl.", both)


@pytest.mark.parametrize(
    ("question", "time"),
    [
        ("hoe lang blijft een pas geldig?", True),
        ("binnen hoeveel weken beslist het college?", True),
        ("per wanneer gaat de regeling in?", True),
        ("hoeveel woningen bouwt de gemeente?", False),  # a count is checked by what it counts
        ("welk bedrag in euro's krijgt een bewoner?", False),
    ],
)
def test_the_rule_holds_questions_for_a_period_or_date(question: str, time: bool) -> None:
    assert asks_time(question) is time


def test_a_count_is_not_held_to_the_questions_other_nouns() -> None:
    question = "hoeveel woningen bouwt de gemeente samen met de provincie?"
    assert lacking(question, question, [_sentence("Er komen 500 woningen bij.")], _known) is None
