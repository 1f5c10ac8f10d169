"""Turn a file (.md, .txt, .pdf, .docx, .html) into titled paragraphs under their section headings.

Every reader returns the same `Document`; anything that cannot be read raises `ReadError` with a Dutch
reason, so that the indexer can skip the file and say why. Real office folders hold damaged Word files,
scanned PDFs, "Unicode" text from Notepad and exports with odd front matter: `read_document` turns every
failure of the libraries underneath (pypdf, python-docx/lxml, zipfile, YAML, decoding) into a ReadError,
so one bad file never stops a run.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_URL = re.compile(r"https?://[^\s)\]>\"'`*,;]+")
MAX_FRONT_MATTER = 64 * 1024
"""Longest front matter read; real cards need a few hundred bytes."""
MAX_FIELD_CHARS = 300
"""Longest title, region, source or date kept from front matter or file metadata; longer values are cut."""
_BINARY_SHARE = 0.05
"""Share of control characters above which decoded 'text' is treated as binary."""


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
    aliases: list[str] = field(default_factory=list)
    """Other names of the subject (front matter `aliassen`): they help search find the passages but
    are never quoted as an answer."""


def os_error_reason(exc: OSError) -> str:
    """A Dutch reason for a file the system would not let us read (the OS message is English)."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "geen leesrechten voor dit bestand"
    if exc.errno == errno.ENOENT:
        return "bestaat niet (meer)"
    if exc.errno == errno.EISDIR:
        return "is een map, geen bestand"
    if exc.errno in (errno.EIO, errno.ETIMEDOUT, errno.EHOSTDOWN, errno.ENOTCONN, errno.ESTALE):
        return "niet bereikbaar (schijf of netwerkmap gaf een fout)"
    return f"niet te lezen (systeemfout {exc.errno})" if exc.errno else "niet te lezen"


def _cap(value: str) -> str:
    """Cut a metadata value to MAX_FIELD_CHARS so a runaway title cannot bloat the index or the screens."""
    value = re.sub(r"\s+", " ", value).strip()
    return value if len(value) <= MAX_FIELD_CHARS else value[: MAX_FIELD_CHARS - 1].rstrip() + "…"


Reader = Callable[[Path, int], Document]
"""reader(path, max_bytes) -> Document; may raise anything, read_document turns it into a ReadError."""


def read_document(path: Path, max_bytes: int) -> Document:
    """Read any supported file; every failure becomes a ReadError with a Dutch reason, never a crash."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(f"bestandstype '{suffix or 'zonder extensie'}' wordt niet ondersteund")
    try:
        status = path.stat()
    except OSError as exc:
        raise ReadError(os_error_reason(exc)) from exc
    if not path.is_file():
        raise ReadError("geen gewoon bestand (map, apparaat of pijp)")
    if status.st_size == 0:
        raise ReadError("het bestand is leeg")
    if status.st_size > max_bytes:
        raise _too_large(status.st_size, max_bytes)
    try:
        document = reader(path, max_bytes)
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(os_error_reason(exc)) from exc
    except Exception as exc:  # any library failure (lxml, zipfile, pypdf, zlib, recursion, memory) skips the file
        raise ReadError(f"{_DAMAGED.get(suffix, 'beschadigd bestand')} ({_exception_name(exc)})") from exc
    document.blocks = [b for b in document.blocks if b.text.strip()]
    if not document.blocks:
        raise ReadError("geen tekst gevonden")
    return document


def _megabytes(size: int) -> str:
    """'1,5 MB', '50 MB': one decimal, Dutch comma, no ',0'."""
    return f"{size / 2**20:.1f}".replace(".", ",").removesuffix(",0") + " MB"


def _too_large(size: int, limit: int, what: str = "te groot") -> ReadError:
    """Just over the limit must not read as '50 MB; the maximum is 50 MB'."""
    measured = _megabytes(size) if _megabytes(size) != _megabytes(limit) else f"net boven {_megabytes(limit)}"
    return ReadError(f"{what} ({measured}; het maximum is {_megabytes(limit)}, in te stellen met KOPLOPER_MAX_FILE_MB)")


def _exception_name(exc: BaseException) -> str:
    """The exception's class as a hint for support ('XMLSyntaxError', 'zlib.error')."""
    kind = type(exc)
    return f"{kind.__module__}.{kind.__name__}" if kind.__name__.islower() else kind.__name__


