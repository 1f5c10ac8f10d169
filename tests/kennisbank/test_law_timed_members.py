"""A question for a period or date about a law the user added quotes the member of the article that holds it.

The law is indexed one member per passage; the article is found by the members that share the question's
words, and the answer must come from the member with the term. The phrasings are new, not taken from any
evaluation set.
"""

from __future__ import annotations

import pytest

from kennisbank.service import KnowledgeBase


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Hoe lang moet een eigenaar zijn woning zonder resultaat te huur aanbieden aan mensen met een band met de gemeente voordat hij haar aan iedereen mag verhuren?", "dertien weken"),
        ("Hoe lang duurt het aanbieden van een woning die de gemeente voor woningzoekenden met binding heeft aangewezen?", "dertien weken"),
        ("Binnen welke termijn beslissen burgemeester en wethouders op een aanvraag om een splitsingsvergunning?", "acht weken"),
    ],
)
def test_a_question_for_a_term_quotes_the_member_with_the_term(law_base: KnowledgeBase, question: str, term: str) -> None:
    response = law_base.search(question, k=5)
    assert response.answer is not None, response.note
    assert term in response.answer, response.answer
