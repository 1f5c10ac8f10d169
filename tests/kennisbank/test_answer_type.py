"""A question that asks a value of a type is answered only by a sentence that holds one, about what it names.

Pure rules over sentences written here: the type comes from the question's form ('hoeveel is de …', 'min.
aantal …', 'hoe heet de …'), numbers that refer (articles, members) or that the question itself names are no
value, and a value about the country does not answer a question about one region.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.answer_type import absent_places, expected_value, holds_value, lacking, without_references
from kennisbank.answer.quantity import counted, gives_count
from kennisbank.answer.shape import Value


def _known(word: str) -> bool:
    return True


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Hoeveel is de huurbijdrage per week?", Value.MONEY),
        ("hoeveel bedraagt de boete bij een overtreding?", Value.MONEY),
        ("max. aantal bewoners per woonwagen?", Value.NUMBER),
        ("Wat is het minimale aantal deelnemers aan het overleg?", Value.NUMBER),
        ("Hoeveel is het aandeel van de regio in de opgave?", Value.NUMBER),
        ("Hoe pakt de regio de opvang aan?", None),
    ],
)
def test_the_form_of_the_question_says_the_type_of_value(question: str, value: Value | None) -> None:
    assert expected_value(question) is value


def test_numbers_that_refer_are_no_values() -> None:
    text = "Dit geldt op grond van artikel 12, tweede lid, of 14, derde lid, en Stb. 2019/302."
    assert not any(character.isdigit() for character in without_references(text, "Hoeveel leden?"))
    # the question's own year is no answer either; another number stays
    assert without_references("In 2019 telde het bestuur 7 leden.", "Hoeveel leden in 2019?").split() == ["In", "telde", "het", "bestuur", "7", "leden."]


@pytest.mark.parametrize(
    ("question", "text", "holds"),
    [
        ("max. aantal bewoners per woonwagen?", "Zie artikel 8, eerste lid, onder c.", False),
        ("max. aantal bewoners per woonwagen?", "Per woonwagen mogen ten hoogste zes bewoners wonen.", True),
        ("Hoeveel is de huurbijdrage per week?", "De huurbijdrage wordt per week vastgesteld door de raad.", False),
        ("Hoeveel is de huurbijdrage per week?", "De huurbijdrage is € 45 per week.", True),
        ("Hoeveel wachtenden waren er in 2020?", "In 2020 begon de regio een wachtlijst.", False),
    ],
)
def test_a_sentence_holds_the_value_or_not(question: str, text: str, holds: bool) -> None:
    assert holds_value(question, text, "", _known) is holds


def test_a_value_about_the_country_does_not_answer_a_question_about_a_region() -> None:
    question = "wie is de voorzitter van de stuurgroep in twente?"
    national = ("Landelijk is Karel de Boer voorzitter van de stuurgroep.", "Stuurgroep", ["Landelijk is Karel de Boer voorzitter van de stuurgroep.", "Stuurgroep", "Het programma"])
    regional = ("De stuurgroep komt elk kwartaal bijeen.", "Stuurgroep", ["De stuurgroep komt elk kwartaal bijeen.", "Stuurgroep", "Regio Enschede", "Twente"])
    assert lacking(question, question, [national, regional], _known) == "die naam voor Twente"
    named = ("Voorzitter is Karel de Boer.", "Stuurgroep", ["Voorzitter is Karel de Boer.", "Stuurgroep", "Regio Enschede", "Twente"])
    assert lacking(question, question, [national, named], _known) is None
    # a question without a value to give is not held to one
    assert lacking("wat doet de stuurgroep in twente?", "wat doet de stuurgroep in twente?", [national], _known) is None


def test_a_place_written_in_lower_case_that_the_passages_never_name_is_a_specific() -> None:
    asked = "hoeveel mensen wachten er in enschede op een woning?"
    assert "Enschede" in absent_places(asked, ["Landelijk wachten 20.000 mensen op een woning."])
    assert absent_places(asked, ["In Enschede wachten 300 mensen."]) == asked


def test_the_word_after_a_counted_plural_is_its_verb() -> None:
    assert counted("hoeveel vrijwilligers werken er in de opvang?") == ["vrijwilligers"]
    assert counted("hoeveel sociale huurwoningen komen erbij?") == ["sociale", "huurwoningen"]


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("Er zijn tot 2030 1.200 woningen voor senioren nodig.", False),
        ("Er zijn tot 2030 1.200 woningen nodig.", True),
        ("Er zijn tot 2030 1.200 woningen voor jongeren nodig.", True),
    ],
)
def test_the_head_of_an_asked_compound_counts_unless_it_names_another_kind(text: str, gives: bool) -> None:
    assert gives_count("Hoeveel jongerenwoningen zijn er nodig?", [text], _known) is gives


def test_when_the_sentence_that_says_the_value_is_unknown_is_about_the_question_it_is_quoted_alone() -> None:
    from kennisbank.answer.evidence import candidates
    from kennisbank.answer.gate import unknown_value_first
    from kennisbank.models import Hit

    hit = Hit(
        id="h0", source="bronnen/x.md", title="De nota", section="Besluitvorming", score=1.0,
        text="Wanneer de raad over de nota stemt, is niet openbaar bekend. Het college stuurde de nota op 3 maart 2022 naar de raad.",
    )
    found = candidates([hit])
    found[0].semantic, found[1].semantic = 0.90, 0.88  # the dated neighbour is almost as close
    question = "Op welke datum stemt de raad over de nota?"
    assert [c.text for c in unknown_value_first(found, question, question)] == [found[0].text]
    # closer to the dated sentence, which is about sending the nota, not about the vote the not-known sentence names
    found[0].semantic, found[1].semantic = 0.86, 0.90
    assert [c.text for c in unknown_value_first(found, question, question)] == [found[0].text]
    # closer to a dated sentence that names the vote as well: both stay
    voted = Hit(
        id="h1", source="bronnen/x.md", title="De nota", section="Besluitvorming", score=1.0,
        text="Wanneer de raad over de nota stemt, is niet openbaar bekend. De raad stemde in 2021 over een eerdere nota.",
    )
    both = candidates([voted])
    both[0].semantic, both[1].semantic = 0.86, 0.90
    assert unknown_value_first(both, question, question) == both
    # a question that asks no value keeps its sentences
    found[0].semantic, found[1].semantic = 0.90, 0.88
    assert unknown_value_first(found, "Wat doet de raad met de nota?", "Wat doet de raad met de nota?") == found


def test_a_comparison_of_places_is_answered_side_by_side() -> None:
    question = "hoeveel gemeenten zitten er in parkstad en hoeveel in twente?"
    one_side = ("Parkstad telt zeven gemeenten.", "Gemeenten", ["Parkstad telt zeven gemeenten.", "Gemeenten", "Parkstad"])
    assert lacking(question, question, [one_side], _known) is None
    # several places: a place the passages lack is not made a specific (the other side may be found apart)
    assert absent_places(question, ["Parkstad telt zeven gemeenten."]) == question


@pytest.mark.parametrize(
    ("question", "text", "holds"),
    [
        ("Hoe lang duurt de wachttijd in de regio?", "In een tweede halfjaar kregen 40 gezinnen een woning.", False),
        ("Hoe lang duurt de wachttijd in de regio?", "Woningzoekenden wachten er gemiddeld zeven jaar.", True),
    ],
)
def test_a_half_year_is_no_length_of_time(question: str, text: str, holds: bool) -> None:
    assert holds_value(question, text, "", _known) is holds


def test_the_place_s_own_sentence_may_count_in_other_words() -> None:
    question = "hoeveel nieuwbouw komt er in twente tot 2030?"
    elsewhere = ("In Parkstad komt 3.000 nieuwbouw tot 2030.", "Woondeal", ["In Parkstad komt 3.000 nieuwbouw tot 2030.", "Woondeal", "Parkstad"])
    assert lacking(question, question, [elsewhere], _known) == "dat aantal voor Twente"
    twente = ("In Twente komen 9.000 nieuwe woningen tot 2030.", "Woondeal", ["In Twente komen 9.000 nieuwe woningen tot 2030.", "Woondeal", "Twente"])
    assert lacking(question, question, [elsewhere, twente], _known) is None