# --------------------------------------------------------------------------- text encodings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_text(raw: bytes) -> str:
    """Text as Windows and Mac tools save it: a BOM decides (UTF-8, UTF-16 'Unicode', UTF-32); without
    one UTF-8, then UTF-16 without BOM, then Windows-1252 (Latin-1 for its five unused bytes). Line
    ends become '\\n' so that paragraphs split the same whatever system wrote the file.

    Bytes that decode only to control characters are binary, whatever the file is called.
    """
    for bom, encoding, label in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(f"beschadigde {label}-tekst (ongeldige bytes op positie {exc.start})") from exc
            break
    else:
        maybe: str | None = _bomless_utf16(raw) if b"\x00" in raw[:8192] else None
        if maybe is not None:
            text = maybe
        elif b"\x00" in raw[:8192]:
            raise ReadError("binair bestand, geen tekst")
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = raw.decode("cp1252")
                except UnicodeDecodeError:
                    text = raw.decode("latin-1")
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > _BINARY_SHARE * len(sample):
        raise ReadError("binair bestand, geen tekst")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends


def _bomless_utf16(raw: bytes) -> str | None:
    """UTF-16 saved without BOM: nearly every other byte is zero (Latin text); None when it is not that."""
    sample = raw[:8192]
    if len(raw) % 2 or len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) // 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) // 2)
    for zeros, other, encoding in ((odd_zeros, even_zeros, "utf-16-le"), (even_zeros, odd_zeros, "utf-16-be")):
        if zeros > 0.9 and other < 0.02:
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _read_text(path: Path) -> str:
    return decode_text(path.read_bytes())


# --------------------------------------------------------------------------- markdown


class _FrontMatterLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no types: Any to mypy
    """SafeLoader that refuses aliases and keeps dates as text.

    Aliases are what a 'billion laughs' bomb needs (480 bytes expanding to gigabytes) and no real card
    uses them; dates stay text so that '2024-13-45' is our Dutch message instead of a ValueError.
    """

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused()
        return super().compose_node(parent, index)


class _AliasRefused(Exception):
    pass


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter(text: str) -> tuple[dict[str, object], int]:
    """YAML between leading '---' lines, and the offset where the body starts."""
    if not text.startswith("---"):
        return {}, 0
    match = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text[: MAX_FRONT_MATTER + 4096], re.S)
    if not match:
        if re.match(r"---[ \t]*\r?\n", text) and re.search(r"\n---[ \t]*(?:\r?\n|$)", text):
            raise ReadError(f"front matter te lang (meer dan {MAX_FRONT_MATTER // 1024} kB)")
        return {}, 0
    if len(match.group(1)) > MAX_FRONT_MATTER:
        raise ReadError(f"front matter te lang (meer dan {MAX_FRONT_MATTER // 1024} kB)")
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader)
    except _AliasRefused as exc:
        raise ReadError("front matter gebruikt YAML-verwijzingen (* en &); schrijf de waarden uit") from exc
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise ReadError(f"ongeldige front matter ({exc.__class__.__name__})") from exc
    return (meta if isinstance(meta, dict) else {}), match.end()


def _text_field(value: object) -> str | None:
    """A front-matter value as capped text; None when empty."""
    if value is None or value == "":
        return None
    return _cap(str(value)) or None


def _first_url(value: object) -> str | None:
    match = _URL.search(str(value or "")[:MAX_FRONT_MATTER])
    return match.group(0).rstrip(".") if match else None


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ][0-9:.+\-Zz ]*)?")


def _date_text(value: object) -> str | None:
    """A reference date as YYYY-MM-DD; other text ('oktober 2022') kept as written, capped.

    A value that looks like a date but is none (2024-13-45) skips the file with a reason to fix it.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    match = _DATE.fullmatch(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups())).isoformat()
        except ValueError as exc:
            raise ReadError(
                f"ongeldige datum '{_cap(text)[:40]}' in de front matter; schrijf die als JJJJ-MM-DD"
            ) from exc
    return _text_field(text)


MAX_ALIASES = 30


def _aliases(value: object) -> list[str]:
    """The front matter's list of other names, as capped text fields (a single string counts as one)."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    names = [_text_field(item) for item in items[:MAX_ALIASES] if isinstance(item, str | int)]
    return [name for name in names if name]


