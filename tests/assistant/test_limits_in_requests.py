"""Caps, floors, years, impossible totals and unknown places in real conversations (issue 12).

Every case goes through a real Conversation and the real allocation engine; the expected figures are
checked against the engine's own result, never typed in.
"""

from __future__ import annotations

import pytest

from tests.assistant.helpers import MRA, PARKSTAD, decide, offline_conversation
from tests.rows import allocated


@pytest.mark.parametrize(
    ("question", "cap", "floor", "years"),
    [
        ("Verdeel 250 plekken over de MRA naar inwoners, maximaal 30 per gemeente", 30, None, None),
        ("verdeel 250 woningen over de MRA met een plafond van 40", 40, None, None),
        ("Verdeel 250 woningen over de MRA, minimaal 2 per gemeente", None, 2, None),
        ("Verdeel 250 woningen over de MRA naar inwoners, gespreid over 3 jaar", None, None, 3),
        ("Verdeel 250 woningen over de MRA in 4 jaar, maximaal 60 per gemeente en minimaal 1 per gemeente", 60, 1, 4),
    ],
)
def test_limits_in_words_reach_the_engine(question: str, cap: int | None, floor: int | None, years: int | None) -> None:
    reply = offline_conversation().ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.result is not None
    data = reply.to_json()["request"]
    assert data["total"] == 250  # the number in the limit phrase is never the total
    assert (data["max_per_municipality"], data["min_per_municipality"], data["years"]) == (cap, floor, years)
    rows = reply.result.rows
    assert sum(r.allocated for r in rows) == 250
    if cap is not None:
        assert max(r.allocated for r in rows) <= cap
        assert f"maximaal {cap} per gemeente" in (reply.read_as or "")
    if floor is not None:
        assert min(r.allocated for r in rows) >= floor
        assert f"minimaal {floor} per gemeente" in (reply.read_as or "")
    if years is not None:
        assert reply.result.years == years and all(r.per_year and len(r.per_year) == years for r in rows)
        assert f"gespreid over {years} jaar" in (reply.read_as or "")


def test_without_limits_the_json_says_null() -> None:
    data = offline_conversation().ask("Verdeel 250 woningen over de MRA").to_json()["request"]
    assert data["max_per_municipality"] is None and data["min_per_municipality"] is None and data["years"] is None
    assert data["unit"] == "woningen"


def _assert_cap_binds(question: str, cap_words: str, cap: int) -> None:
    """The biggest share of the plain allocation is above `cap`, and with the cap named it is `cap`."""
    plain = offline_conversation().ask(question)
    capped = offline_conversation().ask(f"{question}, {cap_words}")
    assert plain.result is not None and capped.result is not None
    biggest = max(plain.result.rows, key=lambda r: r.allocated)
    assert biggest.allocated > cap  # otherwise this test could not fail
    assert allocated(capped.result, biggest.cbs_code) == cap


def test_a_cap_changes_the_outcome_against_the_uncapped_one() -> None:
    _assert_cap_binds("Verdeel 250 woningen over de MRA naar inwoners", "maximaal 50 per gemeente", 50)


def test_sixty_years_gets_the_engines_question() -> None:
    reply = offline_conversation().ask("Verdeel 250 woningen over Parkstad in 60 jaar")
    assert reply.intent == "clarify"
    assert "tussen 1 en 50" in reply.answer and "60" in reply.answer


@pytest.mark.parametrize(
    "question",
    [
        "Verdeel -5 woningen over Parkstad",
        "Verdeel 0 woningen over Parkstad",
        "Verdeel 12,5 woningen over Parkstad",
        "Verdeel 1e3 woningen over Parkstad",
    ],
)
def test_impossible_totals_are_asked_about(question: str) -> None:
    reply = offline_conversation().ask(question)
    assert reply.intent == "clarify", reply.answer
    assert reply.request is not None and reply.request.total is None
    assert reply.result is None


