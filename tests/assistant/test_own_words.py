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


# --- a limit renamed with a bare number, or taken away without saying which ----------------------


@pytest.mark.parametrize(
    ("follow_up", "cap", "floor"),
    [
        ("maak die bovengrens eens 55", 55, None),
        ("en daarbij een ondergrens 4", 60, 4),
        ("minimum 3 erbij graag", 60, 3),
        ("zet het maximum dan maar op 50", 50, None),
    ],
)
def test_a_limit_noun_with_a_number_is_a_limit_not_a_total(follow_up: str, cap: int, floor: int | None) -> None:
    reply = _ask("Verdeel 400 woningen over Haaglanden, maximaal 60 per gemeente", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 400
    assert (reply.request.cap_absolute, reply.request.floor_absolute) == (cap, floor)


@pytest.mark.parametrize("drop", ["laat die grens maar los", "de limiet mag weg", "zonder die begrenzing graag"])
def test_a_limit_taken_away_without_its_kind_drops_the_one_there_is(drop: str) -> None:
    reply = _ask("Verdeel 400 woningen over Haaglanden, hoogstens 30% per gemeente", drop)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 400 and reply.request.cap_share is None


# --- places joined or left out with the particle of a separable verb -----------------------------


@pytest.mark.parametrize(
    ("follow_up", "group"),
    [
        ("voeg Voerendaal er nog aan toe", ["Heerlen", "Kerkrade", "Landgraaf", "Voerendaal"]),
        ("Landgraaf valt af", ["Heerlen", "Kerkrade"]),
        ("Kerkrade doet niet mee", ["Heerlen", "Landgraaf"]),
        ("en Heerlen haakt af", ["Kerkrade", "Landgraaf"]),
    ],
)
def test_a_place_joins_or_leaves_by_the_verb_particle(follow_up: str, group: list[str]) -> None:
    reply = _ask("Verdeel 90 plekken over Heerlen, Kerkrade en Landgraaf", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 90
    assert sorted(reply.request.municipalities or []) == sorted(group)


# --- halves and the one-letter million ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [("tweeënhalve ton", 250_000), ("anderhalve ton", 150_000), ("€ 2,5M", 2_500_000), ("drieënhalf mln euro", 3_500_000), ("EUR 0,4M", 400_000)],
)
def test_halves_and_the_short_million_are_read(text: str, amount: int) -> None:
    found = find_money(f"Verdeel {text} over Parkstad")
    assert found is not None and found.amount == amount


def test_a_half_amount_changes_the_total_of_a_budget() -> None:
    reply = _ask("Verdeel 3 ton over Parkstad", "en met drieënhalve ton?")
    assert reply.request is not None and (reply.request.total, reply.request.unit) == (350_000, "euro")


# --- 'uitgaan van' names the key ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Hoe worden 90 plekken over Parkstad verdeeld als we uitgaan van de woningvoorraad?", "woningen"),
        ("We gaan uit van huishoudens: verdeel 90 plekken over Parkstad", "huishoudens"),
        ("Verdeel 90 plekken over Parkstad, uitgaande van het aantal inwoners", "inwoners"),
    ],
)
def test_going_out_from_an_indicator_makes_it_the_key(question: str, key: str) -> None:
    reply = _ask(question)
    assert reply.request is not None and reply.request.key == {key: 1.0}


# --- existing effort with the verb left out -------------------------------------------------------


def test_an_elliptic_follow_up_keeps_the_role_of_existing_effort() -> None:
    reply = _ask("Verdeel 200 woningen over Parkstad", "Heerlen heeft er al 12 gehuisvest", "en Kerkrade 4")
    assert reply.request is not None and reply.request.total == 200
    assert reply.request.existing_amounts == {"Heerlen": 12, "Kerkrade": 4}


