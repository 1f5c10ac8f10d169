"""The general readers behind allocation requests in the users' own words (issue 22, third round): each
mechanism covers a family of phrasings (number + unit grammar, fractions in words, money notations,
abbreviations, year spans, lists of municipalities, key weights, unknown names), shown here with
phrasings of their own (never the evaluation sentences), through a real Conversation and engine.
"""

from __future__ import annotations

import pytest

from assistant.parsing.money import find_money
from assistant.parsing.numbers import fraction_value
from assistant.parsing.text import expand_abbreviations
from tests.assistant.helpers import ENSCHEDE, GMR, HAAGLANDEN, MRA, PARKSTAD, offline_conversation


def _ask(*turns: str):  # type: ignore[no-untyped-def]
    conv = offline_conversation()
    replies = [conv.ask(turn) for turn in turns]
    return replies[-1]


# --- fractions and money notations: one number reader ---------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("een kwart", 0.25), ("driekwart", 0.75), ("twee derde", 2 / 3), ("de helft", 0.5), ("een vijfde", 0.2),
     ("drie tiende", 0.3), ("een twintigste", 0.05), ("zeven achtste", 0.875)],
)
def test_a_fraction_in_words_is_read_by_its_form(phrase: str, value: float) -> None:
    assert fraction_value(phrase) == pytest.approx(value)


@pytest.mark.parametrize("phrase", ["tweede", "eerste", "de gemeente", "vier derde", "grootste"])
def test_words_that_only_look_like_a_fraction_are_none(phrase: str) -> None:
    assert fraction_value(phrase) is None


@pytest.mark.parametrize(
    ("question", "region", "total"),
    [
        ("Verdeel driekwart miljoen over Parkstad naar huishoudens", PARKSTAD, 750_000),
        ("Hoe zou je een half miljoen over Haaglanden verdelen?", HAAGLANDEN, 500_000),
        ("Kunnen we anderhalf miljoen over de GMR verdelen naar inwoners?", GMR, 1_500_000),
        ("Verdeel 12.500,-- over Parkstad naar inwoners", PARKSTAD, 12_500),
        ("We hebben 80.000,= te verdelen over Haaglanden", HAAGLANDEN, 80_000),
        ("verdeel 1,2 mln,- over de MRA", MRA, 1_200_000),
    ],
)
def test_money_in_words_and_dutch_notations_is_an_amount_in_euros(question: str, region: str, total: int) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.unit == "euro"
    assert reply.request.total == total and reply.request.region == region


def test_a_bare_million_in_a_conversation_about_homes_is_still_asked_about() -> None:
    assert find_money("en met 3 miljoen?", count_context=True) is None
    assert find_money("verdeel 3 miljoen over Parkstad", count_context=True) is None
    found = find_money("verdeel 3 miljoen over Parkstad")
    assert found is not None and found.amount == 3_000_000


def test_a_million_that_counts_something_is_no_money() -> None:
    assert find_money("verdeel een kwart miljoen inwoners over Parkstad") is None


# --- abbreviations by prefix -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("max. 8 per gem. graag", "max. 8 per gemeente graag"),
        ("naar inw. en huish.", "naar inwoners en huishoudens."),
        ("incl. Rijswijk", "inclusief Rijswijk"),
        ("ca. 40 woningen", "ca. 40 woningen"),
    ],
)
def test_abbreviations_are_read_by_the_word_they_begin(text: str, expanded: str) -> None:
    assert expand_abbreviations(text) == expanded


@pytest.mark.parametrize(
    ("question", "floor", "cap"),
    [
        ("Verdeel 90 woningen over Parkstad, min. 5 per gem.", 5, None),
        ("verdeel 60 plekken over Haaglanden naar inw., max. 12 per gem. en min. 2 per gem.", 2, 12),
        ("Verdeel 50 woningen over de GMR; per gem. minimaal 1", 1, None),
    ],
)
def test_limits_with_abbreviations_are_limits(question: str, floor: int | None, cap: int | None) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None
    assert reply.request.floor_absolute == floor and reply.request.cap_absolute == cap
    assert reply.result is not None
    rows = [row.allocated for row in reply.result.rows]
    assert floor is None or min(rows) >= floor
    assert cap is None or max(rows) <= cap