def read_markdown(text: str, fallback_title: str) -> Document:
    """Front matter (titel, regio, bron, peildatum), '#' headings as sections, blank-line paragraphs."""
    meta, body_start = _front_matter(text)
    document = Document(
        title=_text_field(meta.get("titel") or meta.get("title")) or "",
        region=_text_field(meta.get("regio")),
        source_url=_first_url(meta.get("bron") or meta.get("source")),
        reference_date=_date_text(meta.get("peildatum") or meta.get("date")),
        aliases=_aliases(meta.get("aliassen") or meta.get("aliases")),
    )
    section = ""
    for start, end in _paragraph_spans(text, body_start):
        chunk = text[start:end]
        heading = re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", chunk)
        if heading and "\n" not in chunk:
            level, title = len(heading.group(1)), heading.group(2).strip()
            if level == 1 and not document.title:
                document.title = _cap(title)
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


def read_pdf(path: Path, max_bytes: int = 0) -> Document:
    """Page by page with pypdf; lines are re-joined into paragraphs; page numbers start at 1.

    A PDF whose pages hold images but no text is a scan: reported as needing OCR instead of indexed empty.
    """
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are reported by us, in Dutch
    reader = PdfReader(str(path))
    if reader.is_encrypted:
        try:
            unlocked = reader.decrypt("")
        except Exception as exc:  # pypdf raises several types for unsupported encryption
            raise ReadError("beveiligd met een wachtwoord") from exc
        if not unlocked:
            raise ReadError("beveiligd met een wachtwoord")
    pages = [page.extract_text() or "" for page in reader.pages]
    if not pages:
        raise ReadError("de PDF heeft geen pagina's")
    if not any(text.strip() for text in pages):
        if any(_has_images(page) for page in reader.pages):
            raise ReadError("geen tekstlaag; OCR is nodig (gescande PDF)")
        raise ReadError("geen tekst gevonden (lege pagina's)")
    document = Document(title=_pdf_title(reader))
    bookmarks = _bookmarks(reader)
    section = ""
    offset = 0
    for number, page_text in enumerate(pages, start=1):
        cleaned = page_text.replace("\r", "")
        lines = [line.rstrip() for line in cleaned.split("\n")]
        paragraph: list[str] = []
        start_on_page = _positions(cleaned)

        def flush() -> None:
            nonlocal paragraph
            if paragraph:
                joined = _join_lines(paragraph)
                first = offset + start_on_page(paragraph[0])  # noqa: B023 (flush runs within this page)
                document.blocks.append(Block(text=joined, section=section, start=first, end=first + len(joined), page=number))  # noqa: B023
                paragraph = []

        for index, line in enumerate(lines):
            stripped = _SPACES.sub(" ", line.strip())  # justified text comes out with runs of spaces
            if not stripped:
                flush()
                continue
            if _opens_section(stripped, lines, index, paragraph, bookmarks):
                flush()
                # the first heading is the title when the PDF has none
                document.title, section = (document.title, stripped) if document.title else (stripped, section)
                continue
            if paragraph and _LIST_ITEM.match(stripped) and re.search(r"[.;:]$", paragraph[-1]):
                flush()  # a member ('2.'), part ('a.') or definition ('– woonruimte:') of a law opens its own paragraph
            paragraph.append(stripped)
            if re.search(r"[.!?]$", stripped) and len(stripped) < 50:
                flush()  # a short final line ends the paragraph
        flush()
        offset += len(page_text) + 1
    document.title = document.title or path.stem
    return document


_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_LIST_ITEM = re.compile(r"^(?:[-–•]\s|\d{1,2}[a-z]?\.\s|[a-z]{1,2}\.\s|\d{1,2}°\.?\s)")


def _opens_section(line: str, lines: list[str], index: int, paragraph: list[str], bookmarks: set[str]) -> bool:
    """A PDF line is a heading: one of the document's bookmarks ('Artikel 2.3.3', also when '1. Het college …'
    follows), or a short line after a finished paragraph that the next line continues with a capital."""
    if line in bookmarks:
        return True
    previous_ends = not paragraph or re.search(r"[.!?:]$", paragraph[-1])
    following = next((lines[j].strip() for j in range(index + 1, len(lines)) if lines[j].strip()), "")
    return bool(previous_ends and _looks_like_heading(line) and following[:1].isupper())