@pytest.mark.parametrize(
    "question",
    [
        "Parkstad: 200 woningen, Heerlen heeft er 12 gebouwd, Kerkrade 4.",
        "Verdeel 200 woningen over Parkstad; Heerlen heeft er al 12 opgeleverd, Kerkrade 4",
    ],
)
def test_a_list_of_existing_effort_after_a_comma(question: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 200
    assert reply.request.existing_amounts == {"Heerlen": 12, "Kerkrade": 4}


@pytest.mark.parametrize("follow_up", ["stel dat Heerlen nog niets gehuisvest had", "en als Heerlen niks gedaan had?", "Heerlen heeft nog geen woningen gebouwd"])
def test_nothing_done_takes_existing_effort_away(follow_up: str) -> None:
    reply = _ask("Verdeel 200 woningen over Parkstad, Heerlen heeft er al 30 gehuisvest", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 200 and reply.request.existing_amounts == {}


# --- a total per year stated before the number ----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "total", "years"),
    [
        ("Jaarlijks moeten we 30 plekken vinden in Parkstad, drie jaar lang", 90, 3),
        ("Per jaar komen er 20 woningen voor Haaglanden, en dat 5 jaar lang", 100, 5),
    ],
)
def test_a_total_per_year_said_before_the_number(question: str, total: int, years: int) -> None:
    reply = _ask(question)
    assert reply.request is not None and (reply.request.total, reply.request.years) == (total, years)


def test_a_question_per_year_does_not_multiply_the_total() -> None:
    msg = parse_message("Wat krijgt elke gemeente per jaar als we 100 woningen over 4 jaar verdelen over Parkstad?")
    assert not msg.per_year and msg.total == 100


# --- 'zet daar … naast' compares keys; a pronoun for the outcome asks a share ----------------------


@pytest.mark.parametrize("follow_up", ["Leg daar de verdeling naar huishoudens eens naast", "zet er die naar huishoudens naast"])
def test_putting_another_key_next_to_it_is_a_comparison(follow_up: str) -> None:
    reply = _ask("Verdeel 200 woningen over Parkstad naar inwoners", follow_up)
    assert reply.key_comparison is not None, reply.answer
    assert reply.request is not None and [k for key in reply.request.compare_keys for k in key] == ["inwoners", "huishoudens"]


@pytest.mark.parametrize(
    ("follow_up", "focus"),
    [("Wat betekent dat voor Kerkrade?", "Kerkrade"), ("Hoe pakt dit uit voor Brunssum?", "Brunssum"), ("Wat houdt dat in voor Heerlen?", "Heerlen"), ("hoe zit het met Simpelveld?", "Simpelveld")],
)
def test_a_pronoun_for_the_outcome_and_a_member_asks_its_share(follow_up: str, focus: str) -> None:
    reply = _ask("Verdeel 200 woningen over Parkstad naar inwoners", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 200 and reply.request.focus == focus


# --- a compass compound is another area; slips of the keyboard -----------------------------------


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("Midden-Twente doet het samen: Hengelo, Borne en Hof van Twente, verdeel 60 woningen", ["Hengelo", "Borne", "Hof van Twente"]),
        ("Voor Oost-Groningen (Oldambt, Veendam en Pekela) verdeel ik 45 plekken", ["Oldambt", "Veendam", "Pekela"]),
    ],
)
def test_a_compass_compound_is_not_the_region_inside_it(question: str, group: list[str]) -> None:
    msg = parse_message(question)
    assert msg.region is None and msg.municipalities == group


@pytest.mark.parametrize(("question", "name"), [("verdeel 40 woningen over Midden-Groningen en Oldambt", "Midden-Groningen"), ("verdeel 40 woningen over West Betuwe en Tiel", "West Betuwe")])
def test_a_municipality_with_a_compass_word_keeps_its_name(question: str, name: str) -> None:
    assert name in parse_message(question).municipalities


