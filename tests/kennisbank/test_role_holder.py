"""A "who" question that names a role is answered by the sentence that names a person with that role, not by
the sentence that lists the body's members and mentions the role beside a place (kennisbank.answer.role_holder).

Sentences and questions written for this file, in the form of the cases: the role asked with or without its
article, by a particle verb ('wie zit … voor'), by a plural ('wie zijn de trekkers') or by 'als <rol>'.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.evidence import candidates, choose, weigh_shape
from kennisbank.answer.gate import ANSWER_CALIBRATION
from kennisbank.answer.role_holder import asked_role, holds_role, names_role
from kennisbank.answer.shape import Value, asked_value
from kennisbank.models import Hit
from kennisbank.search.lexical import LexicalIndex
from kennisbank.store.upgrades import SENTENCE_VECTORS

MARGIN = ANSWER_CALIBRATION[SENTENCE_VECTORS].margin

MEMBERS = "Het dagelijks bestuur van de Waterregio telt negen bestuurders, uit Zwolle (de voorzitter), Deventer, Kampen en Ommen."
HOLDER = "Voorzitter van het dagelijks bestuur van de Waterregio is Anouk van Dijk, wethouder in Zwolle."
TEAM = "In juni 2024 maakte de Waterregio bekend wie het programma trekken: Pieter Bos als regisseur en Sanne Kok als projectleider."


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Wie is voorzitter van het dagelijks bestuur van de Waterregio?", HOLDER),
        ("wie is de voorzitter van het dagelijks bestuur in de waterregio", HOLDER),
        ("wie zit het dagelijks bestuur van de waterregio voor", HOLDER),
        ("nieuw bij de Waterregio. wie zijn de trekkers en wat is er afgesproken?", TEAM),
        ("wie trekt het programma van de Waterregio als regisseur?", TEAM),
    ],
)
def test_the_role_and_a_person_make_the_holder(question: str, sentence: str) -> None:
    role = asked_role(question)
    assert role is not None
    assert holds_role(role, sentence, question)
    assert not holds_role(role, MEMBERS, question)  # the role beside a place names no one


def test_a_question_without_a_role_asks_no_holder() -> None:
    assert asked_role("Hoeveel gemeenten doen mee in de Waterregio?") is None
    assert asked_role("Wie is er binnen de gemeente verantwoordelijk voor de opvang?") is None  # 'er' is no role
    role = asked_role("Wie is de secretaris van de Waterregio?")
    assert role is not None and not names_role(role, HOLDER)


def test_the_holder_is_quoted_over_the_member_list() -> None:
    lexicon = LexicalIndex([MEMBERS, HOLDER])
    members = Hit(id="h0", source="bronnen/x.md", title="Waterregio", section="Bestuur", text=MEMBERS, score=1.0)
    holder = Hit(id="h1", source="bronnen/x.md", title="Waterregio", section="Bestuur", text=HOLDER, score=0.9)
    found = candidates([members, holder])
    found[0].semantic, found[1].semantic = 0.90, 0.88  # the member list is nearer in meaning and shares more words
    found[0].lexical, found[1].lexical = 0.9, 0.4
    question = "Wie is voorzitter van het dagelijks bestuur van de Waterregio?"
    weigh_shape(found, question, set(lexicon.query_terms(question)), lexicon.text_terms)
    assert max(found, key=lambda c: c.score).text == HOLDER
    assert HOLDER in " ".join(c.text for c in choose(found, MARGIN))


def test_a_role_without_its_article_asks_a_name() -> None:
    assert asked_value("Wie is voorzitter van de stuurgroep in de Waterregio?") is Value.NAME
    assert asked_value("wie was secretaris bij de vereniging") is Value.NAME
    assert asked_value("Wie is er verder bij betrokken?") is None  # no role: an adverb after 'is'