# --- shares in words as caps and floors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "kind", "share"),
    [
        ("En als geen enkele gemeente boven de helft mag uitkomen?", "cap", 0.5),
        ("Mag elke gemeente hooguit een derde krijgen?", "cap", 1 / 3),
        ("en als iedere gemeente minstens een twintigste krijgt?", "floor", 0.05),
    ],
)
def test_a_share_in_words_after_a_cue_is_a_limit(follow_up: str, kind: str, share: float) -> None:
    reply = _ask("Verdeel 400 woningen over Haaglanden naar inwoners", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 400
    got = reply.request.cap_share if kind == "cap" else reply.request.floor_share
    assert got == pytest.approx(share)


# --- existing effort continued without its verb ------------------------------------------------------


def test_existing_effort_listed_with_op_keeps_each_municipality() -> None:
    reply = _ask("Verdeel 300 woningen over Parkstad. Heerlen staat al op 40, Kerkrade op 15 en Brunssum nu op 6.")
    assert reply.request is not None
    assert reply.request.existing_amounts == {"Heerlen": 40, "Kerkrade": 15, "Brunssum": 6}
    assert reply.request.total == 300


def test_a_municipality_that_must_do_something_has_no_existing_effort() -> None:
    reply = _ask("Verdeel 300 woningen over Parkstad. Heerlen heeft al 40 gehuisvest, Kerkrade moet er 15 doen")
    assert reply.request is not None and reply.request.existing_amounts == {"Heerlen": 40}


# --- periods of years ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "total", "years"),
    [
        ("Verdeel 450 woningen over Haaglanden voor 2026 t/m 2028", 450, 3),
        ("Parkstad, 100 plekken, periode 2025-2029, naar huishoudens", 100, 5),
        ("Ieder jaar moeten we 30 statushouders huisvesten in de GMR, in de jaren 2026 tot en met 2027", 60, 2),
        ("Verdeel 240 woningen over de MRA van 2026 tot 2030", 240, 4),
    ],
)
def test_a_span_of_calendar_years_is_the_number_of_years(question: str, total: int, years: int) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.years == years and reply.request.total == total


def test_a_period_the_figures_are_about_is_no_number_of_years() -> None:
    reply = _ask("Verdeel 120 woningen over Parkstad naar inwoners volgens de cijfers van 2020-2022")
    assert reply.request is not None and reply.request.years == 1


# --- the key: weights that do not add up, measure nouns, one question per key --------------------------


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("Verdeel 100 woningen over Parkstad, 50% inwoners en 40% huishoudens", "90"),
        ("Haaglanden 300 plekken: 70% naar inwoners en 40% naar sociale huur", "110"),
    ],
)
def test_weights_that_do_not_add_up_to_100_are_asked_about(question: str, shown: str) -> None:
    reply = _ask(question)
    assert reply.intent == "clarify", reply.answer
    assert f"{shown} %" in reply.answer and reply.result is None


def test_weights_that_add_up_are_used() -> None:
    reply = _ask("Verdeel 100 woningen over Parkstad, 60% inwoners en 40% huishoudens")
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.key == {"inwoners": 0.6, "huishoudens": 0.4}


@pytest.mark.parametrize(
    "question",
    [
        "Verdeel 90 woningen over Parkstad, voor 40% op basis van het aantal inwoners en voor 60% op basis van de omvang van de sociale huurvoorraad",
        "Verdeel 90 woningen over Parkstad: 40 procent naar inwoners, 60 procent naar de grootte van de corporatievoorraad",
    ],
)
def test_a_measure_noun_names_the_indicator_after_it(question: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.key == {"inwoners": 0.4, "corporatiewoningen": 0.6}


@pytest.mark.parametrize(
    "question",
    [
        "Verdeel 200 woningen over Twente: wat krijgt Losser naar inwoners en wat naar huishoudens?",
        "Hoeveel krijgt Zoetermeer van 300 plekken in Haaglanden volgens inwoners, en hoeveel volgens huishoudens?",
    ],
)
def test_a_question_per_key_compares_the_keys(question: str) -> None:
    reply = _ask(question)
    assert reply.key_comparison is not None, reply.answer
    assert reply.request is not None and [k for key in reply.request.compare_keys for k in key] == ["inwoners", "huishoudens"]


# --- what is shared out, named without a number ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("Verdeel de flexwoningen over Parkstad naar inwoners", "flexwoningen"),
        ("Kun je onze statushouders over Haaglanden verdelen?", "statushouders"),
        ("verdeel alle opvangplekken over de GMR", "opvangplekken"),
    ],
)
def test_the_unit_named_without_a_number_is_kept_and_the_total_asked(question: str, unit: str) -> None:
    reply = _ask(question)
    assert reply.intent == "clarify", reply.answer
    assert reply.request is not None and reply.request.unit == unit and reply.request.total is None
    assert f"Hoeveel {unit}" in reply.answer


