"""Readers on real generated files: PDF pages, Word headings, cp1252 text, HTML, and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisbank.ingest.readers import ReadError, read_document
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


# --------------------------------------------------------------------------- issue 10: what real folders hold

TEXT = "Het café-overleg in Enschede bespreekt de “wachtlijst” voor beschermd wonen."


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""), ("cp1252", b"")],
)
def test_text_encodings_windows_and_mac_tools_write(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "notitie.txt"
    path.write_bytes(prefix + f"Overleg\r\n\r\n{TEXT}\r\n".encode(encoding))
    document = read_document(path, LIMIT)
    assert document.title == "Overleg"
    assert [b.text for b in document.blocks] == [TEXT]


def test_latin1_bytes_that_windows_1252_leaves_undefined(tmp_path: Path) -> None:
    path = tmp_path / "oud.txt"
    path.write_bytes("Oud bestand\n\nDe coördinator, één regel.".encode("latin-1") + b" \x81\x8d.\n")
    document = read_document(path, LIMIT)
    assert document.blocks[0].text.startswith("De coördinator, één regel.")


def test_utf8_bom_before_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "kaart.md"
    path.write_bytes(b"\xef\xbb\xbf---\ntitel: Met BOM\npeildatum: 2024-2-3\n---\n\nTekst over de opgave.\n")
    document = read_document(path, LIMIT)
    assert (document.title, document.reference_date) == ("Met BOM", "2024-02-03")


@pytest.mark.parametrize("content", [bytes(range(256)) * 8, b"\x01\x02\x03\x04abc" * 500])
def test_real_binary_is_refused_as_binary(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match="binair bestand"):
        read_document(path, LIMIT)


def test_front_matter_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    from tests.kennisbank.messy import ALIAS_BOMB

    path = tmp_path / "bom.md"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert len(ALIAS_BOMB) < 500
    with pytest.raises(ReadError, match="YAML-verwijzingen"):
        read_document(path, LIMIT)


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("peildatum: 2024-13-45", "ongeldige datum '2024-13-45'"),
        ("date: 2023-02-30", "ongeldige datum '2023-02-30'"),
        ("titel: [onaf", "ongeldige front matter"),
        ("titel: " + "[" * 5000 + "]" * 5000, "ongeldige front matter"),
        ("titel: !!python/object:os.system ls", "ongeldige front matter"),
    ],
)
def test_bad_front_matter_is_a_skip_with_a_reason(tmp_path: Path, front: str, reason: str) -> None:
    path = tmp_path / "kaart.md"
    path.write_text(f"---\n{front}\n---\n\nTekst.\n", encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        read_document(path, LIMIT)
    assert reason in caught.value.reason


def test_front_matter_fields_are_capped(tmp_path: Path) -> None:
    from kennisbank.ingest.readers import MAX_FIELD_CHARS

    path = tmp_path / "kaart.md"
    path.write_text(f"---\ntitel: {'lang ' * 5000}\nregio: {'x' * 1000}\npeildatum: oktober 2022\n---\n\nTekst.\n")
    document = read_document(path, LIMIT)
    assert len(document.title) == MAX_FIELD_CHARS and document.title.endswith("…")
    assert document.region is not None and len(document.region) <= MAX_FIELD_CHARS
    assert document.reference_date == "oktober 2022"


def test_front_matter_too_long_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kaart.md"
    path.write_text("---\n" + "".join(f"veld{n}: waarde\n" for n in range(10_000)) + "---\n\nTekst.\n")
    with pytest.raises(ReadError, match="front matter te lang"):
        read_document(path, LIMIT)


def test_damaged_office_and_pdf_files_are_skips_not_crashes(tmp_path: Path, files: dict[str, Path]) -> None:
    from tests.kennisbank.messy import _pdf_with_filter, _rewrite_member, _scanned_pdf

    broken_xml = tmp_path / "kapotte xml.docx"
    _rewrite_member(files["docx"], broken_xml, "word/document.xml", lambda data: data[: len(data) // 2])
    raw = bytearray(files["docx"].read_bytes())
    position = raw.find(b"word/document.xml") + 60
    raw[position : position + 40] = bytes(40)
    damaged_zip = tmp_path / "beschadigd.docx"
    damaged_zip.write_bytes(bytes(raw))
    truncated = tmp_path / "afgebroken.pdf"
    truncated.write_bytes(files["pdf"].read_bytes()[:600])
    unknown_filter = tmp_path / "filter.pdf"
    _pdf_with_filter(unknown_filter)
    scan = tmp_path / "scan.pdf"
    _scanned_pdf(scan)
    expected = {
        broken_xml: "beschadigd Word-bestand (XMLSyntaxError)",
        damaged_zip: "beschadigd Word-bestand",
        truncated: "beschadigd of geen geldige PDF",
        unknown_filter: "beschadigd of geen geldige PDF (NotImplementedError)",
        scan: "geen tekstlaag; OCR is nodig",
    }
    for path, reason in expected.items():
        with pytest.raises(ReadError) as caught:
            read_document(path, LIMIT)
        assert reason in caught.value.reason, (path.name, caught.value.reason)


def test_every_supported_suffix_has_a_reader() -> None:
    from kennisbank.ingest.readers import READERS, SUPPORTED_SUFFIXES

    assert set(SUPPORTED_SUFFIXES) == set(READERS) >= {".md", ".txt", ".pdf", ".docx", ".html"}


def test_aliases_in_front_matter_reach_the_model_and_the_word_index_but_not_the_quotes() -> None:
    from kennisbank.ingest.chunking import chunk_document
    from kennisbank.ingest.readers import read_markdown

    text = "---\ntitel: Vereniging\naliassen: [VGG, VVG, Vereniging van Groninger Gemeenten]\n---\n\n## Aanpak\n\nDe vereniging deelt kennis tussen de tien gemeenten.\n"
    document = read_markdown(text, "x")
    assert document.aliases == ["VGG", "VVG", "Vereniging van Groninger Gemeenten"]
    chunk = chunk_document(document, "x.md")[0]
    assert "VGG" in chunk.embedding_text() and "VGG" not in chunk.text
    assert chunk.metadata()["aliases"] == "VGG, VVG, Vereniging van Groninger Gemeenten"
