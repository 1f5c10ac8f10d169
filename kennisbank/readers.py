"""Turn a file (.md, .txt, .pdf, .docx, .html) into titled paragraphs under their section headings.

Every reader returns the same `Document`; anything that cannot be read raises `ReadError` with a Dutch
reason, so that the indexer can skip the file and say why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".pdf", ".docx", ".html", ".htm")
_TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
_URL = re.compile(r"https?://[^\s)\]>\"'`*,;]+")


class ReadError(Exception):
    """A file that cannot be indexed; `reason` is the Dutch explanation shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Block:
    """One paragraph (or list, or table row) with the heading it sits under and where it came from."""

    text: str
    section: str
    start: int
    end: int
    page: int | None = None


@dataclass
class Document:
    """A readable file: metadata from front matter or the file itself, and its paragraphs in order."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    region: str | None = None
    source_url: str | None = None
    reference_date: str | None = None


def read_document(path: Path, max_bytes: int) -> Document:
    """Read any supported file; raise ReadError (Dutch reason) for empty, binary, corrupt, locked or huge files."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"bestandstype '{suffix or 'zonder extensie'}' wordt niet ondersteund")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"niet te lezen ({exc.strerror or exc})") from exc
    if size == 0:
        raise ReadError("het bestand is leeg")
    if size > max_bytes:
        raise ReadError(f"te groot ({size / 2**20:.1f} MB; het maximum is {max_bytes / 2**20:.0f} MB)")
    if suffix in _TEXT_SUFFIXES:
        raw = path.read_bytes()
        if b"\x00" in raw[:8192]:
            raise ReadError("binair bestand, geen tekst")
        text = _decode(raw)
        if suffix in (".md", ".markdown"):
            document = read_markdown(text, path.stem)
        elif suffix == ".txt":
            document = read_plain(text, path.stem)
        else:
            document = read_html(text, path.stem)
    elif suffix == ".pdf":
        document = read_pdf(path)
    else:
        document = read_docx(path)
    document.blocks = [b for b in document.blocks if b.text.strip()]
    if not document.blocks:
        raise ReadError("geen tekst gevonden" + (" (gescande PDF zonder tekstlaag?)" if suffix == ".pdf" else ""))
    return document


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first; Windows-1252 for older Dutch files."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadError("onbekende tekenset: geen UTF-8 en geen Windows-1252") from exc


# --------------------------------------------------------------------------- markdown


def _front_matter(text: str) -> tuple[dict[str, object], int]:
    """YAML between leading '---' lines, and the offset where the body starts."""
    if not text.startswith("---"):
        return {}, 0
    match = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.S)
    if not match:
        return {}, 0
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise ReadError(f"ongeldige front matter ({exc.__class__.__name__})") from exc
    return (meta if isinstance(meta, dict) else {}), match.end()


def _first_url(value: object) -> str | None:
    match = _URL.search(str(value or ""))
    return match.group(0).rstrip(".") if match else None


def _date_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_markdown(text: str, fallback_title: str) -> Document:
    """Front matter (titel, regio, bron, peildatum), '#' headings as sections, blank-line paragraphs."""
    meta, body_start = _front_matter(text)
    document = Document(
        title=str(meta.get("titel") or meta.get("title") or ""),
        region=str(meta["regio"]) if meta.get("regio") else None,
        source_url=_first_url(meta.get("bron") or meta.get("source")),
        reference_date=_date_text(meta.get("peildatum") or meta.get("date")),
    )
    section = ""
    for start, end in _paragraph_spans(text, body_start):
        chunk = text[start:end]
        heading = re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", chunk)
        if heading and "\n" not in chunk:
            level, title = len(heading.group(1)), heading.group(2).strip()
            if level == 1 and not document.title:
                document.title = title
            else:
                section = title
            continue
        lines = chunk.split("\n")
        # a heading line directly followed by text without a blank line
        if re.match(r"#{1,6}\s", lines[0]):
            section = re.sub(r"^#{1,6}\s+|\s*#*$", "", lines[0])
            start += len(lines[0]) + 1
            chunk = text[start:end]
        document.blocks.append(Block(text=chunk.strip(), section=section, start=start, end=end))
    document.title = document.title or fallback_title
    return document


