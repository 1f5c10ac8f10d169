"""Budgets in a conversation (issue 13): money is never read as homes, follow-ups keep the unit.

Through a real Conversation and the real engine; figures are compared with the engine's own result.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.engines import AllocationRequest, allocate
from koploper.numbers import format_euro
from tests.assistant.helpers import GMR, HAAGLANDEN, MRA, PARKSTAD, offline_conversation
from tests.rows import allocated


@pytest.mark.parametrize(
    ("question", "region", "total"),
    [
        ("Verdeel 2,5 miljoen euro over Parkstad naar inwoners", PARKSTAD, 2_500_000),
        ("Verdeel € 1.000.000 over Haaglanden naar inwoners", HAAGLANDEN, 1_000_000),
        ("verdeel 2,5 mln euro over parkstad", PARKSTAD, 2_500_000),
        ("Verdeel EUR 300.000 over de MRA", MRA, 300_000),
        ("Hoe verdelen we een budget van 750.000 euro over Arnhem-Nijmegen?", GMR, 750_000),
        ("Verdeel drie ton euro over Parkstad", PARKSTAD, 300_000),
        ("Verdeel € 1 miljoen over Haaglanden, maximaal 200.000 per gemeente", HAAGLANDEN, 1_000_000),
    ],
)
def test_money_is_divided_in_euros(question: str, region: str, total: int) -> None:
    reply = offline_conversation().ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.result is not None
    data = reply.to_json()
    assert data["request"]["unit"] == "euro" and data["request"]["total"] == total
    assert data["request"]["region"] == region
    assert data["allocation"]["unit"] == "euro" and sum(r["allocated"] for r in data["allocation"]["rows"]) == total
    assert f"Ik lees dit als: verdeel {format_euro(total)} over" in reply.answer
    assert "woningen" not in reply.answer.split("**Hoe is dit berekend?**")[0]


def test_the_wording_names_euros() -> None:
    reply = offline_conversation().ask("Verdeel 2,5 miljoen euro over Parkstad naar inwoners; hoeveel krijgt Kerkrade?")
    assert reply.result is not None
    kerkrade = reply.result.row("Kerkrade")
    assert kerkrade is not None
    engine = allocate(AllocationRequest(region="Parkstad", total=2_500_000, unit="euro"))
    assert allocated(engine, "Kerkrade") == kerkrade.allocated
    share = f"{float(kerkrade.share) * 100:.2f}".replace(".", ",")
    assert f"**Kerkrade** krijgt **{format_euro(kerkrade.allocated)}** van de € 2.500.000 ({share} % van de sleutel" in reply.answer


def test_a_follow_up_keeps_the_unit() -> None:
    conv = offline_conversation()
    assert conv.ask("Verdeel 2,5 miljoen euro over Parkstad naar inwoners").intent == "allocation"
    reply = conv.ask("en met 3 miljoen?")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.unit_kind == "euro" and reply.request.total == 3_000_000
    assert reply.result is not None and reply.result.unit == "euro" and sum(r.allocated for r in reply.result.rows) == 3_000_000
    capped = conv.ask("maximaal 900.000 per gemeente")
    assert capped.intent == "allocation" and capped.result is not None
    assert max(r.allocated for r in capped.result.rows) == 900_000 and sum(r.allocated for r in capped.result.rows) == 3_000_000


def test_cents_are_kept_to_the_cent() -> None:
    reply = offline_conversation().ask("Verdeel € 1.234,56 over Parkstad")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.cents and reply.result is not None
    data = reply.to_json()
    assert data["request"]["total"] == 1234.56 and data["request"]["unit"] == "euro"
    assert sum(Decimal(str(r["allocated"])) for r in data["allocation"]["rows"]) == Decimal("1234.56")
    assert "€ 1.234,56" in reply.answer


@pytest.mark.parametrize("question", ["Verdeel € 0 over Parkstad", "Verdeel -3 miljoen euro over Parkstad", "Verdeel 2.5 miljoen euro over Parkstad"])
def test_impossible_amounts_are_asked_about(question: str) -> None:
    reply = offline_conversation().ask(question)
    assert reply.intent == "clarify", reply.answer
    assert reply.result is None and reply.request is not None and reply.request.total is None


def test_counts_follow_the_request_word() -> None:
    data = offline_conversation().ask("Verdeel 90 plekken beschermd wonen over Twente naar inwoners").to_json()
    assert data["request"]["unit"] == "plekken" and data["request"]["total"] == 90
    people = offline_conversation().ask("Verdeel 90 statushouders over Parkstad").to_json()
    assert people["request"]["unit"] == "personen"


def test_comparing_methods_shows_euros() -> None:
    conv = offline_conversation()
    assert conv.ask("Verdeel € 1.000,01 over Parkstad").intent == "allocation"
    reply = conv.ask("/vergelijk")
    assert reply.comparison is not None and reply.intent == "allocation"
    for result in reply.comparison.results.values():
        assert result.unit == "euro" and sum(r.allocated for r in result.rows) == 100_001  # cents
    assert " | € " in reply.answer  # the table cells are amounts of money