# --- places: lists resolved name by name, members included, unknown names named back -----------------------


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("Verdeel 500 plekken over Zwolle, de stad Groningen en Leeuwarden", ["Zwolle", "Groningen", "Leeuwarden"]),
        ("verdeel 90 woningen over Groningen, Assen en Emmen naar inwoners", ["Groningen", "Assen", "Emmen"]),
        ("Verdeel 40 woningen over Velsen, Beverwijk en Heemskerk (Bloemendaal doet niet mee)", ["Velsen", "Beverwijk", "Heemskerk"]),
    ],
)
def test_an_own_list_of_municipalities_is_the_group(question: str, group: list[str]) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.region is None
    assert sorted(reply.request.municipalities or []) == sorted(group)


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("Verdeel 70 woningen over Haaglanden, ook Wassenaar doet mee, elke gemeente minstens 2", HAAGLANDEN),
        ("Verdeel 50 plekken over Parkstad; ook Voerendaal telt mee. Minimaal 3 per gemeente.", PARKSTAD),
    ],
)
def test_including_a_member_of_the_region_keeps_the_region(question: str, region: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.region == region


def test_a_name_left_out_anywhere_in_the_message_is_left_out() -> None:
    reply = _ask("Verdeel 300 plekken over Parkstad naar inwoners", "Brunssum stapt er dit jaar uit. Reken het eens zonder Brunssum.")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.focus is None
    assert "Brunssum" not in (reply.request.municipalities or []) and len(reply.request.municipalities or []) == 6


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Verdeel 80 plekken over Zuid Kennemerland", "Zuid Kennemerland"),
        ("Kun je 60 woningen verdelen over de regio Foodvalley Oost?", "Foodvalley Oost"),
        ("Verdeel 100 woningen over West-Brabant", "West-Brabant"),
    ],
)
def test_an_unknown_name_of_several_words_is_named_back_whole(question: str, name: str) -> None:
    reply = _ask(question)
    assert reply.intent == "clarify", reply.answer
    assert name in reply.answer


def test_an_allocation_in_twente_with_a_period_and_existing_effort_together() -> None:
    reply = _ask("Twente moet in 2026-2027 in totaal 160 statushouders huisvesten; Enschede zit al op 20. Verdeel naar inwoners.")
    assert reply.request is not None and reply.request.region == ENSCHEDE
    assert reply.request.years == 2 and reply.request.total == 160
    assert reply.request.existing_amounts == {"Enschede": 20}


@pytest.mark.parametrize(
    "question",
    [
        "Verdeel 60 woningen over Parkstad naar inwoners. Hoe komt dat uit?",
        "We willen 120 plekken over Haaglanden verdelen. Wat levert dat op?",
    ],
)
def test_a_short_question_pointing_back_asks_about_the_request(question: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert "kennisbank" not in reply.answer and reply.sources == []


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Verdeel 90 woningen over Haaglanden: 3/4 naar inwoners en 1/4 naar huishoudens", {"inwoners": 0.75, "huishoudens": 0.25}),
        ("Verdeel 90 woningen over Haaglanden, 3:1 huishoudens en inwoners", {"huishoudens": 0.75, "inwoners": 0.25}),
        ("Verdeel 90 woningen over Haaglanden in de verhouding 60/40 inwoners/sociale huur", {"inwoners": 0.6, "corporatiewoningen": 0.4}),
        ("Verdeel 90 woningen over Haaglanden naar huishoudens en inwoners in de verhouding 1:4", {"huishoudens": 0.2, "inwoners": 0.8}),
        ("Verdeel 90 woningen over Haaglanden, 1/3 naar sociale huur en de rest naar inwoners", {"corporatiewoningen": 1 / 3, "inwoners": 2 / 3}),
    ],
)
def test_a_key_written_as_a_ratio_or_fractions_is_read_by_its_structure(question: str, key: dict[str, float]) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.key == pytest.approx(key, abs=1e-5)