@pytest.mark.parametrize("follow_up", ["En met 0?", "en met 12,5?", "En met -20 woningen?", "en met 1e3 woningen?"])
def test_a_bad_follow_up_total_never_reuses_the_old_one(follow_up: str) -> None:
    conv = offline_conversation()
    assert conv.ask("Verdeel 120 woningen over Parkstad").intent == "allocation"
    reply = conv.ask(follow_up)
    assert reply.intent == "clarify", reply.answer
    assert reply.result is None and reply.request is not None and reply.request.total is None
    again = conv.ask("het gaat om 90 woningen")
    assert again.intent == "allocation" and again.result is not None and again.result.total == 90
    assert again.request is not None and again.request.region == PARKSTAD


def test_follow_ups_keep_limits_and_can_drop_the_cap() -> None:
    conv = offline_conversation()
    first = conv.ask("Verdeel 250 woningen over de MRA naar inwoners, maximaal 50 per gemeente, gespreid over 2 jaar")
    assert first.request is not None and first.request.cap_absolute == 50
    more = conv.ask("En als het er 300 zijn?")
    assert more.intent == "allocation" and more.request is not None and more.result is not None
    assert (more.request.total, more.request.cap_absolute, more.request.years) == (300, 50, 2)
    assert max(r.allocated for r in more.result.rows) <= 50
    free = conv.ask("en zonder maximum?")
    assert free.intent == "allocation" and free.request is not None and free.result is not None
    assert free.request.cap_absolute is None and free.request.region == MRA
    assert max(r.allocated for r in free.result.rows) > 50


def test_a_typo_gets_close_suggestions_and_an_unknown_name_is_never_dropped() -> None:
    reply = offline_conversation().ask("Verdeel 100 woningen over Enschede, Hengelo en Amlo")
    assert reply.intent == "clarify"
    assert "Almelo" in reply.answer and "Amlo" in reply.answer
    sneek = offline_conversation().ask("Verdeel 250 woningen over Enschede en Sneek")
    assert sneek.intent == "clarify" and sneek.result is None
    assert "Sneek" in sneek.answer and "Beek" not in sneek.answer


def test_an_unknown_focus_name_is_asked_about() -> None:
    reply = offline_conversation().ask("Wat is het aandeel van Sneek bij 100 woningen in Twente?")
    assert reply.intent == "clarify" and "Sneek" in reply.answer and reply.result is None


def test_a_knowledge_question_with_a_typo_searches_the_right_name() -> None:
    decision = decide("Wat doet Enchede voor statushouders?")
    assert decision.kind == "knowledge"
    assert decision.query == "Wat doet Enschede voor statushouders?"
    assert decision.notes == ["'Enchede' lees ik als Enschede."]
    plain = decide("Wat doet Enschede voor statushouders?")
    assert plain.query == "Wat doet Enschede voor statushouders?" and plain.notes == []


@pytest.mark.parametrize(
    "question",
    [
        "De gemeente zegt dat het koken en wassen voor mijn man gewoon is. Wat staat er in de wet?",  # Assen
        "Mag de verhuurder de hengel uit de tuin halen?",  # Hengelo
    ],
)
def test_a_word_of_the_language_is_no_slip_of_a_place_name(question: str) -> None:
    """A word one letter from a municipality is read as that place only when the dictionary does not know it."""
    decision = decide(question)
    assert decision.query == question and not [n for n in decision.notes if "lees ik als" in n]


