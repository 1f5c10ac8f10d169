"""What one file may cost when it is indexed: bytes on disk, bytes unpacked, PDF pages, passages, seconds.

A small file can hold a run hostage: a 261 kB .docx that unpacks to 189 MB of text, a 171 kB PDF of 1000
pages that all draw one huge content stream. The unpacked size is checked before the text is read (the
zip directory lists every entry's size; a PDF page's content is decompressed, not interpreted), passages
after cutting; seconds are kept by the worker that reads (ingest/worker.py). Each exceeded limit skips
the file with a Dutch reason naming the setting.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kennisbank.ingest.readers import ReadError
from koploper.numbers import fmt_dec
from koploper.settings import Settings

MB = 2**20


@dataclass(frozen=True)
class ReadLimits:
    """The budget of one file (from the KOPLOPER_MAX_* settings)."""

    max_bytes: int
    max_unpacked_bytes: int
    max_pdf_pages: int
    max_passages: int
    seconds: float

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadLimits:
        return cls(
            max_bytes=int(settings.max_file_mb * MB),
            max_unpacked_bytes=int(settings.max_unpacked_mb * MB),
            max_pdf_pages=settings.max_pdf_pages,
            max_passages=settings.max_passages,
            seconds=settings.max_file_seconds,
        )


def _mb(size: int) -> str:
    return f"{fmt_dec(size / MB, 0 if size >= 10 * MB else 1)} MB"


def _unpacked_too_large(size: int, limits: ReadLimits, what: str) -> ReadError:
    return ReadError(
        f"{what} tot meer dan {_mb(limits.max_unpacked_bytes)} ({_mb(size)} of meer; het maximum is in te stellen "
        "met KOPLOPER_MAX_UNPACKED_MB); niet gelezen"
    )


def check_unpacked(path: Path, limits: ReadLimits) -> None:
    """Before reading: a .docx's entries, a PDF's pages and their decompressed contents within the budget."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        _check_docx(path, limits)
    elif suffix == ".pdf":
        _check_pdf(path, limits)


def _check_docx(path: Path, limits: ReadLimits) -> None:
    """The sizes in the zip directory; zipfile stops any entry that unpacks beyond its listed size."""
    if not zipfile.is_zipfile(path):
        return  # the reader says it is damaged
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > limits.max_unpacked_bytes:
        raise _unpacked_too_large(unpacked, limits, "het Word-bestand pakt uit")


def _check_pdf(path: Path, limits: ReadLimits) -> None:
    """Page count, then each page's content decompressed and counted (pages that share one stream count
    it every time: the text extraction interprets it every time)."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            return  # the reader asks for the password
        pages: Any = reader.pages
        count = len(pages)
    except Exception:  # noqa: BLE001 - a damaged PDF is reported by the reader, with its own reason
        return
    if count > limits.max_pdf_pages:
        raise ReadError(
            f"de PDF heeft {fmt_dec(count, 0)} pagina's (het maximum is {fmt_dec(limits.max_pdf_pages, 0)}, "
            "in te stellen met KOPLOPER_MAX_PDF_PAGES); niet gelezen"
        )
    total = 0
    for page in pages:
        try:
            contents = page.get_contents()
            total += len(contents.get_data()) if contents is not None else 0
        except LimitReachedError:  # pypdf's own limit on one stream (75 MB)
            raise _unpacked_too_large(total + 75_000_000, limits, "de pagina-inhoud van de PDF pakt uit") from None
        except Exception:  # noqa: BLE001 - a damaged stream: the reader reports it, with its own reason
            return
        if total > limits.max_unpacked_bytes:
            raise _unpacked_too_large(total, limits, "de pagina-inhoud van de PDF pakt uit")


def check_passages(count: int, limits: ReadLimits) -> None:
    if count > limits.max_passages:
        raise ReadError(
            f"te veel stukken ({fmt_dec(count, 0)}; het maximum is {fmt_dec(limits.max_passages, 0)} per bestand, "
            "in te stellen met KOPLOPER_MAX_PASSAGES); niet geïndexeerd"
        )
