"""The user's words beside the law's words, the value a question asks for, and the user's own documents first.

- search.equivalents: a question that says "corporatie" is also searched with "toegelaten instelling" when the
  material uses that term (by stem and compound head), and not when it does not.
- answer.shape: "in euro", "welk percentage", "op welke datum", "hoe lang" and "telefoonnummer" ask for a value;
  a quote without one does not answer.
- answer.own_documents: a user's passage gets a lead over a card within the fused ranking, not a free pass.
"""

from __future__ import annotations

import pytest

from kennisbank.answer.own_documents import OWN_DOCUMENT_LEAD, prefer_own
from kennisbank.answer.shape import Value, asked_value, carries_value, gives_value
from kennisbank.ingest.discovery import CARD_PREFIX
from kennisbank.models import Hit
from kennisbank.search.equivalents import expanded, legal_terms
from kennisbank.search.lexical import LexicalIndex

LAW = [
    "Indien een toegelaten instelling voornemens is in een gemeente feitelijk werkzaam te worden, vraagt zij een verklaring.",
    "Burgemeester en wethouders dragen zorg voor de huisvesting van vergunninghouders.",
    "Een woningzoekende die economisch of maatschappelijk gebonden is aan de woningmarktregio.",
]
CARDS = ["Gemeenten en woningcorporaties maken prestatieafspraken over statushouders."]


def test_an_everyday_word_is_searched_with_the_laws_term_when_the_material_uses_it() -> None:
    index = LexicalIndex(LAW + CARDS)
    assert legal_terms("Mag een woningcorporatie zomaar in een andere gemeente werken?", index) == ["toegelaten instelling"]
    assert legal_terms("Wie zorgt dat statushouders een huis krijgen?", index)[:1] == ["vergunninghouder"]
    assert legal_terms("Voorrang bij binding aan de regio?", index) == ["gebonden"]
    assert "burgemeester en wethouders" in legal_terms("Moet b&w dat doen?", index)
    # the law's word is already in the question: nothing to add
    assert legal_terms("Wat doet een toegelaten instelling als corporatie?", index) == []
    question = "Mag een corporatie dat?"
    assert expanded(question, index) == f"{question} toegelaten instelling"
    # the word index finds the law's passage for the user's word
    positions, _ = index.top(expanded("Mag een corporatie in een nieuwe gemeente werken?", index), 4)
    assert 0 in [int(p) for p in positions]


def test_no_legal_term_is_added_that_the_material_never_uses() -> None:
    index = LexicalIndex(CARDS)
    assert legal_terms("Mag een corporatie zomaar in een andere gemeente werken?", index) == []
    assert expanded("Wat is een woonzorgvisie?", index) == "Wat is een woonzorgvisie?"


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Wat is de inkomensgrens in euro's voor een sociale huurwoning?", Value.MONEY),
        ("Wat is het maximale bedrag per woning voor leefbaarheid?", Value.MONEY),
        ("Welk percentage moet passend worden toegewezen?", Value.SHARE),
        ("Met hoeveel procent mag de huur omhoog?", Value.SHARE),
        ("Op welke datum is de circulaire verstuurd?", Value.DATE),
        ("Hoe lang blijft een urgentieverklaring geldig?", Value.PERIOD),
        ("Wat zijn de telefoonnummers van de directie?", Value.CONTACT),
        ("Wanneer mag de gemeenteraad regels stellen?", None),  # a condition, not a date
        ("Sinds wanneer werken de gemeenten samen?", None),  # "al langere tijd" answers it
        ("Int het CAK ook de eigen bijdrage voor de opvang?", None),
        ("Mag een gemeente een minimuminkomen eisen?", None),
    ],
)
def test_the_value_a_question_asks_for(question: str, value: Value | None) -> None:
    assert asked_value(question) == value


def test_a_quote_without_the_value_asked_does_not_answer() -> None:
    introduces = ["De inkomensgrens wordt jaarlijks bij ministeriële regeling vastgesteld."]
    assert gives_value("Wat is de inkomensgrens in euro's?", introduces) is Value.MONEY
    assert gives_value("Wat is de inkomensgrens in euro's?", ["De inkomensgrens is € 44.035."]) is None
    assert gives_value("Hoe lang mag een huisvestingsverordening gelden?", ["voor de duur van ten hoogste vier jaar"]) is None
    assert gives_value("Hoe lang blijft een urgentieverklaring geldig?", ["Urgentie wordt verleend door het college."]) is Value.PERIOD
    assert gives_value("Tot wanneer hadden woonwagenbewoners voorrang?", ["tot 1 januari 2003 voorrang"]) is None
    assert gives_value("Hoe pakt Haaglanden het aan?", ["Haaglanden werkt samen."]) is None
    assert carries_value(Value.PERIOD, "wordt de woonruimte gedurende ten hoogste dertien weken aangeboden")
    assert not carries_value(Value.PERIOD, "Artikel 15, tweede lid, is van overeenkomstige toepassing.")


def _hit(cid: str, source: str, score: float) -> Hit:
    return Hit(id=cid, source=source, title="", section="", text=cid, score=score)


def test_the_users_passage_leads_a_card_that_is_about_as_good_but_not_one_that_is_clearly_better() -> None:
    close = [_hit("kaart", CARD_PREFIX + "a.md", 0.80), _hit("wet", "/home/u/wet.md", 0.80 - OWN_DOCUMENT_LEAD / 2)]
    assert [h.id for h in prefer_own(close, 2)] == ["wet", "kaart"]
    far = [_hit("kaart", CARD_PREFIX + "a.md", 0.80), _hit("wet", "/home/u/wet.md", 0.80 - 2 * OWN_DOCUMENT_LEAD)]
    assert [h.id for h in prefer_own(far, 2)] == ["kaart", "wet"]
    only_cards = [_hit("b", CARD_PREFIX + "b.md", 0.5), _hit("a", CARD_PREFIX + "a.md", 0.9)]
    assert [h.id for h in prefer_own(only_cards, 1)] == ["b"]  # nothing re-ordered, only cut to k
