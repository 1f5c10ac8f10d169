"""The specific a question asks for must be in the quote: a name for "hoe heet de …", an amount for "wat is de eigen
bijdrage", a number for "hoe hoog is …", a period for a waiting time or a term; a share needs a number before
"procent". Words a question writes in lower case that the passages write only as names count as names, sentence
openers do not, and codes with digits (G40) are no unknown words. Pure rules over real text, no model.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.evidence import candidates
from kennisbank.answer.gate import named_as_in_material, not_known_first, unknown_words
from kennisbank.answer.quantity import mentions_counted
from kennisbank.answer.question_kinds import halves, missing_specifics, specifics
from kennisbank.answer.shape import Value, asked_value, carries_name, carries_value, gives_value
from kennisbank.models import Hit
from kennisbank.search.lexical import LexicalIndex


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Hoe heet de penningmeester van de huurdersvereniging?", Value.NAME),
        ("Wie is de directeur van het zorgkantoor in Drenthe?", Value.NAME),
        ("Wie was toen de coördinator van het meldpunt?", Value.NAME),
        ("Welke gedeputeerde gaat over huisvesting in Friesland?", Value.NAME),
        ("Wie zit het regionale overleg over opvang voor?", Value.NAME),
        ("Wie beslist over een urgentieverklaring?", None),  # a body, not a name
        ("Wie is verantwoordelijk voor de opvang van daklozen?", None),
        ("Hoe heet de nieuwe woonvisie van de gemeente?", None),  # a title, not a person
        ("Hoe heet de nieuwe projectleider van de regio?", Value.NAME),
        ("Welke wethouder zit er namens de gemeente in het bestuur?", Value.NAME),
        ("Welke manier van verdelen gebruikt het hulpmiddel als je niets instelt?", None),  # '-er', but no one who does
        ("welke ambtenaar gaat daarover", Value.NAME),
        ("Hoe hoog is de eigen bijdrage voor een rolstoel?", Value.MONEY),
        ("Wat is het jaarbudget van de huurcommissie?", Value.MONEY),
        ("Hoeveel mag een gemeente per inwoner besteden aan preventie?", Value.MONEY),
        ("Wat is de beslistermijn voor een bezwaarschrift?", Value.PERIOD),
        ("Vanaf welke leeftijd telt iemand als senior?", Value.PERIOD),
        ("nachtopvang in de winter, hoe lang mag je blijven?", Value.PERIOD),
        ("Hoe groot is het tekort aan tijdelijke woningen?", Value.NUMBER),
        ("Wat is de huurtoeslag?", None),  # asks what it is
    ],
)
def test_the_value_a_question_asks_for(question: str, value: Value | None) -> None:
    assert asked_value(question) == value


def test_a_name_is_someone_the_question_does_not_name() -> None:
    question = "Wie is de voorzitter van de huurdersraad in Almelo?"
    assert carries_name("De voorzitter is Anneke van der Berg, oud-wethouder.", question)
    assert carries_name("Namens de raad sprak wethouder Bakkers over de plannen.", question)
    assert not carries_name("De huurdersraad in Almelo koos vorig jaar een nieuwe voorzitter.", question)
    assert not carries_name("De Huurdersraad Almelo vergadert maandelijks.", question)  # only what the question names
    assert gives_value(question, ["De huurdersraad in Almelo koos een voorzitter."]) is Value.NAME
    assert gives_value(question, ["Sinds maart is Pieter de Wit voorzitter."]) is None


def test_a_share_needs_a_number_before_procent() -> None:
    assert not carries_value(Value.SHARE, "De cijfers zijn afgerond op hele procenten.")
    assert carries_value(Value.SHARE, "Ten hoogste 40 procent van de woningen gaat naar starters.")
    assert carries_value(Value.SHARE, "Het aandeel steeg met een half procent.")
    assert not carries_value(Value.NUMBER, "Het tekort is groot, zegt een woordvoerder.")
    assert carries_value(Value.NUMBER, "Het tekort bedraagt zeshonderd plaatsen, ofwel 600.")


def test_a_capital_opening_a_later_sentence_is_no_name() -> None:
    assert specifics("Mijn buurman slaapt in een auto. Telt hij als dakloos?") == []
    assert specifics("Mijn buurman slaapt in een auto! Geldt dat ook in Zwolle?") == ["Zwolle"]


def test_a_place_the_passages_write_only_as_a_name_is_held_to_the_quote() -> None:
    hits = [
        Hit(id="a", source="x.md", title="Regio Oost", section="Cijfers", text="In Nijmegen bouwen de corporaties samen met Onze Minister. De bouw gaat door.", score=1.0),
        Hit(id="b", source="y.md", title="Bouwen", section="Aanpak", text="De gemeente bouwt ook in de winter.", score=0.9),
    ]
    question = named_as_in_material("hoeveel woningen bouwt nijmegen in de winter volgens de minister", hits)
    assert question == "hoeveel woningen bouwt Nijmegen in de winter volgens de minister"  # a place; 'minister' is no place
    assert missing_specifics(question, ["De gemeente bouwt 300 woningen in de winter."]) == ["Nijmegen"]
    assert missing_specifics(question, ["Nijmegen bouwt 300 woningen in de winter."]) == []


def test_a_half_year_is_a_specific() -> None:
    assert halves("cijfers over H1 2024 en het 2e halfjaar") == {"eerste helft", "tweede helft"}
    question = "Hoeveel daklozen telde de regio in de tweede helft van 2021?"
    assert missing_specifics(question, ["In de eerste helft van 2021 telde de regio 80 daklozen."]) == ["tweede helft"]
    assert missing_specifics(question, ["In het tweede halfjaar van 2021 waren het er 95."]) == []


def test_a_code_with_digits_is_no_unknown_word() -> None:
    lexical = LexicalIndex(["De G40 doet veel aan opvang en wonen."])
    assert unknown_words(lexical, "Wat doet de G32 aan opvang?") == []  # not 'G': a code, looked up whole or not at all
    assert unknown_words(lexical, "Wat doet de G32 aan scholing?") == ["scholing"]  # other words still count


def test_a_best_sentence_that_says_the_thing_is_not_known_is_quoted_alone() -> None:
    hit = Hit(
        id="h",
        source="x.md",
        title="Regio Zuid",
        section="Stand",
        text="De regio sloot in 2022 een tussenakkoord met twaalf partijen. Of het eindakkoord is getekend, is niet openbaar bekend. "
        "Hoeveel huurders een woning kregen, is niet bekend.",
        score=1.0,
    )
    found = candidates([hit])
    found[0].semantic, found[1].semantic, found[2].semantic = 0.84, 0.88, 0.80
    assert [c.text for c in not_known_first(found, "Wanneer is het eindakkoord getekend?")] == [found[1].text, found[2].text]
    # a yes/no question: the material's own 'Of …, niet bekend' about it, not the other unknown beside it
    assert [c.text for c in not_known_first(found, "Is het eindakkoord al getekend?")] == [found[1].text]
    found[0].semantic = 0.95  # the fact fits best: all stay (a question that is no yes/no question)
    assert not_known_first(found, "Wanneer is het eindakkoord getekend?") == found
    found[0].semantic, found[2].semantic = 0.80, 0.90
    # 'hoeveel partijen' is not answered by what is not known about tenants, nor a question about 2023 by 2022's
    assert not_known_first(found, "Hoeveel partijen tekenden het tussenakkoord?") == found
    assert mentions_counted("Hoeveel huurders kregen een woning?", found[2].text)
    assert not mentions_counted("Hoeveel partijen tekenden?", found[2].text)