@pytest.mark.parametrize(
    ("question", "unit", "key"),
    [
        ("verdeell 80 woningen over Haaglanden naar inwonres", "woningen", "inwoners"),
        ("bereken 80 statushoudres over Haaglanden naar huishoudns", "statushouders", "huishoudens"),
        ("kun je 80 vluchtelinen verdelen over Haaglanden naar inwoners", "vluchtelingen", "inwoners"),
    ],
)
def test_a_slip_in_a_request_word_is_read_and_said(question: str, unit: str, key: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 80 and reply.request.key == {key: 1.0}
    assert unit in (reply.request.unit, reply.request.group)
    assert "lees ik als" in reply.answer


@pytest.mark.parametrize("word", ["plaatst", "verdeelde", "berekende", "woningbouw", "gemeenten", "beschermd"])
def test_correct_words_are_never_corrected(word: str) -> None:
    from assistant.parsing.spelling import correct
    from assistant.parsing.text import tokenize

    tokens, notes = correct(tokenize(word), set())
    assert [t.text for t in tokens] == [word] and not notes


# --- who the user is, 'die regio', and who belongs to a region -----------------------------------


@pytest.mark.parametrize(
    ("intro", "request_", "focus"),
    [
        ("Ik werk bij de gemeente Kerkrade en bereid een overleg voor.", "Verdeel 120 woningen over Parkstad, wat krijgen wij?", "Kerkrade"),
        ("Wij zijn van de gemeente Wijchen.", "Hoe verdelen we 300 plekken over de GMR en wat is ons aandeel?", "Wijchen"),
        ("Ik schrijf namens Westland.", "verdeel 80 statushouders over Haaglanden, wat moeten we doen?", "Westland"),
    ],
)
def test_we_means_the_municipality_the_user_works_for(intro: str, request_: str, focus: str) -> None:
    reply = _ask(intro, request_)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.focus == focus


def test_we_outside_the_group_is_no_focus() -> None:
    reply = _ask("Ik werk bij de gemeente Delft.", "Verdeel 120 woningen over Parkstad, wat krijgen wij?")
    assert reply.request is not None and reply.request.focus is None


@pytest.mark.parametrize("later", ["Verdeel dan 200 woningen over die regio", "reken 200 woningen uit voor dezelfde regio"])
def test_that_region_is_the_region_named_before(later: str) -> None:
    reply = _ask("Welke gemeenten zitten in Parkstad?", later)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.region == PARKSTAD and reply.request.total == 200


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Uit welke gemeenten bestaat Haaglanden?", ["Zoetermeer", "Westland", "8 gemeenten"]),
        ("Hoort Brunssum bij Parkstad?", ["Brunssum hoort daarbij", "7 gemeenten"]),
        ("Valt Almelo onder regio Enschede?", ["Almelo hoort er niet bij"]),
        ("Welke gemeenten zijn lid van de MRA?", ["Almere", "30 gemeenten"]),
    ],
)
def test_membership_is_answered_from_the_data(question: str, said: list[str]) -> None:
    reply = _ask(question)
    assert reply.intent == "knowledge"
    for words in said:
        assert words in reply.answer


# --- more of the same kinds, phrased otherwise -----------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "left_out"),
    [("Oldenzaal mag er ook uit", "Oldenzaal"), ("en als Hengelo er niet aan meedoet?", "Hengelo"), ("Borne doet niet mee", "Borne")],
)
def test_a_place_left_out_by_a_split_or_fused_particle(follow_up: str, left_out: str) -> None:
    reply = _ask("Verdeel 200 woningen over Twente naar inwoners", follow_up)
    assert reply.request is not None and reply.request.municipalities is not None
    assert left_out not in reply.request.municipalities and len(reply.request.municipalities) == 7


@pytest.mark.parametrize(
    ("follow_up", "cap"), [("het plafond mag omhoog naar 35", 35), ("dat maximum gaat dan terug tot 15", 15), ("de bovengrens zetten we op 40", 40)]
)
def test_a_limit_noun_a_few_words_before_its_number(follow_up: str, cap: int) -> None:
    reply = _ask("Verdeel 100 woningen over Parkstad met een maximum van 20 per gemeente", follow_up)
    assert reply.request is not None and reply.request.total == 100 and reply.request.cap_absolute == cap


@pytest.mark.parametrize(
    ("question", "total"),
    [("Er is een half miljoen beschikbaar voor de MRA, verdeel dat naar inwoners", 500_000), ("We kunnen 2 miljoen besteden in Parkstad; verdeel het", 2_000_000)],
)
def test_an_amount_that_is_available_to_spend_is_money(question: str, total: int) -> None:
    reply = _ask(question)
    assert reply.request is not None and (reply.request.total, reply.request.unit) == (total, "euro")


