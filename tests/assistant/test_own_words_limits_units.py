"""Issue 22, the misses of the third blind round as families (never its sentences): limit nouns in
any position, limits set or taken away as follow-ups, the unit from the counted noun or the task noun,
counts that look like years, 'A vs B' and equal-weight phrases, names that are no municipality or
region, and a knowledge turn that keeps the last request. Real Conversation, real engine."""

from __future__ import annotations

import pytest

from assistant.parsing.message import parse_message
from tests.assistant.helpers import ENSCHEDE, GMR, HAAGLANDEN, PARKSTAD, offline_conversation


def _ask(*turns: str):  # type: ignore[no-untyped-def]
    conv = offline_conversation()
    replies = [conv.ask(turn) for turn in turns]
    return replies[-1]


# --- limit nouns as a class, in any position -------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "cap", "floor"),
    [
        ("Verdeel 2 miljoen euro over Parkstad naar inwoners, cap 400.000 per gemeente", 400_000, None),
        ("Verdeel 2 miljoen euro over Parkstad naar inwoners; elke gemeente heeft een vloer van 50.000 euro", None, 50_000),
        ("Verdeel 300 woningen over Haaglanden, met een ondergrens die ligt bij 5 per gemeente", None, 5),
        ("Verdeel 300 woningen over Haaglanden, iedere gemeente krijgt een plafond van 80", 80, None),
        # the clitic with its apostrophe (straight, curly) as users type it
        ("verdeel 300 woningen over parkstad, iedere gemeente op z'n minst 20", None, 20),
        ("Verdeel 400 plekken over de GMR, per gemeente op z’n hoogst 60", 60, None),
    ],
)
def test_a_limit_noun_with_a_verb_or_bare_is_a_limit(question: str, cap: int | None, floor: int | None) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None
    assert (reply.request.cap_absolute, reply.request.floor_absolute) == (cap, floor)
    rows = reply.result.rows if reply.result is not None else []
    scale = 100 if reply.result is not None and reply.result.cents else 1
    assert rows and all((cap is None or r.allocated <= cap * scale) and (floor is None or r.allocated >= floor * scale) for r in rows)


@pytest.mark.parametrize(("follow_up", "share"), [("leg er een plafond op van 25 procent per gemeente", 0.25), ("zet er een bovengrens op van 30%", 0.30)])
def test_a_follow_up_that_sets_a_limit_keeps_the_request(follow_up: str, share: float) -> None:
    reply = _ask("Verdeel 300 woningen over Haaglanden naar inwoners", follow_up)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 300 and reply.request.cap_share == pytest.approx(share)


@pytest.mark.parametrize("drop", ["haal die cap er maar af", "doe het plafond er weer af", "de bovengrens mag er af"])
def test_a_follow_up_that_takes_a_limit_off(drop: str) -> None:
    reply = _ask("Verdeel 300 woningen over Haaglanden, hooguit 70 per gemeente", drop)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 300 and reply.request.cap_absolute is None


# --- the unit from the counted noun or the task noun ------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "unit", "total"),
    [
        (("hoeveel opvangplekken krijgt iedere gemeente in Haaglanden als we er 60 verdelen?",), "opvangplekken", 60),
        (("de taakstelling voor statushouders moet over Parkstad, het zijn er 140, naar inwoners",), "statushouders", 140),
        (("we willen de opgave voor flexwoningen over Haaglanden verdelen", "het zijn er 75, naar huishoudens"), "flexwoningen", 75),
    ],
)
def test_the_unit_is_what_the_number_counts(turns: tuple[str, ...], unit: str, total: int) -> None:
    reply = _ask(*turns)
    assert reply.request is not None and reply.request.total == total, reply.answer
    assert reply.request.unit == unit


# --- a count right before its noun is no year -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("eerlijke verdeling over Haaglanden voor 1990 statushouders", 1990),
        ("een verdeling over Parkstad van 2024 woningen graag", 2024),
        ("over Twente, met 2050 plekken, naar inwoners", 2050),
    ],
)
def test_a_number_before_its_counted_noun_is_a_count(text: str, total: int) -> None:
    assert parse_message(text).total == total


@pytest.mark.parametrize("text", ["Hoeveel woningen levert Delft in 2026 voor uitstromers?", "sinds 2022 statushouders gehuisvest"])
def test_a_year_with_year_context_stays_a_year(text: str) -> None:
    assert parse_message(text).total is None


# --- comparisons and equal weights ---------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Haaglanden 200 woningen: inwoners versus huishoudens",
        "200 statushouders over Haaglanden, huishoudens tegenover inwoners",
        "parkstad 200 plekken - inwoners vs woningvoorraad",
    ],
)
def test_keys_set_against_each_other_are_compared(question: str) -> None:
    reply = _ask(question)
    assert reply.key_comparison is not None, reply.answer
    assert reply.request is not None and reply.request.total == 200 and len(reply.request.compare_keys) == 2


