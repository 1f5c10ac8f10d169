"""A question is not refused because one of its words is the material's word written another way.

Users shorten ('Hvw' for the Huisvestingswet, 'B&W' for burgemeester en wethouders), leave out a diaeresis
('coordinator'), make the material's compounds another way ('afrondmethoden' for 'afrondingsmethode') or use the noun of a verb the law
uses ('binding' where the law says 'gebonden'). A short form that stands for nothing in the found passages
is still named as unknown. The phrasings are new, not taken from any evaluation set; each test checks its
premise (the material lacks the word as written).
"""

from __future__ import annotations

import pytest

from kennisbank.service import KnowledgeBase


def test_a_law_named_by_the_initials_of_its_compound_is_answered(law_base: KnowledgeBase) -> None:
    assert not law_base.lexical.covers("Hvw")  # the premise: the law never writes its short name
    response = law_base.search("Wat regelt de Hvw over de huisvestingsvergunning?", k=5)
    assert response.answer is not None, response.note
    assert "vergunning" in response.answer


def test_initials_joined_by_an_ampersand_stand_for_the_phrase(law_base: KnowledgeBase) -> None:
    assert not law_base.lexical.covers("B&W")
    response = law_base.search("Met wie moeten B&W overleggen als ze de huisvestingsverordening willen wijzigen?", k=5)
    assert response.answer is not None, response.note
    assert "burgemeester en wethouders" in response.answer


def test_a_short_form_of_nothing_in_the_passages_is_still_named(law_base: KnowledgeBase) -> None:
    response = law_base.search("Wat regelt de Qxv over de huisvestingsvergunning?", k=5)
    assert response.answer is None
    assert "Qxv" in (response.note or "")


def test_the_noun_of_a_verb_the_law_uses_is_known(law_base: KnowledgeBase) -> None:
    assert law_base.lexical.covers("gebonden") and not law_base.lexical.covers("binding")
    assert "binding" not in law_base.unknown_words("Telt economische binding mee bij de voorrang?")


@pytest.mark.parametrize(
    ("question", "word", "written"),
    [
        ("Tussen welke afrondmethoden kan een regio kiezen?", "afrondmethoden", "afrondingsmethode"),  # a verb stem as first part
    ],
)
def test_a_word_written_another_way_is_known(knowledge_base: KnowledgeBase, question: str, word: str, written: str) -> None:
    assert not knowledge_base.lexical.covers(word) and knowledge_base.lexical.covers(written)
    assert word not in knowledge_base.unknown_words(question)


def test_a_word_without_its_diaeresis_is_known(wmo_base: KnowledgeBase) -> None:
    assert wmo_base.lexical.covers("cliënt") and not wmo_base.lexical.covers("client")
    assert "client" not in wmo_base.unknown_words("Welke ondersteuning krijgt een client die zich meldt?")


def test_a_common_noun_after_a_known_name_and_a_hyphen_is_no_name(wmo_base: KnowledgeBase) -> None:
    # 'Wmo-balie' is capitalised only through 'Wmo': the material's lack of 'balie' is weighed, not refused as a name
    assert wmo_base.lexical.covers("Wmo") and not wmo_base.lexical.covers("balie")
    response = wmo_base.search("Wie meldt zich bij de Wmo-balie voor maatschappelijke ondersteuning?", k=5)
    assert "Wmo-balie" in wmo_base.unknown_words("Wie meldt zich bij de Wmo-balie voor maatschappelijke ondersteuning?")
    assert not (response.note or "").startswith("Over Wmo-balie")


def test_function_words_are_not_looked_up(knowledge_base: KnowledgeBase) -> None:
    unknown = knowledge_base.unknown_words("Gebeurt daarmee overal niks in de regio?")
    assert not {"daarmee", "overal", "niks"} & set(unknown)


def test_an_ordinary_word_the_material_lacks_is_still_unknown(knowledge_base: KnowledgeBase) -> None:
    assert "voordeur" in knowledge_base.unknown_words("Welke kleur krijgt de voordeur in de regio?")


@pytest.mark.parametrize("question", ["Bij welke regio hoort het hogeland?", "Met welke gemeenten werkt het hogeland samen in de regio?"])
def test_the_article_of_a_place_name_is_no_unknown_word(knowledge_base: KnowledgeBase, question: str) -> None:
    # 'het' of 'het hogeland' is a stopword the word index leaves out, not a name the material lacks
    assert not knowledge_base.lexical.covers("het") and knowledge_base.lexical.covers("hogeland")
    response = knowledge_base.search(question, k=5)
    assert response.answer is not None, response.note
    assert "Het Hogeland" in response.answer
