"""Issue 21, definitions in the users' own words: the term named first and asked about with 'dat' ('Een collega
noemde de X, wat is dat?'), and a text that introduces a name at the end of one sentence and explains it in the
next. Phrasings written for this file; real model and index, no mocks."""

from __future__ import annotations

import pytest

from assistant.session import Assistant
from kennisbank.answer.question_kinds import defined_term
from tests.assistant.test_knowledge import _quoted_only


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("In de stuurgroep viel de term woningmarktregio, wat is dat?", "woningmarktregio"),
        ("Mijn collega had het over een standplaats bij woonwagens, wat betekent dat?", "standplaats"),
        ("Flexwoning, wat is dat eigenlijk?", "flexwoning"),
        ("Haaglanden en Delft, wat is dat verschil?", None),
        ("Ik hoorde dat Enschede meedoet, wat is dat voor regio en wie zit erin?", None),
    ],
)
def test_a_term_named_before_wat_is_dat_is_the_defined_term(question: str, term: str | None) -> None:
    assert defined_term(question) == term


@pytest.mark.slow
def test_a_term_introduced_at_the_end_of_a_sentence_is_explained_by_the_next(knowledge_assistant: Assistant) -> None:
    """'Hamilton heeft één eigenaardigheid: de Alabama-paradox.' says that it exists; what it is, is the next sentence."""
    reply = knowledge_assistant.new_conversation().ask("Op het werk viel de term Alabama-paradox bij het verdelen, wat is dat?")
    body = reply.answer.split("**Bronnen**")[0]
    assert "eenheid op achteruitgaan" in body, reply.answer
    _quoted_only(reply)