@pytest.mark.parametrize(
    ("question", "share", "bound", "phrase"),
    [
        ("Verdeel 250 woningen over de MRA, maximaal 20% per gemeente", 0.2, "max", "maximaal 20% van het totaal per gemeente"),
        ("Verdeel 120 woningen over Parkstad, hoogstens een kwart per gemeente", 0.25, "max", "maximaal 25% van het totaal per gemeente"),
        ("Verdeel 120 woningen over Parkstad; geen gemeente krijgt meer dan 30%", 0.3, "max", "maximaal 30% van het totaal per gemeente"),
        ("Verdeel 120 woningen over Parkstad met per gemeente maximaal 25 procent van het totaal", 0.25, "max", "maximaal 25%"),
        ("Verdeel 120 woningen over Parkstad, elke gemeente krijgt minstens een tiende", 0.1, "min", "minimaal 10% van het totaal per gemeente"),
        ("Verdeel 120 woningen over Parkstad naar inwoners, minimaal 5% per gemeente", 0.05, "min", "minimaal 5% van het totaal per gemeente"),
    ],
)
def test_a_cap_or_floor_as_a_share_of_the_total(question: str, share: float, bound: str, phrase: str) -> None:
    """A share of the total is that many whole units per municipality (down for a cap, up for a floor)."""
    reply = offline_conversation().ask(question)
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.result is not None and reply.request.total is not None
    total = int(reply.request.total)
    assert sum(r.allocated for r in reply.result.rows) == total  # the share is never the total
    assert reply.request.key == {"inwoners": 1.0}  # '20%' is no key weight
    data = reply.to_json()["request"]
    assert phrase in (reply.read_as or "")
    if bound == "max":
        limit = int(share * total + 1e-9)
        assert data["max_per_municipality"] == limit and data["min_per_municipality"] is None
        assert max(r.allocated for r in reply.result.rows) <= limit
        assert f"({limit} woningen)" in (reply.read_as or "")
    else:
        limit = -int(-share * total // 1)
        assert data["min_per_municipality"] == limit and data["max_per_municipality"] is None
        assert min(r.allocated for r in reply.result.rows) >= limit


def test_a_share_cap_binds_where_the_plain_allocation_exceeds_it() -> None:
    _assert_cap_binds("Verdeel 120 woningen over Parkstad naar inwoners", "hoogstens een kwart per gemeente", 30)


def test_a_share_cap_follows_a_new_total() -> None:
    conv = offline_conversation()
    conv.ask("Verdeel 120 woningen over Parkstad, hoogstens een kwart per gemeente")
    reply = conv.ask("En als het er 200 zijn?")
    assert reply.intent == "allocation", reply.answer
    assert reply.to_json()["request"]["max_per_municipality"] == 50
    assert reply.result is not None and max(r.allocated for r in reply.result.rows) <= 50


def test_a_share_of_an_indicator_is_the_engines_column_cap() -> None:
    """'maximaal 0,01% van de inwoners' is fraction × inhabitants per municipality: the engine's own `caps`."""
    reply = offline_conversation().ask("Verdeel 30 woningen over Parkstad, maximaal 0,02% van de inwoners per gemeente")
    assert reply.intent == "allocation", reply.answer
    assert reply.request is not None and reply.request.caps == {"inwoners": pytest.approx(0.0002)}
    assert "maximaal 0,02% van de inwoners per gemeente" in (reply.read_as or "")
    assert reply.result is not None and reply.result.caps == {"inwoners": pytest.approx(0.0002)}
    for row in reply.result.rows:
        assert row.allocated <= row.indicator_values["inwoners"] * 0.0002
    tight = offline_conversation().ask("Verdeel 30 woningen over Parkstad, maximaal 0,01% van de inwoners per gemeente")
    assert tight.intent == "clarify" and "De maxima laten samen maar" in tight.answer


def test_too_tight_a_share_cap_gets_the_engines_question_in_words() -> None:
    reply = offline_conversation().ask("Verdeel 120 woningen over Parkstad, maximaal 10% per gemeente")
    assert reply.intent == "clarify"
    assert "De maxima laten samen maar 84 toe" in reply.answer  # 7 municipalities × 12
    assert "--max" not in reply.answer and "Verhoog het maximum" in reply.answer


def test_an_unknown_place_next_to_a_municipality_outside_the_regions_is_named_first() -> None:
    """'Sneek en Leeuwarden': Sneek (a town in Súdwest-Fryslân) must not drop out behind the Leeuwarden answer."""
    reply = offline_conversation().ask("Verdeel 100 woningen over Sneek en Leeuwarden")
    assert reply.intent == "clarify"
    assert "'Sneek'" in reply.answer and "Beek" not in reply.answer
