"""Any text gets a reply or a clarifying question, never an exception (the time per reply is measured
in bench/bench_bounds.py, with these same messages).

Runs on a real assistant without a knowledge index: knowledge questions get the Dutch 'not available'
reply, so the fuzz covers the parser, the router and every allocation path without the model.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.parsing import parse_message
from assistant.session import Assistant
from tests.assistant.helpers import offline_assistant

FRAGMENTS = [
    "verdeel", "Verdeel", "bereken", "hoeveel moet", "wat is het aandeel van", "En als het er", "Doe hetzelfde voor",
    "En nu op basis van", "En voor", "En in", "het gaat om", "woningen", "plekken", "statushouders", "over",
    "naar", "naar rato van", "op basis van", "half", "helft", "70%", "30 procent", "twee derde", "een derde",
    "inwoners", "woningvoorraad", "huishoudens", "corporatiebezit", "sociale huurwoningen", "met D'Hondt",
    "Sainte-Laguë", "grootste overschot", "Parkstad", "MRA", "Twente", "Haaglanden", "Groningen", "GMR",
    "Kerkrade", "Hengelo", "Zoetermeer", "Westland", "Utrecht", "Den Haag", "'s-Gravenhage", "parksatd",
    "twaalfhonderd", "drieduizend vijfhonderd", "1.200", "0", "-5", "2021", "99999999999", "3,5", "?", "/regio",
    "/vergelijk", "/data", "/onbekend", "help", "rekening houdend met wat gemeenten al doen", ",", ";", "\n", "ë",
    # issues 12 and 13: limits, years, odd totals and money
    "maximaal 50 per gemeente", "plafond van", "minimaal 2 per gemeente", "gespreid over 3 jaar", "in 60 jaar",
    "zonder maximum", "12,5", "1e3", "€", "€ 2,5 miljoen", "2,5 mln euro", "EUR 300.000", "een budget van", "euro",
    "ton", "miljoen", "€ 1.234,56", "-3 miljoen euro",
    # caps and floors as a share: of the total, and of an indicator
    "maximaal 20% per gemeente", "hoogstens een kwart per gemeente", "geen gemeente krijgt meer dan 30%",
    "minimaal 5% per gemeente", "elke gemeente krijgt minstens een tiende", "maximaal 1% van de inwoners per gemeente",
    "per gemeente maximaal 25 procent van het totaal", "maximaal 0,01% van de woningvoorraad per gemeente", "hoogstens",
    "per gemeente", "van het totaal",
]

messages = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=14).map(" ".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.integers(-10, 10**8).map(str), st.text(max_size=8)), max_size=12).map(" ".join),
)

ASSISTANT = offline_assistant()
ASSISTANT.load_knowledge()  # fails once (no index here), so later knowledge questions answer at once
assert ASSISTANT.knowledge_error and not ASSISTANT.knowledge_ready


def _sums_match(allocation: dict[str, Any]) -> None:
    """Every result adds up to its total; keys side by side (allocation.models.KeyComparison.to_json)
    carry one result per key, and their rows one amount per key."""
    if "results" in allocation:
        for result in allocation["results"]:
            _sums_match(result)
        for key in allocation["keys"]:
            per_key = sum(Decimal(str(r["allocated"][key])) for r in allocation["rows"])
            assert per_key == Decimal(str(allocation["results"][0]["total"])), key
        return
    allocated = sum(Decimal(str(r["allocated"])) for r in allocation["rows"])  # euros may have cents
    assert allocated == Decimal(str(allocation["total"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(messages, min_size=1, max_size=5))
@example(["WONING:PARKST:VERGELIJK1€"])  # keys side by side: rows hold an amount per key (CI, after the alloc merge)
def test_any_conversation_gets_replies_never_exceptions(texts: list[str]) -> None:
    conv = ASSISTANT.new_conversation()
    for text in texts:
        reply = conv.ask(text)
        assert reply.intent in ("knowledge", "allocation", "clarify", "help")
        assert reply.answer.strip()
        assert "intern iets mis" not in reply.answer, (text, reply.answer)
        if "--" not in text:  # a conversation never points at command-line options
            assert not re.search(r"(?<![\w-])--[a-z]", reply.answer), (text, reply.answer)
        if reply.intent == "allocation" and reply.allocation is not None:
            assert reply.request is not None
            _sums_match(reply.allocation)
        if reply.intent == "clarify":
            assert reply.request is not None or "/vergelijk" in text or "vergelijk" in reply.answer
        reply.to_json()


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=3000))
def test_parser_takes_any_text(text: str) -> None:
    msg = parse_message(text)
    assert msg.total is None or msg.total >= 1
    assert msg.key.weights is None or abs(sum(msg.key.weights.values()) - 1) < 1e-6


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(messages, min_size=1, max_size=3))
def test_any_text_with_the_real_knowledge_base(knowledge_assistant: Assistant, texts: list[str]) -> None:
    conv = knowledge_assistant.new_conversation()
    for text in texts:
        reply = conv.ask(text)
        assert reply.answer.strip() and "intern iets mis" not in reply.answer, (text, reply.answer)
        if reply.intent == "knowledge" and reply.sources:
            assert "[1]" in reply.answer
