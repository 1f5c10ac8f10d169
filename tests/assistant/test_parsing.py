"""Unit tests of the parser's parts: Dutch numbers, totals, places with typos, keys and weights."""

from __future__ import annotations

import pytest

from assistant.parsing import parse_message
from assistant.parsing.numbers import find_numbers, words_to_number
from assistant.parsing.text import tokenize


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("twaalfhonderd", 1200), ("drieduizendvijfhonderd", 3500), ("tweeentwintig", 22), ("honderdtwintig", 120),
        ("vierhonderdvijftig", 450), ("duizend", 1000), ("tweeduizend", 2000), ("eenentwintig", 21),
        ("negentienhonderdtachtig", 1980), ("vijftig", 50), ("achttien", 18), ("anderhalfduizend", 1500),
    ],
)
def test_dutch_number_words(word: str, value: int) -> None:
    assert words_to_number(word) == value


@pytest.mark.parametrize("word", ["woningen", "tienduizendje", "honderdhonderd", "en", "", "eentwintig"])
def test_not_numbers(word: str) -> None:
    assert words_to_number(word) is None


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("verdeel 1.200 plekken", 1200), ("verdeel 1 200 woningen", 1200), ("drieduizend vijfhonderd woningen", 3500),
        ("Verdeel tweeëntwintig woningen", 22), ("het gaat om 250", 250), ("verdeel 300 over parkstad", 300),
        ("300 extra sociale huurwoningen", 300), ("Verdeel 2030 woningen", 2030),
    ],
)
def test_totals(text: str, total: int) -> None:
    assert parse_message(text).total == total


@pytest.mark.parametrize(
    "text",
    ["Wat gebeurde er in 2021?", "Hoeveel gemeenten werken samen?", "70% inwoners", "verdeel 2,5 woning", "in 66 gemeenten",
     "een woning", "Wet 36 512"],
)
def test_no_total(text: str) -> None:
    assert parse_message(text).total is None


def test_percentages_are_read_as_percentages() -> None:
    numbers = find_numbers(tokenize("70% inwoners en 30 procent woningen"))
    assert [(n.value, n.percent) for n in numbers] == [(70, True), (30, True)]


@pytest.mark.parametrize(
    ("text", "region", "focus"),
    [
        ("verdeel over parksatd", "Stadsregio Parkstad Limburg", None),
        ("hoeveel moet zoetermer doen in haaglanden", "Regio Haaglanden", "Zoetermeer"),
        ("wat is het aandeel van Hengleo in twente", "Regio Enschede", "Hengelo"),
        ("over de Groninger gemeenten", "Provincie Groningen", None),
        ("over de groene metropoolregio", "Groene Metropoolregio Arnhem-Nijmegen", None),
        ("hoeveel moet Den Haag doen", "Regio Haaglanden", "'s-Gravenhage"),
        ("Hoeveel leden heeft de MRA", "Metropoolregio Amsterdam", None),
        ("En in Groningen?", "Provincie Groningen", None),
    ],
)
def test_places(text: str, region: str, focus: str | None) -> None:
    msg = parse_message(text)
    assert (msg.region, msg.focus) == (region, focus)


def test_common_words_are_not_places() -> None:
    msg = parse_message("verdeel 300 huizen over de buren, met best veel leden")
    assert msg.region is None and msg.focus is None and msg.municipalities == [] and msg.total == 300


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("verdeel 240 woningen naar inwonertal", {"inwoners": 1.0}),
        ("verdeel 240 woningen naar rato van de woningvoorraad", {"woningen": 1.0}),
        ("verdeel 240 woningen naar huishoudens", {"huishoudens": 1.0}),
        ("verdeel 240 woningen op basis van corporatiebezit", {"corporatiewoningen": 1.0}),
        ("verdeel 240 woningen op basis van de sociale huurvoorraad", {"corporatiewoningen": 1.0}),
        ("verdeel 240 woningen, voor de helft naar inwoners en voor de helft naar woningen", {"inwoners": 0.5, "woningen": 0.5}),
        ("verdeel 240 woningen half inwoners half huishoudens", {"inwoners": 0.5, "huishoudens": 0.5}),
        ("verdeel 240 woningen, 70% inwoners en 30% woningen", {"inwoners": 0.7, "woningen": 0.3}),
        ("verdeel 240 woningen: inwoners 60 procent, woningen 40 procent", {"inwoners": 0.6, "woningen": 0.4}),
        ("verdeel 240 woningen, 30% woningen en de rest naar inwoners", {"woningen": 0.3, "inwoners": 0.7}),
        ("verdeel 240 woningen", None),
        ("verdeel 400 sociale huurwoningen over de MRA", None),
    ],
)
def test_keys(text: str, key: dict[str, float] | None) -> None:
    weights = parse_message(text).key.weights
    if key is None:
        assert weights is None
    else:
        assert weights is not None and weights.keys() == key.keys()
        assert all(abs(weights[k] - key[k]) < 1e-6 for k in key)


@pytest.mark.parametrize(
    ("text", "method"),
    [("met D'Hondt", "dhondt"), ("met dhondt", "dhondt"), ("Sainte-Laguë", "sainte-lague"), ("sainte lague", "sainte-lague"),
     ("grootste overschot", "hamilton"), ("met de methode van Hamilton", "hamilton"), ("verdeel 10 woningen", None)],
)
def test_methods(text: str, method: str | None) -> None:
    assert parse_message(text).method == method


@pytest.mark.parametrize(
    ("text", "group"),
    [("voor statushouders", "statushouders"), ("voor dak- en thuislozen", "dak- en thuislozen"),
     ("uitstromers uit BW", "uitstromers uit ggz, beschermd wonen en maatschappelijke opvang"),
     ("uitstroom uit de MO", "uitstromers uit ggz, beschermd wonen en maatschappelijke opvang"),
     ("voor urgenten", "urgenten"), ("studenten", "studenten"), ("arbeidsmigranten", "arbeidsmigranten"),
     ("woonwagenbewoners", "woonwagenbewoners"), ("voor ouderen", "ouderen"), ("voor aandachtsgroepen", None)],
)
def test_groups(text: str, group: str | None) -> None:
    assert parse_message(text).group == group
