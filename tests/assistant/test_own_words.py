"""Allocation requests in the users' own words (issue 22): each kind of phrasing that was misread, in
several phrasings of its own (never the evaluation sentences), through a real Conversation and engine.
"""

from __future__ import annotations

import pytest

from assistant.parsing.message import parse_message
from assistant.parsing.money import find_money
from tests.assistant.helpers import GMR, HAAGLANDEN, MRA, PARKSTAD, offline_conversation


def _ask(*turns: str):  # type: ignore[no-untyped-def]
    conv = offline_conversation()
    replies = [conv.ask(turn) for turn in turns]
    return replies[-1]


# --- money in colloquial units, over a list of municipalities -------------------------------------


@pytest.mark.parametrize(
    ("question", "total", "group"),
    [
        ("Verdeel 2 ton tussen Arnhem, Nijmegen en Overbetuwe", 200_000, ["Arnhem", "Nijmegen", "Overbetuwe"]),
        ("Reken 1,5 ton uit over Heerlen, Kerkrade en Landgraaf naar huishoudens", 150_000, ["Heerlen", "Kerkrade", "Landgraaf"]),
        ("Er ligt 4,5 ton klaar; verdeel het over Nijmegen, Arnhem en Wijchen", 450_000, ["Nijmegen", "Arnhem", "Wijchen"]),
        ("verdeel 0,8 mln over Arnhem,Nijmegen en Rheden", 800_000, ["Arnhem", "Nijmegen", "Rheden"]),
    ],
)
def test_a_colloquial_amount_over_an_own_list_is_money_over_that_list(question: str, total: int, group: list[str]) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.result is not None
    assert reply.request.unit == "euro" and reply.request.total == total
    assert reply.request.region is None and sorted(reply.request.municipalities or []) == sorted(group)
    assert sum(row.allocated for row in reply.result.rows) == total * (100 if reply.result.cents else 1)


