"""A value answers a question only when it is the value of the asked thing, and an uncertain value is still given.

"Welk bedrag is de aftoppingsgrens?" is close to the card that names the aftoppingsgrens as a condition of the
RHA and, in the next passage, an amount per home: that amount is no aftoppingsgrens. "Wanneer stemt de Eerste
Kamer …?" is closer to a sentence with the date of a committee report than to the sentence that says a vote is
not known, though that one names the vote. And "per wanneer gaat de wet in?" is answered by the intended date
and by the sentence that says it is not certain, value first. Questions in words of our own, against the real
cards and the real model; the rules themselves on sentences written here.
"""

from __future__ import annotations

import re

import pytest

from kennisbank.answer.answer_type import focus_compounds, lacking, named_roots, names_focus, question_roots
from kennisbank.service import KnowledgeBase

_NOT_KNOWN = re.compile(r"niet (?:openbaar )?bekend")


def _known(word: str) -> bool:
    """The material of these sentences uses every word (the index answers this for real material)."""
    return True


def test_a_value_of_another_thing_does_not_answer_for_the_focus() -> None:
    question = "welk bedrag in euro's is de aftoppingsgrens van de regeling?"
    condition = ("De huur blijft onder de aftoppingsgrenzen.", "Voorwaarden", ["De huur blijft onder de aftoppingsgrenzen."])
    other = ("Per woning was maximaal € 7.000 beschikbaar.", "De regeling", ["Per woning was maximaal € 7.000 beschikbaar."])
    assert focus_compounds(question, _known, [condition[0], other[0]]) == ["aftoppingsgrens"]
    assert lacking(question, question, [condition, other], _known) == "dat bedrag"
    own = ("De aftoppingsgrens is € 650 per maand.", "Voorwaarden", ["De aftoppingsgrens is € 650 per maand."])
    assert lacking(question, question, [condition, other, own], _known) is None


def test_a_focus_the_chosen_sentences_never_write_holds_no_sentence_to_it() -> None:
    # the user's own compound ('vergunninghouders') where the material writes 'statushouders'
    texts = ["De gemeente moest 197 woningen voor statushouders vinden."]
    assert focus_compounds("hoeveel woningen moest de gemeente vinden voor vergunninghouders?", _known, texts) == []
    # what a 'hoeveel' question counts is checked elsewhere, in other words too
    assert focus_compounds("hoeveel nieuwbouw staat er in de woondeal?", _known, ["De nieuwbouw gaat door."]) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Er zijn 18.410 woningen voor ouderen nodig.", True),  # the parts of 'ouderenwoningen'
        ("Er zijn 18.410 ouderenwoningen nodig.", True),
        ("Er zijn 18.410 studentenkamers nodig.", False),
    ],
)
def test_a_sentence_names_the_focus_whole_or_by_its_parts(text: str, names: bool) -> None:
    assert names_focus(["ouderenwoningen"], [text]) is names


def test_a_noun_of_an_act_names_its_verb() -> None:
    roots = question_roots("Wanneer heeft de Eerste Kamer ingestemd met de wet?")
    assert "instemmen" in roots
    assert "instemmen" in named_roots("Een stemming in de Eerste Kamer is niet bekend.", roots)
    assert "instemmen" not in named_roots("Het verslag van de Eerste Kamercommissie kwam in september.", roots)


def test_an_amount_of_another_thing_is_no_answer(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Hoeveel euro bedraagt de aftoppingsgrens die de RHA als voorwaarde stelt?", k=5)
    assert response.answer is None, response.answer


def test_the_sentence_that_names_the_asked_event_as_not_known_is_the_answer(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Wanneer wordt er in de Eerste Kamer gestemd over de Wet versterking regie volkshuisvesting?", k=5)
    assert response.answer is not None and response.answer_sentences
    assert all(_NOT_KNOWN.search(s.text) for s in response.answer_sentences), response.answer


def test_an_intended_date_comes_first_and_its_uncertainty_beside_it(knowledge_base: KnowledgeBase) -> None:
    response = knowledge_base.search("Per wanneer gaat de Wet versterking regie volkshuisvesting in?", k=5)
    sentences = [s.text for s in response.answer_sentences]
    assert sentences and "1 juli 2026" in sentences[0] and not _NOT_KNOWN.search(sentences[0]), response.answer
    assert any(_NOT_KNOWN.search(s) for s in sentences[1:]), response.answer


def test_a_sentence_may_name_the_focus_again_by_the_words_around_it_or_by_its_head() -> None:
    question = "Voor welke datum moet het overzicht van voorgenomen werkzaamheden bij de gemeente liggen?"
    named = ("De instelling stelt een overzicht op van voorgenomen werkzaamheden.", "Artikel 43", ["Artikel 43"])
    again = ("Burgemeester en wethouders beschikken jaarlijks op 1 juli over het overzicht.", "Artikel 44", ["Artikel 44"])
    other = ("De minister beslist voor 1 december 2020 over de toelating.", "Artikel 19", ["Artikel 19"])
    assert lacking(question, question, [named, again], _known) is None
    assert lacking(question, question, [named, other], _known) == "die datum"
    assert names_focus(["huurdersorganisaties"], ["Die colleges en organisaties kunnen binnen vier weken reageren."])
