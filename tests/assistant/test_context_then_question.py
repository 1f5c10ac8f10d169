"""A message that first tells the asker's context (their municipality, a situation, a claim to check) and
then asks a question in a later clause is a knowledge question, even when the context has a word of
sharing ('verdelen', 'taakstelling', 'krijgt') and a place in it: the question word asks for a date, a
problem, a person or a count the material holds, and there is no amount to divide. A later clause that
asks one municipality's share, or a number to share out, keeps the message a request.

Phrasings written for this file; the real parser and router, no mocks.
"""

from __future__ import annotations

import pytest

from tests.assistant.helpers import decide


@pytest.mark.parametrize(
    "text",
    [
        # the asker's municipality first, the question after a comma, no question mark
        "ik werk bij gemeente Dinkelland, waar liepen ze in Twente op vast bij het verdelen van de woningen",
        # a conjunction before the question word
        "Delft had de taakstelling in 2023 gehaald, maar wat was het doel voor de eerste helft van 2024?",
        # a preposition that governs the question word
        "het COA verdeelt de statushouders over de gemeenten, binnen hoeveel weken moet een gemeente reageren?",
        "Renkum doet toch niet meer mee in de GMR? vanaf wanneer verdelen ze dan over de overige gemeenten",
        # the municipality as a heading without a comma, then the question
        "Overbetuwe hoeveel jongeren vangen wij op volgens de regionale verdeling",
        # who: a person
        "ik zit bij Heerlen, wie zit de stuurgroep van de verdeling in Parkstad voor?",
    ],
)
def test_context_then_question_is_knowledge(text: str) -> None:
    assert decide(text).kind == "knowledge"


@pytest.mark.parametrize(
    "text",
    [
        "Twente, hoeveel krijgt Hengelo?",  # the later clause asks a share: a request for Twente
        "ik zit bij Losser, verdeel 200 woningen over Twente",  # an order
        "Parkstad. Wat krijgt Heerlen als we 300 woningen verdelen?",  # a number to share out
        "ik werk bij Almelo. Wat krijgen we. Verdeel 300 woningen over Twente plus Almelo",  # an order after it
    ],
)
def test_a_later_share_or_order_stays_a_request(text: str) -> None:
    assert decide(text).kind == "allocation"