@pytest.mark.parametrize(
    ("question", "keys"),
    [
        ("Verdeel 300 woningen over Haaglanden, half om half inwoners en huishoudens", {"inwoners", "huishoudens"}),
        ("300 statushouders over Parkstad, huishoudens en woningvoorraad fifty fifty", {"huishoudens", "woningen"}),
        ("Verdeel 300 woningen over Haaglanden, gelijk verdeeld over inwoners en woningvoorraad", {"inwoners", "woningen"}),
        ("Verdeel 300 woningen over Haaglanden, inwoners en huishoudens even zwaar", {"inwoners", "huishoudens"}),
    ],
)
def test_equal_weight_phrases_weigh_the_keys_equally(question: str, keys: set[str]) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and set(reply.request.key) == keys
    assert all(w == pytest.approx(0.5) for w in reply.request.key.values())


# --- names that are no municipality or region ------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Verdeel 90 woningen over Delft, Bussumerheide en Rijswijk", "Bussumerheide"),
        ("regio drechtsteden, 150 statushouders, verdelen graag", "drechtsteden"),
        ("Kun je over de provincie Zeeuwsland 80 plekken verdelen?", "Zeeuwsland"),
    ],
)
def test_a_name_that_is_no_place_is_named_back(question: str, name: str) -> None:
    reply = _ask(question)
    assert reply.intent == "clarify", reply.answer
    assert name.lower() in reply.answer.lower()


def test_leaving_the_region_is_no_name() -> None:
    reply = _ask("Verdeel 80 woningen over Parkstad naar inwoners. Brunssum blijft, niemand is uit de regio gestapt.")
    assert reply.intent == "allocation", reply.answer


# --- a knowledge turn keeps the last request ------------------------------------------------------


@pytest.mark.parametrize(("ack", "focus"), [("ok, duidelijk. en wat krijgt Zoetermeer dan?", "Zoetermeer"), ("dank je! en hoeveel moet Westland leveren?", "Westland")])
def test_a_knowledge_turn_does_not_clear_the_last_request(ack: str, focus: str) -> None:
    reply = _ask("Verdeel 300 woningen over Haaglanden naar huishoudens", "Wat is een huishouden precies?", ack)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.region == HAAGLANDEN and reply.request.total == 300
    assert reply.request.focus == focus and reply.request.key == {"huishoudens": 1.0}


_ = (ENSCHEDE, GMR, PARKSTAD)


# --- a side remark that counts something else ------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "total", "remark"),
    [
        ("Na 4 vergaderingen is het rond: verdeel 250 woningen over Haaglanden naar inwoners", 250, "4 vergaderingen"),
        ("We hebben al 2 werksessies gehad. Nu: 120 statushouders over Parkstad, naar huishoudens", 120, "2 werksessies"),
        ("Met 5 wethouders aan tafel besloten: 90 plekken over Haaglanden op inwoners", 90, "5 wethouders"),
    ],
)
def test_a_number_counting_something_else_is_a_side_remark(question: str, total: int, remark: str) -> None:
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == total
    assert remark in reply.answer


def test_a_limit_on_another_noun_stays_a_limit() -> None:
    msg = parse_message("verdeel 300 woningen over Haaglanden, hooguit 10 kavels per gemeente")
    assert msg.total == 300 and msg.cap_absolute == 10


# --- a second question next to the request --------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Verdeel 140 woningen over Haaglanden naar inwoners. Wat is precies het verschil tussen huishoudens en inwoners?",
        "Er komen 140 plekken voor Parkstad bij, reken het door op huishoudens. En wat is het verschil tussen woningvoorraad en huishoudens?",
    ],
)
def test_a_question_what_two_keys_are_does_not_turn_the_request_into_a_comparison(question: str) -> None:
    msg = parse_message(question)
    assert not msg.compare_cue and msg.total == 140
    reply = _ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.key_comparison is None


def test_that_question_alone_asks_what_the_keys_are_and_with_a_place_compares_outcomes() -> None:
    # the fourth blind round: 'wat is eigenlijk het verschil tussen A en B als verdeelsleutel?' after a request
    # asks what the keys are (knowledge); naming a municipality asks what it makes for that place
    assert not parse_message("wat is het verschil tussen huishoudens en inwoners?").compare_cue
    assert parse_message("wat is voor Zoetermeer het verschil tussen huishoudens en inwoners?").compare_cue


def test_a_sentence_after_a_closing_particle_is_no_place_name() -> None:
    reply = _ask("Er komen 60 plekken voor Haaglanden bij. Kun je die verdelen naar inwoners?")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.total == 60
