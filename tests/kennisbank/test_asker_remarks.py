"""A remark after the question about the asker's own situation is no specific the material must have.

'… ? Wij beheren woningen in Delft.', '… ? werk namens Veendam in dat overleg', '… ? moet het aan ons DB
voorleggen': where the asker works, lives or owns, and whom they report to, is their case, not the subject
asked about. Told by sentence structure (first person, or a finite verb straight before a preposition with the
subject dropped), never by a list of places. And a definition holds for its glossary entry: a place the user
puts the term in may stand in the entry's next sentence or under another name of its region. Phrasings written
for this file; real cards, real model.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.asker import context_names, remark, subject_dropped
from kennisbank.service import KnowledgeBase


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Hoe verdeelt Haaglanden de opgave? Wij beheren veel woningen in Delft.", ["Delft"]),
        ("Wie leidt de stuurgroep? Werk namens Pekela in die stuurgroep.", ["Pekela"]),
        ("Wie leidt de stuurgroep? zit namens veendam in het overleg", ["veendam"]),  # a place in lower case
        ("Hoe werkt de verdeling? moet het volgende week aan ons DB voorleggen", ["DB"]),  # initials of the asker's board
        ("Wanneer gaat de wet in? zit er een overgangstermijn in", []),  # a second question without its mark
        ("Wanneer gaat de wet in? geldt dat ook voor Assen", []),  # the verb's subject follows: a question
    ],
)
def test_a_remark_about_the_asker_after_the_question_is_context(question: str, names: list[str]) -> None:
    assert context_names(question) == names


@pytest.mark.parametrize(
    ("sentence", "dropped"),
    [
        ("woon daar al jaren", True),  # no preposition, but 'woon' is the form of 'ik' alone (hij woont)
        ("woont daar al jaren", False),  # the third person: its subject is no writer
        ("woon in Assen sinds kort", True),
        ("werk bij de provincie", True),
        ("geldt dat ook voor Assen", False),
        ("zit er een grens in", False),
    ],
)
def test_a_verb_straight_before_a_preposition_or_in_the_form_of_ik_has_its_subject_dropped(sentence: str, dropped: bool) -> None:
    assert subject_dropped(sentence) is dropped
    if dropped:
        assert remark(sentence)


def test_where_the_asker_sits_does_not_refuse_a_question_about_a_role(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Wie is de secretaris van de VGG? zit namens veendam in het overleg", k=5)
    assert response.answer is not None, response.note
    assert "Ton Sprenger" in response.answer


def test_where_the_asker_owns_does_not_refuse_a_definition(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Wat bedoelt men in Parkstad met hyperconcentratie? Wij verhuren veel in Kerkrade-West.", k=5)
    assert response.answer is not None, response.note
    assert "ophoping" in response.answer


def test_a_definition_in_a_region_its_entry_does_not_name_is_still_refused(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Wat bedoelt men in Haaglanden met hyperconcentratie?", k=5)
    assert response.answer is None
    assert response.note is not None and "Haaglanden" in response.note


def test_a_definition_entry_names_its_region_by_another_name(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Wat is de flexpoolregeling in Twente precies?", k=5)
    assert response.answer is not None, response.note
    assert "flexpoolregeling" in response.answer
