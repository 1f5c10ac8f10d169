"""Readers on real generated files: PDF pages, Word headings, cp1252 text, HTML, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisbank.readers import ReadError, read_document
from tests.kennisbank.samples import CP1252_TEXT, DOCX_TEXT, PDF_PAGE_1, PDF_PAGE_2, make_all

LIMIT = 10 * 2**20


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_all(tmp_path_factory.mktemp("bestanden"))


def test_pdf_paragraphs_carry_their_page_and_heading(files: dict[str, Path]) -> None:
    document = read_document(files["pdf"], LIMIT)
    assert document.title == "Pilot begeleid wonen"
    assert [(b.page, b.section, b.text) for b in document.blocks] == [
        (1, "", PDF_PAGE_1),
        (2, "Planning en vervolg", PDF_PAGE_2),
    ]


def test_docx_title_and_headings(files: dict[str, Path]) -> None:
    document = read_document(files["docx"], LIMIT)
    assert document.title == "Uitstroom Haaglanden"
    assert [(b.section, b.text) for b in document.blocks] == [("Afspraken over uitstroom", DOCX_TEXT)]


def test_cp1252_text_is_decoded(files: dict[str, Path]) -> None:
    document = read_document(files["cp1252"], LIMIT)
    assert document.title == "Overzicht café-overleg"
    assert document.blocks[0].text == CP1252_TEXT.split("\n\n")[1].strip()
    assert "“beheersbaar”" in document.blocks[0].text


def test_html_without_scripts_and_navigation(files: dict[str, Path]) -> None:
    document = read_document(files["html"], LIMIT)
    assert document.title == "Nieuwsbrief Groningen"
    texts = [b.text for b in document.blocks]
    assert texts == [
        "In het Westerkwartier komen zes skaeve huse voor mensen die moeilijk in een gewone wijk wonen.",
        "Oplevering in het najaar.",
    ]
    assert {b.section for b in document.blocks} == {"Skaeve huse"}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("corrupt", "beschadigd"),
        ("empty", "leeg"),
        ("binary", "binair"),
        ("locked", "wachtwoord"),
    ],
)
def test_bad_files_give_a_dutch_reason(files: dict[str, Path], name: str, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(files[name], LIMIT)
    assert reason in caught.value.reason


def test_too_large_and_unsupported_files(files: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="te groot"):
        read_document(files["pdf"], 100)
    other = tmp_path / "tabel.xlsx"
    other.write_bytes(b"PK\x03\x04")
    with pytest.raises(ReadError, match="niet ondersteund"):
        read_document(other, LIMIT)
