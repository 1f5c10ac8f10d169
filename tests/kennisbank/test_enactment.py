"""The enactment formulae of a law (kennisbank.answer.enactment): the King's opening and closing words are told from
the articles by their grammar (the royal 'Wij', the colon that ends the opening, the command to publish). The law is
the real Huisvestingswet 2014 under bench/data, cut as the index cuts it; the decree's opening is written for this file
in the form every Dutch decree takes."""

from __future__ import annotations

from kennisbank.answer.enactment import formula_spans, only_formula, royal
from kennisbank.ingest.chunking import chunk_document
from kennisbank.ingest.readers import read_document
from kennisbank.ingest.sentences import sentence_spans
from tests.kennisbank.conftest import LAW


def _sentences(text: str, spans: set[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in sorted(spans)]


def test_the_opening_and_closing_of_a_law_are_formulae_and_its_articles_are_not() -> None:
    chunks = chunk_document(read_document(LAW, 10**8), "wet")
    formula = [chunk for chunk in chunks if formula_spans(chunk.text)]
    opening = [chunk for chunk in formula if not chunk.section]
    assert opening and all(only_formula(chunk.text) for chunk in opening)
    assert any("Zo is het, dat Wij" in chunk.text for chunk in opening)
    assert any("saluut! doen te weten:" in chunk.text for chunk in opening)  # after the King's title, up to the colon
    closing = [chunk for chunk in formula if chunk.section]
    assert [chunk.section for chunk in closing] == ["Artikel 54"]
    quoted = _sentences(closing[0].text, formula_spans(closing[0].text))
    assert quoted[0].startswith("Lasten en bevelen")
    assert not only_formula(closing[0].text)  # 'Deze wet wordt aangehaald als: …' is the article itself
    assert not any(only_formula(chunk.text) for chunk in chunks if chunk.section.startswith("Artikel"))


def test_a_decrees_opening_runs_to_its_colon() -> None:
    text = (
        "Wij Beatrix, bij de gratie Gods, Koningin der Nederlanden, Prinses van Oranje-Nassau, enz. enz. enz.\n\n"
        "Op de voordracht van Onze Minister van Binnenlandse Zaken van 3 maart 2010;\n\n"
        "Gelet op artikel 12 van de Woningwet;\n\n"
        "Hebben goedgevonden en verstaan:\n\n"
        "Onder woonwagen wordt verstaan een voor bewoning bestemd gebouw dat op een standplaats staat."
    )
    spans = sentence_spans(text)
    formula = formula_spans(text)
    assert len(formula) == len(spans) - 1
    assert _sentences(text, set(spans) - formula) == ["Onder woonwagen wordt verstaan een voor bewoning bestemd gebouw dat op een standplaats staat."]


def test_the_royal_we_is_told_from_ordinary_text() -> None:
    assert royal("Alzo Wij in overweging genomen hebben, dat het wenselijk is nieuwe regels te stellen;")
    assert royal("Wij Willem-Alexander, bij de gratie Gods, Koning der Nederlanden")
    assert not royal("Wij willen dat iedere gemeente haar deel van de opgave huisvest.")
    assert not royal("Onze Minister zendt binnen vijf jaar een verslag aan de Staten-Generaal.")
    assert not royal("In de regio zeggen wij: eerst wonen, dan de rest.")
