"""Places the question names that the region registry does not: every municipality of the gazetteer.

A lower-case name counts only where no Dutch word can be meant (the real dictionary decides); a member
municipality the material does not name is answered from its region's material with a line on its
membership; a value asked of a municipality the material does not cover is refused, naming the place.
The first tests are rules over the real gazetteer and dictionary; the last ask the real index of the cards.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.places import as_names, as_regions, home_region, named_places, refusal_lines
from kennisbank.service import KnowledgeBase
from koploper.regions import GENERAL


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("hoeveel statushouders heeft tilburg gehuisvest", ["tilburg"]),
        ("wij zijn sittard-geleen, wat moeten wij doen", ["sittard-geleen"]),
        ("hoe gaat dat in alphen aan den rijn", ["alphen aan den rijn"]),
        ("hoe gaat dat in Loon op Zand", ["Loon op Zand"]),  # written as a name
        ("waar begin ik het best", []),  # 'best' is a word
        ("hoeveel huizen komen er bij", []),
        ("wat wil loon op zand", []),  # 'loon' and 'zand' are words
        ("hoeveel moet epe doen", []),  # too short to be sure of
        ("hoeveel moet groningen doen", []),  # a name of the region registry, handled there
        ("Huizen bouwen kost tijd. Best is om te beginnen.", []),  # a capital that opens a sentence is no name
        ("Hengelo bouwt. Wat doet Huizen?", ["Hengelo", "Huizen"]),
    ],
)
def test_a_place_in_lower_case_only_where_no_word_is_meant(question: str, places: list[str]) -> None:
    assert [m.text for m in named_places(question)] == places


def test_places_written_as_their_names() -> None:
    assert as_names("ik zit bij sittard-geleen, hoeveel moeten wij") == "ik zit bij Sittard-Geleen, hoeveel moeten wij"
    assert as_names("en in alphen aan den rijn?") == "en in Alphen aan den Rijn?"
    assert as_names("wat doet tilburg", lambda place: place.text != "tilburg") == "wat doet tilburg"


def test_a_member_municipality_stands_for_its_region() -> None:
    assert as_regions("Hoe werkt de zorg in Veendam?") == "Hoe werkt de zorg in provincie Groningen?"
    # the material at hand names the region by an alias: the member stands for the region as it is written there
    texts = ["In de regio Arnhem-Nijmegen spant iedere gemeente zich in."]
    assert as_regions("Hoeveel sociale huur moet Heumen bouwen?", texts) == "Hoeveel sociale huur moet regio Arnhem-Nijmegen bouwen?"
    assert as_regions("Hoeveel sociale huur moet Heumen bouwen?", ["Over Twente."]) == "Hoeveel sociale huur moet Groene Metropoolregio Arnhem-Nijmegen bouwen?"
    assert home_region("hoe werkt de zorg in veendam?") == "Provincie Groningen"
    assert home_region("hoe werkt de zorg in veendam en in Wijchen?") is None  # two regions
    assert home_region("hoe werkt de zorg in veendam, in de provincie groningen?") is None  # the region is named
    assert home_region("hoe werkt de zorg in tilburg?") is None  # no member


def test_a_refusal_says_the_region_and_the_fair_share() -> None:
    lines = refusal_lines("hoeveel statushouders moet Pekela huisvesten?")
    assert lines[0] == "Pekela hoort bij de koploperregio provincie Groningen (ledenlijst regio_leden.csv)."
    assert "verdeelvraag" in lines[1] and "«Verdeel 100 statushouders over provincie Groningen, met Pekela voorop»" in lines[1]
    assert refusal_lines("hoeveel statushouders heeft tilburg gehuisvest?") == []  # no task asked, no member
    (outside,) = refusal_lines("hoeveel statushouders moet tilburg huisvesten?")
    assert "Tilburg" in outside and "gemeenten die de opgave delen" in outside


def test_a_member_the_material_does_not_discuss_is_answered_from_its_region(knowledge_base: KnowledgeBase) -> None:
    question = "hoe werkt de samenwerking rond wonen en zorg in veendam?"
    assert knowledge_base.lexical.covers("Veendam")  # the premise: the card lists it among the ten members only
    response = knowledge_base.search(question, k=5)
    assert response.answer is not None
    assert {hit.region for hit in response.results} <= {"Provincie Groningen", GENERAL}
    assert "Veendam" not in response.answer
    assert response.note is not None
    assert "Veendam hoort bij de koploperregio provincie Groningen (ledenlijst regio_leden.csv)" in response.note


def test_a_value_asked_of_a_member_is_refused_with_its_region(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("hoeveel statushouders moet stadskanaal dit halfjaar huisvesten", k=5)
    assert response.answer is None and response.note is not None
    assert "Stadskanaal" in response.note.split(".")[0]  # the refusal names the place, not the region
    assert "Stadskanaal hoort bij de koploperregio provincie Groningen" in response.note
    assert "verdeelvraag" in response.note


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("hoeveel statushouders heeft tilburg in 2023 gehuisvest", "Tilburg"),
        ("wij werken bij sittard-geleen: hoeveel statushouders moeten wij dit jaar huisvesten?", "Sittard"),
    ],
)
def test_a_value_asked_of_a_place_outside_the_regions_is_refused(knowledge_base: KnowledgeBase, question: str, place: str) -> None:
    response = knowledge_base.search(question, k=5)
    assert response.answer is None and response.note is not None
    assert place in response.note
