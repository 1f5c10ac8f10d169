"""A generated office folder: 200 files of which a tenth is broken in the ways real shared drives are.

`make_messy_folder(folder, outside)` writes the files and returns what a correct indexer must do with
each: the good ones (relative path → a word only that file contains) and the bad ones (relative path →
a fragment of the Dutch reason). Links point to `outside`, a folder next to it that must never enter the
index. Everything is made with the tools a user's software would use (fpdf2, python-docx, zipfile).
"""

from __future__ import annotations

import codecs
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD_FILES = 177
"""With 2 odd good files, the file without read rights and 20 broken ones: 200 entries."""
BIG_FILE_MB = 50


@dataclass
class MessyFolder:
    """The folder and the expected outcome per file (paths relative to `folder`)."""

    folder: Path
    outside: Path
    good: dict[str, str] = field(default_factory=dict)
    bad: dict[str, str] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)
    long_title: str = ""


def _sentence(number: int) -> tuple[str, str]:
    """A paragraph with a word that occurs in no other file (the file's marker)."""
    marker = f"kenmerk{number:03d}q"
    text = (
        f"De werkgroep {marker} bespreekt de huisvesting van statushouders en de uitstroom uit de "
        f"maatschappelijke opvang; afspraak nummer {number} geldt tot het einde van het jaar."
    )
    return marker, text


def _pdf(path: Path, title: str, text: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 6, f"{title}\n\n{text}")
    pdf.output(str(path))


def _docx(path: Path, title: str, text: str) -> None:
    from docx import Document

    document = Document()
    document.add_heading(title, level=0)
    document.add_paragraph(text)
    document.save(str(path))


