"""Question kinds and specifics: the pure rules behind choosing answer sentences and refusing to
present a neighbouring fact as the answer."""

from __future__ import annotations

import pytest

from kennisbank.answer.question_kinds import AnswerKind, answer_kind, kind_fit, missing_line, missing_specifics, specifics


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Wanneer begon de stuurgroep?", AnswerKind.DATE),
        ("In welk jaar tekenden de gemeenten het convenant?", AnswerKind.DATE),
        ("Hoeveel woningen komen erbij?", AnswerKind.NUMBER),
        ("Wie zit de werkgroep voor?", AnswerKind.WHO),
        ("Met welk adviesbureau werkte de provincie?", AnswerKind.WHO),
        ("Welke gemeenten doen mee?", AnswerKind.LIST),
        ("Waarom liep het overleg stroef?", AnswerKind.REASON),
        ("Hoe pakt de regio het aan?", AnswerKind.APPROACH),
        ("Wat doet de vereniging?", AnswerKind.APPROACH),
        ("When did the programme start?", AnswerKind.DATE),
        ("Verdeel de woningen eerlijk.", None),
    ],
)
def test_answer_kind(question: str, kind: AnswerKind | None) -> None:
    assert answer_kind(question) == kind


def test_kind_fit_tells_the_date_from_the_attendance() -> None:
    when = answer_kind("Wanneer kwamen de bestuurders bijeen?")
    assert kind_fit(when, "Op 12 mei 2022 kwamen de bestuurders bijeen.") == 1.0
    assert kind_fit(when, "Er zaten wethouders en bestuurders van corporaties aan tafel.") == 0.0
    assert kind_fit(None, "Op 12 mei 2022 kwamen de bestuurders bijeen.") == 0.0


def test_specifics_are_years_amounts_and_names_not_question_words() -> None:
    assert specifics("Wat is het budget van het programma voor 2031?") == ["2031"]
    assert specifics("Hoeveel statushouders moet Leeuwarden huisvesten?") == ["Leeuwarden"]
    assert specifics("Is er € 1.250.000 voor Breda?") == ["€ 1.250.000", "Breda"]
    assert specifics("Welke gemeenten doen mee?") == []


def test_missing_specifics_compares_years_and_amounts_exactly() -> None:
    text = ["In 2022 was er € 37,1 mln beschikbaar; tot 2030 komen er 21.200 woningen bij."]
    assert missing_specifics("Wat is het budget voor 2031?", text) == ["2031"]
    assert missing_specifics("Wat was het budget in 2022?", text) == []
    assert missing_specifics("Komen er 1.200 woningen bij?", text) == ["1.200"]
    assert missing_specifics("Komen er 21.200 woningen bij?", text) == []


def test_names_match_by_a_forgiving_prefix_ignoring_case_and_accents() -> None:
    text = ["De gemeenten in Twente en de regio Haaglanden werken samen."]
    assert missing_specifics("Hoeveel Twentse gemeenten doen mee?", text) == []
    assert missing_specifics("Wat doen de Haaglandse gemeenten?", text) == []
    assert missing_specifics("Wat doet Zwolle?", text) == ["Zwolle"]


def test_missing_line_is_one_dutch_sentence() -> None:
    assert missing_line(["2031"]) == "Over 2031 staat in het materiaal niets dat deze vraag beantwoordt."
    assert "2031 en Breda" in missing_line(["2031", "Breda"])


def test_hyphenated_names_are_checked_by_their_capitalised_part() -> None:
    assert specifics("Wie zit de stuurgroep van het MRA-programma voor?") == ["MRA"]
    assert specifics("Sinds wanneer werken de Haaglanden-gemeenten samen?") == ["Haaglanden"]


def test_a_year_counts_only_where_the_sentence_is_about_the_question() -> None:
    about_homes = ["Het doel is dat er vóór 2031 900.000 woningen worden gebouwd."]
    assert missing_specifics("Wat is het budget voor 2031?", about_homes, numbers_in=[]) == ["2031"]
    assert missing_specifics("Wat is het budget voor 2031?", about_homes, numbers_in=about_homes) == []
