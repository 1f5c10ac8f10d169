"""A value about one kind of thing does not answer a question about another kind with the same head.

"Binnen hoeveel weken beslist het college op een aanvraag voor een parkeervergunning?" comes close in meaning to
an article that gives the term for 'een vergunning als bedoeld in artikel 21': the quote holds a period, and
names a permit, but another permit than the one asked. When the found passages write the question's compound
themselves, it is the material's word for the asked thing, and the value's sentence must name it: whole, by all
its parts, or through its own passage or title that writes it. Sentences and questions written here, on the kind
of case; the rule reads only the words and the compound's parts (the real Dutch dictionary).
"""

from __future__ import annotations

from kennisbank.answer.answer_type import lacking, names_compound
from kennisbank.answer.subject import time_clause


def _known(word: str) -> bool:
    """The material of these sentences uses every word (the index answers this for real material)."""
    return True


def _sentence(text: str, heading: str = "Artikel 25", title: str = "Wet op de parkeerplaatsen") -> tuple[str, str, list[str]]:
    return (text, heading, [text, heading, title])


QUESTION = "binnen hoeveel weken beslist het college op een aanvraag voor een parkeervergunning?"
OTHER = "Het college beslist op de aanvraag om een vergunning als bedoeld in artikel 21 binnen acht weken."
TITLE = "Wet op de parkeerplaatsen"
FOUND = [(TITLE, "Artikel 3", "Het is verboden een voertuig te parkeren zonder parkeervergunning."), (TITLE, "Artikel 25", OTHER)]


def test_the_term_of_another_permit_does_not_answer() -> None:
    assert lacking(QUESTION, QUESTION, [_sentence(OTHER)], _known, [OTHER], FOUND) is not None


def test_without_the_found_passages_writing_the_compound_it_is_the_users_word() -> None:
    assert lacking(QUESTION, QUESTION, [_sentence(OTHER)], _known, [OTHER], [(TITLE, "Artikel 25", OTHER)]) is None


def test_the_compound_named_whole_by_its_parts_or_by_its_passage_answers() -> None:
    whole = "Het college beslist binnen acht weken op een aanvraag om een parkeervergunning."
    assert lacking(QUESTION, QUESTION, [_sentence(whole)], _known, [whole], FOUND) is None
    passage = f"Een parkeervergunning wordt schriftelijk aangevraagd. {OTHER}"
    assert lacking(QUESTION, QUESTION, [_sentence(OTHER)], _known, [passage], FOUND) is None


def test_names_a_compound_by_its_parts_not_by_its_head_alone() -> None:
    assert names_compound("ouderenwoningen", ["Er komen 300 woningen voor ouderen bij."])
    assert names_compound("huisvestingsvergunningen", ["De huisvestingsvergunning wordt verleend."])
    assert not names_compound("huisvestingsvergunning", ["Een vergunning als bedoeld in artikel 21."], ["Huisvestingswet 2014"])
    assert names_compound("huisvestingsvergunning", ["Die vergunning geldt een jaar."], ["Een huisvestingsvergunning wordt aangevraagd."])


def test_the_askers_case_holds_no_sentence_to_its_compounds() -> None:
    question = "Ik ben beleidsmedewerker bij een gemeente. Binnen hoeveel weken beslist het college op een aanvraag?"
    text = "Het college beslist binnen acht weken op de aanvraag."
    found = [(TITLE, "Artikel 25", text), (TITLE, "Artikel 3", "De beleidsmedewerker adviseert het college.")]
    assert lacking(question, question, [_sentence(text)], _known, [text], found) is None


def test_a_noun_a_law_points_elsewhere_for_does_not_name_the_asked_thing() -> None:
    question = "binnen welke termijn kan een bewoner bezwaar maken tegen een beschikking?"
    referred = _sentence("De minister beslist binnen acht weken naar aanleiding van een bezwaar als bedoeld in onderdeel f.")
    assert lacking(question, question, [referred], _known) is not None
    own = _sentence("Een bewoner kan binnen zes weken bezwaar maken.")
    assert lacking(question, question, [referred, own], _known) is None


def test_a_time_asked_in_one_part_of_a_joined_question_is_held_to_that_parts_nouns() -> None:
    question = "Vanaf wanneer geldt de parkeerwet en welke bewoners krijgen dan voorrang?"
    assert time_clause(question) == "Vanaf wanneer geldt de parkeerwet"
    other = _sentence("In 2018 gaven 40 gemeenten bewoners voorrang.", "Cijfers", "Jaarverslag")
    assert lacking(question, question, [other], _known) is not None
    own = _sentence("De parkeerwet geldt vanaf 1 juli 2026.", "Cijfers", "Jaarverslag")
    assert lacking(question, question, [own], _known) is None
    assert time_clause("per wanneer gaat het in?") == "per wanneer gaat het in?"


def test_a_count_of_the_thing_for_another_group_does_not_answer() -> None:
    from kennisbank.answer.quantity import gives_count

    question = "Hoeveel woningen voor dak- en thuislozen zijn er nodig volgens het onderzoek?"
    assert not gives_count(question, ["Volgens het onderzoek zijn er tot 2041 18.410 woningen voor ouderen nodig."], _known)
    assert gives_count("Hoeveel woningen voor ouderen zijn er nodig?", ["Er zijn 18.410 woningen voor ouderen nodig."], _known)
    assert gives_count("Hoeveel woningen zijn er nodig?", ["Er zijn 18.410 woningen voor ouderen nodig."], _known)


def test_persons_and_prefixed_words_are_no_compound_of_the_asked_thing() -> None:
    question = "hoe lang moet een verhuurder de woning aanbieden voordat de termijn uit de verordening afloopt?"
    text = "De gemeenteraad stelt in de huisvestingsverordening een termijn van ten hoogste dertien weken vast."
    found = [(TITLE, "Artikel 17", text), (TITLE, "Artikel 1", "Een verhuurder en een verordening als bedoeld in de wet.")]
    assert lacking(question, question, [_sentence(text, "Artikel 17")], _known, [text], found) is None
