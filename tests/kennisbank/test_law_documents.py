"""Documents users really have: a law in Markdown, a PDF with bookmarks, a Word file with heading styles.

Laws are structured (Hoofdstuk, Artikel, lid, onderdeel): each article is a section, a PDF's bookmarks are
its headings, a member or part of an article is its own paragraph, and a sentence that defines the term a
question asks about is recognised (it weighs more when the answer is chosen). The law used is the Huisvestingswet 2014 under bench/data (public domain).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kennisbank.answer.question_kinds import defined_term, defines, defines_formally
from kennisbank.ingest.readers import read_docx, read_pdf
from kennisbank.service import KnowledgeBase
from tests.kennisbank.conftest import LAW


def test_a_pdf_bookmark_is_a_heading_and_a_member_of_an_article_its_own_paragraph(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.start_section("Voorbeeldwet")
    pdf.multi_cell(0, 6, "Voorbeeldwet", new_x="LMARGIN", new_y="NEXT")
    for article, members in (("Artikel 1", ("1. Het college beslist binnen  acht weken.", "2. De raad stelt regels.")),
                             ("Artikel 2", ("1. Onder woonruimte wordt verstaan: een besloten ruimte.",))):
        pdf.start_section(article, level=1)
        pdf.multi_cell(0, 6, article, new_x="LMARGIN", new_y="NEXT")
        for member in members:
            pdf.multi_cell(0, 6, member, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "wet.pdf"
    pdf.output(str(path))
    document = read_pdf(path)
    sections = {block.text: block.section for block in document.blocks}
    assert sections["1. Het college beslist binnen acht weken."] == "Artikel 1"  # runs of spaces read as one
    assert sections["2. De raad stelt regels."] == "Artikel 1"
    assert sections["1. Onder woonruimte wordt verstaan: een besloten ruimte."] == "Artikel 2"


def test_a_word_file_without_a_title_is_named_by_its_first_heading(tmp_path: Path) -> None:
    from docx import Document

    word = Document()
    word.core_properties.title = ""
    word.add_heading("Beleidsnotitie huisvesting statushouders", level=1)
    word.add_paragraph("De gemeente huisvest statushouders in gewone woningen.")
    path = tmp_path / "notitie-v3-def.docx"
    word.save(str(path))
    assert read_docx(path).title == "Beleidsnotitie huisvesting statushouders"



@pytest.mark.slow
def test_a_users_word_for_the_laws_word_does_not_block_the_answer(law_base: KnowledgeBase) -> None:
    # the law says "gebonden", never "binding"
    assert not law_base.lexical.covers("binding")
    response = law_base.search("Mag een gemeente voorrang geven aan woningzoekenden met binding aan de regio?", k=5)
    assert response.results[0].section == "Artikel 14"  # the law is searched per article
    assert response.answer is not None, response.note
    assert "gebonden" in response.answer


@pytest.mark.parametrize(
    ("question", "term"),
    [("Wat is de wettelijke definitie van woonruimte?", "woonruimte"), ("Wat betekent woningmarktregio?", "woningmarktregio"),
     ("Leg uit wat ze bedoelen met hyperconcentratie", "hyperconcentratie"), ("Wat is de stand van zaken rond de woondeal in Twente?", None)],
)
def test_the_term_a_question_asks_the_meaning_of(question: str, term: str | None) -> None:
    assert defined_term(question) == term


def test_a_definition_is_recognised_in_a_law_and_in_prose() -> None:
    text = LAW.read_text(encoding="utf-8")
    legal = next(line for line in text.splitlines() if line.startswith("i. woonruimte:") or "woonruimte: besloten" in line)
    assert defines("woonruimte", legal)
    assert defines("woningmarktregio", "Een woningmarktregio is een groep gemeenten die samen één woningmarkt vormen.")
    assert not defines("woonruimte", "Het is verboden om woonruimte zonder vergunning in gebruik te nemen.")


@pytest.mark.parametrize(
    ("question", "term"),
    [("Wat verstaat de Huisvestingswet eigenlijk onder een urgentiecategorie?", "urgentiecategorie"),
     ("Wie telt als vergunninghouder volgens de wet?", "vergunninghouder"),
     ("Wat valt er onder een woningmarktregio?", "woningmarktregio"), ("Wat versta ik onder huishoudinkomen?", "huishoudinkomen")],
)
def test_more_ways_of_asking_what_a_term_means(question: str, term: str | None) -> None:
    assert defined_term(question) == term


def test_a_formal_definition_is_told_from_a_sentence_that_opens_with_the_term() -> None:
    assert defines_formally("standplaats", "c. standplaats, zijnde een kavel die is bestemd voor het plaatsen van een woonwagen;")
    assert defines_formally("huishoudinkomen", "a. huishoudinkomen: gezamenlijke verzamelinkomens;")
    assert not defines_formally("maatwerkvoorziening", "De maatwerkvoorziening is, voor zover daartoe aanleiding bestaat, afgestemd op:")
    assert defines("maatwerkvoorziening", "De maatwerkvoorziening is, voor zover daartoe aanleiding bestaat, afgestemd op:")


@pytest.mark.slow
def test_a_term_defined_in_the_users_law_is_found_in_its_definition_article(law_base: KnowledgeBase) -> None:
    # Artikel 1 defines ten terms in one list: none of its passages is near the question in meaning
    response = law_base.search("Wat versta ik onder huishoudinkomen?", k=5)
    assert response.results[0].section == "Artikel 1"
    assert response.answer is not None, response.note
    assert "huishoudinkomen: gezamenlijke verzamelinkomens" in response.answer
    assert response.answer in response.results[0].text or all(s.text in response.results[0].text for s in response.answer_sentences if s.hit_id == response.results[0].id)


@pytest.mark.slow
def test_the_users_law_defines_a_term_before_the_shipped_glossary(law_base: KnowledgeBase) -> None:
    # both the law and the glossary card define it; the law the user added comes first, the card stays in
    response = law_base.search("Wat versta ik onder een taakstelling?", k=5)
    assert response.results[0].source.endswith("huisvestingswet-2014.md"), [h.source for h in response.results]
    assert response.results[0].section == "Artikel 1"
    assert any(hit.source.endswith("begrippenlijst.md") for hit in response.results[:2])