def _paragraph_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs of text[offset:]."""
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\s*\n[ \t]*\n|\s*$)", text[offset:], re.S):
        spans.append((offset + match.start(), offset + match.end()))
    return spans


# --------------------------------------------------------------------------- plain text


def _looks_like_heading(line: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= 100
        and not re.search(r"[.,;:!?]$", line)
        and line[0].isupper()
        and len(line.split()) <= 14
    )


def read_plain(text: str, fallback_title: str) -> Document:
    """Blank-line paragraphs; a short line without final punctuation counts as a heading."""
    document = Document(title="")
    section = ""
    for start, end in _paragraph_spans(text):
        chunk = text[start:end]
        if "\n" not in chunk and _looks_like_heading(chunk):
            if not document.title and not document.blocks:
                document.title = chunk.strip()
            else:
                section = chunk.strip()
            continue
        document.blocks.append(Block(text=chunk.strip(), section=section, start=start, end=end))
    document.title = document.title or fallback_title
    return document


# --------------------------------------------------------------------------- PDF


def read_pdf(path: Path) -> Document:
    """Page by page with pypdf; lines are re-joined into paragraphs; page numbers start at 1."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported encryption
                raise ReadError("beveiligd met een wachtwoord") from exc
            if not unlocked:
                raise ReadError("beveiligd met een wachtwoord")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = (reader.metadata.title if reader.metadata else None) or ""
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ReadError(f"beschadigd of geen geldige PDF ({exc.__class__.__name__})") from exc
    document = Document(title=str(info_title).strip())
    section = ""
    offset = 0
    for number, page_text in enumerate(pages, start=1):
        lines = [line.rstrip() for line in page_text.replace("\r", "").split("\n")]
        paragraph: list[str] = []

        def flush() -> None:
            nonlocal paragraph
            if paragraph:
                joined = _join_lines(paragraph)
                document.blocks.append(
                    Block(text=joined, section=section, start=offset, end=offset + len(joined), page=number)
                )
                paragraph = []

        for index, line in enumerate(lines):
            stripped = line.strip()
            if not stripped:
                flush()
                continue
            previous_ends = not paragraph or re.search(r"[.!?:]$", paragraph[-1])
            next_line = next((l.strip() for l in lines[index + 1 :] if l.strip()), "")
            if previous_ends and _looks_like_heading(stripped) and next_line[:1].isupper():
                flush()
                if not document.title:
                    document.title = stripped
                else:
                    section = stripped
                continue
            paragraph.append(stripped)
            if re.search(r"[.!?]$", stripped) and len(stripped) < 50:
                flush()  # a short final line ends the paragraph
        flush()
        offset += len(page_text) + 1
    document.title = document.title or path.stem
    return document


def _join_lines(lines: list[str]) -> str:
    """Undo PDF line wrapping, including words hyphenated across lines."""
    text = ""
    for line in lines:
        if text.endswith("-") and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


# --------------------------------------------------------------------------- Word


def read_docx(path: Path) -> Document:
    """Paragraphs by style: 'Title'/'Titel' gives the title, 'Heading n'/'Kop n' the sections; tables row by row."""
    import zipfile

    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(path):
        raise ReadError("beschadigd of beveiligd met een wachtwoord (geen geldig Word-bestand)")
    try:
        word = open_docx(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"beschadigd Word-bestand ({exc.__class__.__name__})") from exc
    core_title = (word.core_properties.title or "").strip()
    document = Document(title=core_title)
    section = ""
    offset = 0
    for paragraph in word.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.lower() in ("title", "titel"):
            document.title = document.title or text
        elif re.match(r"(heading|kop)\s*\d", style, re.I):
            section = text
        else:
            document.blocks.append(Block(text=text, section=section, start=offset, end=offset + len(text)))
        offset += len(paragraph.text) + 1
    for table in word.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                value = cell.text.strip()
                if value and value not in cells:
                    cells.append(value)
            if cells:
                text = " | ".join(cells)
                document.blocks.append(Block(text=text, section=section, start=offset, end=offset + len(text)))
                offset += len(text) + 1
    document.title = document.title or path.stem
    return document


# --------------------------------------------------------------------------- HTML

_HTML_BLOCKS = ("p", "li", "blockquote", "pre", "dd", "dt", "td", "th", "figcaption")
_HTML_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def read_html(text: str, fallback_title: str) -> Document:
    """Headings h1–h6 as sections, p/li/td… as paragraphs; scripts, styles and navigation dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for element in soup(["script", "style", "nav", "footer", "header", "noscript", "template"]):
        element.decompose()
    title_tag = soup.find("title")
    document = Document(title=title_tag.get_text(" ", strip=True) if title_tag else "")
    section = ""
    offset = 0
    root = soup.body or soup
    for element in root.find_all(list(_HTML_HEADINGS + _HTML_BLOCKS)):
        if element.name in _HTML_BLOCKS and element.find_parent(list(_HTML_BLOCKS)) is not None:
            continue
        value = re.sub(r"\s+", " ", element.get_text(" ", strip=True)).strip()
        if not value:
            continue
        if element.name in _HTML_HEADINGS:
            if element.name == "h1" and not document.title:
                document.title = value
            else:
                section = value
            continue
        document.blocks.append(Block(text=value, section=section, start=offset, end=offset + len(value)))
        offset += len(value) + 1
    if not document.blocks:
        loose = re.sub(r"\s+", " ", root.get_text(" ", strip=True)).strip()
        if loose:
            document.blocks.append(Block(text=loose, section="", start=0, end=len(loose)))
    document.title = document.title or fallback_title
    return document
