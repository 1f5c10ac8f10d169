"""Issue 21, facts restricted to a part of a year: a question about one half-year is answered with the sentence
about that half, not with its neighbour about the other half or another year. Phrasings written for this file;
real model and index, no mocks."""

from __future__ import annotations

import pytest

from assistant.session import Assistant
from kennisbank.answer.question_kinds import periods
from tests.assistant.test_knowledge import _quoted_only


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hoeveel waren het er in H2 2024?", {(2, "2024")}),
        ("het 1e halfjaar van 2021 naast de tweede helft van 2022", {(1, "2021"), (2, "2022")}),
        ("Het eerste kwartaal van 2019 en de helft van 2020", set()),  # a quarter, and a half of something
        ("In 2019: eerste halfjaar tegenover tweede halfjaar", {(1, "2019"), (2, "2019")}),
        ("in 2020 en 2021, telkens het tweede halfjaar", set()),  # two years, none beside the half
    ],
)
def test_periods_pair_a_half_with_its_year(text: str, named: set[tuple[int, str]]) -> None:
    assert periods(text) == named


@pytest.mark.slow
def test_a_half_year_question_quotes_that_half(knowledge_assistant: Assistant) -> None:
    reply = knowledge_assistant.new_conversation().ask(
        "Over het eerste halfjaar van 2023: hoe groot was de landelijke opgave voor vergunninghouders?"
    )
    body = reply.answer.split("**Bronnen**")[0]
    assert "21.200" in body and "tweede helft van 2023" not in body, reply.answer
    _quoted_only(reply)
