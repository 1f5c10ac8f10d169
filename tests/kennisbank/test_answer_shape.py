"""Choosing answer sentences by the shape of the question and quoting them so they stand on their own.

Pure rules over real sentence spans: the semantic scores are set by hand, as the model would give
near-equal scores to neighbouring sentences of one passage.
"""

from __future__ import annotations

from kennisbank.answer.evidence import candidates, choose, weigh_shape
from kennisbank.answer.gate import ANSWER_CALIBRATION
from kennisbank.models import Hit
from kennisbank.search.lexical import LexicalIndex
from kennisbank.store.upgrades import SENTENCE_VECTORS

MARGIN = ANSWER_CALIBRATION[SENTENCE_VECTORS].margin
"""The margin a new index's answers are chosen with."""


def _hit(text: str, section: str = "Aanpak", rank: int = 0) -> Hit:
    return Hit(id=f"h{rank}", source="bronnen/x.md", title="Regio X", section=section, text=text, score=1.0)


LEXICON = LexicalIndex(["De opvang, de knelpunten, de resultaten en de wethouders en corporaties."])


def _terms(text: str) -> set[str]:
    return LEXICON.text_terms(text)


def _query(question: str) -> set[str]:
    return set(LEXICON.query_terms(question))


def test_a_when_question_picks_the_sentence_with_the_date() -> None:
    hit = _hit(
        "Aan tafel zaten wethouders, een gedeputeerde en bestuurders van corporaties. "
        "De bijeenkomst vond plaats op 12 mei 2022 in het provinciehuis."
    )
    found = candidates([hit])
    found[0].semantic, found[1].semantic = 0.86, 0.85  # the attendance sentence is closer in meaning
    question = "Wanneer kwamen de wethouders en corporaties bij elkaar?"
    weigh_shape(found, question, _query(question), _terms)
    assert "12 mei 2022" in max(found, key=lambda c: c.score).text
    assert "12 mei 2022" in " ".join(c.text for c in choose(found, MARGIN))


def test_a_sentence_that_leans_on_the_one_before_brings_it_along() -> None:
    hit = _hit(
        "De gemeenten zetten preventie, ondersteuning en huisvesting voorop. "
        "Dit delen zij als gemeenschappelijke waarde in de regio."
    )
    found = candidates([hit])
    found[0].semantic, found[1].semantic = 0.70, 0.90
    chosen = choose(found, MARGIN)
    assert [c.text for c in chosen] == [c.text for c in found]
    assert all(c.text in hit.text for c in chosen)  # still verbatim


def test_a_sentence_that_opens_a_list_brings_the_whole_list() -> None:
    hit = _hit(
        "Het programma werkt langs drie actielijnen:\n"
        "- preventie van dakloosheid en huisuitzetting\n"
        "- voldoende betaalbare woningen voor aandachtsgroepen\n"
        "- begeleiding en zorg bij het wonen in de wijk"
    )
    found = candidates([hit])
    found[0].semantic = 0.95
    for other in found[1:]:
        other.semantic = 0.5
    texts = [c.text for c in choose(found, MARGIN)]
    assert texts[0].endswith(":") and len(texts) == 4
    assert texts[-1].startswith("- begeleiding")


def test_a_count_brings_the_sentence_that_names_what_it_counts() -> None:
    hit = _hit(
        "De aanpak is verdeeld over drie werkgroepen, elk met een eigen trekker. "
        "De drie werkgroepen zijn preventie, huisvesting en begeleiding. "
        "De stuurgroep komt vier keer per jaar bijeen."
    )
    found = candidates([hit])
    found[0].semantic, found[1].semantic, found[2].semantic = 0.92, 0.60, 0.55
    texts = [c.text for c in choose(found, MARGIN)]
    assert texts[:2] == [found[0].text, found[1].text]
    assert found[2].text not in texts


def test_a_matching_heading_makes_its_sentences_stronger() -> None:
    results = _hit("De opvang werkt goed en de huurders zijn tevreden over de begeleiding.", "Resultaten", 0)
    problems = _hit("De wachttijd voor een woning is lang en er zijn te weinig begeleiders.", "Knelpunten", 1)
    found = candidates([results, problems])
    found[0].semantic, found[1].semantic = 0.86, 0.86
    question = "Wat zijn de knelpunten bij de opvang?"
    weigh_shape(found, question, _query(question), _terms)
    assert max(found, key=lambda c: c.score).hit.section == "Knelpunten"


def test_how_long_a_waiting_list_is_asks_a_number_not_a_period() -> None:
    from kennisbank.answer.shape import Value, asked_value

    assert asked_value("Hoe lang is de wachtlijst voor een sociale huurwoning in Zwolle?") is Value.NUMBER
    assert asked_value("Hoe lang was de wachtrij bij de daklozenopvang die winter?") is Value.NUMBER
    assert asked_value("Hoe lang duurt het voordat iemand een woning krijgt?") is Value.PERIOD
    assert asked_value("Hoe lang staat iemand gemiddeld op de wachtlijst?") is Value.PERIOD


def test_how_much_time_asks_a_period() -> None:
    from kennisbank.answer.quantity import gives_count
    from kennisbank.answer.shape import Value, asked_value

    question = "Hoeveel tijd heeft de corporatie om te reageren?"
    assert asked_value(question) is Value.PERIOD
    assert gives_count(question, ["De corporatie reageert binnen vier weken."], lambda word: True)
