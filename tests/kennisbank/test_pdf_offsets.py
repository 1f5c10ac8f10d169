"""Every paragraph of a PDF page starts where it stands on the page, not all at the page's start.

The start orders passages (the word index sorts by source and start) and places a passage in its
document; before, all paragraphs of a page shared the page's start offset.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from kennisbank.ingest.readers import read_document

PARAGRAPHS = (  # short final lines: each ends its paragraph
    "Eerst de uitstroom uit de opvang.",
    "Dan de begeleiding door de corporatie.",
    "Tot slot de wachttijd voor urgenten.",
)


def test_paragraphs_of_one_pdf_page_have_their_own_start(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for _ in range(2):
        pdf.add_page()
        pdf.multi_cell(0, 6, "\n\n".join(PARAGRAPHS))
    path = tmp_path / "alineas.pdf"
    pdf.output(str(path))

    blocks = read_document(path, 10 * 2**20).blocks
    assert [block.text for block in blocks] == list(PARAGRAPHS) * 2
    starts = [block.start for block in blocks]
    assert starts == sorted(set(starts)), starts  # strictly increasing: each paragraph has its own start
    assert all(block.end - block.start == len(block.text) for block in blocks)
    assert all(later.start >= earlier.end for earlier, later in itertools.pairwise(blocks))
