"""What a user says about themselves is no specific the material must have.

"Wij werken bij de gemeente Beuningen; wat staat er in de woondeal van onze regio …?": Beuningen says who asks,
the question is about the region. Such a name (in an earlier first-person sentence, a first-person statement
clause, or beside 'wij als gemeente (…)', 'bij ons in …') no longer refuses the question; a count asked of the
asker themselves keeps it. Phrasings of our own, against the real cards, the Huisvestingswet and the real model.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.asker import context_names
from kennisbank.service import KnowledgeBase


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Ik werk bij gemeente Oss; hoe verdeelt Haaglanden de opgave?", ["Oss"]),
        ("Wij zijn een corporatie in Harderwijk, mogen wij voorrang geven?", ["Harderwijk"]),
        ("Mogen wij als gemeente (Meppel) een vergunning eisen?", ["Meppel"]),
        ("Een vrouw uit Emmen meldt zich bij ons in Assen. Wie moet haar opvangen?", ["Emmen", "Assen"]),
        ("Goedemiddag. Wij zitten in Assen. Wie regelt de opvang?", ["Assen"]),  # "Wij" opens a sentence
        ("Hoeveel statushouders moet Meppel huisvesten?", []),  # the name is what is asked
        ("Wat kunnen wij leren van Parkstad?", []),  # the region is what is asked
        ("Wij zitten in Meppel. Hoeveel statushouders moeten wij huisvesten?", []),  # Meppel's own count
    ],
)
def test_names_that_say_who_asks_are_context(question: str, names: list[str]) -> None:
    assert context_names(question) == names


def test_a_name_beside_the_first_person_that_the_material_knows_stays_asked() -> None:
    assert context_names("Wat doet onze regio Haaglanden?", lambda name: name == "Haaglanden") == []


def test_a_municipality_of_the_asker_does_not_refuse_a_question_about_their_region(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Wij werken bij de gemeente Beuningen; wat staat er in de woondeal 2.0 van onze regio over sociale huur?", k=5)
    assert response.answer is not None, response.note
    assert "30%" in response.answer



def test_a_municipality_in_brackets_beside_wij_does_not_refuse_a_question_about_the_law(law_base: KnowledgeBase) -> None:
    response = law_base.search("Kunnen wij als gemeente (Meppel) voor goedkope woonruimte een huisvestingsvergunning verplicht stellen?", k=5)
    assert response.answer is not None, response.note
    assert "huisvestingsvergunning" in response.answer


def test_a_count_asked_of_the_asker_still_needs_their_name(law_base: KnowledgeBase) -> None:
    response = law_base.search("Wij zitten in Meppel. Hoeveel statushouders moeten wij in 2024 huisvesten?", k=5)
    assert response.answer is None
    assert response.note is not None and "Meppel" in response.note





@pytest.mark.parametrize(
    "question",
    [
        "Mag de gemeente de wmo-voorziening weigeren als iemand recht heeft op WLZ-zorg?",
        "Kan het college een maatwerkvoorziening weigeren als de cliënt aanspraak heeft op Wlz-zorg in een instelling?",
    ],
)
def test_an_abbreviation_of_words_the_found_text_writes_out_is_no_unknown_name(wmo_base: KnowledgeBase, question: str) -> None:
    response = wmo_base.search(question, k=5)
    assert response.answer is not None, response.note
    assert "Wet langdurige zorg" in response.answer


def test_how_long_a_waiting_list_was_is_answered_by_how_many_waited(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Hoe lang was de wachtrij voor beschermd wonen in de regio Enschede in 2021?", k=5)
    assert response.answer is not None, response.note
    assert "120" in response.answer


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("Binnen hoeveel tijd moet de gemeente na een melding het onderzoek naar de hulpvraag afronden?", "zes weken"),
        ("Hoeveel tijd heeft het college om te beslissen na een aanvraag voor een maatwerkvoorziening?", "twee weken"),
    ],
)
def test_how_much_time_asks_a_period_not_a_count_of_time(wmo_base: KnowledgeBase, question: str, period: str) -> None:
    response = wmo_base.search(question, k=5)
    assert response.answer is not None, response.note
    assert period in response.answer
