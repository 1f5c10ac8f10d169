"""A quote from a law carries what its sentence needs: the items of the list it opens and the rest of a sentence
that a page break cut, also when they were indexed as the next passages of the article.

A member that introduces a list ('De op te leggen bestuurlijke boete bedraagt ten hoogste:') is joined with the
member before it, and its items ('a. het bedrag …') are paragraphs of their own; the items hold the answer. The
phrasings are new, not taken from any evaluation set. The laws are the Huisvestingswet 2014 (Markdown) and the
extract of the Wmo 2015 (PDF) under bench/data (public domain).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisbank.answer.lists import breaks_off, continues_list, cut_off, item_kind, opens_list
from kennisbank.ingest.chunking import chunk_document
from kennisbank.ingest.readers import read_document
from kennisbank.models import Hit
from kennisbank.service import KnowledgeBase
from tests.kennisbank.conftest import LAW, WMO


def _article(path: Path, section: str) -> list[Hit]:
    """The passages of one article as the indexer cuts them, in document order."""
    chunks = chunk_document(read_document(path, 50_000_000), str(path))
    return [
        Hit(id=c.id, source=c.source, title=c.title, section=c.section, text=c.text, score=0.0)
        for c in chunks
        if c.section == section
    ]


def test_a_lead_and_its_items_in_separate_passages_are_linked_by_their_structure() -> None:
    passages = _article(LAW, "Artikel 35")
    lead = next(p for p in passages if p.text.rstrip().endswith("ten hoogste:"))
    first, second = passages[passages.index(lead) + 1 : passages.index(lead) + 3]
    assert item_kind(first.text) == "letter" and opens_list(lead.text)
    assert continues_list(lead, first) and continues_list(first, second)  # 'a. …, en' goes on with 'b. …'
    assert not opens_list(first.text)  # items only: the lead is in the passage before
    other = _article(LAW, "Artikel 8")[0]
    assert not continues_list(lead, other)  # another article never continues a list


def test_a_sentence_cut_by_a_page_break_is_finished_by_the_next_passage() -> None:
    passages = _article(WMO, "Artikel 1.1.1")
    cut = next(p for p in passages if "– mantelzorg:" in p.text)
    rest = passages[passages.index(cut) + 1]
    assert breaks_off(cut.text) and cut_off(cut.text, rest.text)
    assert continues_list(cut, rest)
    assert not cut_off(rest.text, passages[passages.index(rest) + 1].text)  # '…beroep;' closes a clause


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("Wat bedraagt de bestuurlijke boete ten hoogste?", ["a. het bedrag dat is vastgesteld voor de eerste categorie", "b. het bedrag dat is vastgesteld voor de vierde categorie"]),
        ("Welke bestuurlijke boete kan het college ten hoogste opleggen voor bewoning zonder vergunning?", ["voor de eerste categorie"]),
    ],
)
def test_a_quoted_lead_brings_its_items_from_the_next_passages(law_base: KnowledgeBase, question: str, items: list[str]) -> None:
    response = law_base.search(question, k=5)
    assert response.answer is not None, response.note
    assert "bedraagt ten hoogste:" in response.answer, response.answer
    for item in items:
        assert item in response.answer, response.answer
    # the lead comes before its items, and every quoted sentence is text of the passage it cites
    assert response.answer.index("bedraagt ten hoogste:") < response.answer.index(items[0])
    by_id = {hit.id: hit for hit in response.results}
    assert all(sentence.text in by_id[sentence.hit_id].text for sentence in response.answer_sentences)


@pytest.mark.slow
def test_a_list_of_reasons_to_refuse_is_quoted_with_its_items(wmo_base: KnowledgeBase) -> None:
    response = wmo_base.search("Om welke redenen mag het college een persoonsgebonden budget weigeren?", k=5)
    assert response.answer is not None, response.note
    assert "Het college kan een persoonsgebonden budget weigeren: a. voor zover de kosten" in response.answer, response.answer


@pytest.mark.slow
def test_a_definition_cut_by_a_page_break_is_quoted_whole(wmo_base: KnowledgeBase) -> None:
    response = wmo_base.search("Wat is mantelzorg volgens de wet?", k=5)
    assert response.answer is not None, response.note
    assert "– mantelzorg: hulp" in response.answer and "tussen personen bestaande sociale relatie" in response.answer, response.answer
