"""Issue 22, fifth blind round, routing families: own phrasings (not taken from any evaluation set) for a
short reply that changes the last request, keys offered each by itself or pointed back to, a rough
number, existing effort that no longer counts, a limit for the smallest or largest municipality, a
total that counts what the existing effort counts, and knowledge questions that name numbers without
asking to share anything out. Real Conversation, real engine, no mocks.
"""

from __future__ import annotations

import pytest

from assistant.conversation import Conversation
from assistant.models import Reply
from tests.assistant.helpers import ENSCHEDE, HAAGLANDEN, MRA, PARKSTAD, offline_conversation


def _talk(*messages: str) -> tuple[Conversation, list[Reply]]:
    conv = offline_conversation()
    return conv, [conv.ask(m) for m in messages]


def test_a_lone_indicator_and_then_years_change_the_last_request() -> None:
    _, (_, key, other, years) = _talk("Verdeel 360 plekken over Parkstad", "woningvoorraad", "dan maar huishoudens?", "3 jaar")
    for reply in (key, other, years):
        assert reply.intent == "allocation" and reply.request is not None
        assert reply.request.total == 360 and reply.request.unit == "plekken" and reply.request.region == PARKSTAD
    assert key.request is not None and key.request.key == {"woningen": 1.0}
    assert other.request is not None and other.request.key == {"huishoudens": 1.0}
    assert years.request is not None and years.request.key == {"huishoudens": 1.0} and years.request.years == 3


def test_a_lone_indicator_with_nothing_to_change_is_no_request() -> None:
    _, (reply,) = _talk("huishoudens")
    assert reply.intent == "knowledge" and reply.request is None


def test_the_same_preposition_before_each_key_asks_for_both_side_by_side() -> None:
    _, (both, chosen) = _talk("toon 90 plekken over Twente naar inwoners en naar huishoudens", "neem dan huishoudens")
    assert both.key_comparison is not None and both.request is not None
    assert both.request.compare_keys == [{"inwoners": 1.0}, {"huishoudens": 1.0}] and both.request.region == ENSCHEDE
    assert chosen.key_comparison is None and chosen.request is not None
    assert chosen.request.key == {"huishoudens": 1.0} and chosen.request.total == 90 and chosen.request.unit == "plekken"


def test_a_weight_before_each_key_is_still_one_mixed_key() -> None:
    _, (reply,) = _talk("verdeel 90 plekken over Twente half naar inwoners en half naar huishoudens")
    assert reply.key_comparison is None and reply.request is not None
    assert reply.request.key == {"inwoners": 0.5, "huishoudens": 0.5}


def test_the_same_key_as_the_last_request() -> None:
    _, (_, reply) = _talk("Verdeel 200 woningen over Parkstad naar huishoudens", "doe nu 80 plekken over Haaglanden met dezelfde sleutel")
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.key == {"huishoudens": 1.0} and reply.request.total == 80 and reply.request.region == HAAGLANDEN


def test_the_way_a_knowledge_question_was_about() -> None:
    _, (asked, reply) = _talk("Wat houdt woningvoorraad als sleutel in?", "prima, verdeel 150 woningen over Twente op diezelfde manier")
    assert asked.intent == "knowledge"
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.key == {"woningen": 1.0} and reply.request.total == 150 and reply.request.region == ENSCHEDE
    assert "'op diezelfde manier' lees ik als dezelfde sleutel" in reply.answer


def test_a_rough_number_is_asked_about_and_the_answer_is_shared_out() -> None:
    _, (rough, answer) = _talk("een paar duizend plekken over de MRA", "het gaat om 2500 plekken")
    assert rough.intent == "clarify" and rough.request is not None and rough.request.total is None
    assert "paar duizend" in rough.answer and rough.request.region == MRA
    assert answer.intent == "allocation" and answer.request is not None and answer.request.total == 2500


def test_existing_effort_no_longer_counted_keeps_the_municipality_in_the_group() -> None:
    _, (first, reply) = _talk("Verdeel 240 woningen over Parkstad; Heerlen heeft er al 30 gebouwd", "tel die 30 van Heerlen toch niet mee")
    assert first.request is not None and first.request.existing_amounts == {"Heerlen": 30}
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.existing_amounts == {} and reply.request.total == 240 and reply.request.region == PARKSTAD
    assert reply.result is not None and "Heerlen" in {row.municipality for row in reply.result.rows}


@pytest.mark.parametrize(
    ("text", "cap", "floor"),
    [
        ("Verdeel 600 woningen over Haaglanden, waarbij zelfs de kleinste gemeente niet onder de 20 mag zakken", None, 20),
        ("Verdeel 600 woningen over Haaglanden. De grootste gemeente mag niet meer dan 150 krijgen.", 150, None),
    ],
)
def test_a_limit_for_the_smallest_or_largest_municipality_holds_for_all(text: str, cap: int | None, floor: int | None) -> None:
    _, (reply,) = _talk(text)
    assert reply.intent == "allocation" and reply.request is not None and reply.request.total == 600
    assert reply.request.cap_absolute == cap and reply.request.floor_absolute == floor


