"""Reading files for the index in a separate process that can be stopped.

Parsing a hostile file can take hours (a PDF of 1000 pages that all draw one huge stream) or wait for
ever (a file swapped for a FIFO between the check and the open). The indexer holds the index lock while
it reads, so no file may take longer than its budget: each file is read and cut into passages in a
worker process, and a worker that has not answered within the budget's seconds is stopped and a new one
started for the next file. The worker is started with `spawn` (a fresh interpreter: the parent may hold
the model's threads and the lock's descriptor) and only when a file needs reading.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType

from kennisbank.ingest.budget import ReadLimits, check_passages, check_unpacked
from kennisbank.ingest.chunking import Chunk, chunk_document
from kennisbank.ingest.readers import Document, ReadError, read_document


@dataclass
class ReadOutcome:
    """A file read and cut (`document` without its blocks, and `chunks`), or the Dutch `reason` it was not."""

    document: Document | None = None
    chunks: list[Chunk] | None = None
    reason: str = ""


def read_and_cut(path: Path, key: str, limits: ReadLimits) -> ReadOutcome:
    """One file within its budget (bytes, unpacked bytes, pages, passages), in this process."""
    try:
        check_unpacked(path, limits)
        document = storable(read_document(path, limits.max_bytes))
        chunks = chunk_document(document, key)
        check_passages(len(chunks), limits)
    except ReadError as error:
        if type(error.__cause__).__name__ == "LimitReachedError":  # pypdf's own limits on one stream or operation
            return ReadOutcome(reason="de PDF pakt uit tot meer dan pypdf toelaat (75 MB per onderdeel); niet gelezen")
        return ReadOutcome(reason=error.reason)
    except OSError as error:
        from kennisbank.ingest.readers import os_error_reason

        return ReadOutcome(reason=os_error_reason(error))
    except MemoryError:
        return ReadOutcome(reason="te groot om te lezen (geheugen vol); niet geïndexeerd")
    document.blocks = []  # the passages carry the text; no need to send it twice
    return ReadOutcome(document=document, chunks=chunks)


def _storable_text(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: a file name's bytes that are not UTF-8, a PDF's odd font map
        return text.encode("utf-8", "surrogateescape" if _escaped_bytes(text) else "replace").decode("utf-8", "replace")
    return text


def _escaped_bytes(text: str) -> bool:
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


def storable(document: Document) -> Document:
    """The document with text that the store, Chroma and JSON can hold: what is not UTF-8 becomes �.

    Its title may be the file name (non-UTF-8 bytes are allowed there), and a PDF's text may hold lone
    surrogates; either would stop the run where the text is hashed or stored."""
    document.title = _storable_text(document.title)
    for block in document.blocks:
        if not block.text.isascii() or not block.section.isascii():
            block.text, block.section = _storable_text(block.text), _storable_text(block.section)
    return document


def _serve(connection: Connection, limits: ReadLimits) -> None:
    """The worker's loop: (path, key) in, a ReadOutcome out, until None."""
    while True:
        job = connection.recv()
        if job is None:
            return
        path, key = job
        connection.send(read_and_cut(path, key, limits))


class ReadWorker:
    """Reads files one by one in a worker process; a file that takes longer than `limits.seconds` is skipped."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.process: BaseProcess | None = None
        self.connection: Connection | None = None

    def __enter__(self) -> ReadWorker:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def _start(self) -> Connection:
        if self.process is None or self.connection is None or not self.process.is_alive():
            self.close()
            context = multiprocessing.get_context("spawn")
            ours, theirs = context.Pipe()
            self.process = context.Process(target=_serve, args=(theirs, self.limits), daemon=True, name="koploper-lezen")
            self.process.start()
            theirs.close()
            self.connection = ours
        return self.connection

    def read(self, path: Path, key: str) -> ReadOutcome:
        connection = self._start()
        try:
            connection.send((path, key))
            if connection.poll(self.limits.seconds):
                outcome: ReadOutcome = connection.recv()
                return outcome
        except (EOFError, OSError):
            self.stop()
            return ReadOutcome(reason="het lezen brak af (het leesproces stopte); niet geïndexeerd")
        self.stop()
        return ReadOutcome(
            reason=f"lezen duurde langer dan {f'{self.limits.seconds:g}'.replace('.', ',')} s (in te stellen met "
            "KOPLOPER_MAX_FILE_SECONDS); gestopt en overgeslagen"
        )

    def stop(self) -> None:
        """Stop the worker at once (it may be stuck in a file); the next read starts a new one."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
        if self.connection is not None:
            self.connection.close()
        self.process = self.connection = None

    def close(self) -> None:
        """End the worker: asked nicely when it is idle, stopped otherwise."""
        if self.connection is not None and self.process is not None and self.process.is_alive():
            try:
                self.connection.send(None)
                self.process.join(timeout=5)
            except OSError:
                pass
        self.stop()
