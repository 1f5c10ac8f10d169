"""A "welke <meervoud>" question asks which ones; a sentence that only counts them does not answer it.

"Welke scholen doen mee?" is close in meaning to "Alle negen scholen van het bestuur doen mee", which names
none of them. The rules on sentences written here; the real cards and model for a group whose members the
material does list, which must still be answered.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.quantity import count_before
from kennisbank.answer.which_ones import asked_members, counts_only, names_no_members
from kennisbank.service import KnowledgeBase


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Welke scholen doen mee aan het project?", "scholen"),
        ("In welke wijken ligt een buurthuis?", "wijken"),
        ("Welke 9 scholen horen bij het bestuur?", "scholen"),
        ("Welk bestuur is verantwoordelijk?", None),  # singular: one thing, not the members of a group
        ("Hoeveel scholen doen mee?", None),
        ("Wat doen de scholen?", None),
    ],
)
def test_the_asked_members_are_the_plural_after_welke(question: str, noun: str | None) -> None:
    assert asked_members(question) == noun


def test_a_count_of_the_asked_thing_names_no_member() -> None:
    question = "Welke scholen horen bij het bestuur?"
    counting = "Het bestuur is de groep directeuren van alle negen (9) Utrechtse basisscholen."
    assert count_before("scholen", counting) is not None  # 'basisscholen' has 'scholen' as its head
    assert counts_only("scholen", counting, question)
    assert names_no_members(question, [counting, "Het bestuur werd in 2010 opgericht."])


@pytest.mark.parametrize(
    "listing",
    [
        "De negen scholen van het bestuur zijn De Regenboog, Het Kompas en De Wissel.",
        "Het gaat om drie scholen: de montessorischool, de vrije school en de openbare school.",
    ],
)
def test_a_count_followed_by_the_members_answers(listing: str) -> None:
    question = "Welke scholen horen bij het bestuur?"
    assert not counts_only("scholen", listing, question)
    assert not names_no_members(question, ["Het bestuur telt negen scholen.", listing])


def test_names_before_the_count_say_where_not_which() -> None:
    question = "welke scholen doen mee?"
    assert names_no_members(question, ["In Utrecht en Zeist doen zes scholen mee aan het project (PO)."])


def test_a_sentence_without_a_count_is_left_to_the_other_checks() -> None:
    assert not names_no_members("Welke scholen doen mee?", ["De scholen werken samen met de gemeente."])


def test_a_group_whose_members_the_cards_list_is_still_answered(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("welke gemeenten horen bij de stadsregio parkstad limburg?", k=5)
    assert response.answer is not None and "Brunssum" in response.answer, (response.answer, response.note)