def test_a_total_without_a_noun_counts_what_the_existing_effort_counts() -> None:
    _, (reply,) = _talk("Westland heeft al 8 wooneenheden, Wassenaar 4. In totaal gaat het om 90 in regio Haaglanden, hoe verdelen we dat?")
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.total == 90 and reply.request.unit == "wooneenheden"
    assert reply.request.existing_amounts == {"Westland": 8, "Wassenaar": 4}


@pytest.mark.parametrize(
    "text",
    [
        "ik ben beleidsmedewerker in Heerlen. Wat staat er in de woondeal over het aandeel betaalbare koop?",
        "Om hoeveel plekken gaat het bij de twee Twentse pilots samen?",
        "Parkstad woondeal van maart 2022, hoeveel flexwoningen zijn daarin afgesproken?",
        "welke regio's haalden in het tweede halfjaar van 2023 hun taakstelling?",
        "hoeveel statushouders moesten gemeenten in de 2e helft van 2023 huisvesten?",
        "in Parkstad is er een regisseur, in Twente een trekker. wat doen die twee precies?",
        "krijgen statushouders in Twente een woning met voorrang?",
        "vallen dakloze jongeren in Parkstad onder die regeling?",
        "ik ben pas begonnen als beleidsadviseur en moet 150 flexwoningen over onze regio verdelen. waar begin ik?",
        "Hengelo en Almelo willen eerst de cijfers zien voordat ze verdelen, klopt dat? hoe doen ze dat dan",
        "Wat is in de woondeal afgesproken over de verdeling van de 500 flexwoningen in Haaglanden?",
        "In de woondeal Twente staan 3000 woningen, hoeveel daarvan zijn voor starters?",
        "Wat is afgesproken over hoe de 500 flexwoningen in Haaglanden verdeeld worden?",
        "Op hoeveel sociale huurwoningen rekent Losser zelf in de woondeal?",  # the preposition of its question word
        "In welke gemeenten van Parkstad is de berekening van de taakstelling anders?",
    ],
)
def test_a_knowledge_question_that_names_numbers_is_no_allocation(text: str) -> None:
    _, (reply,) = _talk(text)
    assert reply.intent == "knowledge" and reply.request is None


def test_a_request_with_its_question_after_it_stays_a_request() -> None:
    _, (reply,) = _talk("Twente 150 plekken, hoe valt dat uit voor Hengelo?")
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.total == 150 and reply.request.focus == "Hengelo"


def test_a_place_as_subject_of_a_yes_no_question_follows_up_on_the_request() -> None:
    _, (_, reply) = _talk("Verdeel 150 plekken over Twente", "krijgt Hengelo dan meer met huishoudens?")
    assert reply.intent == "allocation" and reply.request is not None and reply.request.total == 150


def test_a_plural_of_hundreds_is_asked_about_too() -> None:
    _, (rough, answer) = _talk("enkele honderden woningen over Twente", "het gaat om 400 woningen")
    assert rough.intent == "clarify" and rough.request is not None and rough.request.total is None
    assert "honderden" in rough.answer
    assert answer.intent == "allocation" and answer.request is not None and answer.request.total == 400


def test_a_fact_from_the_deal_followed_by_an_order_is_shared_out() -> None:
    _, (reply,) = _talk("In de woondeal staan 3000 woningen voor Twente. Kun je die verdelen naar inwoners? Wat krijgt Hengelo?")
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.total == 3000 and reply.request.region == ENSCHEDE


def test_an_answer_with_a_share_question_after_it_completes_the_request() -> None:
    _, (asked, reply) = _talk("Verdeel 300 woningen", "Parkstad. Wat krijgt Heerlen?")
    assert asked.intent == "clarify"
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.region == PARKSTAD and reply.request.total == 300 and reply.request.focus == "Heerlen"


def test_a_new_key_with_an_outcome_question_after_it_follows_up() -> None:
    _, (_, reply) = _talk("Verdeel 300 woningen over Parkstad", "naar huishoudens. Hoe pakt dat uit voor Heerlen?")
    assert reply.intent == "allocation" and reply.request is not None
    assert reply.request.key == {"huishoudens": 1.0} and reply.request.total == 300


def test_a_request_without_a_total_and_a_share_question_asks_for_the_total() -> None:
    _, (reply,) = _talk("Parkstad, naar huishoudens. Wat krijgt Heerlen?")
    assert reply.intent == "clarify" and reply.request is not None
    assert reply.request.region == PARKSTAD and reply.request.total is None


def test_a_rank_and_a_dated_year_in_a_request_are_said_and_never_the_total() -> None:
    _, (reply,) = _talk("Verdeel 80 woningen over Parkstad, in het 2e kwartaal van 2026")
    assert reply.intent == "allocation" and reply.request is not None and reply.request.total == 80
    assert "'2e kwartaal van 2026' als datum" in reply.answer  # the rank and the year read together as one date


def test_the_same_preposition_with_volgens_compares_too() -> None:
    _, (reply,) = _talk("bereken 120 plekken voor Haaglanden volgens inwoners en volgens woningvoorraad")
    assert reply.key_comparison is not None and reply.request is not None
    assert reply.request.compare_keys == [{"inwoners": 1.0}, {"woningen": 1.0}]