@pytest.mark.parametrize(
    ("question", "region", "total", "focus"),
    [
        ("We hebben 1,8 mln voor Parkstad. Hoe verdelen we dat en wat krijgt Heerlen?", PARKSTAD, 1_800_000, "Heerlen"),
        ("Wij krijgen 6 ton voor Haaglanden; hoe verdelen we dat naar huishoudens en wat krijgt Zoetermeer?", HAAGLANDEN, 600_000, "Zoetermeer"),
        ("Er is 3,2 mln beschikbaar voor de MRA. Hoe verdelen we die en wat krijgt Almere?", MRA, 3_200_000, "Almere"),
    ],
)
def test_an_amount_to_share_with_a_share_out_question_is_an_allocation(question: str, region: str, total: int, focus: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.unit == "euro"
    assert (reply.request.region, reply.request.total, reply.request.focus) == (region, total, focus)


@pytest.mark.parametrize("text", ["Parkstad telt 0,25 mln inwoners", "er staan 2 mln woningen in de regio", "3 ton woningen"])
def test_a_large_number_that_counts_a_noun_is_no_money(text: str) -> None:
    assert find_money(text) is None


def test_a_region_name_is_not_read_across_a_comma() -> None:
    listed = parse_message("Verdeel 50 woningen over Arnhem, Nijmegen en Duiven")
    assert listed.region is None and listed.municipalities == ["Arnhem", "Nijmegen", "Duiven"]
    named = parse_message("Verdeel 50 woningen over de regio Arnhem-Nijmegen")
    assert named.region == GMR and not named.municipalities


# --- years as a follow-up ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "years"),
    [
        ("Wat is dat per jaar als we er 3 jaar voor nemen?", 3),
        ("En als we er 4 jaar over doen?", 4),
        ("Stel dat we daar 5 jaar de tijd voor krijgen, hoeveel is het dan per jaar?", 5),
        ("hoeveel per jaar bij 6 jaar looptijd?", 6),
    ],
)
def test_a_number_of_years_in_a_follow_up_spreads_the_same_total(follow_up: str, years: int) -> None:
    reply = _ask("Verdeel 300 woningen over Parkstad naar inwoners", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 300 and reply.request.years == years


@pytest.mark.parametrize("text", ["Delft heeft de afgelopen 3 jaar al 40 gehuisvest", "om de 2 jaar verdelen we opnieuw"])
def test_years_in_the_past_or_as_a_frequency_are_no_spread(text: str) -> None:
    assert parse_message(text).years is None


# --- removing a limit ----------------------------------------------------------------------------


@pytest.mark.parametrize("drop", ["Laat het plafond maar vallen", "schrap die bovengrens", "doe maar zonder maximum", "het maximum mag eruit"])
def test_a_cap_can_be_taken_away_in_words(drop: str) -> None:
    reply = _ask("Verdeel 400 woningen over Haaglanden, maximaal 60 per gemeente", drop)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 400
    assert reply.request.cap_absolute is None and reply.request.cap_share is None and not reply.request.caps


@pytest.mark.parametrize("drop", ["haal het minimum weg", "geen ondergrens meer graag", "die vloer mag eraf", "zonder minimum dan"])
def test_a_floor_can_be_taken_away_in_words(drop: str) -> None:
    reply = _ask("Verdeel 400 woningen over Haaglanden, minimaal 10 per gemeente", drop)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 400
    assert reply.request.floor_absolute is None and reply.request.floor_share is None and not reply.request.floors


def test_taking_a_limit_away_keeps_the_other_one() -> None:
    reply = _ask("Verdeel 400 woningen over Haaglanden, minimaal 10 en maximaal 90 per gemeente", "het maximum mag weg")
    assert reply.request is not None and reply.request.cap_absolute is None and reply.request.floor_absolute == 10


# --- key comparisons asked as a question of difference -------------------------------------------


@pytest.mark.parametrize(
    ("question", "focus", "keys"),
    [
        ("Maakt het voor Heerlen iets uit of we 80 plekken over Parkstad naar inwoners of naar huishoudens verdelen?", "Heerlen", ["inwoners", "huishoudens"]),
        ("Verdeel 80 plekken over Parkstad op basis van huishoudens of van woningvoorraad; wat maakt dat voor Kerkrade uit?", "Kerkrade", ["huishoudens", "woningen"]),
        ("Voor Brunssum: 80 plekken over Parkstad naar inwoners of naar sociale huur?", "Brunssum", ["inwoners", "corporatiewoningen"]),
    ],
)
def test_two_keys_offered_as_alternatives_are_compared(question: str, focus: str, keys: list[str]) -> None:
    reply = _ask(question)
    assert reply.key_comparison is not None, reply.answer
    assert reply.request is not None and reply.request.total == 80 and reply.request.focus == focus
    assert [k for key in reply.request.compare_keys for k in key] == keys


# --- an unknown region is named back -------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "name"),
    [("Verdeel 90 woningen over de Veluwe", "Veluwe"), ("Kun je 40 plekken over de regio Kempen verdelen?", "Kempen"), ("reken 60 statushouders uit over de Liemers", "Liemers")],
)
def test_an_unknown_region_is_named_in_the_question(question: str, name: str) -> None:
    reply = _ask(question)
    assert reply.intent == "clarify" and name in reply.answer


# --- a year after 'sinds' is a reference year ---------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "place", "amount"),
    [
        ("Kerkrade heeft er sinds 2022 al 12 gehuisvest", "Kerkrade", 12),
        ("Heerlen heeft vanaf 2021 al 30 opgeleverd", "Heerlen", 30),
        ("Landgraaf heeft in 2024 al 7 gerealiseerd", "Landgraaf", 7),
    ],
)
def test_a_year_after_a_preposition_of_time_is_no_amount(follow_up: str, place: str, amount: int) -> None:
    reply = _ask("Verdeel 200 woningen over Parkstad naar inwoners", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 200
    assert reply.request.existing_amounts == {place: amount}


# --- a figure stated about a place is context ----------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "focus"),
    [
        ("Wat krijgt Simpelveld, dat is een kleine gemeente met 10.000 inwoners", "Simpelveld"),
        ("En Voerendaal? Daar wonen maar 12.000 inwoners", "Voerendaal"),
        ("Hoeveel gaat er naar Brunssum, met z'n 27.000 inwoners?", "Brunssum"),
    ],
)
def test_a_figure_about_a_place_keeps_the_request(follow_up: str, focus: str) -> None:
    reply = _ask("Verdeel € 400.000 over Parkstad naar inwoners", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 400_000 and reply.request.focus == focus
