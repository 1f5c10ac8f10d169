"""Money, caps, floors, years and impossible totals as users write them (pure parsers)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.parsing.limits import find_limits, total_problem
from assistant.parsing.money import find_money, format_euro


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Verdeel € 2,5 miljoen over Parkstad", Decimal(2_500_000)),
        ("Verdeel 2,5 mln euro over de MRA", Decimal(2_500_000)),
        ("Verdeel 1 miljoen euro over Twente", Decimal(1_000_000)),
        ("EUR 300.000 over Haaglanden", Decimal(300_000)),
        ("een budget van 750.000 euro", Decimal(750_000)),
        ("Verdeel € 1.000.000 over Haaglanden naar inwoners", Decimal(1_000_000)),
        ("drie ton subsidie over de regio", Decimal(300_000)),
        ("€ 1.234,56 voor de pot", Decimal("1234.56")),
    ],
)
def test_amounts_in_euros(text: str, amount: Decimal) -> None:
    found = find_money(text)
    assert found is not None and found.problem is None
    assert found.amount == amount


def test_counts_are_not_money_unless_the_conversation_is_about_money() -> None:
    assert find_money("Verdeel 90 plekken beschermd wonen over Twente") is None
    assert find_money("en met 3 miljoen?") is None
    follow_up = find_money("en met 3 miljoen?", euro_context=True)
    assert follow_up is not None and follow_up.amount == Decimal(3_000_000)


@pytest.mark.parametrize("text", ["€ -5 over Parkstad", "€ 0 over Parkstad", "2.5 miljoen euro"])
def test_impossible_or_ambiguous_amounts_get_a_question(text: str) -> None:
    found = find_money(text)
    assert found is not None and found.amount is None
    assert found.problem and found.problem.endswith((".", "?"))


def test_format_euro_is_dutch_currency() -> None:
    assert format_euro(2_500_000) == "€ 2.500.000"
    assert format_euro(Decimal("1234.56")) == "€ 1.234,56"
    assert format_euro(442350, cents=True) == "€ 442.350,00"


@pytest.mark.parametrize(
    ("text", "cap", "floor", "years"),
    [
        ("Verdeel 250 plekken over de MRA, maximaal 50 per gemeente", 50, None, None),
        ("Verdeel 250 plekken met een plafond van 50", 50, None, None),
        ("Verdeel 60 woningen met minimaal 3 per gemeente", None, 3, None),
        ("Verdeel 60 woningen, ten minste twee woningen per gemeente", None, 2, None),
        ("Verdeel 300 woningen, gespreid over 3 jaar", None, None, 3),
        ("Verdeel 300 woningen in 60 jaar", None, None, 60),
        ("Verdeel 300 woningen per jaar over vijf jaar", None, None, 5),
        ("Verdeel maximaal 250 woningen over Parkstad", None, None, None),
        ("Verdeel 120 woningen in 2025", None, None, None),
    ],
)
def test_limits(text: str, cap: int | None, floor: int | None, years: int | None) -> None:
    limits = find_limits(text)
    assert (limits.cap_absolute, limits.floor_absolute, limits.years) == (cap, floor, years)
    for start, end in limits.spans:
        assert text[start:end].strip()


@pytest.mark.parametrize(
    "text", ["Verdeel -5 woningen over Parkstad", "Verdeel 0 woningen over Parkstad", "Verdeel 1e3 woningen", "Verdeel 12,5 woningen"]
)
def test_totals_that_cannot_be_meant_get_a_question(text: str) -> None:
    problem = total_problem(text)
    assert (problem is not None and "?" in problem) or (problem is not None and "bijvoorbeeld" in problem)


@pytest.mark.parametrize(
    "text", ["Verdeel 120 woningen over Arnhem-Nijmegen in 2022-2025", "Verdeel 1.250 woningen over de MRA"]
)
def test_ordinary_totals_pass(text: str) -> None:
    assert total_problem(text) is None


def test_heel_nederland_in_words_shares_over_every_municipality_and_says_it_is_a_reconstruction() -> None:
    from assistant.api import Assistant

    conversation = Assistant().new_conversation()
    reply = conversation.ask("Verdeel 13.000 statushouders over heel Nederland naar inwoners, met het aandeel van Zaanstad")
    assert reply.intent == "allocation"
    assert reply.result is not None and len(reply.result.rows) == 342
    assert reply.result.focus == "Zaanstad"
    assert "reconstructie" in reply.answer


def test_a_group_already_named_by_the_total_is_not_repeated() -> None:
    from assistant.api import Assistant

    reply = Assistant().new_conversation().ask("Verdeel 90 statushouders over Parkstad naar inwoners")
    assert reply.intent == "allocation"
    assert "statushouders voor statushouders" not in reply.answer


def test_the_rijk_sharing_a_number_is_the_national_group() -> None:
    from assistant.api import Assistant

    conversation = Assistant().new_conversation()
    reply = conversation.ask("Wat is de taakstelling van Zaanstad als het Rijk 13.000 statushouders verdeelt?")
    assert reply.intent == "allocation" and reply.result is not None
    assert (reply.result.region, reply.result.focus, len(reply.result.rows)) == ("heel Nederland", "Zaanstad", 342)
    knowledge = conversation.ask("Wanneer ondertekenden het Rijk, Gelderland en de gemeenten de Woondeal?")
    assert knowledge.intent == "knowledge"