def _pdf_with_filter(path: Path) -> None:
    """A well-formed PDF whose page stream uses a filter no reader implements."""
    content = b"BT /F1 12 Tf 72 712 Td (Tekst achter een onbekend filter) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /OnbekendDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def _scanned_pdf(path: Path) -> None:
    """A page that is only an image, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).text((10, 10), "Gescande brief over huisvesting", fill="black")
    picture = path.with_suffix(".png")
    image.save(picture)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(picture), x=10, y=10, w=180)
    pdf.output(str(path))
    picture.unlink()


def _rewrite_member(source: Path, target: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            copy.writestr(item, change(data) if item.filename == member else data)


ALIAS_BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    + "titel: *i\n---\n\nDe tekst onder de bom.\n"
)


def make_messy_folder(folder: Path, outside: Path) -> MessyFolder:
    """Write 200 files (180 good, 20 broken) plus hidden files and a good link; return what to expect."""
    generator = random.Random(10)
    folder.mkdir(parents=True)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "geheim.txt").write_text("Geheime notitie buiten de map: wachtwoord hunter2.\n", encoding="utf-8")
    (outside / "geheimen").mkdir(exist_ok=True)
    (outside / "geheimen" / "lijst.md").write_text("# Lijst\n\nNiet voor de kennisbank.\n", encoding="utf-8")
    result = MessyFolder(folder=folder, outside=outside)
    subfolders = ["", "Beleid", "Beleid/2024", "Verslagen", "Oude stukken/Archief ë"]
    for name in subfolders:
        (folder / name).mkdir(parents=True, exist_ok=True)

    kinds = ["md", "txt", "txt-bom", "txt-utf16", "txt-cp1252", "html", "docx", "pdf"]
    for number in range(GOOD_FILES):
        kind = kinds[number % len(kinds)]
        marker, text = _sentence(number)
        title = f"Notitie {number} café overleg"
        where = subfolders[number % len(subfolders)]
        stem = f"notitie {number:03d} – café" if number % 7 == 0 else f"notitie-{number:03d}"
        suffix = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "md": ".md"}.get(kind, ".txt")
        relative = f"{where}/{stem}{suffix}".lstrip("/")
        path = folder / relative
        if kind == "md":
            path.write_text(f"---\ntitel: {title}\npeildatum: 2024-0{1 + number % 9}-1{number % 10}\n---\n\n{text}\n", encoding="utf-8")
        elif kind == "txt":
            path.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        elif kind == "txt-bom":
            path.write_bytes(codecs.BOM_UTF8 + f"{title}\n\n{text}\n".encode())
        elif kind == "txt-utf16":
            path.write_bytes(f"{title}\r\n\r\n{text} Windows “Unicode”.\r\n".encode("utf-16"))
        elif kind == "txt-cp1252":
            path.write_bytes(f"{title}\n\n{text} De coördinator noemt het ‘ruim’.\n".encode("cp1252"))
        elif kind == "html":
            path.write_text(f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>", encoding="utf-8")
        elif kind == "docx":
            _docx(path, title, text)
        else:
            _pdf(path, title.replace("é", "e"), text)
        result.good[relative] = marker

    # one good file with a title far too long, one with a 300 KB unbroken token
    result.long_title = "Titel " + "zeer lang " * 2000
    (folder / "lange titel.md").write_text(f"---\ntitel: {result.long_title}\n---\n\nDe tekst met een kenmerklangq.\n", encoding="utf-8")
    result.good["lange titel.md"] = "kenmerklangq"
    hex_dump = "".join(generator.choice("0123456789abcdef") for _ in range(300_000))
    (folder / "Verslagen" / "hexdump.txt").write_text(f"Logboek\n\nDe sleutel kenmerkhexq is {hex_dump} volgens het logboek. Daarna volgt het verslag.\n", encoding="utf-8")
    result.good["Verslagen/hexdump.txt"] = "kenmerkhexq"

    # a link inside the folder to a file inside it: the file is indexed once, under its own name
    target = next(name for name in result.good if name.startswith("Beleid/2024/"))
    (folder / f"snelkoppeling{Path(target).suffix}").symlink_to(folder / target)
    good_docx = folder / next(name for name in result.good if name.endswith(".docx"))
    bad = result.bad

    _rewrite_member(good_docx, folder / "Beleid" / "kapotte xml.docx", "word/document.xml", lambda d: d[: len(d) // 2])
    bad["Beleid/kapotte xml.docx"] = "beschadigd Word-bestand"
    raw = bytearray(good_docx.read_bytes())
    position = raw.find(b"word/document.xml") + 60
    raw[position : position + 40] = bytes(40)
    (folder / "Beleid" / "beschadigde zip.docx").write_bytes(bytes(raw))
    bad["Beleid/beschadigde zip.docx"] = "beschadigd"
    _pdf_with_filter(folder / "onbekend filter.pdf")
    bad["onbekend filter.pdf"] = "PDF"
    (folder / "foute datum.md").write_text("---\ntitel: Foute datum\npeildatum: 2024-13-45\n---\n\nTekst.\n", encoding="utf-8")
    bad["foute datum.md"] = "ongeldige datum '2024-13-45'"
    (folder / "bom.md").write_text(ALIAS_BOMB, encoding="utf-8")
    bad["bom.md"] = "YAML-verwijzingen"
    (folder / "diep.md").write_text("---\ntitel: " + "[" * 5000 + "]" * 5000 + "\n---\n\nTekst.\n", encoding="utf-8")
    bad["diep.md"] = "ongeldige front matter"
    good_pdf = folder / next(name for name in result.good if name.endswith(".pdf"))
    (folder / "afgebroken.pdf").write_bytes(good_pdf.read_bytes()[:600])
    bad["afgebroken.pdf"] = "PDF"
    (folder / "leeg.txt").write_bytes(b"")
    bad["leeg.txt"] = "leeg"
    (folder / "ruis.pdf").write_bytes(generator.randbytes(4000))
    bad["ruis.pdf"] = "PDF"
    (folder / "ruis.docx").write_bytes(generator.randbytes(4000))
    bad["ruis.docx"] = "geen geldig Word-bestand"
    (folder / "ruis.txt").write_bytes(generator.randbytes(4000))
    bad["ruis.txt"] = "binair"
    with open(folder / "Verslagen" / "groot.txt", "wb") as handle:
        handle.truncate(BIG_FILE_MB * 2**20 + 1)  # sparse: 50 MB on paper, nothing on disk
    bad["Verslagen/groot.txt"] = "te groot"
    _scanned_pdf(folder / "Verslagen" / "scan brief.pdf")
    bad["Verslagen/scan brief.pdf"] = "geen tekstlaag; OCR is nodig"
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(good_pdf)))
    writer.encrypt("geheim", algorithm="RC4-128")
    with open(folder / "beveiligd.pdf", "wb") as handle:
        writer.write(handle)
    bad["beveiligd.pdf"] = "wachtwoord"
    (folder / "oud.doc").write_bytes(b"\xd0\xcf\x11\xe0" + generator.randbytes(1000))
    bad["oud.doc"] = "niet ondersteund"
    (folder / "wachtwoorden.txt").symlink_to(outside / "geheim.txt")
    bad["wachtwoorden.txt"] = "buiten de map"
    (folder / "Beleid" / "gedeeld").symlink_to(outside / "geheimen", target_is_directory=True)
    bad["Beleid/gedeeld"] = "buiten de map"
    (folder / "Verslagen" / "terug").symlink_to(folder, target_is_directory=True)
    bad["Verslagen/terug"] = "kring"
    (folder / "weg.md").symlink_to(folder / "bestaat-niet.md")
    bad["weg.md"] = "nergens heen"
    os.mkfifo(folder / "pijp.txt")
    bad["pijp.txt"] = "geen gewoon bestand"

    # a good file nobody may read: as root (no user namespace) it stays readable and is indexed
    locked = folder / "Verslagen" / "afgeschermd.txt"
    locked.write_text("Afgeschermd\n\nDe notitie kenmerkslotq over de wachtlijst.\n", encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        result.good["Verslagen/afgeschermd.txt"] = "kenmerkslotq"
    else:
        bad["Verslagen/afgeschermd.txt"] = "geen leesrechten"

    # hidden files and folders: neither indexed nor reported
    (folder / ".verborgen.md").write_text("# Verborgen\n\nNiet indexeren.\n", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "notities.md").write_text("# Git\n\nNiet indexeren.\n", encoding="utf-8")
    result.hidden = [".verborgen.md", ".git/notities.md"]
    return result
