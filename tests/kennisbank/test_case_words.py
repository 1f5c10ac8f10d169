"""An everyday word of the asker's case is no reason to refuse; the same word in what is asked still is.

"Een bewoner heeft een traplift nodig … . Mag de gemeente de woningaanpassing aanbrengen?" asks about the
woningaanpassing in the law's own words: 'traplift' only tells the case. "het onderzoek (keukentafelgesprek)"
names the law's 'onderzoek' and adds the user's own word for it. The word that is asked about ("Welke kleur
heeft de traplift?") still refuses when the material never uses it, and so does a place written in lower case.
Phrasings of our own (none from an evaluation set), against the real Wmo 2015 extract and the real model;
each test checks its premise (the material lacks the word).
"""

from __future__ import annotations

import pytest

from kennisbank.answer.asker import circumstance
from kennisbank.service import KnowledgeBase


def _known(word: str) -> bool:
    return word.lower() in {"onderzoek", "melding", "woningaanpassing"}


@pytest.mark.parametrize(
    ("question", "word", "case"),
    [
        ("Een bewoner heeft een traplift nodig. Mag de gemeente de woningaanpassing aanbrengen?", "traplift", True),
        ("Binnen welke termijn moet het onderzoek (keukentafelgesprek) klaar zijn?", "keukentafelgesprek", True),
        ("Hoe lang mag het keukentafelgesprek/onderzoek duren?", "keukentafelgesprek", True),
        ("Hoe lang mag het onderzoek/keukentafelgesprek duren?", "keukentafelgesprek", True),
        ("Welke kleur heeft de traplift die de gemeente plaatst?", "traplift", False),  # what is asked
        ("Hoe lang duurt het keukentafelgesprek (onderzoek)?", "keukentafelgesprek", False),  # asked; the bracket glosses it
        ("Hoe lang duurt het gesprek (keukentafelgesprek)?", "keukentafelgesprek", False),  # 'gesprek' is not known here
        ("Wie betaalt de traplift? En mag de gemeente de woningaanpassing aanbrengen?", "traplift", False),  # asked too
        ("Wanneer is het onderzoek klaar? zit er een keukentafelgesprek bij", "keukentafelgesprek", False),  # a question after
        ("Wanneer is het onderzoek klaar? dat keukentafelgesprek hoor ik overal noemen", "keukentafelgesprek", True),  # a remark after
        ("Wanneer is het onderzoek klaar? vraag uit het keukentafelgesprek van gisteren", "keukentafelgesprek", True),  # a remark after
        ("Wanneer is het onderzoek klaar? hoe gaat het keukentafelgesprek dan", "keukentafelgesprek", False),  # a question word
        ("Wanneer is het onderzoek klaar? geldt dat ook voor het keukentafelgesprek", "keukentafelgesprek", False),  # verb first
        ("min. traplift. Mag de gemeente de woningaanpassing aanbrengen?", "traplift", False),  # no sentence of a case
        ("Wij zitten in zwolle. Hoeveel woningaanpassingen moeten wij doen?", "zwolle", False),  # the asker's own count
    ],
)
def test_a_word_of_the_case_is_told_from_a_word_of_the_question(question: str, word: str, case: bool) -> None:
    assert circumstance(question, word, _known) is case


def test_a_word_only_in_the_case_does_not_refuse_the_question(wmo_base: KnowledgeBase) -> None:
    assert not wmo_base.lexical.covers("traplift")  # the premise: the law never says 'traplift'
    question = (
        "Een bewoner van een particuliere huurwoning heeft een traplift nodig en de verhuurder werkt niet mee. "
        "Mag de gemeente de woningaanpassing dan zonder toestemming van de eigenaar aanbrengen?"
    )
    response = wmo_base.search(question, k=5)
    assert response.answer is not None, response.note
    assert "zonder toestemming van de eigenaar" in response.answer


def test_the_users_own_name_in_brackets_does_not_refuse_the_question(wmo_base: KnowledgeBase) -> None:
    assert not wmo_base.lexical.covers("keukentafelgesprek")
    response = wmo_base.search("Na een melding: binnen welke termijn moet de gemeente het onderzoek (keukentafelgesprek) afronden?", k=5)
    assert response.answer is not None, response.note
    assert "zes weken" in response.answer


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Welke kleur heeft een traplift die de gemeente laat aanbrengen?", "traplift"),  # the asked thing
        ("Een bewoner heeft een woningaanpassing nodig. Hoe lang duurt het keukentafelgesprek dan?", "keukentafelgesprek"),
    ],
)
def test_the_same_word_in_what_is_asked_still_refuses(wmo_base: KnowledgeBase, question: str, word: str) -> None:
    assert not wmo_base.lexical.covers(word)
    response = wmo_base.search(question, k=5)
    assert response.answer is None
    assert word in (response.note or "")


def test_a_place_in_lower_case_in_the_case_is_still_a_specific(wmo_base: KnowledgeBase) -> None:
    # 'apeldoorn' is no dictionary word: it stays a specific the material lacks, case or not
    assert not wmo_base.lexical.covers("apeldoorn")
    response = wmo_base.search("Wij zitten in apeldoorn. Hoeveel woningaanpassingen heeft apeldoorn in 2024 betaald?", k=5)
    assert response.answer is None