def test_thousands_in_a_conversation_about_money() -> None:
    reply = _ask("Verdeel twee ton over Haaglanden", "en met 250 duizend?")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and (reply.request.total, reply.request.unit) == (250_000, "euro")


@pytest.mark.parametrize(
    ("follow_up", "key"),
    [
        ("Hoe verandert het beeld als we woningvoorraad nemen?", {"woningen": 1.0}),
        ("En als we voor de helft naar huishoudens gaan?", {"inwoners": 0.5, "huishoudens": 0.5}),
        ("wat als een kwart naar sociale huur gaat?", {"inwoners": 0.75, "corporatiewoningen": 0.25}),
        ("Wat krijgt Heerlen als we huishoudens gebruiken?", {"huishoudens": 1.0}),
    ],
)
def test_a_key_in_a_what_if_follow_up(follow_up: str, key: dict[str, float]) -> None:
    reply = _ask("Verdeel 100 woningen over Parkstad naar inwoners", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 100 and reply.request.key == key


# --- existing effort labelled with a colon, or taken away ----------------------------------------


@pytest.mark.parametrize("follow_up", ["Heerlen: al 12 gehuisvest. Kerkrade: 4.", "Heerlen: reeds 12 opgevangen, Kerkrade 4"])
def test_existing_effort_labelled_with_a_colon(follow_up: str) -> None:
    reply = _ask("Verdeel 200 statushouders over Parkstad", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 200
    assert reply.request.existing_amounts == {"Heerlen": 12, "Kerkrade": 4}


@pytest.mark.parametrize("drop", ["vergeet die 12 van Heerlen maar", "schrap de inzet van Heerlen", "Heerlen telt niet mee voor de bestaande inzet, negeer die"])
def test_one_municipalitys_existing_effort_taken_away(drop: str) -> None:
    reply = _ask("Verdeel 200 statushouders over Parkstad", "Heerlen heeft al 12 gehuisvest en Kerkrade 4", drop)
    assert reply.request is not None and reply.request.total == 200
    assert reply.request.existing_amounts == {"Kerkrade": 4}


@pytest.mark.parametrize("drop", ["reken zonder bestaande inzet", "vergeet de eerdere inzet maar", "en nu zonder de huidige inzet"])
def test_all_existing_effort_taken_away(drop: str) -> None:
    reply = _ask("Verdeel 200 statushouders over Parkstad", "Heerlen heeft al 12 gehuisvest", drop)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.existing_amounts == {} and not reply.request.existing


# --- a number per year that restates the total; a bound on one municipality ----------------------


@pytest.mark.parametrize(("question", "total"), [("600 woningen in 3 jaar over de MRA, dus 200 per jaar", 600), ("Verdeel 400 plekken over Parkstad over 4 jaar, oftewel 100 per jaar", 400)])
def test_a_per_year_figure_that_adds_up_is_a_check(question: str, total: int) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == total


def test_a_per_year_figure_that_does_not_add_up_is_asked() -> None:
    reply = _ask("600 woningen in 3 jaar over de MRA, dus 250 per jaar")
    assert reply.intent == "clarify" and "'250'" in reply.answer


@pytest.mark.parametrize("follow_up", ["en dan Amsterdam niet meer dan 200", "Almere maximaal 50", "maar Zaanstad minstens 30"])
def test_a_bound_on_one_municipality_is_asked_not_a_total(follow_up: str) -> None:
    reply = _ask("Verdeel 600 woningen over de MRA naar inwoners", follow_up)
    assert reply.request is not None and reply.request.total == 600
    assert reply.intent == "clarify"


@pytest.mark.parametrize(("question", "name"), [("verdeel 60 woningen over Noord-Limburg", "Noord-Limburg"), ("verdeel 60 woningen over de Zuid-Veluwe", "Zuid-Veluwe")])
def test_an_unknown_compound_name_is_named_whole(question: str, name: str) -> None:
    reply = _ask(question)
    assert reply.intent == "clarify" and f"'{name}'" in reply.answer


def test_dat_as_a_conjunction_does_not_point_back() -> None:
    reply = _ask("Verdeel 200 woningen over Parkstad naar inwoners", "Hoe komt het dat Heerlen zo veel krijgt?")
    assert reply.intent == "knowledge"
