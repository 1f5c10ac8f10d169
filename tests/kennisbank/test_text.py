"""Sentences, chunks, regions and the lexical index: the text handling that needs no model."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kennisbank.ingest.chunking import MAX_CHARS, chunk_document
from kennisbank.ingest.readers import Block, Document, read_markdown
from kennisbank.ingest.sentences import is_citation, split_sentences
from kennisbank.regions import canonical_region, detect_region
from kennisbank.search.lexical import LexicalIndex


def test_sentences_respect_dutch_abbreviations_numbers_and_urls() -> None:
    text = (
        "Het programma ging op 11 mei 2022 (Kamerstuk 32 847, nr. 883) naar de Kamer. "
        "Er komen o.a. 20.000 woningen bij, bijv. in Arnhem. "
        "Zie https://www.platform31.nl/artikelen/een-thuis-voor-iedereen/ voor meer. "
        "J. de Vries was erbij! Waarom? Dat is onbekend."
    )
    assert split_sentences(text) == [
        "Het programma ging op 11 mei 2022 (Kamerstuk 32 847, nr. 883) naar de Kamer.",
        "Er komen o.a. 20.000 woningen bij, bijv. in Arnhem.",
        "Zie https://www.platform31.nl/artikelen/een-thuis-voor-iedereen/ voor meer.",
        "J. de Vries was erbij!",
        "Waarom?",
        "Dat is onbekend.",
    ]


def test_list_items_are_separate_sentences() -> None:
    text = "Het programma noemt:\n- statushouders;\n- studenten;\n- ouderen."
    assert split_sentences(text) == ["Het programma noemt:", "- statushouders;", "- studenten;", "- ouderen."]


def test_citation_notes_are_recognised() -> None:
    assert is_citation("(Bron: Platform31, 4-10-2022, https://www.platform31.nl/x)")
    assert is_citation("(Bronnen: https://a.nl; https://b.nl)")
    assert not is_citation("De MRA ziet voor zichzelf een ondersteunende rol.")


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=30).map(lambda ws: " ".join(ws).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=8))
def test_chunks_never_cut_a_sentence(paragraphs: list[str]) -> None:
    document = Document(title="T", blocks=[])
    offset = 0
    for paragraph in paragraphs:
        document.blocks.append(Block(text=paragraph, section="S", start=offset, end=offset + len(paragraph)))
        offset += len(paragraph) + 2
    chunks = chunk_document(document, "x.md")
    chunk_sentences = [s for chunk in chunks for s in split_sentences(chunk.text)]
    original = [s for paragraph in paragraphs for s in split_sentences(paragraph)]
    assert chunk_sentences == original
    longest_sentence = max(len(s) for s in original)
    assert all(len(c.text) <= max(MAX_CHARS, longest_sentence) + 2 for c in chunks)


def test_markdown_cards_follow_headings_and_keep_metadata() -> None:
    card = (
        "---\ntitel: Koploper Parkstad\nregio: Stadsregio Parkstad Limburg\n"
        "bron: Platform31, https://www.platform31.nl/artikel (4-10-2022)\npeildatum: 2022-10-04\n---\n\n"
        "## Wie doen er mee?\n\nZeven gemeenten doen mee aan de Stadsregio Parkstad Limburg en werken samen "
        "aan de huisvesting van aandachtsgroepen in de regio, van Heerlen tot Simpelveld en Voerendaal.\n\n"
        "## Wat wil de regio?\n\nMeer aandacht voor zorg, ondersteuning en sociale huisvesting van "
        "aandachtsgroepen, zodat niemand tussen wal en schip valt in de Limburgse gemeenten van Parkstad.\n"
    )
    document = read_markdown(card, "parkstad")
    chunks = chunk_document(document, "bronnen/parkstad.md")
    assert [c.section for c in chunks] == ["Wie doen er mee?", "Wat wil de regio?"]
    first = chunks[0]
    assert first.title == "Koploper Parkstad"
    assert first.region == "Stadsregio Parkstad Limburg"
    assert first.source_url == "https://www.platform31.nl/artikel"
    assert first.reference_date == "2022-10-04"
    assert card[first.start : first.end] == first.text
    # stable ids: the same text gives the same id, other text another
    again = chunk_document(read_markdown(card, "parkstad"), "bronnen/parkstad.md")
    assert [c.id for c in again] == [c.id for c in chunks]
    edited = chunk_document(read_markdown(card.replace("Zeven", "Acht"), "parkstad"), "bronnen/parkstad.md")
    assert edited[0].id != chunks[0].id and edited[1].id == chunks[1].id


def test_regions_from_aliases_and_municipality_names() -> None:
    assert canonical_region("MRA") == "Metropoolregio Amsterdam"
    assert canonical_region("parkstad") == "Stadsregio Parkstad Limburg"
    assert canonical_region("Arnhem Nijmegen") == "Groene Metropoolregio Arnhem-Nijmegen"
    assert canonical_region("algemeen") == "algemeen"
    assert canonical_region("Utrecht") is None
    assert detect_region("In Zoetermeer en Westland werken de gemeenten samen.") == "Regio Haaglanden"
    assert detect_region("Borne, Hengelo en Losser doen mee.") == "Regio Enschede"
    assert detect_region("Een tekst zonder plaatsnamen.") is None


CORPUS = [
    "De regio stelt een woonzorgvisie op voor alle gemeenten.",
    "De huisvestingsopgave voor aandachtsgroepen wordt eerlijk verdeeld.",
    "Het corporatiebezit verschilt sterk per gemeente.",
    "Het bezit van woningcorporaties en de opgave voor huisvesting van studenten.",
    "Woningen voor ouderen en zorg aan huis.",
    "De visie op woonruimteverdeling.",
]


def _best(index: LexicalIndex, query: str) -> str:
    scores = index.scores(query)
    return CORPUS[int(scores.argmax())]


def test_lexical_search_handles_dutch_compounds() -> None:
    index = LexicalIndex(CORPUS)
    assert _best(index, "woonzorg visie") == CORPUS[0]
    assert _best(index, "huisvestingsopgave") == CORPUS[1]
    assert index.scores("opgave huisvesting")[1] > 0
    assert _best(index, "bezit corporaties") in (CORPUS[2], CORPUS[3])
    assert index.scores("bezit corporatie")[2] > 0
    assert index.scores("erwtensoep").max() == 0


def test_lexical_stemming_and_stopwords() -> None:
    index = LexicalIndex(CORPUS)
    assert _best(index, "Welke gemeente heeft een woonzorgvisie?") == CORPUS[0]
    assert index.query_terms("wat is de het een") == []
    assert index.coverage("Wie is de trainer van Ajax?") == 0.0
    assert index.coverage("woonzorgvisie gemeenten") == 1.0
    assert re.fullmatch(r"[a-z]+", index.query_terms("Woningen")[0])
