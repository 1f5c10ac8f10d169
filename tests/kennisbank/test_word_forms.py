"""A question's word that is the material's word written another way: a spelling without the diaeresis, a
compound of known parts, a short form of words in the found passages. And words that are none of these."""

from __future__ import annotations

import pytest

from kennisbank.answer.word_forms import (
    abbreviates,
    compound_parts,
    function_word,
    root,
    same_compound,
    shortens,
    spellings,
)
from koploper.text import dictionary_word


def test_a_word_without_its_diaeresis_has_the_written_form_among_its_spellings() -> None:
    assert "ideeën" in spellings("ideeen")
    assert "financiële" in spellings("financiele")
    assert "reünie" in spellings("reunie")
    assert spellings("woning") == []  # no vowel after a vowel, no accent: nothing else to try


def test_a_compound_is_cut_into_dictionary_words_with_the_linking_sounds() -> None:
    assert ["rijk", "wet"] in compound_parts("rijkswet", dictionary_word)
    assert ["stad", "huis"] in compound_parts("stadhuis", dictionary_word)
    assert compound_parts("qzxvbnmwq", dictionary_word) == []


def test_a_compound_is_known_when_the_material_makes_it_of_the_same_roots() -> None:
    assert same_compound("rekenregel", {"rekeningregels"})  # reken- and rekening- are both 'rekenen'
    assert same_compound("woonwijk", {"woonwijken"})
    assert not same_compound("wachttijd", {"wachten", "tijd", "wachtlijst"})  # parts alone are no compound
    assert not same_compound("zonnepaneel", {"woning", "paneel"})


def test_the_noun_of_an_act_has_its_verb_as_root() -> None:
    assert root("binding") == root("gebonden") == "binden"
    assert root("toewijzing") == "toewijzen"
    assert root("aannemer") != root("aangenomen")  # who does it is no root of the verb


@pytest.mark.parametrize(
    ("short", "word"),
    [("Gw", "Gemeentewet"), ("ggz", "geestelijkegezondheidszorg"), ("wozo", "woonzorg"), ("stawo", "starterswoning")],
)
def test_a_short_form_is_the_beginnings_of_the_parts_of_a_compound(short: str, word: str) -> None:
    assert shortens(short, word)


def test_a_short_form_must_use_every_part_and_start_like_the_word() -> None:
    assert not shortens("gm", "Gemeentewet")  # 'm' is no beginning of 'wet'
    assert not shortens("ws", "Gemeentewet")


@pytest.mark.parametrize(
    ("word", "texts"),
    [
        ("R&W", ["Daarover beslissen de raad en wethouders samen."]),  # 'X&Y': initials of a phrase
        ("pgw", ["De gemeente kan de wet toepassen."]),  # no word with a p: no short form of these words
    ],
)
def test_initials_of_a_phrase_or_of_compound_parts_in_the_texts(word: str, texts: list[str]) -> None:
    assert abbreviates(word, texts) == (word == "R&W")


def test_initials_of_the_parts_of_a_phrase_of_compounds() -> None:
    # 'pgb': persoon-s-gebonden budget
    assert abbreviates("pgb", ["Wie kiest voor een persoonsgebonden budget, regelt de zorg zelf."])
    assert not abbreviates("pgb", ["Wie kiest voor een budget, regelt de zorg zelf."])


def test_the_texts_may_hold_the_short_form_of_the_questions_compound() -> None:
    assert abbreviates("asielzoekerscentrum", ["Op het voormalige azc-terrein komen woningen."])
    assert not abbreviates("asielzoekerscentrum", ["Op het voormalige terrein komen woningen."])


def test_a_dictionary_word_in_lower_case_is_no_short_form() -> None:
    # 'kat' could be read as the initials of 'kosten aan tafel', but it is an ordinary word
    assert not abbreviates("kat", ["De kosten aan tafel worden verdeeld."])


@pytest.mark.parametrize("word", ["daarmee", "erover", "waarvoor", "eruit", "niks", "overal", "ergens"])
def test_pronominal_adverbs_and_indefinites_are_function_words(word: str) -> None:
    assert function_word(word)


@pytest.mark.parametrize("word", ["dorp", "kleur", "erfpacht", "hierarchie"])
def test_content_words_are_no_function_words(word: str) -> None:
    assert not function_word(word)
