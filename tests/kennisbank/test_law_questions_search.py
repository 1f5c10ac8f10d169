"""Questions about a law the user added, asked of the real model over the shipped cards plus that law.

A definition question in the user's words ('Wie is volgens de Huisvestingswet eigenlijk een …') quotes the law's
definition, not the glossary card; 'In welke gevallen mag …' quotes the member that states the cases. The
phrasings are new, not taken from any evaluation set.
"""

from __future__ import annotations

import pytest

from kennisbank.service import KnowledgeBase


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Wie is volgens de Huisvestingswet eigenlijk een vergunninghouder?", "verblijfsvergunning asiel voor bepaalde tijd"),
        ("Hoe omschrijft de Huisvestingswet een woningmarktregio?", "als een geheel kan worden beschouwd"),
    ],
)
def test_a_definition_asked_in_the_users_words_quotes_the_laws_definition(law_base: KnowledgeBase, question: str, fact: str) -> None:
    response = law_base.search(question, k=5)
    assert response.answer is not None, response.note
    assert fact in response.answer, response.answer


@pytest.mark.slow
def test_the_cases_in_which_something_may_happen_are_quoted(law_base: KnowledgeBase) -> None:
    response = law_base.search("In welke gevallen mag het college een huisvestingsvergunning intrekken?", k=5)
    assert response.answer is not None, response.note
    assert "redelijkerwijs moest vermoeden" in response.answer or "in gebruik heeft genomen" in response.answer, response.answer