def _bookmarks(reader: Any) -> set[str]:
    """The titles of the PDF's bookmarks (its outline); empty for a PDF without or with a damaged outline."""
    titles: set[str] = set()

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                title = _SPACES.sub(" ", str(getattr(item, "title", "") or "").strip())
                if title:
                    titles.add(title)

    try:
        walk(reader.outline)
    except Exception:  # noqa: BLE001 - pypdf raises many types for damaged outlines; headings are then guessed
        return set()
    return titles


def _pdf_title(reader: Any) -> str:
    """The title in the PDF's info dictionary, or ''; a damaged dictionary costs the title, not the file."""
    try:
        return _cap(str((reader.metadata.title if reader.metadata else None) or ""))
    except Exception:  # noqa: BLE001 - pypdf raises many types for damaged info dictionaries
        return ""


def _has_images(page: Any) -> bool:
    """Whether a PDF page draws an image (a scanned page is one big image)."""
    try:
        resources: Any = page.get("/Resources") or {}
        objects: Any = resources.get_object().get("/XObject") or {}
        return any(item.get_object().get("/Subtype") == "/Image" for item in objects.get_object().values())
    except Exception:  # noqa: BLE001 - a damaged resource dictionary means: no image found
        return False


def _join_lines(lines: list[str]) -> str:
    """Undo PDF line wrapping, including words hyphenated across lines."""
    text = ""
    for line in lines:
        text = text[:-1] + line if text.endswith("-") and line[:1].islower() else f"{text} {line}" if text else line
    return text


# --------------------------------------------------------------------------- Word


def read_docx(path: Path, max_bytes: int = 0) -> Document:
    """Paragraphs by style: 'Title'/'Titel' gives the title, 'Heading n'/'Kop n' the sections; tables row by row."""
    import zipfile

    from docx import Document as open_docx

    if not zipfile.is_zipfile(path):
        raise ReadError("beschadigd of beveiligd met een wachtwoord (geen geldig Word-bestand)")
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if max_bytes and unpacked > 4 * max_bytes:
        raise _too_large(unpacked, 4 * max_bytes, "uitgepakt te groot")
    word = open_docx(str(path))
    core_title = _cap(word.core_properties.title or "")
    document = Document(title=core_title)
    section = ""
    first_heading = ""
    offset = 0
    for paragraph in word.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.lower() in ("title", "titel"):
            document.title = document.title or _cap(text)
        elif re.match(r"(heading|kop)\s*\d", style, re.I):
            section = text
            first_heading = first_heading or _cap(text)
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
    # without a title in the properties or a Title paragraph, the first heading names the document
    document.title = document.title or first_heading or path.stem
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
    document = Document(title=_cap(title_tag.get_text(" ", strip=True)) if title_tag else "")
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
                document.title = _cap(value)
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


# --------------------------------------------------------------------------- the table


def _markdown_file(path: Path, max_bytes: int) -> Document:
    return read_markdown(_read_text(path), path.stem)


def _plain_file(path: Path, max_bytes: int) -> Document:
    return read_plain(_read_text(path), path.stem)


def _html_file(path: Path, max_bytes: int) -> Document:
    return read_html(_read_text(path), path.stem)


READERS: dict[str, Reader] = {
    ".md": _markdown_file,
    ".markdown": _markdown_file,
    ".txt": _plain_file,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".html": _html_file,
    ".htm": _html_file,
}
"""One reader per file suffix; a new format is one function and one line here."""
SUPPORTED_SUFFIXES = tuple(READERS)

_DAMAGED = {
    ".pdf": "beschadigd of geen geldige PDF",
    ".docx": "beschadigd Word-bestand",
    ".md": "Markdown-bestand niet te lezen",
    ".markdown": "Markdown-bestand niet te lezen",
    ".txt": "tekstbestand niet te lezen",
    ".html": "HTML-bestand niet te lezen",
    ".htm": "HTML-bestand niet te lezen",
}
"""The Dutch reason for an unexpected library failure, per suffix (the exception's class is added)."""


def _positions(text: str) -> Callable[[str], int]:
    """Where each next paragraph of a page starts (found by its first line, in reading order)."""
    searched = 0

    def start(first_line: str) -> int:
        nonlocal searched
        first = max(text.find(first_line, searched), searched)
        searched = first + len(first_line)
        return first

    return start