@pytest.mark.parametrize(
    ("question", "total", "years"),
    [
        ("Verdeel 50 woningen per jaar over Parkstad tussen 2026 en 2028", 150, 3),
        ("Verdeel 300 woningen over Haaglanden in 2027 en 2028", 300, 2),
    ],
)
def test_two_years_joined_by_en_are_a_span(question: str, total: int, years: int) -> None:
    reply = _ask(question)
    assert reply.request is not None and (reply.request.total, reply.request.years) == (total, years)


@pytest.mark.parametrize(
    ("question", "total"),
    [("verdeel 2,5k plekken over de GMR", 2500), ("Verdeel 3 duizend woningen over de MRA", 3000), ("verdeel 1k woningen over Haaglanden", 1000)],
)
def test_a_count_with_a_multiplier_word_is_the_total(question: str, total: int) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == total and reply.request.unit != "euro"


def test_plus_between_municipalities_without_a_region_makes_one_list() -> None:
    reply = _ask("Verdeel 60 woningen over Deventer plus Olst-Wijhe plus Raalte")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and sorted(reply.request.municipalities or []) == ["Deventer", "Olst-Wijhe", "Raalte"]


@pytest.mark.parametrize(("question", "name"), [("verdeel 200 woningen over regio hart van brabant", "hart"), ("verdeel 90 plekken over de regio noordveluwe", "noordveluwe")])
def test_an_unknown_name_after_a_place_noun_is_named_back_in_any_case(question: str, name: str) -> None:
    reply = _ask(question)
    assert reply.intent == "clarify", reply.answer
    assert name in reply.answer.lower()


# --- a total changed by an amount, never replaced by it ----------------------------------------------------


@pytest.mark.parametrize(
    ("first", "follow_up", "total"),
    [
        ("Verdeel 200 woningen over Haaglanden", "en met 40 extra?", 240),
        ("Verdeel 200 woningen over Haaglanden", "Stel dat er nog 25 woningen bij komen", 225),
        ("Verdeel 200 woningen over Haaglanden", "doe maar 50 minder", 150),
        ("Verdeel 1 miljoen euro over Parkstad", "en met 2 ton extra?", 1_200_000),
    ],
)
def test_a_number_with_more_or_less_changes_the_total_by_that_much(first: str, follow_up: str, total: int) -> None:
    reply = _ask(first, follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == total
    assert "totaal" in reply.answer.lower()


def test_extra_before_a_unit_is_part_of_the_total() -> None:
    reply = _ask("Parkstad moet 80 extra flexwoningen bouwen, verdeel ze naar inwoners")
    assert reply.request is not None and reply.request.total == 80


@pytest.mark.parametrize(
    "follow_up",
    ["Landgraaf en Brunssum hebben er samen al 30 gebouwd", "Trek eraf wat Landgraaf al heeft: 12", "Voor Landgraaf tellen 12 al mee"],
)
def test_a_number_marked_as_already_done_never_becomes_the_total(follow_up: str) -> None:
    reply = _ask("Verdeel 250 woningen over Parkstad", follow_up)
    assert reply.request is not None and reply.request.total == 250
    assert reply.request.existing_amounts in ({}, {"Landgraaf": 12})


# --- third round tuning kinds, in phrasings of their own ---------------------------------------------------


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Verdeel 80 woningen over Parkstad op de woningvoorraad", {"woningen": 1.0}),
        ("GMR 120 plekken, op huishoudens graag", {"huishoudens": 1.0}),
        ("Verdeel 200 woningen over Haaglanden obv huishoudens", {"huishoudens": 1.0}),
        ("parkstad 90 flexwoningen huishoudens", {"huishoudens": 1.0}),
    ],
)
def test_op_and_a_lone_indicator_name_the_key(question: str, key: dict[str, float]) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.key == key


def test_op_before_a_number_is_no_key_cue() -> None:
    reply = _ask("Verdeel 200 woningen over Parkstad; Heerlen zit al op 30")
    assert reply.request is not None and reply.request.key == {"inwoners": 1.0}
    assert reply.request.existing_amounts == {"Heerlen": 30}


