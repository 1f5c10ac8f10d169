"""Issue 21, problems asked in the users' words: 'knelpunten', 'pijnpunten', 'struikelblokken' name the shape of
the answer (what went wrong), which the material says in its own words ('problemen', 'liep stroef'). Such a
word is no missing subject, and a question that opens with one is no yes/no question. Real model and index."""

from __future__ import annotations

from kennisbank.answer.gate import asks_yes_or_no
from kennisbank.answer.question_kinds import AnswerKind, answer_kind
from kennisbank.service import KnowledgeBase


def test_a_question_opening_with_a_problem_noun_is_no_yes_or_no_question() -> None:
    assert not asks_yes_or_no("pijnpunten bij het spreiden van beschermd wonen?")
    assert answer_kind("struikelblokken bij de woondeal in Twente?") is AnswerKind.PROBLEMS
    assert asks_yes_or_no("Hebben de gemeenten de woondeal getekend?")


def test_a_problem_noun_is_no_word_the_material_must_have(knowledge_base: KnowledgeBase) -> None:
    assert knowledge_base.unknown_words("Welke pijnpunten zijn er bij het spreiden van beschermd wonen?") == []
    assert knowledge_base.unknown_words("Welke pijnpunten ziet de gemeente Vaals?", names_only=True) == ["Vaals"]
