"""Real files for the reader and indexer tests, generated with the libraries a user's tools would use."""

from __future__ import annotations

from pathlib import Path

PDF_PAGE_1 = (
    "De Stadsregio Parkstad Limburg werkt met zeven gemeenten aan de huisvesting van aandachtsgroepen. "
    "Heerlen en Kerkrade nemen het voortouw bij de pilot met begeleid wonen in de wijk Meezenbroek."
)
PDF_PAGE_2 = (
    "De proefwoningen in Meezenbroek worden in het voorjaar opgeleverd. "
    "Brunssum en Landgraaf volgen met een eigen pilot voor jongeren die uit de jeugdzorg komen."
)
DOCX_TEXT = (
    "Leidschendam-Voorburg en Zoetermeer spreken af om elk jaar veertig woningen te reserveren voor "
    "uitstromers uit de maatschappelijke opvang. De afspraak heet het Haaglands uitstroomconvenant."
)
CP1252_TEXT = (
    "Overzicht café-overleg\n\n"
    "Het café-overleg in Enschede bespreekt de financiële ruimte voor beschermd wonen; de coördinator "
    "noemt het budget ‘ruim voldoende’ en de wachtlijst “beheersbaar”.\n"
)
HTML_TEXT = """<!doctype html><html><head><title>Nieuwsbrief Groningen</title><script>var x = 1;</script></head>
<body><nav>menu</nav><h1>Nieuwsbrief Groningen</h1><h2>Skaeve huse</h2>
<p>In het Westerkwartier komen zes skaeve huse voor mensen die moeilijk in een gewone wijk wonen.</p>
<ul><li>Oplevering in het najaar.</li></ul><footer>voettekst</footer></body></html>"""


def make_pdf(path: Path) -> Path:
    """A two-page PDF with a heading on each page (fpdf2)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for heading, text in (("Pilot begeleid wonen", PDF_PAGE_1), ("Planning en vervolg", PDF_PAGE_2)):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"{heading}\n\n{text}")
    pdf.output(str(path))
    return path


def make_encrypted_pdf(path: Path, source: Path) -> Path:
    """The same PDF locked with a user password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt("geheim", algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def make_docx(path: Path) -> Path:
    """A Word file with a title, a heading and a paragraph (python-docx)."""
    from docx import Document

    document = Document()
    document.add_heading("Uitstroom Haaglanden", level=0)
    document.add_heading("Afspraken over uitstroom", level=1)
    document.add_paragraph(DOCX_TEXT)
    document.save(str(path))
    return path


def make_all(folder: Path) -> dict[str, Path]:
    """Every kind of good and bad input, by name."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "pdf": make_pdf(folder / "pilot.pdf"),
        "docx": make_docx(folder / "uitstroom.docx"),
        "cp1252": folder / "cafe.txt",
        "html": folder / "nieuwsbrief.html",
        "corrupt": folder / "kapot.pdf",
        "empty": folder / "leeg.txt",
        "binary": folder / "binair.txt",
    }
    files["cp1252"].write_bytes(CP1252_TEXT.encode("cp1252"))
    files["html"].write_text(HTML_TEXT, encoding="utf-8")
    files["corrupt"].write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf at all\n")
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["locked"] = make_encrypted_pdf(folder / "beveiligd.pdf", files["pdf"])
    return files