@pytest.mark.parametrize(
    "question",
    [
        "De drie Limburgse centrumgemeenten Heerlen, Kerkrade en Landgraaf verdelen 45 woningen naar inwoners",
        "Voor de 4 Twentse steden Enschede, Hengelo, Almelo en Oldenzaal: verdeel 100 plekken",
        "Verdeel 60 woningen over Heerlen, Kerkrade en Brunssum (ik zit al 15 min te rekenen)",
    ],
)
def test_member_counts_and_short_durations_are_context(question: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and len(reply.request.municipalities or []) >= 3


def test_a_number_before_a_unit_indicator_counts_units() -> None:
    reply = _ask("haaglanden 900 sociale huurwoningen naar inwoners")
    assert reply.request is not None and reply.request.total == 900


@pytest.mark.parametrize(
    ("question", "cap"),
    [
        ("Verdeel 300 plekken over de GMR zonder dat ook maar één gemeente er meer dan 40 krijgt", 40),
        ("Verdeel 300 plekken over de GMR, zonder dat een gemeente boven de 50 uitkomt", 50),
    ],
)
def test_zonder_dat_een_gemeente_negates_the_scope(question: str, cap: int) -> None:
    reply = _ask(question)
    assert reply.request is not None and reply.request.cap_absolute == cap


@pytest.mark.parametrize(("follow_up", "kind", "value"), [("25 procent is het max", "cap", 0.25), ("4 per gemeente als minimum", "floor", 4)])
def test_the_number_first_then_the_limit_noun(follow_up: str, kind: str, value: float) -> None:
    reply = _ask("Verdeel 200 woningen over de GMR", follow_up)
    assert reply.request is not None
    got = (reply.request.cap_share or reply.request.cap_absolute) if kind == "cap" else reply.request.floor_absolute
    assert got == pytest.approx(value)


def test_existing_effort_continued_past_its_unit() -> None:
    reply = _ask("Verdeel 200 plekken over Parkstad. Heerlen heeft al 20 plekken, Kerkrade 8.")
    assert reply.request is not None and reply.request.existing_amounts == {"Heerlen": 20, "Kerkrade": 8}


def test_without_the_earlier_effort_drops_it() -> None:
    reply = _ask("Verdeel 200 plekken over Parkstad", "Heerlen heeft er al 20 gehuisvest", "en zonder die bestaande prestaties?")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.existing_amounts == {}


def test_the_term_of_something_else_is_no_number_of_years() -> None:
    reply = _ask("Namens de raad (raadsperiode 2022-2026): verdeel 400 woningen over de GMR naar inwoners")
    assert reply.request is not None and reply.request.years == 1


def test_a_name_that_is_also_a_word_inside_a_list_is_the_municipality() -> None:
    reply = _ask("verdeel 90 woningen over eindhoven best veldhoven")
    assert reply.request is not None and sorted(reply.request.municipalities or []) == ["Best", "Eindhoven", "Veldhoven"]


@pytest.mark.parametrize(
    "question",
    [
        "Namens team wonen (4 collega's, 2 stagiairs): verdeel 90 woningen over Parkstad naar inwoners",
        "Verdeel 90 woningen over Parkstad naar inwoners. Bel me gerust: 045-5601234",
        "Verdeel 90 woningen over Parkstad naar inwoners (groet, Anne, kamer 12)",
    ],
)
def test_numbers_in_an_aside_or_a_phone_number_are_context(question: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 90


def test_a_bracket_about_the_request_is_read() -> None:
    reply = _ask("Verdeel 300 woningen over Parkstad (over 3 jaar)")
    assert reply.request is not None and reply.request.years == 3


@pytest.mark.parametrize("turns", [("Verdeel 100 woningen over Parkstad, Maastricht doet niet mee",), ("Verdeel 100 woningen over Parkstad", "en zonder Maastricht?")])
def test_leaving_out_a_non_member_keeps_the_group_and_says_so(turns: tuple[str, ...]) -> None:
    reply = _ask(*turns)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.region == PARKSTAD
    assert "Maastricht hoort al niet bij" in reply.answer


@pytest.mark.parametrize("follow_up", ["Wordt dat anders met de woningvoorraad als maatstaf?", "Is dit heel anders als we huishoudens nemen?"])
def test_asking_whether_the_outcome_differs_under_another_key_compares(follow_up: str) -> None:
    reply = _ask("Verdeel 200 woningen over Parkstad naar inwoners", follow_up)
    assert reply.key_comparison is not None, reply.answer


def test_a_second_unknown_area_after_en_de_is_named_back() -> None:
    reply = _ask("Verdeel 60 woningen over Haaglanden en de Bollenstreek")
    assert reply.intent == "clarify", reply.answer
    assert "Bollenstreek" in reply.answer


@pytest.mark.parametrize("question", ["Verdeel 200 à 250 plekken over de GMR", "verdeel 80-100 woningen over Haaglanden", "Verdeel 40 of 50 woningen over Parkstad"])
def test_two_totals_are_asked_about(question: str) -> None:
    reply = _ask(question)
    assert reply.intent == "clarify", reply.answer
    assert reply.request is not None and reply.request.total is None and "welk totaal" in reply.answer


@pytest.mark.parametrize("question", ["Verdeel 300 woningen over Parkstad, nergens meer dan 70", "Verdeel 300 woningen over Parkstad; iedere gemeente minimaal 20 woningen en hooguit 70"])
def test_caps_with_nergens_and_a_unit_after_the_floor(question: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.cap_absolute == 70 and reply.request.key == {"inwoners": 1.0}


def test_labelled_existing_effort_in_a_list_keeps_every_amount_and_the_total() -> None:
    reply = _ask("Verdeel 400 woningen over Haaglanden", "Westland: 20 al gebouwd; Zoetermeer: 15")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 400
    assert reply.request.existing_amounts == {"Westland": 20, "Zoetermeer": 15}


@pytest.mark.parametrize("follow_up", ["Wat krijgt Zoetermeer als we Westland eruit halen?", "Als Westland er niet bij is, wat krijgt Zoetermeer dan?"])
def test_leaving_one_out_and_asking_for_another_keeps_both(follow_up: str) -> None:
    reply = _ask("Verdeel 300 woningen over Haaglanden naar inwoners", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.focus == "Zoetermeer"
    assert "Westland" not in (reply.request.municipalities or []) and len(reply.request.municipalities or []) == 7


@pytest.mark.parametrize(
    ("question", "total", "years"),
    [
        ("Verdeel 150 woningen over Haaglanden, 50 per jaar", 150, 3),
        ("Haaglanden: 40 plekken per jaar in 2027, 2028, 2029 en 2030", 160, 4),
    ],
)
def test_years_follow_from_an_amount_per_year_or_a_list_of_years(question: str, total: int, years: int) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and (reply.request.total, reply.request.years) == (total, years)


def test_an_amount_per_year_that_does_not_divide_the_total_is_asked_about() -> None:
    reply = _ask("Verdeel 150 woningen over Haaglanden, 40 per jaar")
    assert reply.intent == "clarify", reply.answer
    assert "40" in reply.answer


@pytest.mark.parametrize(
    ("question", "cap", "floor"),
    [
        ("Verdeel 90 woningen over de GMR, hooguit 12 p/gemeente", 12, None),
        ("Verdeel 90 woningen over de GMR, elke gemeen minimaal 2", None, 2),
        ("Verdeel 90 woningen over de GMR, max 12 per gem", 12, None),
    ],
)
def test_per_gemeente_shortened_without_a_full_stop(question: str, cap: int | None, floor: int | None) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and (reply.request.cap_absolute, reply.request.floor_absolute) == (cap, floor)


@pytest.mark.parametrize(
    ("question", "total"),
    [
        ("Ik heb om 14:45 een overleg. Verdeel 90 woningen over Haaglanden naar inwoners.", 90),
        ("Afgelopen jaar verdeelden we 200 plekken, nu zijn het er 260. Verdeel die 260 over de GMR.", 260),
        ("Toen was het 80; verdeel nu 95 woningen over Parkstad", 95),
    ],
)
def test_clock_times_and_the_past_are_no_total(question: str, total: int) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == total


def test_a_number_counting_the_group_named_before_keeps_its_unit() -> None:
    reply = _ask("In 2023 waren er landelijk 15.000 statushouders te huisvesten; verdeel 400 daarvan over de GMR")
    assert reply.request is not None and reply.request.total == 400 and reply.request.unit == "statushouders"
